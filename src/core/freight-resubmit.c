/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-resubmit"

#include "config.h"

#include <errno.h>
#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "freight-csv-dialect.h"
#include "freight-csv-reader.h"
#include "freight-csv-writer.h"
#include "freight-describe-object.h"
#include "freight-load-description.h"
#include "freight-mapping.h"
#include "freight-operation.h"
#include "freight-org-session.h"
#include "freight-reconcile-types.h"
#include "freight-resubmit.h"
#include "freight-run-results.h"

/* The overview is in freight-resubmit.h. The steps:
 *   prepare (worker)  read summary.json, write resubmits/N/rows.csv, add the journal run,
 *                     describe the object, build the mapping
 *   load (main)       a FreightLoad of rows.csv into resubmits/N (new or resumed)
 *   fold (worker)     rewrite success.csv, failed.csv, unprocessed.csv and summary.json
 */

#define ROWS_FILE_NAME "rows.csv"
#define RESUBMITS_DIR  "resubmits"

struct _FreightResubmit
{
  GObject             parent_instance;

  GFile              *run_dir;
  FreightOrgSession  *session;
  FreightJournal     *journal;
  gint64              resume_id;     /* the journal run to continue, or 0 */
  gint64              journal_id;    /* this resubmit's journal run */
  GPtrArray          *rows;          /* GStrv: Freight Row, then the values */
  guint               number;
  GFile              *folder;        /* resubmits/N */
  FreightLoad        *load;
  guint64             n_succeeded;
  guint64             n_failed;
  gboolean            started;
  int                 claim;         /* freight_journal_claim_run() of journal_id, or -1 */
};

G_DEFINE_FINAL_TYPE (FreightResubmit, freight_resubmit, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LOAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_resubmit_finalize (GObject *object)
{
  FreightResubmit *self = (FreightResubmit *) object;

  freight_journal_release_run (self->claim);
  g_clear_object (&self->run_dir);
  g_clear_object (&self->session);
  g_clear_object (&self->journal);
  g_ptr_array_unref (self->rows);
  g_clear_object (&self->folder);
  g_clear_object (&self->load);

  G_OBJECT_CLASS (freight_resubmit_parent_class)->finalize (object);
}

static void
freight_resubmit_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FreightResubmit *self = FREIGHT_RESUBMIT (object);

  switch (prop_id)
    {
    case PROP_LOAD:
      g_value_set_object (value, self->load);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_resubmit_class_init (FreightResubmitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_resubmit_finalize;
  object_class->get_property = freight_resubmit_get_property;

  properties[PROP_LOAD] =
    g_param_spec_object ("load", NULL, NULL, FREIGHT_TYPE_LOAD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_resubmit_init (FreightResubmit *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->claim = -1;
}

/**
 * freight_resubmit_new:
 * @run_dir: the result folder of a finished load
 * @session: the org the load ran on
 * @journal: where the resubmit and its load are journaled
 *
 * Returns: (transfer full): a resubmit without rows
 */
FreightResubmit *
freight_resubmit_new (GFile             *run_dir,
                      FreightOrgSession *session,
                      FreightJournal    *journal)
{
  FreightResubmit *self;

  g_return_val_if_fail (G_IS_FILE (run_dir), NULL);
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);
  g_return_val_if_fail (FREIGHT_IS_JOURNAL (journal), NULL);

  self = g_object_new (FREIGHT_TYPE_RESUBMIT, NULL);
  self->run_dir = g_object_ref (run_dir);
  self->session = g_object_ref (session);
  self->journal = g_object_ref (journal);
  return self;
}

/**
 * freight_resubmit_new_resume:
 * @journal_run_id: an unfinished run of kind "resubmit" of @journal
 *
 * Returns: (transfer full): a resubmit that continues that one when run
 */
FreightResubmit *
freight_resubmit_new_resume (gint64             journal_run_id,
                             FreightOrgSession *session,
                             FreightJournal    *journal)
{
  FreightResubmit *self;

  g_return_val_if_fail (journal_run_id > 0, NULL);
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);
  g_return_val_if_fail (FREIGHT_IS_JOURNAL (journal), NULL);

  self = g_object_new (FREIGHT_TYPE_RESUBMIT, NULL);
  self->resume_id = journal_run_id;
  self->session = g_object_ref (session);
  self->journal = g_object_ref (journal);
  return self;
}

/**
 * freight_resubmit_add_row:
 * @row: the row's number in the run (its `Freight Row`)
 * @values: its values, one per source column of failed.csv
 *   (freight_run_results_get_columns())
 */
void
freight_resubmit_add_row (FreightResubmit    *self,
                          guint64             row,
                          const char * const *values)
{
  guint n = values != NULL ? g_strv_length ((char **) values) : 0;
  char **fields;

  g_return_if_fail (FREIGHT_IS_RESUBMIT (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (row > 0);

  fields = g_new0 (char *, n + 2);
  fields[0] = g_strdup_printf ("%" G_GUINT64_FORMAT, row);
  for (guint i = 0; i < n; i++)
    fields[i + 1] = g_strdup (values[i]);
  g_ptr_array_add (self->rows, fields);
}

guint
freight_resubmit_get_n_rows (FreightResubmit *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESUBMIT (self), 0);
  return self->rows->len;
}

/**
 * freight_resubmit_get_run_dir:
 *
 * Returns: (transfer none) (nullable): the run's folder (known once a resumed resubmit runs)
 */
GFile *
freight_resubmit_get_run_dir (FreightResubmit *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESUBMIT (self), NULL);
  return self->run_dir;
}

/* The resubmit's number in the run (resubmits/N), once it runs. */
guint
freight_resubmit_get_number (FreightResubmit *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESUBMIT (self), 0);
  return self->number;
}

gint64
freight_resubmit_get_journal_id (FreightResubmit *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESUBMIT (self), 0);
  return self->journal_id;
}

