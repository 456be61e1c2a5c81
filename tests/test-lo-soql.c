/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "freight.h"
#include "lo-soql-fixture.h"

/* Compiles SOQL against the bundled schema and runs it on a small org in SQLite, asserting
 * the rows a client would get back. */

#define ADA    "005000000000001AAA"
#define BOB    "005000000000002AAA"
#define ACME   "001000000000001AAA"
#define GLOBEX "001000000000002AAA"
#define UNI    "001000000000003AAA"
#define JUICE  "001000000000004AAA"
#define MEDIA  "001000000000005AAA"
#define GONE   "001000000000006AAA"
#define SAM    "003000000000001AAA"
#define LEE    "00Q000000000001EAA"
#define DEAL   "006000000000001AAA"
#define INV1   "a01000000000001AAA"

static const char *const org_rows[] = {
  "INSERT INTO \"User\" (Id, Username, FirstName, LastName, Name, IsActive, Email) VALUES "
  "('" ADA "', 'admin@freight.local', 'Ada', 'Admin', 'Ada Admin', 1, 'ada@freight.local'), "
  "('" BOB "', 'bob@freight.local', 'Bob', 'Builder', 'Bob Builder', 0, NULL)",

  "INSERT INTO Account (Id, Name, Industry, NumberOfEmployees, AnnualRevenue, OwnerId, "
  "ParentId, BillingCity, BillingStreet, BillingPostalCode, Description, IsDeleted) VALUES "
  "('" ACME "', 'Acme', 'Technology', 50, 1000000.0, '" ADA "', NULL, 'Berlin', 'Main St 1', "
  "'10115', 'Long text', 0), "
  "('" GLOBEX "', 'globex', NULL, NULL, NULL, '" BOB "', '" ACME "', NULL, NULL, NULL, NULL, "
  "0), "
  "('" UNI "', 'Ünïcode GmbH', 'Energy', 5000, 2500000.5, '" ADA "', NULL, 'München', NULL, "
  "NULL, NULL, 0), "
  "('" JUICE "', '100% Pure_Juice', 'Food', 10, NULL, '" BOB "', NULL, NULL, NULL, NULL, "
  "NULL, 0), "
  "('" MEDIA "', 'O''Reilly\\Media', 'Media', 200, 75000.0, '" ADA "', NULL, NULL, NULL, "
  "NULL, NULL, 0), "
  "('" GONE "', 'Deleted Corp', 'Technology', 1, NULL, '" ADA "', NULL, NULL, NULL, NULL, "
  "NULL, 1)",

  "INSERT INTO Contact (Id, FirstName, LastName, Name, AccountId, Email, Birthdate, Title, "
  "OwnerId, IsDeleted) VALUES "
  "('" SAM "', 'Sam', 'Smith', 'Sam Smith', '" ACME "', 'sam@acme.test', '1980-05-17', NULL, "
  "'" ADA "', 0), "
  "('003000000000002AAA', NULL, 'Orphan', 'Orphan', NULL, NULL, NULL, NULL, '" BOB "', 0), "
  "('003000000000003AAA', 'Del', 'Gone', 'Del Gone', '" GONE "', NULL, NULL, NULL, "
  "'" ADA "', 1), "
  "('003000000000004AAA', NULL, 'Line', 'Multi' || char(10) || 'Line', '" UNI "', NULL, "
  "'1995-02-01', 'Café', '" BOB "', 0)",

  "INSERT INTO Lead (Id, FirstName, LastName, Name, Company, Email) VALUES "
  "('" LEE "', 'Lee', 'Lead', 'Lee Lead', 'LeadCo', 'lee@lead.test')",

  "INSERT INTO Opportunity (Id, Name, AccountId, Amount, CloseDate) VALUES "
  "('" DEAL "', 'Big Deal', '" ACME "', 5000.0, '2024-06-30')",

  "INSERT INTO Invoice__c (Id, Name, Account__c, Amount__c, Paid__c, Status__c, "
  "Invoice_Date__c) VALUES "
  "('" INV1 "', 'INV-000001', '" ACME "', 100.5, 1, 'Draft', '2024-01-31'), "
  "('a01000000000002AAA', 'INV-000002', '" GLOBEX "', -20.0, 0, 'Sent', NULL), "
  "('a01000000000003AAA', 'INV-000003', NULL, NULL, 0, NULL, NULL)",

  "INSERT INTO Task (Id, Subject, WhoId, WhatId, OwnerId, IsArchived) VALUES "
  "('00T000000000001EAA', 'Call Sam', '" SAM "', '" ACME "', '" ADA "', 0), "
  "('00T000000000002EAA', 'Email Lee', '" LEE "', '" DEAL "', '" BOB "', 0), "
  "('00T000000000003EAA', 'Chase invoice', NULL, '" INV1 "', '" ADA "', 0), "
  "('00T000000000004EAA', 'Archived call', '" SAM "', NULL, '" ADA "', 1)",
};

