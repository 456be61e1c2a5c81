/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-oauth"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-http-error.h"
#include "freight-oauth-token.h"
#include "freight-sf-id.h"

/* The outcome of a sign-in: an access token and where to use it (salesforce-api.md §6.4).
 * Immutable, so threads can share one while the auth object swaps in a renewed token.
 * The tokens are secrets: they are readable through getters only, never properties, and
 * wiped from memory when the object goes. */

struct _FreightOAuthToken
{
  GObject  parent_instance;

  char    *access_token;
  char    *refresh_token;
  char    *instance_url;
  char    *id_url;
  char    *org_id;
  char    *user_id;
  char    *scope;
  gint64   issued_at;
};

G_DEFINE_FINAL_TYPE (FreightOAuthToken, freight_oauth_token, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INSTANCE_URL,
  PROP_ORG_ID,
  PROP_USER_ID,
  PROP_SCOPE,
  PROP_ISSUED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe_string (char **str)
{
  if (*str != NULL)
    memset (*str, 0, strlen (*str));
  g_clear_pointer (str, g_free);
}

static void
freight_oauth_token_finalize (GObject *object)
{
  FreightOAuthToken *self = FREIGHT_OAUTH_TOKEN (object);

  wipe_string (&self->access_token);
  wipe_string (&self->refresh_token);
  g_clear_pointer (&self->instance_url, g_free);
  g_clear_pointer (&self->id_url, g_free);
  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->scope, g_free);

  G_OBJECT_CLASS (freight_oauth_token_parent_class)->finalize (object);
}

static void
freight_oauth_token_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FreightOAuthToken *self = FREIGHT_OAUTH_TOKEN (object);

  switch (prop_id)
    {
    case PROP_INSTANCE_URL:
      g_value_set_string (value, self->instance_url);
      break;

    case PROP_ORG_ID:
      g_value_set_string (value, self->org_id);
      break;

    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;

    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;

    case PROP_ISSUED_AT:
      g_value_set_int64 (value, self->issued_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_oauth_token_class_init (FreightOAuthTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_oauth_token_finalize;
  object_class->get_property = freight_oauth_token_get_property;

  properties[PROP_INSTANCE_URL] =
    g_param_spec_string ("instance-url", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORG_ID] =
    g_param_spec_string ("org-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FreightOAuthToken:issued-at:
   *
   * When the token was issued, in milliseconds since the epoch (0 when unknown).
   */
  properties[PROP_ISSUED_AT] =
    g_param_spec_int64 ("issued-at", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_oauth_token_init (FreightOAuthToken *self)
{
}

/* "https://host/" → "https://host"; NULL when not an absolute http(s) URL. */
static char *
normalize_instance_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  gsize len;

  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return NULL;

  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    len--;
  return g_strndup (url, len);
}

/* ".../id/00D.../005..." → org id and user id. */
static void
parse_id_url (const char  *id_url,
              char       **org_id,
              char       **user_id)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  if (id_url == NULL)
    return;

  parts = g_strsplit (id_url, "/", -1);
  n = g_strv_length (parts);
  if (n >= 3 && g_str_equal (parts[n - 3], "id")
      && freight_sf_id_is_valid (parts[n - 2], -1)
      && freight_sf_id_is_valid (parts[n - 1], -1))
    {
      *org_id = g_strdup (parts[n - 2]);
      *user_id = g_strdup (parts[n - 1]);
    }
}

/**
 * freight_oauth_token_new:
 * @access_token: an access token
 * @instance_url: the instance URL the token belongs to
 * @refresh_token: (nullable): a refresh token
 *
 * A token from elsewhere, e.g. pasted by the user. Its org and user are unknown until
 * freight_oauth_token_copy_with_identity().
 *
 * Returns: (transfer full) (nullable): the token, or %NULL if @instance_url is not an
 *   http(s) URL
 */
FreightOAuthToken *
freight_oauth_token_new (const char *access_token,
                         const char *instance_url,
                         const char *refresh_token)
{
  FreightOAuthToken *self;
  g_autofree char *url = NULL;

  g_return_val_if_fail (access_token != NULL, NULL);
  g_return_val_if_fail (instance_url != NULL, NULL);

  url = normalize_instance_url (instance_url);
  if (url == NULL)
    return NULL;

  self = g_object_new (FREIGHT_TYPE_OAUTH_TOKEN, NULL);
  self->access_token = g_strdup (access_token);
  self->instance_url = g_steal_pointer (&url);
  self->refresh_token = g_strdup (refresh_token);
  return self;
}

/**
 * freight_oauth_token_new_from_json:
 * @reply: a token endpoint's 200 answer
 * @error: return location for a FREIGHT_AUTH_ERROR_INVALID_TOKEN
 *
 * Reads `access_token`, `instance_url`, `id` (org and user id are its last two path
 * segments), `refresh_token`, `scope` and `issued_at` (milliseconds, as a string).
 *
 * Returns: (transfer full): the token
 */
FreightOAuthToken *
freight_oauth_token_new_from_json (JsonObject  *reply,
                                   GError     **error)
{
  FreightOAuthToken *self;
  const char *access_token;
  const char *instance_url;
  const char *issued_at;
  g_autofree char *url = NULL;

  g_return_val_if_fail (reply != NULL, NULL);

  access_token = json_object_get_string_member_with_default (reply, "access_token", NULL);
  instance_url = json_object_get_string_member_with_default (reply, "instance_url", NULL);
  url = normalize_instance_url (instance_url);

  if (access_token == NULL || *access_token == '\0' || url == NULL)
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_TOKEN,
                   _("The sign-in answer has no %s. Check that the login URL is a "
                     "Salesforce login host or My Domain."),
                   url == NULL ? "valid instance_url" : "access_token");
      return NULL;
    }

  self = g_object_new (FREIGHT_TYPE_OAUTH_TOKEN, NULL);
  self->access_token = g_strdup (access_token);
  self->instance_url = g_steal_pointer (&url);
  self->refresh_token = g_strdup (json_object_get_string_member_with_default (reply,
                                                                             "refresh_token",
                                                                             NULL));
  self->id_url = g_strdup (json_object_get_string_member_with_default (reply, "id", NULL));
  self->scope = g_strdup (json_object_get_string_member_with_default (reply, "scope", NULL));
  parse_id_url (self->id_url, &self->org_id, &self->user_id);

  issued_at = json_object_get_string_member_with_default (reply, "issued_at", NULL);
  if (issued_at != NULL)
    self->issued_at = g_ascii_strtoll (issued_at, NULL, 10);

  return self;
}

static FreightOAuthToken *
copy_token (FreightOAuthToken *self)
{
  FreightOAuthToken *copy = g_object_new (FREIGHT_TYPE_OAUTH_TOKEN, NULL);

  copy->access_token = g_strdup (self->access_token);
  copy->refresh_token = g_strdup (self->refresh_token);
  copy->instance_url = g_strdup (self->instance_url);
  copy->id_url = g_strdup (self->id_url);
  copy->org_id = g_strdup (self->org_id);
  copy->user_id = g_strdup (self->user_id);
  copy->scope = g_strdup (self->scope);
  copy->issued_at = self->issued_at;
  return copy;
}

/**
 * freight_oauth_token_copy_with_identity:
 * @self: a token
 * @org_id: the org's id
 * @user_id: the user's id
 *
 * Returns: (transfer full): a copy of @self that knows its org and user (from userinfo)
 */
FreightOAuthToken *
freight_oauth_token_copy_with_identity (FreightOAuthToken *self,
                                        const char        *org_id,
                                        const char        *user_id)
{
  FreightOAuthToken *copy;

  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (self), NULL);

  copy = copy_token (self);
  g_free (copy->org_id);
  copy->org_id = g_strdup (org_id);
  g_free (copy->user_id);
  copy->user_id = g_strdup (user_id);
  return copy;
}

