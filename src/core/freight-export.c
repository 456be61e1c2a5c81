/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-bulk-client.h"
#include "freight-export.h"
#include "freight-export-private.h"
#include "freight-journal.h"
#include "freight-org-session.h"

/* An export: a Bulk query job whose result pages are streamed into one CSV file
 * (design.md §1.10, issue 4).
 *
 * The object holds what to export (an object and fields, or SOQL text; query or
 * queryAll; the file, delimiter, line ending and page size) and, as read-only properties,
 * how far it got: state, job id, rows written of the total, pages and bytes. The work
 * runs on a worker thread (freight-export-run.c); it updates the progress under a lock
 * and the properties are notified in the main context of the thread that created the
 * export, so the app can bind them to widgets and the CLI can draw a progress bar.
 *
 * With a journal, each page is recorded once it is in the file, so that an export cut
 * short by a crash or a kill continues where it stopped (freight_export_new_for_run()). */

struct _FreightExport
{
  GObject                parent_instance;

  GMainContext          *owner_context;
  FreightOrgSession     *session;
  FreightBulkClient     *client;
  FreightJournal        *journal;

  /* Configuration: the owner's thread, before a run. */
  char                  *org_name;
  char                  *object;
  char                 **fields;
  char                  *soql;
  FreightBulkOperation   operation;
  char                  *output_path;
  char                   delimiter;
  FreightCsvLineEnding   line_ending;
  guint64                page_size;
  guint                  min_poll_ms;
  guint                  max_poll_ms;
  char                  *attach_job_id;
  gint64                 resume_run_id;
  gboolean               running;

  /* Progress: the worker writes live under lock; the owner's thread notifies what
   * changed since published. */
  GMutex                 lock;
  FreightExportProgress  live;
  gboolean               notify_pending;
  FreightExportProgress  published;
};

