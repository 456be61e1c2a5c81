/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-soql"

#include "config.h"

#include <string.h>

#include "lo-soql-private.h"

/* Salesforce shows the part of the offending line within this many characters of the error,
 * widened to whole tokens (derived from real messages: see _lo_soql_set_error_at()). */
#define WINDOW_RADIUS 30

static gboolean
is_ident_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static gboolean
is_date_at (const char *s,
            gsize       length)
{
  static const char pattern[] = "dddd-dd-dd";

  if (length < 10)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != '-')
      return FALSE;
  return length == 10 || !g_ascii_isdigit (s[10]);
}

static gsize
line_start_of (const char *text,
               gsize       offset)
{
  while (offset > 0 && text[offset - 1] != '\n')
    offset--;
  return offset;
}

static guint
row_of (const char *text,
        gsize       offset)
{
  guint row = 1;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      row++;
  return row;
}

static glong
chars_between (const char *text,
               gsize       from,
               gsize       to)
{
  return g_utf8_strlen (text + from, to - from);
}

/* The character at @offset as a message shows it: itself, or its \u code point when invisible. */
static char *
describe_char (const char *text,
               gsize       length,
               gsize       offset)
{
  const char *p = text + offset;
  gunichar c = g_utf8_get_char_validated (p, length - offset);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return g_strdup_printf ("\\x%02X", (guchar) *p);
  if (!g_unichar_isprint (c))
    return g_strdup_printf ("\\u%04X", c);
  return g_strndup (p, g_utf8_next_char (p) - p);
}

/* Errors of the lexer read like Salesforce's own ("line 1:15 unexpected token: '$'"): a line
 * and a 0-based column, no excerpt of the statement. */
static gboolean
lex_error (GError     **error,
           const char  *text,
           gsize        length,
           gsize        offset)
{
  g_autofree char *what = describe_char (text, length, offset);
  gsize line_start = line_start_of (text, offset);

  g_set_error (error, LO_SOQL_ERROR, LO_SOQL_ERROR_MALFORMED_QUERY,
               "line %u:%ld unexpected token: '%s'", row_of (text, offset),
               chars_between (text, line_start, offset), what);
  return FALSE;
}

static void
push (LoSoqlSource    *source,
      LoSoqlTokenType  type,
      gsize            start,
      gsize            end)
{
  LoSoqlToken token = { type, start, end };

  g_array_append_val (source->tokens, token);
}

static gsize
scan_string (const char *text,
             gsize       length,
             gsize       i)
{
  /* @i is on the opening quote; returns the offset after the closing one, or 0. Raw line
   * breaks end a string literal unterminated, as in Salesforce's grammar. */
  for (i++; i < length; i++)
    {
      if (text[i] == '\\' && i + 1 < length && text[i + 1] != '\n' && text[i + 1] != '\r')
        i++;
      else if (text[i] == '\'')
        return i + 1;
      else if (text[i] == '\n' || text[i] == '\r')
        return 0;
    }
  return 0;
}

static gsize
scan_number (const char *text,
             gsize       length,
             gsize       i)
{
  while (i < length && g_ascii_isdigit (text[i]))
    i++;
  if (i < length && text[i] == '.')
    for (i++; i < length && g_ascii_isdigit (text[i]); i++)
      ;
  return i;
}

static gsize
scan_ident (const char *text,
            gsize       length,
            gsize       i)
{
  for (;;)
    {
      while (i < length && is_ident_char (text[i]))
        i++;
      /* A dotted path written without spaces is one token, as Salesforce's excerpts show. */
      if (i + 1 < length && text[i] == '.' && is_ident_start (text[i + 1]))
        i++;
      else
        return i;
    }
}

static LoSoqlTokenType
scan_operator (const char *text,
               gsize       length,
               gsize      *i)
{
  char c = text[*i];
  char next = *i + 1 < length ? text[*i + 1] : '\0';

  (*i)++;
  switch (c)
    {
    case ',': return LO_SOQL_TOKEN_COMMA;
    case '.': return LO_SOQL_TOKEN_DOT;
    case '(': return LO_SOQL_TOKEN_LPAREN;
    case ')': return LO_SOQL_TOKEN_RPAREN;
    case ':': return LO_SOQL_TOKEN_COLON;
    case '+': return LO_SOQL_TOKEN_PLUS;
    case '-': return LO_SOQL_TOKEN_MINUS;
    case '=': return LO_SOQL_TOKEN_EQ;
    case '!':
      if (next != '=')
        break;
      (*i)++;
      return LO_SOQL_TOKEN_NE;
    case '<':
      if (next == '=' || next == '>')
        (*i)++;
      return next == '=' ? LO_SOQL_TOKEN_LE : next == '>' ? LO_SOQL_TOKEN_NE : LO_SOQL_TOKEN_LT;
    case '>':
      if (next == '=')
        (*i)++;
      return next == '=' ? LO_SOQL_TOKEN_GE : LO_SOQL_TOKEN_GT;
    default:
      if (strchr (";[]{}*/&|?^%~@`", c) != NULL)
        return LO_SOQL_TOKEN_PUNCT;
      break;
    }
  (*i)--;
  return LO_SOQL_TOKEN_EOF;
}

/**
 * _lo_soql_lex:
 *
 * Splits @text into tokens. Only characters SOQL has a use for pass; the rest ($, ", #,
 * control characters, non-ASCII outside string literals, invalid UTF-8) are errors here.
 */
