/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-job"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "lo-format.h"
#include "lo-job.h"

G_DEFINE_TYPE (LoJob, lo_job, G_TYPE_OBJECT)

static const char *state_names[] = {
  "Open", "UploadComplete", "InProgress", "Aborted", "JobComplete", "Failed",
};

static void
lo_job_finalize (GObject *object)
{
  LoJob *self = LO_JOB (object);

  g_free (self->id);
  g_free (self->operation);
  g_free (self->object);
  g_free (self->created_by);
  g_free (self->external_id_field);
  g_free (self->assignment_rule_id);
  g_free (self->api_version);
  g_free (self->line_ending);
  g_free (self->column_delimiter);
  g_free (self->query);
  g_free (self->dir);
  g_free (self->error_message);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (lo_job_parent_class)->finalize (object);
}

static void
lo_job_class_init (LoJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lo_job_finalize;
}

static void
lo_job_init (LoJob *self)
{
  g_mutex_init (&self->lock);
}

LoJob *
lo_job_new (LoJobKind   kind,
            const char *id,
            const char *dir)
{
  LoJob *self = g_object_new (LO_TYPE_JOB, NULL);

  self->kind = kind;
  self->id = g_strdup (id);
  self->dir = g_strdup (dir);
  self->created_usec = self->modstamp_usec = (g_get_real_time () / 1000) * 1000;
  self->line_ending = g_strdup ("LF");
  self->column_delimiter = g_strdup ("COMMA");
  self->api_version = g_strdup ("62.0");
  self->state = kind == LO_JOB_QUERY ? LO_JOB_UPLOAD_COMPLETE : LO_JOB_OPEN;
  return self;
}

const char *
lo_job_state_to_string (LoJobState state)
{
  g_return_val_if_fail (state <= LO_JOB_FAILED, "Failed");

  return state_names[state];
}

static gboolean
state_from_string (const char *name,
                   LoJobState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (name, state_names[i]) == 0)
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
lo_job_state_is_terminal (LoJobState state)
{
  return state == LO_JOB_ABORTED || state == LO_JOB_JOB_COMPLETE || state == LO_JOB_FAILED;
}

gboolean
lo_job_is_busy (LoJob *self)
{
  gboolean busy;

  g_return_val_if_fail (LO_IS_JOB (self), FALSE);

  g_mutex_lock (&self->lock);
  busy = self->busy;
  g_mutex_unlock (&self->lock);
  return busy;
}

void
lo_job_set_busy (LoJob    *self,
                 gboolean  busy)
{
  g_return_if_fail (LO_IS_JOB (self));

  g_mutex_lock (&self->lock);
  self->busy = busy;
  g_mutex_unlock (&self->lock);
}

LoJobState
lo_job_get_state (LoJob *self)
{
  LoJobState state;

  g_return_val_if_fail (LO_IS_JOB (self), LO_JOB_FAILED);

  g_mutex_lock (&self->lock);
  state = self->state;
  g_mutex_unlock (&self->lock);
  return state;
}

void
lo_job_set_state (LoJob      *self,
                  LoJobState  state,
                  const char *error_message)
{
  g_return_if_fail (LO_IS_JOB (self));

  g_mutex_lock (&self->lock);
  self->state = state;
  self->modstamp_usec = (g_get_real_time () / 1000) * 1000;
  if (error_message != NULL)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
    }
  g_mutex_unlock (&self->lock);
}

/**
 * lo_job_transition:
 * @from_mask: LO_JOB_STATE_BIT()s of the states the change is legal in
 *
 * Changes the state atomically if the current one is in @from_mask.
 *
 * Returns: %TRUE if the state changed; @old_state is set either way.
 */