typedef struct
{
  LoSchema *schema;
  sqlite3  *db;
} Fixture;

static const LoSoqlOptions query_all = { .include_deleted = TRUE };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->schema = lo_soql_fixture_load_schema (&error);
  g_assert_no_error (error);
  f->db = lo_soql_fixture_open (f->schema, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (org_rows); i++)
    g_assert_cmpint (sqlite3_exec (f->db, org_rows[i], NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3_close (f->db);
  lo_schema_unref (f->schema);
}

static LoSoqlQuery *
compile_ok (Fixture             *f,
            const LoSoqlOptions *options,
            const char          *soql)
{
  g_autoptr(GError) error = NULL;
  LoSoqlQuery *query = lo_soql_compile (f->schema, soql, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (query);
  lo_soql_fixture_audit_sql (f->schema, query->sql, &error);
  g_assert_no_error (error);
  return query;
}

/* The rows the query returns: its visible columns joined with |, a blank as ∅. */
static GPtrArray *
run (Fixture             *f,
     const LoSoqlOptions *options,
     const char          *soql)
{
  g_autoptr(LoSoqlQuery) query = compile_ok (f, options, soql);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  lo_soql_fixture_prepare (f->db, query->sql, &stmt, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_column_count (stmt), ==,
                   query->columns->len + 1 + query->relationships->len);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GString) row = g_string_new (NULL);

      for (guint i = 0; i < query->columns->len; i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (row, "%s%s", i > 0 ? "|" : "", value ? value : "∅");
        }
      g_ptr_array_add (rows, g_string_free (g_steal_pointer (&row), FALSE));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return rows;
}

static void
assert_rows_impl (Fixture             *f,
                  const LoSoqlOptions *options,
                  const char          *soql,
                  const char *const   *expected)
{
  g_autoptr(GPtrArray) rows = run (f, options, soql);
  guint n = expected[0] == NULL ? 0 : g_strv_length ((char **) expected);

  for (guint i = 0; i < MAX (rows->len, n); i++)
    {
      const char *got = i < rows->len ? g_ptr_array_index (rows, i) : "(no row)";
      const char *want = i < n ? expected[i] : "(no row)";

      if (g_strcmp0 (got, want) != 0)
        g_error ("%.300s\nrow %u: got \"%s\", expected \"%s\"", soql, i, got, want);
    }
}

/* assert_rows (f, options, soql, "row", "row", …); assert_rows (f, options, soql, NULL) for
 * none. */
#define assert_rows(f, options, soql, ...) \
  assert_rows_impl (f, options, soql, (const char *const[]) { __VA_ARGS__, NULL })

static void
test_select_columns (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LoSoqlQuery) query = compile_ok (f, NULL, "SELECT Id, Name, Industry FROM Account");

  g_assert_cmpstr (query->object->name, ==, "Account");
  g_assert_cmpuint (query->columns->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (query->columns, 1), ==, "Name");
  g_assert_cmpstr (((LoField *) g_ptr_array_index (query->fields, 2))->name, ==, "Industry");
  g_assert_cmpstrv (g_ptr_array_index (query->paths, 1), ((const char *[]) { "Name", NULL }));
  g_assert_cmpint (query->limit, ==, -1);
  g_assert_cmpuint (query->id_column, ==, 3);
  g_assert_cmpuint (query->relationships->len, ==, 0);

  /* The deleted account stays out; rows come in Id order. */
  assert_rows (f, NULL, "SELECT Id, Name, Industry FROM Account",
               ACME "|Acme|Technology", GLOBEX "|globex|∅", UNI "|Ünïcode GmbH|Energy",
               JUICE "|100% Pure_Juice|Food", MEDIA "|O'Reilly\\Media|Media");
}

