/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-bulk-job.h"

/* One Bulk API 2.0 job as the org last described it: the job info JSON of a create, GET,
 * PATCH or listing reply (salesforce-api.md §2.3, §3.3), parsed into typed properties.
 *
 * The replies differ in what they carry: a PATCH answer has no counters, a listing has
 * no timings, `errorMessage` appears only once a job Failed. A job object therefore
 * keeps what it knew when a newer answer lacks a member, and
 * freight_bulk_job_update() merges a newer answer in and notifies only what changed, so
 * that a list row bound to a job follows it. A job is not thread-safe: update it on the
 * thread that owns it (the main thread for the app's models). */

typedef enum
{
  S_ID,
  S_OPERATION,
  S_OBJECT,
  S_STATE,
  S_EXTERNAL_ID_FIELD_NAME,
  S_ASSIGNMENT_RULE_ID,
  S_CREATED_BY_ID,
  S_API_VERSION,
  S_JOB_TYPE,
  S_CONCURRENCY_MODE,
  S_CONTENT_TYPE,
  S_CONTENT_URL,
  S_COLUMN_DELIMITER,
  S_LINE_ENDING,
  S_ERROR_MESSAGE,
  N_STRINGS
} StringField;

typedef enum
{
  I_PROCESSED,
  I_FAILED,
  I_RETRIES,
  I_TOTAL_TIME,
  I_API_ACTIVE_TIME,
  I_APEX_TIME,
  N_INTS
} IntField;

typedef enum
{
  D_CREATED,
  D_MODSTAMP,
  N_DATES
} DateField;

struct _FreightBulkJob
{
  GObject               parent_instance;

  JsonObject           *json;
  FreightBulkJobKind    kind;
  FreightBulkOperation  operation;
  FreightBulkJobState   state;
  char                 *strings[N_STRINGS];
  gint64                ints[N_INTS];
  GDateTime            *dates[N_DATES];
};

