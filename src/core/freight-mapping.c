/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-mapping-private.h"

/*
 * FreightMapping: how the columns of a CSV file become the columns of a Bulk API job
 * file for one object and operation. Its entries (FreightMappingEntry) say which source
 * columns or constants set which fields or relationship paths; the mapping checks them
 * against the object's describe data after every change and lists what it finds in
 * #FreightMapping:problems. A mapping without errors compiles into a FreightMappingPlan
 * that pre-flight and the load apply to every row.
 *
 * The split: freight-mapping-validate.c (problems), freight-mapping-automap.c,
 * freight-mapping-sdl.c (Data Loader files), freight-mapping-json.c.
 */

enum {
  PROP_0,
  PROP_OBJECT,
  PROP_OPERATION,
  PROP_EXTERNAL_ID_FIELD,
  PROP_SOURCE_COLUMNS,
  PROP_DEFAULT_FORMAT,
  PROP_ENTRIES,
  PROP_PROBLEMS,
  PROP_N_ERRORS,
  PROP_READY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FreightMapping, freight_mapping, G_TYPE_OBJECT)

G_DEFINE_QUARK (freight-mapping-error-quark, freight_mapping_error)

static void
revalidate (FreightMapping *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean was_ready = freight_mapping_is_ready (self);
  guint n_errors = 0;

  _freight_mapping_validate (self, problems);
  for (guint i = 0; i < problems->len; i++)
    if (freight_problem_get_severity (g_ptr_array_index (problems, i)) == FREIGHT_PROBLEM_ERROR)
      n_errors++;

  g_list_store_splice (self->problems, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                       problems->pdata, problems->len);
  if (n_errors != self->n_errors)
    {
      self->n_errors = n_errors;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
    }
  if (was_ready != freight_mapping_is_ready (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
mapping_changed (FreightMapping *self)
{
  if (self->freeze_count > 0)
    {
      self->changed_while_frozen = TRUE;
      return;
    }
  revalidate (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
_freight_mapping_freeze (FreightMapping *self)
{
  self->freeze_count++;
}

void
_freight_mapping_thaw (FreightMapping *self)
{
  g_assert (self->freeze_count > 0);

  if (--self->freeze_count == 0 && self->changed_while_frozen)
    {
      self->changed_while_frozen = FALSE;
      mapping_changed (self);
    }
}

/**
 * freight_mapping_new:
 *
 * Returns: (transfer full): an empty insert mapping with no object yet
 */
FreightMapping *
freight_mapping_new (void)
{
  return g_object_new (FREIGHT_TYPE_MAPPING, NULL);
}

static void
freight_mapping_dispose (GObject *object)
{
  FreightMapping *self = (FreightMapping *)object;

  if (self->entries != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FreightMappingEntry) entry =
            g_list_model_get_item (G_LIST_MODEL (self->entries), i);

          g_signal_handlers_disconnect_by_func (entry, mapping_changed, self);
        }
    }
  g_clear_object (&self->entries);
  g_clear_object (&self->problems);
  g_clear_object (&self->object);
  g_clear_object (&self->default_format);
  g_clear_pointer (&self->related, g_hash_table_unref);

  G_OBJECT_CLASS (freight_mapping_parent_class)->dispose (object);
}

static void
freight_mapping_finalize (GObject *object)
{
  FreightMapping *self = (FreightMapping *)object;

  g_clear_pointer (&self->external_id_field, g_free);
  g_clear_pointer (&self->source_columns, g_strfreev);

  G_OBJECT_CLASS (freight_mapping_parent_class)->finalize (object);
}

static void
freight_mapping_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FreightMapping *self = FREIGHT_MAPPING (object);

  switch (prop_id)
    {
    case PROP_OBJECT:
      g_value_set_object (value, self->object);
      break;

    case PROP_OPERATION:
      g_value_set_enum (value, self->operation);
      break;

    case PROP_EXTERNAL_ID_FIELD:
      g_value_set_string (value, self->external_id_field);
      break;

    case PROP_SOURCE_COLUMNS:
      g_value_set_boxed (value, self->source_columns);
      break;

    case PROP_DEFAULT_FORMAT:
      g_value_set_object (value, self->default_format);
      break;

    case PROP_ENTRIES:
      g_value_set_object (value, self->entries);
      break;

    case PROP_PROBLEMS:
      g_value_set_object (value, self->problems);
      break;

    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;

    case PROP_READY:
      g_value_set_boolean (value, freight_mapping_is_ready (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_mapping_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FreightMapping *self = FREIGHT_MAPPING (object);

  switch (prop_id)
    {
    case PROP_OBJECT:
      freight_mapping_set_object (self, g_value_get_object (value));
      break;

    case PROP_OPERATION:
      freight_mapping_set_operation (self, g_value_get_enum (value));
      break;

    case PROP_EXTERNAL_ID_FIELD:
      freight_mapping_set_external_id_field (self, g_value_get_string (value));
      break;

    case PROP_SOURCE_COLUMNS:
      freight_mapping_set_source_columns (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_mapping_class_init (FreightMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = freight_mapping_dispose;
  object_class->finalize = freight_mapping_finalize;
  object_class->get_property = freight_mapping_get_property;
  object_class->set_property = freight_mapping_set_property;

  /* The object loaded into, with its fields. */
  properties[PROP_OBJECT] =
    g_param_spec_object ("object", NULL, NULL, FREIGHT_TYPE_DESCRIBE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATION] =
    g_param_spec_enum ("operation", NULL, NULL,
                       FREIGHT_TYPE_OPERATION, FREIGHT_OPERATION_INSERT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The field an upsert matches records by. */
  properties[PROP_EXTERNAL_ID_FIELD] =
    g_param_spec_string ("external-id-field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The CSV file's header, or NULL when no file is chosen. */
  properties[PROP_SOURCE_COLUMNS] =
    g_param_spec_boxed ("source-columns", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How columns without their own format write dates, numbers and booleans. */
  properties[PROP_DEFAULT_FORMAT] =
    g_param_spec_object ("default-format", NULL, NULL, FREIGHT_TYPE_VALUE_FORMAT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The FreightMappingEntry list, in job file column order. */
  properties[PROP_ENTRIES] =
    g_param_spec_object ("entries", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The FreightProblem list of the last check, errors and warnings. */
  properties[PROP_PROBLEMS] =
    g_param_spec_object ("problems", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether a load can start: an object and no errors. */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FreightMapping::changed:
   *
   * Emitted after anything that the job file or the problems depend on changed (and the
   * problems list is up to date): time to remember the mapping again.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
freight_mapping_init (FreightMapping *self)
{
  self->entries = g_list_store_new (FREIGHT_TYPE_MAPPING_ENTRY);
  self->problems = g_list_store_new (FREIGHT_TYPE_PROBLEM);
  self->default_format = freight_value_format_new ();
  self->related = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_signal_connect_object (self->default_format, "notify", G_CALLBACK (mapping_changed),
                           self, G_CONNECT_SWAPPED);
  revalidate (self);
}

/**
 * freight_mapping_get_object:
 * @self: a mapping
 *
 * Returns: (transfer none) (nullable): the object loaded into
 */
FreightDescribeObject *
freight_mapping_get_object (FreightMapping *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);

  return self->object;
}

void
freight_mapping_set_object (FreightMapping        *self,
                            FreightDescribeObject *object)
{
  g_return_if_fail (FREIGHT_IS_MAPPING (self));
  g_return_if_fail (object == NULL || FREIGHT_IS_DESCRIBE_OBJECT (object));

  if (!g_set_object (&self->object, object))
    return;
  if (object != NULL)
    freight_mapping_add_related_object (self, object);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECT]);
  mapping_changed (self);
}

/**
 * freight_mapping_add_related_object:
 * @self: a mapping
 * @object: the describe of an object that relationship targets may point to
 *
 * Lets the mapping check relationship paths into @object (`Account.External_Id__c`) and
 * read their values as the parent’s key field has them. The object itself counts too
 * (self lookups such as `Parent.External_Id__c`). Replaces an earlier describe of the
 * same object.
 */
void
freight_mapping_add_related_object (FreightMapping        *self,
                                    FreightDescribeObject *object)
{
  g_return_if_fail (FREIGHT_IS_MAPPING (self));
  g_return_if_fail (FREIGHT_IS_DESCRIBE_OBJECT (object));

  if (freight_mapping_lookup_related_object (self,
                                             freight_describe_object_get_name (object))
      == object)
    return;
  g_hash_table_replace (self->related,
                        _freight_casefold (freight_describe_object_get_name (object), -1),
                        g_object_ref (object));
  mapping_changed (self);
}

/**
 * freight_mapping_lookup_related_object:
 * @self: a mapping
 * @name: an object name, in any case
 *
 * Returns: (transfer none) (nullable): the describe added for @name
 */
FreightDescribeObject *
freight_mapping_lookup_related_object (FreightMapping *self,
                                       const char     *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = _freight_casefold (name, -1);
  return g_hash_table_lookup (self->related, key);
}

/**
 * freight_mapping_dup_missing_related_objects:
 * @self: a mapping
 *
 * Returns: (transfer full): the objects that relationship targets point to but whose
 *   describe has not been added: what to fetch before checking again
 */
char **
freight_mapping_dup_missing_related_objects (FreightMapping *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);

  n = freight_mapping_get_n_entries (self);
  for (guint i = 0; i < n && self->object != NULL; i++)
    {
      FreightSdlTarget *target =
        freight_mapping_entry_get_target (freight_mapping_get_entry (self, i));
      FreightDescribeField *lookup;
      const char *parent;

      if (freight_sdl_target_get_kind (target) != FREIGHT_SDL_TARGET_RELATIONSHIP)
        continue;
      lookup = freight_describe_object_lookup_relationship (
        self->object, freight_sdl_target_get_relationship (target));
      if (lookup == NULL)
        continue;
      parent = freight_sdl_target_get_object_type (target);
      if (parent == NULL)
        parent = freight_describe_field_get_reference_to (lookup)[0];
      if (parent == NULL || freight_mapping_lookup_related_object (self, parent) != NULL)
        continue;
      if (g_hash_table_add (seen, _freight_casefold (parent, -1)))
        g_strv_builder_add (builder, parent);
    }
  return g_strv_builder_end (builder);
}

FreightOperation
freight_mapping_get_operation (FreightMapping *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), FREIGHT_OPERATION_INSERT);

  return self->operation;
}

void
freight_mapping_set_operation (FreightMapping   *self,
                               FreightOperation  operation)
{
  g_return_if_fail (FREIGHT_IS_MAPPING (self));
  g_return_if_fail (operation <= FREIGHT_OPERATION_HARD_DELETE);

  if (self->operation == operation)
    return;
  self->operation = operation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATION]);
  mapping_changed (self);
}

/**
 * freight_mapping_get_external_id_field:
 * @self: a mapping
 *
 * Returns: (nullable): the field an upsert matches records by
 */
const char *
freight_mapping_get_external_id_field (FreightMapping *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);

  return self->external_id_field;
}

void
freight_mapping_set_external_id_field (FreightMapping *self,
                                       const char     *field)
{
  g_return_if_fail (FREIGHT_IS_MAPPING (self));

  if (field != NULL && *field == '\0')
    field = NULL;
  if (g_strcmp0 (self->external_id_field, field) == 0)
    return;
  g_free (self->external_id_field);
  self->external_id_field = g_strdup (field);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTERNAL_ID_FIELD]);
  mapping_changed (self);
}

/**
 * freight_mapping_get_source_columns:
 * @self: a mapping
 *
 * Returns: (transfer none) (nullable): the CSV file’s header, if known
 */
const char * const *
freight_mapping_get_source_columns (FreightMapping *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);

  return (const char * const *) self->source_columns;
}

void
freight_mapping_set_source_columns (FreightMapping     *self,
                                    const char * const *columns)
{
  g_return_if_fail (FREIGHT_IS_MAPPING (self));

  if (columns == NULL && self->source_columns == NULL)
    return;
  if (columns != NULL && self->source_columns != NULL
      && g_strv_equal (columns, (const char * const *) self->source_columns))
    return;
  g_strfreev (self->source_columns);
  self->source_columns = g_strdupv ((char **) columns);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_COLUMNS]);
  mapping_changed (self);
}

/* Whether @column is in the file (ignoring case, as CSV headers are matched); any column
 * is as long as the file is not known. */
gboolean
_freight_mapping_column_known (FreightMapping *self,
                               const char     *column)
{
  g_autofree char *folded = NULL;

  if (self->source_columns == NULL)
    return TRUE;
  folded = _freight_casefold (column, -1);
  for (guint i = 0; self->source_columns[i] != NULL; i++)
    {
      g_autofree char *candidate = _freight_casefold (self->source_columns[i], -1);

      if (g_str_equal (candidate, folded))
        return TRUE;
    }
  return FALSE;
}

/**
 * freight_mapping_get_default_format:
 * @self: a mapping
 *
 * Returns: (transfer none): the format of columns without their own; change it in place
 */
FreightValueFormat *
freight_mapping_get_default_format (FreightMapping *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);

  return self->default_format;
}

