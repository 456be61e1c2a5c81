/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load-description"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-csv-dialect.h"
#include "freight-describe-object.h"
#include "freight-load-description.h"
#include "freight-org-session.h"

/*
 * FreightLoadDescription: what a load is to do, filled by the app's wizard or the CLI's
 * options and handed to freight_load_new(): the org, the object and operation, the source
 * file and its dialect, the mapping, the pre-flight result whose exclusions apply, the
 * output folder, and how the file is split and sent. The load takes a snapshot of it when
 * it starts; changing it afterwards changes nothing for that load.
 *
 * The source dialect, the reader flags and the job's delimiter and line ending are plain
 * values without a GType; they have getters and setters but no properties.
 */
struct _FreightLoadDescription
{
  GObject                 parent_instance;

  FreightOrgSession      *session;
  char                   *org_name;
  char                   *object_name;
  FreightOperation        operation;
  char                   *external_id_field;
  GFile                  *source_file;
  FreightCsvDialect       dialect;
  FreightCsvReaderFlags   source_flags;
  FreightMapping         *mapping;
  FreightPreflightResult *preflight_result;
  GFile                  *output_dir;
  guint64                 part_size;
  guint64                 part_rows;
  guint                   jobs_in_flight;
  char                    column_delimiter;
  FreightCsvLineEnding    line_ending;
  guint                   poll_interval;
  guint                   max_poll_interval;
  gboolean                keep_spool;
  FreightJournal         *journal;
};

