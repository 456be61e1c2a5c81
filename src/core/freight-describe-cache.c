/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-org"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "freight-describe-cache.h"
#include "freight-sf-id.h"

/* describeGlobal and sObject describe answers, kept in memory and on disk under
 * DIR/<org id>/v<api version>/<name>.json, for a limited time. Describes hold the org's
 * schema, never a secret; the files are private to the user all the same.
 *
 * Everything is thread-safe. Entries are kept as JSON text and every lookup parses a new
 * object for its caller: json-glib's reference counts are not atomic, so one JsonObject
 * must never be shared between threads. */

struct _FreightDescribeCache
{
  GObject     parent_instance;

  char       *directory;
  gint64      max_age;        /* seconds */

  GMutex      mutex;
  GHashTable *memory;         /* "org|version|name" → Entry */
};

typedef struct
{
  GBytes     *text;           /* the describe as JSON */
  gint64      stored_at;      /* real time, seconds */
} Entry;

G_DEFINE_FINAL_TYPE (FreightDescribeCache, freight_describe_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_MAX_AGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (Entry *entry)
{
  g_bytes_unref (entry->text);
  g_free (entry);
}

static JsonObject *
parse_object (const char *text,
              gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, len, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

static void
freight_describe_cache_finalize (GObject *object)
{
  FreightDescribeCache *self = FREIGHT_DESCRIBE_CACHE (object);

  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->memory, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (freight_describe_cache_parent_class)->finalize (object);
}

static void
freight_describe_cache_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FreightDescribeCache *self = FREIGHT_DESCRIBE_CACHE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;

    case PROP_MAX_AGE:
      g_value_set_int64 (value, self->max_age);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_describe_cache_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  FreightDescribeCache *self = FREIGHT_DESCRIBE_CACHE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;

    case PROP_MAX_AGE:
      self->max_age = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_describe_cache_class_init (FreightDescribeCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_describe_cache_finalize;
  object_class->get_property = freight_describe_cache_get_property;
  object_class->set_property = freight_describe_cache_set_property;

  /**
   * FreightDescribeCache:directory:
   *
   * Where describes are kept on disk, or %NULL for memory only.
   */
  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FreightDescribeCache:max-age:
   *
   * Seconds a describe stays valid; older entries are fetched again.
   */
  properties[PROP_MAX_AGE] =
    g_param_spec_int64 ("max-age", NULL, NULL,
                        0, G_MAXINT64, 12 * 60 * 60,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_describe_cache_init (FreightDescribeCache *self)
{
  g_mutex_init (&self->mutex);
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) entry_free);
}

/**
 * freight_describe_cache_new:
 * @directory: (nullable): the cache folder, or %NULL for memory only
 * @max_age: seconds an entry stays valid
 *
 * Returns: (transfer full): a new cache
 */
FreightDescribeCache *
freight_describe_cache_new (const char *directory,
                            gint64      max_age)
{
  return g_object_new (FREIGHT_TYPE_DESCRIBE_CACHE,
                       "directory", directory,
                       "max-age", max_age,
                       NULL);
}

const char *
freight_describe_cache_get_directory (FreightDescribeCache *self)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_CACHE (self), NULL);

  return self->directory;
}

