/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-util.h"

#define DATE_FIELD \
  "{\"name\": \"CloseDate\", \"type\": \"date\", \"nillable\": false, \"createable\": true}"
#define DATETIME_FIELD \
  "{\"name\": \"Sent_At__c\", \"type\": \"datetime\", \"nillable\": true}"
#define TIME_FIELD "{\"name\": \"Start__c\", \"type\": \"time\", \"nillable\": true}"
#define BOOLEAN_FIELD "{\"name\": \"Paid__c\", \"type\": \"boolean\", \"nillable\": false}"
#define CURRENCY_FIELD \
  "{\"name\": \"Amount__c\", \"type\": \"currency\", \"precision\": 16, \"scale\": 2, " \
  "\"nillable\": false}"
#define PERCENT_FIELD \
  "{\"name\": \"Tax_Rate__c\", \"type\": \"percent\", \"precision\": 5, \"scale\": 2}"
#define DOUBLE_FIELD \
  "{\"name\": \"Line_Count__c\", \"type\": \"double\", \"precision\": 6, \"scale\": 0}"
#define FINE_DOUBLE_FIELD \
  "{\"name\": \"Ratio__c\", \"type\": \"double\", \"precision\": 18, \"scale\": 6}"
#define INT_FIELD "{\"name\": \"NumberOfEmployees\", \"type\": \"int\", \"digits\": 8}"
#define PLAIN_INT_FIELD "{\"name\": \"Count__c\", \"type\": \"int\"}"
#define STATUS_FIELD \
  "{\"name\": \"Status__c\", \"type\": \"picklist\", \"restrictedPicklist\": true, " \
  "\"length\": 255, \"picklistValues\": [" \
  "{\"value\": \"Draft\", \"label\": \"Draft\", \"active\": true, \"defaultValue\": true}," \
  "{\"value\": \"Sent\", \"label\": \"Sent\", \"active\": true, \"defaultValue\": false}," \
  "{\"value\": \"Paid\", \"label\": \"Paid\", \"active\": true, \"defaultValue\": false}," \
  "{\"value\": \"Void\", \"label\": \"Void\", \"active\": false, \"defaultValue\": false}]}"
#define RATING_FIELD \
  "{\"name\": \"Rating\", \"type\": \"picklist\", \"length\": 10, \"picklistValues\": [" \
  "{\"value\": \"Hot\", \"active\": true}, {\"value\": \"Cold\", \"active\": true}]}"
#define TOPICS_FIELD \
  "{\"name\": \"Topics__c\", \"type\": \"multipicklist\", \"restrictedPicklist\": true, " \
  "\"picklistValues\": [{\"value\": \"Alpha\"}, {\"value\": \"Beta\"}, {\"value\": \"Gamma\"}]}"
#define ID_FIELD "{\"name\": \"Id\", \"type\": \"id\", \"length\": 18, \"nillable\": false}"
#define REFERENCE_FIELD \
  "{\"name\": \"AccountId\", \"type\": \"reference\", \"length\": 18, \"nillable\": true, " \
  "\"referenceTo\": [\"Account\"]}"
#define EMAIL_FIELD "{\"name\": \"Email\", \"type\": \"email\", \"length\": 80}"
#define STRING_FIELD "{\"name\": \"Code__c\", \"type\": \"string\", \"length\": 10}"

typedef struct
{
  FreightDateFormat       date_format;
  const char             *time_zone;
  FreightDecimalSeparator decimal;
  FreightDigitGrouping    grouping;
  FreightBlankPolicy      blank;
} Settings;

static FreightTransform *
make (const char     *field_json,
      const Settings *settings)
{
  g_autoptr(FreightDescribeField) field = test_describe_field (field_json);
  g_autoptr(FreightValueFormat) format = freight_value_format_new ();
  g_autoptr(GError) error = NULL;
  FreightTransform *transform;
  Settings defaults = { FREIGHT_DATE_FORMAT_ISO, "UTC", 0, 0, 0 };

  if (settings == NULL)
    settings = &defaults;
  freight_value_format_set_date_format (format, settings->date_format);
  freight_value_format_set_time_zone (format, settings->time_zone);
  freight_value_format_set_decimal_separator (format, settings->decimal);
  freight_value_format_set_digit_grouping (format, settings->grouping);
  transform = freight_transform_new (field, format, settings->blank, &error);
  g_assert_no_error (error);
  return transform;
}

static void
check_flags (FreightTransform      *transform,
             const char            *input,
             const char            *expected,
             FreightTransformFlags  expected_flags)
{
  g_autoptr(GString) out = g_string_new ("stale");
  g_autoptr(GError) error = NULL;
  FreightTransformFlags flags;

  if (!freight_transform_apply (transform, input, -1, out, &flags, &error))
    g_error ("“%s” failed: %s", input, error->message);
  if (g_strcmp0 (out->str, expected) != 0 || flags != expected_flags)
    g_error ("“%s” gave “%s” (flags %x), expected “%s” (flags %x)", input, out->str, flags,
             expected, expected_flags);
}

static void
check (FreightTransform *transform,
       const char       *input,
       const char       *expected)
{
  check_flags (transform, input, expected, FREIGHT_TRANSFORM_FLAGS_NONE);
}

