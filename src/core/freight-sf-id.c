/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-sf-id"

#include "config.h"

#include <string.h>

#include "freight-sf-id.h"

static const char suffix_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

static gboolean
is_id_char (char c)
{
  return g_ascii_isalnum (c);
}

static void
compute_suffix (const char *id,
                char        suffix[3])
{
  for (guint chunk = 0; chunk < 3; chunk++)
    {
      guint bits = 0;

      for (guint i = 0; i < 5; i++)
        {
          char c = id[chunk * 5 + i];

          if (c >= 'A' && c <= 'Z')
            bits |= 1u << i;
        }
      suffix[chunk] = suffix_alphabet[bits];
    }
}

/**
 * freight_sf_id_is_valid:
 * @id: a candidate id
 * @length: its length, or -1 if NUL-terminated
 *
 * Returns: %TRUE if @id has 15 alphanumeric characters, or 18 whose last three are the
 *   case-safe suffix of the first 15 (compared case-insensitively, as Salesforce does).
 */
gboolean
freight_sf_id_is_valid (const char *id,
                        gssize      length)
{
  char suffix[3];

  g_return_val_if_fail (id != NULL, FALSE);

  if (length < 0)
    length = strlen (id);
  if (length != FREIGHT_SF_ID_LENGTH_15 && length != FREIGHT_SF_ID_LENGTH_18)
    return FALSE;
  for (gssize i = 0; i < length; i++)
    if (!is_id_char (id[i]))
      return FALSE;
  if (length == FREIGHT_SF_ID_LENGTH_15)
    return TRUE;

  compute_suffix (id, suffix);
  for (guint i = 0; i < 3; i++)
    if (g_ascii_toupper (id[15 + i]) != suffix[i])
      return FALSE;
  return TRUE;
}

/**
 * freight_sf_id_to_18:
 * @id: a valid 15- or 18-character id
 * @length: its length, or -1 if NUL-terminated
 * @out: (out caller-allocates): 19 bytes for the 18-character form and a NUL
 *
 * Returns: %FALSE if @id is not a valid id (then @out is an empty string).
 */
gboolean
freight_sf_id_to_18 (const char *id,
                     gssize      length,
                     char        out[19])
{
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  out[0] = '\0';
  if (length < 0)
    length = strlen (id);
  if (!freight_sf_id_is_valid (id, length))
    return FALSE;

  memcpy (out, id, 15);
  compute_suffix (id, out + 15);
  out[18] = '\0';
  return TRUE;
}

/**
 * freight_sf_id_equal:
 *
 * Returns: %TRUE if @a and @b name the same record: the first 15 characters match
 *   exactly (ids are case-sensitive) and both are valid.
 */
gboolean
freight_sf_id_equal (const char *a,
                     const char *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (!freight_sf_id_is_valid (a, -1) || !freight_sf_id_is_valid (b, -1))
    return FALSE;
  return strncmp (a, b, 15) == 0;
}