gboolean
lo_job_transition (LoJob      *self,
                   LoJobState  from_mask,
                   LoJobState  to,
                   LoJobState *old_state)
{
  gboolean ok;

  g_return_val_if_fail (LO_IS_JOB (self), FALSE);

  g_mutex_lock (&self->lock);
  if (old_state != NULL)
    *old_state = self->state;
  ok = (from_mask & LO_JOB_STATE_BIT (self->state)) != 0;
  if (ok)
    {
      self->state = to;
      self->modstamp_usec = (g_get_real_time () / 1000) * 1000;
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

void
lo_job_add_counts (LoJob  *self,
                   gint64  processed,
                   gint64  failed,
                   gint64  elapsed_ms)
{
  g_return_if_fail (LO_IS_JOB (self));

  g_mutex_lock (&self->lock);
  self->n_processed += processed;
  self->n_failed += failed;
  self->total_time_ms += elapsed_ms;
  self->api_time_ms += elapsed_ms;
  self->modstamp_usec = (g_get_real_time () / 1000) * 1000;
  g_mutex_unlock (&self->lock);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       usec)
{
  g_autofree char *text = lo_format_job_timestamp (usec);

  add_string (builder, name, text);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Adds the job's members to an open JSON object, in the real service's key order. */
void
lo_job_build_json (LoJob       *self,
                   LoJobJson    what,
                   JsonBuilder *builder)
{
  gboolean ingest = self->kind == LO_JOB_INGEST;

  g_mutex_lock (&self->lock);
  add_string (builder, "id", self->id);
  add_string (builder, "operation", self->operation);
  add_string (builder, "object", self->object);
  add_string (builder, "createdById", self->created_by);
  add_time (builder, "createdDate", self->created_usec);
  add_time (builder, "systemModstamp", self->modstamp_usec);
  add_string (builder, "state", state_names[self->state]);
  if (self->external_id_field != NULL)
    add_string (builder, "externalIdFieldName", self->external_id_field);
  if (self->assignment_rule_id != NULL)
    add_string (builder, "assignmentRuleId", self->assignment_rule_id);
  add_string (builder, "concurrencyMode", "Parallel");
  add_string (builder, "contentType", "CSV");
  json_builder_set_member_name (builder, "apiVersion");
  json_builder_add_double_value (builder, g_ascii_strtod (self->api_version, NULL));
  if (what == LO_JOB_JSON_GET || what == LO_JOB_JSON_LIST)
    add_string (builder, "jobType", ingest ? "V2Ingest" : "V2Query");
  if (ingest && self->state == LO_JOB_OPEN
      && (what == LO_JOB_JSON_CREATE || what == LO_JOB_JSON_GET || what == LO_JOB_JSON_LIST))
    {
      g_autofree char *url = g_strdup_printf ("services/data/v%s/jobs/ingest/%s/batches",
                                              self->api_version, self->id);

      add_string (builder, "contentUrl", url);
    }
  if (what != LO_JOB_JSON_PATCH)
    {
      add_string (builder, "lineEnding", self->line_ending);
      add_string (builder, "columnDelimiter", self->column_delimiter);
    }
  if (what == LO_JOB_JSON_GET)
    {
      /* A fresh Open ingest job has no counters yet (real v52 transcript). */
      if (!ingest || self->state != LO_JOB_OPEN || self->n_uploads > 0)
        {
          add_int (builder, "numberRecordsProcessed", self->n_processed);
          if (ingest)
            add_int (builder, "numberRecordsFailed", self->n_failed);
        }
      add_int (builder, "retries", 0);
      add_int (builder, "totalProcessingTime", self->total_time_ms);
      if (ingest)
        {
          add_int (builder, "apiActiveProcessingTime", self->api_time_ms);
          add_int (builder, "apexProcessingTime", 0);
        }
      else
        {
          json_builder_set_member_name (builder, "isPkChunkingSupported");
          json_builder_add_boolean_value (builder, TRUE);
        }
      if (ingest && self->state == LO_JOB_FAILED && self->error_message != NULL)
        add_string (builder, "errorMessage", self->error_message);
    }
  g_mutex_unlock (&self->lock);
}

char *
lo_job_to_json (LoJob     *self,
                LoJobJson  what)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (LO_IS_JOB (self), NULL);

  json_builder_begin_object (builder);
  lo_job_build_json (self, what, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

char *
lo_job_get_path (LoJob      *self,
                 const char *file_name)
{
  g_return_val_if_fail (LO_IS_JOB (self), NULL);

  return g_build_filename (self->dir, file_name, NULL);
}

/* job.json keeps what a restart needs; it is an internal file, not a reply. */
gboolean
lo_job_save (LoJob   *self,
             GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = lo_job_get_path (self, "job.json");

  g_return_val_if_fail (LO_IS_JOB (self), FALSE);

  json_builder_begin_object (b);
  g_mutex_lock (&self->lock);
  add_string (b, "kind", self->kind == LO_JOB_INGEST ? "ingest" : "query");
  add_string (b, "id", self->id);
  add_string (b, "operation", self->operation);
  add_string (b, "object", self->object);
  add_string (b, "createdById", self->created_by);
  add_int (b, "createdUsec", self->created_usec);
  add_int (b, "modstampUsec", self->modstamp_usec);
  add_string (b, "state", state_names[self->state]);
  add_string (b, "externalIdFieldName", self->external_id_field);
  add_string (b, "assignmentRuleId", self->assignment_rule_id);
  add_string (b, "apiVersion", self->api_version);
  add_string (b, "lineEnding", self->line_ending);
  add_string (b, "columnDelimiter", self->column_delimiter);
  add_string (b, "query", self->query);
  add_int (b, "processed", self->n_processed);
  add_int (b, "failed", self->n_failed);
  add_int (b, "totalMs", self->total_time_ms);
  add_int (b, "apiMs", self->api_time_ms);
  add_int (b, "uploads", self->n_uploads);
  add_string (b, "errorMessage", self->error_message);
  g_mutex_unlock (&self->lock);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, TRUE);
  /* Written often (after every batch): a rename keeps it whole, no fsync keeps it fast. */
  {
    g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);

    if (!g_file_set_contents_full (tmp, text, -1, G_FILE_SET_CONTENTS_NONE, 0600, error))
      return FALSE;
    if (g_rename (tmp, path) != 0)
      {
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Cannot save %s",
                     path);
        return FALSE;
      }
    return TRUE;
  }
}

static char *
dup_member (JsonObject *o,
            const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return g_strdup (json_node_get_string (node));
}

LoJob *
lo_job_load (const char  *dir,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_build_filename (dir, "job.json", NULL);
  g_autoptr(LoJob) self = NULL;
  g_autofree char *state = NULL;
  JsonObject *o;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  self = g_object_new (LO_TYPE_JOB, NULL);
  self->dir = g_strdup (dir);
  self->kind = g_strcmp0 (json_object_get_string_member (o, "kind"), "query") == 0
               ? LO_JOB_QUERY : LO_JOB_INGEST;
  self->id = dup_member (o, "id");
  self->operation = dup_member (o, "operation");
  self->object = dup_member (o, "object");
  self->created_by = dup_member (o, "createdById");
  self->created_usec = json_object_get_int_member (o, "createdUsec");
  self->modstamp_usec = json_object_get_int_member (o, "modstampUsec");
  state = dup_member (o, "state");
  self->external_id_field = dup_member (o, "externalIdFieldName");
  self->assignment_rule_id = dup_member (o, "assignmentRuleId");
  self->api_version = dup_member (o, "apiVersion");
  self->line_ending = dup_member (o, "lineEnding");
  self->column_delimiter = dup_member (o, "columnDelimiter");
  self->query = dup_member (o, "query");
  self->n_processed = json_object_get_int_member (o, "processed");
  self->n_failed = json_object_get_int_member (o, "failed");
  self->total_time_ms = json_object_get_int_member (o, "totalMs");
  self->api_time_ms = json_object_get_int_member (o, "apiMs");
  self->n_uploads = json_object_get_int_member (o, "uploads");
  self->error_message = dup_member (o, "errorMessage");
  if (self->id == NULL || self->operation == NULL || self->api_version == NULL
      || !state_from_string (state, &self->state))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: not a job", path);
      return NULL;
    }
  return g_steal_pointer (&self);
}
