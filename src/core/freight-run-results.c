/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-results"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-csv-dialect.h"
#include "freight-csv-reader.h"
#include "freight-csv-sniffer.h"
#include "freight-reconcile-types.h"
#include "freight-run-results.h"

/* --- FreightFailedRow --- */

struct _FreightFailedRow
{
  GObject   parent_instance;

  guint64   row;
  char     *error_code;
  char     *error_message;
  char     *error_fields;
  GStrv     values;
  guint     n_values;
  gboolean  edited;
};

G_DEFINE_FINAL_TYPE (FreightFailedRow, freight_failed_row, G_TYPE_OBJECT)

enum
{
  ROW_PROP_0,
  ROW_PROP_EDITED,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

enum
{
  ROW_VALUE_CHANGED,
  ROW_N_SIGNALS
};

static guint row_signals[ROW_N_SIGNALS];

static void
freight_failed_row_finalize (GObject *object)
{
  FreightFailedRow *self = (FreightFailedRow *) object;

  g_free (self->error_code);
  g_free (self->error_message);
  g_free (self->error_fields);
  g_strfreev (self->values);

  G_OBJECT_CLASS (freight_failed_row_parent_class)->finalize (object);
}

static void
freight_failed_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FreightFailedRow *self = FREIGHT_FAILED_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_EDITED:
      g_value_set_boolean (value, self->edited);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_failed_row_class_init (FreightFailedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_failed_row_finalize;
  object_class->get_property = freight_failed_row_get_property;

  row_properties[ROW_PROP_EDITED] =
    g_param_spec_boolean ("edited", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);

  /**
   * FreightFailedRow::value-changed:
   * @column: the source column whose value changed
   */
  row_signals[ROW_VALUE_CHANGED] =
    g_signal_new ("value-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
freight_failed_row_init (FreightFailedRow *self)
{
}

/**
 * freight_failed_row_new:
 * @row: the source row number (`Freight Row`)
 * @values: the source columns' values
 *
 * Returns: (transfer full): a new row
 */
FreightFailedRow *
freight_failed_row_new (guint64             row,
                        const char         *error_code,
                        const char         *error_message,
                        const char         *error_fields,
                        const char * const *values)
{
  FreightFailedRow *self = g_object_new (FREIGHT_TYPE_FAILED_ROW, NULL);

  self->row = row;
  self->error_code = g_strdup (error_code != NULL ? error_code : "");
  self->error_message = g_strdup (error_message != NULL ? error_message : "");
  self->error_fields = g_strdup (error_fields != NULL ? error_fields : "");
  self->values = g_strdupv ((char **) values);
  if (self->values == NULL)
    self->values = g_new0 (char *, 1);
  self->n_values = g_strv_length (self->values);
  return self;
}

guint64
freight_failed_row_get_row (FreightFailedRow *self)
{
  g_return_val_if_fail (FREIGHT_IS_FAILED_ROW (self), 0);
  return self->row;
}

const char *
freight_failed_row_get_error_code (FreightFailedRow *self)
{
  g_return_val_if_fail (FREIGHT_IS_FAILED_ROW (self), NULL);
  return self->error_code;
}

const char *
freight_failed_row_get_error_message (FreightFailedRow *self)
{
  g_return_val_if_fail (FREIGHT_IS_FAILED_ROW (self), NULL);
  return self->error_message;
}

const char *
freight_failed_row_get_error_fields (FreightFailedRow *self)
{
  g_return_val_if_fail (FREIGHT_IS_FAILED_ROW (self), NULL);
  return self->error_fields;
}

/**
 * freight_failed_row_has_error_field:
 * @field: (nullable): a field name; %NULL or "" for rows whose error names no field
 *
 * Returns: whether the row's error names @field (case-insensitively)
 */
gboolean
freight_failed_row_has_error_field (FreightFailedRow *self,
                                    const char       *field)
{
  g_auto(GStrv) fields = NULL;

  g_return_val_if_fail (FREIGHT_IS_FAILED_ROW (self), FALSE);

  if (field == NULL || *field == '\0')
    return *self->error_fields == '\0';
  fields = g_strsplit (self->error_fields, ",", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (fields[i]), field) == 0)
      return TRUE;
  return FALSE;
}

guint
freight_failed_row_get_n_values (FreightFailedRow *self)
{
  g_return_val_if_fail (FREIGHT_IS_FAILED_ROW (self), 0);
  return self->n_values;
}

const char * const *
freight_failed_row_get_values (FreightFailedRow *self)
{
  g_return_val_if_fail (FREIGHT_IS_FAILED_ROW (self), NULL);
  return (const char * const *) self->values;
}

const char *
freight_failed_row_get_value (FreightFailedRow *self,
                              guint             column)
{
  g_return_val_if_fail (FREIGHT_IS_FAILED_ROW (self), NULL);
  return column < self->n_values ? self->values[column] : "";
}

/**
 * freight_failed_row_set_value:
 *
 * Changes one value; the row counts as edited from then on.
 */
void
freight_failed_row_set_value (FreightFailedRow *self,
                              guint             column,
                              const char       *value)
{
  g_return_if_fail (FREIGHT_IS_FAILED_ROW (self));
  g_return_if_fail (column < self->n_values);

  if (value == NULL)
    value = "";
  if (g_strcmp0 (self->values[column], value) == 0)
    return;
  g_free (self->values[column]);
  self->values[column] = g_strdup (value);
  g_signal_emit (self, row_signals[ROW_VALUE_CHANGED], 0, column);
  freight_failed_row_set_edited (self, TRUE);
}

gboolean
freight_failed_row_get_edited (FreightFailedRow *self)
{
  g_return_val_if_fail (FREIGHT_IS_FAILED_ROW (self), FALSE);
  return self->edited;
}

void
freight_failed_row_set_edited (FreightFailedRow *self,
                               gboolean          edited)
{
  g_return_if_fail (FREIGHT_IS_FAILED_ROW (self));

  edited = !!edited;
  if (self->edited == edited)
    return;
  self->edited = edited;
  g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_EDITED]);
}

