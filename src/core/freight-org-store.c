/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-org"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "freight-access-token-auth.h"
#include "freight-client-credentials-auth.h"
#include "freight-http-error.h"
#include "freight-jwt-auth.h"
#include "freight-oauth-client.h"
#include "freight-oauth-token.h"
#include "freight-org-private.h"
#include "freight-org-store.h"
#include "freight-password-auth.h"
#include "freight-refresh-token-auth.h"
#include "freight-sf-id.h"

/* The saved orgs. Their facts go to a JSON file in the user config folder
 * (…/freight/orgs.json, private to the user); their secrets only to the keyring, through
 * libsecret, under the schema io.github.freightapp.Freight.Org with the attributes
 * org-id, username and kind. Removing an org removes both.
 *
 * The store is a GListModel of FreightOrg for the window. Sync calls (for the CLI) and
 * the workers of the async calls (for the window) change the saved list under a lock;
 * the model follows on the thread that owns the store, when the call completes. */

#define FILE_VERSION 1

struct _FreightOrgStore
{
  GObject    parent_instance;

  char      *path;

  GMutex     lock;
  GPtrArray *orgs;            /* saved, FreightOrg, guarded by lock */
  char      *default_alias;   /* guarded by lock */

  GPtrArray *model;           /* the GListModel's view, owner thread only */
  char      *model_default;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FreightOrgStore, freight_org_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))
G_DEFINE_QUARK (freight-org-store-error-quark, freight_org_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_DEFAULT_ALIAS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The object ---------------------------------------------------------------------- */

static GType
list_model_get_item_type (GListModel *model)
{
  return FREIGHT_TYPE_ORG;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return FREIGHT_ORG_STORE (model)->model->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  FreightOrgStore *self = FREIGHT_ORG_STORE (model);

  if (position >= self->model->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->model, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
freight_org_store_finalize (GObject *object)
{
  FreightOrgStore *self = FREIGHT_ORG_STORE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->orgs, g_ptr_array_unref);
  g_clear_pointer (&self->default_alias, g_free);
  g_clear_pointer (&self->model, g_ptr_array_unref);
  g_clear_pointer (&self->model_default, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (freight_org_store_parent_class)->finalize (object);
}

static void
freight_org_store_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FreightOrgStore *self = FREIGHT_ORG_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_DEFAULT_ALIAS:
      g_value_set_string (value, self->model_default);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_org_store_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FreightOrgStore *self = FREIGHT_ORG_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_org_store_class_init (FreightOrgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_org_store_finalize;
  object_class->get_property = freight_org_store_get_property;
  object_class->set_property = freight_org_store_set_property;

  /**
   * FreightOrgStore:path:
   *
   * The saved orgs file.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FreightOrgStore:default-alias:
   *
   * The alias of the default org, or %NULL.
   */
  properties[PROP_DEFAULT_ALIAS] =
    g_param_spec_string ("default-alias", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_org_store_init (FreightOrgStore *self)
{
  g_mutex_init (&self->lock);
  self->orgs = g_ptr_array_new_with_free_func (g_object_unref);
  self->model = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * freight_org_store_new:
 * @config_dir: (nullable): the folder for orgs.json; %NULL for Freight's folder in the
 *   user config directory
 *
 * Returns: (transfer full): a store; call freight_org_store_load() to read it
 */
FreightOrgStore *
freight_org_store_new (const char *config_dir)
{
  g_autofree char *path = NULL;

  if (config_dir != NULL)
    path = g_build_filename (config_dir, "orgs.json", NULL);
  else
    path = g_build_filename (g_get_user_config_dir (), "freight", "orgs.json", NULL);

  return g_object_new (FREIGHT_TYPE_ORG_STORE, "path", path, NULL);
}

const char *
freight_org_store_get_path (FreightOrgStore *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), NULL);

  return self->path;
}

/* Brings the model in line with the saved list; on the owner thread only. */
void
_freight_org_store_sync_model (FreightOrgStore *self)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *fresh_default = NULL;
  gboolean same;
  guint removed;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->orgs->len; i++)
    g_ptr_array_add (fresh, g_object_ref (g_ptr_array_index (self->orgs, i)));
  fresh_default = g_strdup (self->default_alias);
  g_mutex_unlock (&self->lock);

  same = fresh->len == self->model->len;
  for (guint i = 0; same && i < fresh->len; i++)
    same = g_ptr_array_index (fresh, i) == g_ptr_array_index (self->model, i);

  if (!same)
    {
      removed = self->model->len;
      g_ptr_array_unref (self->model);
      self->model = g_steal_pointer (&fresh);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->model->len);
    }

  if (g_strcmp0 (fresh_default, self->model_default) != 0)
    {
      g_free (self->model_default);
      self->model_default = g_steal_pointer (&fresh_default);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ALIAS]);
    }
}

