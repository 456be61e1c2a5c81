/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "freight-cli-private.h"

/* freight-cli: Freight's engine without a window, for scripts and timers (design.md §6).
 *
 *   freight-cli [GLOBAL OPTION…] COMMAND [SUBCOMMAND] [OPTION…]
 *
 * Global options may also follow the command. Every command is a line in the table
 * below and a file of its own, freight-cli-NAME.c, that defines a FreightCliCommand. */

static const FreightCliCommand * const commands[] = {
  &freight_cli_login_command,
  &freight_cli_orgs_command,
  &freight_cli_load_command,
  &freight_cli_export_command,
  &freight_cli_jobs_command,
  &freight_cli_resume_command,
};

static const FreightCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i]->name, name))
      return commands[i];
  return NULL;
}

static char *
commands_summary (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-8s  %s", commands[i]->name, _(commands[i]->summary));
  g_string_append_printf (text, "\n  %-8s  %s", "help", _("Show the help of a command"));
  return g_string_free (text, FALSE);
}

static const char *
main_description (void)
{
  return _("Run “freight-cli COMMAND --help” for a command’s options.\n"
           "\n"
           "Examples:\n"
           "  freight-cli login web --client-id KEY --alias prod\n"
           "  freight-cli load --object Account --operation insert --file accounts.csv\n"
           "  freight-cli export --object Account --fields Id,Name -o accounts.csv\n"
           "  freight-cli jobs list --state InProgress\n"
           "  freight-cli resume\n"
           "\n"
           "Environment:\n"
           "  FREIGHT_INSTANCE_URL, FREIGHT_ACCESS_TOKEN  an org without a saved sign-in\n"
           "\n"
           "Exit status: 0 when everything succeeded, 1 when rows failed, 2 on a job-level "
           "or usage error.");
}

static gboolean
on_signal (gpointer user_data)
{
  FreightCli *cli = user_data;

  /* A second interrupt stops at once. */
  if (g_cancellable_is_cancelled (cli->cancellable))
    {
      signal (SIGINT, SIG_DFL);
      signal (SIGTERM, SIG_DFL);
      raise (SIGINT);
    }
  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

static gboolean
valid_api_version (const char *version)
{
  g_autoptr(GRegex) regex = g_regex_new ("^v?[0-9]{2,3}(\\.[0-9])?$", 0, 0, NULL);

  return g_regex_match (regex, version, 0, NULL);
}

static int
run (FreightCli  *cli,
     int          argc,
     char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *summary = commands_summary ();
  const FreightCliCommand *command;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 'V', 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (cli, _("COMMAND [OPTION…]"), summary,
                                        main_description (), entries);
  /* Stop at the command; its own parser reads the rest. */
  g_option_context_set_strict_posix (context, TRUE);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;

  if (version)
    {
      printf ("freight-cli %s\n", freight_get_version ());
      return FREIGHT_CLI_EXIT_OK;
    }
  if (argc < 2)
    return freight_cli_usage (cli, NULL, _("Give a command."));

  if (cli->api_version != NULL && !valid_api_version (cli->api_version))
    return freight_cli_usage (cli, NULL, _("“%s” is not an API version such as 62.0."),
                              cli->api_version);

  if (g_str_equal (argv[1], "help"))
    {
      if (argc < 3)
        {
          g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

          printf ("%s", help);
          return FREIGHT_CLI_EXIT_OK;
        }
      command = find_command (argv[2]);
      if (command == NULL)
        return freight_cli_usage (cli, NULL, _("There is no command “%s”."), argv[2]);
      {
        char *help_argv[] = { argv[2], (char *) "--help", NULL };

        return command->run (cli, 2, help_argv);
      }
    }

  command = find_command (argv[1]);
  if (command == NULL)
    return freight_cli_usage (cli, NULL, _("There is no command “%s”."), argv[1]);

  return command->run (cli, argc - 1, argv + 1);
}

int
main (int   argc,
      char *argv[])
{
  FreightCli cli = { 0 };
  guint sigint;
  guint sigterm;
  int status;

  freight_load_tune_allocator ();
  /* Every log line on stderr, debug ones too: stdout holds only what a command prints,
   * such as its --json summary. */
  g_log_writer_default_set_use_stderr (TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("freight-cli");

  cli.cancellable = g_cancellable_new ();
  cli.loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, on_signal, &cli);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &cli);

  status = run (&cli, argc, argv);

  freight_cli_save_renewed_token (&cli);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  freight_cli_clear (&cli);
  return status;
}
