/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lo-soql-fixture.h"
#include "lo-soql-private.h"

/* Every error of the compiler, with its code and its whole message, shaped like Salesforce's:
 * an excerpt of the line, a caret, "ERROR at Row:…:Column:…", then the text. */

#define NO_SUCH_COLUMN(field, entity) \
  "No such column '" field "' on entity '" entity "'. If you are attempting to use a custom " \
  "field, be sure to append the '__c' after the custom field name. Please reference your " \
  "WSDL or the describe call for the appropriate names."
#define NO_RELATIONSHIP(name) \
  "Didn't understand relationship '" name "' in field path. If you are attempting to use a " \
  "custom relationship, be sure to append the '__r' after the custom relationship name. " \
  "Please reference your WSDL or the describe call for the appropriate names."
#define NO_TYPE(name) \
  "sObject type '" name "' is not supported. If you are attempting to use a custom object, " \
  "be sure to append the '__c' after the entity name. Please reference your WSDL or the " \
  "describe call for the appropriate names."
#define FILTER_TYPE(field, type, should) \
  "value of filter criterion for field '" field "' must be of type " type " and should " \
  should "be enclosed in quotes"
#define LOCAL_ORG(what) \
  what " not supported by freight-local-org, which implements a subset of SOQL. Rewrite the " \
  "query without it, or run it against a real org."
#define TOO_COMPLICATED \
  "Query is either selecting too many fields or the filter conditions are too complicated."

typedef enum
{
  REST,
  BULK,
  BOTH,
} Api;

