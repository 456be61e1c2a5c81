/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-csv-index"

#include "config.h"

#include "freight-csv-index.h"
#include "freight-csv-reader-private.h"
#include "freight-csv-record.h"
#include "freight-csv-sniffer.h"

/* A GListModel of the records of a CSV file of any size, for previews.
 *
 * A worker thread reads the file once, structurally only (no conversion of fields), and
 * notes where every BLOCK_SIZE-th record starts (offset and line: 16 bytes per block, so
 * about 2 MB for 30 million rows). The main context polls its count ten times a second and
 * grows the model, copying the new checkpoints. It never waits for the worker's mutex while
 * counting: on a busy machine the worker may lose its CPU while it holds the mutex, and the
 * main loop would wait with it; a tick that finds the mutex taken tries again at the next. An item is read on demand: the reader seeks to the checkpoint of its
 * block and reads the block, which stays in a small cache of recent blocks.
 *
 * Worker and object share only a reference-counted State under a mutex: disposing of the
 * object cancels the worker, which then finishes on its own copy. */

#define BLOCK_SIZE       256
#define N_CACHED_BLOCKS  8
#define TICK_INTERVAL_MS 100
#define RANDOM_CHUNK     (64 * 1024)

typedef struct
{
  guint64 offset;
  guint64 line;
} Checkpoint;

typedef struct
{
  /* Set before the worker starts, then read-only. */
  GFile                 *file;
  FreightCsvDialect      dialect;
  gboolean               dialect_given;
  FreightCsvReaderFlags  flags;

  GMutex                 mutex;
  /* Under the mutex: */
  GArray                *checkpoints;    /* of Checkpoint, for records 1, 1 + BLOCK_SIZE, … */
  guint64                n_rows;
  char                 **column_names;
  gboolean               dialect_known;
} State;

typedef struct
{
  guint64    index;
  GPtrArray *records;
} Block;

struct _FreightCsvIndex
{
  GObject                parent_instance;

  GFile                 *file;
  State                 *state;
  GCancellable          *cancellable;
  GSource               *tick;

  guint64                n_rows_counted;
  gboolean               complete;
  GError                *error;
  char                 **column_names;
  FreightCsvDialect      dialect;
  gboolean               dialect_known;

