/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "freight-cli-private.h"

/* freight-cli resume: continues runs that the journal says are unfinished (the process
 * was killed, the machine went down, the network failed for too long). Each kind of run
 * is a line in the table below with the function that continues it. */

static const struct
{
  const char           *kind;
  FreightCliResumeFunc  resume;
} resumers[] = {
  { FREIGHT_EXPORT_RUN_KIND, freight_cli_resume_export },
  { FREIGHT_LOAD_RUN_KIND, freight_cli_resume_load },
  { FREIGHT_RESUBMIT_RUN_KIND, freight_cli_resume_resubmit },
};

static FreightCliResumeFunc
find_resumer (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (resumers); i++)
    if (g_str_equal (resumers[i].kind, kind))
      return resumers[i].resume;
  return NULL;
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
}

static int
list_runs (FreightCli *cli,
           GPtrArray  *runs)
{
  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < runs->len; i++)
        {
          FreightJournalRun *run = g_ptr_array_index (runs, i);
          JsonObject *object = json_object_new ();
          g_autoptr(JsonNode) spec = json_node_init_object (json_node_alloc (), run->spec);

          json_object_set_int_member (object, "id", run->id);
          json_object_set_string_member (object, "kind", run->kind);
          json_object_set_string_member (object, "state", run->state);
          json_object_set_string_member (object, "org", run->org);
          json_object_set_string_member (object, "output", run->output_path);
          json_object_set_int_member (object, "created", run->created_at / G_USEC_PER_SEC);
          json_object_set_int_member (object, "updated", run->updated_at / G_USEC_PER_SEC);
          json_object_set_member (object, "spec", json_node_copy (spec));
          json_array_add_object_element (array, object);
        }
      node = json_node_init_array (json_node_alloc (), array);
      freight_cli_print_json (cli, node);
      return FREIGHT_CLI_EXIT_OK;
    }

  if (runs->len == 0)
    {
      printf ("%s\n", _("No run is waiting to be continued."));
      return FREIGHT_CLI_EXIT_OK;
    }
  printf ("%-6s  %-8s  %-19s  %-19s  %s\n", _("RUN"), _("KIND"), _("STARTED"), _("ORG"),
          _("OUTPUT"));
  for (guint i = 0; i < runs->len; i++)
    {
      FreightJournalRun *run = g_ptr_array_index (runs, i);
      g_autofree char *started = format_time (run->created_at);

      printf ("%-6" G_GINT64_FORMAT "  %-8s  %-19s  %-19s  %s\n", run->id, run->kind, started,
              run->org != NULL ? run->org : "", run->output_path != NULL ? run->output_path
                                                                         : "");
    }
  return FREIGHT_CLI_EXIT_OK;
}

static int
resume_one (FreightCli              *cli,
            const FreightJournalRun *run)
{
  FreightCliResumeFunc resume = find_resumer (run->kind);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run->id);
  int status;

  if (resume == NULL)
    {
      g_autoptr(GError) error = g_error_new (FREIGHT_BULK_ERROR,
                                             FREIGHT_BULK_ERROR_NOT_RESUMABLE,
                                             _("Run %s is a %s, which this freight-cli cannot "
                                               "continue."), number, run->kind);

      return freight_cli_fail (cli, error);
    }

  freight_cli_info (cli, _("Continuing %s %s…"), run->kind, number);
  status = resume (cli, run);

  /* The next run may be on another org. */
  freight_cli_save_renewed_token (cli);
  g_clear_object (&cli->session);
  g_clear_object (&cli->org);
  g_clear_object (&cli->http);
  g_clear_pointer (&cli->org_name, g_free);
  g_clear_pointer (&cli->initial_token, g_free);
  return status;
}

static int
run_resume (FreightCli  *cli,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  FreightJournal *journal;
  gboolean list = FALSE;
  int worst = FREIGHT_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list,
      N_("List the runs that can be continued, and continue none"), NULL },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (
    cli, _("resume [RUN-ID…]"),
    _("Continues interrupted runs: an export goes on from its last complete page, a load "
      "from the last step its journal recorded (a job that may hold a part’s data is never "
      "given it again). Without a run id, every unfinished run is continued, oldest first. "
      "A run continues on the org it started on, unless the options name another."),
    _("Examples:\n"
      "  freight-cli resume --list\n"
      "  freight-cli resume\n"
      "  freight-cli resume 12 --json"),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;

  journal = freight_cli_get_journal (cli, &error);
  if (journal == NULL)
    return freight_cli_fail (cli, error);

  if (list || argc < 2)
    {
      runs = freight_journal_list_runs (journal, NULL, TRUE, &error);
      if (runs == NULL)
        return freight_cli_fail (cli, error);
      if (list)
        return list_runs (cli, runs);
      if (runs->len == 0)
        {
          freight_cli_info (cli, "%s", _("No run is waiting to be continued."));
          return FREIGHT_CLI_EXIT_OK;
        }
    }
  else
    {
      runs = g_ptr_array_new_with_free_func ((GDestroyNotify) freight_journal_run_free);
      for (int i = 1; i < argc; i++)
        {
          FreightJournalRun *run;
          char *end = NULL;
          gint64 id = g_ascii_strtoll (argv[i], &end, 10);

          if (end == argv[i] || *end != '\0' || id <= 0)
            return freight_cli_usage (cli, "resume", _("“%s” is not a run id."), argv[i]);
          run = freight_journal_get_run (journal, id, &error);
          if (run == NULL)
            return freight_cli_fail (cli, error);
          g_ptr_array_add (runs, run);
        }
    }

  for (guint i = 0; i < runs->len; i++)
    {
      FreightJournalRun *run = g_ptr_array_index (runs, i);
      g_autoptr(FreightJournalRun) now = NULL;
      int one;

      /* A run may have been finished by one before it (a resubmit finishes its load). */
      if (argc < 2)
        {
          now = freight_journal_get_run (journal, run->id, NULL);
          if (now != NULL && freight_journal_run_is_finished (now))
            continue;
        }
      one = resume_one (cli, run);
      worst = MAX (worst, one);
    }
  return worst;
}

const FreightCliCommand freight_cli_resume_command = {
  "resume",
  N_("Continue interrupted loads and exports"),
  run_resume,
};