static const struct
{
  Api          api;
  const char  *soql;
  LoSoqlError  code;
  const char  *message;
} cases[] = {
  /* Names that do not exist. */
  { BOTH, "SELECT Id, Foo FROM Account", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\n"
    NO_SUCH_COLUMN ("Foo", "Account") },
  { BOTH, "SELECT Id FROM Foo", LO_SOQL_ERROR_INVALID_TYPE,
    "\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\n" NO_TYPE ("Foo") },
  { BOTH, "SELECT Id, Foo__r.Name FROM Invoice__c", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id, Foo__r.Name FROM Invoice__c\n           ^\nERROR at Row:1:Column:12\n"
    NO_RELATIONSHIP ("Foo__r") },
  { BOTH, "SELECT Account__c.Name FROM Invoice__c", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Account__c.Name FROM Invoice__c\n       ^\nERROR at Row:1:Column:8\n"
    NO_RELATIONSHIP ("Account__c") },
  { BOTH, "SELECT Account FROM Contact", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Account FROM Contact\n       ^\nERROR at Row:1:Column:8\n"
    NO_SUCH_COLUMN ("Account", "Contact") },
  { BOTH, "SELECT Account.Nme FROM Contact", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Account.Nme FROM Contact\n       ^\nERROR at Row:1:Column:8\n"
    NO_SUCH_COLUMN ("Nme", "Account") },
  /* A polymorphic relationship offers the Name entity's fields only. */
  { BOTH, "SELECT Who.Birthdate FROM Task", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Who.Birthdate FROM Task\n       ^\nERROR at Row:1:Column:8\n"
    NO_SUCH_COLUMN ("Birthdate", "Name") },
  /* Opportunity.ContactId has no relationship: the case of SFDX-Data-Move-Utility#432. */
  { BOTH, "SELECT Id, Name, StageName, Amount, CloseDate, Probability, Account.Name, "
          "Owner.Name, Contact.Name, CreatedDate FROM Opportunity",
    LO_SOQL_ERROR_INVALID_FIELD,
    "\nProbability, Account.Name, Owner.Name, Contact.Name, CreatedDate FROM\n"
    "                                       ^\nERROR at Row:1:Column:87\n"
    NO_RELATIONSHIP ("Contact") },
  { BOTH, "SELECT Id,\n  Foo\nFROM Account", LO_SOQL_ERROR_INVALID_FIELD,
    "\nFoo\n^\nERROR at Row:2:Column:3\n" NO_SUCH_COLUMN ("Foo", "Account") },
  { BOTH, "SELECT Id FROM Account WHERE Owner.Manager.Name = 'x'",
    LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT Id FROM Account WHERE Owner.Manager.Name = 'x'\n"
    "                             ^\nERROR at Row:1:Column:30\n"
    "Relationship paths deeper than one parent (Owner.Manager.Name) are not supported by "
    "freight-local-org, which implements a subset of SOQL. Select the parent's own fields, "
    "or query the parent object." },
  { BOTH, "SELECT Account.Foo.Name FROM Contact", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Account.Foo.Name FROM Contact\n       ^\nERROR at Row:1:Column:8\n"
    NO_RELATIONSHIP ("Foo") },
  { BOTH, "SELECT Id, Name, id FROM Account", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nSELECT Id, Name, id FROM Account\n                 ^\nERROR at Row:1:Column:18\n"
    "duplicate field selected: Id" },

  /* Syntax. AND and OR never mix unparenthesized; NOT covers one condition. */
  { BOTH, "SELECT Id FROM Account WHERE Name = 'a' AND Industry = 'b' OR Name = 'c'",
    LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nName = 'a' AND Industry = 'b' OR Name = 'c'\n                              ^\n"
    "ERROR at Row:1:Column:60\nunexpected token: 'OR'" },
  { BOTH, "SELECT Id FROM Account WHERE NOT Name = 'a' AND Industry = 'b'",
    LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nAccount WHERE NOT Name = 'a' AND Industry = 'b'\n                             ^\n"
    "ERROR at Row:1:Column:45\nunexpected token: 'AND'" },
  { BOTH, "SELECT Id FROM Account WHERE Name = 'a' AND NOT Industry = 'b'",
    LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nAccount WHERE Name = 'a' AND NOT Industry = 'b'\n                             ^\n"
    "ERROR at Row:1:Column:45\nunexpected token: 'NOT'" },
  { BOTH, "SELECT Id FROM", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nSELECT Id FROM\n              ^\nERROR at Row:1:Column:15\nunexpected token: '<EOF>'" },
  { BOTH, "", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\n\n^\nERROR at Row:1:Column:1\nunexpected token: '<EOF>'" },
  { BOTH, "SELECT FROM Account", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nSELECT FROM Account\n       ^\nERROR at Row:1:Column:8\n"
    "unexpected token: 'SELECT FROM'" },
  { BOTH, "SELECT Name n FROM Account", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nSELECT Name n FROM Account\n            ^\nERROR at Row:1:Column:13\n"
    "unexpected token: 'n'" },
  { BOTH, "SELECT Id FROM Account WHERE Industry IN ()", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nSELECT Id FROM Account WHERE Industry IN ()\n                             ^\n"
    "ERROR at Row:1:Column:30\nunexpected token: 'Industry IN ()'" },
  { BOTH, "SELECT Id FROM Account WHERE Industry = ('a')", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nFROM Account WHERE Industry = ('a')\n                              ^\n"
    "ERROR at Row:1:Column:41\n"
    "unexpected token: '('" },
  { BOTH, "SELECT Id FROM Account LIMIT -1", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nSELECT Id FROM Account LIMIT -1\n                             ^\n"
    "ERROR at Row:1:Column:30\nunexpected token: '-'" },
  { BOTH, "SELECT Id FROM Account LIMIT 99999999999", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nSELECT Id FROM Account LIMIT 99999999999\n                             ^\n"
    "ERROR at Row:1:Column:30\nunexpected token: '99999999999'" },
  { BOTH, "SELECT Id FROM Account ORDER BY Name NULLS", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nFROM Account ORDER BY Name NULLS\n                                ^\n"
    "ERROR at Row:1:Column:43\n"
    "unexpected token: '<EOF>'" },
  { BOTH, "SELECT Id FROM Account WHERE CloseDate = LAST_N_DAYS", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nWHERE CloseDate = LAST_N_DAYS\n                             ^\n"
    "ERROR at Row:1:Column:53\n"
    "unexpected token: '<EOF>'" },
  { BOTH, "SELECT Id FROM Account WHERE Name = :name", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nId FROM Account WHERE Name = :name\n                             ^\n"
    "ERROR at Row:1:Column:37\nBind variables only allowed in Apex code" },
  /* The lexer's own errors, as Salesforce words them (Summer '24 release notes). */
  { BOTH, "SELECT Id from $casecomment WHERE isdeleted = false", LO_SOQL_ERROR_MALFORMED_QUERY,
    "line 1:15 unexpected token: '$'" },
  { BOTH, "SELECT Id FROM Account WHERE Name = \"Acme\"", LO_SOQL_ERROR_MALFORMED_QUERY,
    "line 1:36 unexpected token: '\"'" },
  { BOTH, "SELECT Id FROM Account\nWHERE Name = 'unterminated", LO_SOQL_ERROR_MALFORMED_QUERY,
    "line 2:13 unexpected token: '''" },
  { BOTH, "SELECT Id FROM Account WHERE Name = 'é' AND Name = é",
    LO_SOQL_ERROR_MALFORMED_QUERY, "line 1:51 unexpected token: 'é'" },
  { BOTH, "SELECT Id FROM Account WHERE Name = 'a\\x'", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nId FROM Account WHERE Name = 'a\\x'\n                             ^\n"
    "ERROR at Row:1:Column:37\nInvalid string literal 'a\\x'. Illegal character sequence "
    "'\\x' in string literal." },
  { BOTH, "SELECT Id FROM Account WHERE Name = '\\u00'", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nId FROM Account WHERE Name = '\\u00'\n                             ^\n"
    "ERROR at Row:1:Column:37\nInvalid string literal '\\u00'. Illegal character sequence "
    "'\\u' in string literal." },
  { BOTH, "SELECT Id FROM Account WHERE Name = '\\u0000'", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nId FROM Account WHERE Name = '\\u0000'\n                             ^\n"
    "ERROR at Row:1:Column:37\nInvalid string literal "
    "'\\u0000'. Illegal character sequence '\\u0000' in string literal." },

  /* Literals of the wrong type (INVALID_FIELD, as real orgs answer). */
  { BOTH, "SELECT Name, Industry, AnnualRevenue FROM Account WHERE Industry IN ('Energy', "
          "'Media') AND NumberOfEmployees = '100' ORDER BY Name", LO_SOQL_ERROR_INVALID_FIELD,
    "\nIndustry IN ('Energy', 'Media') AND NumberOfEmployees = '100' ORDER\n"
    "                                    ^\nERROR at Row:1:Column:93\n"
    FILTER_TYPE ("NumberOfEmployees", "int", "not ") },
  { BOTH, "SELECT Id FROM Account WHERE Name = 2024-01-01", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Account WHERE Name = 2024-01-01\n                             ^\n"
    "ERROR at Row:1:Column:30\n" FILTER_TYPE ("Name", "string", "") },
  { BOTH, "SELECT Id FROM Account WHERE Name = 5", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Account WHERE Name = 5\n                             ^\n"
    "ERROR at Row:1:Column:30\n" FILTER_TYPE ("Name", "string", "") },
  { BOTH, "SELECT Id FROM Opportunity WHERE CloseDate = '2024-01-01'",
    LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Opportunity WHERE CloseDate = '2024-01-01'\n"
    "                                 ^\nERROR at Row:1:Column:34\n"
    FILTER_TYPE ("CloseDate", "date", "not ") },
  { BOTH, "SELECT Id FROM Opportunity WHERE CreatedDate > 2024-01-01",
    LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Opportunity WHERE CreatedDate > 2024-01-01\n"
    "                                 ^\nERROR at Row:1:Column:34\n"
    FILTER_TYPE ("CreatedDate", "dateTime", "not ") },
  { BOTH, "SELECT Id FROM Opportunity WHERE CloseDate < 2024-01-01T00:00:00Z",
    LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Opportunity WHERE CloseDate < 2024-01-01T00:00:00Z\n"
    "                                 ^\nERROR at Row:1:Column:34\n"
    FILTER_TYPE ("CloseDate", "date", "not ") },
  { BOTH, "SELECT Id FROM Contact WHERE Account.AnnualRevenue > TODAY",
    LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Contact WHERE Account.AnnualRevenue > TODAY\n"
    "                             ^\nERROR at Row:1:Column:30\n"
    FILTER_TYPE ("Account.AnnualRevenue", "double", "not ") },
  { BOTH, "SELECT Id FROM Invoice__c WHERE Paid__c = 'true'", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Invoice__c WHERE Paid__c = 'true'\n"
    "                                ^\nERROR at Row:1:Column:33\n"
    FILTER_TYPE ("Paid__c", "boolean", "not ") },
  { BOTH, "SELECT Id FROM Account WHERE Id = 5", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Account WHERE Id = 5\n                             ^\n"
    "ERROR at Row:1:Column:30\n" FILTER_TYPE ("Id", "id", "") },
  { BOTH, "SELECT Id FROM Account WHERE Name LIKE 5", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Account WHERE Name LIKE 5\n                             ^\n"
    "ERROR at Row:1:Column:30\n" FILTER_TYPE ("Name", "string", "") },
  /* Values Salesforce cannot read. */
  { BOTH, "SELECT Id FROM Account WHERE Id = 'abc'", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nSELECT Id FROM Account WHERE Id = 'abc'\n                                  ^\n"
    "ERROR at Row:1:Column:35\ninvalid ID field: abc" },
  { BOTH, "SELECT Id FROM Opportunity WHERE CloseDate = 2024-02-30",
    LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nOpportunity WHERE CloseDate = 2024-02-30\n                              ^\n"
    "ERROR at Row:1:Column:46\n"
    "Invalid date: 2024-02-30" },
  { BOTH, "SELECT Id FROM Account WHERE SystemModstamp > 2020-12-12t12:12:00-25:00",
    LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nAccount WHERE SystemModstamp > 2020-12-12t12:12:00-25:00\n"
    "                               ^\nERROR at Row:1:Column:47\n"
    "Invalid datetime: 2020-12-12t12:12:00-25:00" },
  { BOTH, "SELECT Id FROM Account WHERE SystemModstamp > 2020-12-12T12:12:00",
    LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nAccount WHERE SystemModstamp > 2020-12-12T12:12:00\n"
    "                               ^\nERROR at Row:1:Column:47\n"
    "Invalid datetime: 2020-12-12T12:12:00" },
  /* Operators a field's type does not take. */
  { BOTH, "SELECT Id FROM Invoice__c WHERE Paid__c > true", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nFROM Invoice__c WHERE Paid__c > true\n                              ^\n"
    "ERROR at Row:1:Column:41\n"
    "invalid operator on boolean field" },
  { BOTH, "SELECT Id FROM Contact WHERE AccountId LIKE '001%'", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nFROM Contact WHERE AccountId LIKE '001%'\n                             ^\n"
    "ERROR at Row:1:Column:40\n"
    "invalid operator on id field" },
  { BOTH, "SELECT Id FROM Opportunity WHERE Amount < null", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nFROM Opportunity WHERE Amount < null\n                                ^\n"
    "ERROR at Row:1:Column:43\n"
    "unexpected token: 'null'" },
  { BOTH, "SELECT Id FROM Account WHERE Name LIKE NULL", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nFROM Account WHERE Name LIKE NULL\n                             ^\n"
    "ERROR at Row:1:Column:40\n"
    "unexpected token: 'NULL'" },
  /* Fields describe makes neither filterable nor sortable. */
  { BOTH, "SELECT Id FROM Account WHERE Description = 'x'", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Account WHERE Description = 'x'\n                             ^\n"
    "ERROR at Row:1:Column:30\nfield 'Description' can not be filtered in a query call" },
  { BOTH, "SELECT Id FROM Account WHERE BillingAddress != null", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Account WHERE BillingAddress != null\n"
    "                             ^\nERROR at Row:1:Column:30\n"
    "field 'BillingAddress' can not be filtered in a query call" },
  { BOTH, "SELECT Id FROM Account ORDER BY Description", LO_SOQL_ERROR_INVALID_FIELD,
    "\nSELECT Id FROM Account ORDER BY Description\n                                ^\n"
    "ERROR at Row:1:Column:33\nfield 'Description' can not be sorted in a query call" },

  /* What the Bulk API 2.0 refuses, in its words (no excerpt). */
  { BULK, "SELECT Name, BillingAddress FROM Account", LO_SOQL_ERROR_API_ERROR,
    "Selecting compound data not supported in Bulk Query" },
  { BULK, "SELECT Account.ShippingAddress FROM Contact", LO_SOQL_ERROR_API_ERROR,
    "Selecting compound data not supported in Bulk Query" },
  { BULK, "SELECT Name, (SELECT LastName FROM Contacts) FROM Account", LO_SOQL_ERROR_API_ERROR,
    "Aggregate Relationships not supported in Bulk V2 Query with CSV content type" },
  { BULK, "SELECT COUNT() FROM Account", LO_SOQL_ERROR_API_ERROR,
    "Aggregate queries not supported in Bulk V2 Query" },
  { BULK, "SELECT Industry, MAX(AnnualRevenue) FROM Account", LO_SOQL_ERROR_API_ERROR,
    "Aggregate queries not supported in Bulk V2 Query" },
  { BULK, "SELECT Industry FROM Account GROUP BY Industry", LO_SOQL_ERROR_API_ERROR,
    "GROUP BY not supported in Bulk V2 Query" },
  { BULK, "SELECT Id FROM Account LIMIT 5 OFFSET 10", LO_SOQL_ERROR_API_ERROR,
    "OFFSET not supported in Bulk V2 Query" },
  { BULK, "SELECT TYPEOF What WHEN Account THEN Name END FROM Task", LO_SOQL_ERROR_API_ERROR,
    "TYPEOF not supported in Bulk V2 Query" },
  /* The same through REST: valid SOQL the local org does not implement. */
  { REST, "SELECT Name, (SELECT LastName FROM Contacts) FROM Account",
    LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT Name, (SELECT LastName FROM Contacts\n             ^\n"
    "ERROR at Row:1:Column:14\n" LOCAL_ORG ("Parent-to-child relationship subqueries are") },
  { REST, "SELECT COUNT() FROM Account", LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT COUNT() FROM Account\n       ^\nERROR at Row:1:Column:8\n"
    LOCAL_ORG ("Aggregate functions such as COUNT() are") },
  { REST, "SELECT Industry FROM Account GROUP BY Industry",
    LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT Industry FROM Account GROUP BY Industry\n                             ^\n"
    "ERROR at Row:1:Column:30\n" LOCAL_ORG ("GROUP BY is") },
  { REST, "SELECT Id FROM Account LIMIT 5 OFFSET 10", LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT Id FROM Account LIMIT 5 OFFSET 10\n                               ^\n"
    "ERROR at Row:1:Column:32\n" LOCAL_ORG ("OFFSET is") },
  { REST, "SELECT TYPEOF What WHEN Account THEN Name END FROM Task",
    LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT TYPEOF What WHEN Account THEN\n       ^\nERROR at Row:1:Column:8\n"
    LOCAL_ORG ("TYPEOF is") },
  /* Valid SOQL no API of the local org implements. */
  { BOTH, "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)",
    LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nId FROM Account WHERE Id IN (SELECT AccountId FROM Contact)\n"
    "                             ^\nERROR at Row:1:Column:37\n"
    LOCAL_ORG ("Semi-join and anti-join subqueries are") },
  { BOTH, "SELECT toLabel(Industry) FROM Account", LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT toLabel(Industry) FROM Account\n       ^\nERROR at Row:1:Column:8\n"
    LOCAL_ORG ("SOQL functions such as toLabel() or FIELDS() are") },
  { BOTH, "SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2024",
    LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2024\n"
    "                             ^\nERROR at Row:1:Column:30\n"
    LOCAL_ORG ("SOQL functions such as CALENDAR_YEAR() are") },
  { BOTH, "SELECT Id FROM Account ORDER BY CALENDAR_YEAR(CreatedDate)",
    LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT Id FROM Account ORDER BY CALENDAR_YEAR(CreatedDate)\n"
    "                                ^\nERROR at Row:1:Column:33\n"
    LOCAL_ORG ("SOQL functions such as CALENDAR_YEAR() are") },
  { BOTH, "SELECT Id FROM Account WHERE Industry INCLUDES ('a')",
    LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nId FROM Account WHERE Industry INCLUDES ('a')\n"
    "                               ^\nERROR at Row:1:Column:39\n"
    LOCAL_ORG ("INCLUDES and EXCLUDES are") },
  { BOTH, "SELECT Id FROM Account FOR UPDATE", LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT Id FROM Account FOR UPDATE\n                       ^\nERROR at Row:1:Column:24\n"
    LOCAL_ORG ("FOR VIEW, FOR REFERENCE, FOR UPDATE and UPDATE TRACKING are") },
  { BOTH, "SELECT Id FROM Account ALL ROWS", LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT Id FROM Account ALL ROWS\n                       ^\nERROR at Row:1:Column:24\n"
    LOCAL_ORG ("ALL ROWS (use the queryAll operation instead) is") },
  { BOTH, "SELECT Id FROM Account USING SCOPE mine", LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT Id FROM Account USING SCOPE mine\n                       ^\n"
    "ERROR at Row:1:Column:24\n" LOCAL_ORG ("USING SCOPE is") },
  { BOTH, "SELECT Id FROM Contact, Contact.Account", LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT Id FROM Contact, Contact.Account\n                      ^\n"
    "ERROR at Row:1:Column:23\n" LOCAL_ORG ("Several objects in FROM are") },
  { BOTH, "SELECT Id FROM Account WITH DATA CATEGORY Geography__c AT usa__c",
    LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
    "\nSELECT Id FROM Account WITH DATA CATEGORY Geography__c\n"
    "                       ^\nERROR at Row:1:Column:24\n" LOCAL_ORG ("WITH clauses are") },
  /* API versions 61.0 and later outside Apex (Summer '24 release notes). */
  { BOTH, "SELECT Id FROM Account WITH SECURITY_ENFORCED", LO_SOQL_ERROR_MALFORMED_QUERY,
    "\nSELECT Id FROM Account WITH SECURITY_ENFORCED\n                            ^\n"
    "ERROR at Row:1:Column:29\nrule soqlWithIdentifierClause failed predicate: "
    "{this.helper.allowApexSyntax() && this.helper.hasApexContext()}?" },
};

static void
test_error_messages (void)
{
  g_autoptr(GError) load_error = NULL;
  g_autoptr(LoSchema) schema = lo_soql_fixture_load_schema (&load_error);
  guint failures = 0;

  g_assert_no_error (load_error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint bulk = 0; bulk < 2; bulk++)
      {
        LoSoqlOptions options = { .bulk = bulk };
        g_autoptr(GError) error = NULL;
        g_autoptr(LoSoqlQuery) query = NULL;

        if ((cases[i].api == REST && bulk) || (cases[i].api == BULK && !bulk))
          continue;
        query = lo_soql_compile (schema, cases[i].soql, &options, &error);
        if (query == NULL && g_error_matches (error, LO_SOQL_ERROR, cases[i].code)
            && g_str_equal (error->message, cases[i].message))
          continue;
        g_printerr ("%s (%s)\ngot %s: [%s]\nexpected %s: [%s]\n", cases[i].soql,
                    bulk ? "bulk" : "REST",
                    error ? lo_soql_error_code_name (error->code) : "no error",
                    error ? error->message : "", lo_soql_error_code_name (cases[i].code),
                    cases[i].message);
        failures++;
      }
  g_assert_cmpuint (failures, ==, 0);
}

static void
test_rest_allows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoSchema) schema = lo_soql_fixture_load_schema (&error);
  g_autoptr(LoSoqlQuery) query = NULL;

  /* Compound fields come back through REST; only the Bulk API refuses them. */
  query = lo_soql_compile (schema, "SELECT Name, BillingAddress FROM Account", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (query);
}

static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoSchema) schema = lo_soql_fixture_load_schema (&error);
  g_autoptr(GString) soql = g_string_new ("SELECT Id FROM Account WHERE Name = '");
  g_autoptr(LoSoqlQuery) query = NULL;

  for (guint i = 0; i < 4000; i++)
    g_string_append (soql, "é");
  g_string_append (soql, "'");
  query = lo_soql_compile (schema, soql->str, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&query, lo_soql_query_free);

  g_string_insert (soql, soql->len - 1, "x");
  query = lo_soql_compile (schema, soql->str, NULL, &error);
  g_assert_error (error, LO_SOQL_ERROR, LO_SOQL_ERROR_MALFORMED_QUERY);
  g_assert_true (g_str_has_suffix (error->message, "\nString literals in a WHERE clause "
                                                   "cannot be longer than 4000 characters"));
  g_clear_error (&error);

  g_string_assign (soql, "SELECT Id FROM Account WHERE Name = 'a'");
  while (soql->len <= 100000)
    g_string_append (soql, " OR Name = 'a'");
  query = lo_soql_compile (schema, soql->str, NULL, &error);
  g_assert_error (error, LO_SOQL_ERROR, LO_SOQL_ERROR_MALFORMED_QUERY);
  g_assert_cmpstr (error->message, ==, "SOQL statements cannot be longer than 100000 "
                                       "characters.");
  g_clear_error (&error);

  g_string_assign (soql, "SELECT Id FROM Account WHERE ");
  for (guint i = 0; i < 17; i++)
    g_string_append_c (soql, '(');
  g_string_append (soql, "Name = 'a'");
  for (guint i = 0; i < 17; i++)
    g_string_append_c (soql, ')');
  query = lo_soql_compile (schema, soql->str, NULL, &error);
  g_assert_error (error, LO_SOQL_ERROR, LO_SOQL_ERROR_QUERY_TOO_COMPLICATED);
  g_assert_cmpstr (error->message, ==, TOO_COMPLICATED);
}

