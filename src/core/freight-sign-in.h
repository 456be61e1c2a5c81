/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-auth.h"
#include "freight-org-secrets.h"
#include "freight-types.h"

G_BEGIN_DECLS

/*
 * One sign-in to an org, for the window's add-org dialog and `freight-cli login`:
 *
 *   sign_in = freight_sign_in_new (FREIGHT_AUTH_METHOD_WEB);       (or JWT, PASSWORD…)
 *   freight_sign_in_set_login_url (sign_in, "sandbox");            (or a My Domain URL)
 *   freight_sign_in_set_client_id (sign_in, consumer_key);
 *   freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_CLIENT_SECRET, secret);
 *   if (!freight_sign_in_validate (sign_in, &error))               (no request yet)
 *     show error->message under the form;
 *   g_signal_connect_object (sign_in, "notify::state", G_CALLBACK (state_cb), self, 0);
 *   freight_sign_in_run_async (sign_in, store, cancellable, done_cb, self);
 *
 * In state_cb, %FREIGHT_SIGN_IN_STATE_WAITING_FOR_BROWSER means: open
 * freight_sign_in_get_authorize_url() with gtk_show_uri() (portal-friendly) and offer it
 * for copying; the other states are steps to show. In done_cb,
 * freight_sign_in_run_finish() gives the connected session, and FreightSignIn:org the
 * saved org (user and org names, freight_org_get_is_production() for the header).
 * Errors are in FREIGHT_AUTH_ERROR, FREIGHT_HTTP_ERROR, FREIGHT_ORG_STORE_ERROR or
 * G_IO_ERROR_CANCELLED, with a message for the user. The setters are also properties the
 * dialog's widgets can bind to.
 */

/**
 * FreightSignInState:
 * @FREIGHT_SIGN_IN_STATE_IDLE: not started
 * @FREIGHT_SIGN_IN_STATE_WAITING_FOR_BROWSER: web flow: the authorize URL is ready
 *   (FreightSignIn:authorize-url); open it and wait for the user to sign in there
 * @FREIGHT_SIGN_IN_STATE_REQUESTING_TOKEN: asking the org's token endpoint
 * @FREIGHT_SIGN_IN_STATE_CONNECTING: checking the token: API version, user and org
 * @FREIGHT_SIGN_IN_STATE_SAVING: writing the org and its secrets (keyring)
 * @FREIGHT_SIGN_IN_STATE_DONE: signed in (and saved, when a store was given)
 * @FREIGHT_SIGN_IN_STATE_FAILED: the run ended with an error (or was cancelled)
 *
 * The progress of a sign-in, for the window's add-org dialog and the CLI.
 */
typedef enum
{
  FREIGHT_SIGN_IN_STATE_IDLE,
  FREIGHT_SIGN_IN_STATE_WAITING_FOR_BROWSER,
  FREIGHT_SIGN_IN_STATE_REQUESTING_TOKEN,
  FREIGHT_SIGN_IN_STATE_CONNECTING,
  FREIGHT_SIGN_IN_STATE_SAVING,
  FREIGHT_SIGN_IN_STATE_DONE,
  FREIGHT_SIGN_IN_STATE_FAILED,
} FreightSignInState;

#define FREIGHT_TYPE_SIGN_IN_STATE (freight_sign_in_state_get_type ())
GType freight_sign_in_state_get_type (void) G_GNUC_CONST;

#define FREIGHT_TYPE_SIGN_IN (freight_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (FreightSignIn, freight_sign_in, FREIGHT, SIGN_IN, GObject)

FreightSignIn      *freight_sign_in_new                (FreightAuthMethod     method);
FreightSignIn      *freight_sign_in_new_for_org        (FreightOrg           *org);
FreightAuthMethod   freight_sign_in_get_method         (FreightSignIn        *self);
const char         *freight_sign_in_get_login_url      (FreightSignIn        *self);
void                freight_sign_in_set_login_url      (FreightSignIn        *self,
                                                        const char           *login_url);
const char         *freight_sign_in_get_alias          (FreightSignIn        *self);
void                freight_sign_in_set_alias          (FreightSignIn        *self,
                                                        const char           *alias);
const char         *freight_sign_in_get_client_id      (FreightSignIn        *self);
void                freight_sign_in_set_client_id      (FreightSignIn        *self,
                                                        const char           *client_id);
const char         *freight_sign_in_get_username       (FreightSignIn        *self);
void                freight_sign_in_set_username       (FreightSignIn        *self,
                                                        const char           *username);
const char         *freight_sign_in_get_instance_url   (FreightSignIn        *self);
void                freight_sign_in_set_instance_url   (FreightSignIn        *self,
                                                        const char           *instance_url);
const char         *freight_sign_in_get_key_file       (FreightSignIn        *self);
void                freight_sign_in_set_key_file       (FreightSignIn        *self,
                                                        const char           *key_file);
const char         *freight_sign_in_get_ca_file        (FreightSignIn        *self);
void                freight_sign_in_set_ca_file        (FreightSignIn        *self,
                                                        const char           *ca_file);
guint               freight_sign_in_get_port           (FreightSignIn        *self);
void                freight_sign_in_set_port           (FreightSignIn        *self,
                                                        guint                 port);
guint               freight_sign_in_get_timeout        (FreightSignIn        *self);
void                freight_sign_in_set_timeout        (FreightSignIn        *self,
                                                        guint                 seconds);
void                freight_sign_in_set_secret         (FreightSignIn        *self,
                                                        FreightOrgSecretKind  kind,
                                                        const char           *value);
gboolean            freight_sign_in_has_secret         (FreightSignIn        *self,
                                                        FreightOrgSecretKind  kind);
gboolean            freight_sign_in_validate           (FreightSignIn        *self,
                                                        GError              **error);
FreightSignInState  freight_sign_in_get_state          (FreightSignIn        *self);
const char         *freight_sign_in_get_authorize_url  (FreightSignIn        *self);
const char         *freight_sign_in_get_redirect_uri   (FreightSignIn        *self);
FreightOrg         *freight_sign_in_get_org            (FreightSignIn        *self);
void                freight_sign_in_run_async          (FreightSignIn        *self,
                                                        FreightOrgStore      *store,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
FreightOrgSession  *freight_sign_in_run_finish         (FreightSignIn        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