/**
 * freight_resubmit_get_load:
 *
 * Returns: (transfer none) (nullable): the load of the rows, once it exists
 */
FreightLoad *
freight_resubmit_get_load (FreightResubmit *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESUBMIT (self), NULL);
  return self->load;
}

/* Of the resubmitted rows, those that succeeded now (after the run). */
guint64
freight_resubmit_get_n_succeeded (FreightResubmit *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESUBMIT (self), 0);
  return self->n_succeeded;
}

/* Of the resubmitted rows, those that failed again or were not processed. */
guint64
freight_resubmit_get_n_failed (FreightResubmit *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESUBMIT (self), 0);
  return self->n_failed;
}

/* --- Helpers on the worker --- */

static JsonObject *
read_json_file (GFile   *file,
                GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_file_get_path (file);
  JsonNode *root;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not what Freight writes."), path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static gboolean
write_json_file (GFile       *file,
                 JsonObject  *object,
                 GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  /* A temporary file, synced and renamed over the old one. */
  return g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                   error);
}

/* The header of a result file, or NULL with no error when it does not exist. */
static char **
read_header (GFile              *file,
             FreightCsvDialect  *dialect,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(FreightCsvReader) reader = NULL;

  if (!g_file_query_exists (file, cancellable))
    return NULL;
  if (!freight_run_results_sniff (file, dialect, cancellable, error))
    return NULL;
  reader = freight_csv_reader_new_for_file (file, dialect, FREIGHT_CSV_READER_FLAGS_NONE,
                                            cancellable, error);
  if (reader == NULL || !freight_csv_reader_read_header (reader, cancellable, error))
    return NULL;
  return g_strdupv ((char **) freight_csv_reader_get_column_names (reader));
}

static char **
source_columns (const char * const *header)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();

  for (guint i = 0; header[i] != NULL; i++)
    if (!freight_result_column_is_freight (header[i]))
      g_ptr_array_add (columns, g_strdup (header[i]));
  g_ptr_array_add (columns, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&columns), FALSE);
}

static FreightDescribeObject *
describe (FreightOrgSession  *session,
          const char         *name,
          GCancellable       *cancellable,
          GError            **error)
{
  g_autoptr(JsonObject) json = freight_org_session_describe_sobject (session, name, cancellable,
                                                                     error);

  if (json == NULL)
    return NULL;
  return freight_describe_object_new_from_json (json, error);
}

/* --- Prepare (worker) --- */

typedef struct
{
  JsonObject      *summary;
  FreightMapping  *mapping;         /* NULL when the load needs none (it is resumed) */
  char            *load_id;         /* the load run to resume, or NULL */
  GFile           *load_dir;        /* the load's finished run folder: fold only */
  GFile           *rows_file;
  GError          *load_error;      /* a load that ended with an error before */
} Prepared;

static void
prepared_free (Prepared *prepared)
{
  g_clear_pointer (&prepared->summary, json_object_unref);
  g_clear_object (&prepared->mapping);
  g_free (prepared->load_id);
  g_clear_object (&prepared->load_dir);
  g_clear_object (&prepared->rows_file);
  g_clear_error (&prepared->load_error);
  g_free (prepared);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_free)