static void
test_case_insensitive (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LoSoqlQuery) query = compile_ok (f, NULL, "select id, NAME from account");

  /* Headers take describe's spelling, whatever the query's. */
  g_assert_cmpstr (g_ptr_array_index (query->columns, 0), ==, "Id");
  g_assert_cmpstr (g_ptr_array_index (query->columns, 1), ==, "Name");
  assert_rows (f, NULL, "select NAME from ACCOUNT where INDUSTRY = 'technology'", "Acme");
  assert_rows (f, NULL, "SeLeCt Name FrOm Account WhErE Name LiKe 'ACME'", "Acme");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name = 'ÜNÏCODE GMBH'",
               "Ünïcode GmbH");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name IN ('GLOBEX', 'acme')",
               "Acme", "globex");
}

static void
test_parent_fields (Fixture       *f,
                    gconstpointer  data)
{
  const char *soql = "SELECT Name, Account.Name, account.industry, Owner.Username FROM Contact";
  g_autoptr(LoSoqlQuery) query = compile_ok (f, NULL, soql);
  g_autoptr(GError) error = NULL;
  LoSoqlRelationship *relationship;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpstr (g_ptr_array_index (query->columns, 2), ==, "Account.Industry");
  g_assert_cmpstrv (g_ptr_array_index (query->paths, 1),
                    ((const char *[]) { "Account", "Name", NULL }));
  g_assert_cmpstr (((LoField *) g_ptr_array_index (query->fields, 3))->object->name, ==,
                   "User");
  g_assert_cmpuint (query->relationships->len, ==, 2);
  relationship = g_ptr_array_index (query->relationships, 1);
  g_assert_cmpstr (relationship->name, ==, "Owner");
  g_assert_cmpstr (relationship->lookup->name, ==, "OwnerId");
  g_assert_cmpuint (relationship->column, ==, 6);

  /* After the selected columns: the record's Id, then each parent's. */
  lo_soql_fixture_prepare (f->db, query->sql, &stmt, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, query->id_column), ==, SAM);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, ACME);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, ADA);
  sqlite3_finalize (stmt);

  assert_rows (f, NULL, soql, "Sam Smith|Acme|Technology|admin@freight.local",
               "Orphan|∅|∅|bob@freight.local",
               "Multi\nLine|Ünïcode GmbH|Energy|bob@freight.local");
  assert_rows (f, &query_all, soql, "Sam Smith|Acme|Technology|admin@freight.local",
               "Orphan|∅|∅|bob@freight.local",
               "Del Gone|Deleted Corp|Technology|admin@freight.local",
               "Multi\nLine|Ünïcode GmbH|Energy|bob@freight.local");
  assert_rows (f, NULL, "SELECT Name FROM Contact WHERE Account.Industry = 'technology'",
               "Sam Smith");
  assert_rows (f, NULL, "SELECT Name FROM Contact ORDER BY Account.Name DESC NULLS LAST",
               "Multi\nLine", "Sam Smith", "Orphan");
  assert_rows (f, NULL, "SELECT Name, Parent.Name FROM Account WHERE Parent.Name != null",
               "globex|Acme");
}

