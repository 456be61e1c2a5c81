/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight.h"
#include "freight-app-util.h"

G_BEGIN_DECLS

/* Small helpers shared by the jobs and export windows (counts: freight-app-util.h). */

char           *_freight_format_date_time      (GDateTime           *date_time);
char           *_freight_format_usec           (gint64               usec);
char           *_freight_display_path          (const char          *path);
void            _freight_badge_set_state       (GtkWidget           *badge,
                                                const char          *css_state,
                                                const char          *text);
const char     *_freight_job_state_css         (FreightBulkJobState  state);
AdwToast       *_freight_toast_new_for_error   (const char          *what,
                                                const GError        *error);
void            _freight_show_folder_async     (GtkWindow           *parent,
                                                const char          *path,
                                                gboolean             select_file,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        _freight_show_folder_finish    (GAsyncResult        *result,
                                                GError             **error);
void            _freight_open_file_async       (GtkWindow           *parent,
                                                const char          *path,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        _freight_open_file_finish      (GAsyncResult        *result,
                                                GError             **error);
void            _freight_journal_open_async    (GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
FreightJournal *_freight_journal_open_finish   (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
