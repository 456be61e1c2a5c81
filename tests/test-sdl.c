/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "freight.h"

static const FreightSdlDirection LOAD = FREIGHT_SDL_DIRECTION_LOAD;
static const FreightSdlDirection EXTRACT = FREIGHT_SDL_DIRECTION_EXTRACT;

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sdl", name, NULL);

  return g_file_new_for_path (path);
}

static FreightSdlMapping *
load_data (const char          *name,
           FreightSdlDirection  direction)
{
  g_autoptr(GFile) file = data_file (name);
  g_autoptr(GError) error = NULL;
  FreightSdlMapping *mapping;

  mapping = freight_sdl_mapping_new_from_file (file, direction, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mapping);
  return mapping;
}

static void
assert_data_error (const char *name,
                   int         code,
                   const char *message)
{
  g_autoptr(GFile) file = data_file (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightSdlMapping) mapping = NULL;

  mapping = freight_sdl_mapping_new_from_file (file, LOAD, NULL, &error);
  g_assert_null (mapping);
  g_assert_error (error, FREIGHT_SDL_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

/* Reads @text as the file "mapping.sdl". */
static FreightSdlMapping *
parse (const char          *text,
       FreightSdlDirection  direction,
       GError             **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return freight_sdl_mapping_new_from_bytes (bytes, "mapping.sdl", direction, error);
}

static FreightSdlMapping *
parse_ok (const char          *text,
          FreightSdlDirection  direction)
{
  g_autoptr(GError) error = NULL;
  FreightSdlMapping *mapping = parse (text, direction, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mapping);
  return mapping;
}

static void
assert_parse_error (const char          *text,
                    FreightSdlDirection  direction,
                    int                  code,
                    const char          *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightSdlMapping) mapping = parse (text, direction, &error);

  g_assert_null (mapping);
  g_assert_error (error, FREIGHT_SDL_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

/* Asserts the entry's columns: a NULL-terminated list of strings. */
static void
assert_columns (FreightSdlEntry *entry,
                ...)
{
  const char * const *columns = freight_sdl_entry_get_columns (entry);
  const char *column;
  va_list args;
  guint i = 0;

  va_start (args, entry);
  while ((column = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpstr (columns[i], ==, column);
      i++;
    }
  va_end (args);

  g_assert_null (columns[i]);
}

static void
assert_field (FreightSdlEntry *entry,
              guint            position,
              const char      *field)
{
  FreightSdlTarget *target = freight_sdl_entry_get_target (entry, position);

  g_assert_cmpint (freight_sdl_target_get_kind (target), ==, FREIGHT_SDL_TARGET_FIELD);
  g_assert_cmpstr (freight_sdl_target_get_field (target), ==, field);
  g_assert_null (freight_sdl_target_get_relationship (target));
  g_assert_null (freight_sdl_target_get_object_type (target));
  g_assert_null (freight_sdl_target_get_id_field (target));
}

static void
assert_relationship (FreightSdlTarget *target,
                     const char       *relationship,
                     const char       *object_type,
                     const char       *id_field)
{
  g_assert_cmpint (freight_sdl_target_get_kind (target), ==, FREIGHT_SDL_TARGET_RELATIONSHIP);
  g_assert_null (freight_sdl_target_get_field (target));
  g_assert_cmpstr (freight_sdl_target_get_relationship (target), ==, relationship);
  g_assert_cmpstr (freight_sdl_target_get_object_type (target), ==, object_type);
  g_assert_cmpstr (freight_sdl_target_get_id_field (target), ==, id_field);
}

static void
assert_bytes (GBytes     *bytes,
              const char *text)
{
  g_autofree char *copy = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_cmpstr (copy, ==, text);
}

/* Load, save, load again: the same mapping; saving that gives the same bytes. */
static void
assert_round_trip (FreightSdlMapping *mapping)
{
  g_autoptr(GBytes) bytes = freight_sdl_mapping_to_bytes (mapping);
  g_autoptr(GBytes) bytes_again = NULL;
  g_autoptr(FreightSdlMapping) reread = NULL;
  g_autoptr(GError) error = NULL;

  reread = freight_sdl_mapping_new_from_bytes (bytes, "saved.sdl",
                                               freight_sdl_mapping_get_direction (mapping),
                                               &error);
  g_assert_no_error (error);
  g_assert_true (freight_sdl_mapping_equal (mapping, reread));

  bytes_again = freight_sdl_mapping_to_bytes (reread);
  g_assert_true (g_bytes_equal (bytes, bytes_again));
}

static FreightSdlEntry *
entry_at (FreightSdlMapping *mapping,
          guint              position)
{
  return freight_sdl_mapping_get_entry (mapping, position);
}

static void
test_data_loader_written (void)
{
  g_autoptr(FreightSdlMapping) mapping = load_data ("account-insert.sdl", LOAD);
  FreightSdlEntry *entry;
  guint position = G_MAXUINT;

  g_assert_cmpint (freight_sdl_mapping_get_direction (mapping), ==, LOAD);
  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (mapping), ==, 10);

  entry = entry_at (mapping, 0);
  assert_columns (entry, "PHONE", NULL);
  g_assert_null (freight_sdl_entry_get_constant (entry));
  g_assert_cmpuint (freight_sdl_entry_get_n_targets (entry), ==, 1);
  assert_field (entry, 0, "Phone");
  g_assert_cmpuint (freight_sdl_entry_get_line (entry), ==, 3);
  g_assert_true (freight_sdl_entry_is_mapped (entry));

  /* Data Loader writes `COLUMN=` for each column left unmapped. */
  entry = entry_at (mapping, 1);
  assert_columns (entry, "CREATEDDATE", NULL);
  g_assert_cmpuint (freight_sdl_entry_get_n_targets (entry), ==, 0);
  g_assert_false (freight_sdl_entry_is_mapped (entry));
  g_assert_cmpuint (freight_sdl_entry_get_line (entry), ==, 4);

  entry = entry_at (mapping, 2);
  assert_columns (entry, "Account Name", NULL);
  assert_field (entry, 0, "Name");

  entry = entry_at (mapping, 4);
  assert_columns (entry, "PARENT", NULL);
  assert_relationship (freight_sdl_entry_get_target (entry, 0),
                       "Parent", "Account", "Oracle_Id__c");
  g_assert_cmpuint (freight_sdl_entry_get_line (entry), ==, 7);

  entry = entry_at (mapping, 6);
  assert_columns (entry, "Société", NULL);
  assert_field (entry, 0, "Description");

  entry = entry_at (mapping, 7);
  assert_relationship (freight_sdl_entry_get_target (entry, 0), "Owner", "User", "Username");

  entry = entry_at (mapping, 9);
  assert_columns (entry, "ANNUALREVENUE", NULL);
  g_assert_cmpuint (freight_sdl_entry_get_line (entry), ==, 12);

  /* CSV headers match case-insensitively, as in Data Loader. */
  g_assert_true (freight_sdl_mapping_lookup_column (mapping, "account name", &position)
                 == entry_at (mapping, 2));
  g_assert_cmpuint (position, ==, 2);
  g_assert_true (freight_sdl_mapping_lookup_column (mapping, "SOCIÉTÉ", NULL)
                 == entry_at (mapping, 6));
  g_assert_true (freight_sdl_mapping_lookup_column (mapping, "Phone", NULL)
                 == entry_at (mapping, 0));
  position = 42;
  g_assert_null (freight_sdl_mapping_lookup_column (mapping, "Fax", &position));
  g_assert_cmpuint (position, ==, 42);
  g_assert_null (freight_sdl_mapping_lookup_column (mapping, "Account", NULL));
}

static void
test_relationship_new_style (void)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;
  g_autoptr(FreightSdlTarget) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* `\:` is only the Properties escape of `:`; both spellings mean the same. */
  mapping = parse_ok ("PARENT=Parent\\:Account-Oracle_Id__c\n"
                      "ParentId=Parent:Account-Oracle_Id__c\n",
                      LOAD);
  for (guint i = 0; i < 2; i++)
    assert_relationship (freight_sdl_entry_get_target (entry_at (mapping, i), 0),
                         "Parent", "Account", "Oracle_Id__c");

  parsed = freight_sdl_target_parse ("  Who:Contact-Email ", &error);
  g_assert_no_error (error);
  assert_relationship (parsed, "Who", "Contact", "Email");
  text = freight_sdl_target_to_string (parsed);
  g_assert_cmpstr (text, ==, "Who:Contact-Email");
}

static void
test_relationship_old_style (void)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;
  g_autoptr(FreightSdlTarget) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* From Data Loader's own tests: names keep their case, Salesforce ignores it. */
  mapping = parse_ok ("PARENT=pArent:oRaClE_Id__c\n", LOAD);
  assert_relationship (freight_sdl_entry_get_target (entry_at (mapping, 0), 0),
                       "pArent", NULL, "oRaClE_Id__c");

  parsed = freight_sdl_target_parse ("Owner:Username", &error);
  g_assert_no_error (error);
  assert_relationship (parsed, "Owner", NULL, "Username");
  text = freight_sdl_target_to_string (parsed);
  g_assert_cmpstr (text, ==, "Owner:Username");
}

static void
test_relationship_bulk_style (void)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* The Bulk API's header forms, read for convenience and saved as Data Loader's. */
  mapping = parse_ok ("AccountRef=Account.External_Id__c\n"
                      "LeadEmail=Lead:Who.Email\n"
                      "Mother=Mother_Of_Child__r.External_ID__c\n",
                      LOAD);
  assert_relationship (freight_sdl_entry_get_target (entry_at (mapping, 0), 0),
                       "Account", NULL, "External_Id__c");
  assert_relationship (freight_sdl_entry_get_target (entry_at (mapping, 1), 0),
                       "Who", "Lead", "Email");
  assert_relationship (freight_sdl_entry_get_target (entry_at (mapping, 2), 0),
                       "Mother_Of_Child__r", NULL, "External_ID__c");

  bytes = freight_sdl_mapping_to_bytes (mapping);
  assert_bytes (bytes,
                "#Mapping values\n"
                "AccountRef=Account\\:External_Id__c\n"
                "LeadEmail=Who\\:Lead-Email\n"
                "Mother=Mother_Of_Child__r\\:External_ID__c\n");
  assert_round_trip (mapping);
}

