/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_WIZARD (freight_wizard_get_type ())

G_DECLARE_FINAL_TYPE (FreightWizard, freight_wizard, FREIGHT, WIZARD, GObject)

FreightWizard          *freight_wizard_new                     (void);

/* The org */
FreightOrgSession      *freight_wizard_get_session             (FreightWizard           *self);
void                    freight_wizard_set_session             (FreightWizard           *self,
                                                                FreightOrgSession       *session);
const char             *freight_wizard_get_org_name            (FreightWizard           *self);
const char             *freight_wizard_get_org_id              (FreightWizard           *self);
const char             *freight_wizard_get_user_name           (FreightWizard           *self);
GListModel             *freight_wizard_get_objects             (FreightWizard           *self);
gboolean                freight_wizard_get_objects_loading     (FreightWizard           *self);
const char             *freight_wizard_get_objects_error       (FreightWizard           *self);
void                    freight_wizard_reload_objects          (FreightWizard           *self);

/* What: operation, object, external ID */
FreightOperation        freight_wizard_get_operation           (FreightWizard           *self);
void                    freight_wizard_set_operation           (FreightWizard           *self,
                                                                FreightOperation         operation);
const char             *freight_wizard_get_object_name         (FreightWizard           *self);
void                    freight_wizard_set_object_name         (FreightWizard           *self,
                                                                const char              *name);
FreightDescribeGlobalEntry *
                        freight_wizard_lookup_object_entry     (FreightWizard           *self,
                                                                const char              *name);
FreightDescribeObject  *freight_wizard_get_object              (FreightWizard           *self);
gboolean                freight_wizard_get_object_loading      (FreightWizard           *self);
const char             *freight_wizard_get_object_error        (FreightWizard           *self);
guint                   freight_wizard_get_related_loading     (FreightWizard           *self);
const char             *freight_wizard_get_external_id_field   (FreightWizard           *self);
void                    freight_wizard_set_external_id_field   (FreightWizard           *self,
                                                                const char              *field);
GListModel             *freight_wizard_get_key_fields          (FreightWizard           *self);

/* The CSV file */
GFile                  *freight_wizard_get_file                (FreightWizard           *self);
void                    freight_wizard_set_file                (FreightWizard           *self,
                                                                GFile                   *file);
guint64                 freight_wizard_get_file_size           (FreightWizard           *self);
gboolean                freight_wizard_get_dialect             (FreightWizard           *self,
                                                                FreightCsvDialect       *dialect);
void                    freight_wizard_set_dialect             (FreightWizard           *self,
                                                                const FreightCsvDialect *dialect);
gboolean                freight_wizard_get_dialect_overridden  (FreightWizard           *self);
FreightCsvIndex        *freight_wizard_get_index               (FreightWizard           *self);
const char * const     *freight_wizard_get_columns             (FreightWizard           *self);
guint64                 freight_wizard_get_n_rows              (FreightWizard           *self);
gboolean                freight_wizard_get_rows_counted        (FreightWizard           *self);

/* The mapping */
FreightMapping         *freight_wizard_get_mapping             (FreightWizard           *self);

/* Pre-flight */
FreightPreflight       *freight_wizard_get_preflight           (FreightWizard           *self);
FreightPreflightResult *freight_wizard_get_preflight_result    (FreightWizard           *self);
const char             *freight_wizard_get_preflight_error     (FreightWizard           *self);
void                    freight_wizard_run_preflight           (FreightWizard           *self);
void                    freight_wizard_cancel_preflight        (FreightWizard           *self);

/* The end of the wizard */
gboolean                freight_wizard_get_ready               (FreightWizard           *self);
guint64                 freight_wizard_get_n_rows_to_load      (FreightWizard           *self);
void                    freight_wizard_start                   (FreightWizard           *self);

/* The load */
FreightLoad            *freight_wizard_get_load                (FreightWizard           *self);
gboolean                freight_wizard_get_load_running        (FreightWizard           *self);
const GError           *freight_wizard_get_load_error          (FreightWizard           *self);
void                    freight_wizard_cancel_load             (FreightWizard           *self);

G_END_DECLS
