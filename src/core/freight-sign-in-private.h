/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-org-secrets.h"
#include "freight-sign-in.h"

G_BEGIN_DECLS

/* Shared by freight-sign-in.c (the object, its settings and checks) and
 * freight-sign-in-run.c (the sign-in itself). */

struct _FreightSignIn
{
  GObject             parent_instance;

  FreightAuthMethod   method;
  char               *login_url;
  char               *alias;
  char               *client_id;
  char               *username;
  char               *instance_url;
  char               *key_file;
  char               *ca_file;
  guint               port;
  guint               timeout;
  FreightOrgSecrets  *secrets;

  FreightSignInState  state;
  char               *authorize_url;
  char               *redirect_uri;
  FreightOrg         *org;
  gboolean            running;
};

const char *_freight_sign_in_effective_client_id (FreightSignIn       *self);
char       *_freight_sign_in_check              (FreightSignIn       *self,
                                                 GError             **error);
void        _freight_sign_in_set_state          (FreightSignIn       *self,
                                                 FreightSignInState   state);
void        _freight_sign_in_set_browser        (FreightSignIn       *self,
                                                 const char          *authorize_url,
                                                 const char          *redirect_uri);
void        _freight_sign_in_set_org            (FreightSignIn       *self,
                                                 FreightOrg          *org);

G_END_DECLS