static gboolean
write_rows (FreightResubmit     *self,
            GFile               *file,
            const char * const  *columns,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(FreightCsvWriter) writer = NULL;
  guint n_columns = g_strv_length ((char **) columns);

  stream = g_file_create (file, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;
  writer = freight_csv_writer_new (G_OUTPUT_STREAM (stream), ',', FREIGHT_CSV_LINE_ENDING_LF,
                                   FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  freight_csv_writer_add_field (writer, freight_result_column_get_name (
                                          FREIGHT_RESULT_COLUMN_ROW), -1);
  for (guint i = 0; i < n_columns; i++)
    freight_csv_writer_add_field (writer, columns[i], -1);
  if (!freight_csv_writer_end_row (writer, cancellable, error))
    return FALSE;
  for (guint r = 0; r < self->rows->len; r++)
    {
      char **fields = self->rows->pdata[r];
      guint n = g_strv_length (fields);

      for (guint i = 0; i < n_columns + 1; i++)
        freight_csv_writer_add_field (writer, i < n ? fields[i] : "", -1);
      if (!freight_csv_writer_end_row (writer, cancellable, error))
        return FALSE;
    }
  if (!freight_csv_writer_flush (writer, cancellable, error))
    return FALSE;
  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

/* resubmits/N with the next free N. */
static GFile *
make_folder (FreightResubmit  *self,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(GFile) parent = g_file_get_child (self->run_dir, RESUBMITS_DIR);

  if (!g_file_make_directory_with_parents (parent, cancellable, NULL) &&
      !g_file_query_exists (parent, cancellable))
    {
      g_autofree char *path = g_file_get_path (parent);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The folder “%s” cannot be made."), path);
      return NULL;
    }
  for (guint n = 1; n < 100000; n++)
    {
      g_autofree char *name = g_strdup_printf ("%u", n);
      g_autoptr(GFile) dir = g_file_get_child (parent, name);
      g_autoptr(GError) local = NULL;

      if (g_file_make_directory (dir, cancellable, &local))
        {
          self->number = n;
          return g_steal_pointer (&dir);
        }
      if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Too many resubmits."));
  return NULL;
}

static FreightMapping *
make_mapping (FreightResubmit     *self,
              JsonObject          *summary,
              GFile               *rows_file,
              GCancellable        *cancellable,
              GError             **error)
{
  const char *object_name = json_object_get_string_member_with_default (summary, "object",
                                                                        NULL);
  JsonNode *saved = json_object_get_member (summary, "mapping");
  g_autoptr(FreightDescribeObject) object = NULL;
  g_autoptr(FreightMapping) mapping = NULL;
  g_auto(GStrv) related = NULL;
  g_auto(GStrv) header = NULL;
  FreightCsvDialect dialect;

  if (object_name == NULL || saved == NULL || !JSON_NODE_HOLDS_OBJECT (saved))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The run’s summary has no object or mapping; its rows cannot be "
                             "sent again."));
      return NULL;
    }
  object = describe (self->session, object_name, cancellable, error);
  if (object == NULL)
    return NULL;
  mapping = freight_mapping_new ();
  freight_mapping_set_object (mapping, object);
  related = freight_describe_object_dup_referenced_objects (object);
  for (guint i = 0; related != NULL && related[i] != NULL; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(FreightDescribeObject) parent = describe (self->session, related[i],
                                                          cancellable, &local);

      if (parent != NULL)
        freight_mapping_add_related_object (mapping, parent);
      else
        g_debug ("no describe of %s: %s", related[i], local->message);
    }
  if (!freight_mapping_load_json (mapping, saved, error))
    return NULL;
  header = read_header (rows_file, &dialect, cancellable, error);
  if (header == NULL)
    return NULL;
  freight_mapping_set_source_columns (mapping, (const char * const *) header);
  return g_steal_pointer (&mapping);
}

static JsonObject *
journal_spec (FreightResubmit *self)
{
  JsonObject *spec = json_object_new ();
  g_autofree char *run_dir = g_file_get_path (self->run_dir);
  g_autofree char *folder = g_file_get_path (self->folder);

  json_object_set_string_member (spec, "run_dir", run_dir);
  json_object_set_string_member (spec, "folder", folder);
  json_object_set_int_member (spec, "number", self->number);
  json_object_set_int_member (spec, "rows", self->rows->len);
  return spec;
}

static void
prepare_new (FreightResubmit  *self,
             Prepared         *prepared,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(GFile) summary_file = g_file_get_child (self->run_dir, "summary.json");
  g_autoptr(GFile) failed = g_file_get_child (self->run_dir, FREIGHT_RESULT_FILE_FAILED);
  g_autoptr(JsonObject) spec = NULL;
  g_autofree char *run_dir = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) columns = NULL;
  FreightCsvDialect dialect;
  JsonObject *org;
  const char *org_name = NULL;

  prepared->summary = read_json_file (summary_file, error);
  if (prepared->summary == NULL)
    return;
  header = read_header (failed, &dialect, cancellable, error);
  if (header == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The run has no failed.csv; there are no rows to send again."));
      return;
    }
  columns = source_columns ((const char * const *) header);

  self->folder = make_folder (self, cancellable, error);
  if (self->folder == NULL)
    return;
  prepared->rows_file = g_file_get_child (self->folder, ROWS_FILE_NAME);
  if (!write_rows (self, prepared->rows_file, (const char * const *) columns, cancellable,
                   error))
    return;

  org = json_object_get_object_member (prepared->summary, "org");
  if (org != NULL)
    org_name = json_object_get_string_member_with_default (org, "name", NULL);
  if (org_name == NULL && org != NULL)
    org_name = json_object_get_string_member_with_default (org, "instance_url", NULL);
  spec = journal_spec (self);
  run_dir = g_file_get_path (self->run_dir);
  self->journal_id = freight_journal_add_run (self->journal, FREIGHT_RESUBMIT_RUN_KIND,
                                              org_name != NULL ? org_name : "", spec, run_dir,
                                              error);
  if (self->journal_id == 0)
    return;
  self->claim = freight_journal_claim_run (self->journal, self->journal_id, error);
  if (self->claim < 0)
    return;

  prepared->mapping = make_mapping (self, prepared->summary, prepared->rows_file, cancellable,
                                    error);
}

/* The load run of this resubmit in the journal: the one writing into its folder. */
static FreightJournalRun *
find_load_run (FreightResubmit  *self,
               GError          **error)
{
  g_autoptr(GPtrArray) runs = freight_journal_list_runs (self->journal, FREIGHT_LOAD_RUN_KIND,
                                                         FALSE, error);
  g_autofree char *folder = g_file_get_path (self->folder);
  g_autofree char *prefix = g_strconcat (folder, G_DIR_SEPARATOR_S, NULL);

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      FreightJournalRun *run = runs->pdata[i];

      if (run->output_path != NULL && g_str_has_prefix (run->output_path, prefix))
        return freight_journal_run_copy (run);
    }
  return NULL;
}

