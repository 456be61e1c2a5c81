/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-org"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "freight-auth.h"
#include "freight-describe-cache.h"
#include "freight-http-client.h"
#include "freight-http-error.h"
#include "freight-http-request.h"
#include "freight-http-response.h"
#include "freight-oauth-token.h"
#include "freight-org-session.h"
#include "freight-org-session-private.h"

/* A signed-in org: where it lives (instance URL, from the auth object's token), which API
 * version to speak (the highest the org and Freight both know, negotiated from
 * /services/data), who is signed in, and the REST calls the rest of Freight needs:
 * describes (cached per org and API version), /limits, and helpers to send JSON and CSV
 * and to stream results to files for the Bulk client.
 *
 * Sync calls block and are safe from any thread; the _async variants run them on a
 * worker thread for the main thread. */

struct _FreightOrgSession
{
  GObject               parent_instance;

  FreightHttpClient    *http;
  FreightAuth          *auth;
  FreightDescribeCache *cache;
  char                 *max_api_version;
  char                 *cache_dir;
  gint64                cache_max_age;

  GMutex                mutex;
  char                 *api_version;
  char                 *identity;       /* JSON text: objects never cross threads */
  char                 *org_id;
  char                 *user_id;
  guint                 request_count;
};

G_DEFINE_FINAL_TYPE (FreightOrgSession, freight_org_session, G_TYPE_OBJECT)
G_DEFINE_QUARK (freight-org-error-quark, freight_org_error)

enum {
  PROP_0,
  PROP_HTTP_CLIENT,
  PROP_AUTH,
  PROP_MAX_API_VERSION,
  PROP_CACHE_DIR,
  PROP_CACHE_MAX_AGE,
  PROP_API_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_org_session_constructed (GObject *object)
{
  FreightOrgSession *self = FREIGHT_ORG_SESSION (object);

  G_OBJECT_CLASS (freight_org_session_parent_class)->constructed (object);

  if (self->cache_dir == NULL)
    self->cache_dir = g_build_filename (g_get_user_cache_dir (), "freight", "describe", NULL);
  self->cache = freight_describe_cache_new (*self->cache_dir != '\0' ? self->cache_dir : NULL,
                                            self->cache_max_age);
}

static void
freight_org_session_finalize (GObject *object)
{
  FreightOrgSession *self = FREIGHT_ORG_SESSION (object);

  g_clear_object (&self->http);
  g_clear_object (&self->auth);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->max_api_version, g_free);
  g_clear_pointer (&self->cache_dir, g_free);
  g_clear_pointer (&self->api_version, g_free);
  g_clear_pointer (&self->identity, g_free);
  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (freight_org_session_parent_class)->finalize (object);
}

