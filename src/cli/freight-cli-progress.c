/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "freight-cli-private.h"

/* Progress on stderr. On a terminal, one live line redrawn in place (at most ten times a
 * second): the task, its phase, a bar with the percentage when the total is known, the
 * counts and a detail. Elsewhere (a log, a pipe, a CI job), plain lines: one when the
 * phase changes and whatever the command reports. With --quiet, nothing. */

#define REDRAW_INTERVAL_US (G_USEC_PER_SEC / 10)
#define BAR_WIDTH 24

struct _FreightCliProgress
{
  gboolean  silent;
  gboolean  live;
  char     *task;
  char     *phase;
  char     *detail;
  guint64   done;
  guint64   total;
  gint64    last_draw;
  gboolean  drawn;
};

/**
 * freight_cli_progress_new:
 * @task: what runs, e.g. "export"
 *
 * Returns: (transfer full): progress output for @task
 */
FreightCliProgress *
freight_cli_progress_new (FreightCli *cli,
                          const char *task)
{
  FreightCliProgress *self = g_new0 (FreightCliProgress, 1);
  const char *term = g_getenv ("TERM");

  self->silent = cli->quiet;
  self->live = !self->silent && isatty (STDERR_FILENO)
               && g_strcmp0 (term, "dumb") != 0;
  self->task = g_strdup (task);
  return self;
}

gboolean
freight_cli_progress_is_live (FreightCliProgress *self)
{
  return self->live;
}

static guint
terminal_width (void)
{
  struct winsize size;

  if (ioctl (STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20)
    return size.ws_col;
  return 80;
}

static void
draw (FreightCliProgress *self)
{
  g_autoptr(GString) line = g_string_new (NULL);
  guint width = terminal_width ();

  g_string_append_printf (line, "%s: %s", self->task, self->phase != NULL ? self->phase : "");
  if (self->total > 0)
    {
      guint percent = (guint) MIN (100, self->done * 100 / self->total);
      guint filled = percent * BAR_WIDTH / 100;

      g_string_append (line, " [");
      for (guint i = 0; i < BAR_WIDTH; i++)
        g_string_append (line, i < filled ? "#" : "-");
      g_string_append_printf (line, "] %3u%% %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                              percent, self->done, self->total);
    }
  else if (self->done > 0)
    g_string_append_printf (line, " %" G_GUINT64_FORMAT, self->done);
  if (self->detail != NULL && *self->detail != '\0')
    g_string_append_printf (line, " · %s", self->detail);

  /* Never wrap: a wrapped line cannot be redrawn in place. */
  if (g_utf8_strlen (line->str, -1) >= (glong) width)
    g_string_truncate (line, g_utf8_offset_to_pointer (line->str, width - 1) - line->str);

  fprintf (stderr, "\r%s\033[K", line->str);
  fflush (stderr);
  self->drawn = TRUE;
  self->last_draw = g_get_monotonic_time ();
}

/**
 * freight_cli_progress_set:
 * @phase: what happens now, e.g. "downloading"
 * @done: the count so far
 * @total: the count at the end, or 0 when unknown
 * @detail: (nullable): more, e.g. "3 pages, 1.2 MB"
 */
void
freight_cli_progress_set (FreightCliProgress *self,
                          const char         *phase,
                          guint64             done,
                          guint64             total,
                          const char         *detail)
{
  gboolean new_phase = g_strcmp0 (phase, self->phase) != 0;

  if (self->silent)
    return;

  g_free (self->phase);
  self->phase = g_strdup (phase);
  g_free (self->detail);
  self->detail = g_strdup (detail);
  self->done = done;
  self->total = total;

  if (!self->live)
    {
      if (new_phase && phase != NULL)
        fprintf (stderr, "%s: %s\n", self->task, phase);
      return;
    }
  if (new_phase || g_get_monotonic_time () - self->last_draw >= REDRAW_INTERVAL_US)
    draw (self);
}

/* A line of its own: above the live bar, which is drawn again below it. */
void
freight_cli_progress_line (FreightCliProgress *self,
                           const char         *format,
                           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->silent)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (self->live && self->drawn)
    fprintf (stderr, "\r\033[K");
  fprintf (stderr, "%s: %s\n", self->task, message);
  if (self->live && self->drawn)
    draw (self);
  fflush (stderr);
}

void
freight_cli_progress_free (FreightCliProgress *self)
{
  if (self == NULL)
    return;
  if (self->live && self->drawn)
    {
      draw (self);
      fprintf (stderr, "\n");
    }
  g_free (self->task);
  g_free (self->phase);
  g_free (self->detail);
  g_free (self);
}