static void
test_relationship_polymorphic (void)
{
  g_autoptr(FreightSdlMapping) mapping = load_data ("task-polymorphic.sdl", LOAD);

  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (mapping), ==, 5);
  assert_field (entry_at (mapping, 0), 0, "Subject");
  assert_relationship (freight_sdl_entry_get_target (entry_at (mapping, 1), 0),
                       "Who", "Contact", "Email");
  assert_relationship (freight_sdl_entry_get_target (entry_at (mapping, 2), 0),
                       "What", "Account", "Oracle_Id__c");
  assert_field (entry_at (mapping, 3), 0, "ActivityDate");
  assert_relationship (freight_sdl_entry_get_target (entry_at (mapping, 4), 0),
                       "Owner", "User", "Username");
  assert_round_trip (mapping);
}

static void
test_malformed_relationship (void)
{
  static const char *bad[] = {
    "Parent:", ":Oracle_Id__c", "Parent:Account-", "Parent:-Oracle_Id__c",
    "Parent:Account-Ext-Id__c", "Parent:Account:Oracle_Id__c", "Account.", ".Name",
    "Account.Owner.Email", "Lead:Who.", "Foo-Bar:Baz", "Parent :Oracle_Id__c",
    "Parent: Oracle_Id__c", "Lead:Who:Email.x", "Account.Owner:Email",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FreightSdlTarget) target = freight_sdl_target_parse (bad[i], &error);
      g_autofree char *message = NULL;

      g_assert_null (target);
      g_assert_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET);
      message = g_strdup_printf ("“%s” is not a valid relationship target; write "
                                 "RelationshipName:IdLookupField, e.g. "
                                 "Parent:Oracle_Id__c, or "
                                 "RelationshipName:ObjectType-IdLookupField, e.g. "
                                 "Who:Contact-Email",
                                 bad[i]);
      g_assert_cmpstr (error->message, ==, message);
    }

  assert_data_error ("bad-relationship.sdl", FREIGHT_SDL_ERROR_TARGET,
                     "bad-relationship.sdl: line 2: “Parent:” is not a valid relationship "
                     "target; write RelationshipName:IdLookupField, e.g. "
                     "Parent:Oracle_Id__c, or RelationshipName:ObjectType-IdLookupField, "
                     "e.g. Who:Contact-Email");
}

static void
test_plain_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightSdlTarget) dashed = NULL;
  g_autoptr(FreightSdlTarget) empty = NULL;
  g_autoptr(FreightSdlTarget) list = NULL;

  /* Data Loader also matches field labels, which may contain a `-`. */
  dashed = freight_sdl_target_parse ("E-mail", &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_sdl_target_get_kind (dashed), ==, FREIGHT_SDL_TARGET_FIELD);
  g_assert_cmpstr (freight_sdl_target_get_field (dashed), ==, "E-mail");

  empty = freight_sdl_target_parse ("  ", &error);
  g_assert_null (empty);
  g_assert_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET);
  g_assert_cmpstr (error->message, ==, "the field name is empty");
  g_clear_error (&error);

  list = freight_sdl_target_parse ("Name, Phone", &error);
  g_assert_null (list);
  g_assert_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET);
  g_assert_cmpstr (error->message, ==, "“Name, Phone” is not one field name: it contains a "
                   "comma");
}