/* File ---------------------------------------------------------------------------- */

gboolean
_freight_org_store_read_file (FreightOrgStore  *self,
                              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) orgs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *contents = NULL;
  const char *default_alias = NULL;
  gsize len = 0;
  JsonNode *root;
  JsonObject *object;

  if (!g_file_get_contents (self->path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        goto done;
      g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_FILE,
                   _("Could not read the saved orgs: %s"), local_error->message);
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, contents, len, &local_error)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_FILE,
                   _("The saved orgs file %s is damaged (%s). Move it away and add the orgs "
                     "again."),
                   self->path, local_error != NULL ? local_error->message : _("not an object"));
      return FALSE;
    }

  object = json_node_get_object (root);
  default_alias = json_object_get_string_member_with_default (object, "default", NULL);
  if (json_object_has_member (object, "orgs")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "orgs")))
    {
      JsonArray *array = json_object_get_array_member (object, "orgs");

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          FreightOrg *org;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          org = freight_org_new_from_json (json_node_get_object (element), NULL);
          if (org != NULL)
            g_ptr_array_add (orgs, org);
        }
    }

done:
  g_mutex_lock (&self->lock);
  g_ptr_array_unref (self->orgs);
  self->orgs = g_steal_pointer (&orgs);
  g_free (self->default_alias);
  self->default_alias = g_strdup (default_alias);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

