/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-describe-private.h"
#include "freight-mapping-entry.h"
#include "freight-mapping-errors.h"

/* One column of the job file: where its values come from (one CSV column, several joined,
 * or a constant), the field or relationship path it sets, and how source values are read
 * (blank policy, format). One source column may feed several entries. */
struct _FreightMappingEntry
{
  GObject             parent_instance;

  char              **columns;
  char               *constant;
  FreightSdlTarget   *target;
  char               *target_path;
  char               *separator;
  FreightBlankPolicy  blank_policy;
  FreightValueFormat *format;
};

enum {
  PROP_0,
  PROP_COLUMNS,
  PROP_CONSTANT,
  PROP_TARGET,
  PROP_TARGET_PATH,
  PROP_SEPARATOR,
  PROP_BLANK_POLICY,
  PROP_FORMAT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FreightMappingEntry, freight_mapping_entry, G_TYPE_OBJECT)

/**
 * freight_mapping_target_to_path:
 * @target: a target
 *
 * Returns: (transfer full): the target as a Bulk API header cell: `Name`,
 *   `Account.External_Id__c`, `Account__r.External_Id__c` or `Lead:Who.Email`
 */
char *
freight_mapping_target_to_path (FreightSdlTarget *target)
{
  const char *object_type;

  g_return_val_if_fail (target != NULL, NULL);

  if (freight_sdl_target_get_kind (target) == FREIGHT_SDL_TARGET_FIELD)
    return g_strdup (freight_sdl_target_get_field (target));
  object_type = freight_sdl_target_get_object_type (target);
  return g_strdup_printf ("%s%s%s.%s",
                          object_type != NULL ? object_type : "",
                          object_type != NULL ? ":" : "",
                          freight_sdl_target_get_relationship (target),
                          freight_sdl_target_get_id_field (target));
}

