/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bulk-fixture.h"

G_BEGIN_DECLS

/* Running the real freight-cli binary ($FREIGHT_CLI) against a freight-local-org, with a
 * private config and data folder (saved orgs, journal) and the org's URL and token in
 * FREIGHT_INSTANCE_URL and FREIGHT_ACCESS_TOKEN unless a test turns that off. */

typedef struct
{
  BulkFixture  b;
  char        *data_dir;
  char        *config_dir;
  gboolean     no_env_org;
  gboolean     own_xdg;      /* FALSE under keyring-session.sh, which sets its own */
  gboolean     debug;        /* runs with G_MESSAGES_DEBUG=all, every log on stderr */
} CliFixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

void             cli_fixture_start       (CliFixture          *f,
                                          const char * const  *org_args,
                                          gboolean             own_xdg);
void             cli_fixture_stop        (CliFixture          *f);
GSubprocessLauncher *cli_fixture_launcher (CliFixture         *f,
                                          GSubprocessFlags     flags);
CliResult       *cli_run                 (CliFixture          *f,
                                          const char          *input,
                                          const char          *first,
                                          ...) G_GNUC_NULL_TERMINATED;
CliResult       *cli_runv                (CliFixture          *f,
                                          const char          *input,
                                          const char * const  *args);
JsonNode        *cli_result_json         (CliResult           *result);
void             cli_result_free         (CliResult           *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

#define cli_assert_status(r, expected)                                                    \
  G_STMT_START {                                                                          \
    CliResult *cli__r = (r);                                                              \
    if (cli__r->status != (expected))                                                     \
      g_error ("%s:%d: freight-cli exited %d, expected %d\nstdout: %s\nstderr: %s",        \
               __FILE__, __LINE__, cli__r->status, (expected), cli__r->out, cli__r->err); \
  } G_STMT_END

G_END_DECLS