static void
test_custom_relationship (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LoSoqlQuery) query = NULL;

  assert_rows (f, NULL, "SELECT Name, Account__r.Name, Amount__c FROM Invoice__c "
                        "WHERE account__R.name != null",
               "INV-000001|Acme|100.5", "INV-000002|globex|-20.0");
  query = compile_ok (f, NULL, "SELECT account__r.name FROM invoice__c");
  g_assert_cmpstr (g_ptr_array_index (query->columns, 0), ==, "Account__r.Name");
  g_assert_cmpstr (((LoSoqlRelationship *) g_ptr_array_index (query->relationships, 0))->name,
                   ==, "Account__r");
}

static void
test_polymorphic (Fixture       *f,
                  gconstpointer  data)
{
  const char *soql = "SELECT Subject, Who.Name, Who.Type, What.Name, What.Type, Who.Email "
                     "FROM Task";
  g_autoptr(LoSoqlQuery) query = compile_ok (f, NULL, soql);
  LoField *field = g_ptr_array_index (query->fields, 1);

  /* Polymorphic parents expose Salesforce's Name entity. */
  g_assert_cmpstr (field->object->name, ==, "Name");
  g_assert_cmpstr (field->name, ==, "Name");
  g_assert_cmpstr (g_ptr_array_index (query->columns, 4), ==, "What.Type");
  assert_rows (f, NULL, soql, "Call Sam|Sam Smith|Contact|Acme|Account|sam@acme.test",
               "Email Lee|Lee Lead|Lead|Big Deal|Opportunity|lee@lead.test",
               "Chase invoice|∅|∅|INV-000001|Invoice__c|∅");
  /* Archived activities only come back through queryAll. */
  assert_rows (f, &query_all, "SELECT Subject, Who.Name, What.Type FROM Task "
                              "WHERE Who.Type = 'contact'",
               "Call Sam|Sam Smith|Account", "Archived call|Sam Smith|∅");
  assert_rows (f, NULL, "SELECT Subject FROM Task WHERE What.Name LIKE 'inv%' OR "
                        "Who.Name = 'lee lead'", "Email Lee", "Chase invoice");
  assert_rows (f, NULL, "SELECT Subject FROM Task ORDER BY What.Name DESC", "Chase invoice",
               "Email Lee", "Call Sam");
}

static void
test_qualified_names (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LoSoqlQuery) query = NULL;

  /* A field may be qualified with its object's name or alias. */
  query = compile_ok (f, NULL, "SELECT Account.Name, a.Industry FROM Account a "
                               "WHERE a.Name = 'Acme' ORDER BY account.Name");
  g_assert_cmpstr (g_ptr_array_index (query->columns, 0), ==, "Name");
  assert_rows (f, NULL, "SELECT Account.Name, a.Industry FROM Account a WHERE a.Name = 'Acme'",
               "Acme|Technology");
}

static void
test_comparison_operators (Fixture       *f,
                           gconstpointer  data)
{
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NumberOfEmployees = 50", "Acme");
  /* != and <> include blank values, as in Salesforce. */
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NumberOfEmployees != 50", "globex",
               "Ünïcode GmbH", "100% Pure_Juice", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NumberOfEmployees <> 50", "globex",
               "Ünïcode GmbH", "100% Pure_Juice", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NumberOfEmployees < 200", "Acme",
               "100% Pure_Juice");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NumberOfEmployees <= 200", "Acme",
               "100% Pure_Juice", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NumberOfEmployees > 200",
               "Ünïcode GmbH");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NumberOfEmployees >= 200",
               "Ünïcode GmbH", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE AnnualRevenue > 999999.99", "Acme",
               "Ünïcode GmbH");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Amount__c < -10", "INV-000002");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Amount__c >= -.5", "INV-000001");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Amount__c = +100.50", "INV-000001");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Amount__c < -\n 10", "INV-000002");
  /* Text compares case-insensitively. */
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name > 'm'", "Ünïcode GmbH",
               "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name < 'B'", "Acme", "100% Pure_Juice");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name != 'ACME' AND Industry != null",
               "Ünïcode GmbH", "100% Pure_Juice", "O'Reilly\\Media");
}

