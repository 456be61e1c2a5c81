/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-jobs"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "freight.h"
#include "lo-ingest.h"
#include "lo-jobs.h"
#include "lo-query-job.h"

/* Two workers: a long ingest job does not hold up a query job, and the two cores of a
 * small machine stay busy. SQLite serializes their writes. */
#define N_WORKERS 2

struct _LoJobs
{
  GObject          parent_instance;

  const LoConfig  *config;
  LoCounters      *counters;
  LoSchema        *schema;
  LoStore         *store;       /* the HTTP side's connection: numbers the jobs */
  char            *db_path;
  char            *jobs_dir;
  GHashTable      *jobs;        /* 15-char id -> LoJob */
  GPtrArray       *order;       /* LoJob, by creation */
  GThreadPool     *pool;
  GMutex           lock;        /* jobs, order */
  gint             stopping;
};

G_DEFINE_TYPE (LoJobs, lo_jobs, G_TYPE_OBJECT)

static void
context_free (gpointer data)
{
  LoJobContext *context = data;

  g_clear_object (&context->store);
  g_free (context);
}

/* Each worker thread's context. The pool's threads are exclusive, so a thread serves
 * one LoJobs, and the destructor runs when the pool ends. */
static GPrivate context_key = G_PRIVATE_INIT (context_free);

static void
lo_jobs_finalize (GObject *object)
{
  LoJobs *self = LO_JOBS (object);

  lo_jobs_shutdown (self);
  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->schema, lo_schema_unref);
  g_clear_object (&self->store);
  g_free (self->db_path);
  g_free (self->jobs_dir);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (lo_jobs_parent_class)->finalize (object);
}

static void
lo_jobs_class_init (LoJobsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lo_jobs_finalize;
}

static void
lo_jobs_init (LoJobs *self)
{
  g_mutex_init (&self->lock);
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->order = g_ptr_array_new ();
}

/* Runs on a worker thread. A worker's thread-private LoStore lives as long as the pool:
 * the pool's threads are exclusive, so their GPrivate destructors run at shutdown. */
static void
run_job (gpointer data,
         gpointer user_data)
{
  g_autoptr(LoJob) job = data;
  LoJobs *self = user_data;
  LoJobContext *context = g_private_get (&context_key);

  if (context == NULL)
    {
      g_autoptr(GError) error = NULL;

      context = g_new0 (LoJobContext, 1);
      context->config = self->config;
      context->counters = self->counters;
      context->stopping = &self->stopping;
      context->store = lo_store_open (self->db_path, self->schema, &error);
      if (context->store == NULL)
        {
          g_critical ("The job worker cannot open the database: %s", error->message);
          g_free (context);
          lo_job_set_state (job, LO_JOB_FAILED, "InternalServerError : database unavailable");
          return;
        }
      g_private_replace (&context_key, context);
    }

  if (job->deleted || g_atomic_int_get (&self->stopping))
    return;
  lo_job_set_busy (job, TRUE);
  if (job->kind == LO_JOB_INGEST)
    lo_ingest_run (job, context);
  else
    lo_query_job_run (job, context);
  lo_job_save (job, NULL);
  lo_job_set_busy (job, FALSE);
}

static void
load_jobs (LoJobs *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->jobs_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->jobs_dir, name, NULL);
      g_autoptr(GError) error = NULL;
      LoJob *job = lo_job_load (path, &error);

      if (job == NULL)
        {
          g_warning ("Skipping the job in %s: %s", path, error->message);
          continue;
        }
      g_hash_table_insert (self->jobs, g_strndup (job->id, 15), job);
      g_ptr_array_add (self->order, job);
    }
}

static int
compare_created (gconstpointer a,
                 gconstpointer b)
{
  LoJob *ja = *(LoJob **) a;
  LoJob *jb = *(LoJob **) b;

  return strcmp (ja->id, jb->id);
}

