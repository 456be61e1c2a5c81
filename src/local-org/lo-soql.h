/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "lo-schema.h"

G_BEGIN_DECLS

/*
 * The local org's SOQL subset, compiled to one SQLite SELECT over the storage convention of
 * lo-schema.h.
 *
 * The SQL binds no parameters: every value of the query is written into it as a literal
 * (strings quoted with '' doubled, numbers re-validated, dates and ids normalised), and every
 * identifier comes from the schema and is double-quoted. It calls functions that
 * lo_soql_register_functions() installs, so register them once on every connection that runs
 * compiled queries.
 *
 * Result columns of the SQL, in order:
 *   0 … columns->len - 1     the selected fields, as in SELECT
 *   id_column                 the Id of the FROM record (for REST "attributes.url")
 *   relationships[i]->column  the Id of the parent behind each relationship in SELECT (NULL
 *                             when the lookup is blank), for REST nesting and, through the
 *                             id's key prefix, the type of a polymorphic parent
 * A compound field (address, location) selected through the REST API is one column holding a
 * JSON object ({"city": …, "street": …}) or NULL.
 *
 * Errors: the code names the errorCode (lo_soql_error_code_name()) and the message is the
 * one to send, excerpt of the statement included, e.g. for a REST 400 or a Bulk API 2.0
 * job creation: [{"errorCode": "INVALID_FIELD", "message": "\nSELECT Foo FROM Account\n…"}].
 *
 * Options come from the querying user: time_zone from LoUser.time_zone, first_day_of_week
 * from LoUser.locale (Sunday for en_US, Monday for most European locales).
 */

#define LO_SOQL_ERROR (lo_soql_error_quark ())

/* Each code is a real Salesforce errorCode: lo_soql_error_code_name() spells it. */
typedef enum
{
  LO_SOQL_ERROR_MALFORMED_QUERY,
  LO_SOQL_ERROR_INVALID_FIELD,
  LO_SOQL_ERROR_INVALID_TYPE,
  LO_SOQL_ERROR_INVALID_TYPE_FOR_OPERATION,
  LO_SOQL_ERROR_QUERY_TOO_COMPLICATED,
  /* Bulk API 2.0 refuses the query (compound fields, subqueries, aggregates, …). */
  LO_SOQL_ERROR_API_ERROR,
  /* Valid SOQL that freight-local-org does not implement (GROUP BY through REST, …). */
  LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
  /* Not the query's fault (registering functions on a connection failed). */
  LO_SOQL_ERROR_FAILED,
} LoSoqlError;

typedef struct
{
  gboolean      include_deleted;    /* queryAll: deleted rows and archived activities too */
  gboolean      bulk;               /* Bulk API 2.0 rules (stricter than REST /query) */
  GDateTime    *now;                /* for relative date literals; NULL = now */
  GTimeZone    *time_zone;          /* the user's, for TODAY etc.; NULL = UTC */
  GDateWeekday  first_day_of_week;  /* of the user's locale; G_DATE_BAD_WEEKDAY = Sunday */
} LoSoqlOptions;

typedef struct
{
  char     *name;                   /* relationship name in describe spelling: "Account", "Who" */
  LoField  *lookup;                 /* the lookup behind it: Contact.AccountId, Task.WhoId */
  guint     column;                 /* SQL result column holding the parent's Id */
} LoSoqlRelationship;

typedef struct
{
  char       *sql;                  /* one SQLite SELECT, no parameters */
  LoObject   *object;               /* the FROM object */
  GPtrArray  *columns;              /* char*: CSV header names, "Id", "Account.Name" */
  GPtrArray  *fields;               /* LoField* behind each column (for formatting values) */
  GPtrArray  *paths;                /* GStrv per column: ["Account", "Name"] for REST nesting */
  gint64      limit;                /* LIMIT, or -1 when there is none */
  guint       id_column;            /* see above */
  GPtrArray  *relationships;        /* LoSoqlRelationship*, one per relationship in SELECT */
  /*< private >*/
  LoObject   *name_entity;          /* the polymorphic "Name" entity behind Who.*, What.* */
} LoSoqlQuery;

GQuark        lo_soql_error_quark        (void);
const char   *lo_soql_error_code_name    (int                   code);
LoSoqlQuery  *lo_soql_compile            (LoSchema             *schema,
                                          const char           *soql,
                                          const LoSoqlOptions  *options,
                                          GError              **error);
void          lo_soql_query_free         (LoSoqlQuery          *query);
gboolean      lo_soql_register_functions (sqlite3              *db,
                                          GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoSoqlQuery, lo_soql_query_free)

G_END_DECLS
