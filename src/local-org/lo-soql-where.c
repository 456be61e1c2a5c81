/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-soql"

#include "config.h"

#include <string.h>

#include "freight.h"
#include "lo-soql-private.h"

/*
 * WHERE, compiled to SQL whose every condition is 0 or 1, never NULL: SOQL has no unknown
 * truth value. A comparison with a blank field is false except !=, which is true ("Name !=
 * 'Acme'" includes records without a Name), and NOT negates that. NOT IN leaves blank
 * fields out, as SQL's does (sfdcdevelopers.com, "SOQL NOT IN, NOT EQUAL & NOT LIKE", 2026;
 * unconfirmed elsewhere). A blank boolean counts as false, as Salesforce documents for
 * "Checkbox = null".
 */

typedef enum
{
  KIND_TEXT,
  KIND_ID,
  KIND_BOOLEAN,
  KIND_NUMBER,
  KIND_DATE,
  KIND_DATETIME,
  KIND_TIME,
} Kind;

static Kind
kind_of (const LoField *field)
{
  switch (field->type)
    {
    case LO_FIELD_ID:
    case LO_FIELD_REFERENCE:
      return KIND_ID;
    case LO_FIELD_BOOLEAN:
      return KIND_BOOLEAN;
    case LO_FIELD_INT:
    case LO_FIELD_DOUBLE:
    case LO_FIELD_CURRENCY:
    case LO_FIELD_PERCENT:
      return KIND_NUMBER;
    case LO_FIELD_DATE:
      return KIND_DATE;
    case LO_FIELD_DATETIME:
      return KIND_DATETIME;
    case LO_FIELD_TIME:
      return KIND_TIME;
    default:
      return KIND_TEXT;
    }
}

/* The type a literal must have, as Salesforce's message names it (SOAP type names). */
static const char *
type_word (const LoField *field)
{
  switch (kind_of (field))
    {
    case KIND_TEXT: return "string";
    case KIND_ID: return "id";
    case KIND_BOOLEAN: return "boolean";
    case KIND_NUMBER: return field->type == LO_FIELD_INT ? "int" : "double";
    case KIND_DATE: return "date";
    case KIND_DATETIME: return "dateTime";
    case KIND_TIME: return "time";
    default: g_assert_not_reached ();
    }
}

static gboolean
accepts (Kind            kind,
         LoSoqlValueKind value)
{
  switch (value)
    {
    case LO_SOQL_VALUE_NULL: return TRUE;
    case LO_SOQL_VALUE_STRING: return kind == KIND_TEXT || kind == KIND_ID;
    case LO_SOQL_VALUE_BOOLEAN: return kind == KIND_BOOLEAN;
    case LO_SOQL_VALUE_NUMBER: return kind == KIND_NUMBER;
    case LO_SOQL_VALUE_DATE: return kind == KIND_DATE;
    case LO_SOQL_VALUE_DATETIME: return kind == KIND_DATETIME;
    case LO_SOQL_VALUE_DATE_FORMULA: return kind == KIND_DATE || kind == KIND_DATETIME;
    default: g_assert_not_reached ();
    }
}

static gboolean
is_filterable (const LoField *field)
{
  return field->storage != LO_STORAGE_NONE && field->type != LO_FIELD_ENCRYPTEDSTRING
         && field->type != LO_FIELD_BASE64
         && !(field->type == LO_FIELD_TEXTAREA && field->length > 255);
}

static gboolean
operator_allowed (const LoField *field,
                  LoSoqlOp       op)
{
  Kind kind = kind_of (field);

  switch (op)
    {
    case LO_SOQL_OP_LIKE:
      return kind == KIND_TEXT && field->type != LO_FIELD_MULTIPICKLIST;
    case LO_SOQL_OP_LT:
    case LO_SOQL_OP_LE:
    case LO_SOQL_OP_GT:
    case LO_SOQL_OP_GE:
      return kind != KIND_BOOLEAN && field->type != LO_FIELD_MULTIPICKLIST;
    default:
      return TRUE;
    }
}

