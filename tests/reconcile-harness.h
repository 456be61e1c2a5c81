/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight.h"

G_BEGIN_DECLS

/* A small stand-in for the load pipeline and for Salesforce, for the reconciliation tests:
 * it splits a source CSV into parts as the pipeline does (sidecars included), produces the
 * three result files a job would return (shuffled, with echoes normalized as a real org
 * does), and checks a run's result files against the source, row for row. */

typedef struct
{
  char      *root;
  GFile     *spool;
  GFile     *out_dir;
  GFile     *source;
  GPtrArray *source_rows;   /* GStrv per source record, index = record - 1 */
  GStrv      source_header;
  FreightCsvDialect source_dialect;
} Fixture;

typedef struct
{
  const char           *name;          /* header cell in the part */
  guint                 source_column;
  FreightReconcileKind  kind;
} SentColumn;

typedef const char *(*SkipFunc) (guint64  record,
                                 gpointer data);

typedef struct
{
  const SentColumn     *columns;
  guint                 n_columns;
  guint                 rows_per_part;  /* 0: one part */
  char                  delimiter;
  FreightCsvLineEnding  line_ending;
  SkipFunc              skip;           /* pre-flight exclusions */
  gpointer              data;
} Plan;

typedef enum
{
  SF_SUCCESS,
  SF_FAILED,
  SF_UNPROCESSED,
  SF_MISSING,
} SfOutcome;

typedef SfOutcome (*DecideFunc) (guint64  record,
                                 gpointer data);
typedef char     *(*EchoFunc)   (FreightReconcileKind  kind,
                                 const char           *value,
                                 gpointer              data);

typedef struct
{
  DecideFunc          decide;
  EchoFunc            echo;              /* NULL: echo values as sent */
  gpointer            data;
  FreightJobEndState  end;
  const char         *job_error;
  guint32             seed;              /* 0: keep the part's order */
  gboolean            no_unprocessed_file;
  char                result_delimiter;  /* 0: the job's */
  const char         *omit_column;       /* a sent column the results leave out */
} FakeSf;

/* What the checker found for one row of a result file. */
typedef void (*CheckFunc) (FreightResultFileKind  kind,
                           guint64                record,
                           const char * const    *extra,
                           gpointer               data);

void       fixture_set_up          (Fixture                 *f,
                                    gconstpointer            data);
void       fixture_tear_down       (Fixture                 *f,
                                    gconstpointer            data);
void       fixture_write_source    (Fixture                 *f,
                                    const char              *contents,
                                    gssize                   len);
void       fixture_set_source      (Fixture                 *f,
                                    GFile                   *source);
GPtrArray *fixture_prepare         (Fixture                 *f,
                                    const Plan              *plan);
void       fixture_fake_job        (Fixture                 *f,
                                    FreightSpoolPart        *part,
                                    const FakeSf            *sf);
FreightReconcileOutput *
           fixture_run             (Fixture                 *f,
                                    GPtrArray               *parts,
                                    GPtrArray              **results);
void       fixture_check_outputs   (Fixture                 *f,
                                    CheckFunc                check,
                                    gpointer                 data);
char      *fixture_read_file       (GFile                   *dir,
                                    const char              *name);

/* The standard source (see make_source_with()). */
enum { EXT, NAME, AMOUNT, ACTIVE, WHEN, DAY, OWNER, COMMENT, N_SOURCE_COLUMNS };
#define N_STANDARD_COLUMNS 7
extern const SentColumn standard_columns[N_STANDARD_COLUMNS];

typedef struct
{
  DecideFunc  decide;
  const char *unprocessed_reason;
  const char *no_result_reason;
  guint       n_checked;
} Expect;

char      *make_source_with        (guint                    n,
                                    guint                    dup_every,
                                    char                     delimiter);
char      *make_source             (guint                    n,
                                    guint                    dup_every);
Plan       default_plan            (void);
SfOutcome  decide_mixed            (guint64                  record,
                                    gpointer                 data);
SfOutcome  decide_success          (guint64                  record,
                                    gpointer                 data);
char      *echo_normalized         (FreightReconcileKind     kind,
                                    const char              *value,
                                    gpointer                 data);
void       check_exact             (FreightResultFileKind    kind,
                                    guint64                  record,
                                    const char * const      *extra,
                                    gpointer                 data);
gboolean   has_diagnostic          (FreightReconcileResult  *result,
                                    FreightReconcileSeverity severity,
                                    const char              *text);

char      *sf_id_for_record        (guint64                  record);
char      *sf_error_for_record     (guint64                  record);
char      *java_double             (const char              *value);

G_END_DECLS
