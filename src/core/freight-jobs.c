/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-jobs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-bulk-client.h"
#include "freight-jobs.h"
#include "freight-jobs-private.h"
#include "freight-org-session.h"

/* The org's Bulk jobs, of any tool (design.md §1.9): a GListModel of FreightBulkJob for
 * the app's jobs page and `freight-cli jobs`, newest first, filtered by state, object and
 * kind. A refresh lists every page of ingest and query jobs and merges them in: a job
 * already in the model is updated in place (its properties notify), new jobs appear and
 * jobs the org no longer lists go away.
 *
 * Showing, aborting and deleting a job, and downloading its result files, go through the
 * model too, so that the list follows. The network work of the _async calls runs on a
 * worker thread; the model changes in the main context of the thread that made it, where
 * the sync calls must be made as well. */

struct _FreightJobs
{
  GObject              parent_instance;

  FreightBulkClient   *client;
  GPtrArray           *all;        /* FreightBulkJob, unfiltered */
  GHashTable          *by_id;      /* id -> FreightBulkJob in all */
  GPtrArray           *items;      /* the filtered, sorted view */

  FreightBulkJobState  state_filter;
  char                *object_filter;
  gboolean             show_ingest;
  gboolean             show_query;
  guint                loading;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FreightJobs, freight_jobs, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STATE_FILTER,
  PROP_OBJECT_FILTER,
  PROP_SHOW_INGEST,
  PROP_SHOW_QUERY,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GListModel ------------------------------------------------------------------------ */

static GType
list_model_get_item_type (GListModel *model)
{
  return FREIGHT_TYPE_BULK_JOB;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return FREIGHT_JOBS (model)->items->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  FreightJobs *self = FREIGHT_JOBS (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

/* The view --------------------------------------------------------------------------- */

static gboolean
matches (FreightJobs    *self,
         FreightBulkJob *job)
{
  FreightBulkJobKind kind = freight_bulk_job_get_kind (job);

  if (kind == FREIGHT_BULK_JOB_KIND_INGEST && !self->show_ingest)
    return FALSE;
  if (kind == FREIGHT_BULK_JOB_KIND_QUERY && !self->show_query)
    return FALSE;
  if (self->state_filter != FREIGHT_BULK_JOB_STATE_UNKNOWN
      && freight_bulk_job_get_state (job) != self->state_filter)
    return FALSE;
  if (self->object_filter != NULL
      && g_ascii_strcasecmp (self->object_filter,
                             freight_bulk_job_get_object (job) != NULL
                             ? freight_bulk_job_get_object (job) : "") != 0)
    return FALSE;
  return TRUE;
}

/* Newest first; jobs created in the same millisecond by id. */
static int
compare_jobs (gconstpointer a,
              gconstpointer b)
{
  FreightBulkJob *x = *(FreightBulkJob **) a;
  FreightBulkJob *y = *(FreightBulkJob **) b;
  GDateTime *dx = freight_bulk_job_get_created_date (x);
  GDateTime *dy = freight_bulk_job_get_created_date (y);

  if (dx != NULL && dy != NULL && !g_date_time_equal (dx, dy))
    return g_date_time_compare (dy, dx);
  if ((dx == NULL) != (dy == NULL))
    return dx != NULL ? -1 : 1;
  return -g_strcmp0 (freight_bulk_job_get_id (x), freight_bulk_job_get_id (y));
}

/* Rebuilds the view; tells the list only what changed, as one replaced range. */
void
_freight_jobs_rebuild (FreightJobs *self)
{
  g_autoptr(GPtrArray) view = g_ptr_array_new_with_free_func (g_object_unref);
  guint old_len = self->items->len;
  guint first = 0;
  guint tail = 0;

  for (guint i = 0; i < self->all->len; i++)
    if (matches (self, g_ptr_array_index (self->all, i)))
      g_ptr_array_add (view, g_object_ref (g_ptr_array_index (self->all, i)));
  g_ptr_array_sort (view, compare_jobs);

  while (first < old_len && first < view->len
         && g_ptr_array_index (self->items, first) == g_ptr_array_index (view, first))
    first++;
  if (first == old_len && first == view->len)
    return;
  while (tail < old_len - first && tail < view->len - first
         && g_ptr_array_index (self->items, old_len - 1 - tail)
            == g_ptr_array_index (view, view->len - 1 - tail))
    tail++;

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&view);
  g_list_model_items_changed (G_LIST_MODEL (self), first, old_len - first - tail,
                              self->items->len - first - tail);
  if (old_len != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Merges a fresh description in; returns the model's own job. */
FreightBulkJob *
_freight_jobs_merge_job (FreightJobs    *self,
                         FreightBulkJob *job)
{
  FreightBulkJob *known = g_hash_table_lookup (self->by_id, freight_bulk_job_get_id (job));

  if (known != NULL)
    {
      freight_bulk_job_update (known, job);
      return known;
    }
  g_ptr_array_add (self->all, g_object_ref (job));
  g_hash_table_insert (self->by_id, (gpointer) freight_bulk_job_get_id (job), job);
  return job;
}

void
_freight_jobs_forget_job (FreightJobs *self,
                          const char  *job_id)
{
  FreightBulkJob *known = g_hash_table_lookup (self->by_id, job_id);

  if (known == NULL)
    return;
  g_hash_table_remove (self->by_id, job_id);
  g_ptr_array_remove (self->all, known);
}

/* A full listing: updates what is known, adds what is new, drops what is gone. */
void
_freight_jobs_apply_listing (FreightJobs *self,
                             GPtrArray   *jobs)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < jobs->len; i++)
    {
      FreightBulkJob *job = _freight_jobs_merge_job (self, g_ptr_array_index (jobs, i));

      g_hash_table_add (listed, (gpointer) freight_bulk_job_get_id (job));
    }
  for (guint i = 0; i < self->all->len; i++)
    {
      const char *id = freight_bulk_job_get_id (g_ptr_array_index (self->all, i));

      if (!g_hash_table_contains (listed, id))
        g_ptr_array_add (gone, g_strdup (id));
    }
  for (guint i = 0; i < gone->len; i++)
    _freight_jobs_forget_job (self, g_ptr_array_index (gone, i));
  _freight_jobs_rebuild (self);
}

/* The object -------------------------------------------------------------------------- */

static void
freight_jobs_finalize (GObject *object)
{
  FreightJobs *self = FREIGHT_JOBS (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->object_filter, g_free);

  G_OBJECT_CLASS (freight_jobs_parent_class)->finalize (object);
}

static void
freight_jobs_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FreightJobs *self = FREIGHT_JOBS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, freight_bulk_client_get_session (self->client));
      break;
    case PROP_STATE_FILTER:
      g_value_set_enum (value, self->state_filter);
      break;
    case PROP_OBJECT_FILTER:
      g_value_set_string (value, self->object_filter);
      break;
    case PROP_SHOW_INGEST:
      g_value_set_boolean (value, self->show_ingest);
      break;
    case PROP_SHOW_QUERY:
      g_value_set_boolean (value, self->show_query);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading > 0);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_jobs_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FreightJobs *self = FREIGHT_JOBS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->client = freight_bulk_client_new (g_value_get_object (value));
      break;
    case PROP_STATE_FILTER:
      freight_jobs_set_state_filter (self, g_value_get_enum (value));
      break;
    case PROP_OBJECT_FILTER:
      freight_jobs_set_object_filter (self, g_value_get_string (value));
      break;
    case PROP_SHOW_INGEST:
      freight_jobs_set_show_ingest (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_QUERY:
      freight_jobs_set_show_query (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_jobs_class_init (FreightJobsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                          | G_PARAM_STATIC_STRINGS);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = freight_jobs_finalize;
  object_class->get_property = freight_jobs_get_property;
  object_class->set_property = freight_jobs_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FREIGHT_TYPE_ORG_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                          | G_PARAM_STATIC_STRINGS));
  /** FreightJobs:state-filter: only jobs in this state; Unknown for every state */
  properties[PROP_STATE_FILTER] =
    g_param_spec_enum ("state-filter", NULL, NULL, FREIGHT_TYPE_BULK_JOB_STATE,
                       FREIGHT_BULK_JOB_STATE_UNKNOWN, rw);
  /** FreightJobs:object-filter: only jobs on this object (any case); %NULL for all */
  properties[PROP_OBJECT_FILTER] =
    g_param_spec_string ("object-filter", NULL, NULL, NULL, rw);
  properties[PROP_SHOW_INGEST] = g_param_spec_boolean ("show-ingest", NULL, NULL, TRUE, rw);
  properties[PROP_SHOW_QUERY] = g_param_spec_boolean ("show-query", NULL, NULL, TRUE, rw);
  /** FreightJobs:loading: a refresh is under way */
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_jobs_init (FreightJobs *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->show_ingest = TRUE;
  self->show_query = TRUE;
}