/* Called with the lock held. */
static gboolean
write_file_locked (FreightOrgStore  *self,
                   GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FILE_VERSION);
  json_builder_set_member_name (builder, "default");
  if (self->default_alias != NULL)
    json_builder_add_string_value (builder, self->default_alias);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "orgs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->orgs->len; i++)
    {
      JsonNode *node = json_node_alloc ();

      json_node_take_object (node, freight_org_to_json (g_ptr_array_index (self->orgs, i)));
      json_builder_add_value (builder, node);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_FILE,
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_set_contents_full (self->path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_FILE,
                   _("Could not save the orgs: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gint
find_locked (FreightOrgStore *self,
             const char      *alias)
{
  for (guint i = 0; i < self->orgs->len; i++)
    if (g_strcmp0 (freight_org_get_alias (g_ptr_array_index (self->orgs, i)), alias) == 0)
      return i;
  return -1;
}

static gboolean
same_account (FreightOrg *a,
              FreightOrg *b)
{
  return freight_org_get_org_id (a) != NULL
         && freight_sf_id_equal (freight_org_get_org_id (a), freight_org_get_org_id (b))
         && g_strcmp0 (freight_org_get_username (a), freight_org_get_username (b)) == 0;
}

/* Operations, safe from any thread ------------------------------------------------- */

/* A copy of the saved org @alias, or NULL. */
FreightOrg *
_freight_org_store_dup_org (FreightOrgStore *self,
                            const char      *alias)
{
  FreightOrg *copy = NULL;
  gint index;

  g_mutex_lock (&self->lock);
  index = find_locked (self, alias);
  if (index >= 0)
    copy = freight_org_copy (g_ptr_array_index (self->orgs, index));
  g_mutex_unlock (&self->lock);

  return copy;
}

gboolean
_freight_org_store_do_save (FreightOrgStore    *self,
                            FreightOrg         *org,
                            FreightOrgSecrets  *secrets,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_autoptr(FreightOrg) copy = NULL;
  g_autoptr(GPtrArray) previous = NULL;
  g_autofree char *previous_default = NULL;
  const char *alias = freight_org_get_alias (org);
  gint index;
  gboolean ok;

  if (alias == NULL || freight_org_get_org_id (org) == NULL
      || freight_org_get_username (org) == NULL)
    {
      g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_INVALID,
                   _("The org cannot be saved before Freight knows its alias, org id and "
                     "username. Sign in first."));
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  index = find_locked (self, alias);
  if (index >= 0 && !same_account (g_ptr_array_index (self->orgs, index), org))
    {
      g_mutex_unlock (&self->lock);
      g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_INVALID,
                   _("The alias “%s” is already used by another saved org. Choose another "
                     "alias, or remove that org first."), alias);
      return FALSE;
    }
  g_mutex_unlock (&self->lock);

  /* Secrets first: if the keyring refuses, nothing is saved at all. Kinds not given are
   * cleared, so a change of sign-in method leaves no stale secret behind. */
  for (guint kind = 0; kind < FREIGHT_ORG_N_SECRETS; kind++)
    {
      const char *value = secrets != NULL ? secrets->values[kind] : NULL;

      if (value != NULL ? !_freight_org_keyring_store (org, kind, value, cancellable, error)
                        : !_freight_org_keyring_clear (org, kind, cancellable, error))
        return FALSE;
    }

  copy = freight_org_copy (org);

  g_mutex_lock (&self->lock);
  previous = g_ptr_array_copy (self->orgs, (GCopyFunc) g_object_ref, NULL);
  g_ptr_array_set_free_func (previous, g_object_unref);
  previous_default = g_strdup (self->default_alias);

  /* The same account under another alias is renamed, not duplicated. */
  for (guint i = 0; i < self->orgs->len; i++)
    {
      FreightOrg *other = g_ptr_array_index (self->orgs, i);

      if (same_account (other, org)
          && g_strcmp0 (freight_org_get_alias (other), alias) != 0)
        {
          if (g_strcmp0 (self->default_alias, freight_org_get_alias (other)) == 0)
            {
              g_free (self->default_alias);
              self->default_alias = g_strdup (alias);
            }
          g_ptr_array_remove_index (self->orgs, i);
          break;
        }
    }

  index = find_locked (self, alias);
  if (index >= 0)
    {
      g_object_unref (self->orgs->pdata[index]);
      self->orgs->pdata[index] = g_steal_pointer (&copy);
    }
  else
    g_ptr_array_add (self->orgs, g_steal_pointer (&copy));

  if (self->default_alias == NULL)
    self->default_alias = g_strdup (alias);

  ok = write_file_locked (self, error);
  if (!ok)
    {
      g_ptr_array_unref (self->orgs);
      self->orgs = g_steal_pointer (&previous);
      g_free (self->default_alias);
      self->default_alias = g_steal_pointer (&previous_default);
    }
  g_mutex_unlock (&self->lock);

  return ok;
}

gboolean
_freight_org_store_do_remove (FreightOrgStore  *self,
                              const char       *alias,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(FreightOrg) org = NULL;
  gint index;
  gboolean ok;

  g_mutex_lock (&self->lock);
  index = find_locked (self, alias);
  if (index >= 0)
    org = g_object_ref (g_ptr_array_index (self->orgs, index));
  g_mutex_unlock (&self->lock);

  if (org == NULL)
    {
      g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_NOT_FOUND,
                   _("There is no saved org “%s”."), alias);
      return FALSE;
    }

  /* Every secret of the org goes, whatever its kind. */
  if (freight_org_get_org_id (org) != NULL && freight_org_get_username (org) != NULL
      && !_freight_org_keyring_clear (org, -1, cancellable, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  index = find_locked (self, alias);
  if (index >= 0)
    g_ptr_array_remove_index (self->orgs, index);
  if (g_strcmp0 (self->default_alias, alias) == 0)
    {
      g_free (self->default_alias);
      self->default_alias = self->orgs->len > 0
                            ? g_strdup (freight_org_get_alias (g_ptr_array_index (self->orgs,
                                                                                  0)))
                            : NULL;
    }
  ok = write_file_locked (self, error);
  g_mutex_unlock (&self->lock);

  return ok;
}

gboolean
_freight_org_store_do_set_default (FreightOrgStore  *self,
                                   const char       *alias,
                                   GError          **error)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  if (find_locked (self, alias) < 0)
    {
      g_mutex_unlock (&self->lock);
      g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_NOT_FOUND,
                   _("There is no saved org “%s”."), alias);
      return FALSE;
    }
  g_free (self->default_alias);
  self->default_alias = g_strdup (alias);
  ok = write_file_locked (self, error);
  g_mutex_unlock (&self->lock);

  return ok;
}

FreightAuth *
_freight_org_store_do_create_auth (FreightOrgStore    *self,
                                   FreightOrg         *org,
                                   FreightHttpClient  *http,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(FreightOAuthClient) oauth = NULL;
  g_autoptr(FreightOAuthToken) token = NULL;
  const char *access_token;
  const char *refresh_token;
  const char *password;
  FreightAuthMethod method = freight_org_get_auth_method (org);

  secrets = freight_org_store_lookup_secrets (self, org, cancellable, error);
  if (secrets == NULL)
    return NULL;

  access_token = secrets->values[FREIGHT_ORG_SECRET_ACCESS_TOKEN];
  refresh_token = secrets->values[FREIGHT_ORG_SECRET_REFRESH_TOKEN];
  password = secrets->values[FREIGHT_ORG_SECRET_PASSWORD];

  oauth = freight_oauth_client_new (http, freight_org_get_login_url (org),
                                    freight_org_get_client_id (org),
                                    secrets->values[FREIGHT_ORG_SECRET_CLIENT_SECRET]);

  /* A saved access token spares a sign-in while it lasts. */
  if (access_token != NULL && freight_org_get_instance_url (org) != NULL)
    {
      const char *instance_url = freight_org_get_instance_url (org);
      g_autoptr(FreightOAuthToken) bare = freight_oauth_token_new (access_token, instance_url,
                                                                   refresh_token);

      if (bare != NULL)
        token = freight_oauth_token_copy_with_identity (bare, freight_org_get_org_id (org),
                                                        freight_org_get_user_id (org));
    }

  if (method == FREIGHT_AUTH_METHOD_JWT && freight_org_get_key_file (org) != NULL
      && freight_org_get_client_id (org) != NULL)
    {
      FreightAuth *auth = freight_jwt_auth_new (
        oauth, freight_org_get_username (org), freight_org_get_key_file (org),
        secrets->values[FREIGHT_ORG_SECRET_KEY_PASSPHRASE]);

      if (token != NULL)
        freight_auth_set_token (auth, token);
      return auth;
    }

  if (method == FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS
      && freight_org_get_client_id (org) != NULL
      && secrets->values[FREIGHT_ORG_SECRET_CLIENT_SECRET] != NULL)
    {
      FreightAuth *auth = freight_client_credentials_auth_new (oauth);

      if (token != NULL)
        freight_auth_set_token (auth, token);
      return auth;
    }

  if (method == FREIGHT_AUTH_METHOD_PASSWORD && password != NULL)
    {
      FreightAuth *auth = freight_password_auth_new (
        oauth, freight_org_get_username (org), password,
        secrets->values[FREIGHT_ORG_SECRET_SECURITY_TOKEN]);

      if (token != NULL)
        freight_auth_set_token (auth, token);
      return auth;
    }

  if (refresh_token != NULL)
    return freight_refresh_token_auth_new (oauth,
                                           method != FREIGHT_AUTH_METHOD_NONE
                                           ? method : FREIGHT_AUTH_METHOD_REFRESH_TOKEN,
                                           refresh_token, token);

  if (token != NULL)
    return freight_access_token_auth_new (http, token);

  g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_NO_SECRET,
               _("The keyring holds no sign-in for %s (%s). Sign in to the org again."),
               freight_org_get_alias (org), freight_org_get_username (org));
  return NULL;
}

