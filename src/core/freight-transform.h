/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-describe-field.h"
#include "freight-mapping-errors.h"
#include "freight-value-format.h"

G_BEGIN_DECLS

/*
 * FreightTransform turns one source cell into what a Bulk API 2.0 CSV wants for one field
 * (salesforce-api.md §2.9), or says what is wrong with it.
 *
 * - Dates are calendar dates: day, month and year are read in the column's format and
 *   written as yyyy-MM-dd, never through an instant, so no time zone moves them. A time
 *   or offset after a date is ignored.
 * - Datetimes are read in the column's format and time zone (IANA, through GTimeZone) and
 *   written as yyyy-MM-ddTHH:mm:ss.SSSZ in UTC; an offset written in the value (Z,
 *   +02:00) wins over the zone. A date alone means local midnight. A local time that the
 *   zone skips when clocks move forward is an error (FREIGHT_TRANSFORM_ERROR_NONEXISTENT_TIME)
 *   naming the jump, except for a date alone whose midnight is skipped: that day starts
 *   when the clocks jump. A local time that happens twice when clocks move back becomes
 *   the first (earlier) instant, with FREIGHT_TRANSFORM_AMBIGUOUS_TIME so pre-flight warns.
 * - Numbers stay decimal strings: grouping and currency or percent signs go, the decimal
 *   separator becomes ".", scientific notation is expanded, digits before the point are
 *   checked against precision - scale, and extra decimals are rounded half away from zero
 *   to the field's scale (FREIGHT_TRANSFORM_ROUNDED).
 * - Blank cells (empty or only white space) send an empty value or #N/A, by the column's
 *   FreightBlankPolicy; a cell that says #N/A always clears. Emptying a field that must
 *   have a value is an error.
 * - Text keeps its spaces; its length counts as Salesforce counts it (UTF-16 units).
 */

/**
 * FreightBlankPolicy:
 * @FREIGHT_BLANK_POLICY_LEAVE: a blank cell sends an empty value: on update and upsert
 *   the field keeps what it has, on insert it starts empty (or with its default)
 * @FREIGHT_BLANK_POLICY_CLEAR: a blank cell sends `#N/A`, which empties the field
 *
 * What a blank cell (empty, or only spaces) of a column means. A cell that holds `#N/A`
 * itself always clears the field.
 */
typedef enum
{
  FREIGHT_BLANK_POLICY_LEAVE,
  FREIGHT_BLANK_POLICY_CLEAR,
} FreightBlankPolicy;

/**
 * FreightTransformFlags:
 * @FREIGHT_TRANSFORM_FLAGS_NONE: the value was converted as written
 * @FREIGHT_TRANSFORM_BLANK: the cell was blank; the output is empty or `#N/A`
 * @FREIGHT_TRANSFORM_CLEARS: the output is `#N/A`: the field will be emptied
 * @FREIGHT_TRANSFORM_CORRECTED: a picklist value was written in another case and is sent
 *   as the picklist has it
 * @FREIGHT_TRANSFORM_AMBIGUOUS_TIME: the local time happens twice (clocks moved back);
 *   the first of the two instants is sent
 * @FREIGHT_TRANSFORM_ROUNDED: the number had more decimals than the field keeps and is
 *   sent rounded (half away from zero), as Salesforce would store it
 *
 * What freight_transform_apply() did besides converting. The last two deserve a warning.
 */
typedef enum
{
  FREIGHT_TRANSFORM_FLAGS_NONE     = 0,
  FREIGHT_TRANSFORM_BLANK          = 1 << 0,
  FREIGHT_TRANSFORM_CLEARS         = 1 << 1,
  FREIGHT_TRANSFORM_CORRECTED      = 1 << 2,
  FREIGHT_TRANSFORM_AMBIGUOUS_TIME = 1 << 3,
  FREIGHT_TRANSFORM_ROUNDED        = 1 << 4,
} FreightTransformFlags;

#define FREIGHT_TRANSFORM_WARNING_FLAGS \
  (FREIGHT_TRANSFORM_AMBIGUOUS_TIME | FREIGHT_TRANSFORM_ROUNDED)

/* The value Bulk API CSV uses to empty a field. */
#define FREIGHT_NULL_VALUE "#N/A"

#define FREIGHT_TYPE_BLANK_POLICY (freight_blank_policy_get_type ())
#define FREIGHT_TYPE_TRANSFORM (freight_transform_get_type ())

typedef struct _FreightTransform FreightTransform;

GType                 freight_blank_policy_get_type (void) G_GNUC_CONST;
GType                 freight_transform_get_type (void) G_GNUC_CONST;

FreightTransform     *freight_transform_new (FreightDescribeField  *field,
                                             FreightValueFormat    *format,
                                             FreightBlankPolicy     blank_policy,
                                             GError               **error);
FreightTransform     *freight_transform_ref (FreightTransform *self);
void                  freight_transform_unref (FreightTransform *self);

FreightDescribeField *freight_transform_get_field (FreightTransform *self);
FreightBlankPolicy    freight_transform_get_blank_policy (FreightTransform *self);
const char           *freight_transform_get_time_zone_id (FreightTransform *self);
gboolean              freight_transform_apply (FreightTransform       *self,
                                               const char             *value,
                                               gssize                  length,
                                               GString                *out,
                                               FreightTransformFlags  *flags,
                                               GError                **error);
char                 *freight_transform_explain (FreightTransform      *self,
                                                 const char            *value,
                                                 gssize                 length,
                                                 FreightTransformFlags  flags);
gboolean              freight_transform_is_blank (const char *value,
                                                  gsize       length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightTransform, freight_transform_unref)

G_END_DECLS