/**
 * freight_oauth_token_copy_with_refresh_token:
 * @self: a token
 * @refresh_token: (nullable): a refresh token
 *
 * Refresh answers carry no refresh token: the one that was used stays valid.
 *
 * Returns: (transfer full): a copy of @self with @refresh_token
 */
FreightOAuthToken *
freight_oauth_token_copy_with_refresh_token (FreightOAuthToken *self,
                                             const char        *refresh_token)
{
  FreightOAuthToken *copy;

  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (self), NULL);

  copy = copy_token (self);
  wipe_string (&copy->refresh_token);
  copy->refresh_token = g_strdup (refresh_token);
  return copy;
}

const char *
freight_oauth_token_get_access_token (FreightOAuthToken *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (self), NULL);
  return self->access_token;
}

const char *
freight_oauth_token_get_refresh_token (FreightOAuthToken *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (self), NULL);
  return self->refresh_token;
}

const char *
freight_oauth_token_get_instance_url (FreightOAuthToken *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (self), NULL);
  return self->instance_url;
}

const char *
freight_oauth_token_get_id_url (FreightOAuthToken *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (self), NULL);
  return self->id_url;
}

const char *
freight_oauth_token_get_org_id (FreightOAuthToken *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (self), NULL);
  return self->org_id;
}

const char *
freight_oauth_token_get_user_id (FreightOAuthToken *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (self), NULL);
  return self->user_id;
}

const char *
freight_oauth_token_get_scope (FreightOAuthToken *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (self), NULL);
  return self->scope;
}

gint64
freight_oauth_token_get_issued_at (FreightOAuthToken *self)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (self), 0);
  return self->issued_at;
}
