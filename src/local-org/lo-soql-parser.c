/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-soql"

#include "config.h"

#include <string.h>

#include "lo-soql-private.h"

/*
 * A recursive-descent parser for the SOQL subset, following Salesforce's grammar as the
 * public ANTLR grammar of nawforce/apex-parser spells it:
 *
 *   query        SELECT entry (, entry)* FROM name [alias] [WHERE logical]
 *                [ORDER BY order (, order)*] [LIMIT integer]
 *   entry        path                                 (subqueries, TYPEOF, functions: refused)
 *   logical      NOT conditional
 *              | conditional (AND conditional)*
 *              | conditional (OR conditional)*
 *   conditional  ( logical ) | path operator value
 *   operator     = != <> < <= > >= LIKE IN NOT IN
 *   value        NULL TRUE FALSE number string date datetime date-formula[:n] (value, …)
 *   order        path [ASC|DESC] [NULLS FIRST|LAST]
 *
 * so AND and OR never mix without parentheses and NOT covers one conditional: Salesforce
 * answers "a AND b OR c" with "unexpected token: 'OR'" (Summer '24 release notes).
 *
 * Valid SOQL beyond the subset fails with FUNCTIONALITY_NOT_ENABLED and says so, except where
 * the Bulk API 2.0 itself refuses it: then the error is the Bulk API's.
 */

typedef struct
{
  const LoSoqlSource  *source;
  guint                pos;
  gboolean             bulk;
  GError             **error;
} Parser;

/* Words that end a field path's place in the grammar; never field names here. */
static const char *const reserved[] = {
  "AND", "OR", "NOT", "NULL", "TRUE", "FALSE", "LIKE", "IN", "INCLUDES", "EXCLUDES", "SELECT",
  "FROM", "WHERE", "WITH", "USING", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FOR",
  "TYPEOF",
};

static const char *const aggregates[] = {
  "COUNT", "COUNT_DISTINCT", "SUM", "AVG", "MIN", "MAX",
};

static const LoSoqlToken *
peek (Parser *p)
{
  return &g_array_index (p->source->tokens, LoSoqlToken, p->pos);
}

static const LoSoqlToken *
peek_at (Parser *p,
         guint   ahead)
{
  guint last = p->source->tokens->len - 1;

  return &g_array_index (p->source->tokens, LoSoqlToken, MIN (p->pos + ahead, last));
}

static const LoSoqlToken *
previous (Parser *p)
{
  g_assert (p->pos > 0);
  return &g_array_index (p->source->tokens, LoSoqlToken, p->pos - 1);
}

static const LoSoqlToken *
next (Parser *p)
{
  const LoSoqlToken *token = peek (p);

  if (token->type != LO_SOQL_TOKEN_EOF)
    p->pos++;
  return token;
}

static gboolean
at (Parser     *p,
    const char *keyword)
{
  return _lo_soql_token_is (p->source, peek (p), keyword);
}

static gboolean
accept (Parser     *p,
        const char *keyword)
{
  if (!at (p, keyword))
    return FALSE;
  p->pos++;
  return TRUE;
}

static gboolean
is_reserved (Parser            *p,
             const LoSoqlToken *token)
{
  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (_lo_soql_token_is (p->source, token, reserved[i]))
      return TRUE;
  return FALSE;
}

static gpointer
unexpected (Parser            *p,
            const LoSoqlToken *token)
{
  g_autofree char *text = _lo_soql_token_text (p->source, token);

  _lo_soql_set_error_at (p->error, p->source, token->start, LO_SOQL_ERROR_MALFORMED_QUERY,
                         "unexpected token: '%s'", text);
  return NULL;
}

static gboolean
expect (Parser          *p,
        LoSoqlTokenType  type)
{
  if (peek (p)->type != type)
    {
      unexpected (p, peek (p));
      return FALSE;
    }
  p->pos++;
  return TRUE;
}

static gboolean
expect_keyword (Parser     *p,
                const char *keyword)
{
  if (!accept (p, keyword))
    {
      unexpected (p, peek (p));
      return FALSE;
    }
  return TRUE;
}

/* Valid SOQL the local org does not implement. */
static gpointer
unsupported (Parser     *p,
             gsize       offset,
             const char *what)
{
  _lo_soql_set_error_at (p->error, p->source, offset, LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
                         "%s not supported by freight-local-org, which implements a subset of "
                         "SOQL. Rewrite the query without it, or run it against a real org.",
                         what);
  return NULL;
}

