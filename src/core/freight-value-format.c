/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-value-format"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-mapping-errors.h"
#include "freight-value-format.h"

/* How a source column writes dates, numbers and booleans. The window edits it; a
 * FreightTransform copies what it needs, so a running pre-flight never sees a change. */
struct _FreightValueFormat
{
  GObject                  parent_instance;

  FreightDateFormat        date_format;
  char                    *time_zone;
  FreightDecimalSeparator  decimal_separator;
  FreightDigitGrouping     digit_grouping;
  char                   **true_words;
  char                   **false_words;
};

enum {
  PROP_0,
  PROP_DATE_FORMAT,
  PROP_TIME_ZONE,
  PROP_DECIMAL_SEPARATOR,
  PROP_DIGIT_GROUPING,
  PROP_TRUE_WORDS,
  PROP_FALSE_WORDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FreightValueFormat, freight_value_format, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FreightDateFormat, freight_date_format,
                    G_DEFINE_ENUM_VALUE (FREIGHT_DATE_FORMAT_ISO, "iso"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_DATE_FORMAT_DMY_DOT, "dmy-dot"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_DATE_FORMAT_DMY_SLASH, "dmy-slash"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_DATE_FORMAT_MDY_SLASH, "mdy-slash"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_DATE_FORMAT_YMD_SLASH, "ymd-slash"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_DATE_FORMAT_DMY_DASH, "dmy-dash"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_DATE_FORMAT_EXCEL_SERIAL, "excel-serial"))

G_DEFINE_ENUM_TYPE (FreightDecimalSeparator, freight_decimal_separator,
                    G_DEFINE_ENUM_VALUE (FREIGHT_DECIMAL_SEPARATOR_POINT, "point"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_DECIMAL_SEPARATOR_COMMA, "comma"))

G_DEFINE_ENUM_TYPE (FreightDigitGrouping, freight_digit_grouping,
                    G_DEFINE_ENUM_VALUE (FREIGHT_DIGIT_GROUPING_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_DIGIT_GROUPING_COMMA, "comma"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_DIGIT_GROUPING_POINT, "point"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_DIGIT_GROUPING_SPACE, "space"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_DIGIT_GROUPING_APOSTROPHE, "apostrophe"))

/**
 * freight_date_format_get_pattern:
 * @format: a date format
 *
 * Returns: the format as people write it ("dd.MM.yyyy"), for messages and pickers
 */