static void
check_error (FreightTransform *transform,
             const char       *input,
             int               code,
             const char       *message)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (freight_transform_apply (transform, input, -1, out, NULL, &error))
    g_error ("“%s” gave “%s” instead of failing", input, out->str);
  g_assert_error (error, FREIGHT_TRANSFORM_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_transform_date_formats (void)
{
  Settings s = { FREIGHT_DATE_FORMAT_ISO, "UTC", 0, 0, 0 };
  g_autoptr(FreightTransform) iso = make (DATE_FIELD, &s);
  g_autoptr(FreightTransform) dmy_dot = NULL;
  g_autoptr(FreightTransform) mdy = NULL;
  g_autoptr(FreightTransform) dmy_slash = NULL;
  g_autoptr(FreightTransform) ymd = NULL;
  g_autoptr(FreightTransform) dmy_dash = NULL;
  g_autoptr(FreightTransform) excel = NULL;

  check (iso, "2024-03-31", "2024-03-31");
  check (iso, "2024-3-5", "2024-03-05");
  check (iso, "  2024-03-31 ", "2024-03-31");
  check (iso, "1940-06-07Z", "1940-06-07");
  check (iso, "2024-02-29", "2024-02-29");
  check_error (iso, "2023-02-29", FREIGHT_TRANSFORM_ERROR_INVALID_DATE,
               "“2023-02-29” is not a valid date: month 2 of 2023 has 28 days.");
  check_error (iso, "2024-13-01", FREIGHT_TRANSFORM_ERROR_INVALID_DATE,
               "“2024-13-01” is not a valid date: there is no month 13.");
  check_error (iso, "1650-01-01", FREIGHT_TRANSFORM_ERROR_INVALID_DATE,
               "“1650-01-01” is outside the dates Salesforce accepts (years 1700 to 4000).");
  check_error (iso, "31.03.2024", FREIGHT_TRANSFORM_ERROR_INVALID_DATE,
               "“31.03.2024” is not a date in the format yyyy-MM-dd. Correct the value, or "
               "change the column’s date format.");
  check_error (iso, "2024-03-31x", FREIGHT_TRANSFORM_ERROR_INVALID_DATE, NULL);

  s.date_format = FREIGHT_DATE_FORMAT_DMY_DOT;
  dmy_dot = make (DATE_FIELD, &s);
  check (dmy_dot, "31.03.2024", "2024-03-31");
  check (dmy_dot, "1.4.24", "2024-04-01");
  check (dmy_dot, "01.04.99", "1999-04-01");
  check (dmy_dot, "01.04.29", "2029-04-01");
  check (dmy_dot, "01.04.30", "1930-04-01");
  /* ISO is always understood. */
  check (dmy_dot, "2024-03-31", "2024-03-31");
  check_error (dmy_dot, "03/31/2024", FREIGHT_TRANSFORM_ERROR_INVALID_DATE,
               "“03/31/2024” is not a date in the format dd.MM.yyyy. Correct the value, or "
               "change the column’s date format.");
  check_error (dmy_dot, "31.3.202", FREIGHT_TRANSFORM_ERROR_INVALID_DATE, NULL);

  s.date_format = FREIGHT_DATE_FORMAT_MDY_SLASH;
  mdy = make (DATE_FIELD, &s);
  check (mdy, "12/31/2024", "2024-12-31");
  check (mdy, "1/2/2024", "2024-01-02");
  check_error (mdy, "31/12/2024", FREIGHT_TRANSFORM_ERROR_INVALID_DATE,
               "“31/12/2024” is not a valid date: there is no month 31.");

  s.date_format = FREIGHT_DATE_FORMAT_DMY_SLASH;
  dmy_slash = make (DATE_FIELD, &s);
  check (dmy_slash, "31/12/2024", "2024-12-31");
  check (dmy_slash, "1/2/2024", "2024-02-01");

  s.date_format = FREIGHT_DATE_FORMAT_YMD_SLASH;
  ymd = make (DATE_FIELD, &s);
  check (ymd, "2024/12/31", "2024-12-31");
  check_error (ymd, "24/12/31", FREIGHT_TRANSFORM_ERROR_INVALID_DATE, NULL);

  s.date_format = FREIGHT_DATE_FORMAT_DMY_DASH;
  dmy_dash = make (DATE_FIELD, &s);
  check (dmy_dash, "31-12-2024", "2024-12-31");
  check (dmy_dash, "2024-12-31", "2024-12-31");

  s.date_format = FREIGHT_DATE_FORMAT_EXCEL_SERIAL;
  excel = make (DATE_FIELD, &s);
  check (excel, "45382", "2024-03-31");
  check (excel, "1", "1900-01-01");
  check (excel, "59", "1900-02-28");
  check (excel, "61", "1900-03-01");
  check (excel, "45382.75", "2024-03-31");
  check_error (excel, "60", FREIGHT_TRANSFORM_ERROR_INVALID_DATE,
               "“60” is not a valid date: month 2 of 1900 has 28 days.");
  check_error (excel, "45382 days", FREIGHT_TRANSFORM_ERROR_INVALID_DATE,
               "“45382 days” is not a date in the format spreadsheet day numbers. Correct the "
               "value, or change the column’s date format.");
}

static void
test_transform_date_never_shifts (void)
{
  static const char * const zones[] = {
    "UTC", "Europe/Berlin", "America/Los_Angeles", "Pacific/Auckland", "Pacific/Kiritimati",
    "Pacific/Pago_Pago", NULL,
  };

  /* A date is a calendar date: whatever the zone, and even with a time or offset after
   * it, the same day goes out. */
  for (guint i = 0; zones[i] != NULL; i++)
    {
      Settings s = { FREIGHT_DATE_FORMAT_DMY_DOT, zones[i], 0, 0, 0 };
      g_autoptr(FreightTransform) date = make (DATE_FIELD, &s);

      check (date, "31.03.2024", "2024-03-31");
      check (date, "31.03.2024 00:00", "2024-03-31");
      check (date, "31.03.2024 23:59:59", "2024-03-31");
      check (date, "2024-03-31T00:00:00Z", "2024-03-31");
      check (date, "2024-03-31T23:30:00-08:00", "2024-03-31");
      check (date, "27.10.2024", "2024-10-27");
      check (date, "10.03.2024", "2024-03-10");
      check (date, "01.01.1970", "1970-01-01");
    }
}

static void
test_transform_datetime_berlin (void)
{
  Settings s = { FREIGHT_DATE_FORMAT_ISO, "Europe/Berlin", 0, 0, 0 };
  g_autoptr(FreightTransform) berlin = make (DATETIME_FIELD, &s);
  g_autoptr(FreightTransform) german = NULL;
  g_autoptr(FreightTransform) excel = NULL;
  g_autofree char *explanation = NULL;

  g_assert_cmpstr (freight_transform_get_time_zone_id (berlin), ==, "Europe/Berlin");

  /* Spring forward: 2024-03-31 02:00 CET becomes 03:00 CEST. */
  check (berlin, "2024-03-31 01:30", "2024-03-31T00:30:00.000Z");
  check (berlin, "2024-03-31 01:59:59", "2024-03-31T00:59:59.000Z");
  check_error (berlin, "2024-03-31 02:30", FREIGHT_TRANSFORM_ERROR_NONEXISTENT_TIME,
               "“2024-03-31 02:30” does not exist in Europe/Berlin: clocks jump from 02:00 "
               "to 03:00 that night. Correct the time, or write it with its UTC offset (such "
               "as +01:00).");
  check_error (berlin, "2024-03-31 02:00", FREIGHT_TRANSFORM_ERROR_NONEXISTENT_TIME, NULL);
  check (berlin, "2024-03-31 03:00", "2024-03-31T01:00:00.000Z");
  check (berlin, "2024-03-31 03:30", "2024-03-31T01:30:00.000Z");
  /* An explicit offset needs no time zone, and is never in a gap. */
  check (berlin, "2024-03-31T02:30:00+01:00", "2024-03-31T01:30:00.000Z");
  check (berlin, "2024-03-31T02:30:00.123Z", "2024-03-31T02:30:00.123Z");
  check (berlin, "2024-03-31T02:30:00.1234567+0530", "2024-03-30T21:00:00.123Z");

  /* Fall back: 03:00 CEST becomes 02:00 CET; 02:00–02:59 happen twice. */
  check (berlin, "2024-10-27 01:59:59", "2024-10-26T23:59:59.000Z");
  check_flags (berlin, "2024-10-27 02:30", "2024-10-27T00:30:00.000Z",
               FREIGHT_TRANSFORM_AMBIGUOUS_TIME);
  check_flags (berlin, "2024-10-27 02:00", "2024-10-27T00:00:00.000Z",
               FREIGHT_TRANSFORM_AMBIGUOUS_TIME);
  check (berlin, "2024-10-27 03:00", "2024-10-27T02:00:00.000Z");
  check (berlin, "2024-10-27 03:30", "2024-10-27T02:30:00.000Z");
  check (berlin, "2024-10-27T02:30:00+01:00", "2024-10-27T01:30:00.000Z");
  explanation = freight_transform_explain (berlin, "2024-10-27 02:30", -1,
                                           FREIGHT_TRANSFORM_AMBIGUOUS_TIME);
  g_assert_cmpstr (explanation, ==,
                   "“2024-10-27 02:30” happens twice in Europe/Berlin because clocks go back "
                   "that night; Freight sends the first, 2024-10-27T00:30:00.000Z. Write the "
                   "UTC offset to choose the second.");

  /* Midnight local is the previous day in UTC; a date alone means midnight local. */
  check (berlin, "2024-07-01", "2024-06-30T22:00:00.000Z");
  check (berlin, "2024-01-01 00:00", "2023-12-31T23:00:00.000Z");
  /* Beyond the zone's last listed transition the rules still apply. */
  check (berlin, "2050-07-01 12:00", "2050-07-01T10:00:00.000Z");
  check (berlin, "2050-12-01 12:00", "2050-12-01T11:00:00.000Z");

  s.date_format = FREIGHT_DATE_FORMAT_DMY_DOT;
  german = make (DATETIME_FIELD, &s);
  check (german, "31.03.2024 03:30:15", "2024-03-31T01:30:15.000Z");
  check (german, "1.1.2024 0:00", "2023-12-31T23:00:00.000Z");
  check_error (german, "31.03.2024 25:00", FREIGHT_TRANSFORM_ERROR_INVALID_DATETIME,
               "“31.03.2024 25:00” has a time of day that does not exist (hours 0–23, or 1–12 "
               "with AM/PM; minutes and seconds 0–59).");
  check_error (german, "31.03.2024 3 Uhr", FREIGHT_TRANSFORM_ERROR_INVALID_DATETIME,
               "“31.03.2024 3 Uhr” is not a date and time in the format dd.MM.yyyy HH:mm:ss. "
               "Correct the value, or change the column’s date format.");

  s.date_format = FREIGHT_DATE_FORMAT_EXCEL_SERIAL;
  excel = make (DATETIME_FIELD, &s);
  check (excel, "45382.5", "2024-03-31T10:00:00.000Z");
  check (excel, "45382,25", "2024-03-31T04:00:00.000Z");
}

static void
test_transform_datetime_los_angeles (void)
{
  Settings s = { FREIGHT_DATE_FORMAT_MDY_SLASH, "America/Los_Angeles", 0, 0, 0 };
  g_autoptr(FreightTransform) la = make (DATETIME_FIELD, &s);
  g_autoptr(FreightTransform) santiago = NULL;

  /* 12-hour clock; DST starts 2024-03-10 at 02:00 and ends 2024-11-03 at 02:00. */
  check (la, "3/10/2024 1:30 AM", "2024-03-10T09:30:00.000Z");
  check (la, "3/10/2024 1:30 PM", "2024-03-10T20:30:00.000Z");
  check (la, "03/10/2024 13:30", "2024-03-10T20:30:00.000Z");
  check_error (la, "3/10/2024 2:30 AM", FREIGHT_TRANSFORM_ERROR_NONEXISTENT_TIME,
               "“3/10/2024 2:30 AM” does not exist in America/Los_Angeles: clocks jump from "
               "02:00 to 03:00 that night. Correct the time, or write it with its UTC offset "
               "(such as +01:00).");
  check_flags (la, "11/3/2024 1:30 AM", "2024-11-03T08:30:00.000Z",
               FREIGHT_TRANSFORM_AMBIGUOUS_TIME);
  check (la, "11/3/2024 1:30 AM -08:00", "2024-11-03T09:30:00.000Z");
  check (la, "12/31/2024 12:00 AM", "2024-12-31T08:00:00.000Z");
  check (la, "12/31/2024 12:15 pm", "2024-12-31T20:15:00.000Z");
  check (la, "12/31/2024 11:59:59 p.m.", "2025-01-01T07:59:59.000Z");
  check (la, "7/4/2024", "2024-07-04T07:00:00.000Z");
  check_error (la, "12/31/2024 13:00 PM", FREIGHT_TRANSFORM_ERROR_INVALID_DATETIME, NULL);
  check_error (la, "12/31/2024 0:30 AM", FREIGHT_TRANSFORM_ERROR_INVALID_DATETIME, NULL);

  /* Chile moves clocks at midnight: 2024-09-08 starts at 01:00, so a date alone takes
   * the day's first instant; a written 00:30 does not exist. */
  s.date_format = FREIGHT_DATE_FORMAT_ISO;
  s.time_zone = "America/Santiago";
  santiago = make (DATETIME_FIELD, &s);
  check (santiago, "2024-09-08", "2024-09-08T04:00:00.000Z");
  check (santiago, "2024-09-07 23:59", "2024-09-08T03:59:00.000Z");
  check_error (santiago, "2024-09-08 00:30", FREIGHT_TRANSFORM_ERROR_NONEXISTENT_TIME,
               "“2024-09-08 00:30” does not exist in America/Santiago: clocks jump from 00:00 "
               "to 01:00 that night. Correct the time, or write it with its UTC offset (such "
               "as +01:00).");
}

static void
test_transform_time (void)
{
  g_autoptr(FreightTransform) time = make (TIME_FIELD, NULL);

  check (time, "14:30", "14:30:00.000Z");
  check (time, "2:30 PM", "14:30:00.000Z");
  check (time, "12:00 am", "00:00:00.000Z");
  check (time, "14:30:15.5", "14:30:15.500Z");
  check (time, "14:30:15.123Z", "14:30:15.123Z");
  check_error (time, "25:00", FREIGHT_TRANSFORM_ERROR_INVALID_TIME,
               "“25:00” is not a time of day such as 14:30, 14:30:15 or 2:30 PM.");
  check_error (time, "noon", FREIGHT_TRANSFORM_ERROR_INVALID_TIME, NULL);
}

static void
test_transform_booleans (void)
{
  g_autoptr(FreightTransform) english = make (BOOLEAN_FIELD, NULL);
  g_autoptr(FreightDescribeField) field = test_describe_field (BOOLEAN_FIELD);
  g_autoptr(FreightValueFormat) format = freight_value_format_new ();
  g_autoptr(FreightTransform) german = NULL;
  g_autoptr(FreightTransform) conflict = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const ja[] = { "ja", "wahr", "x", NULL };
  static const char * const nein[] = { "nein", "falsch", NULL };
  static const char * const both[] = { "x", NULL };
  static const char * const trues[] = { "true", "TRUE", "Yes", "y", "1", "on", " ON ", NULL };
  static const char * const falses[] = { "false", "No", "N", "0", "off", NULL };

  for (guint i = 0; trues[i] != NULL; i++)
    check (english, trues[i], "true");
  for (guint i = 0; falses[i] != NULL; i++)
    check (english, falses[i], "false");
  check_error (english, "ja", FREIGHT_TRANSFORM_ERROR_INVALID_BOOLEAN,
               "“ja” is neither true nor false for Paid__c. Use true/false, yes/no, 1/0.");

  freight_value_format_set_true_words (format, ja);
  freight_value_format_set_false_words (format, nein);
  german = freight_transform_new (field, format, FREIGHT_BLANK_POLICY_LEAVE, &error);
  g_assert_no_error (error);
  check (german, "Ja", "true");
  check (german, "WAHR", "true");
  check (german, "x", "true");
  check (german, "NEIN", "false");
  check (german, "yes", "true");
  check_error (german, "vielleicht", FREIGHT_TRANSFORM_ERROR_INVALID_BOOLEAN,
               "“vielleicht” is neither true nor false for Paid__c. Use true/false, yes/no, "
               "1/0, ja/nein, wahr/falsch, x/….");

  /* A language where "n" means yes may say so. */
  freight_value_format_set_true_words (format, (const char *[]) { "n", NULL });
  freight_value_format_set_false_words (format, NULL);
  g_clear_pointer (&german, freight_transform_unref);
  german = freight_transform_new (field, format, FREIGHT_BLANK_POLICY_LEAVE, &error);
  g_assert_no_error (error);
  check (german, "n", "true");

  freight_value_format_set_true_words (format, both);
  freight_value_format_set_false_words (format, both);
  conflict = freight_transform_new (field, format, FREIGHT_BLANK_POLICY_LEAVE, &error);
  g_assert_null (conflict);
  g_assert_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_INVALID_SETTING);
  g_assert_cmpstr (error->message, ==,
                   "“x” cannot mean both true and false. Remove it from one of the two lists "
                   "of words.");
}

