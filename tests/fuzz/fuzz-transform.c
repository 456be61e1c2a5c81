/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "freight.h"

/* Feeds a cell to a transform chosen by the first two bytes (field type, date format,
 * number format, time zone, blank policy). A value that converts must be valid UTF-8 and
 * convert to itself again through a transform that reads the Bulk API's own formats; a
 * value that does not must fail with a FREIGHT_TRANSFORM_ERROR in readable UTF-8. */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define CHECK(cond) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        g_printerr ("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

static const char * const fields[] = {
  "{\"name\": \"D\", \"type\": \"date\", \"nillable\": true}",
  "{\"name\": \"T\", \"type\": \"datetime\", \"nillable\": false}",
  "{\"name\": \"H\", \"type\": \"time\", \"nillable\": true}",
  "{\"name\": \"B\", \"type\": \"boolean\", \"nillable\": false}",
  "{\"name\": \"C\", \"type\": \"currency\", \"precision\": 16, \"scale\": 2}",
  "{\"name\": \"P\", \"type\": \"percent\", \"precision\": 5, \"scale\": 2}",
  "{\"name\": \"N\", \"type\": \"double\", \"precision\": 18, \"scale\": 0}",
  "{\"name\": \"I\", \"type\": \"int\", \"digits\": 9}",
  "{\"name\": \"L\", \"type\": \"long\"}",
  "{\"name\": \"S\", \"type\": \"string\", \"length\": 12}",
  "{\"name\": \"E\", \"type\": \"email\", \"length\": 80}",
  "{\"name\": \"Id\", \"type\": \"id\", \"length\": 18, \"nillable\": false}",
  "{\"name\": \"K\", \"type\": \"picklist\", \"restrictedPicklist\": true, \"picklistValues\": "
  "[{\"value\": \"Hot\"}, {\"value\": \"Cold\", \"active\": false}, {\"value\": \"Ümlaut\"}]}",
  "{\"name\": \"M\", \"type\": \"multipicklist\", \"picklistValues\": "
  "[{\"value\": \"A\"}, {\"value\": \"B\"}]}",
};

static const char * const zones[] = {
  "UTC", "Europe/Berlin", "America/Los_Angeles", "America/Santiago", "Australia/Lord_Howe",
  "Asia/Kathmandu", "Pacific/Kiritimati", "America/St_Johns",
};

static FreightDescribeField *field_cache[G_N_ELEMENTS (fields)];

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      CHECK (json_parser_load_from_data (parser, fields[i], -1, NULL));
      field_cache[i] = freight_describe_field_new_from_json (
        json_node_get_object (json_parser_get_root (parser)), "Fuzz__c", NULL);
      CHECK (field_cache[i] != NULL);
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(FreightValueFormat) format = freight_value_format_new ();
  g_autoptr(FreightValueFormat) canonical = freight_value_format_new ();
  g_autoptr(FreightTransform) transform = NULL;
  g_autoptr(FreightTransform) again = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) out_again = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  FreightDescribeField *field;
  FreightTransformFlags flags;
  guint8 settings;

  if (size < 2)
    return 0;
  field = field_cache[data[0] % G_N_ELEMENTS (fields)];
  settings = data[1];
  value = g_utf8_make_valid ((const char *) data + 2, size - 2);

  freight_value_format_set_date_format (format, settings % 7);
  freight_value_format_set_decimal_separator (format, (settings >> 3) & 1);
  freight_value_format_set_digit_grouping (format, ((settings >> 4) & 3) + ((settings >> 3) & 1));
  freight_value_format_set_time_zone (format, zones[(settings >> 5) % G_N_ELEMENTS (zones)]);
  freight_value_format_set_true_words (format, (const char *[]) { "ja", "wahr", NULL });
  freight_value_format_set_false_words (format, (const char *[]) { "nein", NULL });

  transform = freight_transform_new (field, format, settings & 0x80 ? FREIGHT_BLANK_POLICY_CLEAR
                                                                    : FREIGHT_BLANK_POLICY_LEAVE,
                                     &error);
  if (transform == NULL)
    {
      /* Only the separators can clash. */
      CHECK (error->domain == FREIGHT_TRANSFORM_ERROR);
      CHECK (error->code == FREIGHT_TRANSFORM_ERROR_INVALID_SETTING);
      return 0;
    }

  if (!freight_transform_apply (transform, value, -1, out, &flags, &error))
    {
      CHECK (error != NULL && error->domain == FREIGHT_TRANSFORM_ERROR);
      CHECK (g_utf8_validate (error->message, -1, NULL));
      CHECK (error->message[0] != '\0');
      return 0;
    }
  CHECK (g_utf8_validate (out->str, out->len, NULL));
  CHECK (strlen (out->str) == out->len);
  if (flags & FREIGHT_TRANSFORM_WARNING_FLAGS)
    {
      g_autofree char *explanation = freight_transform_explain (transform, value, -1, flags);

      CHECK (explanation != NULL && g_utf8_validate (explanation, -1, NULL));
    }
  if (flags & (FREIGHT_TRANSFORM_BLANK | FREIGHT_TRANSFORM_CLEARS))
    {
      CHECK (out->len == 0 || strcmp (out->str, FREIGHT_NULL_VALUE) == 0);
      return 0;
    }

  /* What Freight sends, Freight reads back unchanged in the Bulk API's formats. */
  freight_value_format_set_time_zone (canonical, "UTC");
  again = freight_transform_new (field, canonical, FREIGHT_BLANK_POLICY_LEAVE, &error);
  CHECK (again != NULL);
  if (!freight_transform_apply (again, out->str, out->len, out_again, &flags, &error))
    {
      g_printerr ("“%s” became “%s”, which fails: %s\n", value, out->str, error->message);
      abort ();
    }
  if (!g_str_equal (out->str, out_again->str))
    {
      g_printerr ("“%s” became “%s”, then “%s”\n", value, out->str, out_again->str);
      abort ();
    }
  return 0;
}