static void
test_hand_written (void)
{
  g_autoptr(FreightSdlMapping) mapping = load_data ("hand-written.sdl", LOAD);
  FreightSdlEntry *entry;

  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (mapping), ==, 10);

  /* `=`, `:` and a blank all separate key and value. */
  assert_columns (entry_at (mapping, 0), "Name", NULL);
  assert_field (entry_at (mapping, 0), 0, "Name");
  g_assert_cmpuint (freight_sdl_entry_get_line (entry_at (mapping, 0)), ==, 5);
  assert_columns (entry_at (mapping, 1), "NumEmployees", NULL);
  assert_field (entry_at (mapping, 1), 0, "NumberOfEmployees");
  assert_columns (entry_at (mapping, 2), "Website", NULL);
  assert_field (entry_at (mapping, 2), 0, "Website");

  entry = entry_at (mapping, 3);
  g_assert_cmpstr (freight_sdl_entry_get_constant (entry), ==, "Aerospace");
  assert_columns (entry, NULL);
  assert_field (entry, 0, "Industry");
  g_assert_true (freight_sdl_entry_is_mapped (entry));

  entry = entry_at (mapping, 4);
  g_assert_cmpstr (freight_sdl_entry_get_constant (entry), ==, "California");
  g_assert_cmpuint (freight_sdl_entry_get_n_targets (entry), ==, 2);
  assert_field (entry, 0, "BillingState");
  assert_field (entry, 1, "ShippingState");

  g_assert_cmpstr (freight_sdl_entry_get_constant (entry_at (mapping, 5)), ==,
                   "Some Description");

  entry = entry_at (mapping, 6);
  assert_columns (entry, "Street1", "Street2", NULL);
  assert_field (entry, 0, "BillingStreet");
  g_assert_true (freight_sdl_mapping_lookup_column (mapping, "street2", NULL) == entry);
  g_assert_true (freight_sdl_mapping_lookup_column (mapping, "STREET1", NULL) == entry);

  /* A continued line keeps the line it started on. */
  entry = entry_at (mapping, 7);
  assert_columns (entry, "State", NULL);
  assert_field (entry, 0, "BillingState");
  assert_field (entry, 1, "ShippingState");
  g_assert_cmpuint (freight_sdl_entry_get_line (entry), ==, 12);

  assert_relationship (freight_sdl_entry_get_target (entry_at (mapping, 8), 0),
                       "pArent", NULL, "oRaClE_Id__c");
  g_assert_cmpuint (freight_sdl_entry_get_line (entry_at (mapping, 8)), ==, 14);
  assert_columns (entry_at (mapping, 9), "Account Owner", NULL);
  assert_relationship (freight_sdl_entry_get_target (entry_at (mapping, 9), 0),
                       "Owner", NULL, "Username");

  /* The commented-out line maps nothing. */
  g_assert_null (freight_sdl_mapping_lookup_column (mapping, "Industry", NULL));
}

static void
test_constants (void)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;

  mapping = parse_ok ("\"Aerospace\"=Industry\n"
                      "\"\"=Fax\n"
                      "\"a\\=b\\:c\\ \\#d\"=Description\n"
                      "\"say\\ \"hi\"\"=Slogan__c\n"
                      "\"x,y\"=Tags__c\n"
                      "\"\\u00C9t\\u00E9\"=Season__c\n"
                      "\"5\"=Name, field1__c,field2__c,   field3__c,\\n\\tfield4__c\n",
                      LOAD);

  g_assert_cmpstr (freight_sdl_entry_get_constant (entry_at (mapping, 0)), ==, "Aerospace");
  /* Data Loader's way of writing an empty value into a field. */
  g_assert_cmpstr (freight_sdl_entry_get_constant (entry_at (mapping, 1)), ==, "");
  assert_field (entry_at (mapping, 1), 0, "Fax");
  g_assert_cmpstr (freight_sdl_entry_get_constant (entry_at (mapping, 2)), ==, "a=b:c #d");
  /* Everything between the outer quotes is the constant, commas and quotes included. */
  g_assert_cmpstr (freight_sdl_entry_get_constant (entry_at (mapping, 3)), ==, "say \"hi\"");
  g_assert_cmpstr (freight_sdl_entry_get_constant (entry_at (mapping, 4)), ==, "x,y");
  g_assert_cmpstr (freight_sdl_entry_get_constant (entry_at (mapping, 5)), ==, "Été");

  /* Data Loader's own test of blanks around the fields of a constant. */
  g_assert_cmpuint (freight_sdl_entry_get_n_targets (entry_at (mapping, 6)), ==, 5);
  assert_field (entry_at (mapping, 6), 0, "Name");
  assert_field (entry_at (mapping, 6), 3, "field3__c");
  assert_field (entry_at (mapping, 6), 4, "field4__c");

  for (guint i = 0; i < freight_sdl_mapping_get_n_entries (mapping); i++)
    {
      assert_columns (entry_at (mapping, i), NULL);
      g_assert_true (freight_sdl_entry_is_mapped (entry_at (mapping, i)));
    }

  assert_round_trip (mapping);
}

static void
test_constant_unmapped (void)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;

  /* As in Data Loader's opportunityInsertMap.sdl sample: a constant that sets nothing. */
  mapping = parse_ok ("NAME=Name\n\"4-205817\"=\n", LOAD);
  g_assert_cmpstr (freight_sdl_entry_get_constant (entry_at (mapping, 1)), ==, "4-205817");
  g_assert_cmpuint (freight_sdl_entry_get_n_targets (entry_at (mapping, 1)), ==, 0);
  g_assert_false (freight_sdl_entry_is_mapped (entry_at (mapping, 1)));
  assert_round_trip (mapping);
}

static void
test_unterminated_constant (void)
{
  assert_data_error ("unterminated-constant.sdl", FREIGHT_SDL_ERROR_CONSTANT,
                     "unterminated-constant.sdl: line 3: the constant \"Some has no closing "
                     "double quote; write a space inside a constant as “\\ ”, e.g. "
                     "\"Some\\ Description\"=Description");
  assert_parse_error ("\"=Name\n", LOAD, FREIGHT_SDL_ERROR_CONSTANT,
                      "mapping.sdl: line 1: the constant \" has no closing double quote; "
                      "write a space inside a constant as “\\ ”, e.g. "
                      "\"Some\\ Description\"=Description");
  assert_parse_error ("\n\"abc=Name\n", EXTRACT, FREIGHT_SDL_ERROR_CONSTANT,
                      "mapping.sdl: line 2: the constant \"abc has no closing double quote; "
                      "write a space inside a constant as “\\ ”, e.g. "
                      "\"Some\\ Description\"=Description");
}

static void
test_one_column_several_fields (void)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;
  FreightSdlEntry *entry;

  mapping = parse_ok ("State=BillingState, ShippingState, Description\n"
                      "Name=Name,RICHTEXT__c\n"
                      "Parent=Parent:Account-Oracle_Id__c, Ultimate_Parent__r:Oracle_Id__c\n",
                      LOAD);

  entry = entry_at (mapping, 0);
  g_assert_cmpuint (freight_sdl_entry_get_n_targets (entry), ==, 3);
  assert_field (entry, 0, "BillingState");
  assert_field (entry, 1, "ShippingState");
  assert_field (entry, 2, "Description");

  entry = entry_at (mapping, 1);
  assert_field (entry, 0, "Name");
  assert_field (entry, 1, "RICHTEXT__c");

  entry = entry_at (mapping, 2);
  assert_relationship (freight_sdl_entry_get_target (entry, 0), "Parent", "Account",
                       "Oracle_Id__c");
  assert_relationship (freight_sdl_entry_get_target (entry, 1), "Ultimate_Parent__r", NULL,
                       "Oracle_Id__c");

  assert_round_trip (mapping);
}

static void
test_several_columns_one_field (void)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* A blank after the comma must be escaped, or the key would end there. */
  mapping = parse_ok ("Street1,Street2=BillingStreet\n"
                      "City,\\ Region\\ Name,Zip=BillingCity, Description\n",
                      LOAD);
  assert_columns (entry_at (mapping, 0), "Street1", "Street2", NULL);
  assert_columns (entry_at (mapping, 1), "City", "Region Name", "Zip", NULL);
  assert_field (entry_at (mapping, 1), 1, "Description");
  g_assert_true (freight_sdl_mapping_lookup_column (mapping, "region name", NULL)
                 == entry_at (mapping, 1));

  bytes = freight_sdl_mapping_to_bytes (mapping);
  assert_bytes (bytes,
                "#Mapping values\n"
                "Street1,Street2=BillingStreet\n"
                "City,Region\\ Name,Zip=BillingCity, Description\n");
  assert_round_trip (mapping);
}

