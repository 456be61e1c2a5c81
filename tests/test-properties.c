/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"

/* Reads @len bytes of @text (the whole string when -1) as "test.properties". */
static FreightProperties *
parse_len (const char  *text,
           gssize       len,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);

  return freight_properties_new_from_bytes (bytes, "test.properties", error);
}

static FreightProperties *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  FreightProperties *properties = parse_len (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (properties);
  return properties;
}

/* Asserts that @text holds exactly the items of @expected: key, value, line, … NULL. */
static void
assert_items (const char *text,
              ...)
{
  g_autoptr(FreightProperties) properties = parse_ok (text);
  va_list args;
  guint i = 0;
  const char *key;

  va_start (args, text);
  while ((key = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      guint line = va_arg (args, guint);

      g_assert_cmpuint (i, <, freight_properties_get_n_items (properties));
      g_assert_cmpstr (freight_properties_get_key (properties, i), ==, key);
      g_assert_cmpstr (freight_properties_get_value (properties, i), ==, value);
      g_assert_cmpuint (freight_properties_get_line (properties, i), ==, line);
      i++;
    }
  va_end (args);

  g_assert_cmpuint (freight_properties_get_n_items (properties), ==, i);
}

static void
assert_error (const char *text,
              gssize      len,
              int         code,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightProperties) properties = parse_len (text, len, &error);

  g_assert_null (properties);
  g_assert_error (error, FREIGHT_PROPERTIES_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_separators (void)
{
  assert_items ("a=1\n"
                "b:2\n"
                "c 3\n"
                "d = 4\n"
                "e\t:\t5\n"
                "f \f = 6\n"
                "g =:7\n"
                "h==8\n"
                "i\n"
                "j=\n"
                "k   \n",
                "a", "1", 1, "b", "2", 2, "c", "3", 3, "d", "4", 4, "e", "5", 5,
                "f", "6", 6, "g", ":7", 7, "h", "=8", 8, "i", "", 9, "j", "", 10,
                "k", "", 11, NULL);
}

static void
test_whitespace (void)
{
  /* Leading blanks are skipped, trailing ones belong to the value, and only space, tab
   * and form feed are blanks. */
  assert_items ("   a=1\n"
                "\t\fb = two words  \n"
                "\n"
                "   \t \n"
                "\vc=3\n",
                "a", "1", 1, "b", "two words  ", 2, "\vc", "3", 5, NULL);
}

static void
test_comments (void)
{
  assert_items ("# a comment\n"
                "! another one\n"
                "   # an indented one\n"
                "# a comment ending in a backslash does not continue \\\n"
                "a=b#c!d\n"
                "#\n"
                "!\n",
                "a", "b#c!d", 5, NULL);
}

static void
test_escapes (void)
{
  assert_items ("a\\=b\\:c\\ d\\#e\\!f=g\n"
                "tab=\\t|\\n|\\r|\\f\n"
                "other=\\b\\\"\\z\\\\\n"
                "space=\\  leading\n"
                "\\#not-a-comment=1\n"
                "\\ =blank key\n",
                "a=b:c d#e!f", "g", 1,
                "tab", "\t|\n|\r|\f", 2,
                "other", "b\"z\\", 3,
                "space", "  leading", 4,
                "#not-a-comment", "1", 5,
                " ", "blank key", 6, NULL);
}

static void
test_unicode_escapes (void)
{
  assert_items ("Soci\\u00E9t\\u00e9=\\u20AC\n"
                "emoji=\\uD83D\\uDE00!\n"
                "ascii=\\u0041\\u007e\n",
                "Société", "€", 1, "emoji", "😀!", 2, "ascii", "A~", 3, NULL);
}

static void
test_bad_unicode_escapes (void)
{
  assert_error ("a=1\nb=\\u00G1\n", -1, FREIGHT_PROPERTIES_ERROR_ESCAPE,
                "test.properties: line 2: “\\u00G1” is not a valid Unicode escape: \\u must "
                "be followed by four hexadecimal digits, e.g. \\u00E9 for é");
  assert_error ("a=\\u12", -1, FREIGHT_PROPERTIES_ERROR_ESCAPE,
                "test.properties: line 1: “\\u12” is not a valid Unicode escape: \\u must "
                "be followed by four hexadecimal digits, e.g. \\u00E9 for é");
  assert_error ("a=\\uéé", -1, FREIGHT_PROPERTIES_ERROR_ESCAPE,
                "test.properties: line 1: “\\uéé” is not a valid Unicode escape: \\u must "
                "be followed by four hexadecimal digits, e.g. \\u00E9 for é");
  assert_error ("\\u=1", -1, FREIGHT_PROPERTIES_ERROR_ESCAPE,
                "test.properties: line 1: “\\u” is not a valid Unicode escape: \\u must "
                "be followed by four hexadecimal digits, e.g. \\u00E9 for é");
}

#define HALF_PAIR "test.properties: line %u: “\\u%s” is half of a surrogate pair; a " \
                  "character outside the Basic Multilingual Plane needs both halves, " \
                  "e.g. \\uD83D\\uDE00"

static void
test_surrogates (void)
{
  g_autofree char *high_1 = g_strdup_printf (HALF_PAIR, 1, "D83D");
  g_autofree char *high_2 = g_strdup_printf (HALF_PAIR, 2, "D83D");
  g_autofree char *low_3 = g_strdup_printf (HALF_PAIR, 3, "DE00");

  assert_error ("a=\\uD83D", -1, FREIGHT_PROPERTIES_ERROR_ESCAPE, high_1);
  assert_error ("a=\\uD83Dx", -1, FREIGHT_PROPERTIES_ERROR_ESCAPE, high_1);
  assert_error ("a=\\uD83D\\n", -1, FREIGHT_PROPERTIES_ERROR_ESCAPE, high_1);
  assert_error ("a=\\uD83D\\u0041", -1, FREIGHT_PROPERTIES_ERROR_ESCAPE, high_1);
  assert_error ("#\n\\uD83D=x", -1, FREIGHT_PROPERTIES_ERROR_ESCAPE, high_2);
  assert_error ("\n\na=\\uDE00", -1, FREIGHT_PROPERTIES_ERROR_ESCAPE, low_3);
  assert_error ("a=\\u0000", -1, FREIGHT_PROPERTIES_ERROR_ESCAPE,
                "test.properties: line 1: “\\u0000” (the NUL character) can't be used in a "
                "key or value");
}

static void
test_continuation (void)
{
  assert_items ("a=one \\\n"
                "     two\\\n"
                "\tthree\n"
                "b=even\\\\\n"
                "c=odd\\\\\\\n"
                "  next\n"
                "ke\\\n"
                "  y=v\n",
                "a", "one twothree", 1,
                "b", "even\\", 4,
                "c", "odd\\next", 5,
                "key", "v", 7, NULL);
}

static void
test_continuation_edges (void)
{
  /* A continued line's `#` is data, an empty line ends the logical line, a backslash at
   * the end of the file is dropped, a blank-only continuation line ends it too. */
  assert_items ("a=1\\\n"
                "# not a comment\n"
                "b=2\\\n"
                "\n"
                "c=3\\\n"
                "   \n"
                "d=4\\",
                "a", "1# not a comment", 1, "b", "2", 3, "c", "3", 5, "d", "4", 7, NULL);
  /* A line of just a backslash continues into nothing, so a `#` after it starts a
   * comment (java.util.Properties since Java 9). */
  assert_items ("\\\n"
                "#comment\n"
                "a=1\n",
                "a", "1", 3, NULL);
  assert_items ("\\", "", "", 1, NULL);
  /* After a line of just a backslash an empty line does not end anything yet. */
  assert_items ("\\\n"
                "\n"
                "a=1\n"
                "b=2\\\n",
                "a", "1", 3, "b", "2", 4, NULL);
}

static void
test_line_endings (void)
{
  assert_items ("a=1\r\nb=2\rc=3\n\r\nd=4\\\r\n  5\r\ne=\\\r  6\r\r\n\rf=7",
                "a", "1", 1, "b", "2", 2, "c", "3", 3, "d", "45", 5, "e", "6", 7,
                "f", "7", 11, NULL);
}

static void
test_error_line_in_continuation (void)
{
  assert_error ("a=\\u00G1,\\\n"
                "  two,\\\n"
                "  three\n",
                -1, FREIGHT_PROPERTIES_ERROR_ESCAPE,
                "test.properties: line 1: “\\u00G1” is not a valid Unicode escape: \\u must "
                "be followed by four hexadecimal digits, e.g. \\u00E9 for é");
  assert_error ("# first\n"
                "a=one,\\\n"
                "  two,\\\n"
                "  \\uXYZW\n",
                -1, FREIGHT_PROPERTIES_ERROR_ESCAPE,
                "test.properties: line 4: “\\uXYZW” is not a valid Unicode escape: \\u must "
                "be followed by four hexadecimal digits, e.g. \\u00E9 for é");
}

static void
test_encoding_utf8 (void)
{
  g_autoptr(FreightProperties) properties = parse_ok ("Société=Raison sociale\n");

  g_assert_cmpint (freight_properties_get_encoding (properties), ==,
                   FREIGHT_PROPERTIES_ENCODING_UTF8);
  g_assert_cmpstr (freight_properties_get_key (properties, 0), ==, "Société");
}

static void
test_encoding_latin1 (void)
{
  /* What a Windows editor saves for "Société=Résumé": not UTF-8, so ISO-8859-1, as
   * Data Loader reads every .sdl file. */
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightProperties) properties = parse_len ("Soci\xe9t\xe9=R\xe9sum\xe9\n", -1,
                                                       &error);

  g_assert_no_error (error);
  g_assert_cmpint (freight_properties_get_encoding (properties), ==,
                   FREIGHT_PROPERTIES_ENCODING_ISO_8859_1);
  g_assert_cmpstr (freight_properties_get_key (properties, 0), ==, "Société");
  g_assert_cmpstr (freight_properties_get_value (properties, 0), ==, "Résumé");
}

static void
test_encoding_bom (void)
{
  g_autoptr(FreightProperties) properties = parse_ok ("\xef\xbb\xbfName=Name\n");

  g_assert_cmpint (freight_properties_get_encoding (properties), ==,
                   FREIGHT_PROPERTIES_ENCODING_UTF8);
  g_assert_cmpstr (freight_properties_get_key (properties, 0), ==, "Name");

  assert_error ("\xef\xbb\xbf" "a=1\nb=\xe9\n", -1, FREIGHT_PROPERTIES_ERROR_ENCODING,
                "test.properties: line 2: the file starts with a UTF-8 byte order mark but "
                "is not valid UTF-8; save it as UTF-8 and open it again");
}

static void
test_encoding_errors (void)
{
  assert_error ("\xff\xfe" "a\0=\0" "1\0", 8, FREIGHT_PROPERTIES_ERROR_ENCODING,
                "test.properties: the file is UTF-16 text; save it as UTF-8 and open it "
                "again");
  assert_error ("\xfe\xff\0a\0=", 6, FREIGHT_PROPERTIES_ERROR_ENCODING,
                "test.properties: the file is UTF-16 text; save it as UTF-8 and open it "
                "again");
  assert_error ("a=1\r\nb=2\rc\0=3", 13, FREIGHT_PROPERTIES_ERROR_ENCODING,
                "test.properties: line 3: the file contains a NUL byte, so it is not a text "
                "file or it is UTF-16 or UTF-32 text; save it as UTF-8 and open it again");
}

static void
test_empty (void)
{
  g_autoptr(FreightProperties) properties = parse_ok ("");

  g_assert_cmpuint (freight_properties_get_n_items (properties), ==, 0);
  assert_items ("# only comments\n\n  \n!\n", NULL);
}

static void
test_lookup_last_wins (void)
{
  g_autoptr(FreightProperties) properties = parse_ok ("a=1\nb=2\na=3\n");

  g_assert_cmpuint (freight_properties_get_n_items (properties), ==, 3);
  g_assert_cmpstr (freight_properties_lookup (properties, "a"), ==, "3");
  g_assert_cmpstr (freight_properties_lookup (properties, "b"), ==, "2");
  g_assert_null (freight_properties_lookup (properties, "A"));
}

static void
assert_escape (const char *text,
               gboolean    is_key,
               const char *expected)
{
  g_autofree char *escaped = freight_properties_escape (text, is_key);

  g_assert_cmpstr (escaped, ==, expected);
}

static void
test_escape_like_java (void)
{
  /* The outputs are what java.util.Properties.store(OutputStream) writes. */
  assert_escape ("Account Name", TRUE, "Account\\ Name");
  assert_escape (" two  spaces ", FALSE, "\\ two  spaces ");
  assert_escape ("Parent:Account-Oracle_Id__c", FALSE, "Parent\\:Account-Oracle_Id__c");
  assert_escape ("a=b#c!d\\e", TRUE, "a\\=b\\#c\\!d\\\\e");
  assert_escape ("\t\n\r\f", FALSE, "\\t\\n\\r\\f");
  assert_escape ("Société €", FALSE, "Soci\\u00E9t\\u00E9 \\u20AC");
  assert_escape ("😀", TRUE, "\\uD83D\\uDE00");
  assert_escape ("\x01\x7f~\"$", FALSE, "\\u0001\\u007F~\"$");
  assert_escape ("", TRUE, "");
}

static void
test_to_bytes (void)
{
  g_autoptr(FreightProperties) properties = freight_properties_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) expected = NULL;
  static const char text[] =
    "#Mapping values\n"
    "#second line \\u00E9\n"
    "#third\n"
    "!fourth\n"
    "Account\\ Name=Name\n"
    "PARENT=Parent\\:Account-Oracle_Id__c\n"
    "\"Some\\ Description\"=Description\n"
    "=\n";

  freight_properties_append (properties, "Account Name", "Name");
  freight_properties_append (properties, "PARENT", "Parent:Account-Oracle_Id__c");
  freight_properties_append (properties, "\"Some Description\"", "Description");
  freight_properties_append (properties, "", "");
  g_assert_cmpuint (freight_properties_get_line (properties, 0), ==, 0);

  bytes = freight_properties_to_bytes (properties,
                                       "Mapping values\nsecond line é\r\nthird\n!fourth");
  expected = g_bytes_new_static (text, sizeof text - 1);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
test_round_trip (void)
{
  static const char *strings[] = {
    "", " ", "  lead", "trail  ", "a=b:c", "#hash", "!bang", "back\\slash\\",
    "tab\there", "new\nline", "cr\rlf\r\n", "form\ffeed", "Société", "€", "😀 emoji",
    "\"quoted\"", "\x01\x1f\x7f", "\\u0041 literally",
  };
  g_autoptr(FreightProperties) properties = freight_properties_new ();
  g_autoptr(FreightProperties) reread = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint n = G_N_ELEMENTS (strings);

  for (guint i = 0; i < n; i++)
    freight_properties_append (properties, strings[i], strings[n - 1 - i]);

  bytes = freight_properties_to_bytes (properties, NULL);
  for (gsize i = 0; i < g_bytes_get_size (bytes); i++)
    g_assert_cmpint (((const guint8 *) g_bytes_get_data (bytes, NULL))[i], <, 0x80);

  reread = freight_properties_new_from_bytes (bytes, "round-trip.properties", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_properties_get_n_items (reread), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (freight_properties_get_key (reread, i), ==, strings[i]);
      g_assert_cmpstr (freight_properties_get_value (reread, i), ==, strings[n - 1 - i]);
      g_assert_cmpuint (freight_properties_get_line (reread, i), ==, i + 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/properties/separators", test_separators);
  g_test_add_func ("/freight/properties/whitespace", test_whitespace);
  g_test_add_func ("/freight/properties/comments", test_comments);
  g_test_add_func ("/freight/properties/escapes", test_escapes);
  g_test_add_func ("/freight/properties/unicode-escapes", test_unicode_escapes);
  g_test_add_func ("/freight/properties/bad-unicode-escapes", test_bad_unicode_escapes);
  g_test_add_func ("/freight/properties/surrogates", test_surrogates);
  g_test_add_func ("/freight/properties/continuation", test_continuation);
  g_test_add_func ("/freight/properties/continuation-edges", test_continuation_edges);
  g_test_add_func ("/freight/properties/line-endings", test_line_endings);
  g_test_add_func ("/freight/properties/error-line-in-continuation",
                   test_error_line_in_continuation);
  g_test_add_func ("/freight/properties/encoding-utf8", test_encoding_utf8);
  g_test_add_func ("/freight/properties/encoding-latin1", test_encoding_latin1);
  g_test_add_func ("/freight/properties/encoding-bom", test_encoding_bom);
  g_test_add_func ("/freight/properties/encoding-errors", test_encoding_errors);
  g_test_add_func ("/freight/properties/empty", test_empty);
  g_test_add_func ("/freight/properties/lookup-last-wins", test_lookup_last_wins);
  g_test_add_func ("/freight/properties/escape-like-java", test_escape_like_java);
  g_test_add_func ("/freight/properties/to-bytes", test_to_bytes);
  g_test_add_func ("/freight/properties/round-trip", test_round_trip);

  return g_test_run ();
}
