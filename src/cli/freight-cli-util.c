/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "freight-cli-private.h"

/* Options, sign-in, output and errors, shared by every command. */

/* Options ------------------------------------------------------------------------------ */

/* The global options, into @cli's fields; any command's parser accepts them. */
void
freight_cli_add_global_entries (FreightCli     *cli,
                                GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &cli->org_alias,
      N_("Use this saved org (default: the default org)"), N_("ALIAS") },
    { "instance-url", 0, 0, G_OPTION_ARG_STRING, &cli->instance_url,
      N_("Use the org at this URL, with --access-token, without a saved sign-in "
         "(or FREIGHT_INSTANCE_URL)"), N_("URL") },
    { "access-token", 0, 0, G_OPTION_ARG_STRING, &cli->access_token,
      N_("The access token (session id) for --instance-url (or FREIGHT_ACCESS_TOKEN)"),
      N_("TOKEN") },
    { "api-version", 0, 0, G_OPTION_ARG_STRING, &cli->api_version,
      N_("Speak at most this API version, e.g. 62.0"), N_("VERSION") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->ca_file,
      N_("Also trust the CA certificates in this PEM file"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      N_("Print the result as JSON on standard output"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &cli->quiet,
      N_("Show no progress"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/**
 * freight_cli_option_context:
 * @parameters: what follows the options in the usage line
 * @summary: (nullable): text before the options
 * @description: (nullable): text after them, with examples
 * @entries: (nullable): the command's own options
 *
 * Returns: (transfer full): a parser for a command's options and the global ones
 */
GOptionContext *
freight_cli_option_context (FreightCli         *cli,
                            const char         *parameters,
                            const char         *summary,
                            const char         *description,
                            const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  freight_cli_add_global_entries (cli, context);
  return context;
}

/* A global option given both before and after the command keeps the later value; the
 * earlier string would leak otherwise. */
int
freight_cli_parse (FreightCli       *cli,
                   GOptionContext   *context,
                   int              *argc,
                   char           ***argv)
{
  g_autoptr(GError) error = NULL;
  char **fields[] = { &cli->instance_url, &cli->access_token, &cli->org_alias,
                      &cli->api_version, &cli->ca_file };
  char *before[G_N_ELEMENTS (fields)];

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    before[i] = *fields[i];

  if (!g_option_context_parse (context, argc, argv, &error))
    return freight_cli_usage (cli, (*argv)[0], "%s", error->message);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (before[i] != *fields[i])
      g_free (before[i]);
  return FREIGHT_CLI_EXIT_OK;
}

static char *
subcommands_summary (const FreightCliSubcommand *subcommands)
{
  GString *text = g_string_new (_("Commands:"));
  int width = 8;

  for (guint i = 0; subcommands[i].name != NULL; i++)
    width = MAX (width, (int) strlen (subcommands[i].name));
  for (guint i = 0; subcommands[i].name != NULL; i++)
    g_string_append_printf (text, "\n  %-*s  %s", width, subcommands[i].name,
                            _(subcommands[i].summary));
  return g_string_free (text, FALSE);
}

/* Runs `COMMAND SUBCOMMAND …`; `COMMAND --help` lists the subcommands. */
int
freight_cli_run_subcommand (FreightCli                 *cli,
                            const char                 *command,
                            const char                 *description,
                            const FreightCliSubcommand *subcommands,
                            int                         argc,
                            char                      **argv)
{
  g_autofree char *summary = subcommands_summary (subcommands);
  g_autofree char *parameters = g_strdup_printf (_("%s COMMAND [OPTION…]"), command);
  g_autoptr(GOptionContext) context = NULL;
  int status;

  context = freight_cli_option_context (cli, parameters, summary, description, NULL);
  g_option_context_set_strict_posix (context, TRUE);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;

  if (argc < 2)
    return freight_cli_usage (cli, command, _("Give one of the commands of “%s”."), command);

  for (guint i = 0; subcommands[i].name != NULL; i++)
    if (g_str_equal (subcommands[i].name, argv[1]))
      return subcommands[i].run (cli, argc - 1, argv + 1);

  return freight_cli_usage (cli, command, _("“%s” has no command “%s”."), command,
                            argv[1]);
}

void
freight_cli_clear (FreightCli *cli)
{
  g_clear_pointer (&cli->instance_url, g_free);
  if (cli->access_token != NULL)
    memset (cli->access_token, 0, strlen (cli->access_token));
  g_clear_pointer (&cli->access_token, g_free);
  g_clear_pointer (&cli->org_alias, g_free);
  g_clear_pointer (&cli->api_version, g_free);
  g_clear_pointer (&cli->ca_file, g_free);
  g_clear_object (&cli->session);
  g_clear_object (&cli->org);
  g_clear_object (&cli->store);
  g_clear_object (&cli->journal);
  g_clear_object (&cli->http);
  g_clear_pointer (&cli->org_name, g_free);
  if (cli->initial_token != NULL)
    memset (cli->initial_token, 0, strlen (cli->initial_token));
  g_clear_pointer (&cli->initial_token, g_free);
  g_clear_object (&cli->cancellable);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
}

/* Orgs and sessions -------------------------------------------------------------------- */

FreightHttpClient *
freight_cli_get_http (FreightCli  *cli,
                      const char  *ca_file,
                      GError     **error)
{
  if (cli->http == NULL)
    cli->http = freight_http_client_new (ca_file, error);
  return cli->http;
}

FreightOrgStore *
freight_cli_get_store (FreightCli  *cli,
                       GError     **error)
{
  if (cli->store != NULL)
    return cli->store;

  cli->store = freight_org_store_new (NULL);
  if (!freight_org_store_load (cli->store, error))
    {
      g_clear_object (&cli->store);
      return NULL;
    }
  return cli->store;
}

FreightJournal *
freight_cli_get_journal (FreightCli  *cli,
                         GError     **error)
{
  if (cli->journal == NULL)
    cli->journal = freight_journal_open (NULL, error);
  return cli->journal;
}

static FreightAuth *
saved_org_auth (FreightCli  *cli,
                const char  *org_hint,
                GError     **error)
{
  FreightOrgStore *store = freight_cli_get_store (cli, error);
  g_autoptr(FreightOAuthToken) token = NULL;
  FreightHttpClient *http;
  FreightAuth *auth;
  FreightOrg *org;

  if (store == NULL)
    return NULL;

  if (cli->org_alias != NULL)
    org = freight_org_store_lookup (store, cli->org_alias);
  else if (org_hint != NULL)
    {
      /* A run goes on where it started, never silently on the default org. */
      org = freight_org_store_lookup (store, org_hint);
      if (org == NULL)
        {
          g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_NOT_FOUND,
                       _("It ran on %s, which is not a saved org: give --instance-url and "
                         "--access-token (or FREIGHT_INSTANCE_URL and FREIGHT_ACCESS_TOKEN), "
                         "or --org."), org_hint);
          return NULL;
        }
    }
  else
    org = freight_org_store_get_default (store);

  if (org == NULL && cli->org_alias != NULL)
    {
      g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_NOT_FOUND,
                   _("There is no saved org “%s”. “freight-cli orgs list” shows the saved "
                     "orgs."), cli->org_alias);
      return NULL;
    }
  if (org == NULL)
    {
      g_set_error_literal (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_NOT_FOUND,
                           _("There is no org to use. Sign in with “freight-cli login web” "
                             "(or jwt, password, token, sf), name a saved org with --org, or "
                             "give --instance-url and --access-token."));
      return NULL;
    }

  http = freight_cli_get_http (cli, cli->ca_file != NULL ? cli->ca_file
                                                         : freight_org_get_ca_file (org),
                               error);
  if (http == NULL)
    return NULL;
  auth = freight_org_store_create_auth (store, org, http, cli->cancellable, error);
  if (auth == NULL)
    return NULL;

  cli->org = g_object_ref (org);
  cli->org_name = g_strdup (freight_org_get_alias (org));
  token = freight_auth_dup_token (auth);
  if (token != NULL)
    cli->initial_token = g_strdup (freight_oauth_token_get_access_token (token));
  return auth;
}

/**
 * freight_cli_connect:
 * @org_hint: (nullable): the org a journal run names (an alias or an instance URL)
 *
 * Signs in to the org the options name: --instance-url with --access-token (or the
 * environment), else --org, else @org_hint when it is a saved org, else the default org;
 * then negotiates the API version.
 *
 * Returns: (transfer none): the session
 */
FreightOrgSession *
freight_cli_connect (FreightCli  *cli,
                     const char  *org_hint,
                     GError     **error)
{
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  const char *url = cli->instance_url != NULL ? cli->instance_url
                                              : g_getenv ("FREIGHT_INSTANCE_URL");
  const char *token = cli->access_token != NULL ? cli->access_token
                                                : g_getenv ("FREIGHT_ACCESS_TOKEN");

  if (cli->session != NULL)
    return cli->session;

  if ((url != NULL && *url != '\0') != (token != NULL && *token != '\0'))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Give both --instance-url and --access-token (or "
                             "FREIGHT_INSTANCE_URL and FREIGHT_ACCESS_TOKEN), or neither."));
      return NULL;
    }

  if (url != NULL && *url != '\0' && cli->org_alias == NULL)
    {
      g_autoptr(FreightOAuthToken) pasted = freight_oauth_token_new (token, url, NULL);
      FreightHttpClient *http;

      if (pasted == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not an instance URL. Use the full address of the org, such "
                         "as https://mydomain.my.salesforce.com."), url);
          return NULL;
        }
      http = freight_cli_get_http (cli, cli->ca_file, error);
      if (http == NULL)
        return NULL;
      auth = freight_access_token_auth_new (http, pasted);
      cli->org_name = g_strdup (url);
    }
  else
    {
      auth = saved_org_auth (cli, org_hint, error);
      if (auth == NULL)
        return NULL;
    }

  session = g_object_new (FREIGHT_TYPE_ORG_SESSION,
                          "http-client", cli->http,
                          "auth", auth,
                          "max-api-version", cli->api_version,
                          NULL);
  if (!freight_org_session_connect (session, cli->cancellable, error))
    return NULL;

  cli->session = g_steal_pointer (&session);
  return cli->session;
}