static void
test_unescaped_blank_in_key (void)
{
  /* Data Loader silently maps column "Account" to a field "Name=Name" here. */
  assert_parse_error ("Id=Id\nAccount Name=Name\n", LOAD, FREIGHT_SDL_ERROR_TARGET,
                      "mapping.sdl: line 2: “Name=Name” is not a field name: a blank ends "
                      "the key, so write each blank in a column name as “\\ ”, e.g. "
                      "Account\\ Name=Name, and none after a comma");
  assert_parse_error ("Street1, Street2=BillingStreet\n", LOAD, FREIGHT_SDL_ERROR_TARGET,
                      "mapping.sdl: line 1: “Street2=BillingStreet” is not a field name: a "
                      "blank ends the key, so write each blank in a column name as “\\ ”, "
                      "e.g. Account\\ Name=Name, and none after a comma");
}

static void
test_list_items (void)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;

  /* Empty items are skipped, as Data Loader's StringTokenizer does. */
  mapping = parse_ok ("A=BillingState,,ShippingState,\n"
                      "B,,C,=Name2__c\n"
                      ",D=,Phone\n"
                      ",=Skipped__c\n"
                      ",,,=Skipped__c\n",
                      LOAD);
  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (mapping), ==, 3);
  assert_field (entry_at (mapping, 0), 0, "BillingState");
  assert_field (entry_at (mapping, 0), 1, "ShippingState");
  g_assert_cmpuint (freight_sdl_entry_get_n_targets (entry_at (mapping, 0)), ==, 2);
  assert_columns (entry_at (mapping, 1), "B", "C", NULL);
  assert_columns (entry_at (mapping, 2), "D", NULL);
  assert_field (entry_at (mapping, 2), 0, "Phone");
  g_assert_cmpuint (freight_sdl_entry_get_line (entry_at (mapping, 2)), ==, 3);
}

static void
test_empty_target (void)
{
  assert_data_error ("empty-target.sdl", FREIGHT_SDL_ERROR_TARGET,
                     "empty-target.sdl: line 2: the list of fields “BillingState, , "
                     "ShippingState” has an empty name; remove the extra comma");
  assert_parse_error ("Name=Name, \n", LOAD, FREIGHT_SDL_ERROR_TARGET,
                      "mapping.sdl: line 1: the list of fields “Name, ” has an empty name; "
                      "remove the extra comma");
  assert_parse_error ("Name=\\ \n", LOAD, FREIGHT_SDL_ERROR_TARGET,
                      "mapping.sdl: line 1: the list of fields “ ” has an empty name; "
                      "remove the extra comma");
  assert_parse_error ("A,\\ ,B=Name\n", LOAD, FREIGHT_SDL_ERROR_COLUMN,
                      "mapping.sdl: line 1: the list of columns “A, ,B” has an empty name; "
                      "remove the extra comma");
}

static void
test_ignored_lines (void)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;

  /* Comments, blank lines and an empty key (from Data Loader's own test files). */
  mapping = parse_ok ("#Mapping values\n"
                      "\n"
                      "   \n"
                      "! comment\n"
                      "=AnnualRevenue\n"
                      "=\n"
                      ":Phone\n"
                      "Name=Name\n",
                      LOAD);
  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (mapping), ==, 1);
  assert_columns (entry_at (mapping, 0), "Name", NULL);
  g_assert_cmpuint (freight_sdl_entry_get_line (entry_at (mapping, 0)), ==, 8);

  g_clear_pointer (&mapping, freight_sdl_mapping_unref);
  mapping = parse_ok ("", LOAD);
  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (mapping), ==, 0);
}

static void
test_duplicate_column (void)
{
  assert_data_error ("duplicate-column.sdl", FREIGHT_SDL_ERROR_DUPLICATE,
                     "duplicate-column.sdl: line 7: “NAME” is mapped twice (first on line 3)");
  assert_parse_error ("#Mapping values\n"
                      "\n"
                      "Name=Name\n"
                      "Phone=Phone\n"
                      "\n"
                      "# again\n"
                      "Name=Description\n",
                      LOAD, FREIGHT_SDL_ERROR_DUPLICATE,
                      "mapping.sdl: line 7: “Name” is mapped twice (first on line 3)");
  /* Also inside and across lists of several columns, and for unmapped columns. */
  assert_parse_error ("Street,street=BillingStreet\n", LOAD, FREIGHT_SDL_ERROR_DUPLICATE,
                      "mapping.sdl: line 1: “street” appears twice in the same list of "
                      "columns");
  assert_parse_error ("Street1,Street2=BillingStreet\nCity,STREET2=Description\n", LOAD,
                      FREIGHT_SDL_ERROR_DUPLICATE,
                      "mapping.sdl: line 2: “STREET2” is mapped twice (first on line 1)");
  assert_parse_error ("Fax=\nFax=Fax\n", LOAD, FREIGHT_SDL_ERROR_DUPLICATE,
                      "mapping.sdl: line 2: “Fax” is mapped twice (first on line 1)");
}

static void
test_duplicate_constant (void)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;

  assert_parse_error ("\"Aerospace\"=Industry\n"
                      "Name=Name\n"
                      "\"Aerospace\"=Sector__c\n",
                      LOAD, FREIGHT_SDL_ERROR_DUPLICATE,
                      "mapping.sdl: line 3: the constant \"Aerospace\" appears twice (first "
                      "on line 1) and Data Loader would use only the last line; list all its "
                      "fields on one line, separated by commas");

  /* Constants are exact, and the same field may be set twice (the constant wins in Data
   * Loader): judging that needs the org's fields. */
  mapping = parse_ok ("\"Aerospace\"=Industry\n"
                      "\"aerospace\"=Sector__c\n"
                      "Industry=Industry\n",
                      LOAD);
  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (mapping), ==, 3);
}

static void
test_bad_escape (void)
{
  assert_data_error ("bad-escape.sdl", FREIGHT_SDL_ERROR_ESCAPE,
                     "bad-escape.sdl: line 3: “\\u00G9” is not a valid Unicode escape: \\u "
                     "must be followed by four hexadecimal digits, e.g. \\u00E9 for é");
  assert_parse_error ("Name=Name\nEmoji=\\uD83D\n", LOAD, FREIGHT_SDL_ERROR_ESCAPE,
                      "mapping.sdl: line 2: “\\uD83D” is half of a surrogate pair; a "
                      "character outside the Basic Multilingual Plane needs both halves, "
                      "e.g. \\uD83D\\uDE00");
}

static void
test_invalid_encoding (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightSdlMapping) mapping = NULL;

  assert_data_error ("utf16.sdl", FREIGHT_SDL_ERROR_ENCODING,
                     "utf16.sdl: the file is UTF-16 text; save it as UTF-8 and open it again");

  bytes = g_bytes_new_static ("Name=Name\nPhone\0=Phone\n", 23);
  mapping = freight_sdl_mapping_new_from_bytes (bytes, "binary.sdl", LOAD, &error);
  g_assert_null (mapping);
  g_assert_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==,
                   "binary.sdl: line 2: the file contains a NUL byte, so it is not a text "
                   "file or it is UTF-16 or UTF-32 text; save it as UTF-8 and open it again");
}