static void
test_null_tests (Fixture       *f,
                 gconstpointer  data)
{
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Industry = null", "globex");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Industry != NULL", "Acme",
               "Ünïcode GmbH", "100% Pure_Juice", "O'Reilly\\Media");
  /* Salesforce stores no empty strings: '' is a blank. */
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Industry = ''", "globex");
  assert_rows (f, NULL, "SELECT Name FROM Contact WHERE AccountId = null", "Orphan");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Account__r.Name = null",
               "INV-000003");
}

static void
test_in_lists (Fixture       *f,
               gconstpointer  data)
{
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Industry IN ('technology', 'ENERGY')",
               "Acme", "Ünïcode GmbH");
  /* Unlike !=, NOT IN leaves blank fields out. */
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Industry NOT IN ('Technology')",
               "Ünïcode GmbH", "100% Pure_Juice", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NOT Industry IN ('Technology')",
               "globex", "Ünïcode GmbH", "100% Pure_Juice", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Industry IN ('Food', null)", "globex",
               "100% Pure_Juice");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Industry NOT IN ('Food', null)",
               "Acme", "Ünïcode GmbH", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NumberOfEmployees IN (10, 50)", "Acme",
               "100% Pure_Juice");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Id IN ('001000000000001', "
                        "'001000000000003AAA')", "Acme", "Ünïcode GmbH");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Invoice_Date__c IN "
                        "(2024-01-31, 2024-02-01)", "INV-000001");
}

static void
test_like (Fixture       *f,
           gconstpointer  data)
{
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE 'a%'", "Acme");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE '%EX'", "globex");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE '_LOBEX'", "globex");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE 'ün%'", "Ünïcode GmbH");
  /* Escaped wildcards match themselves; unescaped ones match anything. */
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE '%\\%%'", "100% Pure_Juice");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE '%\\_%'", "100% Pure_Juice");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE '%_%'", "Acme", "globex",
               "Ünïcode GmbH", "100% Pure_Juice", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE '%\\\\%'", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE 'o\\'%'", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE '100\\% p%'",
               "100% Pure_Juice");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE '100\\%'", NULL);
  assert_rows (f, NULL, "SELECT Name FROM Contact WHERE Account.Name LIKE 'AC%'", "Sam Smith");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NOT Name LIKE '%o%'", "Acme",
               "100% Pure_Juice");
}

static void
test_where_precedence (Fixture       *f,
                       gconstpointer  data)
{
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Industry = 'Technology' OR "
                        "Industry = 'Energy' OR NumberOfEmployees = 10",
               "Acme", "Ünïcode GmbH", "100% Pure_Juice");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE (Industry = 'Technology' OR "
                        "Industry = 'Media') AND NumberOfEmployees > 100", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Industry = 'Technology' OR "
                        "(Industry = 'Media' AND NumberOfEmployees > 1000)", "Acme");
  /* NOT covers the one condition after it, and a blank field makes a condition false. */
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NOT Industry = 'Technology'", "globex",
               "Ünïcode GmbH", "100% Pure_Juice", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NOT (Industry = 'Technology' OR "
                        "Industry = 'Energy')", "globex", "100% Pure_Juice", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE (NOT Name LIKE 'a%') AND "
                        "NumberOfEmployees < 100", "100% Pure_Juice");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE NOT NumberOfEmployees > 100", "Acme",
               "globex", "100% Pure_Juice");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE ((((Name = 'Acme'))))", "Acme");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE (Name = 'Acme' OR Name = 'globex') AND "
                        "(NumberOfEmployees = null OR (NOT (NumberOfEmployees < 100)))",
               "globex");
}

