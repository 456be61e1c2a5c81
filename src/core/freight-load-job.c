/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load"

#include "config.h"

#include "freight-load-job.h"
#include "freight-load-private.h"

/*
 * FreightLoadJob: one part of a load and its ingest job, as an item of the load's
 * FreightLoad:jobs model: where it stands, its job id and its counters. Read-only for
 * users; the load updates it on the main context, so its notifications can drive widgets
 * directly.
 */
struct _FreightLoadJob
{
  GObject              parent_instance;

  guint                part;
  char                *job_id;
  FreightLoadJobState  state;
  guint64              rows;
  guint64              rows_skipped;
  guint64              rows_processed;
  guint64              rows_failed;
  guint64              bytes;
  guint64              bytes_uploaded;
  char                *error_message;
};

G_DEFINE_FINAL_TYPE (FreightLoadJob, freight_load_job, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PART,
  PROP_JOB_ID,
  PROP_STATE,
  PROP_ROWS,
  PROP_ROWS_SKIPPED,
  PROP_ROWS_PROCESSED,
  PROP_ROWS_FAILED,
  PROP_BYTES,
  PROP_BYTES_UPLOADED,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_load_job_finalize (GObject *object)
{
  FreightLoadJob *self = (FreightLoadJob *) object;

  g_clear_pointer (&self->job_id, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (freight_load_job_parent_class)->finalize (object);
}

static void
freight_load_job_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FreightLoadJob *self = FREIGHT_LOAD_JOB (object);

  switch (prop_id)
    {
    case PROP_PART:
      g_value_set_uint (value, self->part);
      break;
    case PROP_JOB_ID:
      g_value_set_string (value, self->job_id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ROWS:
      g_value_set_uint64 (value, self->rows);
      break;
    case PROP_ROWS_SKIPPED:
      g_value_set_uint64 (value, self->rows_skipped);
      break;
    case PROP_ROWS_PROCESSED:
      g_value_set_uint64 (value, self->rows_processed);
      break;
    case PROP_ROWS_FAILED:
      g_value_set_uint64 (value, self->rows_failed);
      break;
    case PROP_BYTES:
      g_value_set_uint64 (value, self->bytes);
      break;
    case PROP_BYTES_UPLOADED:
      g_value_set_uint64 (value, self->bytes_uploaded);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_load_job_class_init (FreightLoadJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = freight_load_job_finalize;
  object_class->get_property = freight_load_job_get_property;

  /** FreightLoadJob:part: the part's number, from 1 (part-0001.csv). */
  properties[PROP_PART] = g_param_spec_uint ("part", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /** FreightLoadJob:job-id: the ingest job's id, or %NULL before it is created. */
  properties[PROP_JOB_ID] = g_param_spec_string ("job-id", NULL, NULL, NULL, flags);
  /** FreightLoadJob:state: where the part and its job stand. */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FREIGHT_TYPE_LOAD_JOB_STATE,
                       FREIGHT_LOAD_JOB_STATE_PREPARING, flags);
  /** FreightLoadJob:rows: the rows the part sends. */
  properties[PROP_ROWS] = g_param_spec_uint64 ("rows", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /** FreightLoadJob:rows-skipped: the records of its range left out. */
  properties[PROP_ROWS_SKIPPED] =
    g_param_spec_uint64 ("rows-skipped", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /** FreightLoadJob:rows-processed: rows Salesforce processed (failed ones included). */
  properties[PROP_ROWS_PROCESSED] =
    g_param_spec_uint64 ("rows-processed", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /** FreightLoadJob:rows-failed: rows Salesforce rejected. */
  properties[PROP_ROWS_FAILED] =
    g_param_spec_uint64 ("rows-failed", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /** FreightLoadJob:bytes: the size of the part's upload. */
  properties[PROP_BYTES] = g_param_spec_uint64 ("bytes", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /** FreightLoadJob:bytes-uploaded: how much of it was sent. */
  properties[PROP_BYTES_UPLOADED] =
    g_param_spec_uint64 ("bytes-uploaded", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /** FreightLoadJob:error-message: why the job failed or was not sent, or %NULL. */
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_load_job_init (FreightLoadJob *self)
{
}

FreightLoadJob *
_freight_load_job_new (guint part)
{
  FreightLoadJob *self = g_object_new (FREIGHT_TYPE_LOAD_JOB, NULL);

  self->part = part;
  return self;
}

#define UPDATE_SCALAR(field, PROP)                                                 \
  if (self->field != status->field)                                               \
    {                                                                              \
      self->field = status->field;                                                 \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                \
    }

#define UPDATE_STRING(field, PROP)                                                 \
  if (g_strcmp0 (self->field, status->field) != 0)                                \
    {                                                                              \
      g_free (self->field);                                                        \
      self->field = g_strdup (status->field);                                      \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                \
    }

/* Takes the part's state from a snapshot of the run; main context only. */
void
_freight_load_job_update (FreightLoadJob          *self,
                          const FreightJobStatus  *status)
{
  g_object_freeze_notify (G_OBJECT (self));
  UPDATE_STRING (job_id, PROP_JOB_ID)
  UPDATE_SCALAR (state, PROP_STATE)
  UPDATE_SCALAR (rows, PROP_ROWS)
  UPDATE_SCALAR (rows_skipped, PROP_ROWS_SKIPPED)
  UPDATE_SCALAR (rows_processed, PROP_ROWS_PROCESSED)
  UPDATE_SCALAR (rows_failed, PROP_ROWS_FAILED)
  UPDATE_SCALAR (bytes, PROP_BYTES)
  UPDATE_SCALAR (bytes_uploaded, PROP_BYTES_UPLOADED)
  UPDATE_STRING (error_message, PROP_ERROR_MESSAGE)
  g_object_thaw_notify (G_OBJECT (self));
}

guint
freight_load_job_get_part (FreightLoadJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_JOB (self), 0);
  return self->part;
}

const char *
freight_load_job_get_job_id (FreightLoadJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_JOB (self), NULL);
  return self->job_id;
}

FreightLoadJobState
freight_load_job_get_state (FreightLoadJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_JOB (self), FREIGHT_LOAD_JOB_STATE_PREPARING);
  return self->state;
}

guint64
freight_load_job_get_rows (FreightLoadJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_JOB (self), 0);
  return self->rows;
}

guint64
freight_load_job_get_rows_skipped (FreightLoadJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_JOB (self), 0);
  return self->rows_skipped;
}

guint64
freight_load_job_get_rows_processed (FreightLoadJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_JOB (self), 0);
  return self->rows_processed;
}

guint64
freight_load_job_get_rows_failed (FreightLoadJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_JOB (self), 0);
  return self->rows_failed;
}

guint64
freight_load_job_get_bytes (FreightLoadJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_JOB (self), 0);
  return self->bytes;
}

guint64
freight_load_job_get_bytes_uploaded (FreightLoadJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_JOB (self), 0);
  return self->bytes_uploaded;
}

const char *
freight_load_job_get_error_message (FreightLoadJob *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_JOB (self), NULL);
  return self->error_message;
}