/**
 * freight_org_store_lookup_secrets:
 * @self: a store
 * @org: a saved org
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a FREIGHT_ORG_STORE_ERROR_KEYRING
 *
 * Reads the org's secrets from the keyring. Blocks (D-Bus).
 *
 * Returns: (transfer full): the secrets; kinds without an item are %NULL
 */
FreightOrgSecrets *
freight_org_store_lookup_secrets (FreightOrgStore  *self,
                                  FreightOrg       *org,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (FREIGHT_IS_ORG (org), NULL);

  return _freight_org_keyring_lookup (org, cancellable, error);
}

/**
 * freight_org_store_store_secret:
 * @self: a store
 * @org: a saved org
 * @kind: which secret
 * @value: (nullable): its new value, or %NULL to delete it
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a FREIGHT_ORG_STORE_ERROR_KEYRING
 *
 * Replaces one secret, e.g. a renewed access token. Blocks (D-Bus).
 *
 * Returns: %TRUE on success
 */
gboolean
freight_org_store_store_secret (FreightOrgStore       *self,
                                FreightOrg            *org,
                                FreightOrgSecretKind   kind,
                                const char            *value,
                                GCancellable          *cancellable,
                                GError               **error)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (FREIGHT_IS_ORG (org), FALSE);
  g_return_val_if_fail (kind < FREIGHT_ORG_N_SECRETS, FALSE);
  g_return_val_if_fail (freight_org_get_org_id (org) != NULL, FALSE);
  g_return_val_if_fail (freight_org_get_username (org) != NULL, FALSE);

  if (value == NULL || *value == '\0')
    return _freight_org_keyring_clear (org, kind, cancellable, error);
  return _freight_org_keyring_store (org, kind, value, cancellable, error);
}

