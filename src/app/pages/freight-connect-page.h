/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-wizard-page.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_CONNECT_PAGE (freight_connect_page_get_type ())

G_DECLARE_FINAL_TYPE (FreightConnectPage, freight_connect_page,
                      FREIGHT, CONNECT_PAGE, FreightWizardPage)

GtkWidget  *freight_connect_page_new               (void);
gboolean    freight_connect_page_get_busy          (FreightConnectPage *self);
AdwToast   *freight_connect_page_get_samples_toast (FreightConnectPage *self);
void        freight_connect_page_try_local_org     (FreightConnectPage *self);
void        freight_connect_page_offer_samples     (FreightConnectPage *self);

char       *freight_org_dup_title                  (FreightOrg         *org);
GtkWidget  *freight_org_tag_new                    (FreightOrg         *org);
const char *freight_org_get_kind_label             (FreightOrg         *org);

G_END_DECLS
