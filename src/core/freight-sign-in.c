/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-sign-in"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-http-error.h"
#include "freight-login-url.h"
#include "freight-oauth-client.h"
#include "freight-org.h"
#include "freight-sign-in-private.h"
#include "freight-web-sign-in.h"

/* One sign-in to an org, as the add-org dialog and `freight-cli login` describe it: the
 * method (browser, JWT, password, client credentials, a pasted token, a refresh token),
 * the login host, the connected app, the user and the secrets. Its settings are
 * properties the dialog can bind to; secrets are set with freight_sign_in_set_secret()
 * and never readable back. freight_sign_in_run_async() (freight-sign-in-run.c) does the
 * sign-in, reporting its progress in FreightSignIn:state, and saves the org. */

G_DEFINE_ENUM_TYPE (FreightSignInState, freight_sign_in_state,
  G_DEFINE_ENUM_VALUE (FREIGHT_SIGN_IN_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (FREIGHT_SIGN_IN_STATE_WAITING_FOR_BROWSER, "waiting-for-browser"),
  G_DEFINE_ENUM_VALUE (FREIGHT_SIGN_IN_STATE_REQUESTING_TOKEN, "requesting-token"),
  G_DEFINE_ENUM_VALUE (FREIGHT_SIGN_IN_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (FREIGHT_SIGN_IN_STATE_SAVING, "saving"),
  G_DEFINE_ENUM_VALUE (FREIGHT_SIGN_IN_STATE_DONE, "done"),
  G_DEFINE_ENUM_VALUE (FREIGHT_SIGN_IN_STATE_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (FreightSignIn, freight_sign_in, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_METHOD,
  PROP_LOGIN_URL,
  PROP_ALIAS,
  PROP_CLIENT_ID,
  PROP_USERNAME,
  PROP_INSTANCE_URL,
  PROP_KEY_FILE,
  PROP_CA_FILE,
  PROP_PORT,
  PROP_TIMEOUT,
  PROP_STATE,
  PROP_AUTHORIZE_URL,
  PROP_REDIRECT_URI,
  PROP_ORG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
string_field (FreightSignIn *self,
              guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_LOGIN_URL:
      return &self->login_url;
    case PROP_ALIAS:
      return &self->alias;
    case PROP_CLIENT_ID:
      return &self->client_id;
    case PROP_USERNAME:
      return &self->username;
    case PROP_INSTANCE_URL:
      return &self->instance_url;
    case PROP_KEY_FILE:
      return &self->key_file;
    case PROP_CA_FILE:
      return &self->ca_file;
    default:
      return NULL;
    }
}

static void
set_string (FreightSignIn *self,
            guint          prop_id,
            const char    *value)
{
  char **field = string_field (self, prop_id);
  g_autofree char *trimmed = value != NULL ? g_strstrip (g_strdup (value)) : NULL;

  g_assert (field != NULL);
  if (trimmed != NULL && *trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);
  if (g_strcmp0 (*field, trimmed) == 0)
    return;
  g_free (*field);
  *field = g_steal_pointer (&trimmed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
freight_sign_in_finalize (GObject *object)
{
  FreightSignIn *self = FREIGHT_SIGN_IN (object);

  for (guint prop_id = PROP_LOGIN_URL; prop_id <= PROP_CA_FILE; prop_id++)
    g_clear_pointer (string_field (self, prop_id), g_free);
  g_clear_pointer (&self->secrets, freight_org_secrets_free);
  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->redirect_uri, g_free);
  g_clear_object (&self->org);

  G_OBJECT_CLASS (freight_sign_in_parent_class)->finalize (object);
}

static void
freight_sign_in_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FreightSignIn *self = FREIGHT_SIGN_IN (object);

  if (string_field (self, prop_id) != NULL)
    {
      g_value_set_string (value, *string_field (self, prop_id));
      return;
    }

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_AUTHORIZE_URL:
      g_value_set_string (value, self->authorize_url);
      break;

    case PROP_REDIRECT_URI:
      g_value_set_string (value, self->redirect_uri);
      break;

    case PROP_ORG:
      g_value_set_object (value, self->org);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_sign_in_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FreightSignIn *self = FREIGHT_SIGN_IN (object);

  if (string_field (self, prop_id) != NULL)
    {
      set_string (self, prop_id, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_METHOD:
      self->method = g_value_get_enum (value);
      break;

    case PROP_PORT:
      freight_sign_in_set_port (self, g_value_get_uint (value));
      break;

    case PROP_TIMEOUT:
      freight_sign_in_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_sign_in_class_init (FreightSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                          | G_PARAM_STATIC_STRINGS);
  const GParamFlags ro = (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = freight_sign_in_finalize;
  object_class->get_property = freight_sign_in_get_property;
  object_class->set_property = freight_sign_in_set_property;

  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, FREIGHT_TYPE_AUTH_METHOD,
                       FREIGHT_AUTH_METHOD_WEB,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* login-url: production, sandbox, a My Domain or a local org (NULL: production).
   * alias: the name of the saved org (NULL: the username). client-id: the connected
   * app's consumer key (NULL: the one the build was given, if any). username: for
   * password and JWT, and a hint for the browser's login page. instance-url: where a
   * pasted access token belongs. key-file: the JWT private key. ca-file: a CA certificate
   * to trust besides the system's (a local org with a self-signed certificate). */
  properties[PROP_LOGIN_URL] = g_param_spec_string ("login-url", NULL, NULL, NULL, rw);
  properties[PROP_ALIAS] = g_param_spec_string ("alias", NULL, NULL, NULL, rw);
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, rw);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, rw);
  properties[PROP_INSTANCE_URL] = g_param_spec_string ("instance-url", NULL, NULL, NULL, rw);
  properties[PROP_KEY_FILE] = g_param_spec_string ("key-file", NULL, NULL, NULL, rw);
  properties[PROP_CA_FILE] = g_param_spec_string ("ca-file", NULL, NULL, NULL, rw);

  /**
   * FreightSignIn:port:
   *
   * The web flow's loopback port on 127.0.0.1; it is part of the callback URL the
   * connected app must accept. 0 picks a free port (only for orgs that accept any
   * loopback port, such as freight-local-org).
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, FREIGHT_WEB_SIGN_IN_DEFAULT_PORT,
                       rw);

  /**
   * FreightSignIn:timeout:
   *
   * How many seconds the web flow waits for the browser.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 24 * 3600,
                       FREIGHT_WEB_SIGN_IN_DEFAULT_TIMEOUT, rw);

  /**
   * FreightSignIn:state:
   *
   * Where the running sign-in is. Changes arrive in the main context the run was
   * started from.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FREIGHT_TYPE_SIGN_IN_STATE,
                       FREIGHT_SIGN_IN_STATE_IDLE, ro);

  /**
   * FreightSignIn:authorize-url:
   *
   * The web flow's page to open in the system browser, set when the state becomes
   * %FREIGHT_SIGN_IN_STATE_WAITING_FOR_BROWSER. It carries no secret (only the PKCE
   * challenge and the state), so it can be shown for copying.
   */
  properties[PROP_AUTHORIZE_URL] = g_param_spec_string ("authorize-url", NULL, NULL, NULL, ro);

  /**
   * FreightSignIn:redirect-uri:
   *
   * The web flow's callback URL, http://localhost:PORT/OauthRedirect, to show when the
   * org refuses it.
   */
  properties[PROP_REDIRECT_URI] = g_param_spec_string ("redirect-uri", NULL, NULL, NULL, ro);

  /**
   * FreightSignIn:org:
   *
   * The signed-in org's facts (alias, URLs, user and org names, sandbox or production),
   * once the state is %FREIGHT_SIGN_IN_STATE_SAVING or %FREIGHT_SIGN_IN_STATE_DONE.
   */
  properties[PROP_ORG] = g_param_spec_object ("org", NULL, NULL, FREIGHT_TYPE_ORG, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_sign_in_init (FreightSignIn *self)
{
  self->port = FREIGHT_WEB_SIGN_IN_DEFAULT_PORT;
  self->timeout = FREIGHT_WEB_SIGN_IN_DEFAULT_TIMEOUT;
  self->secrets = freight_org_secrets_new ();
}

/**
 * freight_sign_in_new:
 * @method: how to sign in: %FREIGHT_AUTH_METHOD_WEB, %FREIGHT_AUTH_METHOD_JWT,
 *   %FREIGHT_AUTH_METHOD_PASSWORD, %FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS,
 *   %FREIGHT_AUTH_METHOD_ACCESS_TOKEN or %FREIGHT_AUTH_METHOD_REFRESH_TOKEN
 *
 * Returns: (transfer full): a sign-in to set up, then run
 */
FreightSignIn *
freight_sign_in_new (FreightAuthMethod method)
{
  g_return_val_if_fail (method != FREIGHT_AUTH_METHOD_NONE, NULL);

  return g_object_new (FREIGHT_TYPE_SIGN_IN, "method", method, NULL);
}

/**
 * freight_sign_in_new_for_org:
 * @org: a saved org
 *
 * A sign-in that repairs @org, e.g. after its session asked the user to sign in again:
 * the same method, login URL, connected app, user, key and CA file, under the same
 * alias. Set its secrets (password, passphrase…) before running it; an org signed in
 * with a refresh token from elsewhere signs in through the browser.
 *
 * Returns: (transfer full): the sign-in
 */
FreightSignIn *
freight_sign_in_new_for_org (FreightOrg *org)
{
  FreightAuthMethod method;
  FreightSignIn *self;

  g_return_val_if_fail (FREIGHT_IS_ORG (org), NULL);

  method = freight_org_get_auth_method (org);
  if (method == FREIGHT_AUTH_METHOD_NONE || method == FREIGHT_AUTH_METHOD_REFRESH_TOKEN)
    method = FREIGHT_AUTH_METHOD_WEB;

  self = freight_sign_in_new (method);
  freight_sign_in_set_alias (self, freight_org_get_alias (org));
  freight_sign_in_set_login_url (self, freight_org_get_login_url (org));
  freight_sign_in_set_client_id (self, freight_org_get_client_id (org));
  freight_sign_in_set_username (self, freight_org_get_username (org));
  freight_sign_in_set_key_file (self, freight_org_get_key_file (org));
  freight_sign_in_set_ca_file (self, freight_org_get_ca_file (org));
  if (method == FREIGHT_AUTH_METHOD_ACCESS_TOKEN)
    freight_sign_in_set_instance_url (self, freight_org_get_instance_url (org));
  return self;
}

FreightAuthMethod
freight_sign_in_get_method (FreightSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_SIGN_IN (self), FREIGHT_AUTH_METHOD_NONE);
  return self->method;
}

#define STRING_ACCESSORS(name, PROP)                                                     \
  const char *                                                                           \
  freight_sign_in_get_##name (FreightSignIn *self)                                       \
  {                                                                                      \
    g_return_val_if_fail (FREIGHT_IS_SIGN_IN (self), NULL);                              \
    return *string_field (self, PROP);                                                   \
  }                                                                                      \
                                                                                         \
  void                                                                                   \
  freight_sign_in_set_##name (FreightSignIn *self,                                       \
                              const char    *value)                                      \
  {                                                                                      \
    g_return_if_fail (FREIGHT_IS_SIGN_IN (self));                                        \
    set_string (self, PROP, value);                                                      \
  }

STRING_ACCESSORS (login_url, PROP_LOGIN_URL)
STRING_ACCESSORS (alias, PROP_ALIAS)
STRING_ACCESSORS (client_id, PROP_CLIENT_ID)
STRING_ACCESSORS (username, PROP_USERNAME)
STRING_ACCESSORS (instance_url, PROP_INSTANCE_URL)
STRING_ACCESSORS (key_file, PROP_KEY_FILE)
STRING_ACCESSORS (ca_file, PROP_CA_FILE)

guint
freight_sign_in_get_port (FreightSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_SIGN_IN (self), 0);
  return self->port;
}

void
freight_sign_in_set_port (FreightSignIn *self,
                          guint          port)
{
  g_return_if_fail (FREIGHT_IS_SIGN_IN (self));
  g_return_if_fail (port <= G_MAXUINT16);

  if (self->port == port)
    return;
  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

guint
freight_sign_in_get_timeout (FreightSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_SIGN_IN (self), 0);
  return self->timeout;
}

void
freight_sign_in_set_timeout (FreightSignIn *self,
                             guint          seconds)
{
  g_return_if_fail (FREIGHT_IS_SIGN_IN (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * freight_sign_in_set_secret:
 * @self: a sign-in
 * @kind: which secret: the password, the security token, the consumer secret, the key's
 *   passphrase, a pasted access token, or a refresh token
 * @value: (nullable): the secret, or %NULL to forget it
 *
 * Secrets are kept in memory until the sign-in is freed (wiped then) and, when the run
 * saves the org, written to the keyring only.
 */
void
freight_sign_in_set_secret (FreightSignIn        *self,
                            FreightOrgSecretKind  kind,
                            const char           *value)
{
  g_return_if_fail (FREIGHT_IS_SIGN_IN (self));
  g_return_if_fail (kind < FREIGHT_ORG_N_SECRETS);

  freight_org_secrets_set (self->secrets, kind, value);
}

gboolean
freight_sign_in_has_secret (FreightSignIn        *self,
                            FreightOrgSecretKind  kind)
{
  g_return_val_if_fail (FREIGHT_IS_SIGN_IN (self), FALSE);
  g_return_val_if_fail (kind < FREIGHT_ORG_N_SECRETS, FALSE);

  return freight_org_secrets_get (self->secrets, kind) != NULL;
}

/* The consumer key: the org's own, else the one the build was given (-Doauth_client_id). */
const char *
_freight_sign_in_effective_client_id (FreightSignIn *self)
{
  if (self->client_id != NULL)
    return self->client_id;
  return OAUTH_CLIENT_ID[0] != '\0' ? OAUTH_CLIENT_ID : NULL;
}

static gboolean
missing (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_MISSING, message);
  return FALSE;
}

/* Checks the settings; returns the normalized login URL (the instance URL for a pasted
 * token). */
char *
_freight_sign_in_check (FreightSignIn  *self,
                        GError        **error)
{
  g_autofree char *url = NULL;
  const char *client_id = _freight_sign_in_effective_client_id (self);
  gboolean ok = TRUE;

  if (self->method == FREIGHT_AUTH_METHOD_ACCESS_TOKEN)
    {
      if (self->instance_url == NULL)
        {
          missing (error, _("Enter the org’s instance URL, the address the access token "
                            "belongs to, such as https://mydomain.my.salesforce.com."));
          return NULL;
        }
      url = freight_login_url_normalize (self->instance_url, error);
      if (url == NULL)
        return NULL;
      if (!freight_sign_in_has_secret (self, FREIGHT_ORG_SECRET_ACCESS_TOKEN))
        {
          missing (error, _("Paste the access token."));
          return NULL;
        }
      return g_steal_pointer (&url);
    }

  url = freight_login_url_normalize (self->login_url != NULL ? self->login_url
                                                             : FREIGHT_LOGIN_URL_PRODUCTION,
                                     error);
  if (url == NULL)
    return NULL;

  switch (self->method)
    {
    case FREIGHT_AUTH_METHOD_WEB:
      if (client_id == NULL)
        {
          g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_MISSING,
                       _("Signing in through the browser needs the consumer key of a "
                         "connected app in the org, with the callback URL "
                         "http://localhost:%u/OauthRedirect. Enter its consumer key."),
                       self->port);
          ok = FALSE;
        }
      break;

    case FREIGHT_AUTH_METHOD_PASSWORD:
      if (self->username == NULL)
        ok = missing (error, _("Enter the username."));
      else if (!freight_sign_in_has_secret (self, FREIGHT_ORG_SECRET_PASSWORD))
        ok = missing (error, _("Enter the password."));
      else if (client_id == NULL)
        ok = missing (error, _("Signing in with a username and password needs the consumer "
                               "key and secret of a connected app in the org. Enter them."));
      break;

    case FREIGHT_AUTH_METHOD_JWT:
      if (client_id == NULL)
        ok = missing (error, _("The JWT sign-in needs the consumer key of the connected app "
                               "that holds your certificate. Enter it."));
      else if (self->username == NULL)
        ok = missing (error, _("Enter the username to sign in as."));
      else if (self->key_file == NULL)
        ok = missing (error, _("Choose the private key file (PEM) whose certificate the "
                               "connected app holds."));
      break;

    case FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS:
      if (client_id == NULL
          || !freight_sign_in_has_secret (self, FREIGHT_ORG_SECRET_CLIENT_SECRET))
        ok = missing (error, _("The client credentials sign-in needs the consumer key and "
                               "the consumer secret of the connected app. Enter both."));
      else if (freight_login_url_is_shared_host (url))
        {
          g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL,
                       _("The client credentials sign-in needs the org’s My Domain URL, such "
                         "as https://mydomain.my.salesforce.com, as login URL: %s is shared "
                         "by every org."), url);
          ok = FALSE;
        }
      break;

    case FREIGHT_AUTH_METHOD_REFRESH_TOKEN:
      if (!freight_sign_in_has_secret (self, FREIGHT_ORG_SECRET_REFRESH_TOKEN))
        ok = missing (error, _("There is no refresh token to sign in with."));
      else if (client_id == NULL)
        ok = missing (error, _("A refresh token can only be used with the consumer key of "
                               "the connected app that issued it. Enter it."));
      break;

    case FREIGHT_AUTH_METHOD_NONE:
    case FREIGHT_AUTH_METHOD_ACCESS_TOKEN:
    default:
      ok = missing (error, _("Choose how to sign in."));
    }

  return ok ? g_steal_pointer (&url) : NULL;
}

/**
 * freight_sign_in_validate:
 * @self: a sign-in
 * @error: return location for a FREIGHT_AUTH_ERROR_MISSING or
 *   FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL that says what to fill in
 *
 * Checks, without any request, that the sign-in has what its method needs, e.g. to
 * enable the dialog's button or show the first problem under it.
 *
 * Returns: %TRUE when the sign-in can run
 */
gboolean
freight_sign_in_validate (FreightSignIn  *self,
                          GError        **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (FREIGHT_IS_SIGN_IN (self), FALSE);

  url = _freight_sign_in_check (self, error);
  return url != NULL;
}

FreightSignInState
freight_sign_in_get_state (FreightSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_SIGN_IN (self), FREIGHT_SIGN_IN_STATE_IDLE);
  return self->state;
}

const char *
freight_sign_in_get_authorize_url (FreightSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_SIGN_IN (self), NULL);
  return self->authorize_url;
}

const char *
freight_sign_in_get_redirect_uri (FreightSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_SIGN_IN (self), NULL);
  return self->redirect_uri;
}

/**
 * freight_sign_in_get_org:
 * @self: a sign-in
 *
 * Returns: (transfer none) (nullable): the signed-in org, see FreightSignIn:org
 */
FreightOrg *
freight_sign_in_get_org (FreightSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_SIGN_IN (self), NULL);
  return self->org;
}

void
_freight_sign_in_set_state (FreightSignIn      *self,
                            FreightSignInState  state)
{
  g_autoptr(GEnumClass) klass = NULL;

  if (self->state == state)
    return;
  self->state = state;
  klass = g_type_class_ref (FREIGHT_TYPE_SIGN_IN_STATE);
  g_debug ("Sign-in state: %s", g_enum_get_value (klass, state)->value_nick);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_freight_sign_in_set_browser (FreightSignIn *self,
                              const char    *authorize_url,
                              const char    *redirect_uri)
{
  if (g_strcmp0 (self->redirect_uri, redirect_uri) != 0)
    {
      g_free (self->redirect_uri);
      self->redirect_uri = g_strdup (redirect_uri);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDIRECT_URI]);
    }
  if (g_strcmp0 (self->authorize_url, authorize_url) != 0)
    {
      g_free (self->authorize_url);
      self->authorize_url = g_strdup (authorize_url);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZE_URL]);
    }
}

void
_freight_sign_in_set_org (FreightSignIn *self,
                          FreightOrg    *org)
{
  if (g_set_object (&self->org, org))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORG]);
}
