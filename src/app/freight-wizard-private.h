/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-wizard.h"

G_BEGIN_DECLS

/* FreightWizard is split by concern: freight-wizard.c (the org, the mapping, start),
 * freight-wizard-object.c (objects, operation, object, external ID),
 * freight-wizard-file.c (the CSV file and its index), freight-wizard-preflight.c and
 * freight-wizard-load.c (the load itself, on the core's FreightLoad). */

struct _FreightWizard
{
  GObject                 parent_instance;

  /* The org */
  FreightOrgSession      *session;
  char                   *org_name;
  char                   *org_id;
  char                   *user_name;
  GListStore             *objects;
  GCancellable           *objects_cancellable;
  char                   *objects_error;

  /* What */
  FreightOperation        operation;
  char                   *object_name;
  FreightDescribeObject  *object;
  GCancellable           *object_cancellable;
  char                   *object_error;
  guint                   related_loading;
  char                   *external_id_field;
  GListStore             *key_fields;

  /* The file */
  GFile                  *file;
  guint64                 file_size;
  GCancellable           *file_cancellable;
  FreightCsvDialect       dialect;
  FreightCsvIndex        *index;
  char                  **columns;
  guint                   dialect_known : 1;
  guint                   dialect_overridden : 1;

  /* The mapping, one object for the wizard's life */
  FreightMapping         *mapping;

  /* Pre-flight */
  FreightPreflight       *preflight;
  FreightPreflightResult *preflight_result;
  GCancellable           *preflight_cancellable;
  char                   *preflight_error;

  /* The load, once started */
  FreightLoad            *load;
  GCancellable           *load_cancellable;
  GError                 *load_error;
  guint                   load_running : 1;

  guint                   objects_loading : 1;
  guint                   object_loading : 1;
  guint                   ready : 1;
};

enum {
  FREIGHT_WIZARD_PROP_0,
  FREIGHT_WIZARD_PROP_SESSION,
  FREIGHT_WIZARD_PROP_ORG_NAME,
  FREIGHT_WIZARD_PROP_OBJECTS_LOADING,
  FREIGHT_WIZARD_PROP_OBJECTS_ERROR,
  FREIGHT_WIZARD_PROP_OPERATION,
  FREIGHT_WIZARD_PROP_OBJECT_NAME,
  FREIGHT_WIZARD_PROP_OBJECT,
  FREIGHT_WIZARD_PROP_OBJECT_LOADING,
  FREIGHT_WIZARD_PROP_OBJECT_ERROR,
  FREIGHT_WIZARD_PROP_RELATED_LOADING,
  FREIGHT_WIZARD_PROP_EXTERNAL_ID_FIELD,
  FREIGHT_WIZARD_PROP_FILE,
  FREIGHT_WIZARD_PROP_FILE_SIZE,
  FREIGHT_WIZARD_PROP_DIALECT,
  FREIGHT_WIZARD_PROP_DIALECT_OVERRIDDEN,
  FREIGHT_WIZARD_PROP_INDEX,
  FREIGHT_WIZARD_PROP_COLUMNS,
  FREIGHT_WIZARD_PROP_N_ROWS,
  FREIGHT_WIZARD_PROP_ROWS_COUNTED,
  FREIGHT_WIZARD_PROP_PREFLIGHT,
  FREIGHT_WIZARD_PROP_PREFLIGHT_RESULT,
  FREIGHT_WIZARD_PROP_PREFLIGHT_ERROR,
  FREIGHT_WIZARD_PROP_READY,
  FREIGHT_WIZARD_PROP_LOAD,
  FREIGHT_WIZARD_PROP_LOAD_RUNNING,
  FREIGHT_WIZARD_N_PROPS
};

extern GParamSpec *_freight_wizard_properties[FREIGHT_WIZARD_N_PROPS];

#define FREIGHT_TYPE_CSV_DIALECT (_freight_csv_dialect_get_type ())

GType _freight_csv_dialect_get_type        (void) G_GNUC_CONST;

void     _freight_wizard_notify            (FreightWizard *self,
                                            guint          prop_id);
gboolean _freight_wizard_set_string        (char         **field,
                                            const char    *value);
void     _freight_wizard_clear_objects     (FreightWizard *self);
void     _freight_wizard_update_ready      (FreightWizard *self);
void     _freight_wizard_clear_file        (FreightWizard *self);
void     _freight_wizard_file_dispose      (FreightWizard *self);
void     _freight_wizard_clear_preflight   (FreightWizard *self);
void     _freight_wizard_preflight_dispose (FreightWizard *self);
void     _freight_wizard_load_dispose      (FreightWizard *self);
void     _freight_wizard_load_class_init   (GObjectClass  *object_class);
gboolean _freight_wizard_start_load        (FreightWizard *self);

G_END_DECLS