static void
freight_org_session_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FreightOrgSession *self = FREIGHT_ORG_SESSION (object);

  switch (prop_id)
    {
    case PROP_HTTP_CLIENT:
      g_value_set_object (value, self->http);
      break;

    case PROP_AUTH:
      g_value_set_object (value, self->auth);
      break;

    case PROP_MAX_API_VERSION:
      g_value_set_string (value, self->max_api_version);
      break;

    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;

    case PROP_CACHE_MAX_AGE:
      g_value_set_int64 (value, self->cache_max_age);
      break;

    case PROP_API_VERSION:
      g_value_take_string (value, freight_org_session_dup_api_version (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* "v66.0", "66", " 66.0 " → "66.0"; NULL when not a version. */
static char *
normalize_version (const char *version)
{
  g_autofree char *text = NULL;
  guint64 major;
  guint64 minor = 0;
  char *end = NULL;
  const char *p;

  if (version == NULL)
    return NULL;

  text = g_strstrip (g_strdup (version));
  p = text;
  if (*p == 'v' || *p == 'V')
    p++;
  if (!g_ascii_isdigit (*p))
    return NULL;

  major = g_ascii_strtoull (p, &end, 10);
  if (*end == '.')
    {
      if (!g_ascii_isdigit (end[1]))
        return NULL;
      minor = g_ascii_strtoull (end + 1, &end, 10);
    }
  if (*end != '\0' || major > 999 || minor > 9)
    return NULL;

  return g_strdup_printf ("%u.%u", (guint) major, (guint) minor);
}

static guint
version_rank (const char *version)
{
  g_autofree char *normal = normalize_version (version);
  guint major = 0;
  guint minor = 0;

  if (normal == NULL || sscanf (normal, "%u.%u", &major, &minor) != 2)
    return 0;
  return major * 10 + minor;
}

static void
freight_org_session_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FreightOrgSession *self = FREIGHT_ORG_SESSION (object);

  switch (prop_id)
    {
    case PROP_HTTP_CLIENT:
      self->http = g_value_dup_object (value);
      break;

    case PROP_AUTH:
      self->auth = g_value_dup_object (value);
      break;

    case PROP_MAX_API_VERSION:
      self->max_api_version = normalize_version (g_value_get_string (value));
      if (self->max_api_version == NULL)
        self->max_api_version = g_strdup (FREIGHT_DEFAULT_API_VERSION);
      break;

    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;

    case PROP_CACHE_MAX_AGE:
      self->cache_max_age = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_org_session_class_init (FreightOrgSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                 | G_PARAM_STATIC_STRINGS);

  object_class->constructed = freight_org_session_constructed;
  object_class->finalize = freight_org_session_finalize;
  object_class->get_property = freight_org_session_get_property;
  object_class->set_property = freight_org_session_set_property;

  properties[PROP_HTTP_CLIENT] =
    g_param_spec_object ("http-client", NULL, NULL, FREIGHT_TYPE_HTTP_CLIENT, construct);

  properties[PROP_AUTH] =
    g_param_spec_object ("auth", NULL, NULL, FREIGHT_TYPE_AUTH, construct);

  /**
   * FreightOrgSession:max-api-version:
   *
   * The newest API version Freight may use, e.g. "66.0"; the session speaks the highest
   * version the org offers up to this one.
   */
  properties[PROP_MAX_API_VERSION] =
    g_param_spec_string ("max-api-version", NULL, NULL,
                         FREIGHT_DEFAULT_API_VERSION,
                         construct);

  /**
   * FreightOrgSession:cache-dir:
   *
   * Where describes are cached; by default a folder in the user cache directory, and ""
   * for memory only.
   */
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL, NULL, construct);

  /**
   * FreightOrgSession:cache-max-age:
   *
   * Seconds a cached describe stays valid (12 hours by default).
   */
  properties[PROP_CACHE_MAX_AGE] =
    g_param_spec_int64 ("cache-max-age", NULL, NULL,
                        0, G_MAXINT64, 12 * 60 * 60,
                        construct);

  /**
   * FreightOrgSession:api-version:
   *
   * The negotiated API version, e.g. "66.0"; %NULL until freight_org_session_connect().
   */
  properties[PROP_API_VERSION] =
    g_param_spec_string ("api-version", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_org_session_init (FreightOrgSession *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * freight_org_session_new:
 * @http: the HTTP client
 * @auth: the signed-in (or renewable) auth object
 *
 * Returns: (transfer full): a session; call freight_org_session_connect() before use
 */
FreightOrgSession *
freight_org_session_new (FreightHttpClient *http,
                         FreightAuth       *auth)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (FREIGHT_IS_AUTH (auth), NULL);

  return g_object_new (FREIGHT_TYPE_ORG_SESSION,
                       "http-client", http,
                       "auth", auth,
                       NULL);
}

/**
 * freight_org_session_get_http_client:
 * @self: a session
 *
 * Returns: (transfer none): the HTTP client
 */
FreightHttpClient *
freight_org_session_get_http_client (FreightOrgSession *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);
  return self->http;
}

/**
 * freight_org_session_get_auth:
 * @self: a session
 *
 * Returns: (transfer none): the auth object
 */
FreightAuth *
freight_org_session_get_auth (FreightOrgSession *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);
  return self->auth;
}

/**
 * freight_org_session_dup_instance_url:
 * @self: a session
 *
 * Returns: (transfer full) (nullable): the instance URL of the current token
 */
char *
freight_org_session_dup_instance_url (FreightOrgSession *self)
{
  g_autoptr(FreightOAuthToken) token = NULL;

  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);

  token = freight_auth_dup_token (self->auth);
  return token != NULL ? g_strdup (freight_oauth_token_get_instance_url (token)) : NULL;
}

static char *
dup_locked (FreightOrgSession  *self,
            char              **field)
{
  char *copy;

  g_mutex_lock (&self->mutex);
  copy = g_strdup (*field);
  g_mutex_unlock (&self->mutex);

  return copy;
}

/**
 * freight_org_session_dup_api_version:
 * @self: a session
 *
 * Returns: (transfer full) (nullable): the negotiated API version, e.g. "66.0"
 */
char *
freight_org_session_dup_api_version (FreightOrgSession *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);
  return dup_locked (self, &self->api_version);
}