/* --- FreightFailureGroup --- */

struct _FreightFailureGroup
{
  GObject  parent_instance;

  char    *error_code;
  char    *field;
  guint64  n_rows;
};

G_DEFINE_FINAL_TYPE (FreightFailureGroup, freight_failure_group, G_TYPE_OBJECT)

static void
freight_failure_group_finalize (GObject *object)
{
  FreightFailureGroup *self = (FreightFailureGroup *) object;

  g_free (self->error_code);
  g_free (self->field);

  G_OBJECT_CLASS (freight_failure_group_parent_class)->finalize (object);
}

static void
freight_failure_group_class_init (FreightFailureGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = freight_failure_group_finalize;
}

static void
freight_failure_group_init (FreightFailureGroup *self)
{
}

const char *
freight_failure_group_get_error_code (FreightFailureGroup *self)
{
  g_return_val_if_fail (FREIGHT_IS_FAILURE_GROUP (self), NULL);
  return self->error_code;
}

/* The field the errors name, or "" when they name none. */
const char *
freight_failure_group_get_field (FreightFailureGroup *self)
{
  g_return_val_if_fail (FREIGHT_IS_FAILURE_GROUP (self), NULL);
  return self->field;
}

guint64
freight_failure_group_get_n_rows (FreightFailureGroup *self)
{
  g_return_val_if_fail (FREIGHT_IS_FAILURE_GROUP (self), 0);
  return self->n_rows;
}

/* --- FreightRunResults --- */

struct _FreightRunResults
{
  GObject      parent_instance;

  GFile       *run_dir;
  JsonObject  *summary;
  GStrv        columns;
  GListStore  *failed_rows;
  GListStore  *groups;
  GHashTable  *field_columns;  /* lower-case field name → GArray of column indexes */
  guint64      n_rows;
  guint64      n_succeeded;
  guint64      n_failed;
  guint64      n_unprocessed;
};

G_DEFINE_FINAL_TYPE (FreightRunResults, freight_run_results, G_TYPE_OBJECT)

