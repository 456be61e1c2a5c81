/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "freight-cli-load.h"

/* `freight-cli resume [NUMBER]`: continues a load the journal says is unfinished (the
 * process was killed, the connection lost, Ctrl+C pressed twice): a job that may hold a
 * part's data is never given it again, a close whose answer was lost is checked, a job
 * still processing is polled, and every row ends in the run's result files. */

static void
list_runs (GPtrArray *runs)
{
  g_printerr (_("Unfinished loads:\n"));
  for (guint i = 0; i < runs->len; i++)
    {
      FreightJournalRun *run = runs->pdata[i];
      JsonObject *spec = run->spec;
      g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (run->created_at /
                                                                      G_USEC_PER_SEC);
      g_autofree char *when = g_date_time_format (started, "%Y-%m-%d %H:%M");

      g_printerr ("  %" G_GINT64_FORMAT "  %-11s %s  %s %s  %s  (%s)\n", run->id, run->state,
                  when, json_object_get_string_member_with_default (spec, "operation", ""),
                  json_object_get_string_member_with_default (spec, "object", ""),
                  json_object_get_string_member_with_default (spec, "source", ""),
                  run->org != NULL ? run->org : "");
    }
}

static int
resume (const char *number,
        const char *instance_url,
        const char *access_token,
        gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) journal = freight_journal_open (NULL, &error);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(FreightLoad) load = NULL;
  g_autofree char *chosen = g_strdup (number);
  const char *url = instance_url;

  if (journal == NULL)
    goto failed;
  runs = freight_journal_list_runs (journal, "load", TRUE, &error);
  if (runs == NULL)
    goto failed;

  if (chosen == NULL)
    {
      if (runs->len == 0)
        {
          g_printerr (_("No unfinished loads.\n"));
          return FREIGHT_CLI_EXIT_OK;
        }
      if (runs->len > 1)
        {
          list_runs (runs);
          g_printerr (_("Give the number of the load to resume.\n"));
          return FREIGHT_CLI_EXIT_ERROR;
        }
      chosen = g_strdup_printf ("%" G_GINT64_FORMAT,
                                ((FreightJournalRun *) runs->pdata[0])->id);
    }

  /* The org the load needs, unless told. */
  for (guint i = 0; url == NULL && g_getenv ("FREIGHT_INSTANCE_URL") == NULL &&
                    i < runs->len; i++)
    {
      FreightJournalRun *run = runs->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, run->id);

      if (g_str_equal (id, chosen))
        url = json_object_get_string_member_with_default (run->spec, "instance_url", NULL);
    }
  session = _freight_cli_load_session (url, access_token, &error);
  if (session == NULL)
    goto failed;

  g_printerr (_("Resuming load %s.\n"), chosen);
  load = freight_load_new_resume (chosen, session, journal);
  return _freight_cli_load_run (load, json);

failed:
  _freight_cli_load_print_error ("resume", error);
  return FREIGHT_CLI_EXIT_ERROR;
}

/**
 * freight_cli_resume:
 *
 * `freight-cli resume`; @argv[0] is "resume".
 */
int
freight_cli_resume (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *instance_url = NULL;
  g_autofree char *access_token = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the summary as JSON on stdout"), NULL },
    { "instance-url", 0, 0, G_OPTION_ARG_STRING, &instance_url,
      N_("The org's URL (or FREIGHT_INSTANCE_URL)"), N_("URL") },
    { "access-token", 0, 0, G_OPTION_ARG_STRING, &access_token,
      N_("An access token (or FREIGHT_ACCESS_TOKEN)"), N_("TOKEN") },
    { NULL }
  };

  g_set_prgname ("freight-cli resume");
  context = g_option_context_new (_("[NUMBER] - continue an unfinished load"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Without a number, resumes the only unfinished load, or lists them.\n"
      "Exit status as for “freight-cli load”."));
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 2)
    {
      g_printerr ("freight-cli resume: %s\n",
                  error != NULL ? error->message : _("Give one load number at most."));
      return FREIGHT_CLI_EXIT_ERROR;
    }
  return resume (argc == 2 ? argv[1] : NULL, instance_url, access_token, json);
}
