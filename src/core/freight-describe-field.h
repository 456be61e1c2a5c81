/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "freight-operation.h"

G_BEGIN_DECLS

#define FREIGHT_DESCRIBE_ERROR (freight_describe_error_quark ())

/**
 * FreightDescribeError:
 * @FREIGHT_DESCRIBE_ERROR_INVALID: describe or describeGlobal JSON lacks something it must
 *   have (an object or field name) or has a member of the wrong type
 */
typedef enum
{
  FREIGHT_DESCRIBE_ERROR_INVALID,
} FreightDescribeError;

/**
 * FreightFieldType:
 *
 * The `type` of a field in describe (the SOAP field type). Types Freight does not know
 * are %FREIGHT_FIELD_TYPE_OTHER and are handled as text.
 */
typedef enum
{
  FREIGHT_FIELD_TYPE_OTHER,
  FREIGHT_FIELD_TYPE_ID,
  FREIGHT_FIELD_TYPE_REFERENCE,
  FREIGHT_FIELD_TYPE_STRING,
  FREIGHT_FIELD_TYPE_TEXTAREA,
  FREIGHT_FIELD_TYPE_PICKLIST,
  FREIGHT_FIELD_TYPE_MULTIPICKLIST,
  FREIGHT_FIELD_TYPE_COMBOBOX,
  FREIGHT_FIELD_TYPE_EMAIL,
  FREIGHT_FIELD_TYPE_PHONE,
  FREIGHT_FIELD_TYPE_URL,
  FREIGHT_FIELD_TYPE_ENCRYPTEDSTRING,
  FREIGHT_FIELD_TYPE_BASE64,
  FREIGHT_FIELD_TYPE_BOOLEAN,
  FREIGHT_FIELD_TYPE_INT,
  FREIGHT_FIELD_TYPE_LONG,
  FREIGHT_FIELD_TYPE_DOUBLE,
  FREIGHT_FIELD_TYPE_CURRENCY,
  FREIGHT_FIELD_TYPE_PERCENT,
  FREIGHT_FIELD_TYPE_DATE,
  FREIGHT_FIELD_TYPE_DATETIME,
  FREIGHT_FIELD_TYPE_TIME,
  FREIGHT_FIELD_TYPE_ADDRESS,
  FREIGHT_FIELD_TYPE_LOCATION,
  FREIGHT_FIELD_TYPE_ANYTYPE,
} FreightFieldType;

#define FREIGHT_TYPE_FIELD_TYPE (freight_field_type_get_type ())

/**
 * FreightPicklistValue:
 * @value: the API value, what a CSV must carry
 * @label: what users see
 * @active: whether the value can be chosen today
 * @default_value: whether new records get it
 */
typedef struct
{
  char     *value;
  char     *label;
  gboolean  active;
  gboolean  default_value;
} FreightPicklistValue;

#define FREIGHT_TYPE_DESCRIBE_FIELD (freight_describe_field_get_type ())

G_DECLARE_FINAL_TYPE (FreightDescribeField, freight_describe_field,
                      FREIGHT, DESCRIBE_FIELD, GObject)

GQuark                      freight_describe_error_quark (void);
GType                       freight_field_type_get_type (void) G_GNUC_CONST;

FreightDescribeField       *freight_describe_field_new_from_json (JsonObject  *json,
                                                                  const char  *object_name,
                                                                  GError     **error);

const char                 *freight_describe_field_get_name (FreightDescribeField *self);
const char                 *freight_describe_field_get_label (FreightDescribeField *self);
FreightFieldType            freight_describe_field_get_field_type (FreightDescribeField *self);
const char                 *freight_describe_field_get_type_name (FreightDescribeField *self);
const char                 *freight_describe_field_get_soap_type (FreightDescribeField *self);
guint                       freight_describe_field_get_length (FreightDescribeField *self);
guint                       freight_describe_field_get_byte_length (FreightDescribeField *self);
guint                       freight_describe_field_get_precision (FreightDescribeField *self);
guint                       freight_describe_field_get_scale (FreightDescribeField *self);
guint                       freight_describe_field_get_digits (FreightDescribeField *self);
gboolean                    freight_describe_field_get_nillable (FreightDescribeField *self);
gboolean                    freight_describe_field_get_createable (FreightDescribeField *self);
gboolean                    freight_describe_field_get_updateable (FreightDescribeField *self);
gboolean                    freight_describe_field_get_defaulted_on_create
                                    (FreightDescribeField *self);
gboolean                    freight_describe_field_get_external_id (FreightDescribeField *self);
gboolean                    freight_describe_field_get_id_lookup (FreightDescribeField *self);
gboolean                    freight_describe_field_get_unique (FreightDescribeField *self);
gboolean                    freight_describe_field_get_case_sensitive
                                    (FreightDescribeField *self);
gboolean                    freight_describe_field_get_auto_number (FreightDescribeField *self);
gboolean                    freight_describe_field_get_calculated (FreightDescribeField *self);
gboolean                    freight_describe_field_get_name_field (FreightDescribeField *self);
gboolean                    freight_describe_field_get_custom (FreightDescribeField *self);
const char * const         *freight_describe_field_get_reference_to (FreightDescribeField *self);
const char                 *freight_describe_field_get_relationship_name
                                    (FreightDescribeField *self);
gboolean                    freight_describe_field_get_polymorphic_foreign_key
                                    (FreightDescribeField *self);
gboolean                    freight_describe_field_get_restricted_picklist
                                    (FreightDescribeField *self);
guint                       freight_describe_field_get_n_picklist_values
                                    (FreightDescribeField *self);
const FreightPicklistValue *freight_describe_field_get_picklist_value
                                    (FreightDescribeField *self,
                                     guint                 position);
const FreightPicklistValue *freight_describe_field_lookup_picklist_value
                                    (FreightDescribeField *self,
                                     const char           *value,
                                     gssize                length,
                                     gboolean              ignore_case);

gboolean                    freight_describe_field_is_text (FreightDescribeField *self);
gboolean                    freight_describe_field_is_writable (FreightDescribeField *self,
                                                                FreightOperation      operation);
const char                 *freight_describe_field_get_not_writable_reason
                                    (FreightDescribeField *self,
                                     FreightOperation      operation);
gboolean                    freight_describe_field_is_required_on_insert
                                    (FreightDescribeField *self);
gboolean                    freight_describe_field_is_key (FreightDescribeField *self);
gboolean                    freight_describe_field_is_polymorphic (FreightDescribeField *self);
gboolean                    freight_describe_field_references (FreightDescribeField *self,
                                                               const char           *object_name);

G_END_DECLS