FreightValueFormat *
_freight_mapping_entry_format (FreightMapping      *self,
                               FreightMappingEntry *entry)
{
  FreightValueFormat *format = freight_mapping_entry_get_format (entry);

  return format != NULL ? format : self->default_format;
}

/* Entries */

/**
 * freight_mapping_get_entries:
 * @self: a mapping
 *
 * Returns: (transfer none): the #FreightMappingEntry list in job file column order
 */
GListModel *
freight_mapping_get_entries (FreightMapping *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);

  return G_LIST_MODEL (self->entries);
}

guint
freight_mapping_get_n_entries (FreightMapping *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->entries));
}

/**
 * freight_mapping_get_entry:
 * @self: a mapping
 * @position: an index below freight_mapping_get_n_entries()
 *
 * Returns: (transfer none): the entry
 */
FreightMappingEntry *
freight_mapping_get_entry (FreightMapping *self,
                           guint           position)
{
  g_autoptr(FreightMappingEntry) entry = NULL;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);
  g_return_val_if_fail (position < freight_mapping_get_n_entries (self), NULL);

  /* The list holds its own reference for as long as the entry is in it. */
  entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);
  return entry;
}

/**
 * freight_mapping_add_entry:
 * @self: a mapping
 * @entry: an entry not in any mapping
 *
 * Appends @entry. An entry that sets a field another entry already sets is kept and
 * reported as a problem; freight_mapping_map_column() refuses it instead.
 */
