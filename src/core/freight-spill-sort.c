/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-spill-sort"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "freight-preflight-private.h"

/* Runs merged at once; more are first merged into one. */
#define MAX_RUNS 64
#define IO_BUFFER_SIZE (64 * 1024)
#define HEADER_SIZE 8

typedef struct
{
  char       *path;
  FILE       *file;
  GByteArray *record;           /* the current record, header included */
  gboolean    done;
  guint       order;            /* run age, for stable merging */
} Run;

struct _FreightSpillSort
{
  char       *dir;
  char       *name;
  gsize       memory_limit;
  GByteArray *buffer;
  GArray     *offsets;          /* guint64 offsets of records in buffer */
  GPtrArray  *runs;             /* of Run, written and closed */
  guint       n_runs_made;

  /* reading */
  gboolean    finished;
  guint       next_in_buffer;
  GPtrArray  *heap;             /* of Run, min-heap on the current record */
};

static void
run_free (gpointer data)
{
  Run *run = data;

  if (run->file != NULL)
    fclose (run->file);
  if (run->path != NULL)
    g_unlink (run->path);
  g_free (run->path);
  if (run->record != NULL)
    g_byte_array_unref (run->record);
  g_free (run);
}

static guint32
get_u32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
put_u32 (guint8  *p,
         guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static int
compare_records (const guint8 *a,
                 const guint8 *b)
{
  guint32 la = get_u32 (a);
  guint32 lb = get_u32 (b);
  int c = memcmp (a + HEADER_SIZE, b + HEADER_SIZE, MIN (la, lb));

  if (c != 0)
    return c;
  return la < lb ? -1 : la > lb ? 1 : 0;
}

static gboolean
io_error (GError     **error,
          const char  *path,
          int          saved_errno)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Pre-flight could not use its temporary file %s: %s. Free some disk space "
                 "or choose another folder for temporary files."),
               path, g_strerror (saved_errno));
  return FALSE;
}

FreightSpillSort *
_freight_spill_sort_new (const char *dir,
                         const char *name,
                         gsize       memory_limit)
{
  FreightSpillSort *self = g_new0 (FreightSpillSort, 1);

  self->dir = g_strdup (dir);
  self->name = g_strdup (name);
  self->memory_limit = MAX (memory_limit, 4096);
  self->buffer = g_byte_array_new ();
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->runs = g_ptr_array_new_with_free_func (run_free);
  return self;
}

void
_freight_spill_sort_free (FreightSpillSort *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->heap, g_ptr_array_unref);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_byte_array_unref (self->buffer);
  g_array_unref (self->offsets);
  g_free (self->dir);
  g_free (self->name);
  g_free (self);
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const guint8 *data = user_data;
  guint64 oa = *(const guint64 *) a;
  guint64 ob = *(const guint64 *) b;
  int c = compare_records (data + oa, data + ob);

  /* Stable: earlier records first. */
  if (c != 0)
    return c;
  return oa < ob ? -1 : 1;
}

static gsize
record_size (const guint8 *record)
{
  return HEADER_SIZE + get_u32 (record) + get_u32 (record + 4);
}

static Run *
run_new_for_writing (FreightSpillSort  *self,
                     GError           **error)
{
  Run *run = g_new0 (Run, 1);

  run->order = self->n_runs_made++;
  run->path = g_strdup_printf ("%s/%s-run-%u", self->dir, self->name, run->order);
  run->file = g_fopen (run->path, "w+b");
  if (run->file == NULL)
    {
      int saved_errno = errno;

      io_error (error, run->path, saved_errno);
      g_free (run->path);
      run->path = NULL;
      run_free (run);
      return NULL;
    }
  setvbuf (run->file, NULL, _IOFBF, IO_BUFFER_SIZE);
  return run;
}

/* Rewinds a written run for reading; @run->record holds its first record after. */
static gboolean run_advance (Run     *run,
                             GError **error);