gboolean
_lo_soql_lex (LoSoqlSource  *source,
              const char    *text,
              GError       **error)
{
  gsize length = strlen (text);
  const char *invalid = NULL;
  gsize i = 0;

  source->text = text;
  source->length = length;
  source->tokens = g_array_new (FALSE, FALSE, sizeof (LoSoqlToken));

  if (!g_utf8_validate (text, length, &invalid))
    return lex_error (error, text, length, invalid - text);
  if (g_utf8_strlen (text, length) > LO_SOQL_MAX_LENGTH)
    {
      g_set_error (error, LO_SOQL_ERROR, LO_SOQL_ERROR_MALFORMED_QUERY,
                   "SOQL statements cannot be longer than %d characters.", LO_SOQL_MAX_LENGTH);
      return FALSE;
    }

  while (i < length)
    {
      gsize start = i;
      char c = text[i];
      LoSoqlTokenType type;

      if (is_space (c))
        {
          i++;
          continue;
        }
      if (is_ident_start (c))
        {
          i = scan_ident (text, length, i);
          type = LO_SOQL_TOKEN_IDENT;
        }
      else if (is_date_at (text + i, length - i))
        {
          i += 10;
          type = LO_SOQL_TOKEN_DATE;
          if (i < length && (text[i] == 'T' || text[i] == 't'))
            {
              while (i < length && strchr ("0123456789:.+-zZtT", text[i]) != NULL)
                i++;
              type = LO_SOQL_TOKEN_DATETIME;
            }
        }
      else if (g_ascii_isdigit (c)
               || (c == '.' && i + 1 < length && g_ascii_isdigit (text[i + 1])))
        {
          i = scan_number (text, length, i);
          type = LO_SOQL_TOKEN_NUMBER;
        }
      else if (c == '\'')
        {
          i = scan_string (text, length, i);
          if (i == 0)
            return lex_error (error, text, length, start);
          type = LO_SOQL_TOKEN_STRING;
        }
      else
        {
          type = scan_operator (text, length, &i);
          if (type == LO_SOQL_TOKEN_EOF)
            return lex_error (error, text, length, start);
        }
      push (source, type, start, i);
    }

  /* The end sits right after the last token, where the statement stops making sense. */
  i = source->tokens->len > 0
      ? g_array_index (source->tokens, LoSoqlToken, source->tokens->len - 1).end : 0;
  push (source, LO_SOQL_TOKEN_EOF, i, i);
  return TRUE;
}

void
_lo_soql_source_clear (LoSoqlSource *source)
{
  g_clear_pointer (&source->tokens, g_array_unref);
}

char *
_lo_soql_token_text (const LoSoqlSource *source,
                     const LoSoqlToken  *token)
{
  if (token->type == LO_SOQL_TOKEN_EOF)
    return g_strdup ("<EOF>");
  return g_strndup (source->text + token->start, token->end - token->start);
}

/* Keywords are case-insensitive, and never dotted. */
gboolean
_lo_soql_token_is (const LoSoqlSource *source,
                   const LoSoqlToken  *token,
                   const char         *keyword)
{
  gsize length = strlen (keyword);

  return token->type == LO_SOQL_TOKEN_IDENT && token->end - token->start == length
         && g_ascii_strncasecmp (source->text + token->start, keyword, length) == 0;
}

/**
 * _lo_soql_set_error_at:
 * @offset: byte offset of the offending token
 *
 * Sets an error shaped like Salesforce's:
 *
 *   \nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column …
 *
 * The excerpt is the offending line, cut to the tokens that overlap WINDOW_RADIUS characters
 * either side of the error. Real messages on long queries fit exactly that rule, e.g.
 * "\nCampaign.Name, Pricebook2.Name, Contact.Name, LastAmountChangedHistory.Id\n" with the
 * caret under "Contact" at Column:1315 (forcedotcom/SFDX-Data-Move-Utility#432) and
 * "LastModifiedDate>TODAY GROUP BY LastModifiedDate" at Column:182 (forcedotcom/cli#1356).
 */
void
_lo_soql_set_error_at (GError             **error,
                       const LoSoqlSource  *source,
                       gsize                offset,
                       LoSoqlError          code,
                       const char          *format,
                       ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *excerpt = NULL;
  const char *text = source->text;
  gsize line_start, line_end;
  gsize window_start = G_MAXSIZE, window_end = 0;
  glong column, caret;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  offset = MIN (offset, source->length);
  line_start = line_start_of (text, offset);
  for (line_end = offset; line_end < source->length && text[line_end] != '\n'; line_end++)
    ;
  column = chars_between (text, line_start, offset);

  for (guint i = 0; source->tokens != NULL && i < source->tokens->len; i++)
    {
      const LoSoqlToken *token = &g_array_index (source->tokens, LoSoqlToken, i);
      glong start, end;

      if (token->type == LO_SOQL_TOKEN_EOF || token->start < line_start
          || token->end > line_end)
        continue;
      start = chars_between (text, line_start, token->start);
      end = chars_between (text, line_start, token->end);
      if (end > column - WINDOW_RADIUS && start < column + WINDOW_RADIUS)
        {
          window_start = MIN (window_start, token->start);
          window_end = MAX (window_end, token->end);
        }
    }
  if (window_start == G_MAXSIZE)
    window_start = window_end = offset;

  excerpt = g_strndup (text + window_start, window_end - window_start);
  caret = window_start <= offset ? chars_between (text, window_start, offset) : 0;
  g_set_error (error, LO_SOQL_ERROR, code, "\n%s\n%*s^\nERROR at Row:%u:Column:%ld\n%s",
               excerpt, (int) caret, "", row_of (text, offset), column + 1, detail);
}