static void
test_encodings (void)
{
  g_autoptr(FreightSdlMapping) latin1 = load_data ("latin1.sdl", LOAD);
  g_autoptr(FreightSdlMapping) utf8 = NULL;
  g_autoptr(FreightSdlMapping) escaped = NULL;
  g_autoptr(FreightSdlMapping) bom = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* The same mapping written in ISO-8859-1, in UTF-8, with escapes, with a BOM. */
  utf8 = parse_ok ("Société=Name\nRégion=BillingState\n", LOAD);
  escaped = parse_ok ("Soci\\u00e9t\\u00E9=Name\nR\\u00E9gion=BillingState\n", LOAD);
  bom = parse_ok ("\xef\xbb\xbfSociété=Name\nRégion=BillingState\n", LOAD);

  assert_columns (entry_at (latin1, 0), "Société", NULL);
  assert_columns (entry_at (latin1, 1), "Région", NULL);
  g_assert_cmpuint (freight_sdl_entry_get_line (entry_at (latin1, 1)), ==, 3);
  g_assert_true (freight_sdl_mapping_equal (latin1, utf8));
  g_assert_true (freight_sdl_mapping_equal (latin1, escaped));
  g_assert_true (freight_sdl_mapping_equal (latin1, bom));

  /* Saved as Data Loader saves: ASCII with \uXXXX, readable by Properties.load(). */
  bytes = freight_sdl_mapping_to_bytes (latin1);
  assert_bytes (bytes,
                "#Mapping values\n"
                "Soci\\u00E9t\\u00E9=Name\n"
                "R\\u00E9gion=BillingState\n");
}

static void
test_extract (void)
{
  g_autoptr(FreightSdlMapping) mapping = load_data ("account-extract.sdl", EXTRACT);
  FreightSdlEntry *entry;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpint (freight_sdl_mapping_get_direction (mapping), ==, EXTRACT);
  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (mapping), ==, 6);

  entry = entry_at (mapping, 0);
  assert_field (entry, 0, "Id");
  assert_columns (entry, "account_id", NULL);
  g_assert_true (freight_sdl_entry_is_mapped (entry));
  g_assert_cmpuint (freight_sdl_entry_get_line (entry), ==, 3);

  /* SOQL paths stay paths: they are not relationship targets. */
  entry = entry_at (mapping, 2);
  assert_field (entry, 0, "Parent.Name");
  assert_columns (entry, "parent_name", NULL);

  /* `=SYSTEMMODSTAMP` is skipped; a field without a column is not written. */
  entry = entry_at (mapping, 4);
  assert_field (entry, 0, "LastModifiedDate");
  assert_columns (entry, NULL);
  g_assert_false (freight_sdl_entry_is_mapped (entry));

  entry = entry_at (mapping, 5);
  g_assert_cmpstr (freight_sdl_entry_get_constant (entry), ==, "2024");
  g_assert_cmpuint (freight_sdl_entry_get_n_targets (entry), ==, 0);
  assert_columns (entry, "fiscal_year", NULL);
  g_assert_true (freight_sdl_entry_is_mapped (entry));

  g_assert_true (freight_sdl_mapping_lookup_column (mapping, "OWNER_USERNAME", NULL)
                 == entry_at (mapping, 3));
  g_assert_true (freight_sdl_mapping_lookup_column (mapping, "Fiscal_Year", NULL) == entry);
  g_assert_null (freight_sdl_mapping_lookup_column (mapping, "SYSTEMMODSTAMP", NULL));

  bytes = freight_sdl_mapping_to_bytes (mapping);
  assert_bytes (bytes,
                "#Mapping values\n"
                "Id=account_id\n"
                "Name=account_name\n"
                "Parent.Name=parent_name\n"
                "Owner.Username=owner_username\n"
                "LastModifiedDate=\n"
                "\"2024\"=fiscal_year\n");
  assert_round_trip (mapping);
}

static void
test_extract_errors (void)
{
  assert_parse_error ("Id=account_id\nName=name\nid=other_id\n", EXTRACT,
                      FREIGHT_SDL_ERROR_DUPLICATE,
                      "mapping.sdl: line 3: “id” is mapped twice (first on line 1)");
  assert_parse_error ("Id=account_id\nName=ACCOUNT_ID\n", EXTRACT,
                      FREIGHT_SDL_ERROR_DUPLICATE,
                      "mapping.sdl: line 2: column “ACCOUNT_ID” is written twice (first on "
                      "line 1)");
  assert_parse_error ("\"x\"=a\n\"x\"=b\n", EXTRACT, FREIGHT_SDL_ERROR_DUPLICATE,
                      "mapping.sdl: line 2: the constant \"x\" appears twice (first on line "
                      "1) and Data Loader would use only the last line");
  assert_parse_error ("Id=a,b\n", EXTRACT, FREIGHT_SDL_ERROR_COLUMN,
                      "mapping.sdl: line 1: “a,b”: an extract mapping writes each field to "
                      "one column; remove the comma");
  assert_parse_error ("Id=\\ \n", EXTRACT, FREIGHT_SDL_ERROR_COLUMN,
                      "mapping.sdl: line 1: the column name is empty");
  assert_parse_error ("\\ =Id\n", EXTRACT, FREIGHT_SDL_ERROR_TARGET,
                      "mapping.sdl: line 1: the field name is empty");
  assert_parse_error ("Id,Name=x\n", EXTRACT, FREIGHT_SDL_ERROR_TARGET,
                      "mapping.sdl: line 1: “Id,Name” can't be a field name in a mapping "
                      "file: it must not be empty, begin or end with a blank, or contain a "
                      "comma");
}

static GPtrArray *
targets_new (FreightSdlTarget *first,
             ...)
{
  GPtrArray *targets = g_ptr_array_new_with_free_func ((GDestroyNotify) freight_sdl_target_unref);
  FreightSdlTarget *target = first;
  va_list args;

  va_start (args, first);
  while (target != NULL)
    {
      g_ptr_array_add (targets, target);
      target = va_arg (args, FreightSdlTarget *);
    }
  va_end (args);

  return targets;
}

static void
assert_add_error (FreightSdlMapping *mapping,
                  FreightSdlEntry   *entry,
                  int                code,
                  const char        *message)
{
  g_autoptr(GError) error = NULL;
  guint n = freight_sdl_mapping_get_n_entries (mapping);

  g_assert_false (freight_sdl_mapping_add (mapping, entry, &error));
  g_assert_error (error, FREIGHT_SDL_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (mapping), ==, n);
  freight_sdl_entry_unref (entry);
}