static void
emit_changed (FreightMappingEntry *self,
              GParamSpec          *pspec)
{
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_format_notify (FreightMappingEntry *self)
{
  emit_changed (self, NULL);
}

/**
 * freight_mapping_entry_new_for_columns:
 * @columns: one CSV column, or several whose values are joined
 * @target: the field or relationship path to set
 *
 * Returns: (transfer full): a new entry that leaves blanks unchanged and reads values in
 *   the mapping’s default format
 */
FreightMappingEntry *
freight_mapping_entry_new_for_columns (const char * const *columns,
                                       FreightSdlTarget   *target)
{
  g_return_val_if_fail (columns != NULL && columns[0] != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  return g_object_new (FREIGHT_TYPE_MAPPING_ENTRY,
                       "columns", columns,
                       "target", target,
                       NULL);
}

/**
 * freight_mapping_entry_new_for_constant:
 * @constant: the value every row sends
 * @target: the field or relationship path to set
 *
 * Returns: (transfer full): a new entry
 */
FreightMappingEntry *
freight_mapping_entry_new_for_constant (const char       *constant,
                                        FreightSdlTarget *target)
{
  g_return_val_if_fail (constant != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  return g_object_new (FREIGHT_TYPE_MAPPING_ENTRY,
                       "constant", constant,
                       "target", target,
                       NULL);
}

static void
freight_mapping_entry_finalize (GObject *object)
{
  FreightMappingEntry *self = (FreightMappingEntry *)object;

  g_clear_pointer (&self->columns, g_strfreev);
  g_clear_pointer (&self->constant, g_free);
  g_clear_pointer (&self->target, freight_sdl_target_unref);
  g_clear_pointer (&self->target_path, g_free);
  g_clear_pointer (&self->separator, g_free);
  g_clear_object (&self->format);

  G_OBJECT_CLASS (freight_mapping_entry_parent_class)->finalize (object);
}

static void
freight_mapping_entry_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FreightMappingEntry *self = FREIGHT_MAPPING_ENTRY (object);

  switch (prop_id)
    {
    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;

    case PROP_CONSTANT:
      g_value_set_string (value, self->constant);
      break;

    case PROP_TARGET:
      g_value_set_boxed (value, self->target);
      break;

    case PROP_TARGET_PATH:
      g_value_set_string (value, self->target_path);
      break;

    case PROP_SEPARATOR:
      g_value_set_string (value, self->separator);
      break;

    case PROP_BLANK_POLICY:
      g_value_set_enum (value, self->blank_policy);
      break;

    case PROP_FORMAT:
      g_value_set_object (value, self->format);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_mapping_entry_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  FreightMappingEntry *self = FREIGHT_MAPPING_ENTRY (object);

  switch (prop_id)
    {
    case PROP_COLUMNS:
      freight_mapping_entry_set_columns (self, g_value_get_boxed (value));
      break;

    case PROP_CONSTANT:
      freight_mapping_entry_set_constant (self, g_value_get_string (value));
      break;

    case PROP_TARGET:
      freight_mapping_entry_set_target (self, g_value_get_boxed (value));
      break;

    case PROP_SEPARATOR:
      freight_mapping_entry_set_separator (self, g_value_get_string (value));
      break;

    case PROP_BLANK_POLICY:
      freight_mapping_entry_set_blank_policy (self, g_value_get_enum (value));
      break;

    case PROP_FORMAT:
      freight_mapping_entry_set_format (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_mapping_entry_class_init (FreightMappingEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_mapping_entry_finalize;
  object_class->get_property = freight_mapping_entry_get_property;
  object_class->set_property = freight_mapping_entry_set_property;

  /* The CSV columns whose values it sends; empty for a constant. */
  properties[PROP_COLUMNS] =
    g_param_spec_boxed ("columns", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The value every row sends instead of a column's, or NULL. */
  properties[PROP_CONSTANT] =
    g_param_spec_string ("constant", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] =
    g_param_spec_boxed ("target", NULL, NULL, FREIGHT_TYPE_SDL_TARGET,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The target as the job file's header cell has it. */
  properties[PROP_TARGET_PATH] =
    g_param_spec_string ("target-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What goes between the values of several columns. */
  properties[PROP_SEPARATOR] =
    g_param_spec_string ("separator", NULL, NULL, FREIGHT_MAPPING_DEFAULT_SEPARATOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLANK_POLICY] =
    g_param_spec_enum ("blank-policy", NULL, NULL,
                       FREIGHT_TYPE_BLANK_POLICY, FREIGHT_BLANK_POLICY_LEAVE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The column's own format, or NULL for the mapping's default format. */
  properties[PROP_FORMAT] =
    g_param_spec_object ("format", NULL, NULL, FREIGHT_TYPE_VALUE_FORMAT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FreightMappingEntry::changed:
   *
   * Emitted after any property or the entry's own format changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
freight_mapping_entry_init (FreightMappingEntry *self)
{
  self->columns = g_new0 (char *, 1);
  self->separator = g_strdup (FREIGHT_MAPPING_DEFAULT_SEPARATOR);
}

/**
 * freight_mapping_entry_get_columns:
 * @self: an entry
 *
 * Returns: (transfer none): the CSV columns it reads, in join order; empty for a constant
 */
const char * const *
freight_mapping_entry_get_columns (FreightMappingEntry *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING_ENTRY (self), NULL);

  return (const char * const *) self->columns;
}

void
freight_mapping_entry_set_columns (FreightMappingEntry *self,
                                   const char * const  *columns)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (FREIGHT_IS_MAPPING_ENTRY (self));

  if (columns == NULL)
    columns = none;
  if (g_strv_equal ((const char * const *) self->columns, columns))
    return;
  g_strfreev (self->columns);
  self->columns = g_strdupv ((char **) columns);
  emit_changed (self, properties[PROP_COLUMNS]);
}

/**
 * freight_mapping_entry_get_constant:
 * @self: an entry
 *
 * Returns: (nullable): the constant every row sends, or %NULL if it reads columns
 */
const char *
freight_mapping_entry_get_constant (FreightMappingEntry *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING_ENTRY (self), NULL);

  return self->constant;
}

void
freight_mapping_entry_set_constant (FreightMappingEntry *self,
                                    const char          *constant)
{
  g_return_if_fail (FREIGHT_IS_MAPPING_ENTRY (self));

  if (g_strcmp0 (self->constant, constant) == 0)
    return;
  g_free (self->constant);
  self->constant = g_strdup (constant);
  emit_changed (self, properties[PROP_CONSTANT]);
}

/**
 * freight_mapping_entry_get_target:
 * @self: an entry
 *
 * Returns: (transfer none): the field or relationship path it sets
 */
FreightSdlTarget *
freight_mapping_entry_get_target (FreightMappingEntry *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING_ENTRY (self), NULL);

  return self->target;
}

void
freight_mapping_entry_set_target (FreightMappingEntry *self,
                                  FreightSdlTarget    *target)
{
  g_return_if_fail (FREIGHT_IS_MAPPING_ENTRY (self));
  g_return_if_fail (target != NULL);

  if (self->target != NULL && freight_sdl_target_equal (self->target, target))
    return;
  g_clear_pointer (&self->target, freight_sdl_target_unref);
  self->target = freight_sdl_target_ref (target);
  g_free (self->target_path);
  self->target_path = freight_mapping_target_to_path (target);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_PATH]);
  emit_changed (self, properties[PROP_TARGET]);
}

/**
 * freight_mapping_entry_get_target_path:
 * @self: an entry
 *
 * Returns: the target as the job file’s header has it (`Lead:Who.Email`)
 */
const char *
freight_mapping_entry_get_target_path (FreightMappingEntry *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING_ENTRY (self), NULL);

  return self->target_path;
}

const char *
freight_mapping_entry_get_separator (FreightMappingEntry *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING_ENTRY (self), NULL);

  return self->separator;
}

void
freight_mapping_entry_set_separator (FreightMappingEntry *self,
                                     const char          *separator)
{
  g_return_if_fail (FREIGHT_IS_MAPPING_ENTRY (self));

  if (separator == NULL)
    separator = FREIGHT_MAPPING_DEFAULT_SEPARATOR;
  if (g_strcmp0 (self->separator, separator) == 0)
    return;
  g_free (self->separator);
  self->separator = g_strdup (separator);
  emit_changed (self, properties[PROP_SEPARATOR]);
}

FreightBlankPolicy
freight_mapping_entry_get_blank_policy (FreightMappingEntry *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING_ENTRY (self), FREIGHT_BLANK_POLICY_LEAVE);

  return self->blank_policy;
}

void
freight_mapping_entry_set_blank_policy (FreightMappingEntry *self,
                                        FreightBlankPolicy   policy)
{
  g_return_if_fail (FREIGHT_IS_MAPPING_ENTRY (self));
  g_return_if_fail (policy <= FREIGHT_BLANK_POLICY_CLEAR);

  if (self->blank_policy == policy)
    return;
  self->blank_policy = policy;
  emit_changed (self, properties[PROP_BLANK_POLICY]);
}

/**
 * freight_mapping_entry_get_format:
 * @self: an entry
 *
 * Returns: (transfer none) (nullable): the column’s own format, or %NULL if it uses the
 *   mapping’s default format
 */
FreightValueFormat *
freight_mapping_entry_get_format (FreightMappingEntry *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING_ENTRY (self), NULL);

  return self->format;
}

void
freight_mapping_entry_set_format (FreightMappingEntry *self,
                                  FreightValueFormat  *format)
{
  g_return_if_fail (FREIGHT_IS_MAPPING_ENTRY (self));
  g_return_if_fail (format == NULL || FREIGHT_IS_VALUE_FORMAT (format));

  if (self->format == format)
    return;
  if (self->format != NULL)
    g_signal_handlers_disconnect_by_func (self->format, on_format_notify, self);
  g_set_object (&self->format, format);
  if (format != NULL)
    g_signal_connect_object (format, "notify", G_CALLBACK (on_format_notify), self,
                             G_CONNECT_SWAPPED);
  emit_changed (self, properties[PROP_FORMAT]);
}

/**
 * freight_mapping_entry_uses_column:
 * @self: an entry
 * @column: a CSV column name
 *
 * Returns: %TRUE if @self reads @column (compared ignoring case, as CSV headers are)
 */
gboolean
freight_mapping_entry_uses_column (FreightMappingEntry *self,
                                   const char          *column)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (FREIGHT_IS_MAPPING_ENTRY (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  folded = _freight_casefold (column, -1);
  for (guint i = 0; self->columns[i] != NULL; i++)
    {
      g_autofree char *candidate = _freight_casefold (self->columns[i], -1);

      if (g_str_equal (candidate, folded))
        return TRUE;
    }
  return FALSE;
}

/**
 * freight_mapping_entry_describe_source:
 * @self: an entry
 *
 * Returns: (transfer full): where the values come from, for messages: `“Email”`,
 *   `“Street”, “City”` or `the constant “Web”`
 */
char *
freight_mapping_entry_describe_source (FreightMappingEntry *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (FREIGHT_IS_MAPPING_ENTRY (self), NULL);

  if (self->constant != NULL)
    return g_strdup_printf (_("the constant “%s”"), self->constant);
  for (guint i = 0; self->columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, _("“%s”"), self->columns[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* JSON */

/**
 * freight_mapping_entry_to_json:
 * @self: an entry
 *
 * Returns: (transfer full): the entry as a JSON object
 */
JsonNode *
freight_mapping_entry_to_json (FreightMappingEntry *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (FREIGHT_IS_MAPPING_ENTRY (self), NULL);

  json_builder_begin_object (builder);
  if (self->constant != NULL)
    {
      json_builder_set_member_name (builder, "constant");
      json_builder_add_string_value (builder, self->constant);
    }
  else
    {
      json_builder_set_member_name (builder, "columns");
      json_builder_begin_array (builder);
      for (guint i = 0; self->columns[i] != NULL; i++)
        json_builder_add_string_value (builder, self->columns[i]);
      json_builder_end_array (builder);
      if (g_strv_length (self->columns) > 1)
        {
          json_builder_set_member_name (builder, "separator");
          json_builder_add_string_value (builder, self->separator);
        }
    }
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, self->target_path);
  json_builder_set_member_name (builder, "blank");
  json_builder_add_string_value (builder, self->blank_policy == FREIGHT_BLANK_POLICY_CLEAR
                                          ? "clear" : "leave");
  if (self->format != NULL)
    {
      json_builder_set_member_name (builder, "format");
      json_builder_add_value (builder, freight_value_format_to_json (self->format));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gpointer
invalid (GError     **error,
         const char  *what)
{
  g_set_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID,
               _("The saved mapping has an entry with %s. Map the columns again."), what);
  return NULL;
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * freight_mapping_entry_new_from_json:
 * @node: what freight_mapping_entry_to_json() wrote
 * @error: return location for a #FREIGHT_MAPPING_ERROR or #FREIGHT_TRANSFORM_ERROR
 *
 * Returns: (transfer full): the entry, or %NULL
 */
FreightMappingEntry *
freight_mapping_entry_new_from_json (JsonNode  *node,
                                     GError   **error)
{
  g_autoptr(FreightMappingEntry) self = NULL;
  g_autoptr(FreightSdlTarget) target = NULL;
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  g_auto(GStrv) column_names = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *target_text;
  const char *constant;
  const char *blank;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("no fields"));
  object = json_node_get_object (node);

  target_text = string_member (object, "target");
  if (target_text == NULL)
    return invalid (error, _("no target field"));
  target = freight_sdl_target_parse (target_text, &local_error);
  if (target == NULL)
    {
      g_set_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID_TARGET,
                   _("The saved mapping has a target “%s” that is not a field or "
                     "relationship path (%s). Map the columns again."),
                   target_text, local_error->message);
      return NULL;
    }

  constant = string_member (object, "constant");
  member = json_object_get_member (object, "columns");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING)
            return invalid (error, _("a column name that is not text"));
          g_strv_builder_add (columns, json_node_get_string (element));
        }
    }
  column_names = g_strv_builder_end (columns);
  if ((constant == NULL) == (column_names[0] == NULL))
    return invalid (error, _("neither columns nor a constant"));

  if (constant != NULL)
    self = freight_mapping_entry_new_for_constant (constant, target);
  else
    self = freight_mapping_entry_new_for_columns ((const char * const *) column_names, target);

  if (string_member (object, "separator") != NULL)
    freight_mapping_entry_set_separator (self, string_member (object, "separator"));
  blank = string_member (object, "blank");
  if (g_strcmp0 (blank, "clear") == 0)
    freight_mapping_entry_set_blank_policy (self, FREIGHT_BLANK_POLICY_CLEAR);
  else if (blank != NULL && g_strcmp0 (blank, "leave") != 0)
    return invalid (error, _("an unknown blank policy"));

  member = json_object_get_member (object, "format");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autoptr(FreightValueFormat) format = freight_value_format_new_from_json (member, error);

      if (format == NULL)
        return NULL;
      freight_mapping_entry_set_format (self, format);
    }
  return g_steal_pointer (&self);
}
