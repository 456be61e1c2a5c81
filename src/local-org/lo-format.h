/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Value formats of the local org: how the real service writes timestamps, numbers, dates
 * and datetimes, and how Bulk CSV input spells them.
 */

#define LO_DATETIME_STORAGE_LEN 24   /* "2024-01-03T23:52:01.000Z" */
#define LO_DATE_LEN             10   /* "2024-01-03" */

char     *lo_format_job_timestamp   (gint64      unix_usec);
void      lo_format_storage_datetime (gint64     unix_usec,
                                      char       out[LO_DATETIME_STORAGE_LEN + 1]);
char     *lo_format_rest_datetime   (const char *stored);
void      lo_format_java_double     (double      value,
                                     char       *out,
                                     gsize       size);
gboolean  lo_parse_date             (const char *text,
                                     char        out[LO_DATE_LEN + 1]);
gboolean  lo_parse_datetime         (const char *text,
                                     char        out[LO_DATETIME_STORAGE_LEN + 1]);
gboolean  lo_parse_double           (const char *text,
                                     double     *out);
gboolean  lo_parse_int              (const char *text,
                                     gint64     *out);
gboolean  lo_parse_boolean          (const char *text,
                                     gboolean   *out);
char     *lo_random_token           (GRand      *rand,
                                     guint       n_chars);

G_END_DECLS