/* SOQL the Bulk API 2.0 refuses. Its errors carry no excerpt of the statement. */
static gpointer
bulk_refuses (Parser     *p,
              const char *message)
{
  g_set_error_literal (p->error, LO_SOQL_ERROR, LO_SOQL_ERROR_API_ERROR, message);
  return NULL;
}

static void
path_free (gpointer data)
{
  LoSoqlPath *path = data;

  g_free (path->text);
  g_strfreev (path->segments);
  g_free (path);
}

static void
value_free (gpointer data)
{
  LoSoqlValue *value = data;

  g_free (value->raw);
  g_free (value);
}

static void
cond_free (gpointer data)
{
  LoSoqlCond *cond = data;

  g_clear_pointer (&cond->children, g_ptr_array_unref);
  g_clear_pointer (&cond->path, path_free);
  g_clear_pointer (&cond->values, g_ptr_array_unref);
  g_free (cond);
}

static void
order_free (gpointer data)
{
  LoSoqlOrder *order = data;

  path_free (order->path);
  g_free (order);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoSoqlPath, path_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoSoqlValue, value_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoSoqlCond, cond_free)

void
_lo_soql_ast_free (LoSoqlAst *ast)
{
  g_clear_pointer (&ast->select, g_ptr_array_unref);
  g_free (ast->object);
  g_free (ast->alias);
  g_clear_pointer (&ast->where, cond_free);
  g_clear_pointer (&ast->order_by, g_ptr_array_unref);
  g_free (ast);
}

static char *
text_between (Parser            *p,
              const LoSoqlToken *first,
              const LoSoqlToken *last)
{
  return g_strndup (p->source->text + first->start, last->end - first->start);
}

/* A dotted field path: one token when written without spaces, or IDENT (. IDENT)*. */
static LoSoqlPath *
parse_path (Parser *p)
{
  g_autoptr(LoSoqlPath) path = g_new0 (LoSoqlPath, 1);
  g_autoptr(GString) text = g_string_new (NULL);
  const LoSoqlToken *token = peek (p);

  if (token->type != LO_SOQL_TOKEN_IDENT || is_reserved (p, token))
    return unexpected (p, token);
  path->offset = token->start;
  for (;;)
    {
      g_string_append_len (text, p->source->text + token->start, token->end - token->start);
      p->pos++;
      if (peek (p)->type != LO_SOQL_TOKEN_DOT)
        break;
      p->pos++;
      token = peek (p);
      if (token->type != LO_SOQL_TOKEN_IDENT)
        return unexpected (p, token);
      g_string_append_c (text, '.');
    }
  path->segments = g_strsplit (text->str, ".", -1);
  path->text = g_string_free (g_steal_pointer (&text), FALSE);
  return g_steal_pointer (&path);
}

static gboolean
is_aggregate (Parser            *p,
              const LoSoqlToken *token)
{
  for (guint i = 0; i < G_N_ELEMENTS (aggregates); i++)
    if (_lo_soql_token_is (p->source, token, aggregates[i]))
      return TRUE;
  return FALSE;
}

static LoSoqlPath *
parse_select_entry (Parser *p)
{
  const LoSoqlToken *token = peek (p);

  if (token->type == LO_SOQL_TOKEN_LPAREN)
    {
      /* Confirmed text: salesforcer's tests against a real org (StevenMMortimer/salesforcer,
       * tests/testthat/test-query.R). */
      if (p->bulk)
        return bulk_refuses (p, "Aggregate Relationships not supported in Bulk V2 Query with "
                                "CSV content type");
      return unsupported (p, token->start, "Parent-to-child relationship subqueries are");
    }
  if (_lo_soql_token_is (p->source, token, "TYPEOF")
      && peek_at (p, 1)->type == LO_SOQL_TOKEN_IDENT)
    {
      if (p->bulk)
        return bulk_refuses (p, "TYPEOF not supported in Bulk V2 Query");
      return unsupported (p, token->start, "TYPEOF is");
    }
  if (token->type == LO_SOQL_TOKEN_IDENT && peek_at (p, 1)->type == LO_SOQL_TOKEN_LPAREN)
    {
      if (is_aggregate (p, token))
        {
          if (p->bulk)
            return bulk_refuses (p, "Aggregate queries not supported in Bulk V2 Query");
          return unsupported (p, token->start, "Aggregate functions such as COUNT() are");
        }
      return unsupported (p, token->start, "SOQL functions such as toLabel() or FIELDS() are");
    }
  return parse_path (p);
}