static void
sync_ids_from_token (FreightOrgSession *self)
{
  g_autoptr(FreightOAuthToken) token = freight_auth_dup_token (self->auth);

  if (token == NULL)
    return;

  g_mutex_lock (&self->mutex);
  if (self->org_id == NULL)
    self->org_id = g_strdup (freight_oauth_token_get_org_id (token));
  if (self->user_id == NULL)
    self->user_id = g_strdup (freight_oauth_token_get_user_id (token));
  g_mutex_unlock (&self->mutex);
}

/**
 * freight_org_session_dup_org_id:
 * @self: a session
 *
 * Returns: (transfer full) (nullable): the org's 18-character id
 */
char *
freight_org_session_dup_org_id (FreightOrgSession *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);

  sync_ids_from_token (self);
  return dup_locked (self, &self->org_id);
}

/**
 * freight_org_session_dup_user_id:
 * @self: a session
 *
 * Returns: (transfer full) (nullable): the signed-in user's id
 */
char *
freight_org_session_dup_user_id (FreightOrgSession *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);

  sync_ids_from_token (self);
  return dup_locked (self, &self->user_id);
}

/**
 * freight_org_session_dup_identity:
 * @self: a session
 *
 * The user's OpenID userinfo (`user_id`, `organization_id`, `preferred_username`,
 * `name`, `email`…), plus `organization_name` and `is_sandbox` when the org answered the
 * Organization query.
 *
 * Returns: (transfer full) (nullable): the identity, a new object of the caller's, after
 *   freight_org_session_connect()
 */
JsonObject *
freight_org_session_dup_identity (FreightOrgSession *self)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);

  text = dup_locked (self, &self->identity);
  if (text == NULL)
    return NULL;

  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/**
 * freight_org_session_get_request_count:
 * @self: a session
 *
 * Every request counts toward the org's daily API allocation; this is how many this
 * session sent (retries included).
 *
 * Returns: the number of requests sent through the session
 */
guint
freight_org_session_get_request_count (FreightOrgSession *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), 0);

  return (guint) g_atomic_int_get ((gint *) &self->request_count);
}

/**
 * freight_org_session_build_url:
 * @self: a session
 * @path: "sobjects/Account/describe" (under /services/data/vXX.X/), or a path from the
 *   server: "/services/…" or "services/…" (the relative `contentUrl` Bulk returns)
 *
 * Uses the negotiated API version, or the maximum before freight_org_session_connect().
 *
 * Returns: (transfer full) (nullable): the absolute URL, or %NULL when not signed in
 */
char *
freight_org_session_build_url (FreightOrgSession *self,
                               const char        *path)
{
  g_autofree char *instance = NULL;
  g_autofree char *version = NULL;

  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  instance = freight_org_session_dup_instance_url (self);
  if (instance == NULL)
    return NULL;

  if (path[0] == '/')
    return g_strconcat (instance, path, NULL);
  if (g_str_has_prefix (path, "services/"))
    return g_strconcat (instance, "/", path, NULL);

  version = freight_org_session_dup_api_version (self);
  return g_strconcat (instance, "/services/data/v",
                      version != NULL ? version : self->max_api_version, "/", path, NULL);
}