static gboolean
run_start_reading (Run     *run,
                   GError **error)
{
  if (fflush (run->file) != 0 || fseek (run->file, 0, SEEK_SET) != 0)
    return io_error (error, run->path, errno);
  run->record = g_byte_array_new ();
  return run_advance (run, error);
}

static gboolean
run_advance (Run     *run,
             GError **error)
{
  guint8 header[HEADER_SIZE];
  gsize size;

  if (fread (header, 1, HEADER_SIZE, run->file) != HEADER_SIZE)
    {
      if (ferror (run->file))
        return io_error (error, run->path, errno);
      run->done = TRUE;
      return TRUE;
    }
  size = HEADER_SIZE + get_u32 (header) + get_u32 (header + 4);
  g_byte_array_set_size (run->record, size);
  memcpy (run->record->data, header, HEADER_SIZE);
  if (fread (run->record->data + HEADER_SIZE, 1, size - HEADER_SIZE, run->file)
      != size - HEADER_SIZE)
    {
      if (ferror (run->file))
        return io_error (error, run->path, errno);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Pre-flight’s temporary file %s was cut short. Run the check again."),
                   run->path);
      return FALSE;
    }
  return TRUE;
}

static int
compare_runs (Run *a,
              Run *b)
{
  int c = compare_records (a->record->data, b->record->data);

  if (c != 0)
    return c;
  return a->order < b->order ? -1 : 1;
}

static void
heap_sift_down (GPtrArray *heap,
                guint      i)
{
  for (;;)
    {
      guint smallest = i;
      guint left = 2 * i + 1;
      guint right = left + 1;

      if (left < heap->len
          && compare_runs (heap->pdata[left], heap->pdata[smallest]) < 0)
        smallest = left;
      if (right < heap->len
          && compare_runs (heap->pdata[right], heap->pdata[smallest]) < 0)
        smallest = right;
      if (smallest == i)
        return;
      {
        gpointer tmp = heap->pdata[i];

        heap->pdata[i] = heap->pdata[smallest];
        heap->pdata[smallest] = tmp;
      }
      i = smallest;
    }
}

/* Sets up a heap over @runs (taking them), each read from its start. */
static GPtrArray *
heap_new (GPtrArray  *runs,
          GError    **error)
{
  GPtrArray *heap = g_ptr_array_new_with_free_func (run_free);

  while (runs->len > 0)
    {
      Run *run = g_ptr_array_steal_index (runs, 0);

      g_ptr_array_add (heap, run);
      if (!run_start_reading (run, error))
        {
          g_ptr_array_unref (heap);
          return NULL;
        }
      if (run->done)
        g_ptr_array_remove_index (heap, heap->len - 1);
    }
  for (guint i = heap->len / 2; i-- > 0;)
    heap_sift_down (heap, i);
  return heap;
}

/* The smallest record of the heap; NULL when all runs are done. Valid until the next
 * heap_pop(). */
static const guint8 *
heap_peek (GPtrArray *heap)
{
  if (heap->len == 0)
    return NULL;
  return ((Run *) heap->pdata[0])->record->data;
}

static gboolean
heap_pop (GPtrArray  *heap,
          GError    **error)
{
  Run *top = heap->pdata[0];

  if (!run_advance (top, error))
    return FALSE;
  if (top->done)
    {
      heap->pdata[0] = heap->pdata[heap->len - 1];
      heap->pdata[heap->len - 1] = top;
      g_ptr_array_remove_index (heap, heap->len - 1);
    }
  if (heap->len > 0)
    heap_sift_down (heap, 0);
  return TRUE;
}

static gboolean
write_record (Run           *run,
              const guint8  *record,
              GError       **error)
{
  gsize size = record_size (record);

  if (fwrite (record, 1, size, run->file) != size)
    return io_error (error, run->path, errno);
  return TRUE;
}