static void
test_transform_numbers (void)
{
  Settings en = { 0, "UTC", FREIGHT_DECIMAL_SEPARATOR_POINT, FREIGHT_DIGIT_GROUPING_COMMA, 0 };
  Settings de = { 0, "UTC", FREIGHT_DECIMAL_SEPARATOR_COMMA, FREIGHT_DIGIT_GROUPING_POINT, 0 };
  Settings ch = { 0, "UTC", FREIGHT_DECIMAL_SEPARATOR_POINT,
                  FREIGHT_DIGIT_GROUPING_APOSTROPHE, 0 };
  Settings fr = { 0, "UTC", FREIGHT_DECIMAL_SEPARATOR_COMMA, FREIGHT_DIGIT_GROUPING_SPACE, 0 };
  g_autoptr(FreightTransform) amount = make (CURRENCY_FIELD, &en);
  g_autoptr(FreightTransform) plain = make (CURRENCY_FIELD, NULL);
  g_autoptr(FreightTransform) betrag = make (CURRENCY_FIELD, &de);
  g_autoptr(FreightTransform) swiss = make (CURRENCY_FIELD, &ch);
  g_autoptr(FreightTransform) montant = make (CURRENCY_FIELD, &fr);
  g_autoptr(FreightTransform) percent = make (PERCENT_FIELD, NULL);
  g_autoptr(FreightTransform) count = make (DOUBLE_FIELD, NULL);
  g_autoptr(FreightTransform) ratio = make (FINE_DOUBLE_FIELD, NULL);
  g_autoptr(FreightTransform) employees = make (INT_FIELD, NULL);
  g_autoptr(FreightTransform) whole = make (PLAIN_INT_FIELD, NULL);
  g_autofree char *explanation = NULL;

  check (amount, "1234.5", "1234.5");
  check (amount, "1,234.50", "1234.50");
  check (amount, "$1,234.50", "1234.50");
  check (amount, "1,234,567.00 €", "1234567.00");
  check (amount, "-€12", "-12");
  check (amount, "€ -12", "-12");
  check (amount, "(1,234.50)", "-1234.50");
  check (amount, "+7", "7");
  check (amount, "0007.10", "7.10");
  check (amount, "-0", "0");
  check (amount, "0.05", "0.05");
  check (amount, "1.5E3", "1500");
  check (amount, "1e-2", "0.01");
  check (amount, "12345678901234.99", "12345678901234.99");
  check_flags (amount, "12.345", "12.35", FREIGHT_TRANSFORM_ROUNDED);
  check_flags (amount, "-12.345", "-12.35", FREIGHT_TRANSFORM_ROUNDED);
  check_flags (amount, "12.344", "12.34", FREIGHT_TRANSFORM_ROUNDED);
  check_flags (amount, "9.999", "10.00", FREIGHT_TRANSFORM_ROUNDED);
  check_flags (amount, "0.004", "0", FREIGHT_TRANSFORM_ROUNDED);
  check (amount, "12.3400", "12.34");
  explanation = freight_transform_explain (amount, "12.345", -1, FREIGHT_TRANSFORM_ROUNDED);
  g_assert_cmpstr (explanation, ==,
                   "“12.345” has more decimals than Amount__c keeps (2), so it is sent "
                   "rounded: 12.35.");
  check_error (amount, "123456789012345", FREIGHT_TRANSFORM_ERROR_NUMBER_TOO_LARGE,
               "“123456789012345” has 15 digits before the decimal point, but Amount__c "
               "allows 14.");
  check_error (amount, "1e500", FREIGHT_TRANSFORM_ERROR_NUMBER_TOO_LARGE,
               "“1e500” has too many digits for Amount__c.");
  check_error (amount, "abc", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER,
               "“abc” is not a number written with “.” as decimal separator and “,” between "
               "groups of thousands. Correct the value, or change the column’s number format.");
  check_error (amount, "1,23", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER, NULL);
  check_error (amount, "1234,567.5", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER, NULL);
  check_error (amount, "12%", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER,
               "“12%” has a percent sign, but Amount__c is not a percent field. Remove the "
               "sign.");
  check_error (amount, "1.2.3", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER, NULL);
  check_error (amount, "--1", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER, NULL);
  check_error (amount, "(-1)", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER, NULL);
  check_error (amount, "1e", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER, NULL);
  check_error (plain, "1,234.50", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER,
               "“1,234.50” is not a number written with “.” as decimal separator. Correct the "
               "value, or change the column’s number format.");

  check (betrag, "1.234,56", "1234.56");
  check (betrag, "1234,5", "1234.5");
  check (betrag, "-0,5 €", "-0.5");
  check_error (betrag, "1,234.56", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER, NULL);
  check (swiss, "1'234.50", "1234.50");
  check (swiss, "1’234’567", "1234567");
  check (montant, "1 234,56", "1234.56");
  check (montant, "1\xc2\xa0" "234,56", "1234.56");
  check (montant, "1\xe2\x80\xaf" "234\xe2\x80\xaf" "567", "1234567");
  check (montant, "100 €", "100");

  check (percent, "12.5%", "12.5");
  check (percent, "12.5 %", "12.5");
  check (percent, "12.5", "12.5");
  check_error (percent, "1234", FREIGHT_TRANSFORM_ERROR_NUMBER_TOO_LARGE,
               "“1234” has 4 digits before the decimal point, but Tax_Rate__c allows 3.");
  check_error (percent, "$5", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER,
               "“$5” has a currency symbol, but Tax_Rate__c is not a currency field. Remove "
               "the symbol.");

  check_flags (count, "3.7", "4", FREIGHT_TRANSFORM_ROUNDED);
  check (count, "3.0", "3");
  check (count, "999999", "999999");
  check_error (count, "1000000", FREIGHT_TRANSFORM_ERROR_NUMBER_TOO_LARGE, NULL);
  check (ratio, "0.1", "0.1");
  check (ratio, "123456789012.123456", "123456789012.123456");
  check_flags (ratio, "6.02214076E-5", "0.000060", FREIGHT_TRANSFORM_ROUNDED);

  check (employees, "42", "42");
  check (employees, "42.0", "42");
  check (employees, "1e3", "1000");
  check (employees, "99999999", "99999999");
  check_error (employees, "42.5", FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER,
               "“42.5” is not a whole number, but NumberOfEmployees holds whole numbers only.");
  check_error (employees, "123456789", FREIGHT_TRANSFORM_ERROR_NUMBER_TOO_LARGE,
               "“123456789” has 9 digits before the decimal point, but NumberOfEmployees "
               "allows 8.");
  check (whole, "-2147483648", "-2147483648");
  check_error (whole, "2147483648", FREIGHT_TRANSFORM_ERROR_NUMBER_TOO_LARGE,
               "“2147483648” is too large for Count__c (whole numbers up to 2147483647).");
}