/**
 * freight_jobs_new:
 * @session: the org session
 *
 * Returns: (transfer full): an empty model; freight_jobs_refresh() fills it
 */
FreightJobs *
freight_jobs_new (FreightOrgSession *session)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);

  return g_object_new (FREIGHT_TYPE_JOBS, "session", session, NULL);
}

/**
 * freight_jobs_get_client:
 * @self: a model
 *
 * Returns: (transfer none): its Bulk client
 */
FreightBulkClient *
freight_jobs_get_client (FreightJobs *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOBS (self), NULL);
  return self->client;
}

FreightBulkJobState
freight_jobs_get_state_filter (FreightJobs *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOBS (self), FREIGHT_BULK_JOB_STATE_UNKNOWN);
  return self->state_filter;
}

/**
 * freight_jobs_set_state_filter:
 * @self: a model
 * @state: the state of the jobs to show, or %FREIGHT_BULK_JOB_STATE_UNKNOWN for all
 */
void
freight_jobs_set_state_filter (FreightJobs         *self,
                               FreightBulkJobState  state)
{
  g_return_if_fail (FREIGHT_IS_JOBS (self));

  if (self->state_filter == state)
    return;
  self->state_filter = state;
  _freight_jobs_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_FILTER]);
}

const char *
freight_jobs_get_object_filter (FreightJobs *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOBS (self), NULL);
  return self->object_filter;
}