/* Joins conditions in flat groups of at most this many, then the groups likewise: long
 * chains stay within both SQLite's expression depth (1000) and its parser stack. */
#define GROUP_SIZE 64

static char *
combine (GPtrArray  *parts,
         const char *joiner)
{
  g_autoptr(GPtrArray) level = g_ptr_array_ref (parts);

  while (level->len > 1)
    {
      g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < level->len; i += GROUP_SIZE)
        {
          g_autoptr(GString) group = g_string_new ("(");
          guint end = MIN (i + GROUP_SIZE, level->len);

          for (guint k = i; k < end; k++)
            g_string_append_printf (group, "%s%s", k > i ? joiner : "",
                                    (char *) g_ptr_array_index (level, k));
          g_string_append_c (group, ')');
          g_ptr_array_add (groups, g_string_free (g_steal_pointer (&group), FALSE));
        }
      g_ptr_array_unref (level);
      level = g_steal_pointer (&groups);
    }
  return g_strdup (g_ptr_array_index (level, 0));
}

static gboolean
bad_escape (LoSoqlCompiler    *c,
            const LoSoqlValue *value,
            const char        *sequence,
            int                length)
{
  _lo_soql_set_error_at (c->error, c->source, value->offset, LO_SOQL_ERROR_MALFORMED_QUERY,
                         "Invalid string literal %s. Illegal character sequence '%.*s' in "
                         "string literal.", value->raw, length, sequence);
  return FALSE;
}

static void
append_char (GString  *out,
             gunichar  c,
             gboolean  like)
{
  if (like && (c == '%' || c == '_' || c == '\\'))
    g_string_append_c (out, '\\');
  g_string_append_unichar (out, c);
}

/**
 * decode_string:
 * @like: decode a LIKE pattern: % and _ stay wildcards, and their escaped forms (\% \_)
 *   become literal characters escaped with \ for SQLite's LIKE … ESCAPE '\'
 *
 * Decodes SOQL's escapes: \n \r \t \b \f \" \' \\, \u and four hex digits, and \% \_
 * (literal outside LIKE).
 */
static gboolean
decode_string (LoSoqlCompiler    *c,
               const LoSoqlValue *value,
               gboolean           like,
               GString           *out)
{
  const char *raw = value->raw;
  gsize length = strlen (raw);

  g_assert (length >= 2 && raw[0] == '\'' && raw[length - 1] == '\'');
  for (gsize i = 1; i < length - 1; i++)
    {
      gunichar code = 0;

      if (raw[i] != '\\')
        {
          g_string_append_c (out, raw[i]);
          continue;
        }
      switch (raw[++i])
        {
        case 'n': case 'N': append_char (out, '\n', like); break;
        case 'r': case 'R': append_char (out, '\r', like); break;
        case 't': case 'T': append_char (out, '\t', like); break;
        case 'b': case 'B': append_char (out, '\b', like); break;
        case 'f': case 'F': append_char (out, '\f', like); break;
        case '"': case '\'': case '\\': case '%': case '_':
          append_char (out, raw[i], like);
          break;
        case 'u':
          for (guint k = 1; k <= 4; k++)
            {
              if (i + k >= length - 1 || !g_ascii_isxdigit (raw[i + k]))
                return bad_escape (c, value, raw + i - 1, 2);
              code = code * 16 + g_ascii_xdigit_value (raw[i + k]);
            }
          /* NUL and lone surrogates cannot be stored as text. */
          if (code == 0 || !g_unichar_validate (code))
            return bad_escape (c, value, raw + i - 1, 6);
          append_char (out, code, like);
          i += 4;
          break;
        default:
          return bad_escape (c, value, raw + i - 1,
                             (int) (g_utf8_next_char (raw + i) - (raw + i - 1)));
        }
    }
  return TRUE;
}