static void
freight_run_results_finalize (GObject *object)
{
  FreightRunResults *self = (FreightRunResults *) object;

  g_clear_object (&self->run_dir);
  g_clear_pointer (&self->summary, json_object_unref);
  g_strfreev (self->columns);
  g_clear_object (&self->failed_rows);
  g_clear_object (&self->groups);
  g_clear_pointer (&self->field_columns, g_hash_table_unref);

  G_OBJECT_CLASS (freight_run_results_parent_class)->finalize (object);
}

static void
freight_run_results_class_init (FreightRunResultsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = freight_run_results_finalize;
}

static void
freight_run_results_init (FreightRunResults *self)
{
  self->failed_rows = g_list_store_new (FREIGHT_TYPE_FAILED_ROW);
  self->groups = g_list_store_new (FREIGHT_TYPE_FAILURE_GROUP);
  self->columns = g_new0 (char *, 1);
  self->field_columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_array_unref);
}

static void
add_field_column (GHashTable *table,
                  const char *field,
                  guint       column)
{
  g_autofree char *key = g_ascii_strdown (field, -1);
  GArray *columns = g_hash_table_lookup (table, key);

  if (columns == NULL)
    {
      columns = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (table, g_steal_pointer (&key), columns);
    }
  g_array_append_val (columns, column);
}

/* Which source columns feed which fields, from the mapping in summary.json: the field an
 * entry writes, and for a parent reached through its external ID (Account.External_Id__c)
 * the lookup field too (AccountId; Parent__r → Parent__c), which is what errors name. */
static void
map_fields (FreightRunResults *self)
{
  JsonObject *mapping;
  JsonArray *entries;

  g_hash_table_remove_all (self->field_columns);
  if (self->summary == NULL || !json_object_has_member (self->summary, "mapping"))
    return;
  mapping = json_object_get_object_member (self->summary, "mapping");
  if (mapping == NULL || !json_object_has_member (mapping, "entries"))
    return;
  entries = json_object_get_array_member (mapping, "entries");
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *target;
      JsonArray *columns;
      g_auto(GStrv) parts = NULL;

      if (entry == NULL || !json_object_has_member (entry, "columns"))
        continue;
      target = json_object_get_string_member_with_default (entry, "target", NULL);
      columns = json_object_get_array_member (entry, "columns");
      if (target == NULL || columns == NULL)
        continue;
      parts = g_strsplit (target, ".", 2);
      for (guint c = 0; c < json_array_get_length (columns); c++)
        {
          const char *name = json_array_get_string_element (columns, c);

          for (guint k = 0; name != NULL && self->columns[k] != NULL; k++)
            {
              if (g_strcmp0 (self->columns[k], name) != 0)
                continue;
              add_field_column (self->field_columns, target, k);
              if (parts[1] != NULL)
                {
                  g_autofree char *lookup = g_str_has_suffix (parts[0], "__r")
                    ? g_strdup_printf ("%.*sc", (int) strlen (parts[0]) - 1, parts[0])
                    : g_strconcat (parts[0], "Id", NULL);

                  add_field_column (self->field_columns, parts[0], k);
                  add_field_column (self->field_columns, lookup, k);
                }
            }
        }
    }
}

/**
 * freight_run_results_is_error_column:
 * @row: a failed row
 * @column: a source column (an index into freight_run_results_get_columns())
 *
 * Returns: whether the column feeds a field the row's error names (by the run's mapping)
 */
gboolean
freight_run_results_is_error_column (FreightRunResults *self,
                                     FreightFailedRow  *row,
                                     guint              column)
{
  g_auto(GStrv) fields = NULL;

  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), FALSE);
  g_return_val_if_fail (FREIGHT_IS_FAILED_ROW (row), FALSE);

  fields = g_strsplit (row->error_fields, ",", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *key = g_ascii_strdown (g_strstrip (fields[i]), -1);
      GArray *columns = g_hash_table_lookup (self->field_columns, key);

      for (guint c = 0; columns != NULL && c < columns->len; c++)
        if (g_array_index (columns, guint, c) == column)
          return TRUE;
    }
  return FALSE;
}