/* A saved org whose session was renewed keeps the new token for next time. */
void
freight_cli_save_renewed_token (FreightCli *cli)
{
  g_autoptr(FreightOAuthToken) token = NULL;
  g_autoptr(GError) error = NULL;
  const char *now;

  if (cli->session == NULL || cli->org == NULL || cli->store == NULL)
    return;
  token = freight_auth_dup_token (freight_org_session_get_auth (cli->session));
  now = token != NULL ? freight_oauth_token_get_access_token (token) : NULL;
  if (now == NULL || g_strcmp0 (now, cli->initial_token) == 0)
    return;
  if (!freight_org_store_store_secret (cli->store, cli->org, FREIGHT_ORG_SECRET_ACCESS_TOKEN,
                                       now, NULL, &error))
    g_debug ("The renewed token of %s stays unsaved: %s", freight_org_get_alias (cli->org),
             error->message);
}

/* Reads a secret: the first line of standard input, else the environment variable, else
 * a prompt on the terminal without echo. Never from the command line, where other users
 * could see it. */
char *
freight_cli_read_secret (FreightCli  *cli,
                         const char  *env,
                         gboolean     from_stdin,
                         const char  *prompt,
                         GError     **error)
{
  char buffer[4096];
  struct termios saved;
  gboolean echo_off = FALSE;
  FILE *tty = NULL;
  char *line;

  if (!from_stdin && env != NULL && g_getenv (env) != NULL)
    return g_strdup (g_getenv (env));

  if (!from_stdin)
    {
      tty = fopen ("/dev/tty", "r+");
      if (tty == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("There is no terminal to ask for “%s”: give it on standard input "
                         "(with the option ending in -stdin) or in %s."), prompt, env);
          return NULL;
        }
      fprintf (tty, "%s: ", prompt);
      fflush (tty);
      if (tcgetattr (fileno (tty), &saved) == 0)
        {
          struct termios quiet = saved;

          quiet.c_lflag &= ~(tcflag_t) ECHO;
          echo_off = tcsetattr (fileno (tty), TCSAFLUSH, &quiet) == 0;
        }
    }

  line = fgets (buffer, sizeof buffer, tty != NULL ? tty : stdin);
  if (tty != NULL)
    {
      if (echo_off)
        tcsetattr (fileno (tty), TCSAFLUSH, &saved);
      fprintf (tty, "\n");
      fclose (tty);
    }
  if (line == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Nothing was given for “%s”."), prompt);
      return NULL;
    }

  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_strdup (buffer);
  memset (buffer, 0, sizeof buffer);
  return line;
}