  /* Random access, on the main thread. */
  GArray                *checkpoints;    /* the main context's copy of the State's */
  GFileInputStream      *stream;
  GQueue                 blocks;         /* of Block, most recently used first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FreightCsvIndex, freight_csv_index, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_FILE,
  PROP_N_ROWS_COUNTED,
  PROP_COMPLETE,
  PROP_ERROR,
  PROP_COLUMN_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
state_clear (State *state)
{
  g_clear_object (&state->file);
  g_mutex_clear (&state->mutex);
  g_clear_pointer (&state->checkpoints, g_array_unref);
  g_clear_pointer (&state->column_names, g_strfreev);
}

static void
state_unref (gpointer state)
{
  g_atomic_rc_box_release_full (state, (GDestroyNotify) state_clear);
}

static void
block_free (gpointer data)
{
  Block *block = data;

  g_ptr_array_unref (block->records);
  g_free (block);
}

/* The worker. */

static void
publish_count (State   *state,
               guint64  n_rows)
{
  g_mutex_lock (&state->mutex);
  state->n_rows = n_rows;
  g_mutex_unlock (&state->mutex);
}

/* Errors in the header's names do not keep the rows from being counted. */
static gboolean
header_error_is_fatal (const GError *error)
{
  return !freight_csv_error_is_row_level (error) &&
         !g_error_matches (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_EMPTY_HEADER) &&
         !g_error_matches (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_DUPLICATE_HEADER);
}

static void
count_rows (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  State *state = task_data;
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  FreightCsvDialect dialect = state->dialect;

  if (!state->dialect_given &&
      !freight_csv_sniff_file (state->file, &dialect, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_mutex_lock (&state->mutex);
  state->dialect = dialect;
  state->dialect_known = TRUE;
  g_mutex_unlock (&state->mutex);

  reader = freight_csv_reader_new_for_file (state->file, &dialect, state->flags,
                                            cancellable, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!freight_csv_reader_read_header (reader, cancellable, &error))
    {
      if (header_error_is_fatal (error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_clear_error (&error);
    }

  g_mutex_lock (&state->mutex);
  state->column_names = g_strdupv ((char **) freight_csv_reader_get_column_names (reader));
  g_mutex_unlock (&state->mutex);

  while (_freight_csv_reader_skip_row (reader, cancellable, &error))
    {
      guint64 record_number = freight_csv_reader_get_record_number (reader);

      if ((record_number - 1) % BLOCK_SIZE == 0)
        {
          Checkpoint checkpoint = {
            freight_csv_reader_get_offset (reader),
            freight_csv_reader_get_line (reader),
          };

          g_mutex_lock (&state->mutex);
          g_array_append_val (state->checkpoints, checkpoint);
          state->n_rows = record_number;
          g_mutex_unlock (&state->mutex);

          if (g_cancellable_is_cancelled (cancellable))
            break;
        }
    }

  publish_count (state, freight_csv_reader_get_record_number (reader));

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/* The main context. */

/* Takes over what the worker found so far; emits the changes. Unless @wait, gives up at
 * once when the worker holds the mutex. */
static void
update (FreightCsvIndex *self,
        gboolean         wait)
{
  State *state = self->state;
  guint64 n_rows;
  gboolean columns_changed = FALSE;
  guint64 old = self->n_rows_counted;

  if (wait)
    g_mutex_lock (&state->mutex);
  else if (!g_mutex_trylock (&state->mutex))
    return;
  n_rows = state->n_rows;
  if (state->checkpoints->len > self->checkpoints->len)
    g_array_append_vals (self->checkpoints,
                         &g_array_index (state->checkpoints, Checkpoint,
                                         self->checkpoints->len),
                         state->checkpoints->len - self->checkpoints->len);
  if (self->column_names == NULL && state->column_names != NULL)
    {
      self->column_names = g_strdupv (state->column_names);
      columns_changed = TRUE;
    }
  if (!self->dialect_known && state->dialect_known)
    {
      self->dialect = state->dialect;
      self->dialect_known = TRUE;
    }
  g_mutex_unlock (&state->mutex);

  if (columns_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN_NAMES]);

  if (n_rows != old)
    {
      guint old_items = MIN (old, G_MAXUINT);
      guint new_items = MIN (n_rows, G_MAXUINT);

      self->n_rows_counted = n_rows;
      if (new_items != old_items)
        g_list_model_items_changed (G_LIST_MODEL (self), old_items, 0, new_items - old_items);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ROWS_COUNTED]);
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  update (FREIGHT_CSV_INDEX (user_data), FALSE);
  return G_SOURCE_CONTINUE;
}

static void
count_rows_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(FreightCsvIndex) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);

  g_task_propagate_boolean (G_TASK (result), &error);
  if (self == NULL || self->state == NULL)
    return;

  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }

  g_object_freeze_notify (G_OBJECT (self));
  update (self, TRUE);
  self->complete = TRUE;
  if (error != NULL)
    {
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
start_counting (FreightCsvIndex *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->cancellable, count_rows_cb, weak);
  g_task_set_source_tag (task, start_counting);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (self->state), state_unref);
  g_task_run_in_thread (task, count_rows);

  self->tick = g_timeout_source_new (TICK_INTERVAL_MS);
  g_source_set_callback (self->tick, tick_cb, self, NULL);
  g_source_set_static_name (self->tick, "[freight] csv index progress");
  g_source_attach (self->tick, g_main_context_get_thread_default ());
}

/* Random access. */

static FreightCsvRecord *
record_from_reader (FreightCsvReader *reader,
                    const GError     *error)
{
  guint n = freight_csv_reader_get_n_fields (reader);
  g_autofree const char **fields = g_new (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    fields[i] = freight_csv_reader_get_field (reader, i, NULL);
  fields[n] = NULL;

  return freight_csv_record_new (freight_csv_reader_get_record_number (reader),
                                 freight_csv_reader_get_line (reader),
                                 freight_csv_reader_get_offset (reader),
                                 fields, n, error);
}

static Block *
load_block (FreightCsvIndex *self,
            guint64          index,
            GError         **error)
{
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *name = NULL;
  Checkpoint checkpoint;
  Block *block;

  g_assert (index < self->checkpoints->len);
  checkpoint = g_array_index (self->checkpoints, Checkpoint, index);

  if (self->stream == NULL)
    {
      self->stream = g_file_read (self->file, NULL, error);
      if (self->stream == NULL)
        return NULL;
    }
  if (!g_seekable_seek (G_SEEKABLE (self->stream), checkpoint.offset, G_SEEK_SET, NULL, error))
    return NULL;

  name = g_file_get_basename (self->file);
  reader = freight_csv_reader_new (G_INPUT_STREAM (self->stream), name, &self->dialect,
                                   self->state->flags);
  _freight_csv_reader_set_chunk_size (reader, RANDOM_CHUNK);
  _freight_csv_reader_start_at (reader, checkpoint.offset, checkpoint.line,
                                index * BLOCK_SIZE + 1,
                                (const char * const *) self->column_names);

  records = g_ptr_array_new_with_free_func (g_object_unref);
  while (records->len < BLOCK_SIZE)
    {
      g_autoptr(GError) row_error = NULL;

      if (!freight_csv_reader_next_row (reader, NULL, &row_error))
        {
          if (row_error == NULL)
            break;
          if (!freight_csv_error_is_row_level (row_error))
            {
              if (records->len == 0)
                {
                  g_propagate_error (error, g_steal_pointer (&row_error));
                  return NULL;
                }
              break;
            }
        }
      g_ptr_array_add (records, record_from_reader (reader, row_error));
    }

  block = g_new0 (Block, 1);
  block->index = index;
  block->records = g_steal_pointer (&records);
  return block;
}

static Block *
lookup_block (FreightCsvIndex *self,
              guint64          index)
{
  g_autoptr(GError) error = NULL;
  Block *block;

  for (GList *l = self->blocks.head; l != NULL; l = l->next)
    {
      block = l->data;
      if (block->index == index)
        {
          g_queue_unlink (&self->blocks, l);
          g_queue_push_head_link (&self->blocks, l);
          return block;
        }
    }

  block = load_block (self, index, &error);
  if (block == NULL)
    {
      /* The file changed or vanished since it was counted: the model has no item to give. */
      g_debug ("Cannot read block %" G_GUINT64_FORMAT " of the CSV index: %s",
               index, error->message);
      return NULL;
    }

  g_queue_push_head (&self->blocks, block);
  if (self->blocks.length > N_CACHED_BLOCKS)
    block_free (g_queue_pop_tail (&self->blocks));
  return block;
}

static GType
freight_csv_index_get_item_type (GListModel *model)
{
  return FREIGHT_TYPE_CSV_RECORD;
}

static guint
freight_csv_index_get_n_items (GListModel *model)
{
  FreightCsvIndex *self = FREIGHT_CSV_INDEX (model);

  return MIN (self->n_rows_counted, G_MAXUINT);
}

static gpointer
freight_csv_index_get_item (GListModel *model,
                            guint       position)
{
  FreightCsvIndex *self = FREIGHT_CSV_INDEX (model);
  Block *block;

  if (position >= self->n_rows_counted)
    return NULL;

  block = lookup_block (self, position / BLOCK_SIZE);
  if (block == NULL || position % BLOCK_SIZE >= block->records->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (block->records, position % BLOCK_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = freight_csv_index_get_item_type;
  iface->get_n_items = freight_csv_index_get_n_items;
  iface->get_item = freight_csv_index_get_item;
}

static void
freight_csv_index_dispose (GObject *object)
{
  FreightCsvIndex *self = (FreightCsvIndex *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }
  g_queue_clear_full (&self->blocks, block_free);
  g_clear_object (&self->stream);
  g_clear_pointer (&self->state, state_unref);

  G_OBJECT_CLASS (freight_csv_index_parent_class)->dispose (object);
}

static void
freight_csv_index_finalize (GObject *object)
{
  FreightCsvIndex *self = (FreightCsvIndex *) object;

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_clear_pointer (&self->column_names, g_strfreev);
  g_clear_pointer (&self->checkpoints, g_array_unref);

  G_OBJECT_CLASS (freight_csv_index_parent_class)->finalize (object);
}

static void
freight_csv_index_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FreightCsvIndex *self = FREIGHT_CSV_INDEX (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_N_ROWS_COUNTED:
      g_value_set_uint64 (value, self->n_rows_counted);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_COLUMN_NAMES:
      g_value_set_boxed (value, self->column_names);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_csv_index_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FreightCsvIndex *self = FREIGHT_CSV_INDEX (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_csv_index_class_init (FreightCsvIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = freight_csv_index_dispose;
  object_class->finalize = freight_csv_index_finalize;
  object_class->get_property = freight_csv_index_get_property;
  object_class->set_property = freight_csv_index_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ROWS_COUNTED] =
    g_param_spec_uint64 ("n-rows-counted", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COLUMN_NAMES] =
    g_param_spec_boxed ("column-names", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_csv_index_init (FreightCsvIndex *self)
{
  self->cancellable = g_cancellable_new ();
  self->checkpoints = g_array_new (FALSE, FALSE, sizeof (Checkpoint));
  g_queue_init (&self->blocks);
}

/**
 * freight_csv_index_new:
 * @file: a CSV file
 * @dialect: (nullable): its dialect, or %NULL to sniff it
 * @flags: #FreightCsvReaderFlags
 *
 * Starts counting the records of @file in a worker thread. The model grows while it
 * counts (items-changed ten times a second, on the thread-default main context of the
 * caller, which must run); #FreightCsvIndex:complete turns %TRUE at the end, and
 * #FreightCsvIndex:error holds the error that stopped the count early, if any. Rows with
 * row-level errors are items too: freight_csv_record_get_error() tells.
 *
 * Returns: (transfer full): a new #FreightCsvIndex
 */
FreightCsvIndex *
freight_csv_index_new (GFile                   *file,
                       const FreightCsvDialect *dialect,
                       FreightCsvReaderFlags    flags)
{
  FreightCsvIndex *self;
  State *state;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (FREIGHT_TYPE_CSV_INDEX,
                       "file", file,
                       NULL);

  state = g_atomic_rc_box_new0 (State);
  state->file = g_object_ref (file);
  g_mutex_init (&state->mutex);
  state->checkpoints = g_array_new (FALSE, FALSE, sizeof (Checkpoint));
  state->flags = flags;
  if (dialect != NULL)
    {
      state->dialect = *dialect;
      state->dialect_given = TRUE;
      self->dialect = *dialect;
      self->dialect_known = TRUE;
    }
  self->state = state;

  start_counting (self);
  return self;
}

GFile *
freight_csv_index_get_file (FreightCsvIndex *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_INDEX (self), NULL);

  return self->file;
}

/**
 * freight_csv_index_get_n_rows_counted:
 * @self: a #FreightCsvIndex
 *
 * Returns: the records counted so far (the model's items)
 */
guint64
freight_csv_index_get_n_rows_counted (FreightCsvIndex *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_INDEX (self), 0);

  return self->n_rows_counted;
}

gboolean
freight_csv_index_get_complete (FreightCsvIndex *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_INDEX (self), FALSE);

  return self->complete;
}

/**
 * freight_csv_index_get_error:
 * @self: a #FreightCsvIndex
 *
 * Returns: (nullable): the error that ended counting before the end of the file
 */
const GError *
freight_csv_index_get_error (FreightCsvIndex *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_INDEX (self), NULL);

  return self->error;
}

/**
 * freight_csv_index_get_column_names:
 * @self: a #FreightCsvIndex
 *
 * Returns: (nullable) (array zero-terminated=1): the header's column names, once the
 *   worker has read it (#FreightCsvIndex:column-names is notified then)
 */
const char * const *
freight_csv_index_get_column_names (FreightCsvIndex *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_INDEX (self), NULL);

  return (const char * const *) self->column_names;
}

/**
 * freight_csv_index_get_dialect:
 * @self: a #FreightCsvIndex
 * @dialect: (out): the dialect the file is read with
 *
 * Returns: %TRUE if the dialect is known (given, or sniffed by now)
 */
gboolean
freight_csv_index_get_dialect (FreightCsvIndex   *self,
                               FreightCsvDialect *dialect)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_INDEX (self), FALSE);
  g_return_val_if_fail (dialect != NULL, FALSE);

  if (!self->dialect_known)
    return FALSE;
  *dialect = self->dialect;
  return TRUE;
}