static void
test_transform_picklists (void)
{
  g_autoptr(FreightTransform) status = make (STATUS_FIELD, NULL);
  g_autoptr(FreightTransform) rating = make (RATING_FIELD, NULL);
  g_autoptr(FreightTransform) topics = make (TOPICS_FIELD, NULL);

  check (status, "Sent", "Sent");
  check_flags (status, "sent", "Sent", FREIGHT_TRANSFORM_CORRECTED);
  check_flags (status, " PAID ", "Paid", FREIGHT_TRANSFORM_CORRECTED);
  check_error (status, "Void", FREIGHT_TRANSFORM_ERROR_NOT_IN_PICKLIST,
               "“Void” is an inactive value of the restricted picklist Status__c. Use one of: "
               "Draft, Sent, Paid.");
  check_error (status, "Lost", FREIGHT_TRANSFORM_ERROR_NOT_IN_PICKLIST,
               "“Lost” is not a value of the restricted picklist Status__c. Use one of: Draft, "
               "Sent, Paid.");

  check (rating, "Hot", "Hot");
  check_flags (rating, "cold", "Cold", FREIGHT_TRANSFORM_CORRECTED);
  check (rating, "Lukewarm", "Lukewarm");
  check_error (rating, "Unbelievably hot", FREIGHT_TRANSFORM_ERROR_TOO_LONG,
               "“Unbelievably hot” has 16 characters, but Rating holds at most 10. Shorten "
               "the value.");

  check (topics, "Alpha;Gamma", "Alpha;Gamma");
  check_flags (topics, "alpha; beta", "Alpha;Beta", FREIGHT_TRANSFORM_CORRECTED);
  check (topics, "Alpha;;Gamma;", "Alpha;Gamma");
  check_error (topics, "Alpha;Delta", FREIGHT_TRANSFORM_ERROR_NOT_IN_PICKLIST,
               "“Delta” is not a value of the restricted picklist Topics__c. Use one of: "
               "Alpha, Beta, Gamma.");
}

