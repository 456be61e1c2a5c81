/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n.h>

#include "freight.h"

G_BEGIN_DECLS

/* freight-cli's shared parts: the global options and what they lead to (the HTTP client,
 * saved orgs, the signed-in session, the journal), output in text or JSON, progress on
 * stderr, and the command table. Each command lives in freight-cli-NAME.c and is one line
 * in the table in freight-cli.c. */

/**
 * FreightCliExit:
 * @FREIGHT_CLI_EXIT_OK: everything succeeded
 * @FREIGHT_CLI_EXIT_ROWS_FAILED: the job ran, but rows failed
 * @FREIGHT_CLI_EXIT_ERROR: a job-level error, a usage error, or nothing could be done
 */
typedef enum
{
  FREIGHT_CLI_EXIT_OK = 0,
  FREIGHT_CLI_EXIT_ROWS_FAILED = 1,
  FREIGHT_CLI_EXIT_ERROR = 2,
} FreightCliExit;

typedef struct
{
  /* The global options (or the environment). */
  char               *instance_url;
  char               *access_token;
  char               *org_alias;
  char               *api_version;
  char               *ca_file;
  gboolean            json;
  gboolean            quiet;

  /* Made on demand. */
  FreightHttpClient  *http;
  FreightOrgStore    *store;
  FreightOrg         *org;            /* the saved org in use, if any */
  FreightOrgSession  *session;
  FreightJournal     *journal;
  char               *org_name;       /* how the journal names the org */
  char               *initial_token;  /* to notice a renewed token of a saved org */
  GCancellable       *cancellable;    /* cancelled by SIGINT and SIGTERM */
  GMainLoop          *loop;
} FreightCli;

typedef struct _FreightCliCommand FreightCliCommand;

/**
 * FreightCliCommand:
 * @name: the command's word, e.g. "export"
 * @summary: one line for `freight-cli --help`, marked for translation
 * @run: runs the command; @argv[0] is its name. Returns a #FreightCliExit.
 *
 * One top-level command.
 */
struct _FreightCliCommand
{
  const char *name;
  const char *summary;
  int       (*run) (FreightCli *cli,
                    int         argc,
                    char      **argv);
};

/**
 * FreightCliSubcommand:
 * @name: the subcommand's word, e.g. "list"
 * @summary: one line for the command's help, marked for translation
 * @run: runs it; @argv[0] is its name. Returns a #FreightCliExit.
 */
typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (FreightCli *cli,
                    int         argc,
                    char      **argv);
} FreightCliSubcommand;

/**
 * FreightCliResumeFunc:
 * @cli: the CLI
 * @run: an unfinished run of the journal
 *
 * Continues @run. Returns a #FreightCliExit.
 */
typedef int (*FreightCliResumeFunc) (FreightCli              *cli,
                                     const FreightJournalRun *run);

/* The commands (freight-cli-NAME.c). */
extern const FreightCliCommand freight_cli_login_command;
extern const FreightCliCommand freight_cli_orgs_command;
extern const FreightCliCommand freight_cli_export_command;
extern const FreightCliCommand freight_cli_jobs_command;
extern const FreightCliCommand freight_cli_resume_command;
extern const FreightCliCommand freight_cli_load_command;

/* The options that save a signed-in org (freight-cli-login.c). */
typedef struct
{
  char     *alias;
  gboolean  set_default;
} FreightCliSaveOptions;

void                freight_cli_save_options_clear (FreightCliSaveOptions    *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FreightCliSaveOptions, freight_cli_save_options_clear)

#define FREIGHT_CLI_SAVE_ENTRIES(options)                                                    \
  { "alias", 'a', 0, G_OPTION_ARG_STRING, &(options).alias,                                 \
    N_("Save the org under this name (default: the username)"), N_("ALIAS") },            \
  { "set-default", 0, 0, G_OPTION_ARG_NONE, &(options).set_default,                         \
    N_("Make it the org used when none is named"), NULL }

int                 freight_cli_report_org         (FreightCli               *cli,
                                                    FreightOrg               *org);

/* The sign-ins built on FreightSignIn (freight-cli-sign-in.c). */
int                 freight_cli_login_web          (FreightCli               *cli,
                                                    int                       argc,
                                                    char                    **argv);