static char *
quoted (const char *text)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  _lo_soql_append_quoted (sql, text);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static char *
number_sql (const char *raw)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  /* The parser let through [+-] digits [. digits] only; SQLite wants a digit either side. */
  if (*raw == '-' || *raw == '+')
    {
      if (*raw == '-')
        g_string_append_c (sql, '-');
      raw++;
    }
  if (*raw == '.')
    g_string_append_c (sql, '0');
  g_string_append (sql, raw);
  if (g_str_has_suffix (raw, "."))
    g_string_append_c (sql, '0');
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* ref >= bound (@below FALSE) or ref < bound (@below TRUE). */
static char *
bound_sql (LoSoqlCompiler  *c,
           const LoSoqlRef *ref,
           LoSoqlBound      bound,
           gboolean         below)
{
  g_autofree char *text = NULL;
  LoSoqlBoundKind kind = bound.kind;

  if (kind == LO_SOQL_BOUND_DAY)
    {
      text = kind_of (ref->field) == KIND_DATETIME
             ? _lo_soql_format_day_start (bound.day, c->time_zone)
             : _lo_soql_format_day (bound.day);
      if (text == NULL)
        kind = bound.day < 0 ? LO_SOQL_BOUND_BEFORE_ALL : LO_SOQL_BOUND_AFTER_ALL;
    }
  switch (kind)
    {
    case LO_SOQL_BOUND_BEFORE_ALL:
      return below ? g_strdup ("0") : g_strdup_printf ("(%s IS NOT NULL)", ref->sql);
    case LO_SOQL_BOUND_AFTER_ALL:
      return below ? g_strdup_printf ("(%s IS NOT NULL)", ref->sql) : g_strdup ("0");
    case LO_SOQL_BOUND_DAY:
    default:
      return g_strdup_printf ("IFNULL(%s %s '%s', 0)", ref->sql, below ? "<" : ">=", text);
    }
}

/* A relative date literal: "= THIS_MONTH" is within the month, "> THIS_MONTH" after it. */
static char *
range_condition (LoSoqlCompiler    *c,
                 const LoSoqlRef   *ref,
                 LoSoqlOp           op,
                 const LoSoqlValue *value)
{
  LoSoqlDayRange range;
  g_autofree char *ge_start = NULL;
  g_autofree char *lt_end = NULL;

  _lo_soql_date_formula_range (value->formula, value->n, c->today, c->first_day_of_week,
                               &range);
  switch (op)
    {
    case LO_SOQL_OP_LT: return bound_sql (c, ref, range.start, TRUE);
    case LO_SOQL_OP_LE: return bound_sql (c, ref, range.end, TRUE);
    case LO_SOQL_OP_GT: return bound_sql (c, ref, range.end, FALSE);
    case LO_SOQL_OP_GE: return bound_sql (c, ref, range.start, FALSE);
    case LO_SOQL_OP_EQ:
    case LO_SOQL_OP_NE:
      ge_start = bound_sql (c, ref, range.start, FALSE);
      lt_end = bound_sql (c, ref, range.end, TRUE);
      return g_strdup_printf (op == LO_SOQL_OP_EQ ? "(%s AND %s)" : "(NOT (%s AND %s))",
                              ge_start, lt_end);
    default:
      g_assert_not_reached ();
    }
}

