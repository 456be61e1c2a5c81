/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-oauth"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-http-client.h"
#include "freight-http-error.h"
#include "freight-http-request.h"
#include "freight-http-response.h"
#include "freight-oauth-client.h"
#include "freight-oauth-token.h"

/* A client of one login host's OAuth endpoints (salesforce-api.md §6): the token endpoint
 * with any grant, revoke, and userinfo. It turns OAuth errors into messages that say
 * what to do. The sign-in methods (FreightAuth subclasses) are built on it; the web flow
 * and JWT bearer use freight_oauth_client_request_token() with their own grants.
 *
 * Every call blocks: use them from worker threads (the auth objects do). */

struct _FreightOAuthClient
{
  GObject            parent_instance;

  FreightHttpClient *http;
  char              *login_url;
  char              *client_id;
  char              *client_secret;
};

G_DEFINE_FINAL_TYPE (FreightOAuthClient, freight_oauth_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HTTP_CLIENT,
  PROP_LOGIN_URL,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_oauth_client_finalize (GObject *object)
{
  FreightOAuthClient *self = FREIGHT_OAUTH_CLIENT (object);

  g_clear_object (&self->http);
  g_clear_pointer (&self->login_url, g_free);
  g_clear_pointer (&self->client_id, g_free);
  if (self->client_secret != NULL)
    memset (self->client_secret, 0, strlen (self->client_secret));
  g_clear_pointer (&self->client_secret, g_free);

  G_OBJECT_CLASS (freight_oauth_client_parent_class)->finalize (object);
}

static void
freight_oauth_client_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FreightOAuthClient *self = FREIGHT_OAUTH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_HTTP_CLIENT:
      g_value_set_object (value, self->http);
      break;

    case PROP_LOGIN_URL:
      g_value_set_string (value, self->login_url);
      break;

    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_oauth_client_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FreightOAuthClient *self = FREIGHT_OAUTH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_HTTP_CLIENT:
      self->http = g_value_dup_object (value);
      break;

    case PROP_LOGIN_URL:
      {
        const char *url = g_value_get_string (value);
        gsize len;

        if (url == NULL)
          url = FREIGHT_LOGIN_URL_PRODUCTION;
        /* "mydomain.my.salesforce.com" means https. */
        if (strstr (url, "://") == NULL)
          self->login_url = g_strconcat ("https://", url, NULL);
        else
          self->login_url = g_strdup (url);
        len = strlen (self->login_url);
        while (len > 0 && self->login_url[len - 1] == '/')
          self->login_url[--len] = '\0';
      }
      break;

    case PROP_CLIENT_ID:
      {
        const char *id = g_value_get_string (value);

        self->client_id = id != NULL && *id != '\0' ? g_strdup (id) : NULL;
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_oauth_client_class_init (FreightOAuthClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_oauth_client_finalize;
  object_class->get_property = freight_oauth_client_get_property;
  object_class->set_property = freight_oauth_client_set_property;

  properties[PROP_HTTP_CLIENT] =
    g_param_spec_object ("http-client", NULL, NULL,
                         FREIGHT_TYPE_HTTP_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FreightOAuthClient:login-url:
   *
   * The login host: production, sandbox, a My Domain, or a local org.
   */
  properties[PROP_LOGIN_URL] =
    g_param_spec_string ("login-url", NULL, NULL,
                         FREIGHT_LOGIN_URL_PRODUCTION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FreightOAuthClient:client-id:
   *
   * The connected app's consumer key, or %NULL when the org accepts none.
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_oauth_client_init (FreightOAuthClient *self)
{
}

/**
 * freight_oauth_client_new:
 * @http: the HTTP client
 * @login_url: (nullable): the login host; %NULL for production
 * @client_id: (nullable): the consumer key
 * @client_secret: (nullable): the consumer secret; kept in memory only
 *
 * Returns: (transfer full): a new client
 */
FreightOAuthClient *
freight_oauth_client_new (FreightHttpClient *http,
                          const char        *login_url,
                          const char        *client_id,
                          const char        *client_secret)
{
  FreightOAuthClient *self;

  g_return_val_if_fail (FREIGHT_IS_HTTP_CLIENT (http), NULL);

  self = g_object_new (FREIGHT_TYPE_OAUTH_CLIENT,
                       "http-client", http,
                       "login-url", login_url,
                       "client-id", client_id,
                       NULL);
  if (client_secret != NULL && *client_secret != '\0')
    self->client_secret = g_strdup (client_secret);
  return self;
}

/**
 * freight_oauth_client_get_http_client:
 * @self: a client
 *
 * Returns: (transfer none): the HTTP client
 */
FreightHttpClient *
freight_oauth_client_get_http_client (FreightOAuthClient *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);
  return self->http;
}

const char *
freight_oauth_client_get_login_url (FreightOAuthClient *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);
  return self->login_url;
}

const char *
freight_oauth_client_get_client_id (FreightOAuthClient *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);
  return self->client_id;
}

/**
 * freight_oauth_client_get_client_secret:
 * @self: a client
 *
 * Returns: (nullable): the consumer secret; a secret, never log it
 */
const char *
freight_oauth_client_get_client_secret (FreightOAuthClient *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);
  return self->client_secret;
}

/**
 * freight_oauth_client_build_url:
 * @self: a client
 * @endpoint: "token", "revoke", "authorize"…
 *
 * Returns: (transfer full): `login-url/services/oauth2/endpoint`
 */
char *
freight_oauth_client_build_url (FreightOAuthClient *self,
                                const char         *endpoint)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);

  return g_strconcat (self->login_url, "/services/oauth2/", endpoint, NULL);
}

