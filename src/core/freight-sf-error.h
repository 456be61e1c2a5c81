/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FreightSfError:
 * @code: the status code, e.g. `REQUIRED_FIELD_MISSING`; empty when the text has none
 * @message: the message, never %NULL
 * @fields: the fields the error names, comma-separated without spaces (`Name,Phone`);
 *   empty when none
 *
 * One per-row error of a Bulk API result (the `sf__Error` column of failed results), whose
 * shape is `CODE:message:Field1,Field2 --` or `CODE:message:--`.
 */
typedef struct
{
  char *code;
  char *message;
  char *fields;
} FreightSfError;

FreightSfError *freight_sf_error_parse (const char     *text,
                                        gssize          len);
void            freight_sf_error_free  (FreightSfError *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightSfError, freight_sf_error_free)

G_END_DECLS