static void
test_transform_ids_and_text (void)
{
  g_autoptr(FreightTransform) id = make (ID_FIELD, NULL);
  g_autoptr(FreightTransform) reference = make (REFERENCE_FIELD, NULL);
  g_autoptr(FreightTransform) email = make (EMAIL_FIELD, NULL);
  g_autoptr(FreightTransform) code = make (STRING_FIELD, NULL);
  g_autofree char *long_email = NULL;
  static const char * const bad_emails[] = {
    "ada@localhost", "ada example.com", "ada@example..com", "@example.com", "ada@@example.com",
    "ada@example.com.", "Ada <ada@example.com>", NULL,
  };

  check (id, "001A0000006Vm9r", "001A0000006Vm9r");
  check (id, "001A0000006Vm9rIAC", "001A0000006Vm9rIAC");
  check (id, " 001A0000006Vm9rIAC ", "001A0000006Vm9rIAC");
  check_error (id, "001A0000006Vm9rIAD", FREIGHT_TRANSFORM_ERROR_INVALID_ID,
               "“001A0000006Vm9rIAD” is not a Salesforce record ID: an ID has 15 or 18 "
               "letters and digits, and the last 3 of an 18-character ID must match the case "
               "of the first 15.");
  check_error (reference, "001-bad", FREIGHT_TRANSFORM_ERROR_INVALID_ID, NULL);
  check (reference, "0013h00000Ffg18AAB", "0013h00000Ffg18AAB");

  check (email, "ada@example.com", "ada@example.com");
  check (email, " ada.lovelace+crm@mail.example.co.uk ", "ada.lovelace+crm@mail.example.co.uk");
  for (guint i = 0; bad_emails[i] != NULL; i++)
    check_error (email, bad_emails[i], FREIGHT_TRANSFORM_ERROR_INVALID_EMAIL, NULL);
  check_error (email, "ada@localhost", FREIGHT_TRANSFORM_ERROR_INVALID_EMAIL,
               "“ada@localhost” is not an email address such as name@example.com.");
  long_email = g_strdup_printf ("%s@example-domain.com", "abcdefghij" "abcdefghij" "abcdefghij"
                                "abcdefghij" "abcdefghij" "abcdefghij" "abcd");
  check_error (email, long_email, FREIGHT_TRANSFORM_ERROR_TOO_LONG, NULL);

  check (code, "0123456789", "0123456789");
  check (code, " padded ", " padded ");
  check (code, "ÄÖÜäöüßéèê", "ÄÖÜäöüßéèê");
  check (code, "😀😀😀😀😀", "😀😀😀😀😀");
  check_error (code, "01234567890", FREIGHT_TRANSFORM_ERROR_TOO_LONG,
               "“01234567890” has 11 characters, but Code__c holds at most 10. Shorten the "
               "value.");
  check_error (code, "😀😀😀😀😀😀", FREIGHT_TRANSFORM_ERROR_TOO_LONG,
               "“😀😀😀😀😀😀” has 12 characters, but Code__c holds at most 10. Shorten the "
               "value.");
  check_error (code, "This value is much longer than forty characters, so it is cut",
               FREIGHT_TRANSFORM_ERROR_TOO_LONG,
               "“This value is much longer than forty ch…” has 61 characters, but Code__c "
               "holds at most 10. Shorten the value.");
}