static FreightOAuthToken *
send_token_request (FreightOAuthClient  *self,
                    const char          *grant_type,
                    const char * const  *fields,
                    gboolean             send_client,
                    gboolean             basic_client,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autoptr(FreightHttpRequest) request = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *url = NULL;

  url = freight_oauth_client_build_url (self, "token");
  request = freight_http_request_new ("POST", url);
  freight_http_request_set_header (request, "Accept", "application/json");
  freight_http_request_add_form_field (request, "grant_type", grant_type);
  for (guint i = 0; fields != NULL && fields[i] != NULL && fields[i + 1] != NULL; i += 2)
    freight_http_request_add_form_field (request, fields[i], fields[i + 1]);

  if (basic_client)
    {
      /* RFC 6749 §2.3.1: both parts form-encoded, then base64. */
      g_autofree char *id = g_uri_escape_string (self->client_id ? self->client_id : "",
                                                 NULL, FALSE);
      g_autofree char *secret = g_uri_escape_string (self->client_secret
                                                     ? self->client_secret : "",
                                                     NULL, FALSE);
      g_autofree char *pair = g_strconcat (id, ":", secret, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      freight_http_request_set_header (request, "Authorization", header);
      memset (secret, 0, strlen (secret));
      memset (pair, 0, strlen (pair));
      memset (encoded, 0, strlen (encoded));
      memset (header, 0, strlen (header));
    }
  else
    {
      if (send_client && self->client_id != NULL)
        freight_http_request_add_form_field (request, "client_id", self->client_id);
      if (send_client && self->client_secret != NULL)
        freight_http_request_add_form_field (request, "client_secret", self->client_secret);
    }

  response = freight_http_client_send (self->http, request, cancellable, error);
  if (basic_client)
    freight_http_request_set_header (request, "Authorization", NULL);
  if (response == NULL)
    return NULL;

  reply = freight_http_response_get_json_object (response, error);
  if (reply == NULL)
    return NULL;

  return freight_oauth_token_new_from_json (reply, error);
}

/**
 * freight_oauth_client_request_token:
 * @self: a client
 * @grant_type: e.g. "password", "refresh_token", "authorization_code",
 *   "urn:ietf:params:oauth:grant-type:jwt-bearer"
 * @fields: (array zero-terminated=1) (nullable): more form fields as name, value pairs
 * @send_client: whether to add client_id and client_secret (when known)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error; OAuth errors are FREIGHT_AUTH_ERROR with the
 *   OAuth `error` as remote code
 *
 * POSTs a grant to the token endpoint. Token requests are never retried automatically:
 * an authorization code or a JWT is good for one use.
 *
 * Returns: (transfer full): the token
 */
FreightOAuthToken *
freight_oauth_client_request_token (FreightOAuthClient  *self,
                                    const char          *grant_type,
                                    const char * const  *fields,
                                    gboolean             send_client,
                                    GCancellable        *cancellable,
                                    GError             **error)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);
  g_return_val_if_fail (grant_type != NULL, NULL);

  return send_token_request (self, grant_type, fields, send_client, FALSE, cancellable,
                             error);
}

