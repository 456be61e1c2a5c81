/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-org.h"
#include "freight-org-secrets.h"
#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_ORG_STORE_ERROR (freight_org_store_error_quark ())

/**
 * FreightOrgStoreError:
 * @FREIGHT_ORG_STORE_ERROR_KEYRING: the keyring is missing, locked or refused
 * @FREIGHT_ORG_STORE_ERROR_NOT_FOUND: no saved org by that name
 * @FREIGHT_ORG_STORE_ERROR_INVALID: the org lacks what saving needs, or the alias is taken
 * @FREIGHT_ORG_STORE_ERROR_NO_SECRET: the keyring has no secret to sign in with
 * @FREIGHT_ORG_STORE_ERROR_FILE: the saved orgs file cannot be read or written
 */
typedef enum
{
  FREIGHT_ORG_STORE_ERROR_KEYRING,
  FREIGHT_ORG_STORE_ERROR_NOT_FOUND,
  FREIGHT_ORG_STORE_ERROR_INVALID,
  FREIGHT_ORG_STORE_ERROR_NO_SECRET,
  FREIGHT_ORG_STORE_ERROR_FILE,
} FreightOrgStoreError;

GQuark freight_org_store_error_quark (void);

/**
 * FreightSignOutFlags:
 * @FREIGHT_SIGN_OUT_NONE: revoke at the server first; if that fails, keep everything
 * @FREIGHT_SIGN_OUT_FORCE: forget the org even when the server cannot be reached to
 *   revoke its tokens (they then stay valid until they expire or an admin revokes them)
 */
typedef enum
{
  FREIGHT_SIGN_OUT_NONE  = 0,
  FREIGHT_SIGN_OUT_FORCE = 1 << 0,
} FreightSignOutFlags;

#define FREIGHT_TYPE_ORG_STORE (freight_org_store_get_type ())

G_DECLARE_FINAL_TYPE (FreightOrgStore, freight_org_store, FREIGHT, ORG_STORE, GObject)

FreightOrgStore    *freight_org_store_new                (const char            *config_dir);
const char         *freight_org_store_get_path           (FreightOrgStore       *self);
gboolean            freight_org_store_load               (FreightOrgStore       *self,
                                                          GError               **error);
void                freight_org_store_load_async         (FreightOrgStore       *self,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean            freight_org_store_load_finish        (FreightOrgStore       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
FreightOrg         *freight_org_store_lookup             (FreightOrgStore       *self,
                                                          const char            *name);
FreightOrg         *freight_org_store_get_default        (FreightOrgStore       *self);

gboolean            freight_org_store_save               (FreightOrgStore       *self,
                                                          FreightOrg            *org,
                                                          FreightOrgSecrets     *secrets,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
void                freight_org_store_save_async         (FreightOrgStore       *self,
                                                          FreightOrg            *org,
                                                          FreightOrgSecrets     *secrets,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean            freight_org_store_save_finish        (FreightOrgStore       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
gboolean            freight_org_store_remove             (FreightOrgStore       *self,
                                                          const char            *alias,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
void                freight_org_store_remove_async       (FreightOrgStore       *self,
                                                          const char            *alias,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean            freight_org_store_remove_finish      (FreightOrgStore       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
gboolean            freight_org_store_set_default        (FreightOrgStore       *self,
                                                          const char            *alias,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
void                freight_org_store_set_default_async  (FreightOrgStore       *self,
                                                          const char            *alias,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean            freight_org_store_set_default_finish (FreightOrgStore       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
FreightOrgSecrets  *freight_org_store_lookup_secrets     (FreightOrgStore       *self,
                                                          FreightOrg            *org,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
gboolean            freight_org_store_store_secret       (FreightOrgStore       *self,
                                                          FreightOrg            *org,
                                                          FreightOrgSecretKind   kind,
                                                          const char            *value,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
FreightAuth        *freight_org_store_create_auth        (FreightOrgStore       *self,
                                                          FreightOrg            *org,
                                                          FreightHttpClient     *http,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
void                freight_org_store_create_auth_async  (FreightOrgStore       *self,
                                                          FreightOrg            *org,
                                                          FreightHttpClient     *http,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
FreightAuth        *freight_org_store_create_auth_finish (FreightOrgStore       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

gboolean            freight_org_store_sign_out           (FreightOrgStore       *self,
                                                          const char            *alias,
                                                          FreightSignOutFlags    flags,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
void                freight_org_store_sign_out_async     (FreightOrgStore       *self,
                                                          const char            *alias,
                                                          FreightSignOutFlags    flags,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean            freight_org_store_sign_out_finish    (FreightOrgStore       *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
FreightOrgSession  *freight_org_store_open_session       (FreightOrgStore       *self,
                                                          FreightOrg            *org,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
void                freight_org_store_open_session_async (FreightOrgStore       *self,
                                                          FreightOrg            *org,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
FreightOrgSession  *freight_org_store_open_session_finish (FreightOrgStore      *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
void                freight_org_store_track_auth         (FreightOrgStore       *self,
                                                          FreightOrg            *org,
                                                          FreightAuth           *auth);

G_END_DECLS