/* Merges every run into one, to keep the number of open files bounded. */
static gboolean
merge_runs (FreightSpillSort  *self,
            GError           **error)
{
  g_autoptr(GPtrArray) heap = NULL;
  Run *merged = run_new_for_writing (self, error);
  const guint8 *record;

  if (merged == NULL)
    return FALSE;
  heap = heap_new (self->runs, error);
  if (heap == NULL)
    {
      run_free (merged);
      return FALSE;
    }
  while ((record = heap_peek (heap)) != NULL)
    {
      if (!write_record (merged, record, error) || !heap_pop (heap, error))
        {
          run_free (merged);
          return FALSE;
        }
    }
  /* The merged run keeps the oldest order, so later runs stay behind it on ties. */
  merged->order = 0;
  g_ptr_array_add (self->runs, merged);
  return TRUE;
}

static void
sort_buffer (FreightSpillSort *self)
{
  g_array_sort_with_data (self->offsets, compare_offsets, self->buffer->data);
}

static gboolean
flush_buffer (FreightSpillSort  *self,
              GError           **error)
{
  Run *run;

  if (self->offsets->len == 0)
    return TRUE;
  sort_buffer (self);
  run = run_new_for_writing (self, error);
  if (run == NULL)
    return FALSE;
  for (guint i = 0; i < self->offsets->len; i++)
    if (!write_record (run, self->buffer->data + g_array_index (self->offsets, guint64, i),
                       error))
      {
        run_free (run);
        return FALSE;
      }
  g_ptr_array_add (self->runs, run);
  g_byte_array_set_size (self->buffer, 0);
  g_array_set_size (self->offsets, 0);
  if (self->runs->len >= MAX_RUNS)
    return merge_runs (self, error);
  return TRUE;
}

gboolean
_freight_spill_sort_add (FreightSpillSort  *self,
                         const void        *key,
                         gsize              key_length,
                         const void        *payload,
                         gsize              payload_length,
                         GError           **error)
{
  guint8 header[HEADER_SIZE];
  guint64 offset = self->buffer->len;

  g_assert (!self->finished);
  g_assert (key_length <= G_MAXUINT32 && payload_length <= G_MAXUINT32);

  put_u32 (header, key_length);
  put_u32 (header + 4, payload_length);
  g_byte_array_append (self->buffer, header, HEADER_SIZE);
  g_byte_array_append (self->buffer, key, key_length);
  g_byte_array_append (self->buffer, payload, payload_length);
  g_array_append_val (self->offsets, offset);

  if (self->buffer->len + self->offsets->len * sizeof (guint64) >= self->memory_limit)
    return flush_buffer (self, error);
  return TRUE;
}

gboolean
_freight_spill_sort_finish (FreightSpillSort  *self,
                            GError           **error)
{
  g_assert (!self->finished);

  self->finished = TRUE;
  if (self->runs->len == 0)
    {
      sort_buffer (self);
      return TRUE;
    }
  if (!flush_buffer (self, error))
    return FALSE;
  self->heap = heap_new (self->runs, error);
  return self->heap != NULL;
}

/* Returns FALSE at the end (with @error unset) or on an error. */
gboolean
_freight_spill_sort_next (FreightSpillSort  *self,
                          const guint8     **key,
                          gsize             *key_length,
                          const guint8     **payload,
                          gsize             *payload_length,
                          GError           **error)
{
  const guint8 *record;

  g_assert (self->finished);

  if (self->heap == NULL)
    {
      if (self->next_in_buffer >= self->offsets->len)
        return FALSE;
      record = self->buffer->data + g_array_index (self->offsets, guint64,
                                                   self->next_in_buffer++);
    }
  else
    {
      /* Pop the record read before: the caller is done with it. */
      if (self->next_in_buffer > 0 && !heap_pop (self->heap, error))
        return FALSE;
      self->next_in_buffer = 1;
      record = heap_peek (self->heap);
      if (record == NULL)
        return FALSE;
    }

  *key = record + HEADER_SIZE;
  *key_length = get_u32 (record);
  *payload = record + HEADER_SIZE + *key_length;
  *payload_length = get_u32 (record + 4);
  return TRUE;
}