static char *
login_host (FreightOAuthClient *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->login_url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (self->login_url);
  return g_strdup (g_uri_get_host (uri));
}

typedef enum
{
  FLOW_PASSWORD,
  FLOW_CODE,
  FLOW_JWT,
  FLOW_CLIENT_CREDENTIALS,
} Flow;

/* Rewrites an OAuth error from a sign-in into a message that says what to do. */
static void
explain_sign_in_error (FreightOAuthClient  *self,
                       GError             **error,
                       Flow                 flow,
                       const char          *username)
{
  g_autofree char *host = NULL;
  g_autofree char *original = NULL;
  g_autofree char *oauth_error = NULL;
  guint status;
  int code;

  if (error == NULL || *error == NULL || (*error)->domain != FREIGHT_AUTH_ERROR)
    return;

  host = login_host (self);
  oauth_error = g_strdup (freight_error_get_remote_code (*error));
  status = freight_error_get_http_status (*error);
  original = g_strdup ((*error)->message);
  code = (*error)->code;

  switch (code)
    {
    case FREIGHT_AUTH_ERROR_INVALID_GRANT:
      g_clear_error (error);
      if (flow == FLOW_PASSWORD)
        freight_set_remote_error (error, FREIGHT_AUTH_ERROR, code, status, oauth_error,
                                  _("%s did not accept the sign-in for %s: %s. Check the "
                                    "username and password; if the org asks for a security "
                                    "token, enter it too (Settings → Reset My Security "
                                    "Token). A user who is locked out or restricted by IP "
                                    "range must ask an admin."),
                                  host, username, original);
      else if (flow == FLOW_CODE)
        freight_set_remote_error (error, FREIGHT_AUTH_ERROR, code, status, oauth_error,
                                  _("%s did not accept the browser sign-in: %s. The "
                                    "sign-in may have taken too long; start it again."),
                                  host, original);
      else if (flow == FLOW_JWT)
        freight_set_remote_error (error, FREIGHT_AUTH_ERROR, code, status, oauth_error,
                                  _("%s did not accept the JWT sign-in for %s: %s. Check "
                                    "that the connected app holds the certificate of this "
                                    "private key, that the user is pre-authorized for the "
                                    "app (“Admin approved users are pre-authorized” and the "
                                    "user’s profile or permission set), and that the login "
                                    "URL is production or sandbox as the org is."),
                                  host, username, original);
      else
        freight_set_remote_error (error, FREIGHT_AUTH_ERROR, code, status, oauth_error,
                                  _("%s did not accept the client credentials: %s. In the "
                                    "connected app, enable the Client Credentials Flow and "
                                    "choose its Run As user."),
                                  host, original);
      break;

    case FREIGHT_AUTH_ERROR_INVALID_CLIENT:
      g_clear_error (error);
      freight_set_remote_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_CLIENT,
                                status, oauth_error,
                                _("%s does not know this connected app: %s. Check the "
                                  "consumer key and secret in the org's connection "
                                  "settings."),
                                host, original);
      break;

    case FREIGHT_AUTH_ERROR_INVALID_REQUEST:
      if (flow != FLOW_CODE)
        goto other;
      /* A PKCE verifier that does not match the challenge (§6.2). */
      g_clear_error (error);
      freight_set_remote_error (error, FREIGHT_AUTH_ERROR, code, status, oauth_error,
                                _("%s refused the browser sign-in: %s. The answer did not "
                                  "come from the sign-in Freight started; start it again."),
                                host, original);
      break;

    case FREIGHT_AUTH_ERROR_UNSUPPORTED_GRANT:
      g_clear_error (error);
      if (flow == FLOW_PASSWORD)
        freight_set_remote_error (error, FREIGHT_AUTH_ERROR, code, status, oauth_error,
                                  _("%s does not allow signing in with a username and "
                                    "password (%s). Sign in through the browser instead, or "
                                    "ask an admin to allow the OAuth username-password "
                                    "flow."),
                                  host, original);
      else
        freight_set_remote_error (error, FREIGHT_AUTH_ERROR, code, status, oauth_error,
                                  _("%s does not allow this sign-in method (%s). Choose "
                                    "another one, or ask an admin to enable it for the "
                                    "connected app."),
                                  host, original);
      break;

    default:
    other:
      g_prefix_error (error, _("Signing in to %s failed: "), host);
    }
}

