/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-app-util"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "freight-app-util.h"

/**
 * _freight_format_count:
 * @n: a count of rows, jobs…
 *
 * Returns: (transfer full): @n with the locale's digit grouping, “1,234,567” (a comma
 *   where the locale has none, as in C.UTF-8, so that big numbers stay readable)
 */
char *
_freight_format_count (guint64 n)
{
  const char *separator = localeconv ()->thousands_sep;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  if (separator == NULL || *separator == '\0')
    separator = ",";

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * _freight_operation_get_label:
 * @operation: an operation
 *
 * Returns: the operation's name as the user sees it, translated
 */
const char *
_freight_operation_get_label (FreightOperation operation)
{
  switch (operation)
    {
    case FREIGHT_OPERATION_INSERT:
      return _("Insert");
    case FREIGHT_OPERATION_UPDATE:
      return _("Update");
    case FREIGHT_OPERATION_UPSERT:
      return _("Upsert");
    case FREIGHT_OPERATION_DELETE:
      return _("Delete");
    case FREIGHT_OPERATION_HARD_DELETE:
      return _("Hard Delete");
    default:
      g_assert_not_reached ();
    }
}

/**
 * _freight_operation_get_summary:
 * @operation: an operation
 *
 * Returns: what the operation does, in a sentence, translated
 */
const char *
_freight_operation_get_summary (FreightOperation operation)
{
  switch (operation)
    {
    case FREIGHT_OPERATION_INSERT:
      return _("Creates a new record for every row.");
    case FREIGHT_OPERATION_UPDATE:
      return _("Changes existing records, found by the Id column.");
    case FREIGHT_OPERATION_UPSERT:
      return _("Changes the records whose external ID matches a row and creates the others.");
    case FREIGHT_OPERATION_DELETE:
      return _("Moves the records of the Id column to the recycle bin.");
    case FREIGHT_OPERATION_HARD_DELETE:
      return _("Deletes the records of the Id column for good: they skip the recycle bin "
               "and cannot be restored.");
    default:
      g_assert_not_reached ();
    }
}

/**
 * _freight_dup_display_path:
 * @file: a file
 *
 * Returns: (transfer full): where @file is, for display: “~/Documents/invoices.csv”
 */
char *
_freight_dup_display_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (path == NULL)
    return g_file_get_parse_name (file);

  if (g_str_has_prefix (path, home) && path[home_len] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + home_len, NULL);

  return g_steal_pointer (&path);
}
