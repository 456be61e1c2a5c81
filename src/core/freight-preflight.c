/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-preflight"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-preflight.h"
#include "freight-preflight-private.h"

/*
 * FreightPreflight: before any API call, streams the source file through the mapping plan
 * and its transforms on a worker thread and reports each problem with its row (record
 * number), line, column, field and a message.
 *
 * Memory does not grow with the file: problems are counted by kind and only the first of
 * each kind are listed; rows with errors go to a file; duplicate keys are found by an
 * external sort (FreightSpillSort) of (key, row) records with a bounded buffer, which
 * compares the keys themselves, so there is no hash to collide.
 */

#define DEFAULT_MEMORY_LIMIT (16 * 1024 * 1024)
#define PROGRESS_INTERVAL_MS 100

struct _FreightPreflight
{
  GObject              parent_instance;

  FreightMappingPlan  *plan;
  GFile               *file;
  FreightCsvDialect    dialect;
  gboolean             has_dialect;
  guint                max_problems_per_kind;
  GFile               *temp_directory;
  gsize                memory_limit;

  guint64              rows_checked;
  double               fraction;
  gboolean             running;
  guint                progress_source;
  FreightPreflightJob *job;
};

enum {
  PROP_0,
  PROP_PLAN,
  PROP_FILE,
  PROP_MAX_PROBLEMS_PER_KIND,
  PROP_ROWS_CHECKED,
  PROP_FRACTION,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FreightPreflight, freight_preflight, G_TYPE_OBJECT)

/* GObject */

static void
freight_preflight_finalize (GObject *object)
{
  FreightPreflight *self = (FreightPreflight *)object;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->job, _freight_preflight_job_unref);
  g_clear_pointer (&self->plan, freight_mapping_plan_unref);
  g_clear_object (&self->file);
  g_clear_object (&self->temp_directory);

  G_OBJECT_CLASS (freight_preflight_parent_class)->finalize (object);
}

static void
freight_preflight_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FreightPreflight *self = FREIGHT_PREFLIGHT (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_boxed (value, self->plan);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MAX_PROBLEMS_PER_KIND:
      g_value_set_uint (value, self->max_problems_per_kind);
      break;

    case PROP_ROWS_CHECKED:
      g_value_set_uint64 (value, self->rows_checked);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_preflight_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FreightPreflight *self = FREIGHT_PREFLIGHT (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      self->plan = g_value_dup_boxed (value);
      break;

    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    case PROP_MAX_PROBLEMS_PER_KIND:
      freight_preflight_set_max_problems_per_kind (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_preflight_class_init (FreightPreflightClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_preflight_finalize;
  object_class->get_property = freight_preflight_get_property;
  object_class->set_property = freight_preflight_set_property;

  properties[PROP_PLAN] =
    g_param_spec_boxed ("plan", NULL, NULL, FREIGHT_TYPE_MAPPING_PLAN,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_PROBLEMS_PER_KIND] =
    g_param_spec_uint ("max-problems-per-kind", NULL, NULL, 0, G_MAXUINT,
                       FREIGHT_PREFLIGHT_DEFAULT_MAX_PROBLEMS_PER_KIND,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Rows read so far by the running check, updated a few times a second. */
  properties[PROP_ROWS_CHECKED] =
    g_param_spec_uint64 ("rows-checked", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How much of the file the running check has read, from 0 to 1. */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_preflight_init (FreightPreflight *self)
{
  self->max_problems_per_kind = FREIGHT_PREFLIGHT_DEFAULT_MAX_PROBLEMS_PER_KIND;
  self->memory_limit = DEFAULT_MEMORY_LIMIT;
}

/**
 * freight_preflight_new:
 * @plan: the mapping plan, compiled for @file’s header
 * @file: the source CSV file
 * @dialect: (nullable): its dialect, or %NULL to sniff it
 *
 * Returns: (transfer full): a pre-flight check, ready to run
 */
FreightPreflight *
freight_preflight_new (FreightMappingPlan      *plan,
                       GFile                   *file,
                       const FreightCsvDialect *dialect)
{
  FreightPreflight *self;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (FREIGHT_TYPE_PREFLIGHT, "plan", plan, "file", file, NULL);
  if (dialect != NULL)
    {
      self->dialect = *dialect;
      self->has_dialect = TRUE;
    }
  return self;
}

/**
 * freight_preflight_get_plan:
 * @self: a pre-flight check
 *
 * Returns: (transfer none): the mapping plan it applies
 */
FreightMappingPlan *
freight_preflight_get_plan (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), NULL);

  return self->plan;
}

/**
 * freight_preflight_get_file:
 * @self: a pre-flight check
 *
 * Returns: (transfer none): the source file
 */
GFile *
freight_preflight_get_file (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), NULL);

  return self->file;
}

guint
freight_preflight_get_max_problems_per_kind (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), 0);

  return self->max_problems_per_kind;
}

/**
 * freight_preflight_set_max_problems_per_kind:
 * @self: a pre-flight check
 * @max: how many problems of each kind the result lists; it counts them all
 */
void
freight_preflight_set_max_problems_per_kind (FreightPreflight *self,
                                             guint             max)
{
  g_return_if_fail (FREIGHT_IS_PREFLIGHT (self));

  if (self->max_problems_per_kind == max)
    return;
  self->max_problems_per_kind = max;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PROBLEMS_PER_KIND]);
}

/**
 * freight_preflight_get_temp_directory:
 * @self: a pre-flight check
 *
 * Returns: (transfer none) (nullable): where the check keeps its files, or %NULL for the
 *   system’s temporary folder
 */