/**
 * freight_oauth_client_password_grant:
 * @self: a client
 * @username: the Salesforce username
 * @password: the password
 * @security_token: (nullable): the security token, appended to the password when set
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * The OAuth username-password flow.
 *
 * Returns: (transfer full): the token
 */
FreightOAuthToken *
freight_oauth_client_password_grant (FreightOAuthClient  *self,
                                     const char          *username,
                                     const char          *password,
                                     const char          *security_token,
                                     GCancellable        *cancellable,
                                     GError             **error)
{
  g_autofree char *secret = NULL;
  FreightOAuthToken *token;
  const char *fields[5];

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  secret = g_strconcat (password, security_token, NULL);
  fields[0] = "username";
  fields[1] = username;
  fields[2] = "password";
  fields[3] = secret;
  fields[4] = NULL;

  token = freight_oauth_client_request_token (self, "password", fields, TRUE,
                                              cancellable, error);
  memset (secret, 0, strlen (secret));

  if (token == NULL)
    explain_sign_in_error (self, error, FLOW_PASSWORD, username);
  return token;
}

/**
 * freight_oauth_client_authorization_code_grant:
 * @self: a client
 * @code: the authorization code the browser brought back
 * @redirect_uri: the redirect URI of the authorize request
 * @code_verifier: (nullable): the PKCE verifier of the authorize request's challenge
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * The second half of the web-server flow (§6.2): redeems @code.
 *
 * Returns: (transfer full): the token, with a refresh token when the scope asked for one
 */
FreightOAuthToken *
freight_oauth_client_authorization_code_grant (FreightOAuthClient  *self,
                                               const char          *code,
                                               const char          *redirect_uri,
                                               const char          *code_verifier,
                                               GCancellable        *cancellable,
                                               GError             **error)
{
  FreightOAuthToken *token;
  const char *fields[] = {
    "code", code,
    "redirect_uri", redirect_uri,
    code_verifier != NULL ? "code_verifier" : NULL, code_verifier,
    NULL
  };

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);

  token = send_token_request (self, "authorization_code", fields, TRUE, FALSE, cancellable,
                              error);
  if (token == NULL)
    explain_sign_in_error (self, error, FLOW_CODE, NULL);
  return token;
}

/**
 * freight_oauth_client_jwt_bearer_grant:
 * @self: a client
 * @assertion: a signed JWT (freight_jwt_sign())
 * @username: the user the assertion names, for messages
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * The JWT bearer flow (§6.2); no client id or secret is sent.
 *
 * Returns: (transfer full): the token
 */
FreightOAuthToken *
freight_oauth_client_jwt_bearer_grant (FreightOAuthClient  *self,
                                       const char          *assertion,
                                       const char          *username,
                                       GCancellable        *cancellable,
                                       GError             **error)
{
  FreightOAuthToken *token;
  const char *fields[] = { "assertion", assertion, NULL };

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);
  g_return_val_if_fail (assertion != NULL, NULL);

  token = send_token_request (self, "urn:ietf:params:oauth:grant-type:jwt-bearer", fields,
                              FALSE, FALSE, cancellable, error);
  if (token == NULL)
    explain_sign_in_error (self, error, FLOW_JWT, username);
  return token;
}

/**
 * freight_oauth_client_client_credentials_grant:
 * @self: a client with a consumer key and secret
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * The client credentials flow (§6.2): the connected app signs in as its Run As user; the
 * key and secret travel in HTTP Basic authentication.
 *
 * Returns: (transfer full): the token
 */
FreightOAuthToken *
freight_oauth_client_client_credentials_grant (FreightOAuthClient  *self,
                                               GCancellable        *cancellable,
                                               GError             **error)
{
  FreightOAuthToken *token;

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);

  token = send_token_request (self, "client_credentials", NULL, FALSE, TRUE, cancellable,
                              error);
  if (token == NULL)
    explain_sign_in_error (self, error, FLOW_CLIENT_CREDENTIALS, NULL);
  return token;
}

/**
 * freight_oauth_client_refresh_grant:
 * @self: a client
 * @refresh_token: the refresh token
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error; a refused refresh token is
 *   FREIGHT_AUTH_ERROR_SESSION_EXPIRED
 *
 * Returns: (transfer full): the new token, carrying @refresh_token unless the server
 *   rotated it
 */
