/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-ui-test.h"
#include "freight-window.h"
#include "lo-harness.h"

G_BEGIN_DECLS

/* The wizard's UI tests: a real freight-local-org, a session signed in as the demo user
 * through the core, and the real window started on it. */

LoHarness         *wizard_fixture_start_org     (void);
LoHarness         *wizard_fixture_start_org_with (const char * const *args);
void               wizard_fixture_wait_load     (FreightWizard *wizard);
void               wizard_fixture_log_failed    (FreightLoad  *load);
void               wizard_fixture_prepare_insert (FreightWindow *window,
                                                 const char    *path,
                                                 const char    *screenshots);
FreightOrgSession *wizard_fixture_connect       (LoHarness    *org);
FreightOrgSession *wizard_fixture_connect_url   (const char   *url);
FreightWindow     *wizard_fixture_open_window   (FreightOrgSession *session,
                                                 int           width,
                                                 int           height);
char              *wizard_fixture_write_file    (const char   *name,
                                                 const char   *contents);
void               wizard_fixture_wait_property (gpointer      object,
                                                 const char   *property,
                                                 gboolean      expected);
void               wizard_fixture_wait_objects  (FreightWizard *wizard);
void               wizard_fixture_wait_object   (FreightWizard *wizard);
void               wizard_fixture_wait_counted  (FreightWizard *wizard);
GtkWidget         *wizard_fixture_find_button   (GtkWidget    *root,
                                                 const char   *action_name);
void               wizard_fixture_screenshots   (GtkWidget    *window,
                                                 const char   *name);
void               wizard_fixture_drop_file     (FreightWindow *window,
                                                 const char   *path);

GtkWidget         *wizard_fixture_find_toggle   (GtkWidget    *root,
                                                 const char   *label);
GtkListView       *wizard_fixture_find_list_view (GtkWidget   *root,
                                                 const char   *name);
const char        *wizard_fixture_find_label    (GtkWidget    *root,
                                                 const char   *prefix);
gpointer           wizard_fixture_find_controller (GtkWidget  *widget,
                                                 GType         type);
void               wizard_fixture_wait_n_items  (GListModel   *model,
                                                 guint         n);
gboolean           wizard_fixture_file_exists   (gpointer      path);
void               wizard_fixture_choose_file   (GtkWidget    *page,
                                                 const char   *action,
                                                 const char   *path,
                                                 gboolean      save);
AdwMessageDialog  *wizard_fixture_wait_for_dialog (void);
void               wizard_fixture_respond       (AdwMessageDialog *dialog,
                                                 const char   *label);

G_END_DECLS