const char *
freight_date_format_get_pattern (FreightDateFormat format)
{
  switch (format)
    {
    case FREIGHT_DATE_FORMAT_ISO:
      return "yyyy-MM-dd";
    case FREIGHT_DATE_FORMAT_DMY_DOT:
      return "dd.MM.yyyy";
    case FREIGHT_DATE_FORMAT_DMY_SLASH:
      return "dd/MM/yyyy";
    case FREIGHT_DATE_FORMAT_MDY_SLASH:
      return "MM/dd/yyyy";
    case FREIGHT_DATE_FORMAT_YMD_SLASH:
      return "yyyy/MM/dd";
    case FREIGHT_DATE_FORMAT_DMY_DASH:
      return "dd-MM-yyyy";
    case FREIGHT_DATE_FORMAT_EXCEL_SERIAL:
      return _("spreadsheet day numbers");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * freight_value_format_new:
 *
 * Returns: (transfer full): ISO dates in the computer’s time zone, `1234.5` numbers and
 *   the usual English words for booleans
 */
FreightValueFormat *
freight_value_format_new (void)
{
  return g_object_new (FREIGHT_TYPE_VALUE_FORMAT, NULL);
}

/**
 * freight_value_format_copy:
 * @self: a format
 *
 * Returns: (transfer full): a new format with the same settings
 */
FreightValueFormat *
freight_value_format_copy (FreightValueFormat *self)
{
  g_return_val_if_fail (FREIGHT_IS_VALUE_FORMAT (self), NULL);

  return g_object_new (FREIGHT_TYPE_VALUE_FORMAT,
                       "date-format", self->date_format,
                       "time-zone", self->time_zone,
                       "decimal-separator", self->decimal_separator,
                       "digit-grouping", self->digit_grouping,
                       "true-words", self->true_words,
                       "false-words", self->false_words,
                       NULL);
}

static gboolean
strv_equal (char **a,
            char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || *a == NULL) && (b == NULL || *b == NULL);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

/**
 * freight_value_format_equal:
 * @a: a format
 * @b: another format
 *
 * Returns: %TRUE if both have the same settings
 */
gboolean
freight_value_format_equal (FreightValueFormat *a,
                            FreightValueFormat *b)
{
  g_return_val_if_fail (FREIGHT_IS_VALUE_FORMAT (a), FALSE);
  g_return_val_if_fail (FREIGHT_IS_VALUE_FORMAT (b), FALSE);

  return a->date_format == b->date_format
         && g_strcmp0 (a->time_zone, b->time_zone) == 0
         && a->decimal_separator == b->decimal_separator
         && a->digit_grouping == b->digit_grouping
         && strv_equal (a->true_words, b->true_words)
         && strv_equal (a->false_words, b->false_words);
}

static void
freight_value_format_finalize (GObject *object)
{
  FreightValueFormat *self = (FreightValueFormat *)object;

  g_clear_pointer (&self->time_zone, g_free);
  g_clear_pointer (&self->true_words, g_strfreev);
  g_clear_pointer (&self->false_words, g_strfreev);

  G_OBJECT_CLASS (freight_value_format_parent_class)->finalize (object);
}

static void
freight_value_format_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FreightValueFormat *self = FREIGHT_VALUE_FORMAT (object);

  switch (prop_id)
    {
    case PROP_DATE_FORMAT:
      g_value_set_enum (value, self->date_format);
      break;

    case PROP_TIME_ZONE:
      g_value_set_string (value, self->time_zone);
      break;

    case PROP_DECIMAL_SEPARATOR:
      g_value_set_enum (value, self->decimal_separator);
      break;

    case PROP_DIGIT_GROUPING:
      g_value_set_enum (value, self->digit_grouping);
      break;

    case PROP_TRUE_WORDS:
      g_value_set_boxed (value, self->true_words);
      break;

    case PROP_FALSE_WORDS:
      g_value_set_boxed (value, self->false_words);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_value_format_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FreightValueFormat *self = FREIGHT_VALUE_FORMAT (object);

  switch (prop_id)
    {
    case PROP_DATE_FORMAT:
      freight_value_format_set_date_format (self, g_value_get_enum (value));
      break;

    case PROP_TIME_ZONE:
      freight_value_format_set_time_zone (self, g_value_get_string (value));
      break;

    case PROP_DECIMAL_SEPARATOR:
      freight_value_format_set_decimal_separator (self, g_value_get_enum (value));
      break;

    case PROP_DIGIT_GROUPING:
      freight_value_format_set_digit_grouping (self, g_value_get_enum (value));
      break;

    case PROP_TRUE_WORDS:
      freight_value_format_set_true_words (self, g_value_get_boxed (value));
      break;

    case PROP_FALSE_WORDS:
      freight_value_format_set_false_words (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_value_format_class_init (FreightValueFormatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_value_format_finalize;
  object_class->get_property = freight_value_format_get_property;
  object_class->set_property = freight_value_format_set_property;

  properties[PROP_DATE_FORMAT] =
    g_param_spec_enum ("date-format", NULL, NULL,
                       FREIGHT_TYPE_DATE_FORMAT, FREIGHT_DATE_FORMAT_ISO,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An IANA identifier such as "Europe/Berlin"; NULL for the computer's time zone. */
  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECIMAL_SEPARATOR] =
    g_param_spec_enum ("decimal-separator", NULL, NULL,
                       FREIGHT_TYPE_DECIMAL_SEPARATOR, FREIGHT_DECIMAL_SEPARATOR_POINT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIGIT_GROUPING] =
    g_param_spec_enum ("digit-grouping", NULL, NULL,
                       FREIGHT_TYPE_DIGIT_GROUPING, FREIGHT_DIGIT_GROUPING_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Words for true and false besides true/yes/y/1/on and false/no/n/0/off. */
  properties[PROP_TRUE_WORDS] =
    g_param_spec_boxed ("true-words", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FALSE_WORDS] =
    g_param_spec_boxed ("false-words", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_value_format_init (FreightValueFormat *self)
{
  self->true_words = g_new0 (char *, 1);
  self->false_words = g_new0 (char *, 1);
}

FreightDateFormat
freight_value_format_get_date_format (FreightValueFormat *self)
{
  g_return_val_if_fail (FREIGHT_IS_VALUE_FORMAT (self), FREIGHT_DATE_FORMAT_ISO);

  return self->date_format;
}

void
freight_value_format_set_date_format (FreightValueFormat *self,
                                      FreightDateFormat   date_format)
{
  g_return_if_fail (FREIGHT_IS_VALUE_FORMAT (self));
  g_return_if_fail (date_format <= FREIGHT_DATE_FORMAT_EXCEL_SERIAL);

  if (self->date_format == date_format)
    return;
  self->date_format = date_format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_FORMAT]);
}

/**
 * freight_value_format_get_time_zone:
 * @self: a format
 *
 * Returns: (nullable): the IANA identifier of the time zone local dates and times are in,
 *   or %NULL for the computer’s time zone
 */
const char *
freight_value_format_get_time_zone (FreightValueFormat *self)
{
  g_return_val_if_fail (FREIGHT_IS_VALUE_FORMAT (self), NULL);

  return self->time_zone;
}

void
freight_value_format_set_time_zone (FreightValueFormat *self,
                                    const char         *time_zone)
{
  g_return_if_fail (FREIGHT_IS_VALUE_FORMAT (self));

  if (time_zone != NULL && *time_zone == '\0')
    time_zone = NULL;
  if (g_strcmp0 (self->time_zone, time_zone) == 0)
    return;
  g_free (self->time_zone);
  self->time_zone = g_strdup (time_zone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

FreightDecimalSeparator
freight_value_format_get_decimal_separator (FreightValueFormat *self)
{
  g_return_val_if_fail (FREIGHT_IS_VALUE_FORMAT (self), FREIGHT_DECIMAL_SEPARATOR_POINT);

  return self->decimal_separator;
}

void
freight_value_format_set_decimal_separator (FreightValueFormat      *self,
                                            FreightDecimalSeparator  separator)
{
  g_return_if_fail (FREIGHT_IS_VALUE_FORMAT (self));
  g_return_if_fail (separator <= FREIGHT_DECIMAL_SEPARATOR_COMMA);

  if (self->decimal_separator == separator)
    return;
  self->decimal_separator = separator;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECIMAL_SEPARATOR]);
}

FreightDigitGrouping
freight_value_format_get_digit_grouping (FreightValueFormat *self)
{
  g_return_val_if_fail (FREIGHT_IS_VALUE_FORMAT (self), FREIGHT_DIGIT_GROUPING_NONE);

  return self->digit_grouping;
}

void
freight_value_format_set_digit_grouping (FreightValueFormat   *self,
                                         FreightDigitGrouping  grouping)
{
  g_return_if_fail (FREIGHT_IS_VALUE_FORMAT (self));
  g_return_if_fail (grouping <= FREIGHT_DIGIT_GROUPING_APOSTROPHE);

  if (self->digit_grouping == grouping)
    return;
  self->digit_grouping = grouping;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIGIT_GROUPING]);
}

/**
 * freight_value_format_get_true_words:
 * @self: a format
 *
 * Returns: (transfer none): the extra words that mean true, such as "ja"
 */
const char * const *
freight_value_format_get_true_words (FreightValueFormat *self)
{
  g_return_val_if_fail (FREIGHT_IS_VALUE_FORMAT (self), NULL);

  return (const char * const *) self->true_words;
}

static gboolean
set_words (char               ***field,
           const char * const   *words)
{
  static const char * const none[] = { NULL };

  if (words == NULL)
    words = none;
  if (g_strv_equal ((const char * const *) *field, words))
    return FALSE;
  g_strfreev (*field);
  *field = g_strdupv ((char **) words);
  return TRUE;
}

void
freight_value_format_set_true_words (FreightValueFormat *self,
                                     const char * const *words)
{
  g_return_if_fail (FREIGHT_IS_VALUE_FORMAT (self));

  if (set_words (&self->true_words, words))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUE_WORDS]);
}

/**
 * freight_value_format_get_false_words:
 * @self: a format
 *
 * Returns: (transfer none): the extra words that mean false, such as "nein"
 */
const char * const *
freight_value_format_get_false_words (FreightValueFormat *self)
{
  g_return_val_if_fail (FREIGHT_IS_VALUE_FORMAT (self), NULL);

  return (const char * const *) self->false_words;
}

void
freight_value_format_set_false_words (FreightValueFormat *self,
                                      const char * const *words)
{
  g_return_if_fail (FREIGHT_IS_VALUE_FORMAT (self));

  if (set_words (&self->false_words, words))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FALSE_WORDS]);
}