/* Output --------------------------------------------------------------------------------- */

static const char *
error_kind (const GError *error)
{
  if (error->domain == G_OPTION_ERROR)
    return "usage";
  if (error->domain == FREIGHT_API_ERROR)
    return "api";
  if (error->domain == FREIGHT_AUTH_ERROR)
    return "auth";
  if (error->domain == FREIGHT_HTTP_ERROR)
    return "network";
  if (error->domain == FREIGHT_BULK_ERROR)
    return "bulk";
  if (error->domain == FREIGHT_JOURNAL_ERROR)
    return "journal";
  if (error->domain == FREIGHT_ORG_STORE_ERROR)
    return "orgs";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  return "local";
}

/**
 * freight_cli_fail:
 * @error: what went wrong
 *
 * Reports @error on stderr (and, with --json, as {"status":"error",…} on stdout).
 *
 * Returns: %FREIGHT_CLI_EXIT_ERROR
 */
int
freight_cli_fail (FreightCli   *cli,
                  const GError *error)
{
  fprintf (stderr, "freight-cli: %s\n", error->message);
  if (g_error_matches (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_TLS))
    fprintf (stderr, "freight-cli: %s\n",
             _("To trust a self-signed certificate (such as a local org’s), use --ca-file "
               "FILE with that certificate; a saved org remembers it."));

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonObject) detail = json_object_new ();
      const char *code = (error->domain == FREIGHT_API_ERROR
                          || error->domain == FREIGHT_AUTH_ERROR)
                         ? freight_error_get_remote_code (error) : NULL;

      json_object_set_string_member (detail, "kind", error_kind (error));
      json_object_set_string_member (detail, "message", error->message);
      if (code != NULL)
        json_object_set_string_member (detail, "code", code);
      else
        json_object_set_null_member (detail, "code");
      json_object_set_string_member (object, "status", "error");
      json_object_set_object_member (object, "error", g_steal_pointer (&detail));
      freight_cli_print_json_object (cli, object);
    }
  return FREIGHT_CLI_EXIT_ERROR;
}

