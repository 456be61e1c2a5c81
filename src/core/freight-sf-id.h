/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Salesforce record ids: 15 case-sensitive characters, or 18 with a 3-character suffix
 * that encodes the case of the first 15 so the id survives case-insensitive tools. */

#define FREIGHT_SF_ID_LENGTH_15 15
#define FREIGHT_SF_ID_LENGTH_18 18

gboolean freight_sf_id_is_valid (const char *id,
                                 gssize      length);
gboolean freight_sf_id_to_18    (const char *id,
                                 gssize      length,
                                 char        out[19]);
gboolean freight_sf_id_equal    (const char *a,
                                 const char *b);

G_END_DECLS