G_DEFINE_FINAL_TYPE (FreightExport, freight_export, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FreightExportState, freight_export_state,
  G_DEFINE_ENUM_VALUE (FREIGHT_EXPORT_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (FREIGHT_EXPORT_STATE_CREATING, "creating"),
  G_DEFINE_ENUM_VALUE (FREIGHT_EXPORT_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (FREIGHT_EXPORT_STATE_DOWNLOADING, "downloading"),
  G_DEFINE_ENUM_VALUE (FREIGHT_EXPORT_STATE_DONE, "done"),
  G_DEFINE_ENUM_VALUE (FREIGHT_EXPORT_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (FREIGHT_EXPORT_STATE_CANCELLED, "cancelled"))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_JOURNAL,
  PROP_ORG_NAME,
  PROP_OBJECT,
  PROP_FIELDS,
  PROP_SOQL,
  PROP_OPERATION,
  PROP_OUTPUT_PATH,
  PROP_DELIMITER,
  PROP_LINE_ENDING,
  PROP_PAGE_SIZE,
  PROP_STATE,
  PROP_JOB_ID,
  PROP_RUN_ID,
  PROP_QUERY,
  PROP_ROWS_WRITTEN,
  PROP_ROWS_TOTAL,
  PROP_PAGES,
  PROP_BYTES_WRITTEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * freight_export_state_to_string:
 * @state: a state
 *
 * Returns: its stable name: "idle", "creating", "waiting", "downloading", "done",
 *   "failed" or "cancelled"
 */
const char *
freight_export_state_to_string (FreightExportState state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FREIGHT_TYPE_EXPORT_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  return value != NULL ? value->value_nick : "idle";
}

static void
progress_clear (FreightExportProgress *progress)
{
  g_clear_pointer (&progress->job_id, g_free);
  g_clear_pointer (&progress->query, g_free);
}

static void
progress_copy (FreightExportProgress       *dest,
               const FreightExportProgress *src)
{
  progress_clear (dest);
  *dest = *src;
  dest->job_id = g_strdup (src->job_id);
  dest->query = g_strdup (src->query);
}

static void
freight_export_finalize (GObject *object)
{
  FreightExport *self = FREIGHT_EXPORT (object);

  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->client);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->org_name, g_free);
  g_clear_pointer (&self->object, g_free);
  g_clear_pointer (&self->fields, g_strfreev);
  g_clear_pointer (&self->soql, g_free);
  g_clear_pointer (&self->output_path, g_free);
  g_clear_pointer (&self->attach_job_id, g_free);
  progress_clear (&self->live);
  progress_clear (&self->published);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (freight_export_parent_class)->finalize (object);
}

static void
freight_export_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FreightExport *self = FREIGHT_EXPORT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;
    case PROP_ORG_NAME:
      g_value_set_string (value, self->org_name);
      break;
    case PROP_OBJECT:
      g_value_set_string (value, self->object);
      break;
    case PROP_FIELDS:
      g_value_set_boxed (value, self->fields);
      break;
    case PROP_SOQL:
      g_value_set_string (value, self->soql);
      break;
    case PROP_OPERATION:
      g_value_set_enum (value, self->operation);
      break;
    case PROP_OUTPUT_PATH:
      g_value_set_string (value, self->output_path);
      break;
    case PROP_DELIMITER:
      g_value_set_uchar (value, (guchar) self->delimiter);
      break;
    case PROP_LINE_ENDING:
      g_value_set_int (value, self->line_ending);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint64 (value, self->page_size);
      break;
    case PROP_STATE:
      g_value_set_enum (value, freight_export_get_state (self));
      break;
    case PROP_JOB_ID:
      g_value_take_string (value, freight_export_dup_job_id (self));
      break;
    case PROP_RUN_ID:
      g_value_set_int64 (value, freight_export_get_run_id (self));
      break;
    case PROP_QUERY:
      g_value_take_string (value, freight_export_dup_query (self));
      break;
    case PROP_ROWS_WRITTEN:
      g_value_set_uint64 (value, freight_export_get_rows_written (self));
      break;
    case PROP_ROWS_TOTAL:
      g_value_set_uint64 (value, freight_export_get_rows_total (self));
      break;
    case PROP_PAGES:
      g_value_set_uint (value, freight_export_get_pages (self));
      break;
    case PROP_BYTES_WRITTEN:
      g_value_set_uint64 (value, freight_export_get_bytes_written (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_export_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FreightExport *self = FREIGHT_EXPORT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_JOURNAL:
      freight_export_set_journal (self, g_value_get_object (value));
      break;
    case PROP_ORG_NAME:
      freight_export_set_org_name (self, g_value_get_string (value));
      break;
    case PROP_OBJECT:
      freight_export_set_object (self, g_value_get_string (value));
      break;
    case PROP_FIELDS:
      freight_export_set_fields (self, g_value_get_boxed (value));
      break;
    case PROP_SOQL:
      freight_export_set_soql (self, g_value_get_string (value));
      break;
    case PROP_OPERATION:
      freight_export_set_operation (self, g_value_get_enum (value));
      break;
    case PROP_OUTPUT_PATH:
      freight_export_set_output_path (self, g_value_get_string (value));
      break;
    case PROP_DELIMITER:
      freight_export_set_delimiter (self, (char) g_value_get_uchar (value));
      break;
    case PROP_LINE_ENDING:
      freight_export_set_line_ending (self, g_value_get_int (value));
      break;
    case PROP_PAGE_SIZE:
      freight_export_set_page_size (self, g_value_get_uint64 (value));
      break;
    case PROP_JOB_ID:
      freight_export_set_job_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_export_constructed (GObject *object)
{
  FreightExport *self = FREIGHT_EXPORT (object);

  G_OBJECT_CLASS (freight_export_parent_class)->constructed (object);

  g_assert (self->session != NULL);
  self->client = freight_bulk_client_new (self->session);
}

static void
freight_export_class_init (FreightExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                          | G_PARAM_STATIC_STRINGS);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = freight_export_finalize;
  object_class->get_property = freight_export_get_property;
  object_class->set_property = freight_export_set_property;
  object_class->constructed = freight_export_constructed;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FREIGHT_TYPE_ORG_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                          | G_PARAM_STATIC_STRINGS));
  /** FreightExport:journal: where the export records its pages; %NULL: not resumable */
  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, FREIGHT_TYPE_JOURNAL, rw);
  /** FreightExport:org-name: how the journal names the org (alias or instance URL) */
  properties[PROP_ORG_NAME] = g_param_spec_string ("org-name", NULL, NULL, NULL, rw);
  /** FreightExport:object: the sObject to export, with #FreightExport:fields */
  properties[PROP_OBJECT] = g_param_spec_string ("object", NULL, NULL, NULL, rw);
  /** FreightExport:fields: the fields of #FreightExport:object; none for all of them */
  properties[PROP_FIELDS] = g_param_spec_boxed ("fields", NULL, NULL, G_TYPE_STRV, rw);
  /** FreightExport:soql: SOQL text, instead of an object and fields */
  properties[PROP_SOQL] = g_param_spec_string ("soql", NULL, NULL, NULL, rw);
  properties[PROP_OPERATION] =
    g_param_spec_enum ("operation", NULL, NULL, FREIGHT_TYPE_BULK_OPERATION,
                       FREIGHT_BULK_OPERATION_QUERY, rw);
  properties[PROP_OUTPUT_PATH] = g_param_spec_string ("output-path", NULL, NULL, NULL, rw);
  properties[PROP_DELIMITER] = g_param_spec_uchar ("delimiter", NULL, NULL, 0, 127, ',', rw);
  /** FreightExport:line-ending: a #FreightCsvLineEnding, LF or CRLF */
  properties[PROP_LINE_ENDING] =
    g_param_spec_int ("line-ending", NULL, NULL, FREIGHT_CSV_LINE_ENDING_LF,
                      FREIGHT_CSV_LINE_ENDING_CRLF, FREIGHT_CSV_LINE_ENDING_LF, rw);
  /** FreightExport:page-size: rows per result page (maxRecords); 0 for the org's choice */
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint64 ("page-size", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FREIGHT_TYPE_EXPORT_STATE,
                       FREIGHT_EXPORT_STATE_IDLE, ro);
  /** FreightExport:job-id: the query job; set before a run to download an existing job */
  properties[PROP_JOB_ID] = g_param_spec_string ("job-id", NULL, NULL, NULL, rw);
  /** FreightExport:run-id: the journal's run of this export, or 0 */
  properties[PROP_RUN_ID] = g_param_spec_int64 ("run-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /** FreightExport:query: the SOQL the job runs */
  properties[PROP_QUERY] = g_param_spec_string ("query", NULL, NULL, NULL, ro);
  properties[PROP_ROWS_WRITTEN] =
    g_param_spec_uint64 ("rows-written", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  /** FreightExport:rows-total: the rows the query found (0 until known) */
  properties[PROP_ROWS_TOTAL] =
    g_param_spec_uint64 ("rows-total", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_PAGES] = g_param_spec_uint ("pages", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_BYTES_WRITTEN] =
    g_param_spec_uint64 ("bytes-written", NULL, NULL, 0, G_MAXUINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_export_init (FreightExport *self)
{
  g_mutex_init (&self->lock);
  self->owner_context = g_main_context_ref_thread_default ();
  self->operation = FREIGHT_BULK_OPERATION_QUERY;
  self->delimiter = ',';
  self->line_ending = FREIGHT_CSV_LINE_ENDING_LF;
  self->min_poll_ms = 1000;
  self->max_poll_ms = 30000;
}

/**
 * freight_export_new:
 * @session: the org session
 *
 * Returns: (transfer full): an export to configure and run
 */
FreightExport *
freight_export_new (FreightOrgSession *session)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);

  return g_object_new (FREIGHT_TYPE_EXPORT, "session", session, NULL);
}

/**
 * freight_export_new_for_run:
 * @session: a session on the run's org
 * @journal: the journal that recorded the run
 * @run_id: an unfinished export run
 * @error: return location for an error
 *
 * An export that continues an interrupted one: freight_export_run() cuts the file back
 * to its last complete page and goes on from the next page's locator (or waits for the
 * job, or creates it, if the run stopped before). Blocks (reads the journal).
 *
 * Returns: (transfer full): the export, configured as the run was
 */
FreightExport *
freight_export_new_for_run (FreightOrgSession  *session,
                            FreightJournal     *journal,
                            gint64              run_id,
                            GError            **error)
{
  g_autoptr(FreightJournalRun) run = NULL;
  g_autoptr(FreightExport) self = NULL;
  g_autoptr(FreightExportConfig) config = g_new0 (FreightExportConfig, 1);

  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);
  g_return_val_if_fail (FREIGHT_IS_JOURNAL (journal), NULL);

  run = freight_journal_get_run (journal, run_id, error);
  if (run == NULL)
    return NULL;
  if (!_freight_export_restore (config, run, error))
    return NULL;

  self = freight_export_new (session);
  self->journal = g_object_ref (journal);
  self->org_name = g_strdup (run->org);
  self->object = g_steal_pointer (&config->object);
  self->fields = g_steal_pointer (&config->fields);
  self->soql = g_steal_pointer (&config->soql);
  self->operation = config->operation;
  self->output_path = g_steal_pointer (&config->output_path);
  self->delimiter = config->delimiter;
  self->line_ending = config->line_ending;
  self->page_size = config->page_size;
  self->resume_run_id = run_id;

  g_mutex_lock (&self->lock);
  self->live.run_id = run_id;
  g_mutex_unlock (&self->lock);

  return g_steal_pointer (&self);
}

