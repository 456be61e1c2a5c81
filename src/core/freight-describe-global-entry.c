/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-describe-global-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-describe-global-entry.h"
#include "freight-describe-private.h"

/* One element of describeGlobal's `sobjects`: what the object picker lists. */
struct _FreightDescribeGlobalEntry
{
  GObject            parent_instance;

  FreightSobjectInfo info;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_LABEL,
  PROP_LABEL_PLURAL,
  PROP_KEY_PREFIX,
  PROP_CUSTOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FreightDescribeGlobalEntry, freight_describe_global_entry, G_TYPE_OBJECT)

/**
 * freight_describe_global_entry_parse_list:
 * @json: the answer of `GET /sobjects` (describeGlobal)
 * @error: return location for a #FREIGHT_DESCRIBE_ERROR
 *
 * Returns: (transfer full): a list of #FreightDescribeGlobalEntry in the org’s order, or
 *   %NULL if @json is not a describeGlobal answer.
 */
GListModel *
freight_describe_global_entry_parse_list (JsonObject  *json,
                                          GError     **error)
{
  g_autoptr(GListStore) store = NULL;
  JsonNode *node;
  JsonArray *array;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = json_object_get_member (json, "sobjects");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, FREIGHT_DESCRIBE_ERROR, FREIGHT_DESCRIBE_ERROR_INVALID,
                   _("The org’s list of objects (describeGlobal) has no “sobjects”. Reload "
                     "the object list, or report the org’s answer if this persists."));
      return NULL;
    }

  store = g_list_store_new (FREIGHT_TYPE_DESCRIBE_GLOBAL_ENTRY);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(FreightDescribeGlobalEntry) entry = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, FREIGHT_DESCRIBE_ERROR, FREIGHT_DESCRIBE_ERROR_INVALID,
                       _("The org’s list of objects (describeGlobal) has an entry %u that is "
                         "not an object. Reload the object list, or report the org’s answer "
                         "if this persists."),
                       i + 1);
          return NULL;
        }
      entry = g_object_new (FREIGHT_TYPE_DESCRIBE_GLOBAL_ENTRY, NULL);
      if (!_freight_sobject_info_parse (&entry->info, json_node_get_object (element), error))
        return NULL;
      g_list_store_append (store, entry);
    }
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * freight_describe_global_entry_filter_for_operation:
 * @entries: a list of #FreightDescribeGlobalEntry
 * @operation: an operation
 *
 * Returns: (transfer full): the entries whose objects allow @operation, in order
 */
GListModel *
freight_describe_global_entry_filter_for_operation (GListModel       *entries,
                                                    FreightOperation  operation)
{
  GListStore *store;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (entries), NULL);

  store = g_list_store_new (FREIGHT_TYPE_DESCRIBE_GLOBAL_ENTRY);
  n = g_list_model_get_n_items (entries);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightDescribeGlobalEntry) entry = g_list_model_get_item (entries, i);

      if (freight_describe_global_entry_allows_operation (entry, operation))
        g_list_store_append (store, entry);
    }
  return G_LIST_MODEL (store);
}

static void
freight_describe_global_entry_finalize (GObject *object)
{
  FreightDescribeGlobalEntry *self = (FreightDescribeGlobalEntry *)object;

  _freight_sobject_info_clear (&self->info);

  G_OBJECT_CLASS (freight_describe_global_entry_parent_class)->finalize (object);
}

static void
freight_describe_global_entry_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  FreightDescribeGlobalEntry *self = FREIGHT_DESCRIBE_GLOBAL_ENTRY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->info.name);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->info.label);
      break;

    case PROP_LABEL_PLURAL:
      g_value_set_string (value, self->info.label_plural);
      break;

    case PROP_KEY_PREFIX:
      g_value_set_string (value, self->info.key_prefix);
      break;

    case PROP_CUSTOM:
      g_value_set_boolean (value, self->info.custom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_describe_global_entry_class_init (FreightDescribeGlobalEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_describe_global_entry_finalize;
  object_class->get_property = freight_describe_global_entry_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL_PLURAL] =
    g_param_spec_string ("label-plural", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_PREFIX] =
    g_param_spec_string ("key-prefix", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOM] =
    g_param_spec_boolean ("custom", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_describe_global_entry_init (FreightDescribeGlobalEntry *self)
{
}

#define DEFINE_GETTER(type, member, fallback)                                     \
  type                                                                            \
  freight_describe_global_entry_get_##member (FreightDescribeGlobalEntry *self)  \
  {                                                                               \
    g_return_val_if_fail (FREIGHT_IS_DESCRIBE_GLOBAL_ENTRY (self), fallback);     \
    return self->info.member;                                                     \
  }

DEFINE_GETTER (const char *, name, NULL)
DEFINE_GETTER (const char *, label, NULL)
DEFINE_GETTER (const char *, label_plural, NULL)
DEFINE_GETTER (const char *, key_prefix, NULL)
DEFINE_GETTER (gboolean, custom, FALSE)
DEFINE_GETTER (gboolean, custom_setting, FALSE)
DEFINE_GETTER (gboolean, createable, FALSE)
DEFINE_GETTER (gboolean, updateable, FALSE)
DEFINE_GETTER (gboolean, deletable, FALSE)
DEFINE_GETTER (gboolean, queryable, FALSE)

#undef DEFINE_GETTER

/**
 * freight_describe_global_entry_allows_operation:
 * @self: an entry
 * @operation: an operation
 *
 * Returns: %TRUE if the object is createable for insert, updateable for update, both for
 *   upsert, deletable for delete and hard delete.
 */
gboolean
freight_describe_global_entry_allows_operation (FreightDescribeGlobalEntry *self,
                                                FreightOperation            operation)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_GLOBAL_ENTRY (self), FALSE);

  return _freight_sobject_info_allows (&self->info, operation);
}
