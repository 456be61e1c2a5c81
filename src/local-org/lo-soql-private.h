/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lo-soql.h"

G_BEGIN_DECLS

/* Shared by the lexer (lo-soql-lexer.c), the parser (lo-soql-parser.c), the date literals
 * (lo-soql-dates.c) and the compiler (lo-soql.c). */

/* Real Salesforce limits that double as the compiler's guards against runaway input. */
#define LO_SOQL_MAX_LENGTH        100000  /* characters in a statement */
#define LO_SOQL_MAX_STRING_LENGTH 4000    /* characters in a string of a WHERE clause */
/* Parentheses in a WHERE clause: ours, so the SQL stays within SQLite's parser stack. */
#define LO_SOQL_MAX_NESTING       16

typedef enum
{
  LO_SOQL_TOKEN_EOF,
  LO_SOQL_TOKEN_IDENT,              /* a name, possibly dotted: "Account.Name" */
  LO_SOQL_TOKEN_STRING,             /* '…' with escapes still encoded */
  LO_SOQL_TOKEN_NUMBER,             /* 12, 1.5, .5 (no sign) */
  LO_SOQL_TOKEN_DATE,               /* 2024-01-31 */
  LO_SOQL_TOKEN_DATETIME,           /* 2024-01-31T10:00:00Z, validated later */
  LO_SOQL_TOKEN_COMMA,
  LO_SOQL_TOKEN_DOT,
  LO_SOQL_TOKEN_LPAREN,
  LO_SOQL_TOKEN_RPAREN,
  LO_SOQL_TOKEN_COLON,
  LO_SOQL_TOKEN_PLUS,
  LO_SOQL_TOKEN_MINUS,
  LO_SOQL_TOKEN_EQ,
  LO_SOQL_TOKEN_NE,                 /* != and <> */
  LO_SOQL_TOKEN_LT,
  LO_SOQL_TOKEN_LE,
  LO_SOQL_TOKEN_GT,
  LO_SOQL_TOKEN_GE,
  LO_SOQL_TOKEN_PUNCT,              /* any other character SOQL knows: ; [ ] { } * … */
} LoSoqlTokenType;

typedef struct
{
  LoSoqlTokenType type;
  gsize           start;            /* byte offsets into the statement */
  gsize           end;
} LoSoqlToken;

typedef struct
{
  const char *text;
  gsize       length;
  GArray     *tokens;               /* LoSoqlToken, the last one LO_SOQL_TOKEN_EOF */
} LoSoqlSource;

gboolean  _lo_soql_lex            (LoSoqlSource       *source,
                                   const char         *text,
                                   GError            **error);
void      _lo_soql_source_clear   (LoSoqlSource       *source);
char     *_lo_soql_token_text     (const LoSoqlSource *source,
                                   const LoSoqlToken  *token);
gboolean  _lo_soql_token_is       (const LoSoqlSource *source,
                                   const LoSoqlToken  *token,
                                   const char         *keyword);
void      _lo_soql_set_error_at   (GError            **error,
                                   const LoSoqlSource *source,
                                   gsize               offset,
                                   LoSoqlError         code,
                                   const char         *format,
                                   ...) G_GNUC_PRINTF (5, 6);

/* Date literals. Days count from 1970-01-01 (day 0) in the proleptic Gregorian calendar;
 * stored values span 0001-01-01 to 9999-12-31. */
typedef enum
{
  LO_SOQL_DATE_YESTERDAY,
  LO_SOQL_DATE_TODAY,
  LO_SOQL_DATE_TOMORROW,
  LO_SOQL_DATE_LAST_WEEK,
  LO_SOQL_DATE_THIS_WEEK,
  LO_SOQL_DATE_NEXT_WEEK,
  LO_SOQL_DATE_LAST_MONTH,
  LO_SOQL_DATE_THIS_MONTH,
  LO_SOQL_DATE_NEXT_MONTH,
  LO_SOQL_DATE_LAST_90_DAYS,
  LO_SOQL_DATE_NEXT_90_DAYS,
  LO_SOQL_DATE_LAST_N_DAYS,
  LO_SOQL_DATE_NEXT_N_DAYS,
  LO_SOQL_DATE_N_DAYS_AGO,
  LO_SOQL_DATE_LAST_N_WEEKS,
  LO_SOQL_DATE_NEXT_N_WEEKS,
  LO_SOQL_DATE_N_WEEKS_AGO,
  LO_SOQL_DATE_LAST_N_MONTHS,
  LO_SOQL_DATE_NEXT_N_MONTHS,
  LO_SOQL_DATE_N_MONTHS_AGO,
  LO_SOQL_DATE_THIS_QUARTER,
  LO_SOQL_DATE_LAST_QUARTER,
  LO_SOQL_DATE_NEXT_QUARTER,
  LO_SOQL_DATE_LAST_N_QUARTERS,
  LO_SOQL_DATE_NEXT_N_QUARTERS,
  LO_SOQL_DATE_N_QUARTERS_AGO,
  LO_SOQL_DATE_THIS_YEAR,
  LO_SOQL_DATE_LAST_YEAR,
  LO_SOQL_DATE_NEXT_YEAR,
  LO_SOQL_DATE_LAST_N_YEARS,
  LO_SOQL_DATE_NEXT_N_YEARS,
  LO_SOQL_DATE_N_YEARS_AGO,
} LoSoqlDateFormula;

typedef enum
{
  LO_SOQL_BOUND_BEFORE_ALL,         /* before any storable value */
  LO_SOQL_BOUND_DAY,
  LO_SOQL_BOUND_AFTER_ALL,          /* after any storable value */
} LoSoqlBoundKind;

