/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-org.h"
#include "freight-org-secrets.h"
#include "freight-org-store.h"

G_BEGIN_DECLS

/* The keyring side of FreightOrgStore (freight-org-secrets.c). */

gboolean           _freight_org_keyring_store  (FreightOrg            *org,
                                                FreightOrgSecretKind   kind,
                                                const char            *value,
                                                GCancellable          *cancellable,
                                                GError               **error);
void               _freight_org_keyring_store_async (FreightOrg       *org,
                                                     FreightOrgSecretKind kind,
                                                     const char       *value);
gboolean           _freight_org_keyring_clear  (FreightOrg            *org,
                                                int                    kind,
                                                GCancellable          *cancellable,
                                                GError               **error);
FreightOrgSecrets *_freight_org_keyring_lookup (FreightOrg            *org,
                                                GCancellable          *cancellable,
                                                GError               **error);

/* The operations of FreightOrgStore, safe from any thread (freight-org-store.c), and the
 * model update, on the owner thread only. */

gboolean           _freight_org_store_read_file      (FreightOrgStore     *self,
                                                      GError             **error);
gboolean           _freight_org_store_do_save        (FreightOrgStore     *self,
                                                      FreightOrg          *org,
                                                      FreightOrgSecrets   *secrets,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
gboolean           _freight_org_store_do_remove      (FreightOrgStore     *self,
                                                      const char          *alias,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
gboolean           _freight_org_store_do_set_default (FreightOrgStore     *self,
                                                      const char          *alias,
                                                      GError             **error);
FreightAuth       *_freight_org_store_do_create_auth (FreightOrgStore     *self,
                                                      FreightOrg          *org,
                                                      FreightHttpClient   *http,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
void               _freight_org_store_sync_model     (FreightOrgStore     *self);
FreightOrg        *_freight_org_store_dup_org        (FreightOrgStore     *self,
                                                      const char          *alias);

/* Sign-out and sessions of saved orgs (freight-org-store-session.c), safe from any
 * thread. */

gboolean           _freight_org_store_do_sign_out     (FreightOrgStore     *self,
                                                       const char          *alias,
                                                       FreightSignOutFlags  flags,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
FreightOrgSession *_freight_org_store_do_open_session (FreightOrgStore     *self,
                                                       FreightOrg          *org,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

G_END_DECLS