void
freight_mapping_add_entry (FreightMapping      *self,
                           FreightMappingEntry *entry)
{
  g_return_if_fail (FREIGHT_IS_MAPPING (self));
  g_return_if_fail (FREIGHT_IS_MAPPING_ENTRY (entry));

  g_list_store_append (self->entries, entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (mapping_changed), self,
                           G_CONNECT_SWAPPED);
  mapping_changed (self);
}

void
freight_mapping_remove_entry (FreightMapping      *self,
                              FreightMappingEntry *entry)
{
  guint position;

  g_return_if_fail (FREIGHT_IS_MAPPING (self));
  g_return_if_fail (FREIGHT_IS_MAPPING_ENTRY (entry));

  if (!g_list_store_find (self->entries, entry, &position))
    return;
  g_signal_handlers_disconnect_by_func (entry, mapping_changed, self);
  g_list_store_remove (self->entries, position);
  mapping_changed (self);
}

void
freight_mapping_remove_all (FreightMapping *self)
{
  g_return_if_fail (FREIGHT_IS_MAPPING (self));

  _freight_mapping_freeze (self);
  while (freight_mapping_get_n_entries (self) > 0)
    freight_mapping_remove_entry (self, freight_mapping_get_entry (self, 0));
  _freight_mapping_thaw (self);
}

