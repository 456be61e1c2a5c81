/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "freight-csv-private.h"

/* The reader's hand-written decoders and UTF-8 validator against GLib's. */

/* Random text: mostly ASCII, some multi-byte characters, now and then a bad byte. */
static GByteArray *
random_bytes (GRand *rand,
              guint  len,
              guint  bad_per_mille)
{
  static const char *pieces[] = { "é", "€", "🚚", "ß", "\xEF\xBF\xBD" };
  GByteArray *bytes = g_byte_array_new ();

  while (bytes->len < len)
    {
      guint r = g_rand_int_range (rand, 0, 1000);

      if (r < bad_per_mille)
        {
          guint8 b = g_rand_int_range (rand, 0, 256);

          g_byte_array_append (bytes, &b, 1);
        }
      else if (r < 100)
        {
          const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

          g_byte_array_append (bytes, (const guint8 *) piece, strlen (piece));
        }
      else
        {
          guint8 c = g_rand_int_range (rand, 1, 128);

          g_byte_array_append (bytes, &c, 1);
        }
    }
  return bytes;
}

static gsize
reference_check (const guint8 *data,
                 gsize         len)
{
  const char *end = NULL;

  if (g_utf8_validate_len ((const char *) data, len, &end))
    return len;
  return (const guint8 *) end - data;
}

static void
test_utf8_check (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3629);

  for (guint round = 0; round < 3000; round++)
    {
      GByteArray *bytes = random_bytes (rand, g_rand_int_range (rand, 0, 200),
                                        round % 3 == 0 ? 0 : 5);
      gsize len = bytes->len;
      g_autofree guint8 *padded = g_malloc0 (len + 16);
      gsize expected = reference_check (bytes->data, len);

      memcpy (padded, bytes->data, len);
      /* Bytes after the end must not matter. */
      memset (padded + len, round % 2 ? 0xFF : 0, 16);

      g_assert_cmpuint (_freight_csv_utf8_check (bytes->data, len, TRUE), ==, expected);
      g_assert_cmpuint (_freight_csv_utf8_check_padded (padded, len), ==, expected);
      g_byte_array_unref (bytes);
    }

  /* NUL is valid UTF-8, but not in a CSV field. */
  g_assert_cmpuint (_freight_csv_utf8_check ((const guint8 *) "ab\0c", 4, FALSE), ==, 4);
  g_assert_cmpuint (_freight_csv_utf8_check ((const guint8 *) "ab\0c", 4, TRUE), ==, 2);
}

static void
test_utf8_repair (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (65533);

  for (guint round = 0; round < 500; round++)
    {
      GByteArray *bytes = random_bytes (rand, g_rand_int_range (rand, 0, 100), 50);
      g_autoptr(GString) repaired = g_string_new (NULL);

      _freight_csv_utf8_repair (repaired, bytes->data, bytes->len);
      g_assert_true (g_utf8_validate_len (repaired->str, repaired->len, NULL));
      /* Valid input stays as it is. */
      if (reference_check (bytes->data, bytes->len) == bytes->len)
        g_assert_cmpmem (repaired->str, repaired->len, bytes->data, bytes->len);
      g_byte_array_unref (bytes);
    }

  {
    g_autoptr(GString) s = g_string_new (NULL);

    _freight_csv_utf8_repair (s, (const guint8 *) "a\xE9" "b\0c\xF0\x9F\x9A", 8);
    g_assert_cmpstr (s->str, ==, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD"
                                 "\xEF\xBF\xBD");
  }
}

/* Decodes @in in pieces of @step bytes with a small output buffer, as the reader does. */
static GByteArray *
decode_in_steps (FreightCsvEncoding  encoding,
                 const guint8       *in,
                 gsize               len,
                 gsize               step)
{
  GByteArray *out = g_byte_array_new ();
  guint8 buf[64];
  gsize pos = 0;
  gsize avail = 0;

  while (pos < len)
    {
      gboolean at_eof;
      gsize used = 0;
      gsize produced = 0;

      avail = MIN (MAX (avail, pos) + step, len);
      at_eof = avail == len;
      _freight_csv_decode (encoding, in + pos, avail - pos, at_eof,
                           buf, sizeof buf, &used, &produced);
      g_byte_array_append (out, buf, produced);
      g_assert_cmpuint (_freight_csv_source_length (encoding, buf, produced), ==, used);
      pos += used;
      if (used == 0)
        g_assert_false (at_eof);
    }
  return out;
}

