/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight.h"
#include "lo-harness.h"

G_BEGIN_DECLS

/* What the Bulk client, export, jobs and CLI tests share: a signed-in session on a
 * freight-local-org started by the harness, a temporary folder, and loading records
 * through the Bulk client itself. */

typedef struct
{
  LoHarness         *org;
  FreightHttpClient *http;
  FreightOrgSession *session;
  FreightBulkClient *client;
  char              *tmpdir;
} BulkFixture;

void            bulk_fixture_start      (BulkFixture          *f,
                                         const char * const   *org_args);
void            bulk_fixture_stop       (BulkFixture          *f);
char           *bulk_fixture_path       (BulkFixture          *f,
                                         const char           *name);
char           *bulk_fixture_write      (BulkFixture          *f,
                                         const char           *name,
                                         const char           *contents);
char           *bulk_fixture_read       (const char           *path);
FreightBulkJob *bulk_fixture_load       (BulkFixture          *f,
                                         const char           *object,
                                         FreightBulkOperation  operation,
                                         const char           *external_id,
                                         const char           *csv);
char           *bulk_fixture_accounts   (guint                 first,
                                         guint                 n);

G_END_DECLS