int                 freight_cli_login_jwt          (FreightCli               *cli,
                                                    int                       argc,
                                                    char                    **argv);
int                 freight_cli_login_client_credentials
                                                   (FreightCli               *cli,
                                                    int                       argc,
                                                    char                    **argv);
int                 freight_cli_login_sf           (FreightCli               *cli,
                                                    int                       argc,
                                                    char                    **argv);

/* Continuing interrupted runs, by journal run kind (freight-cli-resume.c's table). */
int                 freight_cli_resume_export      (FreightCli               *cli,
                                                    const FreightJournalRun  *run);
int                 freight_cli_resume_load        (FreightCli               *cli,
                                                    const FreightJournalRun  *run);
int                 freight_cli_resume_resubmit    (FreightCli               *cli,
                                                    const FreightJournalRun  *run);

/* Options and parsing (freight-cli-util.c). */
GOptionContext     *freight_cli_option_context     (FreightCli               *cli,
                                                    const char               *parameters,
                                                    const char               *summary,
                                                    const char               *description,
                                                    const GOptionEntry       *entries);
int                 freight_cli_parse              (FreightCli               *cli,
                                                    GOptionContext           *context,
                                                    int                      *argc,
                                                    char                   ***argv);
int                 freight_cli_run_subcommand     (FreightCli               *cli,
                                                    const char               *command,
                                                    const char               *description,
                                                    const FreightCliSubcommand *subcommands,
                                                    int                       argc,
                                                    char                    **argv);
void                freight_cli_add_global_entries (FreightCli               *cli,
                                                    GOptionContext           *context);
void                freight_cli_clear              (FreightCli               *cli);

/* Orgs, sessions, the journal (freight-cli-util.c). */
FreightHttpClient  *freight_cli_get_http           (FreightCli               *cli,
                                                    const char               *ca_file,
                                                    GError                  **error);
FreightOrgStore    *freight_cli_get_store          (FreightCli               *cli,
                                                    GError                  **error);
FreightOrgSession  *freight_cli_connect            (FreightCli               *cli,
                                                    const char               *org_hint,
                                                    GError                  **error);
FreightJournal     *freight_cli_get_journal        (FreightCli               *cli,
                                                    GError                  **error);
void                freight_cli_save_renewed_token (FreightCli               *cli);
char               *freight_cli_read_secret        (FreightCli               *cli,
                                                    const char               *env,
                                                    gboolean                  from_stdin,
                                                    const char               *prompt,
                                                    GError                  **error);

/* Output (freight-cli-util.c). */
int                 freight_cli_fail               (FreightCli               *cli,
                                                    const GError             *error);
int                 freight_cli_usage              (FreightCli               *cli,
                                                    const char               *command,
                                                    const char               *format,
                                                    ...) G_GNUC_PRINTF (3, 4);
void                freight_cli_print_json         (FreightCli               *cli,
                                                    JsonNode                 *node);
void                freight_cli_print_json_object  (FreightCli               *cli,
                                                    JsonObject               *object);
void                freight_cli_info               (FreightCli               *cli,
                                                    const char               *format,
                                                    ...) G_GNUC_PRINTF (2, 3);
int                 freight_cli_wait               (FreightCli               *cli,
                                                    GAsyncResult            **result);
char               *freight_cli_format_size        (guint64                   bytes);
JsonObject         *freight_cli_job_to_json        (FreightBulkJob           *job);

/* Progress on stderr (freight-cli-progress.c): a live bar on a terminal, plain lines
 * otherwise, nothing with --quiet or --json. */
typedef struct _FreightCliProgress FreightCliProgress;

FreightCliProgress *freight_cli_progress_new       (FreightCli               *cli,
                                                    const char               *task);
void                freight_cli_progress_set       (FreightCliProgress       *progress,
                                                    const char               *phase,
                                                    guint64                   done,
                                                    guint64                   total,
                                                    const char               *detail);
void                freight_cli_progress_line      (FreightCliProgress       *progress,
                                                    const char               *format,
                                                    ...) G_GNUC_PRINTF (2, 3);
gboolean            freight_cli_progress_is_live   (FreightCliProgress       *progress);
void                freight_cli_progress_free      (FreightCliProgress       *progress);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightCliProgress, freight_cli_progress_free)

G_END_DECLS