FreightOAuthToken *
freight_oauth_client_refresh_grant (FreightOAuthClient  *self,
                                    const char          *refresh_token,
                                    GCancellable        *cancellable,
                                    GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(FreightOAuthToken) token = NULL;
  const char *fields[] = { "refresh_token", refresh_token, NULL };

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);
  g_return_val_if_fail (refresh_token != NULL, NULL);

  token = freight_oauth_client_request_token (self, "refresh_token", fields, TRUE,
                                              cancellable, &local_error);
  if (token == NULL)
    {
      if (local_error->domain == FREIGHT_AUTH_ERROR
          && local_error->code == FREIGHT_AUTH_ERROR_INVALID_GRANT)
        {
          g_autofree char *host = login_host (self);

          freight_set_remote_error (error, FREIGHT_AUTH_ERROR,
                                    FREIGHT_AUTH_ERROR_SESSION_EXPIRED,
                                    freight_error_get_http_status (local_error),
                                    freight_error_get_remote_code (local_error),
                                    _("The saved sign-in for %s has expired or was revoked "
                                      "(%s). Sign in again."),
                                    host, local_error->message);
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (freight_oauth_token_get_refresh_token (token) == NULL)
    return freight_oauth_token_copy_with_refresh_token (token, refresh_token);
  return g_steal_pointer (&token);
}

/**
 * freight_oauth_client_revoke:
 * @self: a client
 * @token: an access or refresh token
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Revokes @token; revoking a refresh token ends its access tokens too. A token the server
 * no longer knows counts as revoked.
 *
 * Returns: %TRUE on success
 */
gboolean
freight_oauth_client_revoke (FreightOAuthClient  *self,
                             const char          *token,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autoptr(FreightHttpRequest) request = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  url = freight_oauth_client_build_url (self, "revoke");
  request = freight_http_request_new ("POST", url);
  freight_http_request_add_form_field (request, "token", token);
  /* Revoking twice does no harm. */
  freight_http_request_set_retry_safe (request, TRUE);

  response = freight_http_client_send (self->http, request, cancellable, &local_error);
  if (response != NULL)
    return TRUE;

  if (g_strcmp0 (freight_error_get_remote_code (local_error), "invalid_token") == 0)
    return TRUE;

  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _("Could not sign out at the server: "));
  return FALSE;
}

/**
 * freight_oauth_client_get_userinfo:
 * @self: a client
 * @token: the token to describe; the call goes to its instance
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error; a refused token is
 *   FREIGHT_AUTH_ERROR_INVALID_TOKEN
 *
 * The OpenID userinfo of @token's user: `user_id`, `organization_id`,
 * `preferred_username`, `name`, `email`… It is the cheapest call that proves a token.
 *
 * Returns: (transfer full): the userinfo object
 */
JsonObject *
freight_oauth_client_get_userinfo (FreightOAuthClient  *self,
                                   FreightOAuthToken   *token,
                                   GCancellable        *cancellable,
                                   GError             **error)
{
  g_autoptr(FreightHttpRequest) request = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *authorization = NULL;

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (self), NULL);
  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (token), NULL);

  url = g_strconcat (freight_oauth_token_get_instance_url (token),
                     "/services/oauth2/userinfo", NULL);
  authorization = g_strconcat ("Bearer ", freight_oauth_token_get_access_token (token), NULL);

  request = freight_http_request_new ("GET", url);
  freight_http_request_set_header (request, "Accept", "application/json");
  freight_http_request_set_header (request, "Authorization", authorization);
  memset (authorization, 0, strlen (authorization));

  response = freight_http_client_send (self->http, request, cancellable, &local_error);
  freight_http_request_set_header (request, "Authorization", NULL);
  if (response == NULL)
    {
      guint status = freight_error_get_http_status (local_error);

      if (status == 401 || status == 403)
        {
          freight_set_remote_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_TOKEN,
                                    status, freight_error_get_remote_code (local_error),
                                    _("The access token was not accepted by %s: it may have "
                                      "expired or been revoked. Get a fresh token and try "
                                      "again."),
                                    freight_oauth_token_get_instance_url (token));
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return freight_http_response_get_json_object (response, error);
}