/**
 * freight_run_results_new:
 * @run_dir: a load's result folder (with summary.json)
 *
 * Returns: (transfer full): a reader; nothing is read before freight_run_results_load()
 */
FreightRunResults *
freight_run_results_new (GFile *run_dir)
{
  FreightRunResults *self;

  g_return_val_if_fail (G_IS_FILE (run_dir), NULL);

  self = g_object_new (FREIGHT_TYPE_RUN_RESULTS, NULL);
  self->run_dir = g_object_ref (run_dir);
  return self;
}

GFile *
freight_run_results_get_run_dir (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), NULL);
  return self->run_dir;
}

/**
 * freight_run_results_get_file:
 * @name: a file name of the folder: "success.csv", "summary.json"…
 *
 * Returns: (transfer full): the file (it may not exist)
 */
GFile *
freight_run_results_get_file (FreightRunResults *self,
                              const char        *name)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), NULL);
  return g_file_get_child (self->run_dir, name);
}

/**
 * freight_run_results_sniff:
 *
 * The dialect of a result file: UTF-8 (with a BOM when the source was not UTF-8) and the
 * source's delimiter and line ending.
 */
gboolean
freight_run_results_sniff (GFile              *file,
                           FreightCsvDialect  *dialect,
                           GCancellable       *cancellable,
                           GError            **error)
{
  if (!freight_csv_sniff_file (file, dialect, cancellable, error))
    return FALSE;
  dialect->encoding = FREIGHT_CSV_ENCODING_UTF8;
  return TRUE;
}

typedef struct
{
  char    *code;
  char    *field;
  guint64  n;
} GroupCount;

static void
group_count_free (GroupCount *group)
{
  g_free (group->code);
  g_free (group->field);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const GroupCount *ga = *(GroupCount **) a;
  const GroupCount *gb = *(GroupCount **) b;
  int cmp;

  if (ga->n != gb->n)
    return ga->n > gb->n ? -1 : 1;
  cmp = g_strcmp0 (ga->code, gb->code);
  return cmp != 0 ? cmp : g_strcmp0 (ga->field, gb->field);
}

static void
count_group (GHashTable *groups,
             const char *code,
             const char *field)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", code, field);
  GroupCount *group = g_hash_table_lookup (groups, key);

  if (group == NULL)
    {
      group = g_new0 (GroupCount, 1);
      group->code = g_strdup (code);
      group->field = g_strdup (field);
      g_hash_table_insert (groups, g_steal_pointer (&key), group);
    }
  group->n++;
}

static guint64
get_count (JsonObject *counts,
           const char *name)
{
  if (counts == NULL)
    return 0;
  return (guint64) MAX (json_object_get_int_member_with_default (counts, name, 0), 0);
}