static void
prepare_resume (FreightResubmit  *self,
                Prepared         *prepared,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(FreightJournalRun) run = NULL;
  g_autoptr(FreightJournalRun) load_run = NULL;
  g_autoptr(GFile) summary_file = NULL;
  g_autoptr(GFile) rows_file = NULL;
  g_autoptr(FreightCsvReader) reader = NULL;
  FreightCsvDialect dialect;
  GError *local = NULL;
  const char *folder;
  const char *run_dir;

  run = freight_journal_get_run (self->journal, self->resume_id, error);
  if (run == NULL)
    return;
  /* Not beside another process (or object) that goes on with it already. */
  self->claim = freight_journal_claim_run (self->journal, self->resume_id, error);
  if (self->claim < 0)
    return;
  run_dir = run->spec != NULL ? json_object_get_string_member_with_default (run->spec,
                                                                             "run_dir", NULL)
                              : NULL;
  folder = run->spec != NULL ? json_object_get_string_member_with_default (run->spec, "folder",
                                                                            NULL)
                             : NULL;
  if (g_strcmp0 (run->kind, FREIGHT_RESUBMIT_RUN_KIND) != 0 || run_dir == NULL ||
      folder == NULL || freight_journal_run_is_finished (run))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->resume_id);

      /* Numbers go into messages as text: xgettext cannot read G_GINT64_FORMAT. */
      g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_NOT_RESUMABLE,
                   _("There is no unfinished resubmit %s."), number);
      return;
    }
  self->journal_id = self->resume_id;
  self->run_dir = g_file_new_for_path (run_dir);
  self->folder = g_file_new_for_path (folder);
  self->number = json_object_get_int_member_with_default (run->spec, "number", 0);

  summary_file = g_file_get_child (self->run_dir, "summary.json");
  prepared->summary = read_json_file (summary_file, error);
  if (prepared->summary == NULL)
    return;

  /* The rows, for the fold, from rows.csv. */
  rows_file = g_file_get_child (self->folder, ROWS_FILE_NAME);
  prepared->rows_file = g_object_ref (rows_file);
  freight_csv_dialect_init (&dialect);
  reader = freight_csv_reader_new_for_file (rows_file, &dialect, FREIGHT_CSV_READER_FLAGS_NONE,
                                            cancellable, error);
  if (reader == NULL || !freight_csv_reader_read_header (reader, cancellable, error))
    return;
  g_ptr_array_set_size (self->rows, 0);
  while (freight_csv_reader_next_row (reader, cancellable, &local))
    {
      guint n = freight_csv_reader_get_n_fields (reader);
      char **fields = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        fields[i] = g_strdup (freight_csv_reader_get_field (reader, i, NULL));
      g_ptr_array_add (self->rows, fields);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return;
    }

  load_run = find_load_run (self, error);
  if (error != NULL && *error != NULL)
    return;
  if (load_run == NULL)
    {
      /* It stopped before the load began: begin it. */
      prepared->mapping = make_mapping (self, prepared->summary, rows_file, cancellable,
                                        error);
      return;
    }
  if (freight_journal_run_is_finished (load_run))
    {
      if (g_strcmp0 (load_run->state, FREIGHT_JOURNAL_STATE_FAILED) == 0)
        g_set_error (&prepared->load_error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_FAILED,
                     "%s", load_run->error_message != NULL ? load_run->error_message
                                                            : _("The load failed."));
      prepared->load_dir = g_file_new_for_path (load_run->output_path);
      return;
    }
  prepared->load_id = g_strdup_printf ("%" G_GINT64_FORMAT, load_run->id);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FreightResubmit *self = source_object;
  g_autoptr(Prepared) prepared = g_new0 (Prepared, 1);
  GError *error = NULL;

  if (self->resume_id > 0)
    prepare_resume (self, prepared, cancellable, &error);
  else
    prepare_new (self, prepared, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&prepared), (GDestroyNotify) prepared_free);
}

/* --- Fold (worker) --- */

typedef struct
{
  guint64  row;
  GStrv    fields;   /* in the order of the run's file */
} SubRow;

static void
sub_row_clear (SubRow *row)
{
  g_strfreev (row->fields);
}

static int
compare_sub_rows (gconstpointer a,
                  gconstpointer b)
{
  const SubRow *ra = a;
  const SubRow *rb = b;

  return ra->row < rb->row ? -1 : ra->row > rb->row;
}

static int
find_column (const char * const *header,
             const char         *name)
{
  for (guint i = 0; header != NULL && header[i] != NULL; i++)
    if (g_strcmp0 (header[i], name) == 0)
      return i;
  return -1;
}

/* Reads the rows of one of the load's result files into @rows, in the columns of @target
 * (the header of the run's file they go to). Rows of unprocessed.csv become failed rows. */
