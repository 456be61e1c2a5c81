/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-operation"

#include "config.h"

#include "freight-operation.h"

G_DEFINE_ENUM_TYPE (FreightOperation, freight_operation,
                    G_DEFINE_ENUM_VALUE (FREIGHT_OPERATION_INSERT, "insert"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_OPERATION_UPDATE, "update"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_OPERATION_UPSERT, "upsert"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_OPERATION_DELETE, "delete"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_OPERATION_HARD_DELETE, "hard-delete"))

/* The spelling the Bulk API and Data Loader use. */
static const char * const api_names[] = {
  [FREIGHT_OPERATION_INSERT] = "insert",
  [FREIGHT_OPERATION_UPDATE] = "update",
  [FREIGHT_OPERATION_UPSERT] = "upsert",
  [FREIGHT_OPERATION_DELETE] = "delete",
  [FREIGHT_OPERATION_HARD_DELETE] = "hardDelete",
};

/**
 * freight_operation_to_string:
 * @operation: an operation
 *
 * Returns: the operation as the Bulk API spells it: "insert", …, "hardDelete".
 */
const char *
freight_operation_to_string (FreightOperation operation)
{
  g_return_val_if_fail (operation <= FREIGHT_OPERATION_HARD_DELETE, NULL);

  return api_names[operation];
}

/**
 * freight_operation_from_string:
 * @string: "insert", "update", "upsert", "delete" or "hardDelete", in any case
 * @operation: (out): the operation
 *
 * Returns: %FALSE if @string names no operation.
 */
gboolean
freight_operation_from_string (const char       *string,
                               FreightOperation *operation)
{
  g_return_val_if_fail (string != NULL, FALSE);
  g_return_val_if_fail (operation != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (api_names); i++)
    {
      if (g_ascii_strcasecmp (string, api_names[i]) == 0)
        {
          *operation = i;
          return TRUE;
        }
    }
  if (g_ascii_strcasecmp (string, "hard-delete") == 0)
    {
      *operation = FREIGHT_OPERATION_HARD_DELETE;
      return TRUE;
    }
  return FALSE;
}

/**
 * freight_operation_is_delete:
 * @operation: an operation
 *
 * Returns: %TRUE for delete and hardDelete, whose files carry the Id column alone.
 */
gboolean
freight_operation_is_delete (FreightOperation operation)
{
  return operation == FREIGHT_OPERATION_DELETE || operation == FREIGHT_OPERATION_HARD_DELETE;
}