static gboolean
is_field_path (const char *name)
{
  gboolean start = TRUE;

  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '.' && !start && p[1] != '\0')
        start = TRUE;
      else if (start && g_ascii_isalpha (*p))
        start = FALSE;
      else if (start || (!g_ascii_isalnum (*p) && *p != '_'))
        return FALSE;
    }
  return TRUE;
}

/**
 * freight_export_build_soql:
 * @object: an sObject API name
 * @fields: field API names or relationship paths (`Owner.Name`)
 * @error: return location for a FREIGHT_BULK_ERROR_INVALID_ARGUMENT
 *
 * Returns: (transfer full): `SELECT f1, f2 FROM object`
 */
char *
freight_export_build_soql (const char          *object,
                           const char * const  *fields,
                           GError             **error)
{
  g_autoptr(GString) soql = g_string_new ("SELECT ");

  if (object == NULL || strchr (object, '.') != NULL || !is_field_path (object))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an object API name (such as Account or Invoice__c)."),
                   object != NULL ? object : "");
      return NULL;
    }
  if (fields == NULL || fields[0] == NULL)
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                   _("Choose at least one field of %s to export."), object);
      return NULL;
    }

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *field = g_strstrip (g_strdup (fields[i]));

      if (!is_field_path (field))
        {
          g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a field API name (such as Name, Owner.Email or "
                         "External_Id__c)."), fields[i]);
          return NULL;
        }
      if (i > 0)
        g_string_append (soql, ", ");
      g_string_append (soql, field);
    }
  g_string_append_printf (soql, " FROM %s", object);

  return g_string_free (g_steal_pointer (&soql), FALSE);
}

