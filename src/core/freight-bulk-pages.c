/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-bulk"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "freight-bulk-client-private.h"

/* Query results come in pages that each start with the header row. Joining them into one
 * CSV file keeps the first page whole and drops the header of every later page, after
 * checking that it is the same header. The pages are downloaded to a file first and
 * copied from there in small blocks, so a page is never held in memory, and the output
 * only ever grows by whole pages. */

#define BLOCK_SIZE (256 * 1024)
#define MAX_HEADER (1024 * 1024)

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len,
           const char  *path,
           GError     **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not write to %s: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

/* Where the first CSV record of @data ends (after its LF), given the quote state so far;
 * -1 when it does not end in @data. */
static gssize
find_record_end (const char *data,
                 gsize       len,
                 gboolean   *in_quotes)
{
  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '"')
        *in_quotes = !*in_quotes;
      else if (data[i] == '\n' && !*in_quotes)
        return (gssize) i + 1;
    }
  return -1;
}

/**
 * _freight_bulk_append_page:
 * @out_fd: the joined file, open for writing at its end
 * @out_path: its name, for messages
 * @page_file: a downloaded result page
 * @header: the header row (with its line ending) of the first page; empty before the
 *   first page, which sets it
 * @appended: (out): the bytes added to @out_fd
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Appends @page_file to @out_fd: all of it when @header is empty, else all but its
 * header row, which must equal @header (FREIGHT_BULK_ERROR_HEADER_MISMATCH if not). A
 * page without any row (an empty body) adds nothing. Blocks.
 *
 * Returns: %TRUE when the page was appended
 */
gboolean
_freight_bulk_append_page (int            out_fd,
                           const char    *out_path,
                           const char    *page_file,
                           GByteArray    *header,
                           guint64       *appended,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *buffer = g_malloc (BLOCK_SIZE);
  g_autoptr(GByteArray) page_header = g_byte_array_new ();
  gboolean first_page = header->len == 0;
  gboolean header_done = FALSE;
  gboolean in_quotes = FALSE;
  int in_fd;
  gboolean ok = FALSE;

  *appended = 0;
  in_fd = g_open (page_file, O_RDONLY | O_CLOEXEC, 0);
  if (in_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not read the downloaded page %s: %s"), page_file,
                   g_strerror (saved_errno));
      return FALSE;
    }

  for (;;)
    {
      gssize n = read (in_fd, buffer, BLOCK_SIZE);
      const char *rest = buffer;
      gsize rest_len;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read the downloaded page %s: %s"), page_file,
                       g_strerror (saved_errno));
          goto out;
        }
      if (n == 0)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      rest_len = (gsize) n;

      if (!header_done)
        {
          gssize end = find_record_end (buffer, rest_len, &in_quotes);
          gsize take = end >= 0 ? (gsize) end : rest_len;

          if (page_header->len + take > MAX_HEADER)
            {
              g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_RESPONSE,
                           _("The result page %s has no header row in its first MiB."),
                           page_file);
              goto out;
            }
          g_byte_array_append (page_header, (const guint8 *) buffer, take);
          rest += take;
          rest_len -= take;
          if (end < 0)
            continue;
          header_done = TRUE;

          if (first_page)
            {
              g_byte_array_append (header, page_header->data, page_header->len);
              if (!write_all (out_fd, (const char *) page_header->data, page_header->len,
                              out_path, error))
                goto out;
              *appended += page_header->len;
            }
          else if (page_header->len != header->len
                   || memcmp (page_header->data, header->data, header->len) != 0)
            {
              g_autofree char *expected = g_strndup ((const char *) header->data,
                                                     header->len);
              g_autofree char *got = g_strndup ((const char *) page_header->data,
                                                page_header->len);

              g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_HEADER_MISMATCH,
                           _("A later result page starts with the header %s instead of %s, "
                             "so its columns cannot be joined to the first page’s. Export "
                             "again."), g_strstrip (got), g_strstrip (expected));
              goto out;
            }
        }

      if (rest_len > 0)
        {
          if (!write_all (out_fd, rest, rest_len, out_path, error))
            goto out;
          *appended += rest_len;
        }
    }

  /* A header row without a line ending ends the file (a page of no rows). */
  if (!header_done && page_header->len > 0)
    {
      if (first_page)
        {
          g_byte_array_append (header, page_header->data, page_header->len);
          if (!write_all (out_fd, (const char *) page_header->data, page_header->len, out_path,
                          error))
            goto out;
          *appended += page_header->len;
        }
    }

  ok = TRUE;

out:
  close (in_fd);
  return ok;
}