static gboolean
is_safe_name (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 255)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
is_safe_version (const char *version)
{
  if (version == NULL || *version == '\0')
    return FALSE;
  for (const char *p = version; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.')
      return FALSE;
  return TRUE;
}

static char *
memory_key (const char *org_id,
            const char *api_version,
            const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_strdup_printf ("%s|%s|%s", org_id != NULL ? org_id : "-", api_version, lower);
}

/* NULL when this entry cannot live on disk (no directory, no org id). */
static char *
disk_path (FreightDescribeCache *self,
           const char           *org_id,
           const char           *api_version,
           const char           *name)
{
  g_autofree char *lower = NULL;
  g_autofree char *file = NULL;
  g_autofree char *version_dir = NULL;

  if (self->directory == NULL || org_id == NULL || !freight_sf_id_is_valid (org_id, -1)
      || !is_safe_version (api_version) || !is_safe_name (name))
    return NULL;

  lower = g_ascii_strdown (name, -1);
  file = g_strconcat (lower, ".json", NULL);
  version_dir = g_strconcat ("v", api_version, NULL);
  return g_build_filename (self->directory, org_id, version_dir, file, NULL);
}

static GBytes *
load_from_disk (FreightDescribeCache *self,
                const char           *path,
                gint64               *stored_at)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  if (g_get_real_time () / G_USEC_PER_SEC - (gint64) st.st_mtime > self->max_age)
    {
      g_debug ("Describe cache %s has expired", path);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;

  *stored_at = st.st_mtime;
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

/**
 * freight_describe_cache_lookup:
 * @self: a cache
 * @org_id: (nullable): the org's id; without it, only memory is used
 * @api_version: e.g. "66.0"
 * @name: an sObject name or %FREIGHT_DESCRIBE_GLOBAL
 *
 * Returns: (transfer full) (nullable): a new object with the describe, or %NULL when it
 *   is not cached or has expired
 */
JsonObject *
freight_describe_cache_lookup (FreightDescribeCache *self,
                               const char           *org_id,
                               const char           *api_version,
                               const char           *name)
{
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) text = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 stored_at = 0;
  JsonObject *describe;
  Entry *entry;

  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_CACHE (self), NULL);
  g_return_val_if_fail (api_version != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = memory_key (org_id, api_version, name);

  g_mutex_lock (&self->mutex);
  entry = g_hash_table_lookup (self->memory, key);
  if (entry != NULL && now - entry->stored_at <= self->max_age)
    text = g_bytes_ref (entry->text);
  else if (entry != NULL)
    g_hash_table_remove (self->memory, key);
  g_mutex_unlock (&self->mutex);

  if (text != NULL)
    return parse_object (g_bytes_get_data (text, NULL), g_bytes_get_size (text));

  path = disk_path (self, org_id, api_version, name);
  if (path == NULL)
    return NULL;

  text = load_from_disk (self, path, &stored_at);
  if (text == NULL)
    return NULL;

  describe = parse_object (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  if (describe == NULL)
    {
      g_debug ("Ignoring the unreadable describe cache %s", path);
      return NULL;
    }

  g_debug ("Describe of %s read from %s", name, path);
  entry = g_new0 (Entry, 1);
  entry->text = g_steal_pointer (&text);
  entry->stored_at = stored_at;

  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->memory, g_steal_pointer (&key), entry);
  g_mutex_unlock (&self->mutex);

  return describe;
}

/**
 * freight_describe_cache_store:
 * @self: a cache
 * @org_id: (nullable): the org's id
 * @api_version: e.g. "66.0"
 * @name: an sObject name or %FREIGHT_DESCRIBE_GLOBAL
 * @describe: the describe answer; the cache keeps a copy
 *
 * Keeps @describe in memory and, when possible, on disk. Failing to write the disk cache
 * only costs a later request, so it is not an error.
 */
void
freight_describe_cache_store (FreightDescribeCache *self,
                              const char           *org_id,
                              const char           *api_version,
                              const char           *name,
                              JsonObject           *describe)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  char *text;
  gsize len;
  Entry *entry;

  g_return_if_fail (FREIGHT_IS_DESCRIBE_CACHE (self));
  g_return_if_fail (api_version != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (describe != NULL);

  node = json_node_init_object (json_node_alloc (), describe);
  text = json_to_string (node, FALSE);
  len = strlen (text);

  entry = g_new0 (Entry, 1);
  entry->text = g_bytes_new_take (text, len);
  entry->stored_at = g_get_real_time () / G_USEC_PER_SEC;
  key = memory_key (org_id, api_version, name);

  path = disk_path (self, org_id, api_version, name);
  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0
          || !g_file_set_contents_full (path, text, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                        &error))
        g_debug ("Could not write the describe cache %s: %s", path,
                 error != NULL ? error->message : g_strerror (errno));
    }

  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->memory, g_steal_pointer (&key), entry);
  g_mutex_unlock (&self->mutex);
}

/**
 * freight_describe_cache_clear:
 * @self: a cache
 * @org_id: (nullable): the org whose describes to forget, or %NULL for all
 *
 * Forgets describes in memory and on disk, e.g. after the user changed the org's schema.
 */
void
freight_describe_cache_clear (FreightDescribeCache *self,
                              const char           *org_id)
{
  GHashTableIter iter;
  gpointer key;
  g_autofree char *prefix = NULL;

  g_return_if_fail (FREIGHT_IS_DESCRIBE_CACHE (self));

  prefix = org_id != NULL ? g_strconcat (org_id, "|", NULL) : NULL;

  g_mutex_lock (&self->mutex);
  g_hash_table_iter_init (&iter, self->memory);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (prefix == NULL || g_str_has_prefix (key, prefix))
      g_hash_table_iter_remove (&iter);
  g_mutex_unlock (&self->mutex);

  if (self->directory != NULL && org_id != NULL && freight_sf_id_is_valid (org_id, -1))
    {
      g_autofree char *org_dir = g_build_filename (self->directory, org_id, NULL);
      g_autoptr(GDir) versions = g_dir_open (org_dir, 0, NULL);
      const char *version;

      while (versions != NULL && (version = g_dir_read_name (versions)) != NULL)
        {
          g_autofree char *version_dir = g_build_filename (org_dir, version, NULL);
          g_autoptr(GDir) files = g_dir_open (version_dir, 0, NULL);
          const char *file;

          while (files != NULL && (file = g_dir_read_name (files)) != NULL)
            {
              g_autofree char *path = g_build_filename (version_dir, file, NULL);

              if (g_str_has_suffix (file, ".json"))
                g_unlink (path);
            }
          g_rmdir (version_dir);
        }
      g_rmdir (org_dir);
    }
}
