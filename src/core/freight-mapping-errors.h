/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FREIGHT_TRANSFORM_ERROR (freight_transform_error_quark ())

/**
 * FreightTransformError:
 * @FREIGHT_TRANSFORM_ERROR_INVALID_SETTING: a format setting cannot be used (an unknown
 *   time zone, the same character as decimal separator and digit grouping, bad JSON)
 * @FREIGHT_TRANSFORM_ERROR_INVALID_DATE: not a date in the column’s format
 * @FREIGHT_TRANSFORM_ERROR_INVALID_DATETIME: not a date and time in the column’s format
 * @FREIGHT_TRANSFORM_ERROR_INVALID_TIME: not a time of day
 * @FREIGHT_TRANSFORM_ERROR_NONEXISTENT_TIME: a local time that the time zone skips when
 *   clocks move forward
 * @FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER: not a number in the column’s format
 * @FREIGHT_TRANSFORM_ERROR_NUMBER_TOO_LARGE: more digits than the field’s precision allows
 * @FREIGHT_TRANSFORM_ERROR_INVALID_BOOLEAN: not one of the words for true or false
 * @FREIGHT_TRANSFORM_ERROR_TOO_LONG: longer than the field’s length
 * @FREIGHT_TRANSFORM_ERROR_NOT_IN_PICKLIST: not a value of a restricted picklist
 * @FREIGHT_TRANSFORM_ERROR_INVALID_ID: not a 15- or 18-character record ID
 * @FREIGHT_TRANSFORM_ERROR_INVALID_EMAIL: not an email address
 * @FREIGHT_TRANSFORM_ERROR_CANNOT_CLEAR: a blank meant to clear a field that must have a
 *   value
 */
typedef enum
{
  FREIGHT_TRANSFORM_ERROR_INVALID_SETTING,
  FREIGHT_TRANSFORM_ERROR_INVALID_DATE,
  FREIGHT_TRANSFORM_ERROR_INVALID_DATETIME,
  FREIGHT_TRANSFORM_ERROR_INVALID_TIME,
  FREIGHT_TRANSFORM_ERROR_NONEXISTENT_TIME,
  FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER,
  FREIGHT_TRANSFORM_ERROR_NUMBER_TOO_LARGE,
  FREIGHT_TRANSFORM_ERROR_INVALID_BOOLEAN,
  FREIGHT_TRANSFORM_ERROR_TOO_LONG,
  FREIGHT_TRANSFORM_ERROR_NOT_IN_PICKLIST,
  FREIGHT_TRANSFORM_ERROR_INVALID_ID,
  FREIGHT_TRANSFORM_ERROR_INVALID_EMAIL,
  FREIGHT_TRANSFORM_ERROR_CANNOT_CLEAR,
} FreightTransformError;

#define FREIGHT_MAPPING_ERROR (freight_mapping_error_quark ())

/**
 * FreightMappingError:
 * @FREIGHT_MAPPING_ERROR_INVALID: a saved mapping (JSON or `.sdl`) cannot be read
 * @FREIGHT_MAPPING_ERROR_INVALID_TARGET: a target is not a field name or a relationship
 *   path (`Account.External_Id__c`, `Lead:Who.Email`)
 * @FREIGHT_MAPPING_ERROR_DUPLICATE_TARGET: a field is already the target of another entry
 * @FREIGHT_MAPPING_ERROR_NOT_READY: the mapping has problems that stop a load
 */
typedef enum
{
  FREIGHT_MAPPING_ERROR_INVALID,
  FREIGHT_MAPPING_ERROR_INVALID_TARGET,
  FREIGHT_MAPPING_ERROR_DUPLICATE_TARGET,
  FREIGHT_MAPPING_ERROR_NOT_READY,
} FreightMappingError;

GQuark freight_transform_error_quark (void);
GQuark freight_mapping_error_quark   (void);

G_END_DECLS