static void
test_transform_blank_policies (void)
{
  Settings clear = { 0, "UTC", 0, 0, FREIGHT_BLANK_POLICY_CLEAR };
  g_autoptr(FreightTransform) leave_date = make (DATE_FIELD, NULL);
  g_autoptr(FreightTransform) clear_date = make (DATE_FIELD, &clear);
  g_autoptr(FreightTransform) leave_text = make (STRING_FIELD, NULL);
  g_autoptr(FreightTransform) clear_text = make (STRING_FIELD, &clear);
  g_autoptr(FreightTransform) clear_boolean = make (BOOLEAN_FIELD, &clear);
  g_autoptr(GString) out = g_string_new (NULL);
  FreightTransformFlags flags;

  g_assert_cmpint (freight_transform_get_blank_policy (clear_text), ==,
                   FREIGHT_BLANK_POLICY_CLEAR);
  check_flags (leave_text, "", "", FREIGHT_TRANSFORM_BLANK);
  check_flags (leave_text, "   ", "", FREIGHT_TRANSFORM_BLANK);
  check_flags (leave_date, "", "", FREIGHT_TRANSFORM_BLANK);
  check_flags (clear_text, "", "#N/A", FREIGHT_TRANSFORM_BLANK | FREIGHT_TRANSFORM_CLEARS);
  check_flags (clear_text, " \t", "#N/A", FREIGHT_TRANSFORM_BLANK | FREIGHT_TRANSFORM_CLEARS);
  check_flags (clear_boolean, "", "#N/A", FREIGHT_TRANSFORM_BLANK | FREIGHT_TRANSFORM_CLEARS);
  /* A cell that says #N/A clears whatever the policy. */
  check_flags (leave_text, "#N/A", "#N/A", FREIGHT_TRANSFORM_CLEARS);
  check (clear_text, "kept", "kept");
  check_error (clear_date, "", FREIGHT_TRANSFORM_ERROR_CANNOT_CLEAR,
               "CloseDate cannot be emptied: Salesforce requires a value. Fill the cell, or let "
               "blank cells leave the field unchanged.");
  check_error (leave_date, "#N/A", FREIGHT_TRANSFORM_ERROR_CANNOT_CLEAR, NULL);

  /* Lengths need not be NUL-terminated. */
  g_assert_true (freight_transform_apply (leave_text, "abcdef", 3, out, &flags, NULL));
  g_assert_cmpstr (out->str, ==, "abc");
  g_assert_true (freight_transform_apply (leave_date, "2024-01-02xyz", 10, out, &flags, NULL));
  g_assert_cmpstr (out->str, ==, "2024-01-02");
}

