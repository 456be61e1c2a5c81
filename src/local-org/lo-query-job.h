/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lo-job.h"
#include "lo-jobs.h"
#include "lo-soql.h"

G_BEGIN_DECLS

/* Bulk 2.0 query jobs: the SOQL runs on a worker into a results file of quoted CSV rows
 * plus an index of row offsets, from which pages of any size are served. */

LoSoqlQuery *lo_query_job_compile    (LoSchema     *schema,
                                      const char   *soql,
                                      gboolean      query_all,
                                      gboolean      bulk,
                                      const char   *time_zone,
                                      GError      **error);
void         lo_query_job_run        (LoJob        *job,
                                      LoJobContext *context);
gboolean     lo_query_job_get_page   (LoJob        *job,
                                      guint64       start,
                                      guint64       max_records,
                                      char        **header,
                                      char        **rows_path,
                                      goffset      *offset,
                                      goffset      *length,
                                      guint64      *n_records,
                                      guint64      *next_start);
char        *lo_query_job_format_locator (guint64   start);
gboolean     lo_query_job_parse_locator  (const char *locator,
                                          guint64    *start);
void         lo_query_job_format_value   (const LoField *field,
                                          sqlite3_stmt  *stmt,
                                          int            column,
                                          GString       *out);

G_END_DECLS
