/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight.h"
#include "lo-harness.h"

G_BEGIN_DECLS

/* The load tests' fixture: a freight-local-org, a signed-in session (password sign-in,
 * so that tokens renew), and a temporary folder for sources, results and the journal.
 * Loads run for real, in process (load_fixture_run()) or through freight-cli
 * (load_fixture_cli()). */

typedef struct
{
  LoHarness         *org;
  FreightHttpClient *http;
  FreightAuth       *auth;
  FreightOrgSession *session;
  char              *dir;
  FreightJournal    *journal;
  char              *journal_path;
  GFile             *output;
} LoadFixture;

/* A result file read back: its header and rows, by `Freight Row`. */
typedef struct
{
  char      **header;
  GPtrArray  *rows;     /* char ** per row, NULL-terminated */
} LoadCsv;

void                    load_fixture_start        (LoadFixture            *f,
                                                   const char * const     *org_args);
void                    load_fixture_stop         (LoadFixture            *f);
GFile                  *load_fixture_write        (LoadFixture            *f,
                                                   const char             *name,
                                                   const char             *content);
FreightMapping         *load_fixture_mapping      (LoadFixture            *f,
                                                   const char             *object,
                                                   FreightOperation        operation,
                                                   const char             *external_id,
                                                   GFile                  *source);
void                    load_fixture_map          (FreightMapping         *mapping,
                                                   const char             *column,
                                                   const char             *target);
FreightLoadDescription *load_fixture_description  (LoadFixture            *f,
                                                   FreightMapping         *mapping,
                                                   GFile                  *source);
FreightLoad            *load_fixture_run          (LoadFixture            *f,
                                                   FreightLoadDescription *description,
                                                   GError                **error);
FreightLoad            *load_fixture_resume       (LoadFixture            *f,
                                                   const char             *run_id,
                                                   GError                **error);
LoadCsv                *load_fixture_result       (FreightLoad            *load,
                                                   FreightResultFileKind   kind);
JsonArray              *load_fixture_query        (LoadFixture            *f,
                                                   const char             *soql);
char                   *load_fixture_read         (GFile                  *dir,
                                                   const char             *name);
int                     load_fixture_cli          (LoadFixture            *f,
                                                   const char * const     *args,
                                                   char                  **out,
                                                   char                  **err);
GSubprocess            *load_fixture_cli_spawn    (LoadFixture            *f,
                                                   const char * const     *args);

LoadCsv                *load_csv_read             (GFile                  *file);

guint                   load_csv_find_column      (LoadCsv                *csv,
                                                   const char             *name);
const char             *load_csv_get              (LoadCsv                *csv,
                                                   guint                   row,
                                                   const char             *column);
void                    load_csv_free             (LoadCsv                *csv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadCsv, load_csv_free)

G_END_DECLS