/* JSON */

static const char *
enum_nick (GType type,
           int   value)
{
  GEnumClass *klass = g_type_class_peek (type);

  return g_enum_get_value (klass, value)->value_nick;
}

static gboolean
enum_from_nick (GType        type,
                const char  *nick,
                const char  *member,
                int         *value,
                GError     **error)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *found = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (found != NULL)
    *value = found->value;
  g_type_class_unref (klass);
  if (found == NULL)
    g_set_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_INVALID_SETTING,
                 _("The saved format has an unknown “%s”: “%s”. Choose the format again."),
                 member, nick != NULL ? nick : "");
  return found != NULL;
}

static JsonNode *
strv_to_json (char **words)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; words[i] != NULL; i++)
    json_array_add_string_element (array, words[i]);
  json_node_take_array (node, array);
  return node;
}

/**
 * freight_value_format_to_json:
 * @self: a format
 *
 * Returns: (transfer full): the settings as a JSON object, for remembered mappings and
 *   summary.json
 */
JsonNode *
freight_value_format_to_json (FreightValueFormat *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (FREIGHT_IS_VALUE_FORMAT (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "dateFormat",
                                 enum_nick (FREIGHT_TYPE_DATE_FORMAT, self->date_format));
  if (self->time_zone != NULL)
    json_object_set_string_member (object, "timeZone", self->time_zone);
  else
    json_object_set_null_member (object, "timeZone");
  json_object_set_string_member (object, "decimalSeparator",
                                 enum_nick (FREIGHT_TYPE_DECIMAL_SEPARATOR,
                                            self->decimal_separator));
  json_object_set_string_member (object, "digitGrouping",
                                 enum_nick (FREIGHT_TYPE_DIGIT_GROUPING, self->digit_grouping));
  json_object_set_member (object, "trueWords", strv_to_json (self->true_words));
  json_object_set_member (object, "falseWords", strv_to_json (self->false_words));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static gboolean
get_string_member (JsonObject  *object,
                   const char  *member,
                   const char **value,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *value = json_node_get_string (node);
      return TRUE;
    }
  g_set_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_INVALID_SETTING,
               _("The saved format has a “%s” that is not text. Choose the format again."),
               member);
  return FALSE;
}