G_DEFINE_FINAL_TYPE (FreightBulkJob, freight_bulk_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_OPERATION,
  PROP_STATE,
  /* string properties, in StringField order */
  PROP_ID,
  PROP_OPERATION_NAME,
  PROP_OBJECT,
  PROP_STATE_NAME,
  PROP_EXTERNAL_ID_FIELD_NAME,
  PROP_ASSIGNMENT_RULE_ID,
  PROP_CREATED_BY_ID,
  PROP_API_VERSION,
  PROP_JOB_TYPE,
  PROP_CONCURRENCY_MODE,
  PROP_CONTENT_TYPE,
  PROP_CONTENT_URL,
  PROP_COLUMN_DELIMITER,
  PROP_LINE_ENDING,
  PROP_ERROR_MESSAGE,
  /* counters, in IntField order */
  PROP_NUMBER_RECORDS_PROCESSED,
  PROP_NUMBER_RECORDS_FAILED,
  PROP_RETRIES,
  PROP_TOTAL_PROCESSING_TIME,
  PROP_API_ACTIVE_PROCESSING_TIME,
  PROP_APEX_PROCESSING_TIME,
  /* dates, in DateField order */
  PROP_CREATED_DATE,
  PROP_SYSTEM_MODSTAMP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FIRST_STRING_PROP PROP_ID
#define FIRST_INT_PROP    PROP_NUMBER_RECORDS_PROCESSED
#define FIRST_DATE_PROP   PROP_CREATED_DATE

/* The JSON members, in the order of the fields above. */
static const char * const string_members[N_STRINGS] = {
  "id", "operation", "object", "state", "externalIdFieldName", "assignmentRuleId",
  "createdById", "apiVersion", "jobType", "concurrencyMode", "contentType", "contentUrl",
  "columnDelimiter", "lineEnding", "errorMessage",
};
static const char * const string_props[N_STRINGS] = {
  "id", "operation-name", "object", "state-name", "external-id-field-name",
  "assignment-rule-id", "created-by-id", "api-version", "job-type", "concurrency-mode",
  "content-type", "content-url", "column-delimiter", "line-ending", "error-message",
};
static const char * const int_members[N_INTS] = {
  "numberRecordsProcessed", "numberRecordsFailed", "retries", "totalProcessingTime",
  "apiActiveProcessingTime", "apexProcessingTime",
};
static const char * const int_props[N_INTS] = {
  "number-records-processed", "number-records-failed", "retries", "total-processing-time",
  "api-active-processing-time", "apex-processing-time",
};
static const char * const date_members[N_DATES] = { "createdDate", "systemModstamp" };
static const char * const date_props[N_DATES] = { "created-date", "system-modstamp" };

static void
freight_bulk_job_finalize (GObject *object)
{
  FreightBulkJob *self = FREIGHT_BULK_JOB (object);

  g_clear_pointer (&self->json, json_object_unref);
  for (guint i = 0; i < N_STRINGS; i++)
    g_clear_pointer (&self->strings[i], g_free);
  for (guint i = 0; i < N_DATES; i++)
    g_clear_pointer (&self->dates[i], g_date_time_unref);

  G_OBJECT_CLASS (freight_bulk_job_parent_class)->finalize (object);
}

static void
freight_bulk_job_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FreightBulkJob *self = FREIGHT_BULK_JOB (object);

  if (prop_id >= FIRST_STRING_PROP && prop_id < FIRST_STRING_PROP + N_STRINGS)
    g_value_set_string (value, self->strings[prop_id - FIRST_STRING_PROP]);
  else if (prop_id >= FIRST_INT_PROP && prop_id < FIRST_INT_PROP + N_INTS)
    g_value_set_int64 (value, self->ints[prop_id - FIRST_INT_PROP]);
  else if (prop_id >= FIRST_DATE_PROP && prop_id < FIRST_DATE_PROP + N_DATES)
    g_value_set_boxed (value, self->dates[prop_id - FIRST_DATE_PROP]);
  else if (prop_id == PROP_KIND)
    g_value_set_enum (value, self->kind);
  else if (prop_id == PROP_OPERATION)
    g_value_set_enum (value, self->operation);
  else if (prop_id == PROP_STATE)
    g_value_set_enum (value, self->state);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
freight_bulk_job_class_init (FreightBulkJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = freight_bulk_job_finalize;
  object_class->get_property = freight_bulk_job_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, FREIGHT_TYPE_BULK_JOB_KIND,
                       FREIGHT_BULK_JOB_KIND_INGEST, flags);
  properties[PROP_OPERATION] =
    g_param_spec_enum ("operation", NULL, NULL, FREIGHT_TYPE_BULK_OPERATION,
                       FREIGHT_BULK_OPERATION_UNKNOWN, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FREIGHT_TYPE_BULK_JOB_STATE,
                       FREIGHT_BULK_JOB_STATE_UNKNOWN, flags);

  for (guint i = 0; i < N_STRINGS; i++)
    properties[FIRST_STRING_PROP + i] =
      g_param_spec_string (string_props[i], NULL, NULL, NULL, flags);
  for (guint i = 0; i < N_INTS; i++)
    properties[FIRST_INT_PROP + i] =
      g_param_spec_int64 (int_props[i], NULL, NULL, 0, G_MAXINT64, 0, flags);
  for (guint i = 0; i < N_DATES; i++)
    properties[FIRST_DATE_PROP + i] =
      g_param_spec_boxed (date_props[i], NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_bulk_job_init (FreightBulkJob *self)
{
}

/* apiVersion is a JSON number (62.0, sometimes 62); older tools wrote a string. */
static char *
read_api_version (JsonNode *node)
{
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE
      || json_node_get_value_type (node) == G_TYPE_INT64)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f",
                                        json_node_get_double (node)));
    }
  return NULL;
}

static char *
read_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (g_str_equal (member, "apiVersion"))
    return read_api_version (node);
  if (JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
}

static gboolean
read_int (JsonObject *object,
          const char *member,
          gint64     *value)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = (gint64) json_node_get_double (node);
  else if (type == G_TYPE_STRING)
    *value = g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  else
    return FALSE;
  *value = MAX (*value, 0);
  return TRUE;
}

