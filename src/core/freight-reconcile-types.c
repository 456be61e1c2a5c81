/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-reconcile"

#include "config.h"

#include <string.h>

#include "freight-reconcile-types.h"

G_DEFINE_QUARK (freight-reconcile-error-quark, freight_reconcile_error)

static const char * const kind_names[FREIGHT_RECONCILE_N_KINDS] = {
  [FREIGHT_RECONCILE_KIND_TEXT] = "text",
  [FREIGHT_RECONCILE_KIND_NUMBER] = "number",
  [FREIGHT_RECONCILE_KIND_DATE] = "date",
  [FREIGHT_RECONCILE_KIND_DATETIME] = "datetime",
  [FREIGHT_RECONCILE_KIND_TIME] = "time",
  [FREIGHT_RECONCILE_KIND_BOOLEAN] = "boolean",
  [FREIGHT_RECONCILE_KIND_ID] = "id",
};

/**
 * freight_reconcile_kind_to_string:
 *
 * Returns: the kind's stable name (`text`, `number`, …), as journals store it
 */
const char *
freight_reconcile_kind_to_string (FreightReconcileKind kind)
{
  g_return_val_if_fail (kind < FREIGHT_RECONCILE_N_KINDS, NULL);

  return kind_names[kind];
}

/**
 * freight_reconcile_kind_from_string:
 *
 * Returns: %FALSE if @string names no kind
 */
gboolean
freight_reconcile_kind_from_string (const char           *string,
                                    FreightReconcileKind *kind)
{
  g_return_val_if_fail (string != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < FREIGHT_RECONCILE_N_KINDS; i++)
    if (strcmp (string, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * freight_reconcile_kind_for_field_type:
 * @field_type: a describe field `type` (`double`, `datetime`, `reference`, …)
 *
 * Returns: how Salesforce echoes values of that type, so how to compare them
 */
FreightReconcileKind
freight_reconcile_kind_for_field_type (const char *field_type)
{
  static const struct
  {
    const char           *type;
    FreightReconcileKind  kind;
  } types[] = {
    { "double", FREIGHT_RECONCILE_KIND_NUMBER },
    { "currency", FREIGHT_RECONCILE_KIND_NUMBER },
    { "percent", FREIGHT_RECONCILE_KIND_NUMBER },
    { "int", FREIGHT_RECONCILE_KIND_NUMBER },
    { "long", FREIGHT_RECONCILE_KIND_NUMBER },
    { "date", FREIGHT_RECONCILE_KIND_DATE },
    { "datetime", FREIGHT_RECONCILE_KIND_DATETIME },
    { "time", FREIGHT_RECONCILE_KIND_TIME },
    { "boolean", FREIGHT_RECONCILE_KIND_BOOLEAN },
    { "id", FREIGHT_RECONCILE_KIND_ID },
    { "reference", FREIGHT_RECONCILE_KIND_ID },
  };

  g_return_val_if_fail (field_type != NULL, FREIGHT_RECONCILE_KIND_TEXT);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (field_type, types[i].type) == 0)
      return types[i].kind;
  return FREIGHT_RECONCILE_KIND_TEXT;
}

static const char * const column_names[] = {
  [FREIGHT_RESULT_COLUMN_NONE] = NULL,
  [FREIGHT_RESULT_COLUMN_ROW] = "Freight Row",
  [FREIGHT_RESULT_COLUMN_ID] = "Freight Id",
  [FREIGHT_RESULT_COLUMN_CREATED] = "Freight Created",
  [FREIGHT_RESULT_COLUMN_ERROR_CODE] = "Freight Error Code",
  [FREIGHT_RESULT_COLUMN_ERROR_MESSAGE] = "Freight Error Message",
  [FREIGHT_RESULT_COLUMN_ERROR_FIELDS] = "Freight Error Fields",
  [FREIGHT_RESULT_COLUMN_REASON] = "Freight Reason",
};

/**
 * freight_result_column_from_name:
 * @name: a header cell
 *
 * Recognizes the columns Freight adds to its result files. The names are matched exactly
 * as Freight writes them, ignoring case and surrounding spaces (spreadsheets keep both).
 *
 * Returns: the column, or %FREIGHT_RESULT_COLUMN_NONE for a source column
 */
FreightResultColumn
freight_result_column_from_name (const char *name)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (name != NULL, FREIGHT_RESULT_COLUMN_NONE);

  if (g_ascii_strncasecmp (name, "Freight ", 8) != 0 && !g_ascii_isspace (name[0]))
    return FREIGHT_RESULT_COLUMN_NONE;
  stripped = g_strstrip (g_strdup (name));
  for (guint i = FREIGHT_RESULT_COLUMN_ROW; i < G_N_ELEMENTS (column_names); i++)
    if (g_ascii_strcasecmp (stripped, column_names[i]) == 0)
      return i;
  return FREIGHT_RESULT_COLUMN_NONE;
}

/**
 * freight_result_column_get_name:
 *
 * Returns: (nullable): the header cell Freight writes for @column
 */
const char *
freight_result_column_get_name (FreightResultColumn column)
{
  g_return_val_if_fail (column < G_N_ELEMENTS (column_names), NULL);

  return column_names[column];
}

/**
 * freight_result_column_is_freight:
 * @name: a header cell
 *
 * Returns: %TRUE if @name is one of the columns Freight adds to its result files, which a
 *   mapping leaves out when such a file is loaded again
 */
gboolean
freight_result_column_is_freight (const char *name)
{
  return freight_result_column_from_name (name) != FREIGHT_RESULT_COLUMN_NONE;
}

/**
 * freight_result_columns_find_row:
 * @names: (array length=n_names): a header
 *
 * Returns: the index of the `Freight Row` column in @names, or -1 if the header is not one
 *   of a Freight result file
 */
int
freight_result_columns_find_row (const char * const *names,
                                 guint               n_names)
{
  g_return_val_if_fail (names != NULL || n_names == 0, -1);

  for (guint i = 0; i < n_names && i < G_MAXINT; i++)
    if (freight_result_column_from_name (names[i]) == FREIGHT_RESULT_COLUMN_ROW)
      return (int) i;
  return -1;
}