/* The literal a value compares as, in SQL; sets *blank when it means a blank field. */
static char *
literal_sql (LoSoqlCompiler    *c,
             const LoSoqlRef   *ref,
             LoSoqlOp           op,
             const LoSoqlValue *value,
             gboolean          *blank)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *lower = NULL;
  char id[19];
  char utc[25];
  gint64 day;

  *blank = FALSE;
  switch (value->kind)
    {
    case LO_SOQL_VALUE_NULL:
      *blank = TRUE;
      return g_strdup ("NULL");
    case LO_SOQL_VALUE_BOOLEAN:
      return g_strdup (value->boolean ? "1" : "0");
    case LO_SOQL_VALUE_NUMBER:
      return number_sql (value->raw);
    case LO_SOQL_VALUE_DATE:
      if (!_lo_soql_parse_date (value->raw, &day))
        break;
      lower = _lo_soql_format_day (day);
      return quoted (lower);
    case LO_SOQL_VALUE_DATETIME:
      if (!_lo_soql_parse_datetime (value->raw, utc))
        break;
      return quoted (utc);
    case LO_SOQL_VALUE_STRING:
      if (!decode_string (c, value, op == LO_SOQL_OP_LIKE, text))
        return NULL;
      if (kind_of (ref->field) == KIND_ID)
        {
          if (!freight_sf_id_to_18 (text->str, -1, id))
            {
              _lo_soql_set_error_at (c->error, c->source, value->offset,
                                     LO_SOQL_ERROR_MALFORMED_QUERY, "invalid ID field: %s",
                                     text->str);
              return NULL;
            }
          return quoted (id);
        }
      /* Salesforce stores no empty strings: '' stands for a blank field. */
      *blank = text->len == 0 && op != LO_SOQL_OP_LIKE;
      if (ref->field->case_sensitive && op != LO_SOQL_OP_LIKE)
        return quoted (text->str);
      lower = g_utf8_strdown (text->str, text->len);
      return quoted (lower);
    case LO_SOQL_VALUE_DATE_FORMULA:
    default:
      g_assert_not_reached ();
    }

  _lo_soql_set_error_at (c->error, c->source, value->offset, LO_SOQL_ERROR_MALFORMED_QUERY,
                         value->kind == LO_SOQL_VALUE_DATE ? "Invalid date: %s"
                                                           : "Invalid datetime: %s",
                         value->raw);
  return NULL;
}