static void
test_long_conditions (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GString) soql = g_string_new ("SELECT Name FROM Account WHERE Name = 'Acme'");
  g_autoptr(GString) in = g_string_new ("SELECT Name FROM Account WHERE Name IN ('Acme'");
  g_autoptr(GString) nested = g_string_new ("Who.Name IN ('sam smith', null)");
  g_autoptr(GString) deeper = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoSoqlQuery) query = NULL;

  /* Far more terms than SQLite's expression depth limit of 1000. */
  for (guint i = 0; i < 5000; i++)
    g_string_append (soql, " OR Id=null");
  for (guint i = 0; i < 5000; i++)
    g_string_append (in, ",''");
  g_string_append (in, ")");
  assert_rows (f, NULL, soql->str, "Acme");
  assert_rows (f, NULL, in->str, "Acme");

  /* As deep as the local org nests parentheses, in the costliest SQL it compiles to. */
  for (guint i = 0; i < 8; i++)
    {
      g_string_prepend (nested, "NOT (Subject = 'x' OR (");
      g_string_append (nested, "))");
    }
  g_string_prepend (nested, "SELECT Subject FROM Task WHERE ");
  assert_rows (f, NULL, nested->str, "Call Sam", "Chase invoice");
  deeper = g_string_new (nested->str);
  g_string_replace (deeper, "WHERE ", "WHERE (", 1);
  g_string_append (deeper, ")");
  query = lo_soql_compile (f->schema, deeper->str, NULL, &error);
  g_assert_null (query);
  g_assert_error (error, LO_SOQL_ERROR, LO_SOQL_ERROR_QUERY_TOO_COMPLICATED);
}

static void
test_booleans_and_ids (Fixture       *f,
                       gconstpointer  data)
{
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Paid__c = true", "INV-000001");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Paid__c = FALSE", "INV-000002",
               "INV-000003");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Paid__c != true", "INV-000002",
               "INV-000003");
  assert_rows (f, NULL, "SELECT Username FROM User WHERE IsActive = true",
               "admin@freight.local");
  /* A blank checkbox is false, and "= null" on a checkbox means "= false". */
  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE Invoice__c SET Paid__c = NULL WHERE Name = "
                                        "'INV-000003'", NULL, NULL, NULL), ==, SQLITE_OK);
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Paid__c = false", "INV-000002",
               "INV-000003");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Paid__c = null", "INV-000002",
               "INV-000003");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Paid__c != null", "INV-000001");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Paid__c != false", "INV-000001");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Paid__c NOT IN (true)",
               "INV-000002", "INV-000003");
  /* 15- and 18-character ids, in any case of the suffix, name the same record. */
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Id = '001000000000001'", "Acme");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Id = '001000000000001aaa'", "Acme");
  assert_rows (f, NULL, "SELECT Name FROM Contact WHERE AccountId = '" ACME "'", "Sam Smith");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Id > '001000000000003'",
               "100% Pure_Juice", "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Name FROM Contact WHERE Birthdate < 1990-01-01", "Sam Smith");
  assert_rows (f, NULL, "SELECT Name FROM Invoice__c WHERE Invoice_Date__c = 2024-01-31",
               "INV-000001");
}

static void
test_string_escapes (Fixture       *f,
                     gconstpointer  data)
{
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name = 'O\\'Reilly\\\\Media'",
               "O'Reilly\\Media");
  assert_rows (f, NULL, "SELECT Title FROM Contact WHERE Name = 'Multi\\nLine'", "Café");
  assert_rows (f, NULL, "SELECT Name FROM Contact WHERE Title = 'Caf\\u00e9'", "Multi\nLine");
  assert_rows (f, NULL, "SELECT Name FROM Contact WHERE Title = 'CAF\\u00C9'", "Multi\nLine");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name = '100\\% Pure\\_Juice'",
               "100% Pure_Juice");
}