LoJobs *
lo_jobs_new (const LoConfig  *config,
             LoCounters      *counters,
             LoSchema        *schema,
             LoStore         *store,
             const char      *db_path,
             const char      *jobs_dir,
             GError         **error)
{
  g_autoptr(LoJobs) self = g_object_new (LO_TYPE_JOBS, NULL);

  self->config = config;
  self->counters = counters;
  self->schema = lo_schema_ref (schema);
  self->store = g_object_ref (store);
  self->db_path = g_strdup (db_path);
  self->jobs_dir = g_strdup (jobs_dir);
  if (g_mkdir_with_parents (jobs_dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "Cannot create %s: %s", jobs_dir, g_strerror (errno));
      return NULL;
    }
  self->pool = g_thread_pool_new (run_job, self, N_WORKERS, TRUE, error);
  if (self->pool == NULL)
    return NULL;

  load_jobs (self);
  g_ptr_array_sort (self->order, compare_created);
  /* A restart interrupts the jobs that were running. Jobs waiting for a worker run now;
   * one caught in the middle fails rather than risk inserting its rows twice. */
  for (guint i = 0; i < self->order->len; i++)
    {
      LoJob *job = g_ptr_array_index (self->order, i);

      if (job->state == LO_JOB_IN_PROGRESS)
        {
          lo_job_set_state (job, LO_JOB_FAILED,
                            "InternalServerError : the org restarted while the job ran");
          lo_job_save (job, NULL);
        }
      else if (job->state == LO_JOB_UPLOAD_COMPLETE)
        lo_jobs_submit (self, job);
    }
  return g_steal_pointer (&self);
}

LoJob *
lo_jobs_create (LoJobs     *self,
                LoJobKind   kind,
                GError    **error)
{
  char id[19];
  g_autofree char *dir = NULL;
  g_autoptr(LoJob) job = NULL;

  g_return_val_if_fail (LO_IS_JOBS (self), NULL);

  lo_store_next_id (self->store, "750", id);
  if (!lo_store_save_sequences (self->store, error))
    return NULL;
  dir = g_build_filename (self->jobs_dir, id, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "Cannot create %s: %s", dir, g_strerror (errno));
      return NULL;
    }
  job = lo_job_new (kind, id, dir);
  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->jobs, g_strndup (id, 15), g_object_ref (job));
  g_ptr_array_add (self->order, job);
  g_mutex_unlock (&self->lock);
  if (kind == LO_JOB_INGEST)
    g_atomic_int_inc (&self->counters->ingest_jobs);
  else
    g_atomic_int_inc (&self->counters->query_jobs);
  return g_steal_pointer (&job);
}

/**
 * lo_jobs_lookup:
 * @id: a 15- or 18-character job id, as the URL carries it
 *
 * Returns: (transfer full) (nullable): the job, if it exists and is of @kind.
 */
LoJob *
lo_jobs_lookup (LoJobs     *self,
                LoJobKind   kind,
                const char *id)
{
  char key[16];
  LoJob *job;

  g_return_val_if_fail (LO_IS_JOBS (self), NULL);

  if (id == NULL || !freight_sf_id_is_valid (id, -1))
    return NULL;
  memcpy (key, id, 15);
  key[15] = '\0';
  g_mutex_lock (&self->lock);
  job = g_hash_table_lookup (self->jobs, key);
  if (job != NULL && (job->kind != kind || job->deleted))
    job = NULL;
  if (job != NULL)
    g_object_ref (job);
  g_mutex_unlock (&self->lock);
  return job;
}

/* Returns: (transfer container): the jobs of @kind, oldest first, each referenced. */
GPtrArray *
lo_jobs_list (LoJobs    *self,
              LoJobKind  kind)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (LO_IS_JOBS (self), list);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->order->len; i++)
    {
      LoJob *job = g_ptr_array_index (self->order, i);

      if (job->kind == kind && !job->deleted)
        g_ptr_array_add (list, g_object_ref (job));
    }
  g_mutex_unlock (&self->lock);
  return list;
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  return g_rmdir (path) == 0;
}

/* Deletes the job's data and metadata; a worker that still holds it skips it. */
void
lo_jobs_delete (LoJobs *self,
                LoJob  *job)
{
  char key[16];

  g_return_if_fail (LO_IS_JOBS (self));

  g_mutex_lock (&job->lock);
  job->deleted = TRUE;
  g_mutex_unlock (&job->lock);
  memcpy (key, job->id, 15);
  key[15] = '\0';
  g_mutex_lock (&self->lock);
  g_ptr_array_remove (self->order, job);
  g_object_ref (job);
  g_hash_table_remove (self->jobs, key);
  g_mutex_unlock (&self->lock);
  remove_tree (job->dir);
  g_object_unref (job);
}

void
lo_jobs_submit (LoJobs *self,
                LoJob  *job)
{
  g_return_if_fail (LO_IS_JOBS (self));

  lo_job_save (job, NULL);
  g_thread_pool_push (self->pool, g_object_ref (job), NULL);
}

/* Stops taking jobs and waits for the running ones; queued ones stay UploadComplete and
 * run after the next start. */
void
lo_jobs_shutdown (LoJobs *self)
{
  g_return_if_fail (LO_IS_JOBS (self));

  g_atomic_int_set (&self->stopping, TRUE);
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
}