/**
 * freight_jobs_set_object_filter:
 * @self: a model
 * @object: (nullable): the object of the jobs to show (any case), %NULL or "" for all
 */
void
freight_jobs_set_object_filter (FreightJobs *self,
                                const char  *object)
{
  g_return_if_fail (FREIGHT_IS_JOBS (self));

  if (object != NULL && *object == '\0')
    object = NULL;
  if (g_strcmp0 (self->object_filter, object) == 0)
    return;
  g_free (self->object_filter);
  self->object_filter = g_strdup (object);
  _freight_jobs_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECT_FILTER]);
}

gboolean
freight_jobs_get_show_ingest (FreightJobs *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOBS (self), FALSE);
  return self->show_ingest;
}

void
freight_jobs_set_show_ingest (FreightJobs *self,
                              gboolean     show)
{
  g_return_if_fail (FREIGHT_IS_JOBS (self));

  show = !!show;
  if (self->show_ingest == show)
    return;
  self->show_ingest = show;
  _freight_jobs_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_INGEST]);
}

gboolean
freight_jobs_get_show_query (FreightJobs *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOBS (self), FALSE);
  return self->show_query;
}

void
freight_jobs_set_show_query (FreightJobs *self,
                             gboolean     show)
{
  g_return_if_fail (FREIGHT_IS_JOBS (self));

  show = !!show;
  if (self->show_query == show)
    return;
  self->show_query = show;
  _freight_jobs_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_QUERY]);
}

gboolean
freight_jobs_get_loading (FreightJobs *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOBS (self), FALSE);
  return self->loading > 0;
}

/**
 * freight_jobs_get_n_all:
 * @self: a model
 *
 * Returns: how many jobs the model knows, filtered or not
 */
guint
freight_jobs_get_n_all (FreightJobs *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOBS (self), 0);
  return self->all->len;
}

/**
 * freight_jobs_count_unfinished:
 * @self: a model
 *
 * What a monitor needs to know to keep polling: jobs the org is still working on (or
 * that still take data), filtered out or not.
 *
 * Returns: how many of the jobs the model knows are not in a final state
 */
guint
freight_jobs_count_unfinished (FreightJobs *self)
{
  guint n = 0;

  g_return_val_if_fail (FREIGHT_IS_JOBS (self), 0);

  for (guint i = 0; i < self->all->len; i++)
    if (!freight_bulk_job_is_terminal (g_ptr_array_index (self->all, i)))
      n++;
  return n;
}

/**
 * freight_jobs_lookup:
 * @self: a model
 * @job_id: a job id
 *
 * Returns: (transfer none) (nullable): the job, filtered out or not, if the model has it
 */
FreightBulkJob *
freight_jobs_lookup (FreightJobs *self,
                     const char  *job_id)
{
  g_return_val_if_fail (FREIGHT_IS_JOBS (self), NULL);
  return job_id != NULL ? g_hash_table_lookup (self->by_id, job_id) : NULL;
}

/* Shared with freight-jobs-ops.c ------------------------------------------------------ */

void
_freight_jobs_set_loading (FreightJobs *self,
                           gboolean     loading)
{
  gboolean was = self->loading > 0;

  if (loading)
    self->loading++;
  else
    self->loading--;
  if (was != (self->loading > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