GFile *
freight_preflight_get_temp_directory (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), NULL);

  return self->temp_directory;
}

/**
 * freight_preflight_set_temp_directory:
 * @self: a pre-flight check
 * @directory: (nullable): a local folder for the check’s files (sorted keys, rows with
 *   errors); the result keeps its files there until it is finalized
 */
void
freight_preflight_set_temp_directory (FreightPreflight *self,
                                      GFile            *directory)
{
  g_return_if_fail (FREIGHT_IS_PREFLIGHT (self));
  g_return_if_fail (directory == NULL || G_IS_FILE (directory));

  g_set_object (&self->temp_directory, directory);
}

gsize
freight_preflight_get_memory_limit (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), 0);

  return self->memory_limit;
}

/**
 * freight_preflight_set_memory_limit:
 * @self: a pre-flight check
 * @limit: bytes the duplicate-key sort may hold before it spills to disk
 */
void
freight_preflight_set_memory_limit (FreightPreflight *self,
                                    gsize             limit)
{
  g_return_if_fail (FREIGHT_IS_PREFLIGHT (self));

  self->memory_limit = limit;
}

guint64
freight_preflight_get_rows_checked (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), 0);

  return self->rows_checked;
}

double
freight_preflight_get_fraction (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), 0);

  return self->fraction;
}

gboolean
freight_preflight_get_running (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), FALSE);

  return self->running;
}

/* Running */

static FreightPreflightJob *
job_new (FreightPreflight *self)
{
  FreightPreflightJob *job = g_new0 (FreightPreflightJob, 1);

  g_atomic_ref_count_init (&job->ref_count);
  job->plan = freight_mapping_plan_ref (self->plan);
  job->file = g_object_ref (self->file);
  job->dialect = self->dialect;
  job->has_dialect = self->has_dialect;
  job->max_problems_per_kind = self->max_problems_per_kind;
  job->memory_limit = self->memory_limit;
  job->temp_directory = self->temp_directory != NULL
                        ? g_file_get_path (self->temp_directory)
                        : g_strdup (g_get_tmp_dir ());
  return job;
}

static void
update_progress (FreightPreflight *self)
{
  guint64 rows;
  double fraction;

  if (self->job == NULL)
    return;
  rows = (gsize) g_atomic_pointer_get (&self->job->rows);
  fraction = (gsize) g_atomic_pointer_get (&self->job->permille) / 1000.0;
  if (rows != self->rows_checked)
    {
      self->rows_checked = rows;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROWS_CHECKED]);
    }
  if (fraction != self->fraction)
    {
      self->fraction = CLAMP (fraction, 0, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
}

static gboolean
on_progress (gpointer user_data)
{
  update_progress (FREIGHT_PREFLIGHT (user_data));
  return G_SOURCE_CONTINUE;
}

static void
set_running (FreightPreflight *self,
             gboolean          running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  FreightPreflightResult *result = _freight_preflight_run_job (task_data, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

/**
 * freight_preflight_run_async:
 * @self: a pre-flight check that is not running
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when the check is done
 * @user_data: data for @callback
 *
 * Checks the file on a worker thread. #FreightPreflight:rows-checked and
 * #FreightPreflight:fraction follow its progress in the calling thread’s main context.
 */
void
freight_preflight_run_async (FreightPreflight    *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSource) source = NULL;

  g_return_if_fail (FREIGHT_IS_PREFLIGHT (self));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_preflight_run_async);
  g_clear_pointer (&self->job, _freight_preflight_job_unref);
  self->job = job_new (self);
  g_task_set_task_data (task, _freight_preflight_job_ref (self->job),
                        (GDestroyNotify) _freight_preflight_job_unref);

  set_running (self, TRUE);
  source = g_timeout_source_new (PROGRESS_INTERVAL_MS);
  g_source_set_callback (source, on_progress, self, NULL);
  g_source_set_static_name (source, "[freight] pre-flight progress");
  self->progress_source = g_source_attach (source, g_main_context_get_thread_default ());

  g_task_run_in_thread (task, run_thread);
}

/**
 * freight_preflight_run_finish:
 * @self: a pre-flight check
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error: reading the file (#G_IO_ERROR, #FREIGHT_CSV_ERROR
 *   for a file that cannot be read as CSV), a header that is not the plan’s
 *   (#FREIGHT_MAPPING_ERROR), or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the result, or %NULL
 */
FreightPreflightResult *
freight_preflight_run_finish (FreightPreflight  *self,
                              GAsyncResult      *result,
                              GError           **error)
{
  FreightPreflightResult *ret;

  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == freight_preflight_run_async,
                        NULL);

  g_clear_handle_id (&self->progress_source, g_source_remove);
  update_progress (self);
  set_running (self, FALSE);
  ret = g_task_propagate_pointer (G_TASK (result), error);
  return ret;
}

/**
 * freight_preflight_run:
 * @self: a pre-flight check that is not running
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error, as for freight_preflight_run_finish()
 *
 * Checks the file in the calling thread (for the command line and tests).
 *
 * Returns: (transfer full): the result, or %NULL
 */
FreightPreflightResult *
freight_preflight_run (FreightPreflight  *self,
                       GCancellable      *cancellable,
                       GError           **error)
{
  FreightPreflightResult *result;

  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), NULL);
  g_return_val_if_fail (!self->running, NULL);

  g_clear_pointer (&self->job, _freight_preflight_job_unref);
  self->job = job_new (self);
  set_running (self, TRUE);
  result = _freight_preflight_run_job (self->job, cancellable, error);
  update_progress (self);
  set_running (self, FALSE);
  return result;
}