/* Progress --------------------------------------------------------------------------- */

/* Owner's thread: notifies each property whose value changed since the last time. */
void
_freight_export_publish (FreightExport *self)
{
  FreightExportProgress now = { 0 };
  FreightExportProgress *old = &self->published;

  g_mutex_lock (&self->lock);
  progress_copy (&now, &self->live);
  self->notify_pending = FALSE;
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (G_OBJECT (self));
  if (now.job_id != NULL && g_strcmp0 (now.job_id, old->job_id) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_ID]);
  if (g_strcmp0 (now.query, old->query) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  if (now.run_id != old->run_id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_ID]);
  if (now.rows_total != old->rows_total)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROWS_TOTAL]);
  if (now.rows_written != old->rows_written)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROWS_WRITTEN]);
  if (now.pages != old->pages)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES]);
  if (now.bytes_written != old->bytes_written)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_WRITTEN]);
  if (now.state != old->state)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  progress_copy (old, &now);
  g_object_thaw_notify (G_OBJECT (self));

  progress_clear (&now);
}

static gboolean
publish_idle (gpointer data)
{
  _freight_export_publish (FREIGHT_EXPORT (data));
  return G_SOURCE_REMOVE;
}

/* Any thread: records new progress; the owner's main context hears of it soon. Updates
 * that arrive while a notification is pending fold into it. */
void
_freight_export_update (FreightExport               *self,
                        const FreightExportProgress *progress)
{
  gboolean schedule;

  g_mutex_lock (&self->lock);
  progress_copy (&self->live, progress);
  schedule = !self->notify_pending;
  self->notify_pending = TRUE;
  g_mutex_unlock (&self->lock);

  /* An idle source rather than g_main_context_invoke(), which would run the
   * notification right here on a worker whose thread-default context is the owner's. */
  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, publish_idle, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[freight] export progress");
      g_source_attach (source, self->owner_context);
    }
}

/* Getters and setters ------------------------------------------------------------------ */

#define CONFIG_STRING(name, field, prop)                                        \
  const char *                                                                  \
  freight_export_get_##name (FreightExport *self)                               \
  {                                                                             \
    g_return_val_if_fail (FREIGHT_IS_EXPORT (self), NULL);                      \
    return self->field;                                                         \
  }                                                                             \
  void                                                                          \
  freight_export_set_##name (FreightExport *self,                               \
                             const char    *value)                              \
  {                                                                             \
    g_return_if_fail (FREIGHT_IS_EXPORT (self));                                \
    g_return_if_fail (!self->running);                                          \
    if (g_strcmp0 (self->field, value) == 0)                                    \
      return;                                                                   \
    g_free (self->field);                                                       \
    self->field = g_strdup (value);                                             \
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);               \
  }