G_DEFINE_FINAL_TYPE (FreightLoadDescription, freight_load_description, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_ORG_NAME,
  PROP_OBJECT_NAME,
  PROP_OPERATION,
  PROP_EXTERNAL_ID_FIELD,
  PROP_SOURCE_FILE,
  PROP_MAPPING,
  PROP_PREFLIGHT_RESULT,
  PROP_OUTPUT_DIR,
  PROP_PART_SIZE,
  PROP_PART_ROWS,
  PROP_JOBS_IN_FLIGHT,
  PROP_POLL_INTERVAL,
  PROP_MAX_POLL_INTERVAL,
  PROP_KEEP_SPOOL,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_load_description_finalize (GObject *object)
{
  FreightLoadDescription *self = (FreightLoadDescription *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->org_name, g_free);
  g_clear_pointer (&self->object_name, g_free);
  g_clear_pointer (&self->external_id_field, g_free);
  g_clear_object (&self->source_file);
  g_clear_object (&self->mapping);
  g_clear_object (&self->preflight_result);
  g_clear_object (&self->output_dir);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (freight_load_description_parent_class)->finalize (object);
}

static void
freight_load_description_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FreightLoadDescription *self = FREIGHT_LOAD_DESCRIPTION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ORG_NAME:
      g_value_set_string (value, self->org_name);
      break;
    case PROP_OBJECT_NAME:
      g_value_set_string (value, self->object_name);
      break;
    case PROP_OPERATION:
      g_value_set_enum (value, self->operation);
      break;
    case PROP_EXTERNAL_ID_FIELD:
      g_value_set_string (value, self->external_id_field);
      break;
    case PROP_SOURCE_FILE:
      g_value_set_object (value, self->source_file);
      break;
    case PROP_MAPPING:
      g_value_set_object (value, self->mapping);
      break;
    case PROP_PREFLIGHT_RESULT:
      g_value_set_object (value, self->preflight_result);
      break;
    case PROP_OUTPUT_DIR:
      g_value_set_object (value, self->output_dir);
      break;
    case PROP_PART_SIZE:
      g_value_set_uint64 (value, self->part_size);
      break;
    case PROP_PART_ROWS:
      g_value_set_uint64 (value, self->part_rows);
      break;
    case PROP_JOBS_IN_FLIGHT:
      g_value_set_uint (value, self->jobs_in_flight);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval);
      break;
    case PROP_MAX_POLL_INTERVAL:
      g_value_set_uint (value, self->max_poll_interval);
      break;
    case PROP_KEEP_SPOOL:
      g_value_set_boolean (value, self->keep_spool);
      break;
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_load_description_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  FreightLoadDescription *self = FREIGHT_LOAD_DESCRIPTION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      freight_load_description_set_session (self, g_value_get_object (value));
      break;
    case PROP_ORG_NAME:
      freight_load_description_set_org_name (self, g_value_get_string (value));
      break;
    case PROP_OBJECT_NAME:
      freight_load_description_set_object_name (self, g_value_get_string (value));
      break;
    case PROP_OPERATION:
      freight_load_description_set_operation (self, g_value_get_enum (value));
      break;
    case PROP_EXTERNAL_ID_FIELD:
      freight_load_description_set_external_id_field (self, g_value_get_string (value));
      break;
    case PROP_SOURCE_FILE:
      freight_load_description_set_source_file (self, g_value_get_object (value));
      break;
    case PROP_MAPPING:
      freight_load_description_set_mapping (self, g_value_get_object (value));
      break;
    case PROP_PREFLIGHT_RESULT:
      freight_load_description_set_preflight_result (self, g_value_get_object (value));
      break;
    case PROP_OUTPUT_DIR:
      freight_load_description_set_output_dir (self, g_value_get_object (value));
      break;
    case PROP_PART_SIZE:
      freight_load_description_set_part_size (self, g_value_get_uint64 (value));
      break;
    case PROP_PART_ROWS:
      freight_load_description_set_part_rows (self, g_value_get_uint64 (value));
      break;
    case PROP_JOBS_IN_FLIGHT:
      freight_load_description_set_jobs_in_flight (self, g_value_get_uint (value));
      break;
    case PROP_POLL_INTERVAL:
      freight_load_description_set_poll_interval (self, g_value_get_uint (value));
      break;
    case PROP_MAX_POLL_INTERVAL:
      freight_load_description_set_max_poll_interval (self, g_value_get_uint (value));
      break;
    case PROP_KEEP_SPOOL:
      freight_load_description_set_keep_spool (self, g_value_get_boolean (value));
      break;
    case PROP_JOURNAL:
      freight_load_description_set_journal (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_load_description_class_init (FreightLoadDescriptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = freight_load_description_finalize;
  object_class->get_property = freight_load_description_get_property;
  object_class->set_property = freight_load_description_set_property;

  /** FreightLoadDescription:session: the org to load into. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FREIGHT_TYPE_ORG_SESSION, flags);
  /** FreightLoadDescription:org-name: the saved org, for signing in again to resume. */
  properties[PROP_ORG_NAME] = g_param_spec_string ("org-name", NULL, NULL, NULL, flags);
  /** FreightLoadDescription:object-name: the sObject's API name. */
  properties[PROP_OBJECT_NAME] = g_param_spec_string ("object-name", NULL, NULL, NULL, flags);
  /** FreightLoadDescription:operation: insert, update, upsert, delete or hardDelete. */
  properties[PROP_OPERATION] =
    g_param_spec_enum ("operation", NULL, NULL, FREIGHT_TYPE_OPERATION,
                       FREIGHT_OPERATION_INSERT, flags);
  /** FreightLoadDescription:external-id-field: the key of an upsert. */
  properties[PROP_EXTERNAL_ID_FIELD] =
    g_param_spec_string ("external-id-field", NULL, NULL, NULL, flags);
  /** FreightLoadDescription:source-file: the CSV file to load. */
  properties[PROP_SOURCE_FILE] =
    g_param_spec_object ("source-file", NULL, NULL, G_TYPE_FILE, flags);
  /** FreightLoadDescription:mapping: which columns go to which fields, and how. */
  properties[PROP_MAPPING] =
    g_param_spec_object ("mapping", NULL, NULL, FREIGHT_TYPE_MAPPING, flags);
  /** FreightLoadDescription:preflight-result: its excluded rows stay out of the load. */
  properties[PROP_PREFLIGHT_RESULT] =
    g_param_spec_object ("preflight-result", NULL, NULL, FREIGHT_TYPE_PREFLIGHT_RESULT, flags);
  /** FreightLoadDescription:output-dir: where the run's result folder is made. */
  properties[PROP_OUTPUT_DIR] =
    g_param_spec_object ("output-dir", NULL, NULL, G_TYPE_FILE, flags);
  /** FreightLoadDescription:part-size: bytes a part (one job's upload) stays under. */
  properties[PROP_PART_SIZE] =
    g_param_spec_uint64 ("part-size", NULL, NULL, 1024, FREIGHT_LOAD_MAX_PART_SIZE,
                         FREIGHT_LOAD_DEFAULT_PART_SIZE, flags);
  /** FreightLoadDescription:part-rows: rows a part holds at most; 0 for no cap. */
  properties[PROP_PART_ROWS] =
    g_param_spec_uint64 ("part-rows", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /** FreightLoadDescription:jobs-in-flight: jobs created and not yet ended, at most. */
  properties[PROP_JOBS_IN_FLIGHT] =
    g_param_spec_uint ("jobs-in-flight", NULL, NULL, 1, FREIGHT_LOAD_MAX_JOBS_IN_FLIGHT,
                       FREIGHT_LOAD_DEFAULT_JOBS_IN_FLIGHT, flags);
  /** FreightLoadDescription:poll-interval: ms before a job's first status poll. */
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 10, 600000, 1000, flags);
  /** FreightLoadDescription:max-poll-interval: ms the polls of a job slow down to. */
  properties[PROP_MAX_POLL_INTERVAL] =
    g_param_spec_uint ("max-poll-interval", NULL, NULL, 10, 600000, 30000, flags);
  /** FreightLoadDescription:keep-spool: keep the parts and raw results once done. */
  properties[PROP_KEEP_SPOOL] =
    g_param_spec_boolean ("keep-spool", NULL, NULL, FALSE, flags);
  /** FreightLoadDescription:journal: where the run is journaled; %NULL for the user's. */
  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, FREIGHT_TYPE_JOURNAL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_load_description_init (FreightLoadDescription *self)
{
  freight_csv_dialect_init (&self->dialect);
  self->operation = FREIGHT_OPERATION_INSERT;
  self->part_size = FREIGHT_LOAD_DEFAULT_PART_SIZE;
  self->jobs_in_flight = FREIGHT_LOAD_DEFAULT_JOBS_IN_FLIGHT;
  self->column_delimiter = ',';
  self->line_ending = FREIGHT_CSV_LINE_ENDING_LF;
  self->poll_interval = 1000;
  self->max_poll_interval = 30000;
}

FreightLoadDescription *
freight_load_description_new (void)
{
  return g_object_new (FREIGHT_TYPE_LOAD_DESCRIPTION, NULL);
}

static void
set_string (FreightLoadDescription  *self,
            char                   **field,
            const char              *value,
            guint                    prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_object (FreightLoadDescription  *self,
            gpointer                 field,
            gpointer                 value,
            guint                    prop)
{
  if (g_set_object ((GObject **) field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

#define DEFINE_SCALAR_SETTER(name, type, field, PROP)                                  \
  void                                                                                 \
  freight_load_description_set_##name (FreightLoadDescription *self,                  \
                                       type                    value)                 \
  {                                                                                    \
    g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));                            \
    if (self->field == value)                                                          \
      return;                                                                          \
    self->field = value;                                                               \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                      \
  }                                                                                    \
  type                                                                                 \
  freight_load_description_get_##name (FreightLoadDescription *self)                  \
  {                                                                                    \
    g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self), 0);                     \
    return self->field;                                                                \
  }

#define DEFINE_STRING_ACCESSORS(name, PROP)                                            \
  void                                                                                 \
  freight_load_description_set_##name (FreightLoadDescription *self,                  \
                                       const char             *value)                 \
  {                                                                                    \
    g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));                            \
    set_string (self, &self->name, value, PROP);                                       \
  }                                                                                    \
  const char *                                                                         \
  freight_load_description_get_##name (FreightLoadDescription *self)                  \
  {                                                                                    \
    g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self), NULL);                  \
    return self->name;                                                                 \
  }