static GDateTime *
read_date (JsonObject *object,
           const char *member)
{
  g_autofree char *text = read_string (object, member);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static gboolean
dates_equal (GDateTime *a,
             GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

/* Takes the members @object has; notifies when @notify and something changed. */
static gboolean
apply_json (FreightBulkJob *self,
            JsonObject     *object,
            gboolean        notify)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < N_STRINGS; i++)
    {
      g_autofree char *value = NULL;

      if (!json_object_has_member (object, string_members[i]))
        continue;
      value = read_string (object, string_members[i]);
      if (g_strcmp0 (value, self->strings[i]) == 0)
        continue;
      g_free (self->strings[i]);
      self->strings[i] = g_steal_pointer (&value);
      changed = TRUE;
      if (notify)
        g_object_notify_by_pspec (G_OBJECT (self), properties[FIRST_STRING_PROP + i]);
    }

  for (guint i = 0; i < N_INTS; i++)
    {
      gint64 value;

      if (!read_int (object, int_members[i], &value) || value == self->ints[i])
        continue;
      self->ints[i] = value;
      changed = TRUE;
      if (notify)
        g_object_notify_by_pspec (G_OBJECT (self), properties[FIRST_INT_PROP + i]);
    }

  for (guint i = 0; i < N_DATES; i++)
    {
      g_autoptr(GDateTime) value = NULL;

      if (!json_object_has_member (object, date_members[i]))
        continue;
      value = read_date (object, date_members[i]);
      if (dates_equal (value, self->dates[i]))
        continue;
      g_clear_pointer (&self->dates[i], g_date_time_unref);
      self->dates[i] = g_steal_pointer (&value);
      changed = TRUE;
      if (notify)
        g_object_notify_by_pspec (G_OBJECT (self), properties[FIRST_DATE_PROP + i]);
    }

  if (self->operation != freight_bulk_operation_from_string (self->strings[S_OPERATION]))
    {
      self->operation = freight_bulk_operation_from_string (self->strings[S_OPERATION]);
      if (notify)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATION]);
    }
  if (self->state != freight_bulk_job_state_from_string (self->strings[S_STATE]))
    {
      self->state = freight_bulk_job_state_from_string (self->strings[S_STATE]);
      if (notify)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  return changed;
}

static void
merge_member (JsonObject  *object,
              const char  *member,
              JsonNode    *node,
              gpointer     user_data)
{
  JsonObject *into = user_data;

  json_object_set_member (into, member, json_node_copy (node));
}

/**
 * freight_bulk_job_new_from_json:
 * @object: a job info object from the org
 * @kind: the kind of job it came from (the endpoint that answered); a `jobType` of
 *   "V2Query" or a query operation makes it a query job regardless
 * @error: return location for a FREIGHT_BULK_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the job, or %NULL when @object has no usable id
 */
FreightBulkJob *
freight_bulk_job_new_from_json (JsonObject          *object,
                                FreightBulkJobKind   kind,
                                GError             **error)
{
  g_autoptr(FreightBulkJob) self = NULL;
  const char *job_type;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (FREIGHT_TYPE_BULK_JOB, NULL);
  self->json = json_object_new ();
  json_object_foreach_member (object, merge_member, self->json);
  apply_json (self, object, FALSE);

  if (!freight_bulk_check_job_id (self->strings[S_ID], NULL))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_RESPONSE,
                   _("The org described a Bulk job without a valid id (“%s”)."),
                   self->strings[S_ID] != NULL ? self->strings[S_ID] : "");
      return NULL;
    }

  job_type = self->strings[S_JOB_TYPE];
  if (g_strcmp0 (job_type, "V2Query") == 0
      || freight_bulk_operation_get_kind (self->operation) == FREIGHT_BULK_JOB_KIND_QUERY)
    self->kind = FREIGHT_BULK_JOB_KIND_QUERY;
  else if (job_type != NULL || self->operation != FREIGHT_BULK_OPERATION_UNKNOWN)
    self->kind = FREIGHT_BULK_JOB_KIND_INGEST;
  else
    self->kind = kind;

  return g_steal_pointer (&self);
}

/**
 * freight_bulk_job_update:
 * @self: a job
 * @newer: a newer description of the same job
 *
 * Merges @newer into @self: members @newer has replace the old values, others stay
 * (a PATCH answer has no counters). Notifies each property that changed.
 *
 * Returns: %TRUE when something changed
 */
