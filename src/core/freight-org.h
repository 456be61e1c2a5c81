/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "freight-auth.h"
#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_ORG (freight_org_get_type ())

G_DECLARE_FINAL_TYPE (FreightOrg, freight_org, FREIGHT, ORG, GObject)

FreightOrg        *freight_org_new                   (const char        *alias);
FreightOrg        *freight_org_copy                  (FreightOrg        *self);
FreightOrg        *freight_org_new_from_json         (JsonObject        *object,
                                                      GError           **error);
JsonObject        *freight_org_to_json               (FreightOrg        *self);

const char        *freight_org_get_alias             (FreightOrg        *self);
const char        *freight_org_get_login_url         (FreightOrg        *self);
void               freight_org_set_login_url         (FreightOrg        *self,
                                                      const char        *login_url);
const char        *freight_org_get_instance_url      (FreightOrg        *self);
void               freight_org_set_instance_url      (FreightOrg        *self,
                                                      const char        *instance_url);
const char        *freight_org_get_username          (FreightOrg        *self);
void               freight_org_set_username          (FreightOrg        *self,
                                                      const char        *username);
const char        *freight_org_get_org_id            (FreightOrg        *self);
void               freight_org_set_org_id            (FreightOrg        *self,
                                                      const char        *org_id);
const char        *freight_org_get_user_id           (FreightOrg        *self);
void               freight_org_set_user_id           (FreightOrg        *self,
                                                      const char        *user_id);
const char        *freight_org_get_org_name          (FreightOrg        *self);
void               freight_org_set_org_name          (FreightOrg        *self,
                                                      const char        *org_name);
const char        *freight_org_get_user_name         (FreightOrg        *self);
void               freight_org_set_user_name         (FreightOrg        *self,
                                                      const char        *user_name);
gboolean           freight_org_get_is_sandbox        (FreightOrg        *self);
void               freight_org_set_is_sandbox        (FreightOrg        *self,
                                                      gboolean           is_sandbox);
FreightAuthMethod  freight_org_get_auth_method       (FreightOrg        *self);
void               freight_org_set_auth_method       (FreightOrg        *self,
                                                      FreightAuthMethod  method);
const char        *freight_org_get_client_id         (FreightOrg        *self);
void               freight_org_set_client_id         (FreightOrg        *self,
                                                      const char        *client_id);
const char        *freight_org_get_ca_file           (FreightOrg        *self);
void               freight_org_set_ca_file           (FreightOrg        *self,
                                                      const char        *ca_file);
const char        *freight_org_get_key_file          (FreightOrg        *self);
void               freight_org_set_key_file          (FreightOrg        *self,
                                                      const char        *key_file);
gboolean           freight_org_get_is_production     (FreightOrg        *self);
char              *freight_org_dup_display_name      (FreightOrg        *self);
gboolean           freight_org_update_from_session   (FreightOrg        *self,
                                                      FreightOrgSession *session);

G_END_DECLS