CONFIG_STRING (org_name, org_name, PROP_ORG_NAME)
CONFIG_STRING (object, object, PROP_OBJECT)
CONFIG_STRING (soql, soql, PROP_SOQL)
CONFIG_STRING (output_path, output_path, PROP_OUTPUT_PATH)

/**
 * freight_export_get_session:
 * @self: an export
 *
 * Returns: (transfer none): the org session
 */
FreightOrgSession *
freight_export_get_session (FreightExport *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT (self), NULL);
  return self->session;
}

/**
 * freight_export_get_journal:
 * @self: an export
 *
 * Returns: (transfer none) (nullable): the journal
 */
FreightJournal *
freight_export_get_journal (FreightExport *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT (self), NULL);
  return self->journal;
}

void
freight_export_set_journal (FreightExport  *self,
                            FreightJournal *journal)
{
  g_return_if_fail (FREIGHT_IS_EXPORT (self));
  g_return_if_fail (!self->running);

  if (g_set_object (&self->journal, journal))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOURNAL]);
}

/**
 * freight_export_get_fields:
 * @self: an export
 *
 * Returns: (transfer none) (nullable): the fields to export
 */
const char * const *
freight_export_get_fields (FreightExport *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT (self), NULL);
  return (const char * const *) self->fields;
}

void
freight_export_set_fields (FreightExport      *self,
                           const char * const *fields)
{
  g_return_if_fail (FREIGHT_IS_EXPORT (self));
  g_return_if_fail (!self->running);

  if (self->fields != NULL && fields != NULL
      && g_strv_equal ((const char * const *) self->fields, fields))
    return;
  g_strfreev (self->fields);
  self->fields = g_strdupv ((char **) fields);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELDS]);
}

FreightBulkOperation
freight_export_get_operation (FreightExport *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT (self), FREIGHT_BULK_OPERATION_QUERY);
  return self->operation;
}

void
freight_export_set_operation (FreightExport        *self,
                              FreightBulkOperation  operation)
{
  g_return_if_fail (FREIGHT_IS_EXPORT (self));
  g_return_if_fail (operation == FREIGHT_BULK_OPERATION_QUERY
                    || operation == FREIGHT_BULK_OPERATION_QUERY_ALL);
  g_return_if_fail (!self->running);

  if (self->operation == operation)
    return;
  self->operation = operation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATION]);
}

char
freight_export_get_delimiter (FreightExport *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT (self), ',');
  return self->delimiter;
}

void
freight_export_set_delimiter (FreightExport *self,
                              char           delimiter)
{
  g_return_if_fail (FREIGHT_IS_EXPORT (self));
  g_return_if_fail (!self->running);

  if (self->delimiter == delimiter)
    return;
  self->delimiter = delimiter;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIMITER]);
}

FreightCsvLineEnding
freight_export_get_line_ending (FreightExport *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT (self), FREIGHT_CSV_LINE_ENDING_LF);
  return self->line_ending;
}

void
freight_export_set_line_ending (FreightExport        *self,
                                FreightCsvLineEnding  line_ending)
{
  g_return_if_fail (FREIGHT_IS_EXPORT (self));
  g_return_if_fail (!self->running);

  if (self->line_ending == line_ending)
    return;
  self->line_ending = line_ending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_ENDING]);
}

guint64
freight_export_get_page_size (FreightExport *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT (self), 0);
  return self->page_size;
}