static gboolean
read_sub_rows (GFile               *file,
               const char * const  *target,
               gboolean             unprocessed,
               GArray              *rows,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autofree int *from = NULL;
  FreightCsvDialect dialect;
  GError *local = NULL;
  guint n_target = g_strv_length ((char **) target);
  const char * const *header;
  int row_column;
  int reason_column = -1;

  if (!g_file_query_exists (file, cancellable))
    return TRUE;
  if (!freight_run_results_sniff (file, &dialect, cancellable, error))
    return FALSE;
  reader = freight_csv_reader_new_for_file (file, &dialect, FREIGHT_CSV_READER_FLAGS_NONE,
                                            cancellable, error);
  if (reader == NULL || !freight_csv_reader_read_header (reader, cancellable, error))
    return FALSE;
  header = freight_csv_reader_get_column_names (reader);
  row_column = find_column (header, freight_result_column_get_name (FREIGHT_RESULT_COLUMN_ROW));
  if (unprocessed)
    reason_column = find_column (header,
                                 freight_result_column_get_name (FREIGHT_RESULT_COLUMN_REASON));
  from = g_new0 (int, MAX (n_target, 1));
  for (guint i = 0; i < n_target; i++)
    from[i] = find_column (header, target[i]);

  while (freight_csv_reader_next_row (reader, cancellable, &local))
    {
      SubRow row = { 0 };
      guint n = freight_csv_reader_get_n_fields (reader);

      if (row_column < 0 || (guint) row_column >= n)
        continue;
      row.row = g_ascii_strtoull (freight_csv_reader_get_field (reader, row_column, NULL), NULL,
                                  10);
      row.fields = g_new0 (char *, n_target + 1);
      for (guint i = 0; i < n_target; i++)
        {
          FreightResultColumn kind = freight_result_column_from_name (target[i]);
          const char *value = "";

          if (from[i] >= 0 && (guint) from[i] < n)
            value = freight_csv_reader_get_field (reader, from[i], NULL);
          else if (unprocessed && kind == FREIGHT_RESULT_COLUMN_ERROR_CODE)
            value = FREIGHT_ERROR_CODE_NOT_PROCESSED;
          else if (unprocessed && kind == FREIGHT_RESULT_COLUMN_ERROR_MESSAGE &&
                   reason_column >= 0 && (guint) reason_column < n)
            value = freight_csv_reader_get_field (reader, reason_column, NULL);
          row.fields[i] = g_strdup (value);
        }
      g_array_append_val (rows, row);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

static char **
default_header (FreightResultFileKind  kind,
                const char * const    *columns)
{
  static const FreightResultColumn extra[][4] = {
    [FREIGHT_RESULT_FILE_KIND_SUCCESS] = {
      FREIGHT_RESULT_COLUMN_ROW, FREIGHT_RESULT_COLUMN_ID, FREIGHT_RESULT_COLUMN_CREATED,
    },
    [FREIGHT_RESULT_FILE_KIND_FAILED] = {
      FREIGHT_RESULT_COLUMN_ROW, FREIGHT_RESULT_COLUMN_ERROR_CODE,
      FREIGHT_RESULT_COLUMN_ERROR_MESSAGE, FREIGHT_RESULT_COLUMN_ERROR_FIELDS,
    },
    [FREIGHT_RESULT_FILE_KIND_UNPROCESSED] = {
      FREIGHT_RESULT_COLUMN_ROW, FREIGHT_RESULT_COLUMN_REASON,
    },
  };
  g_autoptr(GPtrArray) header = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (extra[kind]) && extra[kind][i] != 0; i++)
    g_ptr_array_add (header, g_strdup (freight_result_column_get_name (extra[kind][i])));
  for (guint i = 0; columns[i] != NULL; i++)
    g_ptr_array_add (header, g_strdup (columns[i]));
  g_ptr_array_add (header, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&header), FALSE);
}

typedef struct
{
  FreightResultFileKind  kind;
  const char            *name;
  GFile                 *file;
  GFile                 *temp;
  guint64                n_rows;
} FoldFile;

static gboolean
write_sub_row (FreightCsvWriter  *writer,
               const SubRow      *row,
               GCancellable      *cancellable,
               GError           **error)
{
  for (guint i = 0; row->fields[i] != NULL; i++)
    freight_csv_writer_add_field (writer, row->fields[i], -1);
  return freight_csv_writer_end_row (writer, cancellable, error);
}

/* Writes the new version of one of the run's files to its temporary file: its rows without
 * the resubmitted ones, merged by row number with @sub (sorted). */
