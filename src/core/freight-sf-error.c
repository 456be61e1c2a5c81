/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-sf-error"

#include "config.h"

#include <string.h>

#include "freight-sf-error.h"

/* The `sf__Error` values of failed results look like
 *
 *   REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --
 *   DUPLICATE_VALUE:duplicate value found: Ext__c duplicates value on record with id: 001…:--
 *   STRING_TOO_LONG:Name: data value too large: a:b (max length=255):Name --
 *
 * The message itself may hold colons, so the code is taken from the front (an upper-case
 * identifier and a colon) and the fields from the back (after the last colon, before `--`),
 * and only when that tail really is a list of field names. Anything else is kept whole as
 * the message, so no text is ever lost. */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
strip (const char **s,
       gsize       *len)
{
  while (*len > 0 && is_space ((*s)[0]))
    (*s)++, (*len)--;
  while (*len > 0 && is_space ((*s)[*len - 1]))
    (*len)--;
}

static gboolean
ends_with (const char *s,
           gsize       len,
           const char *suffix)
{
  gsize n = strlen (suffix);

  return len >= n && memcmp (s + len - n, suffix, n) == 0;
}

/* The length of a leading status code (upper-case letters, digits, underscores, at least
 * one letter, two characters or more) followed by a colon, or 0. */
static gsize
code_length (const char *s,
             gsize       len)
{
  gboolean has_letter = FALSE;
  gsize i;

  for (i = 0; i < len; i++)
    {
      char c = s[i];

      if (g_ascii_isupper (c))
        has_letter = TRUE;
      else if (!g_ascii_isdigit (c) && c != '_')
        break;
    }
  if (i < 2 || i >= len || s[i] != ':' || !has_letter)
    return 0;
  return i;
}

static gboolean
is_field_name (const char *s,
               gsize       len)
{
  if (len == 0 || !g_ascii_isalpha (s[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '_' && s[i] != '.')
      return FALSE;
  return TRUE;
}

/* Parses `Field1, Field2` into `Field1,Field2`; %NULL if @s is not such a list. */
static char *
parse_field_list (const char *s,
                  gsize       len)
{
  g_autoptr(GString) fields = g_string_new (NULL);
  gsize start = 0;

  strip (&s, &len);
  if (len == 0)
    return g_strdup ("");

  while (start <= len)
    {
      const char *comma = memchr (s + start, ',', len - start);
      gsize end = comma != NULL ? (gsize) (comma - s) : len;
      const char *name = s + start;
      gsize name_len = end - start;

      strip (&name, &name_len);
      if (!is_field_name (name, name_len))
        return NULL;
      if (fields->len > 0)
        g_string_append_c (fields, ',');
      g_string_append_len (fields, name, name_len);
      start = end + 1;
    }
  return g_string_free (g_steal_pointer (&fields), FALSE);
}

static char *
dup_stripped (const char *s,
              gsize       len)
{
  strip (&s, &len);
  return g_strndup (s, len);
}

/**
 * freight_sf_error_parse:
 * @text: (array length=len): an `sf__Error` value
 * @len: its length, or -1 if NUL-terminated
 *
 * Splits a per-row error into code, message and fields. Never fails: text of another shape
 * becomes the message, with an empty code and no fields.
 *
 * Returns: (transfer full): the parts
 */
FreightSfError *
freight_sf_error_parse (const char *text,
                        gssize      len)
{
  g_autoptr(FreightSfError) error = g_new0 (FreightSfError, 1);
  const char *rest;
  gsize rest_len, n, code_len;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);
  n = len;
  strip (&text, &n);

  code_len = code_length (text, n);
  error->code = g_strndup (text, code_len);
  rest = code_len > 0 ? text + code_len + 1 : text;
  rest_len = code_len > 0 ? n - code_len - 1 : n;

  if (ends_with (rest, rest_len, "--"))
    {
      const char *body = rest;
      gsize body_len = rest_len - 2;

      if (body_len == 0)
        {
          /* `CODE:--` */
          error->message = g_strdup ("");
          error->fields = g_strdup ("");
          return g_steal_pointer (&error);
        }
      if (body[body_len - 1] == ':')
        {
          /* `CODE:message:--` */
          error->message = dup_stripped (body, body_len - 1);
          error->fields = g_strdup ("");
          return g_steal_pointer (&error);
        }
      while (body_len > 0 && is_space (body[body_len - 1]))
        body_len--;
      for (gsize i = body_len; i > 0; i--)
        {
          if (body[i - 1] == ':')
            {
              /* `CODE:message:Field1,Field2 --` */
              error->fields = parse_field_list (body + i, body_len - i);
              if (error->fields != NULL)
                {
                  error->message = dup_stripped (body, i - 1);
                  return g_steal_pointer (&error);
                }
              break;
            }
        }
    }

  error->message = dup_stripped (rest, rest_len);
  error->fields = g_strdup ("");
  return g_steal_pointer (&error);
}

/**
 * freight_sf_error_free:
 *
 * Frees @error.
 */
void
freight_sf_error_free (FreightSfError *error)
{
  if (error == NULL)
    return;
  g_free (error->code);
  g_free (error->message);
  g_free (error->fields);
  g_free (error);
}
