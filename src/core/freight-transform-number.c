/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-transform"

#include "config.h"

#include <string.h>

#include "freight-transform-private.h"

/* Numbers stay decimal strings from source to job file: no binary floating point, so
 * 0.1 stays 0.1 and an 18-digit number keeps every digit. */

#define MAX_EXPONENT 400

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

static gunichar
peek_char (const Cursor *c)
{
  if (c->p >= c->end)
    return 0;
  return g_utf8_get_char_validated (c->p, c->end - c->p);
}

static void
next_char (Cursor *c)
{
  c->p = g_utf8_next_char (c->p);
}

static gboolean
is_space (gunichar ch)
{
  return ch == ' ' || ch == '\t' || ch == 0x00A0 || ch == 0x202F || ch == 0x2009;
}

static gboolean
is_grouping (gunichar             ch,
             FreightDigitGrouping grouping)
{
  switch (grouping)
    {
    case FREIGHT_DIGIT_GROUPING_COMMA:
      return ch == ',';
    case FREIGHT_DIGIT_GROUPING_POINT:
      return ch == '.';
    case FREIGHT_DIGIT_GROUPING_SPACE:
      return ch == ' ' || ch == 0x00A0 || ch == 0x202F || ch == 0x2009;
    case FREIGHT_DIGIT_GROUPING_APOSTROPHE:
      return ch == '\'' || ch == 0x2019;
    case FREIGHT_DIGIT_GROUPING_NONE:
    default:
      return FALSE;
    }
}

static gboolean
is_minus (gunichar ch)
{
  return ch == '-' || ch == 0x2212;
}

static gboolean
add_digit (FreightParsedNumber *r,
           char                 digit,
           gboolean             in_fraction)
{
  if (r->n_digits == 0 && digit == '0')
    {
      /* A leading zero: before the point it means nothing, after it it shifts. */
      if (in_fraction)
        r->point--;
      return TRUE;
    }
  if (r->n_digits == sizeof r->digits)
    return FALSE;
  r->digits[r->n_digits++] = digit;
  if (!in_fraction)
    r->point++;
  return TRUE;
}

/* Signs, currency symbols and spaces around the digits, in any order, each once. */
static gboolean
parse_affixes (Cursor              *c,
               FreightParsedNumber *r,
               gboolean            *seen_sign,
               gboolean             allow_percent)
{
  for (;;)
    {
      gunichar ch = peek_char (c);

      if (is_space (ch))
        next_char (c);
      else if ((ch == '+' || is_minus (ch)) && !*seen_sign)
        {
          *seen_sign = TRUE;
          r->negative = is_minus (ch);
          next_char (c);
        }
      else if (g_unichar_type (ch) == G_UNICODE_CURRENCY_SYMBOL && !r->currency)
        {
          r->currency = TRUE;
          next_char (c);
        }
      else if (ch == '%' && allow_percent && !r->percent)
        {
          r->percent = TRUE;
          next_char (c);
        }
      else
        return TRUE;
    }
}