static gboolean
fold_file (FoldFile                *fold,
           const char * const      *columns,
           const FreightCsvDialect *base,
           GHashTable              *resubmitted,
           GFile                   *load_dir,
           GCancellable            *cancellable,
           GError                 **error)
{
  g_autoptr(GArray) sub = g_array_new (FALSE, TRUE, sizeof (SubRow));
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(FreightCsvWriter) writer = NULL;
  g_auto(GStrv) header = NULL;
  FreightCsvDialect dialect = *base;
  GError *local = NULL;
  int row_column = -1;
  guint next = 0;

  g_array_set_clear_func (sub, (GDestroyNotify) sub_row_clear);
  header = read_header (fold->file, &dialect, cancellable, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (header == NULL)
    header = default_header (fold->kind, columns);
  else
    reader = freight_csv_reader_new_for_file (fold->file, &dialect,
                                              FREIGHT_CSV_READER_FLAGS_NONE, cancellable,
                                              error);
  if (reader != NULL && !freight_csv_reader_read_header (reader, cancellable, error))
    return FALSE;
  if (header != NULL && reader == NULL && g_file_query_exists (fold->file, cancellable))
    return FALSE;
  row_column = find_column ((const char * const *) header,
                            freight_result_column_get_name (FREIGHT_RESULT_COLUMN_ROW));

  if (fold->kind == FREIGHT_RESULT_FILE_KIND_SUCCESS || fold->kind ==
      FREIGHT_RESULT_FILE_KIND_FAILED)
    {
      g_autoptr(GFile) from = g_file_get_child (load_dir, fold->name);

      if (!read_sub_rows (from, (const char * const *) header, FALSE, sub, cancellable, error))
        return FALSE;
    }
  if (fold->kind == FREIGHT_RESULT_FILE_KIND_FAILED)
    {
      g_autoptr(GFile) from = g_file_get_child (load_dir, FREIGHT_RESULT_FILE_UNPROCESSED);

      if (!read_sub_rows (from, (const char * const *) header, TRUE, sub, cancellable, error))
        return FALSE;
    }
  g_array_sort (sub, compare_sub_rows);

  /* Nothing to write where there was no file and nothing comes. */
  if (reader == NULL && sub->len == 0)
    {
      g_clear_object (&fold->temp);
      return TRUE;
    }

  stream = g_file_replace (fold->temp, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (dialect.has_bom &&
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), "\xEF\xBB\xBF", 3, NULL,
                                  cancellable, error))
    return FALSE;
  writer = freight_csv_writer_new (G_OUTPUT_STREAM (stream), dialect.delimiter,
                                   dialect.line_ending, FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  if (!freight_csv_writer_write_row (writer, (const char * const *) header, -1, cancellable,
                                     error))
    return FALSE;

  while (reader != NULL && freight_csv_reader_next_row (reader, cancellable, &local))
    {
      guint n = freight_csv_reader_get_n_fields (reader);
      guint64 row = 0;

      if (row_column >= 0 && (guint) row_column < n)
        row = g_ascii_strtoull (freight_csv_reader_get_field (reader, row_column, NULL), NULL,
                                10);
      if (g_hash_table_contains (resubmitted, &row))
        continue;
      for (; next < sub->len && g_array_index (sub, SubRow, next).row < row; next++)
        {
          if (!write_sub_row (writer, &g_array_index (sub, SubRow, next), cancellable, error))
            return FALSE;
          fold->n_rows++;
        }
      for (guint i = 0; i < n; i++)
        {
          gsize len;
          const char *value = freight_csv_reader_get_field (reader, i, &len);

          freight_csv_writer_add_field (writer, value, len);
        }
      if (!freight_csv_writer_end_row (writer, cancellable, error))
        return FALSE;
      fold->n_rows++;
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  for (; next < sub->len; next++, fold->n_rows++)
    if (!write_sub_row (writer, &g_array_index (sub, SubRow, next), cancellable, error))
      return FALSE;
  if (!freight_csv_writer_flush (writer, cancellable, error))
    return FALSE;
  /* The data reaches the disk before the rename makes it the run's file. */
  if (fsync (g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (stream))) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (errno),
                           g_strerror (errno));
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

static guint64
json_count (JsonObject *object,
            const char *member)
{
  if (object == NULL)
    return 0;
  return (guint64) MAX (json_object_get_int_member_with_default (object, member, 0), 0);
}

/* summary.json with the new counts, the load's jobs and the resubmit's entry; the entries
 * of an earlier fold of the same resubmit are replaced. */
static gboolean
update_summary (FreightResubmit  *self,
                JsonObject       *summary,
                FoldFile         *files,
                GFile            *load_dir,
                GError          **error)
{
  g_autoptr(GFile) summary_file = g_file_get_child (self->run_dir, "summary.json");
  g_autoptr(GFile) load_summary_file = g_file_get_child (load_dir, "summary.json");
  g_autoptr(JsonObject) load_summary = NULL;
  g_autoptr(JsonArray) jobs = json_array_new ();
  g_autoptr(JsonArray) resubmits = json_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *finished = g_date_time_format_iso8601 (now);
  g_autofree char *folder = g_file_get_path (self->folder);
  JsonObject *counts;
  JsonObject *entry;
  JsonObject *load_counts;
  JsonArray *old;

  load_summary = read_json_file (load_summary_file, error);
  if (load_summary == NULL)
    return FALSE;
  load_counts = json_object_get_object_member (load_summary, "counts");

  counts = json_object_get_object_member (summary, "counts");
  if (counts == NULL)
    {
      counts = json_object_new ();
      json_object_set_object_member (summary, "counts", counts);
    }
  json_object_set_int_member (counts, "succeeded", files[FREIGHT_RESULT_FILE_KIND_SUCCESS].n_rows);
  json_object_set_int_member (counts, "failed", files[FREIGHT_RESULT_FILE_KIND_FAILED].n_rows);
  json_object_set_int_member (counts, "unprocessed",
                              files[FREIGHT_RESULT_FILE_KIND_UNPROCESSED].n_rows);

  old = json_object_has_member (summary, "jobs") ? json_object_get_array_member (summary,
                                                                                  "jobs")
                                                  : NULL;
  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    {
      JsonObject *job = json_array_get_object_element (old, i);

      if (job != NULL && json_object_get_int_member_with_default (job, "resubmit", 0) ==
          self->number)
        continue;
      json_array_add_element (jobs, json_node_copy (json_array_get_element (old, i)));
    }
  old = json_object_has_member (load_summary, "jobs")
          ? json_object_get_array_member (load_summary, "jobs") : NULL;
  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    {
      JsonNode *copy = json_node_copy (json_array_get_element (old, i));

      if (JSON_NODE_HOLDS_OBJECT (copy))
        json_object_set_int_member (json_node_get_object (copy), "resubmit", self->number);
      json_array_add_element (jobs, copy);
    }
  json_object_set_array_member (summary, "jobs", g_steal_pointer (&jobs));

  old = json_object_has_member (summary, "resubmits")
          ? json_object_get_array_member (summary, "resubmits") : NULL;
  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    {
      JsonObject *earlier = json_array_get_object_element (old, i);

      if (earlier != NULL && json_object_get_int_member_with_default (earlier, "number", 0) ==
          self->number)
        continue;
      json_array_add_element (resubmits, json_node_copy (json_array_get_element (old, i)));
    }
  entry = json_object_new ();
  json_object_set_int_member (entry, "number", self->number);
  json_object_set_int_member (entry, "load_run_id",
                              json_object_get_int_member_with_default (load_summary, "run_id",
                                                                       0));
  json_object_set_string_member (entry, "folder", folder);
  json_object_set_int_member (entry, "rows", self->rows->len);
  json_object_set_int_member (entry, "succeeded", json_count (load_counts, "succeeded"));
  json_object_set_int_member (entry, "failed", json_count (load_counts, "failed"));
  json_object_set_int_member (entry, "not_processed", json_count (load_counts, "unprocessed"));
  json_object_set_string_member (entry, "finished", finished);
  json_array_add_object_element (resubmits, entry);
  json_object_set_array_member (summary, "resubmits", g_steal_pointer (&resubmits));

  self->n_succeeded = json_count (load_counts, "succeeded");
  self->n_failed = json_count (load_counts, "failed") + json_count (load_counts, "unprocessed");
  return write_json_file (summary_file, summary, error);
}

typedef struct
{
  JsonObject *summary;
  GFile      *load_dir;
} FoldData;

static void
fold_data_free (FoldData *data)
{
  g_clear_pointer (&data->summary, json_object_unref);
  g_clear_object (&data->load_dir);
  g_free (data);
}

static gboolean
fold (FreightResubmit  *self,
      JsonObject       *summary,
      GFile            *load_dir,
      GCancellable     *cancellable,
      GError          **error)
{
  FoldFile files[] = {
    { FREIGHT_RESULT_FILE_KIND_SUCCESS, FREIGHT_RESULT_FILE_SUCCESS, NULL, NULL, 0 },
    { FREIGHT_RESULT_FILE_KIND_FAILED, FREIGHT_RESULT_FILE_FAILED, NULL, NULL, 0 },
    { FREIGHT_RESULT_FILE_KIND_UNPROCESSED, FREIGHT_RESULT_FILE_UNPROCESSED, NULL, NULL, 0 },
  };
  g_autoptr(GHashTable) resubmitted = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             g_free, NULL);
  g_autoptr(GFile) failed = g_file_get_child (self->run_dir, FREIGHT_RESULT_FILE_FAILED);
  g_autoptr(GFile) rows_file = g_file_get_child (self->folder, ROWS_FILE_NAME);
  g_auto(GStrv) rows_header = NULL;
  g_auto(GStrv) columns = NULL;
  FreightCsvDialect base;
  FreightCsvDialect rows_dialect;
  gboolean ok = TRUE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      char **fields = self->rows->pdata[i];
      gint64 *row = g_new (gint64, 1);

      *row = g_ascii_strtoll (fields[0], NULL, 10);
      g_hash_table_add (resubmitted, row);
    }
  rows_header = read_header (rows_file, &rows_dialect, cancellable, error);
  if (rows_header == NULL)
    return FALSE;
  columns = source_columns ((const char * const *) rows_header);

  /* The run's files keep their dialect; a file made new takes failed.csv's. */
  freight_csv_dialect_init (&base);
  if (g_file_query_exists (failed, cancellable) &&
      !freight_run_results_sniff (failed, &base, cancellable, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (files) && ok; i++)
    {
      g_autofree char *temp_name = g_strconcat (".", files[i].name, ".resubmit", NULL);

      files[i].file = g_file_get_child (self->run_dir, files[i].name);
      files[i].temp = g_file_get_child (self->run_dir, temp_name);
      ok = fold_file (&files[i], (const char * const *) columns, &base, resubmitted, load_dir,
                      cancellable, error);
    }
  /* Each file is replaced whole by a rename; folding again after a crash in between gives
   * the same files, as it takes the resubmitted rows out of each first. */
  for (guint i = 0; i < G_N_ELEMENTS (files) && ok; i++)
    if (files[i].temp != NULL)
      ok = g_file_move (files[i].temp, files[i].file, G_FILE_COPY_OVERWRITE, cancellable, NULL,
                        NULL, error);
  if (ok)
    ok = update_summary (self, summary, files, load_dir, error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      if (!ok && files[i].temp != NULL)
        g_file_delete (files[i].temp, NULL, NULL);
      g_clear_object (&files[i].file);
      g_clear_object (&files[i].temp);
    }
  if (ok && !freight_journal_set_run_state (self->journal, self->journal_id,
                                            FREIGHT_JOURNAL_STATE_DONE, NULL, error))
    return FALSE;
  return ok;
}

static void
fold_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FreightResubmit *self = source_object;
  FoldData *data = task_data;
  GError *error = NULL;

  /* The fold goes through once begun: a half-folded run is still right, but not tidy. */
  if (fold (self, data->summary, data->load_dir, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* --- Running (main context) --- */

/* Takes @task over; it finishes when the fold does. */
static void
start_fold (GTask      *task,
            GFile      *load_dir,
            JsonObject *summary)
{
  FoldData *data = g_new0 (FoldData, 1);

  data->summary = json_object_ref (summary);
  data->load_dir = g_object_ref (load_dir);
  g_task_set_task_data (task, data, (GDestroyNotify) fold_data_free);
  g_task_run_in_thread (task, fold_thread);
  g_object_unref (task);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FreightResubmit *self = g_task_get_source_object (task);
  JsonObject *summary = g_object_get_data (G_OBJECT (task), "summary");
  GError *error = NULL;
  FreightLoadState state;

  if (!freight_load_run_finish (FREIGHT_LOAD (source), result, &error))
    {
      freight_journal_set_run_state (self->journal, self->journal_id,
                                     FREIGHT_JOURNAL_STATE_RUNNING, error->message, NULL);
      g_task_return_error (task, error);
      return;
    }
  state = freight_load_get_state (self->load);
  if (state != FREIGHT_LOAD_STATE_FINISHED && state != FREIGHT_LOAD_STATE_CANCELLED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("The resubmit was interrupted; it goes on when resumed."));
      return;
    }
  start_fold (g_steal_pointer (&task), freight_load_get_run_dir (self->load), summary);
}

static void
set_load (FreightResubmit *self,
          FreightLoad     *load)
{
  if (g_set_object (&self->load, load))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD]);
}

