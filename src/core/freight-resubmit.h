/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-journal.h"
#include "freight-load.h"
#include "freight-types.h"

G_BEGIN_DECLS

/* FreightResubmit: sends fixed rows of a finished load's failed.csv again and folds the
 * outcome into the same run (design.md §1.8).
 *
 *   resubmit = freight_resubmit_new (run_dir, session, journal);
 *   freight_resubmit_add_row (resubmit, 17, values);        (the edited source values)
 *   freight_resubmit_run_async (resubmit, cancellable, done, data);
 *
 * The rows are written, with their `Freight Row`, to resubmits/N/rows.csv in the run's
 * folder and loaded by the load pipeline (FreightLoad) with the run's object, operation and
 * mapping from summary.json, into resubmits/N/. Its results are then folded into the run:
 * every resubmitted row leaves the file it was in; rows that succeeded join success.csv with
 * their Id, rows that failed again stay in failed.csv with the new error, rows the new job
 * could not process stay in failed.csv with the code FREIGHT_NOT_PROCESSED and the reason.
 * Each file is written to a temporary file and renamed over the old one; summary.json gets
 * the new counts, the new jobs (with "resubmit": N) and an entry in "resubmits".
 *
 * The resubmit is a run of the journal (kind "resubmit"), its load one of its own (kind
 * "load"). After a crash, freight_resubmit_new_resume() goes on: it resumes the load if it
 * is unfinished (or starts it if it never began) and folds again. Folding is idempotent: it
 * always starts by taking the resubmitted rows out of every file.
 *
 * FreightLoad:state and the other properties of freight_resubmit_get_load() show the
 * progress; the load appears once the rows are written. */

#define FREIGHT_RESUBMIT_RUN_KIND "resubmit"

#define FREIGHT_TYPE_RESUBMIT (freight_resubmit_get_type ())

G_DECLARE_FINAL_TYPE (FreightResubmit, freight_resubmit, FREIGHT, RESUBMIT, GObject)

FreightResubmit *freight_resubmit_new             (GFile              *run_dir,
                                                   FreightOrgSession  *session,
                                                   FreightJournal     *journal);
FreightResubmit *freight_resubmit_new_resume      (gint64              journal_run_id,
                                                   FreightOrgSession  *session,
                                                   FreightJournal     *journal);

void             freight_resubmit_add_row         (FreightResubmit    *self,
                                                   guint64             row,
                                                   const char * const *values);
guint            freight_resubmit_get_n_rows      (FreightResubmit    *self);

GFile           *freight_resubmit_get_run_dir     (FreightResubmit    *self);
guint            freight_resubmit_get_number      (FreightResubmit    *self);
gint64           freight_resubmit_get_journal_id  (FreightResubmit    *self);
FreightLoad     *freight_resubmit_get_load        (FreightResubmit    *self);
guint64          freight_resubmit_get_n_succeeded (FreightResubmit    *self);
guint64          freight_resubmit_get_n_failed    (FreightResubmit    *self);

void             freight_resubmit_run_async       (FreightResubmit    *self,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean         freight_resubmit_run_finish      (FreightResubmit    *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

G_END_DECLS