static void
assert_decodes_like_iconv (FreightCsvEncoding  encoding,
                           const char         *iconv_name,
                           const guint8       *in,
                           gsize               len)
{
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  gsize expected_len = 0;

  expected = g_convert ((const char *) in, len, "UTF-8", iconv_name, NULL, &expected_len,
                        &error);
  g_assert_no_error (error);

  for (gsize step = 1; step <= 9; step += 4)
    {
      GByteArray *out = decode_in_steps (encoding, in, len, step);

      g_assert_cmpmem (out->data, out->len, expected, expected_len);
      g_byte_array_unref (out);
    }
}

static void
test_single_byte_decoders (void)
{
  guint8 all[256];
  guint8 defined[256];
  gsize n_defined = 0;

  for (guint i = 0; i < 256; i++)
    {
      all[i] = i;
      if (i != 0x81 && i != 0x8D && i != 0x8F && i != 0x90 && i != 0x9D)
        defined[n_defined++] = i;
    }

  assert_decodes_like_iconv (FREIGHT_CSV_ENCODING_ISO_8859_1, "ISO-8859-1", all, 256);
  assert_decodes_like_iconv (FREIGHT_CSV_ENCODING_WINDOWS_1252, "WINDOWS-1252", defined,
                             n_defined);

  /* An undefined byte becomes a marker that the validator stops at. */
  {
    GByteArray *out = decode_in_steps (FREIGHT_CSV_ENCODING_WINDOWS_1252,
                                       (const guint8 *) "a\x81z", 3, 3);

    g_assert_cmpmem (out->data, out->len, "a\xFFz", 3);
    g_assert_cmpuint (_freight_csv_utf8_check (out->data, out->len, TRUE), ==, 1);
    g_byte_array_unref (out);
  }
}

static void
test_utf16_decoders (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1200);

  for (guint round = 0; round < 200; round++)
    {
      GByteArray *text = random_bytes (rand, g_rand_int_range (rand, 0, 120), 0);
      g_autofree char *le = NULL;
      g_autofree char *be = NULL;
      gsize le_len = 0;
      gsize be_len = 0;

      le = g_convert ((const char *) text->data, text->len, "UTF-16LE", "UTF-8", NULL, &le_len,
                      NULL);
      be = g_convert ((const char *) text->data, text->len, "UTF-16BE", "UTF-8", NULL, &be_len,
                      NULL);
      g_assert_nonnull (le);
      g_assert_nonnull (be);
      assert_decodes_like_iconv (FREIGHT_CSV_ENCODING_UTF16LE, "UTF-16LE", (guint8 *) le,
                                 le_len);
      assert_decodes_like_iconv (FREIGHT_CSV_ENCODING_UTF16BE, "UTF-16BE", (guint8 *) be,
                                 be_len);
      g_byte_array_unref (text);
    }

  /* Lone surrogates and an odd last byte: markers, and the source length still adds up. */
  {
    static const guint8 bad[] = { 0x00, 0xDC, 'a', 0, 0x00, 0xD8, 'b', 0, 'c' };
    GByteArray *out = decode_in_steps (FREIGHT_CSV_ENCODING_UTF16LE, bad, sizeof bad, 1);

    g_assert_cmpmem (out->data, out->len, "\xFF" "a\xFF" "b\xFE", 5);
    g_byte_array_unref (out);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/csv-codec/utf8-check", test_utf8_check);
  g_test_add_func ("/freight/csv-codec/utf8-repair", test_utf8_repair);
  g_test_add_func ("/freight/csv-codec/single-byte-decoders", test_single_byte_decoders);
  g_test_add_func ("/freight/csv-codec/utf16-decoders", test_utf16_decoders);

  return g_test_run ();
}