static void
test_not_queryable (void)
{
  static const char json[] =
    "{\"organization\":{\"id\":\"00D5j00000FrEiG\"},"
    "\"users\":[{\"id\":\"0055j000009HgkN\",\"username\":\"a@b.c\",\"password\":\"p\"}],"
    "\"objects\":[{\"name\":\"Secret__c\",\"keyPrefix\":\"a09\",\"queryable\":false,"
    "\"fields\":[{\"name\":\"Id\",\"type\":\"id\"}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LoSchema) schema = lo_schema_load_from_data (json, -1, "t.json", &error);
  g_autoptr(LoSoqlQuery) query = NULL;

  g_assert_no_error (error);
  query = lo_soql_compile (schema, "SELECT Id FROM Secret__c", NULL, &error);
  g_assert_error (error, LO_SOQL_ERROR, LO_SOQL_ERROR_INVALID_TYPE_FOR_OPERATION);
  g_assert_cmpstr (error->message, ==, "entity type Secret__c does not support query");
}

/* Excerpts of real error messages on long lines, rebuilt: the statement is padded so that
 * the excerpt sits at the real column, with the real neighbours. */
static void
test_real_excerpts (void)
{
  static const struct
  {
    const char *before;             /* the separator before the excerpt */
    const char *excerpt;
    guint       caret;              /* within the excerpt */
    guint       column;             /* 1-based, in the statement */
    const char *after;
    const char *source;
  } excerpts[] = {
    { ",", "CreatedById,OCE__ActualCap__c,TPI_Product__c,Name,OCE__JobId__c", 30, 114,
      ",OCE__Other__c FROM OCE__ActivityPlan__c", "an INVALID_FIELD quoted in a public repo" },
    { ", ", "Campaign.Name, Pricebook2.Name, Contact.Name, LastAmountChangedHistory.Id", 32, 1315,
      ", Name FROM Opportunity", "forcedotcom/SFDX-Data-Move-Utility#432" },
    { " AND ", "LastModifiedDate>TODAY GROUP BY LastModifiedDate", 32, 182, "",
      "forcedotcom/cli#1356" },
    { " ", "AND LastModifiedDate=TODAY AND LastModifiedBy='0050h00000IW2Jf'", 31, 177,
      " LIMIT 10", "forcedotcom/cli#1356" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (excerpts); i++)
    {
      g_autoptr(GString) soql = g_string_new ("SELECT ");
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      guint start = excerpts[i].column - 1 - excerpts[i].caret;
      LoSoqlSource source = { 0 };

      while (soql->len < start - strlen (excerpts[i].before))
        g_string_append_c (soql, 'x');
      g_string_append (soql, excerpts[i].before);
      g_assert_cmpuint (soql->len, ==, start);
      g_string_append (soql, excerpts[i].excerpt);
      g_string_append (soql, excerpts[i].after);

      g_assert_true (_lo_soql_lex (&source, soql->str, &error));
      _lo_soql_set_error_at (&error, &source, start + excerpts[i].caret,
                             LO_SOQL_ERROR_INVALID_FIELD, "detail");
      expected = g_strdup_printf ("\n%s\n%*s^\nERROR at Row:1:Column:%u\ndetail",
                                  excerpts[i].excerpt, (int) excerpts[i].caret, "",
                                  excerpts[i].column);
      if (!g_str_equal (error->message, expected))
        g_error ("%s: got [%s], expected [%s]", excerpts[i].source, error->message, expected);
      _lo_soql_source_clear (&source);
    }
}

static void
test_code_names (void)
{
  static const char *const names[] = {
    "MALFORMED_QUERY", "INVALID_FIELD", "INVALID_TYPE", "INVALID_TYPE_FOR_OPERATION",
    "QUERY_TOO_COMPLICATED", "API_ERROR", "FUNCTIONALITY_NOT_ENABLED", "UNKNOWN_EXCEPTION",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (lo_soql_error_code_name (i), ==, names[i]);
  g_assert_cmpstr (lo_soql_error_code_name (-1), ==, "UNKNOWN_EXCEPTION");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/freight/lo-soql-errors/messages", test_error_messages);
  g_test_add_func ("/freight/lo-soql-errors/rest-allows", test_rest_allows);
  g_test_add_func ("/freight/lo-soql-errors/limits", test_limits);
  g_test_add_func ("/freight/lo-soql-errors/not-queryable", test_not_queryable);
  g_test_add_func ("/freight/lo-soql-errors/real-excerpts", test_real_excerpts);
  g_test_add_func ("/freight/lo-soql-errors/code-names", test_code_names);
  return g_test_run ();
}
