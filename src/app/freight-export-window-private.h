/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-export-picker.h"
#include "freight-export-window.h"

G_BEGIN_DECLS

/* Shared by freight-export-window.c (the window, its pages and what the user sets up) and
 * freight-export-window-run.c (running, following and resuming an export). */

struct _FreightExportWindow
{
  AdwWindow             parent_instance;

  FreightOrgSession    *session;
  GSettings            *settings;
  FreightJournal       *journal;
  gboolean              journal_ready;      /* opened, or failed to */
  GCancellable         *cancellable;        /* the window's own work */
  GCancellable         *run_cancellable;    /* the export's */
  FreightExport        *export;
  gint64                run_id;             /* the journal run of the export shown */
  gint64                pending_resume;     /* a run to resume once the journal is open */
  gint64                interrupted_run_id; /* offered in the banner */
  char                 *output_path;
  gboolean              output_chosen;      /* by the user, not made up */
  GtkFileChooserNative *chooser;
  guint                 pulse_source;
  gboolean              running;
  gboolean              resuming;
  gboolean              resumable;
  gboolean              close_after_cancel;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *title_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkButton            *next_button;
  GtkButton            *export_button;
  GtkRevealer          *resume_revealer;
  GtkLabel             *resume_label;
  GtkStack             *main_stack;
  AdwViewStack         *source_stack;
  FreightExportPicker  *picker;
  GtkTextView          *soql_view;
  GtkTextBuffer        *soql_buffer;
  GtkRevealer          *soql_error_revealer;
  GtkLabel             *soql_error_title;
  GtkLabel             *soql_error_label;
  AdwActionRow         *query_row;
  GtkSwitch            *query_all_switch;
  AdwActionRow         *file_row;
  AdwComboRow          *delimiter_row;
  AdwComboRow          *line_ending_row;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *rows_label;
  GtkLabel             *detail_label;
  AdwStatusPage        *done_page;
  GtkButton            *open_button;
  AdwStatusPage        *failed_page;
  GtkButton            *resume_button;
  AdwViewSwitcherBar   *switcher_bar;
};

void   _freight_export_window_set_page         (FreightExportWindow *self,
                                                const char          *page);
gboolean _freight_export_window_is_page        (FreightExportWindow *self,
                                                const char          *page);
void   _freight_export_window_update_actions   (FreightExportWindow *self);
void   _freight_export_window_set_running      (FreightExportWindow *self,
                                                gboolean             running);
char  *_freight_export_window_dup_soql_text    (FreightExportWindow *self);
char  *_freight_export_window_dup_object_name  (FreightExportWindow *self);
void   _freight_export_window_show_soql_error  (FreightExportWindow *self,
                                                const GError        *error);
void   _freight_export_window_start            (FreightExportWindow *self);
void   _freight_export_window_start_resume     (FreightExportWindow *self,
                                                gint64               run_id);
void   _freight_export_window_cancel           (FreightExportWindow *self);
void   _freight_export_window_journal_ready    (FreightExportWindow *self);
char   _freight_export_window_get_delimiter    (FreightExportWindow *self);

G_END_DECLS
