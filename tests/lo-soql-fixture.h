/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lo-soql.h"

G_BEGIN_DECLS

/* Shared by the SOQL compiler's tests and its fuzz target: the bundled schema, an in-memory
 * database laid out by lo-schema.h's storage convention, and checks that compiled SQL stays
 * inside its literals. */

LoSchema  *lo_soql_fixture_load_schema (GError       **error);
sqlite3   *lo_soql_fixture_open        (LoSchema      *schema,
                                        GError       **error);
gboolean   lo_soql_fixture_audit_sql   (LoSchema      *schema,
                                        const char    *sql,
                                        GError       **error);
gboolean   lo_soql_fixture_prepare     (sqlite3       *db,
                                        const char    *sql,
                                        sqlite3_stmt **stmt,
                                        GError       **error);

G_END_DECLS