/**
 * freight_cli_usage:
 * @command: (nullable): the command whose --help helps
 * @format: what is wrong with the command line
 *
 * Returns: %FREIGHT_CLI_EXIT_ERROR
 */
int
freight_cli_usage (FreightCli *cli,
                   const char *command,
                   const char *format,
                   ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL)
    error = g_error_new (G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                         _("%s (see “freight-cli %s --help”)"), message, command);
  else
    error = g_error_new (G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                         _("%s (see “freight-cli --help”)"), message);
  return freight_cli_fail (cli, error);
}

void
freight_cli_print_json (FreightCli *cli,
                        JsonNode   *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  fflush (stdout);
}

void
freight_cli_print_json_object (FreightCli *cli,
                               JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  freight_cli_print_json (cli, node);
}

/* A message for people on stderr, unless --quiet. */
void
freight_cli_info (FreightCli *cli,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (cli->quiet)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "%s\n", message);
}

/* Runs the main loop until an _async call puts its result in @result. */
int
freight_cli_wait (FreightCli    *cli,
                  GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return FREIGHT_CLI_EXIT_OK;
}

char *
freight_cli_format_size (guint64 bytes)
{
  return g_format_size (bytes);
}

/* A job as --json prints it: the org's own job info, and its kind. */
JsonObject *
freight_cli_job_to_json (FreightBulkJob *job)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                    freight_bulk_job_get_json (job));
  g_autoptr(JsonNode) copy = json_node_copy (node);
  JsonObject *object = json_object_ref (json_node_get_object (copy));

  json_object_set_string_member (object, "kind",
                                 freight_bulk_job_kind_to_string (freight_bulk_job_get_kind (
                                   job)));
  return object;
}
