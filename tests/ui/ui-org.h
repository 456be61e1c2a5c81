/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bulk-fixture.h"
#include "freight-window.h"

G_BEGIN_DECLS

/* What the UI tests against a real freight-local-org share: the org and a signed-in
 * session (BulkFixture), the main window connected to it, jobs in given states, records
 * loaded through the Bulk API, and export runs in the journal as a finished or an
 * interrupted export leaves them. */

FreightWindow  *ui_org_main_window          (BulkFixture        *org);
FreightBulkJob *ui_org_start_job            (BulkFixture        *org,
                                             const char         *object,
                                             const char         *csv);
char           *ui_org_contacts             (guint               n);
gint64          ui_org_add_export_run       (BulkFixture        *org,
                                             const char         *soql,
                                             const char         *object,
                                             const char         *path,
                                             guint64             page_size,
                                             guint               interrupt_after_pages);
JsonArray      *ui_org_rest_records         (BulkFixture        *org,
                                             const char         *soql,
                                             gboolean            all);
char           *ui_org_records_csv          (JsonArray          *records,
                                             const char * const *fields);
void            ui_org_assert_same_lines    (const char         *got,
                                             const char         *expected);
GtkWidget      *ui_org_wait_for_message_dialog (void);
void            ui_org_respond              (GtkWidget          *dialog,
                                             const char         *label);

G_END_DECLS