/* Whether two targets set the same field of the object: resolved through describe when
 * possible (`AccountId` and `Account.External_Id__c` do), else by their paths. */
static gboolean
same_field (FreightMapping   *self,
            FreightSdlTarget *a,
            FreightSdlTarget *b)
{
  FreightResolvedTarget ra;
  FreightResolvedTarget rb;
  g_autofree char *pa = NULL;
  g_autofree char *pb = NULL;
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (_freight_mapping_resolve_target (self, a, &ra, NULL, NULL, NULL)
      && _freight_mapping_resolve_target (self, b, &rb, NULL, NULL, NULL))
    return ra.field == rb.field;
  pa = freight_mapping_target_to_path (a);
  pb = freight_mapping_target_to_path (b);
  fa = _freight_casefold (pa, -1);
  fb = _freight_casefold (pb, -1);
  return g_str_equal (fa, fb);
}

static FreightMappingEntry *
lookup_parsed_target (FreightMapping   *self,
                      FreightSdlTarget *target)
{
  guint n = freight_mapping_get_n_entries (self);

  for (guint i = 0; i < n; i++)
    {
      FreightMappingEntry *entry = freight_mapping_get_entry (self, i);

      if (same_field (self, freight_mapping_entry_get_target (entry), target))
        return entry;
    }
  return NULL;
}