static LoSoqlValue *
new_value (Parser            *p,
           LoSoqlValueKind    kind,
           const LoSoqlToken *first,
           const LoSoqlToken *last)
{
  LoSoqlValue *value = g_new0 (LoSoqlValue, 1);

  value->kind = kind;
  value->offset = first->start;
  value->raw = text_between (p, first, last);
  return value;
}

static gboolean
integer_token (Parser            *p,
               const LoSoqlToken *token,
               gint64             max,
               gint64            *value)
{
  *value = 0;
  if (token->type != LO_SOQL_TOKEN_NUMBER)
    return FALSE;
  for (gsize i = token->start; i < token->end; i++)
    {
      char c = p->source->text[i];

      if (!g_ascii_isdigit (c) || *value > (max - (c - '0')) / 10)
        return FALSE;
      *value = *value * 10 + (c - '0');
    }
  return TRUE;
}

static LoSoqlValue *
parse_date_formula (Parser            *p,
                    const LoSoqlToken *token)
{
  g_autofree char *word = _lo_soql_token_text (p->source, token);
  LoSoqlDateFormula formula;
  const LoSoqlToken *last = token;
  LoSoqlValue *value;
  gboolean takes_n;
  gboolean negative = FALSE;
  gint64 n = 0;

  if (!_lo_soql_date_formula_lookup (word, &formula, &takes_n))
    return unexpected (p, token);
  p->pos++;
  if (takes_n)
    {
      if (!expect (p, LO_SOQL_TOKEN_COLON))
        return NULL;
      if (peek (p)->type == LO_SOQL_TOKEN_PLUS || peek (p)->type == LO_SOQL_TOKEN_MINUS)
        negative = next (p)->type == LO_SOQL_TOKEN_MINUS;
      last = peek (p);
      if (last->type != LO_SOQL_TOKEN_NUMBER
          || memchr (p->source->text + last->start, '.', last->end - last->start) != NULL)
        return unexpected (p, last);
      /* Larger values reach past year 9999 whatever the unit: clamp rather than refuse. */
      if (!integer_token (p, last, G_MAXINT64, &n))
        n = G_MAXINT64;
      p->pos++;
    }
  value = new_value (p, LO_SOQL_VALUE_DATE_FORMULA, token, last);
  value->formula = formula;
  value->n = negative ? -n : n;
  return value;
}

static LoSoqlValue *
parse_value (Parser *p)
{
  const LoSoqlToken *token = peek (p);
  LoSoqlValue *value;

  switch (token->type)
    {
    case LO_SOQL_TOKEN_STRING:
      if (g_utf8_strlen (p->source->text + token->start, token->end - token->start) - 2
          > LO_SOQL_MAX_STRING_LENGTH)
        {
          _lo_soql_set_error_at (p->error, p->source, token->start,
                                 LO_SOQL_ERROR_MALFORMED_QUERY,
                                 "String literals in a WHERE clause cannot be longer than "
                                 "%d characters", LO_SOQL_MAX_STRING_LENGTH);
          return NULL;
        }
      p->pos++;
      return new_value (p, LO_SOQL_VALUE_STRING, token, token);
    case LO_SOQL_TOKEN_NUMBER:
      p->pos++;
      return new_value (p, LO_SOQL_VALUE_NUMBER, token, token);
    case LO_SOQL_TOKEN_DATE:
      p->pos++;
      return new_value (p, LO_SOQL_VALUE_DATE, token, token);
    case LO_SOQL_TOKEN_DATETIME:
      p->pos++;
      return new_value (p, LO_SOQL_VALUE_DATETIME, token, token);
    case LO_SOQL_TOKEN_PLUS:
    case LO_SOQL_TOKEN_MINUS:
      if (peek_at (p, 1)->type != LO_SOQL_TOKEN_NUMBER)
        return unexpected (p, peek_at (p, 1));
      p->pos += 2;
      value = new_value (p, LO_SOQL_VALUE_NUMBER, previous (p), previous (p));
      value->offset = token->start;
      /* The sign may stand apart ("- 5"); the value is written without the gap. */
      if (token->type == LO_SOQL_TOKEN_MINUS)
        {
          char *raw = g_strconcat ("-", value->raw, NULL);

          g_free (value->raw);
          value->raw = raw;
        }
      return value;
    case LO_SOQL_TOKEN_COLON:
      _lo_soql_set_error_at (p->error, p->source, token->start, LO_SOQL_ERROR_MALFORMED_QUERY,
                             "Bind variables only allowed in Apex code");
      return NULL;
    case LO_SOQL_TOKEN_IDENT:
      if (at (p, "NULL") || at (p, "TRUE") || at (p, "FALSE"))
        {
          value = new_value (p, at (p, "NULL") ? LO_SOQL_VALUE_NULL : LO_SOQL_VALUE_BOOLEAN,
                             token, token);
          value->boolean = at (p, "TRUE");
          p->pos++;
          return value;
        }
      return parse_date_formula (p, token);
    default:
      return unexpected (p, token);
    }
}