static gboolean
read_failed (FreightRunResults  *self,
             GPtrArray          *rows,
             GHashTable         *groups,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(GFile) file = g_file_get_child (self->run_dir, FREIGHT_RESULT_FILE_FAILED);
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) source = g_array_new (FALSE, FALSE, sizeof (guint));
  int at[FREIGHT_RESULT_COLUMN_REASON + 1];
  FreightCsvDialect dialect;
  GError *local = NULL;
  guint n;

  if (!g_file_query_exists (file, cancellable))
    return TRUE;
  if (!freight_run_results_sniff (file, &dialect, cancellable, error))
    return FALSE;
  reader = freight_csv_reader_new_for_file (file, &dialect, FREIGHT_CSV_READER_FLAGS_NONE,
                                            cancellable, error);
  if (reader == NULL || !freight_csv_reader_read_header (reader, cancellable, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    at[i] = -1;
  n = freight_csv_reader_get_n_columns (reader);
  for (guint i = 0; i < n; i++)
    {
      const char *name = freight_csv_reader_get_column_name (reader, i);
      FreightResultColumn column = freight_result_column_from_name (name);

      if (column == FREIGHT_RESULT_COLUMN_NONE)
        {
          g_array_append_val (source, i);
          g_ptr_array_add (columns, g_strdup (name));
        }
      else if (at[column] < 0)
        at[column] = i;
    }
  g_ptr_array_add (columns, NULL);
  g_strfreev (self->columns);
  self->columns = (GStrv) g_ptr_array_steal (columns, NULL);

  if (at[FREIGHT_RESULT_COLUMN_ROW] < 0)
    {
      g_autofree char *path = g_file_get_path (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” has no Freight Row column; it is not a result file of Freight."),
                   path);
      return FALSE;
    }

  while (freight_csv_reader_next_row (reader, cancellable, &local))
    {
      g_autoptr(GPtrArray) values = g_ptr_array_new ();
      const char *extra[FREIGHT_RESULT_COLUMN_REASON + 1] = { NULL };
      g_auto(GStrv) fields = NULL;
      FreightFailedRow *row;

      for (guint c = 1; c < G_N_ELEMENTS (at); c++)
        extra[c] = at[c] >= 0 ? freight_csv_reader_get_field (reader, at[c], NULL) : "";
      for (guint i = 0; i < source->len; i++)
        g_ptr_array_add (values,
                         (gpointer) freight_csv_reader_get_field (reader,
                                                                  g_array_index (source, guint,
                                                                                 i),
                                                                  NULL));
      g_ptr_array_add (values, NULL);
      row = freight_failed_row_new (g_ascii_strtoull (extra[FREIGHT_RESULT_COLUMN_ROW], NULL,
                                                      10),
                                    extra[FREIGHT_RESULT_COLUMN_ERROR_CODE],
                                    extra[FREIGHT_RESULT_COLUMN_ERROR_MESSAGE],
                                    extra[FREIGHT_RESULT_COLUMN_ERROR_FIELDS],
                                    (const char * const *) values->pdata);
      g_ptr_array_add (rows, row);

      fields = g_strsplit (row->error_fields, ",", -1);
      if (fields[0] == NULL || *g_strstrip (fields[0]) == '\0')
        count_group (groups, row->error_code, "");
      else
        for (guint i = 0; fields[i] != NULL; i++)
          if (*g_strstrip (fields[i]) != '\0')
            count_group (groups, row->error_code, fields[i]);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

/**
 * freight_run_results_load:
 *
 * Reads summary.json and failed.csv. Blocks: call it on a worker thread, or use
 * freight_run_results_load_async().
 */
gboolean
freight_run_results_load (FreightRunResults  *self,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) group_table = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *path = NULL;
  GError *local = NULL;
  JsonNode *root;
  JsonObject *counts;

  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), FALSE);

  file = g_file_get_child (self->run_dir, "summary.json");
  path = g_file_get_path (file);
  if (!json_parser_load_from_mapped_file (parser, path, &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The summary of the run (%s) cannot be read: %s"), path, local->message);
      g_error_free (local);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The summary of the run (%s) is not what Freight writes."), path);
      return FALSE;
    }

  group_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) group_count_free);
  if (!read_failed (self, rows, group_table, cancellable, error))
    return FALSE;

  g_clear_pointer (&self->summary, json_object_unref);
  self->summary = json_object_ref (json_node_get_object (root));
  counts = json_object_get_object_member (self->summary, "counts");
  self->n_rows = get_count (counts, "rows");
  self->n_succeeded = get_count (counts, "succeeded");
  self->n_failed = get_count (counts, "failed");
  self->n_unprocessed = get_count (counts, "unprocessed");

  groups = g_ptr_array_new ();
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, group_table);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (groups, value);
  }
  g_ptr_array_sort (groups, compare_groups);
  g_list_store_remove_all (self->groups);
  for (guint i = 0; i < groups->len; i++)
    {
      GroupCount *count = groups->pdata[i];
      g_autoptr(FreightFailureGroup) group = g_object_new (FREIGHT_TYPE_FAILURE_GROUP, NULL);

      group->error_code = g_strdup (count->code);
      group->field = g_strdup (count->field);
      group->n_rows = count->n;
      g_list_store_append (self->groups, group);
    }
  g_list_store_splice (self->failed_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->failed_rows)),
                       rows->pdata, rows->len);
  map_fields (self);
  return TRUE;
}