static void
prepare_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FreightResubmit *self = FREIGHT_RESUBMIT (source);
  g_autoptr(FreightLoad) load = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  Prepared *prepared;

  prepared = g_task_propagate_pointer (G_TASK (result), &error);
  if (prepared == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "prepared", prepared,
                          (GDestroyNotify) prepared_free);
  g_object_set_data_full (G_OBJECT (task), "summary", json_object_ref (prepared->summary),
                          (GDestroyNotify) json_object_unref);

  if (prepared->load_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&prepared->load_error));
      return;
    }
  if (prepared->load_dir != NULL)
    {
      start_fold (g_steal_pointer (&task), prepared->load_dir, prepared->summary);
      return;
    }
  if (prepared->load_id != NULL)
    load = freight_load_new_resume (prepared->load_id, self->session, self->journal);
  else
    {
      g_autoptr(FreightLoadDescription) description = freight_load_description_new ();
      JsonObject *summary = prepared->summary;
      JsonObject *org = json_object_get_object_member (summary, "org");
      FreightOperation operation = FREIGHT_OPERATION_INSERT;
      FreightCsvDialect dialect;

      freight_operation_from_string (json_object_get_string_member_with_default (summary,
                                                                                 "operation",
                                                                                 ""),
                                     &operation);
      freight_csv_dialect_init (&dialect);
      freight_load_description_set_session (description, self->session);
      if (org != NULL)
        freight_load_description_set_org_name (
          description, json_object_get_string_member_with_default (org, "name", NULL));
      freight_load_description_set_journal (description, self->journal);
      freight_load_description_set_object_name (
        description, json_object_get_string_member_with_default (summary, "object", NULL));
      freight_load_description_set_operation (description, operation);
      freight_load_description_set_external_id_field (
        description, json_object_get_string_member_with_default (summary, "external_id",
                                                                 NULL));
      freight_load_description_set_source_file (description, prepared->rows_file);
      freight_load_description_set_source_dialect (description, &dialect);
      freight_load_description_set_mapping (description, prepared->mapping);
      freight_load_description_set_output_dir (description, self->folder);
      if (!freight_load_description_validate (description, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      load = freight_load_new (description);
    }
  set_load (self, load);
  cancellable = g_task_get_cancellable (task);
  freight_load_run_async (load, cancellable, load_done, g_steal_pointer (&task));
}

/**
 * freight_resubmit_run_async:
 * @cancellable: (nullable): stops the resubmit where it is (the journal keeps it, and
 *   freight_resubmit_new_resume() goes on); cancel the load (freight_load_cancel()) to end
 *   it with its rows folded
 *
 * Sends the rows and folds the outcome into the run's files.
 */
void
freight_resubmit_run_async (FreightResubmit     *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FREIGHT_IS_RESUBMIT (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_resubmit_run_async);
  if (self->resume_id == 0 && self->rows->len == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("No rows are chosen to send again."));
      return;
    }
  /* The prepare step has a task of its own; the outer one finishes after the fold. */
  {
    GTask *prepare = g_task_new (self, cancellable, prepare_done, g_steal_pointer (&task));

    g_task_run_in_thread (prepare, prepare_thread);
    g_object_unref (prepare);
  }
}

gboolean
freight_resubmit_run_finish (FreightResubmit  *self,
                             GAsyncResult     *result,
                             GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* The resubmit stopped, over or not: another object or process may go on with it. */
  freight_journal_release_run (self->claim);
  self->claim = -1;
  return g_task_propagate_boolean (G_TASK (result), error);
}
