/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lo-job.h"
#include "lo-jobs.h"

G_BEGIN_DECLS

typedef enum
{
  LO_INGEST_RESULT_SUCCESS,
  LO_INGEST_RESULT_FAILED,
  LO_INGEST_RESULT_UNPROCESSED,
} LoIngestResult;

char *lo_ingest_upload_path (LoJob          *job,
                             int             n);
char *lo_ingest_result_path (LoJob          *job,
                             LoIngestResult  which,
                             char          **prefix);
void  lo_ingest_run         (LoJob          *job,
                             LoJobContext   *context);

G_END_DECLS