/* The worker reads into a fresh reader; the main context takes its state over, so that the
 * models only ever change on the main context. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FreightRunResults *copy = task_data;
  GError *error = NULL;

  if (freight_run_results_load (copy, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
freight_run_results_load_async (FreightRunResults   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FREIGHT_IS_RUN_RESULTS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_run_results_load_async);
  g_task_set_task_data (task, freight_run_results_new (self->run_dir), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

static void
copy_store (GListStore *to,
            GListModel *from)
{
  guint n = g_list_model_get_n_items (from);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (from, i));
  g_list_store_splice (to, 0, g_list_model_get_n_items (G_LIST_MODEL (to)), items->pdata, n);
}

gboolean
freight_run_results_load_finish (FreightRunResults  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  FreightRunResults *copy;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  copy = g_task_get_task_data (G_TASK (result));
  g_clear_pointer (&self->summary, json_object_unref);
  self->summary = json_object_ref (copy->summary);
  g_strfreev (self->columns);
  self->columns = g_strdupv (copy->columns);
  self->n_rows = copy->n_rows;
  self->n_succeeded = copy->n_succeeded;
  self->n_failed = copy->n_failed;
  self->n_unprocessed = copy->n_unprocessed;
  map_fields (self);
  copy_store (self->groups, G_LIST_MODEL (copy->groups));
  copy_store (self->failed_rows, G_LIST_MODEL (copy->failed_rows));
  return TRUE;
}

/**
 * freight_run_results_get_summary:
 *
 * Returns: (transfer none) (nullable): summary.json, once loaded
 */
JsonObject *
freight_run_results_get_summary (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), NULL);
  return self->summary;
}

static const char *
summary_string (FreightRunResults *self,
                const char        *object,
                const char        *member)
{
  JsonObject *from = self->summary;

  if (from != NULL && object != NULL)
    from = json_object_get_object_member (from, object);
  if (from == NULL)
    return NULL;
  return json_object_get_string_member_with_default (from, member, NULL);
}

const char *
freight_run_results_get_org_name (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), NULL);
  return summary_string (self, "org", "name");
}

const char *
freight_run_results_get_object_name (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), NULL);
  return summary_string (self, NULL, "object");
}

const char *
freight_run_results_get_operation (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), NULL);
  return summary_string (self, NULL, "operation");
}

guint64
freight_run_results_get_n_rows (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), 0);
  return self->n_rows;
}

guint64
freight_run_results_get_n_succeeded (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), 0);
  return self->n_succeeded;
}

guint64
freight_run_results_get_n_failed (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), 0);
  return self->n_failed;
}

guint64
freight_run_results_get_n_unprocessed (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), 0);
  return self->n_unprocessed;
}

guint
freight_run_results_get_n_resubmits (FreightRunResults *self)
{
  JsonArray *resubmits;

  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), 0);

  if (self->summary == NULL || !json_object_has_member (self->summary, "resubmits"))
    return 0;
  resubmits = json_object_get_array_member (self->summary, "resubmits");
  return resubmits != NULL ? json_array_get_length (resubmits) : 0;
}

/**
 * freight_run_results_get_columns:
 *
 * Returns: (transfer none): the source columns of failed.csv (without Freight's own)
 */
const char * const *
freight_run_results_get_columns (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), NULL);
  return (const char * const *) self->columns;
}

/**
 * freight_run_results_get_failed_rows:
 *
 * Returns: (transfer none): the rows of failed.csv (#FreightFailedRow), in file order
 */
GListModel *
freight_run_results_get_failed_rows (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), NULL);
  return G_LIST_MODEL (self->failed_rows);
}

/**
 * freight_run_results_get_failure_groups:
 *
 * Returns: (transfer none): failed rows counted by error code and field
 *   (#FreightFailureGroup), the largest group first; a row whose error names several
 *   fields counts once for each
 */
GListModel *
freight_run_results_get_failure_groups (FreightRunResults *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_RESULTS (self), NULL);
  return G_LIST_MODEL (self->groups);
}