typedef struct
{
  LoSoqlBoundKind kind;
  gint64          day;
} LoSoqlBound;

/* [start, end): the first day in the range and the first day after it. */
typedef struct
{
  LoSoqlBound start;
  LoSoqlBound end;
} LoSoqlDayRange;

gboolean  _lo_soql_date_formula_lookup (const char        *word,
                                        LoSoqlDateFormula *formula,
                                        gboolean          *takes_n);
void      _lo_soql_date_formula_range  (LoSoqlDateFormula  formula,
                                        gint64             n,
                                        gint64             today,
                                        GDateWeekday       first_day_of_week,
                                        LoSoqlDayRange    *range);
gint64    _lo_soql_today               (GDateTime         *now,
                                        GTimeZone         *time_zone);
gboolean  _lo_soql_parse_date          (const char        *text,
                                        gint64            *day);
gboolean  _lo_soql_parse_datetime      (const char        *text,
                                        char               utc[25]);
char     *_lo_soql_format_day          (gint64             day);
char     *_lo_soql_format_day_start    (gint64             day,
                                        GTimeZone         *time_zone);

/* The syntax tree. Offsets point into the statement, for error positions. */
typedef struct
{
  char  *text;                      /* as written, dots included: "account.name" */
  char **segments;                  /* split at the dots */
  gsize  offset;
} LoSoqlPath;

typedef enum
{
  LO_SOQL_VALUE_NULL,
  LO_SOQL_VALUE_BOOLEAN,
  LO_SOQL_VALUE_NUMBER,
  LO_SOQL_VALUE_STRING,
  LO_SOQL_VALUE_DATE,
  LO_SOQL_VALUE_DATETIME,
  LO_SOQL_VALUE_DATE_FORMULA,
} LoSoqlValueKind;

typedef struct
{
  LoSoqlValueKind   kind;
  gsize             offset;
  char             *raw;            /* the token(s) as written, sign and quotes included */
  gboolean          boolean;
  LoSoqlDateFormula formula;
  gint64            n;              /* the :n of LAST_N_DAYS:n */
} LoSoqlValue;

typedef enum
{
  LO_SOQL_OP_EQ,
  LO_SOQL_OP_NE,
  LO_SOQL_OP_LT,
  LO_SOQL_OP_LE,
  LO_SOQL_OP_GT,
  LO_SOQL_OP_GE,
  LO_SOQL_OP_LIKE,
  LO_SOQL_OP_IN,
  LO_SOQL_OP_NOT_IN,
} LoSoqlOp;

typedef enum
{
  LO_SOQL_COND_AND,
  LO_SOQL_COND_OR,
  LO_SOQL_COND_NOT,
  LO_SOQL_COND_COMPARE,
} LoSoqlCondKind;

typedef struct _LoSoqlCond LoSoqlCond;

struct _LoSoqlCond
{
  LoSoqlCondKind  kind;
  GPtrArray      *children;         /* AND, OR: two or more; NOT: one */
  LoSoqlPath     *path;             /* COMPARE */
  LoSoqlOp        op;
  gsize           op_offset;
  GPtrArray      *values;           /* LoSoqlValue*: one, or the IN list */
};

typedef struct
{
  LoSoqlPath *path;
  gboolean    descending;
  gboolean    nulls_last;
} LoSoqlOrder;

typedef struct
{
  GPtrArray  *select;               /* LoSoqlPath* */
  char       *object;
  gsize       object_offset;
  char       *alias;                /* FROM Account a */
  LoSoqlCond *where;
  GPtrArray  *order_by;             /* LoSoqlOrder* */
  gint64      limit;                /* -1: none */
} LoSoqlAst;

LoSoqlAst *_lo_soql_parse     (const LoSoqlSource  *source,
                               gboolean             bulk,
                               GError             **error);
void       _lo_soql_ast_free  (LoSoqlAst           *ast);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoSoqlAst, _lo_soql_ast_free)

/* The compiler, split between lo-soql.c (fields, SELECT, ORDER BY, the statement) and
 * lo-soql-where.c (WHERE). */
typedef struct
{
  LoField *lookup;                  /* the relationship's lookup on the FROM object */
  guint    index;                   /* joined as "_j<index>_<k>", k per referenceTo object */
} LoSoqlJoin;

typedef struct
{
  LoField    *field;                /* for polymorphic parents, a field of the Name entity */
  LoSoqlJoin *join;                 /* NULL for a field of the FROM object */
  char       *sql;                  /* the value as an SQL expression */
  char       *column;               /* "Name", "Account.Name" */
  GStrv       path;                 /* { "Account", "Name" } */
} LoSoqlRef;

typedef struct
{
  LoSchema            *schema;
  const LoSoqlOptions *options;
  const LoSoqlSource  *source;
  LoSoqlAst           *ast;
  LoObject            *object;
  GTimeZone           *time_zone;
  gint64               today;
  GDateWeekday         first_day_of_week;
  GPtrArray           *joins;       /* LoSoqlJoin* */
  LoSoqlQuery         *query;
  GError             **error;
} LoSoqlCompiler;

gboolean  _lo_soql_resolve         (LoSoqlCompiler    *compiler,
                                    const LoSoqlPath  *path,
                                    LoSoqlRef         *ref);
void      _lo_soql_ref_clear       (LoSoqlRef         *ref);
gboolean  _lo_soql_field_is_text   (const LoField     *field);
char     *_lo_soql_compile_where   (LoSoqlCompiler    *compiler,
                                    const LoSoqlCond  *cond);
void      _lo_soql_append_quoted   (GString           *sql,
                                    const char        *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LoSoqlRef, _lo_soql_ref_clear)

G_END_DECLS
