/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lo-harness.h"

G_BEGIN_DECLS

/* Helpers of the ingest protocol tests: jobs run the way every client runs them
 * (create, PUT, close, poll), result files, and queries on the org's records. */

#define JOBS "/services/data/v62.0/jobs/ingest"

/* The org the tests of one executable share. */
extern LoHarness *org;

void        assert_error (LoResponse *r,
                          guint       status,
                          const char *code,
                          const char *message);
char       *create_job   (LoHarness  *o,
                          const char *body);
char       *job_path     (const char *id,
                          const char *suffix);
void        upload       (LoHarness  *o,
                          const char *id,
                          const char *csv);
LoResponse *patch_state  (LoHarness  *o,
                          const char *id,
                          const char *state);
JsonObject *run_job_on   (LoHarness  *o,
                          const char *create_body,
                          const char *csv,
                          char      **id_out);
JsonObject *run_job      (const char *object,
                          const char *operation,
                          const char *csv,
                          char      **id_out);
char       *results_on   (LoHarness  *o,
                          const char *id,
                          const char *which);
char       *results      (const char *id,
                          const char *which);
JsonObject *query_one    (const char *soql);
char       *first_id     (const char *csv);
char       *insert_one   (const char *object,
                          const char *csv);
GStrv       data_lines   (const char *csv);

G_END_DECLS