static void
test_transform_settings (void)
{
  g_autoptr(FreightDescribeField) field = test_describe_field (DATETIME_FIELD);
  g_autoptr(FreightValueFormat) format = freight_value_format_new ();
  g_autoptr(FreightValueFormat) copy = NULL;
  g_autoptr(FreightValueFormat) parsed = NULL;
  g_autoptr(FreightTransform) transform = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  freight_value_format_set_time_zone (format, "Mars/Olympus_Mons");
  transform = freight_transform_new (field, format, FREIGHT_BLANK_POLICY_LEAVE, &error);
  g_assert_null (transform);
  g_assert_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_INVALID_SETTING);
  g_assert_cmpstr (error->message, ==,
                   "Freight does not know the time zone “Mars/Olympus_Mons”. Choose one by its "
                   "region and city, such as Europe/Berlin or America/New_York.");
  g_clear_error (&error);

  freight_value_format_set_time_zone (format, "Europe/Berlin");
  freight_value_format_set_decimal_separator (format, FREIGHT_DECIMAL_SEPARATOR_COMMA);
  freight_value_format_set_digit_grouping (format, FREIGHT_DIGIT_GROUPING_COMMA);
  transform = freight_transform_new (field, format, FREIGHT_BLANK_POLICY_LEAVE, &error);
  g_assert_null (transform);
  g_assert_cmpstr (error->message, ==,
                   "“,” cannot be both the decimal separator and the digit grouping. Choose "
                   "another digit grouping.");
  g_clear_error (&error);

  /* JSON round trip */
  freight_value_format_set_digit_grouping (format, FREIGHT_DIGIT_GROUPING_POINT);
  freight_value_format_set_date_format (format, FREIGHT_DATE_FORMAT_DMY_DOT);
  freight_value_format_set_true_words (format, (const char *[]) { "ja", NULL });
  freight_value_format_set_false_words (format, (const char *[]) { "nein", NULL });
  json = freight_value_format_to_json (format);
  text = json_to_string (json, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"dateFormat\":\"dmy-dot\",\"timeZone\":\"Europe/Berlin\","
                   "\"decimalSeparator\":\"comma\",\"digitGrouping\":\"point\","
                   "\"trueWords\":[\"ja\"],\"falseWords\":[\"nein\"]}");
  parsed = freight_value_format_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (freight_value_format_equal (parsed, format));
  copy = freight_value_format_copy (format);
  g_assert_true (freight_value_format_equal (copy, format));
  freight_value_format_set_time_zone (copy, NULL);
  g_assert_false (freight_value_format_equal (copy, format));
  g_assert_null (freight_value_format_get_time_zone (copy));

  {
    g_autoptr(JsonNode) bad = test_parse_json ("{\"dateFormat\": \"julian\"}");
    g_autoptr(FreightValueFormat) none = freight_value_format_new_from_json (bad, &error);

    g_assert_null (none);
    g_assert_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_INVALID_SETTING);
    g_assert_cmpstr (error->message, ==,
                     "The saved format has an unknown “dateFormat”: “julian”. Choose the "
                     "format again.");
    g_clear_error (&error);
  }
  {
    g_autoptr(JsonNode) bad = test_parse_json ("{\"trueWords\": [1]}");
    g_autoptr(FreightValueFormat) none = freight_value_format_new_from_json (bad, &error);

    g_assert_null (none);
    g_assert_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_INVALID_SETTING);
  }
}

