/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight-wizard.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_WIZARD_PAGE (freight_wizard_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (FreightWizardPage, freight_wizard_page,
                          FREIGHT, WIZARD_PAGE, AdwBin)

/**
 * FreightWizardPageClass:
 * @wizard_changed: the page got its wizard state (or another one): connect to it here;
 *   handlers connected with g_signal_connect_object() to the old one are dropped by the
 *   base class
 * @shown: the page became the window's visible step
 *
 * A step of the load wizard. The window hosts the pages in its stack and moves between
 * them; a page shows and changes the shared #FreightWizard and says through
 * #FreightWizardPage:complete whether the user may go on to the next step.
 */
struct _FreightWizardPageClass
{
  AdwBinClass parent_class;

  void (*wizard_changed) (FreightWizardPage *self,
                          FreightWizard     *wizard);
  void (*shown)          (FreightWizardPage *self);
};

FreightWizard *freight_wizard_page_get_wizard   (FreightWizardPage *self);
void           freight_wizard_page_set_wizard   (FreightWizardPage *self,
                                                 FreightWizard     *wizard);
gboolean       freight_wizard_page_get_complete (FreightWizardPage *self);
void           freight_wizard_page_set_complete (FreightWizardPage *self,
                                                 gboolean           complete);
void           freight_wizard_page_shown        (FreightWizardPage *self);
void           freight_wizard_page_add_toast    (FreightWizardPage *self,
                                                 const char        *title);

G_END_DECLS