static gboolean
parse_values (Parser     *p,
              LoSoqlCond *cond)
{
  cond->values = g_ptr_array_new_with_free_func (value_free);
  if (cond->op != LO_SOQL_OP_IN && cond->op != LO_SOQL_OP_NOT_IN)
    {
      LoSoqlValue *value = parse_value (p);

      if (value != NULL)
        g_ptr_array_add (cond->values, value);
      return value != NULL;
    }

  if (!expect (p, LO_SOQL_TOKEN_LPAREN))
    return FALSE;
  if (at (p, "SELECT"))
    return unsupported (p, peek (p)->start, "Semi-join and anti-join subqueries are") != NULL;
  if (peek (p)->type == LO_SOQL_TOKEN_RPAREN)
    {
      /* Salesforce names the whole empty list (Summer '24 release notes). */
      _lo_soql_set_error_at (p->error, p->source, cond->path->offset,
                             LO_SOQL_ERROR_MALFORMED_QUERY, "unexpected token: '%s %s ()'",
                             cond->path->text, cond->op == LO_SOQL_OP_IN ? "IN" : "NOT IN");
      return FALSE;
    }
  do
    {
      LoSoqlValue *value = parse_value (p);

      if (value == NULL)
        return FALSE;
      g_ptr_array_add (cond->values, value);
    }
  while (peek (p)->type == LO_SOQL_TOKEN_COMMA && next (p) != NULL);
  return expect (p, LO_SOQL_TOKEN_RPAREN);
}

static gboolean
parse_operator (Parser     *p,
                LoSoqlCond *cond)
{
  const LoSoqlToken *token = peek (p);

  cond->op_offset = token->start;
  switch (token->type)
    {
    case LO_SOQL_TOKEN_EQ: cond->op = LO_SOQL_OP_EQ; break;
    case LO_SOQL_TOKEN_NE: cond->op = LO_SOQL_OP_NE; break;
    case LO_SOQL_TOKEN_LT: cond->op = LO_SOQL_OP_LT; break;
    case LO_SOQL_TOKEN_LE: cond->op = LO_SOQL_OP_LE; break;
    case LO_SOQL_TOKEN_GT: cond->op = LO_SOQL_OP_GT; break;
    case LO_SOQL_TOKEN_GE: cond->op = LO_SOQL_OP_GE; break;
    case LO_SOQL_TOKEN_IDENT:
      if (at (p, "LIKE"))
        cond->op = LO_SOQL_OP_LIKE;
      else if (at (p, "IN"))
        cond->op = LO_SOQL_OP_IN;
      else if (at (p, "NOT") && _lo_soql_token_is (p->source, peek_at (p, 1), "IN"))
        {
          cond->op = LO_SOQL_OP_NOT_IN;
          p->pos++;
        }
      else if (at (p, "INCLUDES") || at (p, "EXCLUDES"))
        return unsupported (p, token->start, "INCLUDES and EXCLUDES are") != NULL;
      else
        return unexpected (p, token) != NULL;
      break;
    default:
      return unexpected (p, token) != NULL;
    }
  p->pos++;
  return TRUE;
}

static LoSoqlCond *parse_logical (Parser *p,
                                  guint   depth);