static void
test_transform_notify (void)
{
  g_autoptr(FreightValueFormat) format = freight_value_format_new ();
  guint notified = 0;

  g_signal_connect_swapped (format, "notify", G_CALLBACK (g_atomic_int_inc), &notified);
  freight_value_format_set_date_format (format, FREIGHT_DATE_FORMAT_ISO);
  freight_value_format_set_time_zone (format, NULL);
  freight_value_format_set_time_zone (format, "");
  g_assert_cmpuint (notified, ==, 0);
  freight_value_format_set_time_zone (format, "UTC");
  freight_value_format_set_time_zone (format, "UTC");
  freight_value_format_set_date_format (format, FREIGHT_DATE_FORMAT_MDY_SLASH);
  freight_value_format_set_true_words (format, (const char *[]) { "si", NULL });
  freight_value_format_set_true_words (format, (const char *[]) { "si", NULL });
  g_assert_cmpuint (notified, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/freight/transform/date-formats", test_transform_date_formats);
  g_test_add_func ("/freight/transform/date-never-shifts", test_transform_date_never_shifts);
  g_test_add_func ("/freight/transform/datetime-berlin", test_transform_datetime_berlin);
  g_test_add_func ("/freight/transform/datetime-los-angeles",
                   test_transform_datetime_los_angeles);
  g_test_add_func ("/freight/transform/time", test_transform_time);
  g_test_add_func ("/freight/transform/booleans", test_transform_booleans);
  g_test_add_func ("/freight/transform/numbers", test_transform_numbers);
  g_test_add_func ("/freight/transform/picklists", test_transform_picklists);
  g_test_add_func ("/freight/transform/ids-and-text", test_transform_ids_and_text);
  g_test_add_func ("/freight/transform/blank-policies", test_transform_blank_policies);
  g_test_add_func ("/freight/transform/settings", test_transform_settings);
  g_test_add_func ("/freight/transform/notify", test_transform_notify);
  return g_test_run ();
}