#define DEFINE_OBJECT_ACCESSORS(name, type, PROP)                                      \
  void                                                                                 \
  freight_load_description_set_##name (FreightLoadDescription *self,                  \
                                       type                   *value)                 \
  {                                                                                    \
    g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));                            \
    set_object (self, &self->name, value, PROP);                                       \
  }                                                                                    \
  type *                                                                               \
  freight_load_description_get_##name (FreightLoadDescription *self)                  \
  {                                                                                    \
    g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self), NULL);                  \
    return self->name;                                                                 \
  }

DEFINE_OBJECT_ACCESSORS (session, FreightOrgSession, PROP_SESSION)
DEFINE_STRING_ACCESSORS (org_name, PROP_ORG_NAME)
DEFINE_STRING_ACCESSORS (object_name, PROP_OBJECT_NAME)
DEFINE_SCALAR_SETTER (operation, FreightOperation, operation, PROP_OPERATION)
DEFINE_STRING_ACCESSORS (external_id_field, PROP_EXTERNAL_ID_FIELD)
DEFINE_OBJECT_ACCESSORS (source_file, GFile, PROP_SOURCE_FILE)
DEFINE_OBJECT_ACCESSORS (mapping, FreightMapping, PROP_MAPPING)
DEFINE_OBJECT_ACCESSORS (preflight_result, FreightPreflightResult, PROP_PREFLIGHT_RESULT)
DEFINE_OBJECT_ACCESSORS (output_dir, GFile, PROP_OUTPUT_DIR)
DEFINE_SCALAR_SETTER (part_rows, guint64, part_rows, PROP_PART_ROWS)
DEFINE_SCALAR_SETTER (keep_spool, gboolean, keep_spool, PROP_KEEP_SPOOL)
DEFINE_OBJECT_ACCESSORS (journal, FreightJournal, PROP_JOURNAL)