gboolean
freight_bulk_job_update (FreightBulkJob *self,
                         FreightBulkJob *newer)
{
  gboolean changed;

  g_return_val_if_fail (FREIGHT_IS_BULK_JOB (self), FALSE);
  g_return_val_if_fail (FREIGHT_IS_BULK_JOB (newer), FALSE);
  g_return_val_if_fail (g_strcmp0 (self->strings[S_ID], newer->strings[S_ID]) == 0, FALSE);

  if (self == newer)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  changed = apply_json (self, newer->json, TRUE);
  json_object_foreach_member (newer->json, merge_member, self->json);
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

/**
 * freight_bulk_job_get_json:
 * @self: a job
 *
 * Returns: (transfer none): every member the org has sent for this job, merged
 */
JsonObject *
freight_bulk_job_get_json (FreightBulkJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_BULK_JOB (self), NULL);
  return self->json;
}

#define STRING_GETTER(name, field)                      \
  const char *                                          \
  freight_bulk_job_get_##name (FreightBulkJob *self)    \
  {                                                     \
    g_return_val_if_fail (FREIGHT_IS_BULK_JOB (self), NULL); \
    return self->strings[field];                        \
  }

#define INT_GETTER(name, field)                         \
  gint64                                                \
  freight_bulk_job_get_##name (FreightBulkJob *self)    \
  {                                                     \
    g_return_val_if_fail (FREIGHT_IS_BULK_JOB (self), 0); \
    return self->ints[field];                           \
  }

STRING_GETTER (id, S_ID)
STRING_GETTER (operation_name, S_OPERATION)
STRING_GETTER (object, S_OBJECT)
STRING_GETTER (state_name, S_STATE)
STRING_GETTER (external_id_field_name, S_EXTERNAL_ID_FIELD_NAME)
STRING_GETTER (assignment_rule_id, S_ASSIGNMENT_RULE_ID)
STRING_GETTER (created_by_id, S_CREATED_BY_ID)
STRING_GETTER (api_version, S_API_VERSION)
STRING_GETTER (job_type, S_JOB_TYPE)
STRING_GETTER (concurrency_mode, S_CONCURRENCY_MODE)
STRING_GETTER (content_type, S_CONTENT_TYPE)
STRING_GETTER (content_url, S_CONTENT_URL)
STRING_GETTER (column_delimiter, S_COLUMN_DELIMITER)
STRING_GETTER (line_ending, S_LINE_ENDING)
STRING_GETTER (error_message, S_ERROR_MESSAGE)

INT_GETTER (number_records_processed, I_PROCESSED)
INT_GETTER (number_records_failed, I_FAILED)
INT_GETTER (retries, I_RETRIES)
INT_GETTER (total_processing_time, I_TOTAL_TIME)
INT_GETTER (api_active_processing_time, I_API_ACTIVE_TIME)
INT_GETTER (apex_processing_time, I_APEX_TIME)

FreightBulkJobKind
freight_bulk_job_get_kind (FreightBulkJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_BULK_JOB (self), FREIGHT_BULK_JOB_KIND_INGEST);
  return self->kind;
}

FreightBulkOperation
freight_bulk_job_get_operation (FreightBulkJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_BULK_JOB (self), FREIGHT_BULK_OPERATION_UNKNOWN);
  return self->operation;
}

FreightBulkJobState
freight_bulk_job_get_state (FreightBulkJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_BULK_JOB (self), FREIGHT_BULK_JOB_STATE_UNKNOWN);
  return self->state;
}

/**
 * freight_bulk_job_get_created_date:
 * @self: a job
 *
 * Returns: (transfer none) (nullable): when the job was created
 */
GDateTime *
freight_bulk_job_get_created_date (FreightBulkJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_BULK_JOB (self), NULL);
  return self->dates[D_CREATED];
}

/**
 * freight_bulk_job_get_system_modstamp:
 * @self: a job
 *
 * Returns: (transfer none) (nullable): when the job last changed
 */
GDateTime *
freight_bulk_job_get_system_modstamp (FreightBulkJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_BULK_JOB (self), NULL);
  return self->dates[D_MODSTAMP];
}

/**
 * freight_bulk_job_is_terminal:
 * @self: a job
 *
 * Returns: %TRUE once the job is JobComplete, Failed or Aborted
 */
gboolean
freight_bulk_job_is_terminal (FreightBulkJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_BULK_JOB (self), FALSE);
  return freight_bulk_job_state_is_terminal (self->state);
}
