/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"

/* The sf__Error parser takes any bytes Salesforce (or a proxy, or a damaged download) puts
 * in a failed result: it must never crash, never read outside the input, and never lose
 * text: code, message and fields come from the input, in order. */

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static gboolean
is_within (const char *part,
           const char *data,
           gsize       size)
{
  gsize len = strlen (part);

  if (len == 0)
    return TRUE;
  if (len > size)
    return FALSE;
  for (gsize i = 0; i + len <= size; i++)
    if (memcmp (data + i, part, len) == 0)
      return TRUE;
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(FreightSfError) error = freight_sf_error_parse ((const char *) data, size);

  g_assert (error != NULL);
  g_assert (error->code != NULL && error->message != NULL && error->fields != NULL);
  g_assert (is_within (error->code, (const char *) data, size));
  g_assert (is_within (error->message, (const char *) data, size));
  g_assert (strlen (error->code) + strlen (error->message) + strlen (error->fields) <= size);
  for (const char *f = error->fields; *f != '\0'; f++)
    g_assert (g_ascii_isalnum (*f) || *f == '_' || *f == '.' || *f == ',');
  return 0;
}
