/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_RESUMER (freight_resumer_get_type ())

G_DECLARE_FINAL_TYPE (FreightResumer, freight_resumer, FREIGHT, RESUMER, GObject)

FreightResumer *freight_resumer_new               (void);
void            freight_resumer_resume_for_session (FreightResumer    *self,
                                                    FreightOrgSession *session);
void            freight_resumer_resume_run        (FreightResumer          *self,
                                                    FreightOrgSession       *session,
                                                    FreightJournal          *journal,
                                                    const FreightJournalRun *run);
gboolean        freight_resumer_is_running        (FreightResumer    *self,
                                                    gint64             run_id);
gboolean        freight_resumer_is_busy           (FreightResumer    *self,
                                                    gint64             run_id);
gboolean        freight_resumer_get_progress      (FreightResumer    *self,
                                                    gint64             run_id,
                                                    guint64           *done,
                                                    guint64           *total);
gboolean        freight_resumer_run_is_on         (const FreightJournalRun *run,
                                                    FreightOrgSession       *session);
guint           freight_resumer_get_n_running     (FreightResumer    *self);
guint           freight_resumer_get_n_finished    (FreightResumer    *self);

G_END_DECLS