static void
test_build (void)
{
  g_autoptr(FreightSdlMapping) mapping = freight_sdl_mapping_new (LOAD);
  g_autoptr(GPtrArray) name = targets_new (freight_sdl_target_new_field ("Name"), NULL);
  g_autoptr(GPtrArray) parent = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(FreightSdlEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *account_name[] = { "Account Name", NULL };
  const char *name_lower[] = { "account name", NULL };
  const char *parent_col[] = { "Parent=Id: #1!", NULL };
  const char *fax[] = { "Fax", NULL };
  guint position = 0;

  parent = targets_new (freight_sdl_target_new_relationship ("Parent", "Account",
                                                             "Oracle_Id__c"),
                        NULL);
  states = targets_new (freight_sdl_target_new_field ("BillingState"),
                        freight_sdl_target_new_field ("ShippingState"), NULL);

  entry = freight_sdl_entry_new (account_name, NULL, name);
  g_assert_cmpuint (freight_sdl_entry_get_line (entry), ==, 0);
  g_assert_true (freight_sdl_mapping_add (mapping, entry, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entry, freight_sdl_entry_unref);

  entry = freight_sdl_entry_new (parent_col, NULL, parent);
  g_assert_true (freight_sdl_mapping_add (mapping, entry, &error));
  g_clear_pointer (&entry, freight_sdl_entry_unref);

  entry = freight_sdl_entry_new (NULL, "Côte d'Azur", states);
  g_assert_true (freight_sdl_mapping_add (mapping, entry, &error));
  g_clear_pointer (&entry, freight_sdl_entry_unref);

  entry = freight_sdl_entry_new (fax, NULL, NULL);
  g_assert_true (freight_sdl_mapping_add (mapping, entry, &error));
  g_assert_false (freight_sdl_entry_is_mapped (entry));
  g_clear_pointer (&entry, freight_sdl_entry_unref);

  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (mapping), ==, 4);
  assert_add_error (mapping, freight_sdl_entry_new (name_lower, NULL, NULL),
                    FREIGHT_SDL_ERROR_DUPLICATE, "“account name” is already mapped");
  assert_add_error (mapping, freight_sdl_entry_new (NULL, "Côte d'Azur", name),
                    FREIGHT_SDL_ERROR_DUPLICATE,
                    "the constant \"Côte d'Azur\" is already mapped");

  /* Saved with every special character escaped as Properties.store() does. */
  bytes = freight_sdl_mapping_to_bytes (mapping);
  assert_bytes (bytes,
                "#Mapping values\n"
                "Account\\ Name=Name\n"
                "Parent\\=Id\\:\\ \\#1\\!=Parent\\:Account-Oracle_Id__c\n"
                "\"C\\u00F4te\\ d'Azur\"=BillingState, ShippingState\n"
                "Fax=\n");
  assert_round_trip (mapping);

  /* Removing frees the column for another entry. */
  g_assert_true (freight_sdl_mapping_lookup_column (mapping, "ACCOUNT NAME", &position)
                 == entry_at (mapping, 0));
  freight_sdl_mapping_remove (mapping, 0);
  g_assert_null (freight_sdl_mapping_lookup_column (mapping, "Account Name", NULL));
  g_assert_true (freight_sdl_mapping_lookup_column (mapping, "fax", &position)
                 == entry_at (mapping, 2));
  g_assert_cmpuint (position, ==, 2);
  entry = freight_sdl_entry_new (name_lower, NULL, name);
  g_assert_true (freight_sdl_mapping_add (mapping, entry, &error));
  g_assert_no_error (error);
  g_assert_true (entry_at (mapping, 3) == entry);
  g_clear_pointer (&entry, freight_sdl_entry_unref);

  freight_sdl_mapping_remove (mapping, 1);
  entry = freight_sdl_entry_new (NULL, "Côte d'Azur", name);
  g_assert_true (freight_sdl_mapping_add (mapping, entry, &error));
  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (mapping), ==, 4);
  assert_round_trip (mapping);
}

static void
test_build_invalid (void)
{
  g_autoptr(FreightSdlMapping) load = freight_sdl_mapping_new (LOAD);
  g_autoptr(FreightSdlMapping) extract = freight_sdl_mapping_new (EXTRACT);
  g_autoptr(GPtrArray) name = targets_new (freight_sdl_target_new_field ("Name"), NULL);
  g_autoptr(GPtrArray) two = targets_new (freight_sdl_target_new_field ("Name"),
                                          freight_sdl_target_new_field ("Phone"), NULL);
  g_autoptr(GPtrArray) relationship = NULL;
  g_autoptr(GPtrArray) bad_relationship = NULL;
  g_autoptr(GPtrArray) dotted = NULL;
  g_autoptr(GPtrArray) padded = NULL;
  g_autoptr(GPtrArray) quoted = NULL;
  const char *col[] = { "Col", NULL };
  const char *cols[] = { "A", "B", NULL };
  const char *comma[] = { "A,B", NULL };
  const char *blank[] = { " A", NULL };
  const char *empty[] = { "", NULL };
  const char *quote[] = { "\"A", NULL };

  relationship = targets_new (freight_sdl_target_new_relationship ("Parent", NULL, "Ext__c"),
                              NULL);
  bad_relationship = targets_new (freight_sdl_target_new_relationship ("Parent", "Acc-ount",
                                                                       "Ext__c"),
                                  NULL);
  dotted = targets_new (freight_sdl_target_new_field ("Account.Name"), NULL);
  padded = targets_new (freight_sdl_target_new_field ("Name "), NULL);
  quoted = targets_new (freight_sdl_target_new_field ("\"Name\""), NULL);

  assert_add_error (load, freight_sdl_entry_new (NULL, NULL, name),
                    FREIGHT_SDL_ERROR_INVALID_ENTRY,
                    "an entry of a load mapping maps either CSV columns or a constant");
  assert_add_error (load, freight_sdl_entry_new (col, "x", name),
                    FREIGHT_SDL_ERROR_INVALID_ENTRY,
                    "an entry of a load mapping maps either CSV columns or a constant");
  assert_add_error (load, freight_sdl_entry_new (comma, NULL, name), FREIGHT_SDL_ERROR_COLUMN,
                    "“A,B” can't be a column name in a mapping file: it must not be empty, "
                    "begin or end with a blank, or contain a comma");
  assert_add_error (load, freight_sdl_entry_new (blank, NULL, name), FREIGHT_SDL_ERROR_COLUMN,
                    "“ A” can't be a column name in a mapping file: it must not be empty, "
                    "begin or end with a blank, or contain a comma");
  assert_add_error (load, freight_sdl_entry_new (empty, NULL, name), FREIGHT_SDL_ERROR_COLUMN,
                    "“” can't be a column name in a mapping file: it must not be empty, "
                    "begin or end with a blank, or contain a comma");
  assert_add_error (load, freight_sdl_entry_new (quote, NULL, name), FREIGHT_SDL_ERROR_COLUMN,
                    "“\"A” can't be a column name in a mapping file: a name that begins with "
                    "a double quote is read as a constant, and a constant must be the whole "
                    "key, e.g. \"Aerospace\"=Industry");
  assert_add_error (load, freight_sdl_entry_new (col, NULL, bad_relationship),
                    FREIGHT_SDL_ERROR_TARGET,
                    "“Parent:Acc-ount-Ext__c” is not a valid relationship target; write "
                    "RelationshipName:IdLookupField, e.g. Parent:Oracle_Id__c, or "
                    "RelationshipName:ObjectType-IdLookupField, e.g. Who:Contact-Email");
  assert_add_error (load, freight_sdl_entry_new (col, NULL, dotted), FREIGHT_SDL_ERROR_TARGET,
                    "“Account.Name” can't be a field name in a load mapping: it must not "
                    "contain “:”, “.” or “=”");
  assert_add_error (load, freight_sdl_entry_new (col, NULL, padded), FREIGHT_SDL_ERROR_TARGET,
                    "“Name ” can't be a field name in a mapping file: it must not be empty, "
                    "begin or end with a blank, or contain a comma");

  assert_add_error (extract, freight_sdl_entry_new (col, NULL, NULL),
                    FREIGHT_SDL_ERROR_INVALID_ENTRY,
                    "an entry of an extract mapping maps either one SOQL field or a constant");
  assert_add_error (extract, freight_sdl_entry_new (col, NULL, two),
                    FREIGHT_SDL_ERROR_INVALID_ENTRY,
                    "an entry of an extract mapping maps either one SOQL field or a constant");
  assert_add_error (extract, freight_sdl_entry_new (col, "x", name),
                    FREIGHT_SDL_ERROR_INVALID_ENTRY,
                    "an entry of an extract mapping maps either one SOQL field or a constant");
  assert_add_error (extract, freight_sdl_entry_new (cols, NULL, name),
                    FREIGHT_SDL_ERROR_INVALID_ENTRY,
                    "an entry of an extract mapping writes to one CSV column only");
  assert_add_error (extract, freight_sdl_entry_new (col, NULL, relationship),
                    FREIGHT_SDL_ERROR_INVALID_ENTRY,
                    "“Parent:Ext__c” is a relationship target, but an extract mapping reads "
                    "SOQL fields such as Parent.Oracle_Id__c");
  assert_add_error (extract, freight_sdl_entry_new (col, NULL, quoted), FREIGHT_SDL_ERROR_TARGET,
                    "“\"Name\"” can't be a field name in an extract mapping: a name in double "
                    "quotes is a constant");

  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (load), ==, 0);
  g_assert_cmpuint (freight_sdl_mapping_get_n_entries (extract), ==, 0);
}