/**
 * freight_load_description_set_part_size:
 * @bytes: the size a part stays under; above the Bulk API's 100 MB it is that
 */
void
freight_load_description_set_part_size (FreightLoadDescription *self,
                                        guint64                 bytes)
{
  g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));

  bytes = CLAMP (bytes, 1024, FREIGHT_LOAD_MAX_PART_SIZE);
  if (self->part_size == bytes)
    return;
  self->part_size = bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PART_SIZE]);
}

guint64
freight_load_description_get_part_size (FreightLoadDescription *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self), 0);

  return self->part_size;
}

void
freight_load_description_set_jobs_in_flight (FreightLoadDescription *self,
                                             guint                   jobs)
{
  g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));

  jobs = CLAMP (jobs, 1, FREIGHT_LOAD_MAX_JOBS_IN_FLIGHT);
  if (self->jobs_in_flight == jobs)
    return;
  self->jobs_in_flight = jobs;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOBS_IN_FLIGHT]);
}

guint
freight_load_description_get_jobs_in_flight (FreightLoadDescription *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self), 0);

  return self->jobs_in_flight;
}

void
freight_load_description_set_poll_interval (FreightLoadDescription *self,
                                            guint                   ms)
{
  g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));

  ms = CLAMP (ms, 10, 600000);
  if (self->poll_interval == ms)
    return;
  self->poll_interval = ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL]);
}

guint
freight_load_description_get_poll_interval (FreightLoadDescription *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self), 0);

  return self->poll_interval;
}

void
freight_load_description_set_max_poll_interval (FreightLoadDescription *self,
                                                guint                   ms)
{
  g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));

  ms = CLAMP (ms, 10, 600000);
  if (self->max_poll_interval == ms)
    return;
  self->max_poll_interval = ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_POLL_INTERVAL]);
}

guint
freight_load_description_get_max_poll_interval (FreightLoadDescription *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self), 0);

  return self->max_poll_interval;
}

/**
 * freight_load_description_get_source_dialect:
 * @dialect: (out caller-allocates): the source's dialect
 */
void
freight_load_description_get_source_dialect (FreightLoadDescription *self,
                                             FreightCsvDialect      *dialect)
{
  g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));
  g_return_if_fail (dialect != NULL);

  *dialect = self->dialect;
}

/**
 * freight_load_description_set_source_dialect:
 * @dialect: (nullable): the source's dialect (as sniffed or chosen), or %NULL for UTF-8
 *   with commas
 */
