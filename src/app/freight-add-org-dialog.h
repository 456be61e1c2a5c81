/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight.h"
#include "freight-local-org-child.h"

G_BEGIN_DECLS

/**
 * FreightAddOrgWhere:
 * @FREIGHT_ADD_ORG_PRODUCTION: login.salesforce.com
 * @FREIGHT_ADD_ORG_SANDBOX: test.salesforce.com
 * @FREIGHT_ADD_ORG_MY_DOMAIN: a My Domain (or any other) login URL
 * @FREIGHT_ADD_ORG_LOCAL: the local org that Freight starts itself
 *
 * The choices of the dialog's “Where” row, in order.
 */
typedef enum
{
  FREIGHT_ADD_ORG_PRODUCTION,
  FREIGHT_ADD_ORG_SANDBOX,
  FREIGHT_ADD_ORG_MY_DOMAIN,
  FREIGHT_ADD_ORG_LOCAL,
} FreightAddOrgWhere;

/**
 * FreightAddOrgMethod:
 *
 * The choices of the dialog's “Method” row, in order.
 */
typedef enum
{
  FREIGHT_ADD_ORG_WEB,
  FREIGHT_ADD_ORG_JWT,
  FREIGHT_ADD_ORG_CLIENT_CREDENTIALS,
  FREIGHT_ADD_ORG_PASSWORD,
  FREIGHT_ADD_ORG_ACCESS_TOKEN,
  FREIGHT_ADD_ORG_SF_CLI,
} FreightAddOrgMethod;

#define FREIGHT_TYPE_ADD_ORG_DIALOG (freight_add_org_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FreightAddOrgDialog, freight_add_org_dialog,
                      FREIGHT, ADD_ORG_DIALOG, AdwWindow)

FreightAddOrgDialog *freight_add_org_dialog_new               (FreightOrgStore      *store,
                                                               FreightLocalOrgChild *local_org);
const char          *freight_add_org_dialog_get_authorize_url (FreightAddOrgDialog  *self);
const char          *freight_add_org_dialog_get_error         (FreightAddOrgDialog  *self);
gboolean             freight_add_org_dialog_get_busy          (FreightAddOrgDialog  *self);
void                 freight_add_org_dialog_set_key_file      (FreightAddOrgDialog  *self,
                                                               const char           *path);
void                 freight_add_org_dialog_set_org           (FreightAddOrgDialog  *self,
                                                               FreightOrg           *org);
void                 freight_add_org_dialog_set_port          (FreightAddOrgDialog  *self,
                                                               guint                 port);

G_END_DECLS