static void
test_order_by (Fixture       *f,
               gconstpointer  data)
{
  assert_rows (f, NULL, "SELECT Name FROM Account ORDER BY Name", "100% Pure_Juice", "Acme",
               "globex", "O'Reilly\\Media", "Ünïcode GmbH");
  /* Ascending by default, nulls first whatever the direction unless NULLS LAST. */
  assert_rows (f, NULL, "SELECT Name FROM Account ORDER BY Industry", "globex", "Ünïcode GmbH",
               "100% Pure_Juice", "O'Reilly\\Media", "Acme");
  assert_rows (f, NULL, "SELECT Name FROM Account ORDER BY Industry DESC", "globex", "Acme",
               "O'Reilly\\Media", "100% Pure_Juice", "Ünïcode GmbH");
  assert_rows (f, NULL, "SELECT Name FROM Account ORDER BY Industry DESC NULLS LAST", "Acme",
               "O'Reilly\\Media", "100% Pure_Juice", "Ünïcode GmbH", "globex");
  assert_rows (f, NULL, "SELECT Name FROM Account ORDER BY Industry ASC NULLS FIRST", "globex",
               "Ünïcode GmbH", "100% Pure_Juice", "O'Reilly\\Media", "Acme");
  assert_rows (f, NULL, "SELECT Name FROM Account ORDER BY OwnerId DESC, NumberOfEmployees",
               "globex", "100% Pure_Juice", "Acme", "O'Reilly\\Media", "Ünïcode GmbH");
  assert_rows (f, NULL, "SELECT Name, Owner.Name FROM Account ORDER BY Owner.Name, Name DESC",
               "Ünïcode GmbH|Ada Admin", "O'Reilly\\Media|Ada Admin", "Acme|Ada Admin",
               "globex|Bob Builder", "100% Pure_Juice|Bob Builder");
}

static void
test_limit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LoSoqlQuery) query = compile_ok (f, NULL, "SELECT Name FROM Account LIMIT 2");

  g_assert_cmpint (query->limit, ==, 2);
  assert_rows (f, NULL, "SELECT Name FROM Account ORDER BY Name LIMIT 2", "100% Pure_Juice",
               "Acme");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Industry != null ORDER BY Name DESC "
                        "LIMIT 1", "Ünïcode GmbH");
  assert_rows (f, NULL, "SELECT Name FROM Account LIMIT 0", NULL);
}

static void
test_query_all (Fixture       *f,
                gconstpointer  data)
{
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Industry = 'Technology'", "Acme");
  assert_rows (f, &query_all, "SELECT Name FROM Account WHERE Industry = 'Technology'", "Acme",
               "Deleted Corp");
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE IsDeleted = true", NULL);
  assert_rows (f, &query_all, "SELECT Name, IsDeleted FROM Account WHERE IsDeleted = true",
               "Deleted Corp|1");
  /* A deleted parent is invisible to query, like the deleted record itself. */
  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE Contact SET IsDeleted = 0 WHERE Id = "
                                        "'003000000000003AAA'", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  assert_rows (f, NULL, "SELECT Name, Account.Name FROM Contact WHERE LastName = 'Gone'",
               "Del Gone|∅");
  assert_rows (f, &query_all, "SELECT Name, Account.Name FROM Contact WHERE LastName = 'Gone'",
               "Del Gone|Deleted Corp");
}

static void
test_injection (Fixture       *f,
                gconstpointer  data)
{
  static const char *const attempts[] = {
    "SELECT Name FROM Account WHERE Name = '\\' OR 1=1 --'",
    "SELECT Name FROM Account WHERE Name = '\\'); DROP TABLE Account; --'",
    "SELECT Name FROM Account WHERE Name = '\\u0027 OR \\u0027\\u0027=\\u0027'",
    "SELECT Name FROM Account WHERE Name = 'x\" OR \"1\"=\"1'",
    "SELECT Name FROM Account WHERE Name LIKE '\\\\\\' OR Name LIKE \\'%'",
    "SELECT Name FROM Account WHERE Name IN ('a\\', ', 'b')",
    "SELECT Name FROM Account WHERE Name = '\\\\\\' UNION SELECT Password FROM User --'",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LoSoqlQuery) query = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    assert_rows (f, NULL, attempts[i], NULL);
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name LIKE '%\\'%'", "O'Reilly\\Media");

  /* Quotes a client doubles SQL-style end the SOQL string instead. */
  query = lo_soql_compile (f->schema, "SELECT Name FROM Account WHERE Name = 'x'' OR ''1''=''1'",
                           NULL, &error);
  g_assert_null (query);
  g_assert_error (error, LO_SOQL_ERROR, LO_SOQL_ERROR_MALFORMED_QUERY);
  g_clear_error (&error);
  query = lo_soql_compile (f->schema, "SELECT Name FROM Account WHERE Id = "
                                      "'001000000000001\\' OR 1=1'", NULL, &error);
  g_assert_error (error, LO_SOQL_ERROR, LO_SOQL_ERROR_MALFORMED_QUERY);

  /* Nothing ran but the queries. */
  assert_rows (f, NULL, "SELECT Name FROM Account WHERE Name = 'Acme'", "Acme");
}