void
freight_export_set_page_size (FreightExport *self,
                              guint64        page_size)
{
  g_return_if_fail (FREIGHT_IS_EXPORT (self));
  g_return_if_fail (!self->running);

  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

/**
 * freight_export_set_poll_interval:
 * @self: an export
 * @min_ms: the first wait between polls of the job (default 1000)
 * @max_ms: the longest wait (default 30000)
 *
 * Every poll is an API request; the wait grows from @min_ms to @max_ms.
 */
void
freight_export_set_poll_interval (FreightExport *self,
                                  guint          min_ms,
                                  guint          max_ms)
{
  g_return_if_fail (FREIGHT_IS_EXPORT (self));
  g_return_if_fail (!self->running);

  self->min_poll_ms = MAX (min_ms, 1);
  self->max_poll_ms = MAX (max_ms, self->min_poll_ms);
}

FreightExportState
freight_export_get_state (FreightExport *self)
{
  FreightExportState state;

  g_return_val_if_fail (FREIGHT_IS_EXPORT (self), FREIGHT_EXPORT_STATE_IDLE);

  g_mutex_lock (&self->lock);
  state = self->live.state;
  g_mutex_unlock (&self->lock);
  return state;
}

/**
 * freight_export_dup_job_id:
 * @self: an export
 *
 * Returns: (transfer full) (nullable): the query job's id, once there is one
 */
char *
freight_export_dup_job_id (FreightExport *self)
{
  char *id;

  g_return_val_if_fail (FREIGHT_IS_EXPORT (self), NULL);

  g_mutex_lock (&self->lock);
  id = g_strdup (self->live.job_id != NULL ? self->live.job_id : self->attach_job_id);
  g_mutex_unlock (&self->lock);
  return id;
}

/**
 * freight_export_set_job_id:
 * @self: an export that has not run
 * @job_id: (nullable): an existing query job whose results to download, instead of
 *   creating one
 */
void
freight_export_set_job_id (FreightExport *self,
                           const char    *job_id)
{
  g_return_if_fail (FREIGHT_IS_EXPORT (self));
  g_return_if_fail (!self->running);

  if (g_strcmp0 (self->attach_job_id, job_id) == 0)
    return;
  g_free (self->attach_job_id);
  self->attach_job_id = g_strdup (job_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_ID]);
}

/**
 * freight_export_dup_query:
 * @self: an export
 *
 * Returns: (transfer full) (nullable): the SOQL the job runs, once known
 */
char *
freight_export_dup_query (FreightExport *self)
{
  char *query;

  g_return_val_if_fail (FREIGHT_IS_EXPORT (self), NULL);

  g_mutex_lock (&self->lock);
  query = g_strdup (self->live.query);
  g_mutex_unlock (&self->lock);
  return query;
}

#define PROGRESS_GETTER(type, name)                                             \
  type                                                                          \
  freight_export_get_##name (FreightExport *self)                               \
  {                                                                             \
    type value;                                                                 \
    g_return_val_if_fail (FREIGHT_IS_EXPORT (self), 0);                         \
    g_mutex_lock (&self->lock);                                                 \
    value = self->live.name;                                                    \
    g_mutex_unlock (&self->lock);                                               \
    return value;                                                               \
  }

PROGRESS_GETTER (gint64, run_id)
PROGRESS_GETTER (guint64, rows_written)
PROGRESS_GETTER (guint64, rows_total)
PROGRESS_GETTER (guint, pages)
PROGRESS_GETTER (guint64, bytes_written)

/* Running (the work itself is in freight-export-run.c) ------------------------------- */

FreightExportConfig *
_freight_export_dup_config (FreightExport *self)
{
  FreightExportConfig *config = g_new0 (FreightExportConfig, 1);

  config->session = g_object_ref (self->session);
  config->client = g_object_ref (self->client);
  config->journal = self->journal != NULL ? g_object_ref (self->journal) : NULL;
  config->org_name = g_strdup (self->org_name);
  config->object = g_strdup (self->object);
  config->fields = g_strdupv (self->fields);
  config->soql = g_strdup (self->soql);
  config->operation = self->operation;
  config->output_path = g_strdup (self->output_path);
  config->delimiter = self->delimiter;
  config->line_ending = self->line_ending;
  config->page_size = self->page_size;
  config->min_poll_ms = self->min_poll_ms;
  config->max_poll_ms = self->max_poll_ms;
  config->job_id = g_strdup (self->attach_job_id);
  config->run_id = self->resume_run_id;
  return config;
}


/* Owner's thread: marks the export as running and copies the configuration the worker
 * runs from. */
FreightExportConfig *
_freight_export_start (FreightExport  *self,
                       GError        **error)
{
  if (self->running || freight_export_get_state (self) != FREIGHT_EXPORT_STATE_IDLE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("This export has already run; make a new one."));
      return NULL;
    }
  if (self->output_path == NULL)
    {
      g_set_error_literal (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                           _("Choose the file to export to."));
      return NULL;
    }
  /* The journal must find the file again from any folder. */
  if (!g_path_is_absolute (self->output_path))
    {
      g_autofree char *absolute = g_canonicalize_filename (self->output_path, NULL);

      freight_export_set_output_path (self, absolute);
    }
  self->running = TRUE;
  return _freight_export_dup_config (self);
}

/* Publishes the final progress at once when called in the owner's main context. */
void
_freight_export_publish_if_owner (FreightExport *self)
{
  if (g_main_context_is_owner (self->owner_context))
    _freight_export_publish (self);
}