static LoSoqlCond *
parse_conditional (Parser *p,
                   guint   depth)
{
  g_autoptr(LoSoqlCond) cond = NULL;
  const LoSoqlToken *token = peek (p);

  if (token->type == LO_SOQL_TOKEN_LPAREN)
    {
      if (depth >= LO_SOQL_MAX_NESTING)
        {
          g_set_error_literal (p->error, LO_SOQL_ERROR, LO_SOQL_ERROR_QUERY_TOO_COMPLICATED,
                               "Query is either selecting too many fields or the filter "
                               "conditions are too complicated.");
          return NULL;
        }
      p->pos++;
      cond = parse_logical (p, depth + 1);
      if (cond == NULL || !expect (p, LO_SOQL_TOKEN_RPAREN))
        return NULL;
      return g_steal_pointer (&cond);
    }

  if (token->type == LO_SOQL_TOKEN_IDENT && peek_at (p, 1)->type == LO_SOQL_TOKEN_LPAREN
      && !is_reserved (p, token))
    return unsupported (p, token->start, "SOQL functions such as CALENDAR_YEAR() are");

  cond = g_new0 (LoSoqlCond, 1);
  cond->kind = LO_SOQL_COND_COMPARE;
  cond->path = parse_path (p);
  if (cond->path == NULL || !parse_operator (p, cond) || !parse_values (p, cond))
    return NULL;
  return g_steal_pointer (&cond);
}

static LoSoqlCond *
parse_logical (Parser *p,
               guint   depth)
{
  g_autoptr(LoSoqlCond) first = NULL;
  g_autoptr(LoSoqlCond) chain = NULL;
  const char *joiner;

  if (accept (p, "NOT"))
    {
      LoSoqlCond *inner = parse_conditional (p, depth);

      if (inner == NULL)
        return NULL;
      chain = g_new0 (LoSoqlCond, 1);
      chain->kind = LO_SOQL_COND_NOT;
      chain->children = g_ptr_array_new_with_free_func (cond_free);
      g_ptr_array_add (chain->children, inner);
      return g_steal_pointer (&chain);
    }

  first = parse_conditional (p, depth);
  if (first == NULL)
    return NULL;
  if (at (p, "AND"))
    joiner = "AND";
  else if (at (p, "OR"))
    joiner = "OR";
  else
    return g_steal_pointer (&first);

  chain = g_new0 (LoSoqlCond, 1);
  chain->kind = g_str_equal (joiner, "AND") ? LO_SOQL_COND_AND : LO_SOQL_COND_OR;
  chain->children = g_ptr_array_new_with_free_func (cond_free);
  g_ptr_array_add (chain->children, g_steal_pointer (&first));
  while (accept (p, joiner))
    {
      LoSoqlCond *cond = parse_conditional (p, depth);

      if (cond == NULL)
        return NULL;
      g_ptr_array_add (chain->children, cond);
    }
  return g_steal_pointer (&chain);
}

static gboolean
parse_where (Parser    *p,
             LoSoqlAst *ast)
{
  ast->where = parse_logical (p, 0);
  return ast->where != NULL;
}

static gboolean
parse_with (Parser *p)
{
  const LoSoqlToken *with = previous (p);

  if (at (p, "SECURITY_ENFORCED") || at (p, "USER_MODE") || at (p, "SYSTEM_MODE"))
    {
      /* What API versions 61.0 and later answer outside Apex (Summer '24 release notes). */
      _lo_soql_set_error_at (p->error, p->source, peek (p)->start,
                             LO_SOQL_ERROR_MALFORMED_QUERY,
                             "rule soqlWithIdentifierClause failed predicate: "
                             "{this.helper.allowApexSyntax() && this.helper.hasApexContext()}?");
      return FALSE;
    }
  return unsupported (p, with->start, "WITH clauses are") != NULL;
}

static gboolean
parse_order_by (Parser    *p,
                LoSoqlAst *ast)
{
  ast->order_by = g_ptr_array_new_with_free_func (order_free);
  do
    {
      const LoSoqlToken *token = peek (p);
      LoSoqlOrder *order;
      LoSoqlPath *path;

      if (token->type == LO_SOQL_TOKEN_IDENT && peek_at (p, 1)->type == LO_SOQL_TOKEN_LPAREN
          && !is_reserved (p, token))
        return unsupported (p, token->start, "SOQL functions such as CALENDAR_YEAR() are")
               != NULL;
      path = parse_path (p);
      if (path == NULL)
        return FALSE;
      order = g_new0 (LoSoqlOrder, 1);
      order->path = path;
      g_ptr_array_add (ast->order_by, order);
      if (!accept (p, "ASC") && accept (p, "DESC"))
        order->descending = TRUE;
      if (accept (p, "NULLS"))
        {
          if (accept (p, "LAST"))
            order->nulls_last = TRUE;
          else if (!expect_keyword (p, "FIRST"))
            return FALSE;
        }
    }
  while (peek (p)->type == LO_SOQL_TOKEN_COMMA && next (p) != NULL);
  return TRUE;
}