FreightParseStatus
_freight_parse_number (const char           *text,
                       gsize                  length,
                       gunichar               decimal,
                       FreightDigitGrouping   grouping,
                       FreightParsedNumber   *r)
{
  Cursor c = { text, text + length };
  gboolean seen_sign = FALSE;
  gboolean parenthesized = FALSE;
  gboolean in_fraction = FALSE;
  gboolean any_digit = FALSE;
  guint group_length = 0;
  gboolean grouped = FALSE;

  memset (r, 0, sizeof *r);

  /* Accounting negatives: (1,234.50) */
  if (length >= 2 && text[0] == '(' && text[length - 1] == ')')
    {
      parenthesized = TRUE;
      c.p++;
      c.end--;
    }

  parse_affixes (&c, r, &seen_sign, FALSE);

  for (;;)
    {
      gunichar ch = peek_char (&c);

      if (g_ascii_isdigit (ch))
        {
          if (!add_digit (r, (char) ch, in_fraction))
            return FREIGHT_PARSE_OUT_OF_RANGE;
          any_digit = TRUE;
          group_length++;
          next_char (&c);
        }
      else if (ch == decimal && !in_fraction)
        {
          if (grouped && group_length != 3)
            return FREIGHT_PARSE_SYNTAX;
          in_fraction = TRUE;
          next_char (&c);
        }
      else if (!in_fraction && is_grouping (ch, grouping) && any_digit)
        {
          Cursor after = c;

          /* A separator not followed by a digit ends the number (`100 €`). */
          next_char (&after);
          if (!g_ascii_isdigit (peek_char (&after)))
            break;
          /* 1,234,567: the first group has 1–3 digits, every later one exactly 3. */
          if ((grouped && group_length != 3) || (!grouped && group_length > 3))
            return FREIGHT_PARSE_SYNTAX;
          c = after;
          grouped = TRUE;
          group_length = 0;
        }
      else
        break;
    }
  if (!any_digit)
    return FREIGHT_PARSE_SYNTAX;
  if (grouped && !in_fraction && group_length != 3)
    return FREIGHT_PARSE_SYNTAX;

  if (peek_char (&c) == 'e' || peek_char (&c) == 'E')
    {
      int sign = 1;
      int exponent = 0;
      gboolean exponent_digits = FALSE;

      next_char (&c);
      if (peek_char (&c) == '+')
        next_char (&c);
      else if (is_minus (peek_char (&c)))
        {
          sign = -1;
          next_char (&c);
        }
      while (g_ascii_isdigit (peek_char (&c)))
        {
          exponent = exponent * 10 + (int) (peek_char (&c) - '0');
          if (exponent > MAX_EXPONENT)
            return FREIGHT_PARSE_OUT_OF_RANGE;
          exponent_digits = TRUE;
          next_char (&c);
        }
      if (!exponent_digits)
        return FREIGHT_PARSE_SYNTAX;
      if (r->n_digits > 0)
        r->point += sign * exponent;
    }

  parse_affixes (&c, r, &seen_sign, TRUE);
  if (c.p != c.end)
    return FREIGHT_PARSE_SYNTAX;
  if (parenthesized)
    {
      if (seen_sign)
        return FREIGHT_PARSE_SYNTAX;
      r->negative = TRUE;
    }
  if (r->n_digits == 0)
    {
      r->point = 0;
      r->negative = FALSE;
    }
  return FREIGHT_PARSE_OK;
}

/* Rounds half away from zero to @scale decimals, as Salesforce does when it saves a
 * value. Returns %TRUE if a digit other than 0 was dropped. */
gboolean
_freight_number_round (FreightParsedNumber *r,
                       guint                scale)
{
  int keep = r->point + (int) scale;
  gboolean dropped_nonzero = FALSE;
  gboolean round_up;

  if ((int) r->n_digits <= keep)
    return FALSE;

  for (int i = MAX (keep, 0); i < (int) r->n_digits; i++)
    dropped_nonzero |= r->digits[i] != '0';

  if (keep < 0)
    round_up = FALSE;
  else
    round_up = r->digits[keep] >= '5';

  r->n_digits = MAX (keep, 0);
  if (round_up)
    {
      int i = (int) r->n_digits - 1;

      while (i >= 0 && r->digits[i] == '9')
        r->digits[i--] = '0';
      if (i >= 0)
        r->digits[i]++;
      else
        {
          memmove (r->digits + 1, r->digits, r->n_digits);
          r->digits[0] = '1';
          r->n_digits++;
          r->point++;
        }
    }

  if (r->n_digits == 0)
    {
      r->n_digits = 0;
      r->point = 0;
      r->negative = FALSE;
    }
  return dropped_nonzero;
}

guint
_freight_number_integer_digits (const FreightParsedNumber *r)
{
  return r->n_digits > 0 && r->point > 0 ? (guint) r->point : 0;
}

gboolean
_freight_number_has_fraction (const FreightParsedNumber *r)
{
  for (int i = MAX (r->point, 0); i < (int) r->n_digits; i++)
    if (r->digits[i] != '0')
      return TRUE;
  return FALSE;
}

void
_freight_number_format (const FreightParsedNumber *r,
                        GString                   *out)
{
  if (r->n_digits == 0)
    {
      g_string_append_c (out, '0');
      return;
    }
  if (r->negative)
    g_string_append_c (out, '-');
  if (r->point <= 0)
    {
      g_string_append (out, "0.");
      for (int i = r->point; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append_len (out, r->digits, r->n_digits);
      return;
    }
  g_string_append_len (out, r->digits, MIN ((guint) r->point, r->n_digits));
  for (int i = r->n_digits; i < r->point; i++)
    g_string_append_c (out, '0');
  if ((int) r->n_digits > r->point)
    {
      g_string_append_c (out, '.');
      g_string_append_len (out, r->digits + r->point, r->n_digits - r->point);
    }
}