/**
 * freight_mapping_lookup_target:
 * @self: a mapping
 * @target: a field name or relationship path
 *
 * Returns: (transfer none) (nullable): the entry that sets the same field as @target
 *   (`AccountId` finds an entry for `Account.External_Id__c`)
 */
FreightMappingEntry *
freight_mapping_lookup_target (FreightMapping *self,
                               const char     *target)
{
  g_autoptr(FreightSdlTarget) parsed = NULL;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  parsed = freight_sdl_target_parse (target, NULL);
  return parsed != NULL ? lookup_parsed_target (self, parsed) : NULL;
}

static FreightSdlTarget *
parse_new_target (FreightMapping  *self,
                  const char      *text,
                  GError         **error)
{
  g_autoptr(FreightSdlTarget) target = NULL;
  g_autoptr(GError) local_error = NULL;
  FreightMappingEntry *existing;

  target = freight_sdl_target_parse (text, &local_error);
  if (target == NULL)
    {
      g_set_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID_TARGET,
                   _("“%s” is not a field name or a relationship path such as "
                     "Account.External_Id__c (%s)."), text, local_error->message);
      return NULL;
    }
  existing = lookup_parsed_target (self, target);
  if (existing != NULL)
    {
      g_autofree char *source = freight_mapping_entry_describe_source (existing);

      g_set_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_DUPLICATE_TARGET,
                   _("%s already sets %s. Unmap it first, or choose another field."),
                   source, freight_mapping_entry_get_target_path (existing));
      return NULL;
    }
  return g_steal_pointer (&target);
}

/**
 * freight_mapping_map_column:
 * @self: a mapping
 * @column: a CSV column
 * @target: a field name or relationship path (`Name`, `Account.External_Id__c`,
 *   `Lead:Who.Email`)
 * @error: return location for a #FREIGHT_MAPPING_ERROR
 *
 * Maps @column to one more target. Refuses a target whose field another entry already
 * sets: two columns never silently write one field.
 *
 * Returns: (transfer none) (nullable): the new entry
 */
FreightMappingEntry *
freight_mapping_map_column (FreightMapping  *self,
                            const char      *column,
                            const char      *target,
                            GError         **error)
{
  g_autoptr(FreightSdlTarget) parsed = NULL;
  g_autoptr(FreightMappingEntry) entry = NULL;
  const char *columns[] = { column, NULL };

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = parse_new_target (self, target, error);
  if (parsed == NULL)
    return NULL;
  entry = freight_mapping_entry_new_for_columns (columns, parsed);
  freight_mapping_add_entry (self, entry);
  return entry;
}