static gboolean
ensure_token (FreightOrgSession  *self,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(FreightOAuthToken) token = NULL;

  token = freight_auth_ensure_token (self->auth, cancellable, error);
  return token != NULL;
}

/**
 * freight_org_session_send:
 * @self: a session
 * @request: a request, e.g. from freight_org_session_new_request()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Sends @request through the session's HTTP client and counts it.
 *
 * Returns: (transfer full): the 2xx answer
 */
FreightHttpResponse *
freight_org_session_send (FreightOrgSession   *self,
                          FreightHttpRequest  *request,
                          GCancellable        *cancellable,
                          GError             **error)
{
  FreightHttpResponse *response;

  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);
  g_return_val_if_fail (FREIGHT_IS_HTTP_REQUEST (request), NULL);

  response = freight_http_client_send (self->http, request, cancellable, error);
  g_atomic_int_add ((gint *) &self->request_count,
                    response != NULL ? (gint) freight_http_response_get_attempts (response)
                                     : 1);
  return response;
}

JsonNode *
_freight_org_session_get_json (FreightOrgSession  *self,
                               const char         *path,
                               GCancellable       *cancellable,
                               GError            **error)
{
  return freight_org_session_send_json (self, "GET", path, NULL, TRUE, cancellable, error);
}

static gboolean
negotiate_version (FreightOrgSession  *self,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(JsonNode) versions = NULL;
  g_autofree char *best = NULL;
  g_autofree char *newest = NULL;
  guint max_rank = version_rank (self->max_api_version);
  guint best_rank = 0;
  guint newest_rank = 0;
  JsonArray *array;

  versions = _freight_org_session_get_json (self, "/services/data", cancellable, error);
  if (versions == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (versions))
    {
      g_autofree char *instance = freight_org_session_dup_instance_url (self);

      g_set_error (error, FREIGHT_ORG_ERROR, FREIGHT_ORG_ERROR_API_VERSION,
                   _("%s did not list its API versions. Check that the instance URL is a "
                     "Salesforce org."), instance);
      return FALSE;
    }

  array = json_node_get_array (versions);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *version;
      guint rank;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      version = json_object_get_string_member_with_default (json_node_get_object (element),
                                                            "version", NULL);
      rank = version_rank (version);
      if (rank > newest_rank)
        {
          newest_rank = rank;
          g_free (newest);
          newest = normalize_version (version);
        }
      if (rank <= max_rank && rank > best_rank)
        {
          best_rank = rank;
          g_free (best);
          best = normalize_version (version);
        }
    }

  if (best == NULL || best_rank < version_rank (FREIGHT_MIN_API_VERSION))
    {
      g_set_error (error, FREIGHT_ORG_ERROR, FREIGHT_ORG_ERROR_API_VERSION,
                   _("The org offers API versions up to %s; Freight needs one from %s to "
                     "%s."),
                   newest != NULL ? newest : _("none"), FREIGHT_MIN_API_VERSION,
                   self->max_api_version);
      return FALSE;
    }

  g_debug ("API version %s (the org offers up to %s, the maximum is %s)",
           best, newest, self->max_api_version);

  g_mutex_lock (&self->mutex);
  g_free (self->api_version);
  self->api_version = g_steal_pointer (&best);
  g_mutex_unlock (&self->mutex);

  return TRUE;
}

