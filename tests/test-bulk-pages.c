/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "freight.h"
#include "freight-bulk-client-private.h"

/* Joining query result pages into one CSV: the first page whole, later pages without
 * their header, which must match; headers with quoted line breaks, CRLF, large pages
 * read in blocks, and a page of nothing. */

typedef struct
{
  char       *dir;
  char       *out;
  char       *page;
  int         fd;
  GByteArray *header;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("freight-pages-XXXXXX", &error);
  g_assert_no_error (error);
  f->out = g_build_filename (f->dir, "out.csv", NULL);
  f->page = g_build_filename (f->dir, "page.csv", NULL);
  f->fd = g_open (f->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (f->fd, >=, 0);
  f->header = g_byte_array_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close (f->fd);
  g_unlink (f->out);
  g_unlink (f->page);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->page);
  g_byte_array_unref (f->header);
}

static gboolean
append (Fixture     *f,
        const char  *page,
        gssize       len,
        guint64     *appended,
        GError     **error)
{
  g_assert_true (g_file_set_contents (f->page, page, len, NULL));
  return _freight_bulk_append_page (f->fd, f->out, f->page, f->header, appended, NULL, error);
}

static char *
output (Fixture *f)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (f->out, &text, NULL, NULL));
  return text;
}

static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint64 n = 0;

  g_assert_true (append (f, "\"Id\",\"Name\"\n\"1\",\"a\"\n", -1, &n, &error));
  g_assert_cmpuint (n, ==, 20);
  g_assert_cmpuint (f->header->len, ==, 12);
  g_assert_true (append (f, "\"Id\",\"Name\"\n\"2\",\"b\"\n\"3\",\"c\"\n", -1, &n, &error));
  g_assert_cmpuint (n, ==, 16);
  g_assert_true (append (f, "\"Id\",\"Name\"\n", -1, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (append (f, "", 0, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_no_error (error);

  text = output (f);
  g_assert_cmpstr (text, ==, "\"Id\",\"Name\"\n\"1\",\"a\"\n\"2\",\"b\"\n\"3\",\"c\"\n");
}

static void
test_quoted_header (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint64 n = 0;
  const char *header = "\"Id\";\"Odd\r\nName\"\r\n";

  g_assert_true (append (f, "\"Id\";\"Odd\r\nName\"\r\n\"1\";\"x\"\r\n", -1, &n, &error));
  g_assert_cmpuint (f->header->len, ==, strlen (header));
  g_assert_true (append (f, "\"Id\";\"Odd\r\nName\"\r\n\"2\";\"y\r\nz\"\r\n", -1, &n, &error));
  g_assert_no_error (error);
  text = output (f);
  g_assert_cmpstr (text, ==, "\"Id\";\"Odd\r\nName\"\r\n\"1\";\"x\"\r\n\"2\";\"y\r\nz\"\r\n");
}

static void
test_mismatch (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint64 n = 0;

  g_assert_true (append (f, "\"Id\",\"Name\"\n\"1\",\"a\"\n", -1, &n, &error));
  g_assert_false (append (f, "\"Id\",\"Phone\"\n\"2\",\"b\"\n", -1, &n, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_HEADER_MISMATCH);
  g_assert_nonnull (strstr (error->message, "\"Id\",\"Phone\""));
  g_assert_nonnull (strstr (error->message, "\"Id\",\"Name\""));
  g_assert_cmpuint (n, ==, 0);
  text = output (f);
  g_assert_cmpstr (text, ==, "\"Id\",\"Name\"\n\"1\",\"a\"\n");
}

static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) page = g_string_new ("\"Id\",\"Text\"\n");
  g_autofree char *text = NULL;
  guint64 n = 0;
  gsize header_len = page->len;

  /* Several read blocks, with a header split by nothing but the block boundary. */
  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (page, "\"%u\",\"%s\"\n", i, "some text to make the page long");
  g_assert_true (append (f, page->str, page->len, &n, &error));
  g_assert_cmpuint (n, ==, page->len);
  g_assert_true (append (f, page->str, page->len, &n, &error));
  g_assert_cmpuint (n, ==, page->len - header_len);
  g_assert_no_error (error);
  text = output (f);
  g_assert_cmpuint (strlen (text), ==, 2 * page->len - header_len);
}

static void
test_no_header_end (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) page = g_string_new ("\"");
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  guint64 n = 0;

  /* A header that never ends (an unclosed quote) is refused after a MiB. */
  for (guint i = 0; i < 200000; i++)
    g_string_append (page, "abcdefgh\n");
  g_assert_false (append (f, page->str, page->len, &n, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_false (_freight_bulk_append_page (f->fd, f->out, missing, f->header, &n, NULL,
                                             &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/freight/bulk-pages/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("join", test_join);
  ADD ("quoted-header", test_quoted_header);
  ADD ("mismatch", test_mismatch);
  ADD ("large", test_large);
  ADD ("no-header-end", test_no_header_end);

  return g_test_run ();
}
