/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-exclusion-cursor"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "freight-exclusion-cursor.h"
#include "freight-preflight-private.h"

/*
 * FreightExclusionCursor: the rows a pre-flight result keeps out of the load, in row
 * order, each with its reason for unprocessed.csv. A snapshot of the user's choices when
 * it was opened; reads the result's files sequentially, so it suits a worker thread that
 * streams the source file.
 */
struct _FreightExclusionCursor
{
  gatomicrefcount  ref_count;
  GObject         *owner;
  char            *index_path;
  FILE            *index;
  char            *reasons_path;
  int              reasons_fd;
  gboolean         exclude_errors;
  GArray          *excluded;          /* sorted rows excluded one by one */
  guint            next_excluded;
  GHashTable      *included;          /* rows included one by one */

  FreightErrorRow  error_row;         /* the next row with an error, if has_error_row */
  gboolean         has_error_row;
  gboolean         index_done;

  /* the current excluded row, after freight_exclusion_cursor_next() */
  gboolean         started;
  gboolean         at_end;
  guint64          row;
  GString         *reason;
};

G_DEFINE_BOXED_TYPE (FreightExclusionCursor, freight_exclusion_cursor,
                     freight_exclusion_cursor_ref, freight_exclusion_cursor_unref)

FreightExclusionCursor *
_freight_exclusion_cursor_new (GObject     *owner,
                               const char  *directory,
                               gboolean     exclude_errors,
                               GArray      *excluded,
                               GHashTable  *included,
                               GError     **error)
{
  g_autoptr(FreightExclusionCursor) self = g_new0 (FreightExclusionCursor, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->owner = g_object_ref (owner);
  self->index_path = g_build_filename (directory, FREIGHT_ERROR_INDEX_FILE, NULL);
  self->reasons_path = g_build_filename (directory, FREIGHT_ERROR_REASONS_FILE, NULL);
  self->reasons_fd = -1;
  self->exclude_errors = exclude_errors;
  self->excluded = g_array_ref (excluded);
  self->included = g_hash_table_ref (included);
  self->reason = g_string_new (NULL);

  self->index = g_fopen (self->index_path, "rb");
  if (self->index != NULL)
    self->reasons_fd = g_open (self->reasons_path, O_RDONLY | O_CLOEXEC, 0);
  if (self->index == NULL || self->reasons_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open pre-flight’s list of rows with errors in %s: %s. Run "
                     "the check again."), directory, g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&self);
}

FreightExclusionCursor *
freight_exclusion_cursor_ref (FreightExclusionCursor *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
freight_exclusion_cursor_unref (FreightExclusionCursor *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->index != NULL)
    fclose (self->index);
  if (self->reasons_fd >= 0)
    close (self->reasons_fd);
  g_free (self->index_path);
  g_free (self->reasons_path);
  g_clear_pointer (&self->excluded, g_array_unref);
  g_clear_pointer (&self->included, g_hash_table_unref);
  g_string_free (self->reason, TRUE);
  g_clear_object (&self->owner);
  g_free (self);
}

static gboolean
peek_error_row (FreightExclusionCursor  *self,
                GError                 **error)
{
  guint8 buffer[FREIGHT_ERROR_ROW_SIZE];

  if (self->has_error_row || self->index_done)
    return TRUE;
  if (fread (buffer, 1, sizeof buffer, self->index) != sizeof buffer)
    {
      if (ferror (self->index))
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read pre-flight’s list of rows with errors (%s): %s. Run "
                         "the check again."), self->index_path, g_strerror (saved_errno));
          return FALSE;
        }
      self->index_done = TRUE;
      return TRUE;
    }
  _freight_error_row_decode (buffer, &self->error_row);
  self->has_error_row = TRUE;
  return TRUE;
}

static gboolean
take_error_reason (FreightExclusionCursor  *self,
                   GError                 **error)
{
  g_string_set_size (self->reason, self->error_row.reason_length);
  self->has_error_row = FALSE;
  return _freight_read_at (self->reasons_fd, self->reason->str, self->error_row.reason_length,
                           self->error_row.reason_offset, self->reasons_path, error);
}

/**
 * freight_exclusion_cursor_next:
 * @self: a cursor
 * @row: (out) (optional): the next excluded row’s record number
 * @reason: (out) (optional) (transfer none): why it stays out; valid until the next call
 * @error: return location for an I/O error
 *
 * Returns: %TRUE with the next excluded row, %FALSE at the end or on error
 */
gboolean
freight_exclusion_cursor_next (FreightExclusionCursor  *self,
                               guint64                 *row,
                               const char             **reason,
                               GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  self->started = TRUE;
  for (;;)
    {
      gboolean has_single;
      guint64 single = 0;

      if (!peek_error_row (self, error))
        return FALSE;
      has_single = self->next_excluded < self->excluded->len;
      if (has_single)
        single = g_array_index (self->excluded, guint64, self->next_excluded);

      if (!self->has_error_row && !has_single)
        {
          self->at_end = TRUE;
          return FALSE;
        }

      if (self->has_error_row && (!has_single || self->error_row.row <= single))
        {
          guint64 error_row = self->error_row.row;
          gboolean chosen = has_single && single == error_row;

          if (chosen)
            self->next_excluded++;
          if (!chosen && (!self->exclude_errors
                          || g_hash_table_contains (self->included, &error_row)))
            {
              self->has_error_row = FALSE;
              continue;
            }
          if (!take_error_reason (self, error))
            return FALSE;
          self->row = error_row;
        }
      else
        {
          self->next_excluded++;
          self->row = single;
          g_string_assign (self->reason, _("Excluded by you in the review before the load."));
        }

      if (row != NULL)
        *row = self->row;
      if (reason != NULL)
        *reason = self->reason->str;
      return TRUE;
    }
}

/**
 * freight_exclusion_cursor_contains:
 * @self: a cursor
 * @row: a row’s record number, not below the one asked before
 * @reason: (out) (optional) (transfer none): why it stays out; valid until the next call
 * @error: return location for an I/O error
 *
 * For a load streaming its source: asks about each row in turn.
 *
 * Returns: %TRUE if @row stays out of the load; %FALSE if not, or on error
 */
gboolean
freight_exclusion_cursor_contains (FreightExclusionCursor  *self,
                                   guint64                  row,
                                   const char             **reason,
                                   GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  while (!self->at_end && (!self->started || self->row < row))
    if (!freight_exclusion_cursor_next (self, NULL, NULL, error) && !self->at_end)
      return FALSE;
  if (self->at_end || self->row != row)
    return FALSE;
  if (reason != NULL)
    *reason = self->reason->str;
  return TRUE;
}
