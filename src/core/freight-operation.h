/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * FreightOperation:
 * @FREIGHT_OPERATION_INSERT: create records
 * @FREIGHT_OPERATION_UPDATE: change records identified by Id
 * @FREIGHT_OPERATION_UPSERT: create or change records identified by an external ID field
 * @FREIGHT_OPERATION_DELETE: move records identified by Id to the recycle bin
 * @FREIGHT_OPERATION_HARD_DELETE: delete records identified by Id for good
 *
 * The operation of a Bulk API 2.0 ingest job.
 */
typedef enum
{
  FREIGHT_OPERATION_INSERT,
  FREIGHT_OPERATION_UPDATE,
  FREIGHT_OPERATION_UPSERT,
  FREIGHT_OPERATION_DELETE,
  FREIGHT_OPERATION_HARD_DELETE,
} FreightOperation;

#define FREIGHT_TYPE_OPERATION (freight_operation_get_type ())

GType       freight_operation_get_type    (void) G_GNUC_CONST;
const char *freight_operation_to_string   (FreightOperation  operation);
gboolean    freight_operation_from_string (const char       *string,
                                           FreightOperation *operation);
gboolean    freight_operation_is_delete   (FreightOperation  operation);

G_END_DECLS