/* Public API ---------------------------------------------------------------------- */

/**
 * freight_org_store_load:
 * @self: a store
 * @error: return location for a FREIGHT_ORG_STORE_ERROR_FILE
 *
 * Reads the saved orgs (none when the file does not exist yet). Blocks.
 *
 * Returns: %TRUE on success
 */
gboolean
freight_org_store_load (FreightOrgStore  *self,
                        GError          **error)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), FALSE);

  if (!_freight_org_store_read_file (self, error))
    return FALSE;
  _freight_org_store_sync_model (self);
  return TRUE;
}

/**
 * freight_org_store_lookup:
 * @self: a store
 * @name: an alias, a username, or an org id (15 or 18 characters)
 *
 * Returns: (transfer none) (nullable): the saved org
 */
FreightOrg *
freight_org_store_lookup (FreightOrgStore *self,
                          const char      *name)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->model->len; i++)
    if (g_strcmp0 (freight_org_get_alias (g_ptr_array_index (self->model, i)), name) == 0)
      return g_ptr_array_index (self->model, i);

  for (guint i = 0; i < self->model->len; i++)
    {
      FreightOrg *org = g_ptr_array_index (self->model, i);
      const char *username = freight_org_get_username (org);
      const char *org_id = freight_org_get_org_id (org);

      if ((username != NULL && g_ascii_strcasecmp (username, name) == 0)
          || (org_id != NULL && freight_sf_id_is_valid (name, -1)
              && freight_sf_id_equal (org_id, name)))
        return org;
    }

  return NULL;
}

/**
 * freight_org_store_get_default:
 * @self: a store
 *
 * Returns: (transfer none) (nullable): the default org
 */
FreightOrg *
freight_org_store_get_default (FreightOrgStore *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), NULL);

  if (self->model_default == NULL)
    return NULL;
  return freight_org_store_lookup (self, self->model_default);
}

/**
 * freight_org_store_save:
 * @self: a store
 * @org: the org; it must know its alias, org id and username
 * @secrets: (nullable): its secrets; kinds left %NULL are removed from the keyring
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Adds @org or replaces the saved org with its alias (or account). Secrets go to the
 * keyring, everything else to the saved orgs file; if the keyring fails, nothing is
 * saved. The first saved org becomes the default. Blocks.
 *
 * Returns: %TRUE on success
 */
gboolean
freight_org_store_save (FreightOrgStore    *self,
                        FreightOrg         *org,
                        FreightOrgSecrets  *secrets,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (FREIGHT_IS_ORG (org), FALSE);

  if (!_freight_org_store_do_save (self, org, secrets, cancellable, error))
    return FALSE;
  _freight_org_store_sync_model (self);
  return TRUE;
}

/**
 * freight_org_store_remove:
 * @self: a store
 * @alias: the saved org's alias
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Forgets the org: its keyring items and its entry in the saved orgs file. Signing out
 * at the server (freight_auth_revoke()) is separate. Blocks.
 *
 * Returns: %TRUE on success
 */
gboolean
freight_org_store_remove (FreightOrgStore  *self,
                          const char       *alias,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (alias != NULL, FALSE);

  if (!_freight_org_store_do_remove (self, alias, cancellable, error))
    return FALSE;
  _freight_org_store_sync_model (self);
  return TRUE;
}

/**
 * freight_org_store_set_default:
 * @self: a store
 * @alias: a saved org's alias
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Makes @alias the org used when none is named. Blocks.
 *
 * Returns: %TRUE on success
 */
gboolean
freight_org_store_set_default (FreightOrgStore  *self,
                               const char       *alias,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (alias != NULL, FALSE);

  if (!_freight_org_store_do_set_default (self, alias, error))
    return FALSE;
  _freight_org_store_sync_model (self);
  return TRUE;
}

/**
 * freight_org_store_create_auth:
 * @self: a store
 * @org: a saved org
 * @http: the HTTP client the auth object will use
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Builds the auth object of a saved org from its keyring secrets: a password sign-in, a
 * JWT key (file in the org, passphrase in the keyring), client credentials, a refresh
 * token, or a saved access token. No request is made; the first use signs in or
 * renews as needed. Blocks (D-Bus).
 *
 * Returns: (transfer full): the auth object
 */
FreightAuth *
freight_org_store_create_auth (FreightOrgStore    *self,
                               FreightOrg         *org,
                               FreightHttpClient  *http,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (FREIGHT_IS_ORG (org), NULL);

  return _freight_org_store_do_create_auth (self, org, http, cancellable, error);
}