static void
test_compound_fields (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LoSoqlQuery) query = compile_ok (f, NULL, "SELECT BillingAddress FROM Account");

  g_assert_cmpint (((LoField *) g_ptr_array_index (query->fields, 0))->type, ==,
                   LO_FIELD_ADDRESS);
  /* The REST API's shape: every component, blank or not; the whole field blank when they
   * all are. */
  assert_rows (f, NULL, "SELECT Name, BillingAddress FROM Account WHERE Name IN ('Acme', "
                        "'globex')",
               "Acme|{\"city\":\"Berlin\",\"country\":null,\"geocodeAccuracy\":null,"
               "\"latitude\":null,\"longitude\":null,\"postalCode\":\"10115\",\"state\":null,"
               "\"street\":\"Main St 1\"}", "globex|∅");
  assert_rows (f, NULL, "SELECT Account.BillingAddress FROM Contact WHERE Name = 'Sam Smith'",
               "{\"city\":\"Berlin\",\"country\":null,\"geocodeAccuracy\":null,"
               "\"latitude\":null,\"longitude\":null,\"postalCode\":\"10115\",\"state\":null,"
               "\"street\":\"Main St 1\"}");
}

static void
test_register_functions (Fixture       *f,
                         gconstpointer  data)
{
  static const struct
  {
    const char *sql;
    const char *result;
  } cases[] = {
    { "SELECT lo_soql_lower('ÄÖÜ Straße')", "äöü straße" },
    { "SELECT lo_soql_lower(42)", "42" },
    { "SELECT lo_soql_lower(NULL) IS NULL", "1" },
    { "SELECT hex(lo_soql_lower(CAST(x'41FF' AS TEXT)))", "41FF" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (f->db, cases[i].sql, -1, &stmt, NULL), ==,
                       SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, cases[i].result);
      sqlite3_finalize (stmt);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char *path;
    void (*func) (Fixture *, gconstpointer);
  } tests[] = {
    { "/freight/lo-soql/select-columns", test_select_columns },
    { "/freight/lo-soql/case-insensitive", test_case_insensitive },
    { "/freight/lo-soql/parent-fields", test_parent_fields },
    { "/freight/lo-soql/custom-relationship", test_custom_relationship },
    { "/freight/lo-soql/polymorphic", test_polymorphic },
    { "/freight/lo-soql/qualified-names", test_qualified_names },
    { "/freight/lo-soql/comparison-operators", test_comparison_operators },
    { "/freight/lo-soql/null-tests", test_null_tests },
    { "/freight/lo-soql/in-lists", test_in_lists },
    { "/freight/lo-soql/like", test_like },
    { "/freight/lo-soql/where-precedence", test_where_precedence },
    { "/freight/lo-soql/long-conditions", test_long_conditions },
    { "/freight/lo-soql/booleans-and-ids", test_booleans_and_ids },
    { "/freight/lo-soql/string-escapes", test_string_escapes },
    { "/freight/lo-soql/order-by", test_order_by },
    { "/freight/lo-soql/limit", test_limit },
    { "/freight/lo-soql/query-all", test_query_all },
    { "/freight/lo-soql/injection", test_injection },
    { "/freight/lo-soql/compound-fields", test_compound_fields },
    { "/freight/lo-soql/register-functions", test_register_functions },
  };

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, NULL, fixture_set_up, tests[i].func,
                fixture_tear_down);
  return g_test_run ();
}