static void
fetch_identity (FreightOrgSession *self,
                GCancellable      *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) userinfo = NULL;
  g_autoptr(JsonNode) org = NULL;
  g_autofree char *soql = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) identity = NULL;

  /* Identity is for display: a failure here must not keep the user from loading. */
  userinfo = _freight_org_session_get_json (self, "/services/oauth2/userinfo", cancellable,
                                           &error);
  if (userinfo == NULL || !JSON_NODE_HOLDS_OBJECT (userinfo))
    {
      g_debug ("No userinfo: %s", error != NULL ? error->message : "not an object");
      return;
    }

  identity = json_object_ref (json_node_get_object (userinfo));

  soql = g_uri_escape_string ("SELECT Name, IsSandbox, OrganizationType FROM Organization",
                              NULL, FALSE);
  path = g_strconcat ("query?q=", soql, NULL);
  org = _freight_org_session_get_json (self, path, cancellable, &error);
  if (org != NULL && JSON_NODE_HOLDS_OBJECT (org))
    {
      JsonObject *result = json_node_get_object (org);
      JsonArray *records = json_object_has_member (result, "records")
                           ? json_object_get_array_member (result, "records") : NULL;

      if (records != NULL && json_array_get_length (records) > 0
          && JSON_NODE_HOLDS_OBJECT (json_array_get_element (records, 0)))
        {
          JsonObject *record = json_array_get_object_element (records, 0);

          json_object_set_string_member (
            identity, "organization_name",
            json_object_get_string_member_with_default (record, "Name", ""));
          json_object_set_boolean_member (
            identity, "is_sandbox",
            json_object_get_boolean_member_with_default (record, "IsSandbox", FALSE));
        }
    }
  else
    g_debug ("No Organization record: %s", error != NULL ? error->message : "no object");

  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), identity);

    text = json_to_string (node, FALSE);
  }

  g_mutex_lock (&self->mutex);
  g_free (self->identity);
  self->identity = g_steal_pointer (&text);
  if (json_object_has_member (identity, "organization_id"))
    {
      g_free (self->org_id);
      self->org_id = g_strdup (json_object_get_string_member (identity, "organization_id"));
    }
  if (json_object_has_member (identity, "user_id"))
    {
      g_free (self->user_id);
      self->user_id = g_strdup (json_object_get_string_member (identity, "user_id"));
    }
  g_mutex_unlock (&self->mutex);
}

/**
 * freight_org_session_connect:
 * @self: a session
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Makes sure there is a token, negotiates the API version and reads who is signed in.
 * Blocks.
 *
 * Returns: %TRUE when the session is ready
 */
gboolean
freight_org_session_connect (FreightOrgSession  *self,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), FALSE);

  if (!ensure_token (self, cancellable, error))
    return FALSE;
  sync_ids_from_token (self);

  if (!negotiate_version (self, cancellable, error))
    return FALSE;

  fetch_identity (self, cancellable);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

gboolean
_freight_org_session_ensure_connected (FreightOrgSession  *self,
                                       GCancellable       *cancellable,
                                       GError            **error)
{
  g_autofree char *version = freight_org_session_dup_api_version (self);

  if (version != NULL)
    return TRUE;
  return freight_org_session_connect (self, cancellable, error);
}

/**
 * freight_org_session_new_request:
 * @self: a session
 * @method: the HTTP method
 * @path: see freight_org_session_build_url()
 * @error: return location for a FREIGHT_ORG_ERROR_NOT_SIGNED_IN
 *
 * Returns: (transfer full): a request signed by the session's auth object
 */
FreightHttpRequest *
freight_org_session_new_request (FreightOrgSession  *self,
                                 const char         *method,
                                 const char         *path,
                                 GError            **error)
{
  g_autofree char *url = NULL;
  FreightHttpRequest *request;

  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  url = freight_org_session_build_url (self, path);
  if (url == NULL)
    {
      g_set_error (error, FREIGHT_ORG_ERROR, FREIGHT_ORG_ERROR_NOT_SIGNED_IN,
                   _("Not signed in to the org. Sign in first."));
      return NULL;
    }

  request = freight_http_request_new (method, url);
  freight_http_request_set_auth (request, self->auth);
  return request;
}

/**
 * freight_org_session_send_json:
 * @self: a session
 * @method: the HTTP method
 * @path: see freight_org_session_build_url()
 * @body: (nullable): a JSON body
 * @retry_safe: whether the request may be repeated after a failure
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Sends a JSON request and parses the JSON answer. Negotiates the API version first when
 * the session is not connected yet. Blocks.
 *
 * Returns: (transfer full): the answer; a JSON null for an empty answer (204)
 */