static gboolean
parse_from (Parser    *p,
            LoSoqlAst *ast)
{
  const LoSoqlToken *token = peek (p);

  if (token->type != LO_SOQL_TOKEN_IDENT || is_reserved (p, token)
      || memchr (p->source->text + token->start, '.', token->end - token->start) != NULL)
    return unexpected (p, token) != NULL;
  ast->object = _lo_soql_token_text (p->source, token);
  ast->object_offset = token->start;
  p->pos++;

  token = peek (p);
  if (token->type == LO_SOQL_TOKEN_IDENT && !is_reserved (p, token) && !at (p, "UPDATE")
      && !at (p, "ALL") && memchr (p->source->text + token->start, '.',
                                   token->end - token->start) == NULL)
    {
      ast->alias = _lo_soql_token_text (p->source, token);
      p->pos++;
    }
  if (peek (p)->type == LO_SOQL_TOKEN_COMMA)
    return unsupported (p, peek (p)->start, "Several objects in FROM are") != NULL;
  return TRUE;
}

static gboolean
parse_clauses (Parser    *p,
               LoSoqlAst *ast)
{
  const LoSoqlToken *token;

  if (at (p, "USING"))
    return unsupported (p, peek (p)->start, "USING SCOPE is") != NULL;
  if (accept (p, "WHERE") && !parse_where (p, ast))
    return FALSE;
  if (accept (p, "WITH"))
    return parse_with (p);
  if (at (p, "GROUP"))
    {
      if (p->bulk)
        return bulk_refuses (p, "GROUP BY not supported in Bulk V2 Query") != NULL;
      return unsupported (p, peek (p)->start, "GROUP BY is") != NULL;
    }
  if (accept (p, "ORDER") && (!expect_keyword (p, "BY") || !parse_order_by (p, ast)))
    return FALSE;
  if (accept (p, "LIMIT"))
    {
      token = peek (p);
      if (!integer_token (p, token, G_MAXINT32, &ast->limit))
        return unexpected (p, token) != NULL;
      p->pos++;
    }
  if (at (p, "OFFSET"))
    {
      if (p->bulk)
        return bulk_refuses (p, "OFFSET not supported in Bulk V2 Query") != NULL;
      return unsupported (p, peek (p)->start, "OFFSET is") != NULL;
    }
  if (at (p, "ALL") && _lo_soql_token_is (p->source, peek_at (p, 1), "ROWS"))
    return unsupported (p, peek (p)->start, "ALL ROWS (use the queryAll operation instead) is")
           != NULL;
  if (at (p, "FOR") || at (p, "UPDATE"))
    return unsupported (p, peek (p)->start, "FOR VIEW, FOR REFERENCE, FOR UPDATE and UPDATE "
                                            "TRACKING are") != NULL;
  return expect (p, LO_SOQL_TOKEN_EOF);
}

/**
 * _lo_soql_parse:
 * @bulk: apply the Bulk API 2.0's refusals
 *
 * Returns: (transfer full) (nullable): the syntax tree of a statement in the subset.
 */
LoSoqlAst *
_lo_soql_parse (const LoSoqlSource  *source,
                gboolean             bulk,
                GError             **error)
{
  Parser p = { source, 0, bulk, error };
  g_autoptr(LoSoqlAst) ast = g_new0 (LoSoqlAst, 1);

  ast->select = g_ptr_array_new_with_free_func (path_free);
  ast->limit = -1;

  if (!expect_keyword (&p, "SELECT"))
    return NULL;
  if (at (&p, "FROM"))
    {
      /* Salesforce quotes both words here (Summer '24 release notes). */
      _lo_soql_set_error_at (error, source, peek (&p)->start, LO_SOQL_ERROR_MALFORMED_QUERY,
                             "unexpected token: 'SELECT FROM'");
      return NULL;
    }
  do
    {
      LoSoqlPath *path = parse_select_entry (&p);

      if (path == NULL)
        return NULL;
      g_ptr_array_add (ast->select, path);
    }
  while (peek (&p)->type == LO_SOQL_TOKEN_COMMA && next (&p) != NULL);

  if (!expect_keyword (&p, "FROM") || !parse_from (&p, ast) || !parse_clauses (&p, ast))
    return NULL;
  return g_steal_pointer (&ast);
}