static void
test_build_extract (void)
{
  g_autoptr(FreightSdlMapping) mapping = freight_sdl_mapping_new (EXTRACT);
  g_autoptr(GPtrArray) name = targets_new (freight_sdl_target_new_field ("Account.Name"), NULL);
  g_autoptr(GPtrArray) other = targets_new (freight_sdl_target_new_field ("Id"), NULL);
  g_autoptr(GPtrArray) upper = targets_new (freight_sdl_target_new_field ("ACCOUNT.NAME"), NULL);
  g_autoptr(FreightSdlEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *column[] = { "Account Name", NULL };
  const char *lower[] = { "account name", NULL };

  entry = freight_sdl_entry_new (column, NULL, name);
  g_assert_true (freight_sdl_mapping_add (mapping, entry, &error));
  g_assert_no_error (error);

  assert_add_error (mapping, freight_sdl_entry_new (lower, NULL, other),
                    FREIGHT_SDL_ERROR_DUPLICATE,
                    "column “account name” is already written by another entry");
  assert_add_error (mapping, freight_sdl_entry_new (NULL, NULL, upper),
                    FREIGHT_SDL_ERROR_DUPLICATE, "“ACCOUNT.NAME” is already mapped");

  bytes = freight_sdl_mapping_to_bytes (mapping);
  assert_bytes (bytes, "#Mapping values\nAccount.Name=Account Name\n");
  assert_round_trip (mapping);
}

static void
test_equal (void)
{
  g_autoptr(FreightSdlMapping) a = parse_ok ("Name=Name\nPhone=Phone\n", LOAD);
  g_autoptr(FreightSdlMapping) b = parse_ok ("# comment\nName = Name\n\nPhone:Phone", LOAD);
  g_autoptr(FreightSdlMapping) reordered = parse_ok ("Phone=Phone\nName=Name\n", LOAD);
  g_autoptr(FreightSdlMapping) other_case = parse_ok ("NAME=Name\nPhone=Phone\n", LOAD);
  g_autoptr(FreightSdlMapping) extract = parse_ok ("Name=Name\nPhone=Phone\n", EXTRACT);
  g_autoptr(FreightSdlMapping) other_field = parse_ok ("Name=Name\nPhone=Fax\n", LOAD);
  g_autoptr(FreightSdlMapping) other_type = parse_ok ("Name=Name\nPhone=Phone:Ext__c\n",
                                                      LOAD);

  /* Lines do not matter; order, spelling and direction do. */
  g_assert_true (freight_sdl_mapping_equal (a, b));
  g_assert_false (freight_sdl_mapping_equal (a, reordered));
  g_assert_false (freight_sdl_mapping_equal (a, other_case));
  g_assert_false (freight_sdl_mapping_equal (a, extract));
  g_assert_false (freight_sdl_mapping_equal (a, other_field));
  g_assert_false (freight_sdl_mapping_equal (a, other_type));
}

static void
test_round_trip_files (void)
{
  static const struct {
    const char          *name;
    FreightSdlDirection  direction;
  } files[] = {
    { "account-insert.sdl", FREIGHT_SDL_DIRECTION_LOAD },
    { "task-polymorphic.sdl", FREIGHT_SDL_DIRECTION_LOAD },
    { "hand-written.sdl", FREIGHT_SDL_DIRECTION_LOAD },
    { "latin1.sdl", FREIGHT_SDL_DIRECTION_LOAD },
    { "account-extract.sdl", FREIGHT_SDL_DIRECTION_EXTRACT },
    { "account-insert.sdl", FREIGHT_SDL_DIRECTION_EXTRACT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(FreightSdlMapping) mapping = load_data (files[i].name, files[i].direction);

      assert_round_trip (mapping);
    }
}

static void
test_save_data_loader_format (void)
{
  g_autoptr(FreightSdlMapping) mapping = load_data ("account-insert.sdl", LOAD);
  g_autoptr(GBytes) bytes = freight_sdl_mapping_to_bytes (mapping);

  /* The same lines Data Loader wrote, in file order, without its date comment. */
  assert_bytes (bytes,
                "#Mapping values\n"
                "PHONE=Phone\n"
                "CREATEDDATE=\n"
                "Account\\ Name=Name\n"
                "BILLINGSTREET=BillingStreet\n"
                "PARENT=Parent\\:Account-Oracle_Id__c\n"
                "SYSTEMMODSTAMP=\n"
                "Soci\\u00E9t\\u00E9=Description\n"
                "OWNER=Owner\\:User-Username\n"
                "ORACLE_ID__C=Oracle_Id__c\n"
                "ANNUALREVENUE=AnnualRevenue\n");
}

static void
test_save_escapes (void)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;
  g_autoptr(GBytes) bytes = NULL;

  mapping = parse_ok ("\\#Hash\\!Bang\\=Eq\\:Colon=Name\n"
                      "\\!x=Phone\n"
                      "Tab\\tNew\\nLine=Description\n"
                      "\"\\ leading\\ and\\ trailing\\ \"=Site\n"
                      "Emoji\\ \\uD83D\\uDE00=Rating\n"
                      "Back\\\\slash=Fax\n",
                      LOAD);
  g_assert_cmpstr (freight_sdl_entry_get_columns (entry_at (mapping, 0))[0], ==,
                   "#Hash!Bang=Eq:Colon");
  g_assert_cmpstr (freight_sdl_entry_get_constant (entry_at (mapping, 3)), ==,
                   " leading and trailing ");
  g_assert_cmpstr (freight_sdl_entry_get_columns (entry_at (mapping, 4))[0], ==, "Emoji 😀");

  bytes = freight_sdl_mapping_to_bytes (mapping);
  assert_bytes (bytes,
                "#Mapping values\n"
                "\\#Hash\\!Bang\\=Eq\\:Colon=Name\n"
                "\\!x=Phone\n"
                "Tab\\tNew\\nLine=Description\n"
                "\"\\ leading\\ and\\ trailing\\ \"=Site\n"
                "Emoji\\ \\uD83D\\uDE00=Rating\n"
                "Back\\\\slash=Fax\n");
  assert_round_trip (mapping);
}

static void
test_file_io (void)
{
  g_autoptr(FreightSdlMapping) mapping = load_data ("hand-written.sdl", LOAD);
  g_autoptr(FreightSdlMapping) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GFile) unwritable = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("freight-test-sdl-XXXXXX", &error);

  g_assert_no_error (error);
  dir = g_file_new_for_path (tmp);
  file = g_file_get_child (dir, "saved.sdl");

  g_assert_true (freight_sdl_mapping_save_file (mapping, file, NULL, &error));
  g_assert_no_error (error);
  reread = freight_sdl_mapping_new_from_file (file, LOAD, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (freight_sdl_mapping_equal (mapping, reread));

  missing = g_file_get_child (dir, "missing.sdl");
  g_clear_pointer (&reread, freight_sdl_mapping_unref);
  reread = freight_sdl_mapping_new_from_file (missing, LOAD, NULL, &error);
  g_assert_null (reread);
  g_assert_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message,
                                   "missing.sdl: could not read the mapping file: "));
  g_clear_error (&error);

  unwritable = g_file_get_child (missing, "child.sdl");
  g_assert_false (freight_sdl_mapping_save_file (mapping, unwritable, NULL, &error));
  g_assert_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "child.sdl: could not save the mapping: "));
  g_clear_error (&error);

  g_assert_true (g_file_delete (file, NULL, &error));
  g_assert_true (g_file_delete (dir, NULL, &error));
  g_assert_no_error (error);
}