void
freight_load_description_set_source_dialect (FreightLoadDescription  *self,
                                             const FreightCsvDialect *dialect)
{
  g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));

  if (dialect != NULL)
    self->dialect = *dialect;
  else
    freight_csv_dialect_init (&self->dialect);
}

FreightCsvReaderFlags
freight_load_description_get_source_flags (FreightLoadDescription *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self), 0);

  return self->source_flags;
}

void
freight_load_description_set_source_flags (FreightLoadDescription *self,
                                           FreightCsvReaderFlags   flags)
{
  g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));

  self->source_flags = flags;
}

/**
 * freight_load_description_get_column_delimiter:
 *
 * Returns: the delimiter of the jobs' CSV (`,` unless set)
 */
char
freight_load_description_get_column_delimiter (FreightLoadDescription *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self), ',');

  return self->column_delimiter;
}

/**
 * freight_load_description_set_column_delimiter:
 * @delimiter: one the Bulk API knows: `,` `;` TAB `|` `^` or `` ` ``
 */
void
freight_load_description_set_column_delimiter (FreightLoadDescription *self,
                                               char                    delimiter)
{
  g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));
  g_return_if_fail (freight_csv_delimiter_to_bulk_name (delimiter) != NULL);

  self->column_delimiter = delimiter;
}

FreightCsvLineEnding
freight_load_description_get_line_ending (FreightLoadDescription *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self), FREIGHT_CSV_LINE_ENDING_LF);

  return self->line_ending;
}

/**
 * freight_load_description_set_line_ending:
 * @ending: LF or CRLF (the Bulk API knows no other)
 */
void
freight_load_description_set_line_ending (FreightLoadDescription *self,
                                          FreightCsvLineEnding    ending)
{
  g_return_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self));
  g_return_if_fail (ending == FREIGHT_CSV_LINE_ENDING_LF ||
                    ending == FREIGHT_CSV_LINE_ENDING_CRLF);

  self->line_ending = ending;
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_INVALID, message);
  return FALSE;
}

/**
 * freight_load_description_validate:
 * @self: a description
 * @error: return location for a #FREIGHT_LOAD_ERROR_INVALID
 *
 * Checks that the description is complete and agrees with its mapping: an org, a source
 * file, an output folder, and a mapping without errors for the same object, operation and
 * external ID field.
 *
 * Returns: %TRUE if a load can start from it
 */
gboolean
freight_load_description_validate (FreightLoadDescription  *self,
                                   GError                 **error)
{
  FreightDescribeObject *object;
  const char *mapping_key;

  g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (self), FALSE);

  if (self->session == NULL)
    return invalid (error, _("No org is chosen for the load. Choose the org to load into."));
  if (self->source_file == NULL)
    return invalid (error, _("No CSV file is chosen for the load. Choose the file to load."));
  if (self->output_dir == NULL)
    return invalid (error, _("No folder is chosen for the results. Choose where the result "
                             "files go."));
  if (self->object_name == NULL || *self->object_name == '\0')
    return invalid (error, _("No object is chosen for the load. Choose the object to load "
                             "into."));
  if (self->operation == FREIGHT_OPERATION_UPSERT &&
      (self->external_id_field == NULL || *self->external_id_field == '\0'))
    return invalid (error, _("An upsert needs an external ID field to match records by. "
                             "Choose one."));
  if (self->mapping == NULL)
    return invalid (error, _("The load has no mapping. Map the file’s columns to fields."));

  object = freight_mapping_get_object (self->mapping);
  mapping_key = freight_mapping_get_external_id_field (self->mapping);
  if (object == NULL ||
      g_ascii_strcasecmp (freight_describe_object_get_name (object), self->object_name) != 0 ||
      freight_mapping_get_operation (self->mapping) != self->operation ||
      (self->operation == FREIGHT_OPERATION_UPSERT &&
       g_ascii_strcasecmp (mapping_key != NULL ? mapping_key : "",
                           self->external_id_field) != 0))
    return invalid (error, _("The mapping was made for another object, operation or external "
                             "ID field than the load’s. Map the columns again for this load."));
  if (!freight_mapping_is_ready (self->mapping))
    return invalid (error, _("The mapping has problems to fix before loading. Review the "
                             "mapping."));
  return TRUE;
}