JsonNode *
freight_org_session_send_json (FreightOrgSession  *self,
                               const char         *method,
                               const char         *path,
                               JsonNode           *body,
                               gboolean            retry_safe,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autoptr(FreightHttpRequest) request = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  GBytes *answer;

  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);

  /* /services/data itself is how the version is found. */
  if (!g_str_has_prefix (path, "/services/")
      && !_freight_org_session_ensure_connected (self, cancellable, error))
    return NULL;

  request = freight_org_session_new_request (self, method, path, error);
  if (request == NULL)
    return NULL;

  freight_http_request_set_header (request, "Accept", "application/json");
  freight_http_request_set_retry_safe (request, retry_safe);
  if (body != NULL)
    freight_http_request_set_body_json (request, body);

  response = freight_org_session_send (self, request, cancellable, error);
  if (response == NULL)
    return NULL;

  answer = freight_http_response_get_body (response);
  if (answer == NULL || g_bytes_get_size (answer) == 0)
    return json_node_new (JSON_NODE_NULL);

  return freight_http_response_get_json (response, error);
}

/**
 * freight_org_session_upload_file:
 * @self: a session
 * @method: "PUT" (Bulk job data) or "POST"
 * @path: see freight_org_session_build_url()
 * @file: the file to stream as the body
 * @content_type: e.g. "text/csv"
 * @progress: (nullable): called with bytes sent, on the transferring thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Streams @file to the org. Never retried: a Bulk job that may have received data must
 * not receive it twice (design.md §4). Blocks.
 *
 * Returns: (transfer full): the 2xx answer
 */
FreightHttpResponse *
freight_org_session_upload_file (FreightOrgSession        *self,
                                 const char               *method,
                                 const char               *path,
                                 const char               *file,
                                 const char               *content_type,
                                 FreightHttpProgressFunc   progress,
                                 gpointer                  progress_data,
                                 GCancellable             *cancellable,
                                 GError                  **error)
{
  g_autoptr(FreightHttpRequest) request = NULL;

  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);
  g_return_val_if_fail (file != NULL, NULL);

  if (!_freight_org_session_ensure_connected (self, cancellable, error))
    return NULL;

  request = freight_org_session_new_request (self, method, path, error);
  if (request == NULL)
    return NULL;

  freight_http_request_set_body_file (request, file, content_type);
  freight_http_request_set_retry_safe (request, FALSE);
  freight_http_request_set_progress_func (request, progress, progress_data, NULL);

  return freight_org_session_send (self, request, cancellable, error);
}

/**
 * freight_org_session_download:
 * @self: a session
 * @path: see freight_org_session_build_url()
 * @file: where to write the body
 * @progress: (nullable): called with bytes received, on the transferring thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * GETs @path into @file (compressed on the wire when the org agrees), retrying on
 * connection faults, 429 and 5xx. @file appears only once complete. Blocks.
 *
 * Returns: (transfer full): the answer, for its headers (e.g. `Sforce-Locator`)
 */
FreightHttpResponse *
freight_org_session_download (FreightOrgSession        *self,
                              const char               *path,
                              const char               *file,
                              FreightHttpProgressFunc   progress,
                              gpointer                  progress_data,
                              GCancellable             *cancellable,
                              GError                  **error)
{
  g_autoptr(FreightHttpRequest) request = NULL;

  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (self), NULL);
  g_return_val_if_fail (file != NULL, NULL);

  if (!_freight_org_session_ensure_connected (self, cancellable, error))
    return NULL;

  request = freight_org_session_new_request (self, "GET", path, error);
  if (request == NULL)
    return NULL;

  freight_http_request_set_response_file (request, file);
  freight_http_request_set_progress_func (request, progress, progress_data, NULL);

  return freight_org_session_send (self, request, cancellable, error);
}

FreightDescribeCache *
_freight_org_session_get_describe_cache (FreightOrgSession *self)
{
  return self->cache;
}
