/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight.h"

G_BEGIN_DECLS

/* `freight-cli load` and `freight-cli resume` (design.md §6). Exit status: 0 when every
 * row succeeded, 1 when rows failed or were left out, 2 on a job-level or usage error. */

#define FREIGHT_CLI_EXIT_OK          0
#define FREIGHT_CLI_EXIT_ROWS_FAILED 1
#define FREIGHT_CLI_EXIT_ERROR       2

int                freight_cli_load             (int                  argc,
                                                 char               **argv);
int                freight_cli_resume           (int                  argc,
                                                 char               **argv);

/* Shared by the two (freight-cli-load.c). */
FreightOrgSession *_freight_cli_load_session    (const char          *instance_url,
                                                 const char          *access_token,
                                                 GError             **error);
int                _freight_cli_load_run        (FreightLoad         *load,
                                                 gboolean             json);
void               _freight_cli_load_print_error (const char         *command,
                                                 const GError        *error);

G_END_DECLS
