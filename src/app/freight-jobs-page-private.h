/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-jobs-page.h"

G_BEGIN_DECLS

/* Shared by freight-jobs-page.c (the page) and freight-jobs-columns.c (its table). */

struct _FreightJobsPage
{
  AdwBin               parent_instance;

  FreightJobs         *jobs;
  GCancellable        *cancellable;
  GtkCustomFilter     *text_filter;
  GtkFilterListModel  *filter_model;
  GtkSingleSelection  *selection;
  FreightBulkJob      *selected_job;
  char                *search_folded;
  GHashTable          *objects_seen;   /* object names of every job seen */
  GHashTable          *busy;           /* ids of jobs being aborted, deleted, downloaded */
  GHashTable          *shown;          /* ids of jobs described in full */
  GHashTable          *shows_wanted;   /* ids queued or asked for */
  GQueue               show_queue;
  guint                shows_in_flight;
  guint                refresh_source;
  guint                refresh_interval_ms;
  char                *signature;
  GError              *load_error;
  gboolean             loaded;
  gboolean             updating_objects;

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *state_dropdown;
  GtkDropDown         *object_dropdown;
  GtkStringList       *object_list;
  GtkDropDown         *kind_dropdown;
  GtkStack            *content_stack;
  GtkSpinner          *loading_spinner;
  GtkColumnView       *column_view;
  AdwStatusPage       *error_page;
  GtkActionBar        *action_bar;
  GtkLabel            *summary_label;
};

void _freight_jobs_page_add_columns    (FreightJobsPage *self);
void _freight_jobs_page_want_counters  (FreightJobsPage *self,
                                        FreightBulkJob  *job,
                                        gboolean         fresh);

G_END_DECLS