/**
 * freight_mapping_set_constant:
 * @self: a mapping
 * @constant: the value every row sends
 * @target: a field name or relationship path
 * @error: return location for a #FREIGHT_MAPPING_ERROR
 *
 * Returns: (transfer none) (nullable): the new entry
 */
FreightMappingEntry *
freight_mapping_set_constant (FreightMapping  *self,
                              const char      *constant,
                              const char      *target,
                              GError         **error)
{
  g_autoptr(FreightSdlTarget) parsed = NULL;
  g_autoptr(FreightMappingEntry) entry = NULL;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);
  g_return_val_if_fail (constant != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = parse_new_target (self, target, error);
  if (parsed == NULL)
    return NULL;
  entry = freight_mapping_entry_new_for_constant (constant, parsed);
  freight_mapping_add_entry (self, entry);
  return entry;
}

/**
 * freight_mapping_unmap_column:
 * @self: a mapping
 * @column: a CSV column
 *
 * Removes @column from every entry; entries left without columns go.
 */
void
freight_mapping_unmap_column (FreightMapping *self,
                              const char     *column)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_if_fail (FREIGHT_IS_MAPPING (self));
  g_return_if_fail (column != NULL);

  _freight_mapping_freeze (self);
  entries = freight_mapping_get_entries_for_column (self, column);
  for (guint i = 0; i < entries->len; i++)
    {
      FreightMappingEntry *entry = g_ptr_array_index (entries, i);
      const char * const *columns = freight_mapping_entry_get_columns (entry);
      g_autoptr(GStrvBuilder) rest = g_strv_builder_new ();
      g_auto(GStrv) remaining = NULL;

      for (guint j = 0; columns[j] != NULL; j++)
        {
          g_autofree char *a = _freight_casefold (columns[j], -1);
          g_autofree char *b = _freight_casefold (column, -1);

          if (!g_str_equal (a, b))
            g_strv_builder_add (rest, columns[j]);
        }
      remaining = g_strv_builder_end (rest);
      if (remaining[0] == NULL)
        freight_mapping_remove_entry (self, entry);
      else
        freight_mapping_entry_set_columns (entry, (const char * const *) remaining);
    }
  _freight_mapping_thaw (self);
}

/**
 * freight_mapping_get_entries_for_column:
 * @self: a mapping
 * @column: a CSV column
 *
 * Returns: (transfer container) (element-type FreightMappingEntry): the entries that
 *   read @column: none, one, or several (one column into several fields)
 */
GPtrArray *
freight_mapping_get_entries_for_column (FreightMapping *self,
                                        const char     *column)
{
  GPtrArray *entries;
  guint n;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  n = freight_mapping_get_n_entries (self);
  for (guint i = 0; i < n; i++)
    {
      FreightMappingEntry *entry = freight_mapping_get_entry (self, i);

      if (freight_mapping_entry_uses_column (entry, column))
        g_ptr_array_add (entries, g_object_ref (entry));
    }
  return entries;
}

/**
 * freight_mapping_dup_header:
 * @self: a mapping
 *
 * Returns: (transfer full): the job file’s header: each entry’s target path, in order
 */
char **
freight_mapping_dup_header (FreightMapping *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);

  n = freight_mapping_get_n_entries (self);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder,
                        freight_mapping_entry_get_target_path (freight_mapping_get_entry (self,
                                                                                          i)));
  return g_strv_builder_end (builder);
}

/**
 * freight_mapping_get_problems:
 * @self: a mapping
 *
 * Returns: (transfer none): the #FreightProblem list of the last check, updated after
 *   every change
 */
GListModel *
freight_mapping_get_problems (FreightMapping *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);

  return G_LIST_MODEL (self->problems);
}

guint
freight_mapping_get_n_errors (FreightMapping *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), 0);

  return self->n_errors;
}

/**
 * freight_mapping_is_ready:
 * @self: a mapping
 *
 * Returns: %TRUE if the mapping has an object and no error-level problem
 */
gboolean
freight_mapping_is_ready (FreightMapping *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), FALSE);

  return self->object != NULL && self->n_errors == 0;
}