static void
async_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_file_io_async (void)
{
  g_autoptr(FreightSdlMapping) mapping = load_data ("task-polymorphic.sdl", LOAD);
  g_autoptr(FreightSdlMapping) reread = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) failed = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) bad = data_file ("duplicate-column.sdl");
  g_autoptr(GFile) unwritable = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("freight-test-sdl-XXXXXX", &error);

  g_assert_no_error (error);
  dir = g_file_new_for_path (tmp);
  file = g_file_get_child (dir, "task.sdl");

  freight_sdl_mapping_save_file_async (mapping, file, NULL, async_cb, &saved);
  g_assert_true (freight_sdl_mapping_save_file_finish (mapping, wait_for (&saved), &error));
  g_assert_no_error (error);

  freight_sdl_mapping_new_from_file_async (file, LOAD, NULL, async_cb, &loaded);
  reread = freight_sdl_mapping_new_from_file_finish (wait_for (&loaded), &error);
  g_assert_no_error (error);
  g_assert_true (freight_sdl_mapping_equal (mapping, reread));
  g_clear_pointer (&reread, freight_sdl_mapping_unref);

  freight_sdl_mapping_new_from_file_async (bad, LOAD, NULL, async_cb, &failed);
  reread = freight_sdl_mapping_new_from_file_finish (wait_for (&failed), &error);
  g_assert_null (reread);
  g_assert_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==,
                   "duplicate-column.sdl: line 7: “NAME” is mapped twice (first on line 3)");
  g_clear_error (&error);

  g_clear_object (&failed);
  unwritable = g_file_get_child (file, "child.sdl");
  freight_sdl_mapping_save_file_async (mapping, unwritable, NULL, async_cb, &failed);
  g_assert_false (freight_sdl_mapping_save_file_finish (mapping, wait_for (&failed), &error));
  g_assert_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "child.sdl: could not save the mapping: "));
  g_clear_error (&error);

  /* Cancelling is not a failure to report: it stays G_IO_ERROR_CANCELLED. */
  g_cancellable_cancel (cancellable);
  freight_sdl_mapping_new_from_file_async (file, LOAD, cancellable, async_cb, &cancelled);
  reread = freight_sdl_mapping_new_from_file_finish (wait_for (&cancelled), &error);
  g_assert_null (reread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&cancelled);
  freight_sdl_mapping_save_file_async (mapping, file, cancellable, async_cb, &cancelled);
  g_assert_false (freight_sdl_mapping_save_file_finish (mapping, wait_for (&cancelled), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (g_file_delete (file, NULL, &error));
  g_assert_true (g_file_delete (dir, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/sdl/data-loader-written", test_data_loader_written);
  g_test_add_func ("/freight/sdl/relationship-new-style", test_relationship_new_style);
  g_test_add_func ("/freight/sdl/relationship-old-style", test_relationship_old_style);
  g_test_add_func ("/freight/sdl/relationship-bulk-style", test_relationship_bulk_style);
  g_test_add_func ("/freight/sdl/relationship-polymorphic", test_relationship_polymorphic);
  g_test_add_func ("/freight/sdl/malformed-relationship", test_malformed_relationship);
  g_test_add_func ("/freight/sdl/plain-fields", test_plain_fields);
  g_test_add_func ("/freight/sdl/hand-written", test_hand_written);
  g_test_add_func ("/freight/sdl/constants", test_constants);
  g_test_add_func ("/freight/sdl/constant-unmapped", test_constant_unmapped);
  g_test_add_func ("/freight/sdl/unterminated-constant", test_unterminated_constant);
  g_test_add_func ("/freight/sdl/one-column-several-fields", test_one_column_several_fields);
  g_test_add_func ("/freight/sdl/several-columns-one-field", test_several_columns_one_field);
  g_test_add_func ("/freight/sdl/unescaped-blank-in-key", test_unescaped_blank_in_key);
  g_test_add_func ("/freight/sdl/list-items", test_list_items);
  g_test_add_func ("/freight/sdl/empty-target", test_empty_target);
  g_test_add_func ("/freight/sdl/ignored-lines", test_ignored_lines);
  g_test_add_func ("/freight/sdl/duplicate-column", test_duplicate_column);
  g_test_add_func ("/freight/sdl/duplicate-constant", test_duplicate_constant);
  g_test_add_func ("/freight/sdl/bad-escape", test_bad_escape);
  g_test_add_func ("/freight/sdl/invalid-encoding", test_invalid_encoding);
  g_test_add_func ("/freight/sdl/encodings", test_encodings);
  g_test_add_func ("/freight/sdl/extract", test_extract);
  g_test_add_func ("/freight/sdl/extract-errors", test_extract_errors);
  g_test_add_func ("/freight/sdl/build", test_build);
  g_test_add_func ("/freight/sdl/build-invalid", test_build_invalid);
  g_test_add_func ("/freight/sdl/build-extract", test_build_extract);
  g_test_add_func ("/freight/sdl/equal", test_equal);
  g_test_add_func ("/freight/sdl/round-trip-files", test_round_trip_files);
  g_test_add_func ("/freight/sdl/save-data-loader-format", test_save_data_loader_format);
  g_test_add_func ("/freight/sdl/save-escapes", test_save_escapes);
  g_test_add_func ("/freight/sdl/file-io", test_file_io);
  g_test_add_func ("/freight/sdl/file-io-async", test_file_io_async);

  return g_test_run ();
}