static char **
strv_from_json (JsonObject  *object,
                const char  *member,
                GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING)
            array = NULL;
          else
            g_strv_builder_add (builder, json_node_get_string (element));
        }
      if (array == NULL)
        {
          g_set_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_INVALID_SETTING,
                       _("The saved format has a “%s” that is not a list of words. Choose "
                         "the format again."), member);
          return NULL;
        }
    }
  return g_strv_builder_end (builder);
}

/**
 * freight_value_format_new_from_json:
 * @node: what freight_value_format_to_json() wrote
 * @error: return location for a #FREIGHT_TRANSFORM_ERROR
 *
 * Members that are absent keep their defaults.
 *
 * Returns: (transfer full): the format, or %NULL
 */
FreightValueFormat *
freight_value_format_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  g_autoptr(FreightValueFormat) self = NULL;
  g_auto(GStrv) true_words = NULL;
  g_auto(GStrv) false_words = NULL;
  JsonObject *object;
  const char *date_format;
  const char *time_zone;
  const char *decimal_separator;
  const char *digit_grouping;
  int value;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_INVALID_SETTING,
                   _("The saved format is not a JSON object. Choose the format again."));
      return NULL;
    }
  object = json_node_get_object (node);
  self = freight_value_format_new ();

  if (!get_string_member (object, "dateFormat", &date_format, error)
      || !get_string_member (object, "timeZone", &time_zone, error)
      || !get_string_member (object, "decimalSeparator", &decimal_separator, error)
      || !get_string_member (object, "digitGrouping", &digit_grouping, error))
    return NULL;

  if (date_format != NULL)
    {
      if (!enum_from_nick (FREIGHT_TYPE_DATE_FORMAT, date_format, "dateFormat", &value, error))
        return NULL;
      self->date_format = value;
    }
  if (decimal_separator != NULL)
    {
      if (!enum_from_nick (FREIGHT_TYPE_DECIMAL_SEPARATOR, decimal_separator,
                           "decimalSeparator", &value, error))
        return NULL;
      self->decimal_separator = value;
    }
  if (digit_grouping != NULL)
    {
      if (!enum_from_nick (FREIGHT_TYPE_DIGIT_GROUPING, digit_grouping, "digitGrouping",
                           &value, error))
        return NULL;
      self->digit_grouping = value;
    }
  freight_value_format_set_time_zone (self, time_zone);

  true_words = strv_from_json (object, "trueWords", error);
  if (true_words == NULL)
    return NULL;
  false_words = strv_from_json (object, "falseWords", error);
  if (false_words == NULL)
    return NULL;
  set_words (&self->true_words, (const char * const *) true_words);
  set_words (&self->false_words, (const char * const *) false_words);

  return g_steal_pointer (&self);
}