static char *
value_condition (LoSoqlCompiler    *c,
                 const LoSoqlRef   *ref,
                 LoSoqlOp           op,
                 const LoSoqlValue *value)
{
  static const char *const operators[] = { "=", "<>", "<", "<=", ">", ">=", "LIKE" };
  g_autofree char *literal = NULL;
  g_autofree char *lhs = NULL;
  g_autofree char *equal = NULL;
  gboolean blank;

  if (value->kind == LO_SOQL_VALUE_DATE_FORMULA)
    return range_condition (c, ref, op, value);
  literal = literal_sql (c, ref, op, value, &blank);
  if (literal == NULL)
    return NULL;
  if (kind_of (ref->field) == KIND_BOOLEAN)
    {
      /* "= null" is "= false"; "!= null" is "= true". */
      if (blank && op == LO_SOQL_OP_NE)
        return g_strdup_printf ("(IFNULL(%s, 0) = 1)", ref->sql);
      return g_strdup_printf (op == LO_SOQL_OP_EQ ? "(IFNULL(%s, 0) = %s)"
                                                  : "(IFNULL(%s, 0) <> %s)",
                              ref->sql, blank ? "0" : literal);
    }
  if (blank)
    return g_strdup_printf (op == LO_SOQL_OP_EQ ? "(%s IS NULL)" : "(%s IS NOT NULL)",
                            ref->sql);

  if (kind_of (ref->field) == KIND_TEXT
      && (!ref->field->case_sensitive || op == LO_SOQL_OP_LIKE))
    lhs = g_strdup_printf ("lo_soql_lower(%s)", ref->sql);
  else
    lhs = g_strdup (ref->sql);

  switch (op)
    {
    case LO_SOQL_OP_NE:
      equal = g_strdup_printf ("IFNULL(%s = %s, 0)", lhs, literal);
      return g_strdup_printf ("(NOT %s)", equal);
    case LO_SOQL_OP_LIKE:
      return g_strdup_printf ("IFNULL(%s LIKE %s ESCAPE '\\', 0)", lhs, literal);
    case LO_SOQL_OP_EQ:
    case LO_SOQL_OP_LT:
    case LO_SOQL_OP_LE:
    case LO_SOQL_OP_GT:
    case LO_SOQL_OP_GE:
      return g_strdup_printf ("IFNULL(%s %s %s, 0)", lhs, operators[op], literal);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_value (LoSoqlCompiler    *c,
             const LoSoqlCond  *cond,
             const LoSoqlRef   *ref,
             const LoSoqlValue *value)
{
  Kind kind = kind_of (ref->field);

  if (!accepts (kind, value->kind))
    {
      _lo_soql_set_error_at (c->error, c->source, cond->path->offset,
                             LO_SOQL_ERROR_INVALID_FIELD,
                             "value of filter criterion for field '%s' must be of type %s and "
                             "should %sbe enclosed in quotes", cond->path->text,
                             type_word (ref->field),
                             kind == KIND_TEXT || kind == KIND_ID ? "" : "not ");
      return FALSE;
    }
  /* Only = != IN and NOT IN take null (Salesforce: "unexpected token"). */
  if (value->kind == LO_SOQL_VALUE_NULL && cond->op != LO_SOQL_OP_EQ
      && cond->op != LO_SOQL_OP_NE && cond->op != LO_SOQL_OP_IN
      && cond->op != LO_SOQL_OP_NOT_IN)
    {
      _lo_soql_set_error_at (c->error, c->source, value->offset,
                             LO_SOQL_ERROR_MALFORMED_QUERY, "unexpected token: '%s'",
                             value->raw);
      return FALSE;
    }
  return TRUE;
}

static char *
compile_compare (LoSoqlCompiler   *c,
                 const LoSoqlCond *cond)
{
  g_auto(LoSoqlRef) ref = { 0 };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *any = NULL;
  LoSoqlOp op = cond->op;

  if (!_lo_soql_resolve (c, cond->path, &ref))
    return NULL;
  if (!is_filterable (ref.field))
    {
      _lo_soql_set_error_at (c->error, c->source, cond->path->offset,
                             LO_SOQL_ERROR_INVALID_FIELD,
                             "field '%s' can not be filtered in a query call", ref.field->name);
      return NULL;
    }
  for (guint i = 0; i < cond->values->len; i++)
    if (!check_value (c, cond, &ref, g_ptr_array_index (cond->values, i)))
      return NULL;
  if (!operator_allowed (ref.field, op))
    {
      const char *type = kind_of (ref.field) == KIND_ID ? "id" : ref.field->type_name;

      _lo_soql_set_error_at (c->error, c->source, cond->op_offset,
                             LO_SOQL_ERROR_MALFORMED_QUERY, "invalid operator on %s field",
                             type);
      return NULL;
    }

  if (op != LO_SOQL_OP_IN && op != LO_SOQL_OP_NOT_IN)
    return value_condition (c, &ref, op, g_ptr_array_index (cond->values, 0));

  for (guint i = 0; i < cond->values->len; i++)
    {
      char *part = value_condition (c, &ref, LO_SOQL_OP_EQ,
                                    g_ptr_array_index (cond->values, i));

      if (part == NULL)
        return NULL;
      g_ptr_array_add (parts, part);
    }
  any = combine (parts, " OR ");
  if (op == LO_SOQL_OP_IN)
    return g_steal_pointer (&any);
  if (kind_of (ref.field) == KIND_BOOLEAN)
    return g_strdup_printf ("(NOT %s)", any);
  return g_strdup_printf ("(%s IS NOT NULL AND NOT %s)", ref.sql, any);
}

/**
 * _lo_soql_compile_where:
 *
 * Returns: (transfer full) (nullable): the SQL condition, or %NULL with the compiler's error
 *   set.
 */
char *
_lo_soql_compile_where (LoSoqlCompiler   *c,
                        const LoSoqlCond *cond)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *inner = NULL;

  switch (cond->kind)
    {
    case LO_SOQL_COND_COMPARE:
      return compile_compare (c, cond);
    case LO_SOQL_COND_NOT:
      inner = _lo_soql_compile_where (c, g_ptr_array_index (cond->children, 0));
      return inner != NULL ? g_strdup_printf ("(NOT %s)", inner) : NULL;
    case LO_SOQL_COND_AND:
    case LO_SOQL_COND_OR:
      parts = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < cond->children->len; i++)
        {
          char *part = _lo_soql_compile_where (c, g_ptr_array_index (cond->children, i));

          if (part == NULL)
            return NULL;
          g_ptr_array_add (parts, part);
        }
      return combine (parts, cond->kind == LO_SOQL_COND_AND ? " AND " : " OR ");
    default:
      g_assert_not_reached ();
    }
}
