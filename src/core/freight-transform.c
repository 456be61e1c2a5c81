/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-transform"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-describe-private.h"
#include "freight-sf-id.h"
#include "freight-transform-private.h"

/* A value converter for one target field: parses a source cell in the column's format
 * and writes what a Bulk API CSV wants (salesforce-api.md §2.9). Immutable, so pre-flight
 * and the load share one from their worker threads. */
struct _FreightTransform
{
  gatomicrefcount        ref_count;

  FreightDescribeField  *field;
  FreightDescribeField  *target_field;
  FreightFieldType       type;
  FreightBlankPolicy     blank_policy;
  FreightDateFormat      date_format;
  GTimeZone             *time_zone;
  guint                  zone;
  char                  *time_zone_id;
  gunichar               decimal;
  FreightDigitGrouping   grouping;
  /* The field's limits, for _freight_transform_passes_through() on every cell. */
  guint                  max_length;
  guint                  precision;
  guint                  scale;
  guint                  digits;
  gboolean               restricted;
  /* case-folded word -> TRUE_WORD or FALSE_WORD */
  GHashTable            *booleans;
  char                  *boolean_hint;
};

enum {
  TRUE_WORD = 1,
  FALSE_WORD = 2,
};

/* Numbers the transforms' zones for the per-thread offset cache. */
static gint zone_serial;

/* Longest value quoted in a message, in characters. */
#define QUOTE_MAX 40

static const char * const default_true_words[] = { "true", "yes", "y", "1", "on", NULL };
static const char * const default_false_words[] = { "false", "no", "n", "0", "off", NULL };

G_DEFINE_BOXED_TYPE (FreightTransform, freight_transform,
                     freight_transform_ref, freight_transform_unref)

G_DEFINE_ENUM_TYPE (FreightBlankPolicy, freight_blank_policy,
                    G_DEFINE_ENUM_VALUE (FREIGHT_BLANK_POLICY_LEAVE, "leave"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_BLANK_POLICY_CLEAR, "clear"))

G_DEFINE_QUARK (freight-transform-error-quark, freight_transform_error)

static gboolean
add_boolean_words (FreightTransform   *self,
                   const char * const *words,
                   int                 meaning,
                   GError            **error)
{
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      g_autofree char *word = g_strstrip (g_strdup (words[i]));
      char *folded;
      int existing;

      if (*word == '\0')
        continue;
      folded = _freight_casefold (word, -1);
      existing = GPOINTER_TO_INT (g_hash_table_lookup (self->booleans, folded));
      if (existing != 0 && existing != meaning)
        {
          g_set_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_INVALID_SETTING,
                       _("“%s” cannot mean both true and false. Remove it from one of the "
                         "two lists of words."), word);
          g_free (folded);
          return FALSE;
        }
      g_hash_table_replace (self->booleans, folded, GINT_TO_POINTER (meaning));
    }
  return TRUE;
}

static char *
make_boolean_hint (FreightValueFormat *format)
{
  g_autoptr(GString) hint = g_string_new ("true/false, yes/no, 1/0");
  const char * const *t = freight_value_format_get_true_words (format);
  const char * const *f = freight_value_format_get_false_words (format);

  for (guint i = 0; t[i] != NULL || (f[0] != NULL && i == 0); i++)
    {
      g_string_append_printf (hint, ", %s/%s", t[i] != NULL ? t[i] : "…",
                              f[i] != NULL ? f[i] : "…");
      if (t[i] == NULL || f[i] == NULL)
        break;
    }
  return g_string_free (g_steal_pointer (&hint), FALSE);
}

/**
 * freight_transform_new:
 * @field: the target field: the mapped field itself, or for a relationship column the
 *   parent’s key field (`External_Id__c` of `Account.External_Id__c`)
 * @format: (nullable): the source column’s format, or %NULL for the defaults
 * @blank_policy: what blank cells mean
 * @error: return location for a #FREIGHT_TRANSFORM_ERROR_INVALID_SETTING
 *
 * Returns: (transfer full): the transform, or %NULL if @format cannot be used (an unknown
 *   time zone, one character as both decimal separator and digit grouping, a word that
 *   means both true and false)
 */
FreightTransform *
freight_transform_new (FreightDescribeField  *field,
                       FreightValueFormat    *format,
                       FreightBlankPolicy     blank_policy,
                       GError               **error)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (field), NULL);
  g_return_val_if_fail (format == NULL || FREIGHT_IS_VALUE_FORMAT (format), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _freight_transform_new_full (field, field, format, blank_policy, error);
}

FreightTransform *
_freight_transform_new_full (FreightDescribeField  *field,
                             FreightDescribeField  *target_field,
                             FreightValueFormat    *format,
                             FreightBlankPolicy     blank_policy,
                             GError               **error)
{
  g_autoptr(FreightTransform) self = NULL;
  g_autoptr(FreightValueFormat) defaults = NULL;
  const char *zone;

  if (format == NULL)
    format = defaults = freight_value_format_new ();

  self = g_new0 (FreightTransform, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->field = g_object_ref (field);
  self->target_field = g_object_ref (target_field);
  self->type = freight_describe_field_get_field_type (field);
  self->max_length = freight_describe_field_get_length (field);
  self->precision = freight_describe_field_get_precision (field);
  self->scale = freight_describe_field_get_scale (field);
  self->digits = freight_describe_field_get_digits (field);
  self->restricted = freight_describe_field_get_restricted_picklist (field);
  self->blank_policy = blank_policy;
  self->date_format = freight_value_format_get_date_format (format);
  self->grouping = freight_value_format_get_digit_grouping (format);
  self->decimal = freight_value_format_get_decimal_separator (format)
                  == FREIGHT_DECIMAL_SEPARATOR_COMMA ? ',' : '.';
  self->booleans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if ((self->decimal == ',' && self->grouping == FREIGHT_DIGIT_GROUPING_COMMA)
      || (self->decimal == '.' && self->grouping == FREIGHT_DIGIT_GROUPING_POINT))
    {
      g_set_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_INVALID_SETTING,
                   _("“%c” cannot be both the decimal separator and the digit grouping. "
                     "Choose another digit grouping."), (char) self->decimal);
      return NULL;
    }

  zone = freight_value_format_get_time_zone (format);
  if (zone != NULL)
    {
      self->time_zone = g_time_zone_new_identifier (zone);
      if (self->time_zone == NULL)
        {
          g_set_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_INVALID_SETTING,
                       _("Freight does not know the time zone “%s”. Choose one by its "
                         "region and city, such as Europe/Berlin or America/New_York."),
                       zone);
          return NULL;
        }
    }
  else
    self->time_zone = g_time_zone_new_local ();
  self->time_zone_id = g_strdup (g_time_zone_get_identifier (self->time_zone));
  self->zone = (guint) g_atomic_int_add (&zone_serial, 1) + 1;

  if (!add_boolean_words (self, default_true_words, TRUE_WORD, error)
      || !add_boolean_words (self, default_false_words, FALSE_WORD, error))
    g_assert_not_reached ();
  /* The column's own words win over the defaults ("n" may mean true in some language). */
  for (guint i = 0; freight_value_format_get_true_words (format)[i] != NULL; i++)
    {
      g_autofree char *folded =
        _freight_casefold (freight_value_format_get_true_words (format)[i], -1);

      g_hash_table_remove (self->booleans, folded);
    }
  for (guint i = 0; freight_value_format_get_false_words (format)[i] != NULL; i++)
    {
      g_autofree char *folded =
        _freight_casefold (freight_value_format_get_false_words (format)[i], -1);

      g_hash_table_remove (self->booleans, folded);
    }
  if (!add_boolean_words (self, freight_value_format_get_true_words (format), TRUE_WORD,
                          error)
      || !add_boolean_words (self, freight_value_format_get_false_words (format), FALSE_WORD,
                             error))
    return NULL;
  self->boolean_hint = make_boolean_hint (format);

  return g_steal_pointer (&self);
}

FreightTransform *
freight_transform_ref (FreightTransform *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
freight_transform_unref (FreightTransform *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_object (&self->field);
  g_clear_object (&self->target_field);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->time_zone_id, g_free);
  g_clear_pointer (&self->booleans, g_hash_table_unref);
  g_clear_pointer (&self->boolean_hint, g_free);
  g_free (self);
}

/**
 * freight_transform_get_field:
 * @self: a transform
 *
 * Returns: (transfer none): the field whose values it writes
 */
FreightDescribeField *
freight_transform_get_field (FreightTransform *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->field;
}

FreightBlankPolicy
freight_transform_get_blank_policy (FreightTransform *self)
{
  g_return_val_if_fail (self != NULL, FREIGHT_BLANK_POLICY_LEAVE);

  return self->blank_policy;
}

/**
 * freight_transform_get_time_zone_id:
 * @self: a transform
 *
 * Returns: the identifier of the time zone local times are read in ("Europe/Berlin")
 */
const char *
freight_transform_get_time_zone_id (FreightTransform *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->time_zone_id;
}

/**
 * freight_transform_is_blank:
 * @value: a cell
 * @length: its length in bytes
 *
 * Returns: %TRUE if @value is empty or only spaces, tabs and line breaks
 */
gboolean
freight_transform_is_blank (const char *value,
                            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (value[i]))
      return FALSE;
  return TRUE;
}

/* Messages */

static char *
quote (const char *value,
       gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (value, length);
  glong n = g_utf8_strlen (valid, -1);

  if (n <= QUOTE_MAX)
    return g_strdup_printf (_("“%s”"), valid);
  *g_utf8_offset_to_pointer (valid, QUOTE_MAX - 1) = '\0';
  return g_strdup_printf (_("“%s…”"), valid);
}

static gboolean
fail (GError     **error,
      int          code,
      const char  *value,
      gsize        length,
      const char  *format,
      ...) G_GNUC_PRINTF (5, 6);

/* Sets @error to @format, whose first %s is the quoted @value. */
static gboolean
fail (GError     **error,
      int          code,
      const char  *value,
      gsize        length,
      const char  *format,
      ...)
{
  g_autofree char *quoted = quote (value, length);
  g_autofree char *message = NULL;
  g_autofree char *with_value = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  with_value = g_strconcat (quoted, message, NULL);
  g_set_error_literal (error, FREIGHT_TRANSFORM_ERROR, code, with_value);
  return FALSE;
}

static const char *
field_name (FreightTransform *self)
{
  return freight_describe_field_get_name (self->field);
}

/* Text */

static guint
utf16_length (const char *value,
              gsize       length)
{
  const char *p = value;
  const char *end = value + length;
  guint units = 0;

  /* Salesforce counts lengths as Java does: characters beyond the BMP count twice. */
  while (p < end)
    {
      gunichar ch = g_utf8_get_char_validated (p, end - p);

      if (ch == (gunichar) -1 || ch == (gunichar) -2)
        {
          p++;
          units++;
          continue;
        }
      units += ch > 0xFFFF ? 2 : 1;
      p = g_utf8_next_char (p);
    }
  return units;
}

static gboolean
check_length (FreightTransform  *self,
              const char        *value,
              gsize              length,
              GError           **error)
{
  guint max = freight_describe_field_get_length (self->field);
  guint units;

  if (max == 0 || length <= max)
    return TRUE;
  units = utf16_length (value, length);
  if (units <= max)
    return TRUE;
  return fail (error, FREIGHT_TRANSFORM_ERROR_TOO_LONG, value, length,
               _(" has %u characters, but %s holds at most %u. Shorten the value."),
               units, field_name (self), max);
}

static gboolean
is_email (const char *value,
          gsize       length)
{
  const char *at = memchr (value, '@', length);
  const char *domain;
  gsize domain_length;

  if (at == NULL || at == value || at - value > 64)
    return FALSE;
  domain = at + 1;
  domain_length = length - (domain - value);
  if (domain_length < 3 || memchr (domain, '@', domain_length) != NULL
      || memchr (domain, '.', domain_length) == NULL
      || domain[0] == '.' || domain[domain_length - 1] == '.')
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (g_ascii_isspace (value[i]) || value[i] == ',' || value[i] == ';'
          || value[i] == '<' || value[i] == '>')
        return FALSE;
      if (value[i] == '.' && i + 1 < length && value[i + 1] == '.')
        return FALSE;
    }
  return TRUE;
}

/* Picklists */

static char *
picklist_hint (FreightTransform *self)
{
  g_autoptr(GString) hint = g_string_new (NULL);
  guint n = freight_describe_field_get_n_picklist_values (self->field);
  guint shown = 0;

  for (guint i = 0; i < n && shown < 8; i++)
    {
      const FreightPicklistValue *pv = freight_describe_field_get_picklist_value (self->field,
                                                                                 i);

      if (!pv->active)
        continue;
      g_string_append_printf (hint, "%s%s", shown > 0 ? ", " : "", pv->value);
      shown++;
    }
  if (shown < n && shown == 8)
    g_string_append (hint, ", …");
  return g_string_free (g_steal_pointer (&hint), FALSE);
}

static gboolean
apply_picklist_value (FreightTransform       *self,
                      const char             *value,
                      gsize                   length,
                      GString                *out,
                      FreightTransformFlags  *flags,
                      GError                **error)
{
  const FreightPicklistValue *pv;
  gboolean restricted = freight_describe_field_get_restricted_picklist (self->field);

  pv = freight_describe_field_lookup_picklist_value (self->field, value, length, TRUE);
  if (pv != NULL && (pv->active || !restricted))
    {
      if (strlen (pv->value) != length || memcmp (pv->value, value, length) != 0)
        *flags |= FREIGHT_TRANSFORM_CORRECTED;
      g_string_append (out, pv->value);
      return TRUE;
    }
  if (restricted)
    {
      g_autofree char *hint = picklist_hint (self);

      if (pv != NULL)
        return fail (error, FREIGHT_TRANSFORM_ERROR_NOT_IN_PICKLIST, value, length,
                     _(" is an inactive value of the restricted picklist %s. Use one of: %s."),
                     field_name (self), hint);
      return fail (error, FREIGHT_TRANSFORM_ERROR_NOT_IN_PICKLIST, value, length,
                   _(" is not a value of the restricted picklist %s. Use one of: %s."),
                   field_name (self), hint);
    }
  if (!check_length (self, value, length, error))
    return FALSE;
  g_string_append_len (out, value, length);
  return TRUE;
}

static void
trim (const char **value,
      gsize       *length)
{
  while (*length > 0 && g_ascii_isspace (**value))
    {
      (*value)++;
      (*length)--;
    }
  while (*length > 0 && g_ascii_isspace ((*value)[*length - 1]))
    (*length)--;
}

static gboolean
apply_multipicklist (FreightTransform       *self,
                     const char             *value,
                     gsize                   length,
                     GString                *out,
                     FreightTransformFlags  *flags,
                     GError                **error)
{
  const char *end = value + length;
  const char *p = value;

  while (p <= end)
    {
      const char *semicolon = memchr (p, ';', end - p);
      const char *item = p;
      gsize item_length = (semicolon != NULL ? semicolon : end) - p;

      trim (&item, &item_length);
      if (item_length > 0)
        {
          if (out->len > 0)
            g_string_append_c (out, ';');
          if (!apply_picklist_value (self, item, item_length, out, flags, error))
            return FALSE;
        }
      if (semicolon == NULL)
        break;
      p = semicolon + 1;
    }
  return TRUE;
}

/* Numbers */

static gboolean
apply_number (FreightTransform       *self,
              const char             *value,
              gsize                   length,
              GString                *out,
              FreightTransformFlags  *flags,
              GError                **error)
{
  FreightParsedNumber number;
  FreightParseStatus status;
  gboolean whole = self->type == FREIGHT_FIELD_TYPE_INT || self->type == FREIGHT_FIELD_TYPE_LONG;
  guint precision = freight_describe_field_get_precision (self->field);
  guint scale = freight_describe_field_get_scale (self->field);
  guint max_integer_digits;

  status = _freight_parse_number (value, length, self->decimal, self->grouping, &number);
  if (status == FREIGHT_PARSE_OUT_OF_RANGE)
    return fail (error, FREIGHT_TRANSFORM_ERROR_NUMBER_TOO_LARGE, value, length,
                 _(" has too many digits for %s."), field_name (self));
  if (status != FREIGHT_PARSE_OK)
    {
      const char *grouping = "";

      switch (self->grouping)
        {
        case FREIGHT_DIGIT_GROUPING_COMMA:
          grouping = _(" and “,” between groups of thousands");
          break;
        case FREIGHT_DIGIT_GROUPING_POINT:
          grouping = _(" and “.” between groups of thousands");
          break;
        case FREIGHT_DIGIT_GROUPING_SPACE:
          grouping = _(" and spaces between groups of thousands");
          break;
        case FREIGHT_DIGIT_GROUPING_APOSTROPHE:
          grouping = _(" and “'” between groups of thousands");
          break;
        case FREIGHT_DIGIT_GROUPING_NONE:
        default:
          break;
        }
      return fail (error, FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER, value, length,
                   _(" is not a number written with “%c” as decimal separator%s. Correct the "
                     "value, or change the column’s number format."),
                   (char) self->decimal, grouping);
    }
  if (number.percent && self->type != FREIGHT_FIELD_TYPE_PERCENT)
    return fail (error, FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER, value, length,
                 _(" has a percent sign, but %s is not a percent field. Remove the sign."),
                 field_name (self));
  if (number.currency && self->type != FREIGHT_FIELD_TYPE_CURRENCY)
    return fail (error, FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER, value, length,
                 _(" has a currency symbol, but %s is not a currency field. Remove the "
                   "symbol."), field_name (self));

  if (whole)
    {
      guint digits = freight_describe_field_get_digits (self->field);

      if (_freight_number_has_fraction (&number))
        return fail (error, FREIGHT_TRANSFORM_ERROR_INVALID_NUMBER, value, length,
                     _(" is not a whole number, but %s holds whole numbers only."),
                     field_name (self));
      _freight_number_round (&number, 0);
      max_integer_digits = digits > 0 ? digits : self->type == FREIGHT_FIELD_TYPE_INT ? 10 : 18;
    }
  else if (precision > 0)
    {
      if (_freight_number_round (&number, scale))
        *flags |= FREIGHT_TRANSFORM_ROUNDED;
      max_integer_digits = precision > scale ? precision - scale : 0;
    }
  else
    max_integer_digits = G_MAXUINT;

  if (_freight_number_integer_digits (&number) > max_integer_digits)
    return fail (error, FREIGHT_TRANSFORM_ERROR_NUMBER_TOO_LARGE, value, length,
                 _(" has %u digits before the decimal point, but %s allows %u."),
                 _freight_number_integer_digits (&number), field_name (self),
                 max_integer_digits);
  if (self->type == FREIGHT_FIELD_TYPE_INT && freight_describe_field_get_digits (self->field) == 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gint64 v;

      _freight_number_format (&number, text);
      v = g_ascii_strtoll (text->str, NULL, 10);
      if (v > G_MAXINT32 || v < G_MININT32)
        return fail (error, FREIGHT_TRANSFORM_ERROR_NUMBER_TOO_LARGE, value, length,
                     _(" is too large for %s (whole numbers up to 2147483647)."),
                     field_name (self));
    }
  _freight_number_format (&number, out);
  return TRUE;
}

/* Dates and times */

static gboolean
date_failure (FreightTransform            *self,
              FreightParseStatus           status,
              const FreightParsedDateTime *parsed,
              const char                  *value,
              gsize                        length,
              GError                     **error)
{
  const char *pattern = freight_date_format_get_pattern (self->date_format);
  gboolean datetime = self->type == FREIGHT_FIELD_TYPE_DATETIME;
  int code = datetime ? FREIGHT_TRANSFORM_ERROR_INVALID_DATETIME
                      : FREIGHT_TRANSFORM_ERROR_INVALID_DATE;

  switch (status)
    {
    case FREIGHT_PARSE_BAD_MONTH:
      return fail (error, code, value, length,
                   _(" is not a valid date: there is no month %d."), parsed->month);
    case FREIGHT_PARSE_BAD_DAY:
      return fail (error, code, value, length,
                   _(" is not a valid date: month %d of %d has %d days."),
                   parsed->month, parsed->year,
                   _freight_days_in_month (parsed->year, parsed->month));
    case FREIGHT_PARSE_OUT_OF_RANGE:
      return fail (error, code, value, length,
                   _(" is outside the dates Salesforce accepts (years 1700 to 4000)."));
    case FREIGHT_PARSE_BAD_TIME:
      return fail (error, code, value, length,
                   _(" has a time of day that does not exist (hours 0–23, or 1–12 with "
                     "AM/PM; minutes and seconds 0–59)."));
    case FREIGHT_PARSE_SYNTAX:
    case FREIGHT_PARSE_OK:
    default:
      if (datetime)
        return fail (error, code, value, length,
                     _(" is not a date and time in the format %s HH:mm:ss. Correct the "
                       "value, or change the column’s date format."), pattern);
      return fail (error, code, value, length,
                   _(" is not a date in the format %s. Correct the value, or change the "
                     "column’s date format."), pattern);
    }
}

/* printf is most of the cost of a date; these write the digits directly. */
static void
append_digits (GString *out,
               int      value,
               guint    width)
{
  char digits[12];

  g_assert (value >= 0);
  for (guint i = width; i-- > 0;)
    {
      digits[i] = '0' + value % 10;
      value /= 10;
    }
  g_string_append_len (out, digits, width);
}

static void
append_date (GString *out,
             int      year,
             int      month,
             int      day)
{
  append_digits (out, year, 4);
  g_string_append_c (out, '-');
  append_digits (out, month, 2);
  g_string_append_c (out, '-');
  append_digits (out, day, 2);
}

static void
append_time (GString *out,
             int      hour,
             int      minute,
             int      second,
             int      millisecond)
{
  append_digits (out, hour, 2);
  g_string_append_c (out, ':');
  append_digits (out, minute, 2);
  g_string_append_c (out, ':');
  append_digits (out, second, 2);
  g_string_append_c (out, '.');
  append_digits (out, millisecond, 3);
  g_string_append_c (out, 'Z');
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static void
append_utc (GString *out,
            gint64   utc,
            int      millisecond)
{
  gint64 days = floor_div (utc, 86400);
  gint64 seconds = utc - days * 86400;
  int year, month, day;

  _freight_civil_from_days (days, &year, &month, &day);
  append_date (out, year, month, day);
  g_string_append_c (out, 'T');
  append_time (out, (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60),
               millisecond);
}

static gboolean
apply_datetime (FreightTransform       *self,
                const char             *value,
                gsize                   length,
                GString                *out,
                FreightTransformFlags  *flags,
                GError                **error)
{
  FreightParsedDateTime parsed;
  FreightParseStatus status;
  gint64 local;
  gint64 utc[2];
  gint64 gap_start = 0;
  gint64 gap_end = 0;
  guint n;

  status = _freight_parse_date_time (value, length, self->date_format, &parsed);
  if (status != FREIGHT_PARSE_OK)
    return date_failure (self, status, &parsed, value, length, error);

  local = _freight_days_from_civil (parsed.year, parsed.month, parsed.day) * 86400
          + parsed.hour * 3600 + parsed.minute * 60 + parsed.second;
  if (parsed.has_offset)
    {
      append_utc (out, local - parsed.offset_seconds, parsed.millisecond);
      return TRUE;
    }

  n = _freight_resolve_local_time (self->time_zone, self->zone, local, utc, &gap_start,
                                   &gap_end);
  if (n == 2)
    *flags |= FREIGHT_TRANSFORM_AMBIGUOUS_TIME;
  else if (n == 0 && parsed.has_time)
    {
      gint64 start = ((gap_start % 86400) + 86400) % 86400;
      gint64 end = ((gap_end % 86400) + 86400) % 86400;

      return fail (error, FREIGHT_TRANSFORM_ERROR_NONEXISTENT_TIME, value, length,
                   _(" does not exist in %s: clocks jump from %02d:%02d to %02d:%02d that "
                     "night. Correct the time, or write it with its UTC offset (such as "
                     "+01:00)."),
                   self->time_zone_id, (int) (start / 3600), (int) (start / 60 % 60),
                   (int) (end / 3600), (int) (end / 60 % 60));
    }
  /* A date alone whose midnight the zone skips starts when the clocks jump: utc[0]. */
  append_utc (out, utc[0], parsed.millisecond);
  return TRUE;
}

static gboolean
apply_date (FreightTransform       *self,
            const char             *value,
            gsize                   length,
            GString                *out,
            GError                **error)
{
  FreightParsedDateTime parsed;
  FreightParseStatus status;

  /* The calendar date as written; a time of day or an offset after it is ignored. */
  status = _freight_parse_date_time (value, length, self->date_format, &parsed);
  if (status != FREIGHT_PARSE_OK)
    return date_failure (self, status, &parsed, value, length, error);
  append_date (out, parsed.year, parsed.month, parsed.day);
  return TRUE;
}

static gboolean
apply_time (FreightTransform       *self,
            const char             *value,
            gsize                   length,
            GString                *out,
            GError                **error)
{
  FreightParsedDateTime parsed;

  if (_freight_parse_time_of_day (value, length, &parsed) != FREIGHT_PARSE_OK)
    return fail (error, FREIGHT_TRANSFORM_ERROR_INVALID_TIME, value, length,
                 _(" is not a time of day such as 14:30, 14:30:15 or 2:30 PM."));
  append_time (out, parsed.hour, parsed.minute, parsed.second, parsed.millisecond);
  return TRUE;
}

/* Applying */

static gboolean
apply_clear (FreightTransform       *self,
             GString                *out,
             FreightTransformFlags  *flags,
             GError                **error)
{
  if (!freight_describe_field_get_nillable (self->target_field)
      && freight_describe_field_get_field_type (self->target_field) != FREIGHT_FIELD_TYPE_BOOLEAN)
    {
      g_set_error (error, FREIGHT_TRANSFORM_ERROR, FREIGHT_TRANSFORM_ERROR_CANNOT_CLEAR,
                   _("%s cannot be emptied: Salesforce requires a value. Fill the cell, or "
                     "let blank cells leave the field unchanged."),
                   freight_describe_field_get_name (self->target_field));
      return FALSE;
    }
  g_string_append (out, FREIGHT_NULL_VALUE);
  *flags |= FREIGHT_TRANSFORM_CLEARS;
  return TRUE;
}

/**
 * freight_transform_apply:
 * @self: a transform
 * @value: a source cell (UTF-8), not necessarily NUL-terminated
 * @length: its length in bytes, or -1 if NUL-terminated
 * @out: where to write the value for the job file; emptied first
 * @flags: (out) (optional): what happened besides the conversion
 * @error: return location for a #FREIGHT_TRANSFORM_ERROR saying what is wrong with the
 *   value and how to fix it (the message starts with the quoted value)
 *
 * Converts one cell. Blank cells become an empty value or `#N/A` by the blank policy.
 * Text keeps its spaces; values of other types are read without surrounding spaces.
 *
 * Returns: %TRUE if @out holds the value to send
 */
gboolean
freight_transform_apply (FreightTransform       *self,
                         const char             *value,
                         gssize                  length,
                         GString                *out,
                         FreightTransformFlags  *flags,
                         GError                **error)
{
  FreightTransformFlags ignored;
  const char *trimmed = value;
  gsize len;
  gsize trimmed_length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (value != NULL || length == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (flags == NULL)
    flags = &ignored;
  *flags = FREIGHT_TRANSFORM_FLAGS_NONE;
  g_string_truncate (out, 0);
  len = length < 0 ? strlen (value) : (gsize) length;

  if (freight_transform_is_blank (value, len))
    {
      *flags |= FREIGHT_TRANSFORM_BLANK;
      if (self->blank_policy == FREIGHT_BLANK_POLICY_LEAVE)
        return TRUE;
      return apply_clear (self, out, flags, error);
    }

  trimmed_length = len;
  trim (&trimmed, &trimmed_length);
  if (trimmed_length == strlen (FREIGHT_NULL_VALUE)
      && memcmp (trimmed, FREIGHT_NULL_VALUE, trimmed_length) == 0)
    return apply_clear (self, out, flags, error);

  switch (self->type)
    {
    case FREIGHT_FIELD_TYPE_DATE:
      return apply_date (self, trimmed, trimmed_length, out, error);

    case FREIGHT_FIELD_TYPE_DATETIME:
      return apply_datetime (self, trimmed, trimmed_length, out, flags, error);

    case FREIGHT_FIELD_TYPE_TIME:
      return apply_time (self, trimmed, trimmed_length, out, error);

    case FREIGHT_FIELD_TYPE_INT:
    case FREIGHT_FIELD_TYPE_LONG:
    case FREIGHT_FIELD_TYPE_DOUBLE:
    case FREIGHT_FIELD_TYPE_CURRENCY:
    case FREIGHT_FIELD_TYPE_PERCENT:
      return apply_number (self, trimmed, trimmed_length, out, flags, error);

    case FREIGHT_FIELD_TYPE_BOOLEAN:
      {
        g_autofree char *folded = _freight_casefold (trimmed, trimmed_length);
        int meaning = GPOINTER_TO_INT (g_hash_table_lookup (self->booleans, folded));

        if (meaning == 0)
          return fail (error, FREIGHT_TRANSFORM_ERROR_INVALID_BOOLEAN, trimmed, trimmed_length,
                       _(" is neither true nor false for %s. Use %s."),
                       field_name (self), self->boolean_hint);
        g_string_append (out, meaning == TRUE_WORD ? "true" : "false");
        return TRUE;
      }

    case FREIGHT_FIELD_TYPE_PICKLIST:
      return apply_picklist_value (self, trimmed, trimmed_length, out, flags, error);

    case FREIGHT_FIELD_TYPE_MULTIPICKLIST:
      return apply_multipicklist (self, trimmed, trimmed_length, out, flags, error);

    case FREIGHT_FIELD_TYPE_ID:
    case FREIGHT_FIELD_TYPE_REFERENCE:
      if (!freight_sf_id_is_valid (trimmed, trimmed_length))
        return fail (error, FREIGHT_TRANSFORM_ERROR_INVALID_ID, trimmed, trimmed_length,
                     _(" is not a Salesforce record ID: an ID has 15 or 18 letters and "
                       "digits, and the last 3 of an 18-character ID must match the case "
                       "of the first 15."));
      g_string_append_len (out, trimmed, trimmed_length);
      return TRUE;

    case FREIGHT_FIELD_TYPE_EMAIL:
      if (!is_email (trimmed, trimmed_length))
        return fail (error, FREIGHT_TRANSFORM_ERROR_INVALID_EMAIL, trimmed, trimmed_length,
                     _(" is not an email address such as name@example.com."));
      if (!check_length (self, trimmed, trimmed_length, error))
        return FALSE;
      g_string_append_len (out, trimmed, trimmed_length);
      return TRUE;

    case FREIGHT_FIELD_TYPE_STRING:
    case FREIGHT_FIELD_TYPE_TEXTAREA:
    case FREIGHT_FIELD_TYPE_COMBOBOX:
    case FREIGHT_FIELD_TYPE_PHONE:
    case FREIGHT_FIELD_TYPE_URL:
    case FREIGHT_FIELD_TYPE_ENCRYPTEDSTRING:
    case FREIGHT_FIELD_TYPE_ANYTYPE:
    case FREIGHT_FIELD_TYPE_OTHER:
      if (!check_length (self, value, len, error))
        return FALSE;
      g_string_append_len (out, value, len);
      return TRUE;

    case FREIGHT_FIELD_TYPE_BASE64:
    case FREIGHT_FIELD_TYPE_ADDRESS:
    case FREIGHT_FIELD_TYPE_LOCATION:
    default:
      g_string_append_len (out, value, len);
      return TRUE;
    }
}

/* A plain number (-?digits, a point and digits with no trailing zero) that the field takes
 * as it is: formatting the parsed number gives back the same text. */
static gboolean
plain_number_passes (FreightTransform *self,
                     const char       *value,
                     gsize             length)
{
  gboolean whole = self->type == FREIGHT_FIELD_TYPE_INT || self->type == FREIGHT_FIELD_TYPE_LONG;
  guint precision = self->precision;
  guint scale = self->scale;
  const char *p = value;
  gsize n = length;
  gsize integer = 0;
  gsize fraction = 0;

  if (*p == '-')
    {
      p++;
      n--;
    }
  while (integer < n && g_ascii_isdigit (p[integer]))
    integer++;
  if (integer == 0 || (p[0] == '0' && integer > 1))
    return FALSE;
  if (integer < n)
    {
      if (whole || p[integer] != '.' || self->decimal != '.')
        return FALSE;
      fraction = n - integer - 1;
      if (fraction == 0 || p[n - 1] == '0')
        return FALSE;
      for (gsize i = integer + 1; i < n; i++)
        if (!g_ascii_isdigit (p[i]))
          return FALSE;
    }
  else if (p != value && integer == 1 && p[0] == '0')
    return FALSE;   /* "-0" is sent as "0" */

  if (whole)
    {
      guint digits = self->digits;

      /* Ten digits may be over what an int holds: the transform decides. */
      return integer <= (digits > 0 ? digits : self->type == FREIGHT_FIELD_TYPE_INT ? 9 : 18);
    }
  if (precision > 0)
    return fraction <= scale && integer <= (precision > scale ? precision - scale : 0);
  return TRUE;
}

gboolean
_freight_transform_passes_through (FreightTransform *self,
                                   const char       *value,
                                   gsize             length)
{
  guint max;

  if (length == 0)
    return self->blank_policy == FREIGHT_BLANK_POLICY_LEAVE;
  /* Blanks, values to trim and #N/A take the long way. */
  if (g_ascii_isspace (value[0]) || g_ascii_isspace (value[length - 1]) ||
      (length == 4 && memcmp (value, FREIGHT_NULL_VALUE, 4) == 0))
    return FALSE;

  switch (self->type)
    {
    case FREIGHT_FIELD_TYPE_STRING:
    case FREIGHT_FIELD_TYPE_TEXTAREA:
    case FREIGHT_FIELD_TYPE_COMBOBOX:
    case FREIGHT_FIELD_TYPE_PHONE:
    case FREIGHT_FIELD_TYPE_URL:
    case FREIGHT_FIELD_TYPE_ENCRYPTEDSTRING:
    case FREIGHT_FIELD_TYPE_ANYTYPE:
    case FREIGHT_FIELD_TYPE_OTHER:
      /* A byte per character at least: within the length in bytes is within it. */
      max = self->max_length;
      return max == 0 || length <= max;

    case FREIGHT_FIELD_TYPE_EMAIL:
      max = self->max_length;
      return (max == 0 || length <= max) && is_email (value, length);

    case FREIGHT_FIELD_TYPE_ID:
    case FREIGHT_FIELD_TYPE_REFERENCE:
      return freight_sf_id_is_valid (value, length);

    case FREIGHT_FIELD_TYPE_INT:
    case FREIGHT_FIELD_TYPE_LONG:
    case FREIGHT_FIELD_TYPE_DOUBLE:
    case FREIGHT_FIELD_TYPE_CURRENCY:
    case FREIGHT_FIELD_TYPE_PERCENT:
      return plain_number_passes (self, value, length);

    case FREIGHT_FIELD_TYPE_PICKLIST:
      return _freight_describe_field_has_exact_picklist_value (self->field, value, length,
                                                               self->restricted);

    default:
      return FALSE;
    }
}

/**
 * freight_transform_explain:
 * @self: a transform
 * @value: the cell freight_transform_apply() converted
 * @length: its length in bytes, or -1 if NUL-terminated
 * @flags: the flags it returned
 *
 * Returns: (transfer full) (nullable): a sentence about what the warning flags in @flags
 *   mean for @value, or %NULL if there is none
 */
char *
freight_transform_explain (FreightTransform      *self,
                           const char            *value,
                           gssize                 length,
                           FreightTransformFlags  flags)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *quoted = NULL;
  const char *trimmed = value;
  gsize trimmed_length;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if ((flags & FREIGHT_TRANSFORM_WARNING_FLAGS) == 0)
    return NULL;
  trimmed_length = length < 0 ? strlen (value) : (gsize) length;
  trim (&trimmed, &trimmed_length);
  quoted = quote (trimmed, trimmed_length);
  if (!freight_transform_apply (self, value, length, out, NULL, NULL))
    return NULL;

  if (flags & FREIGHT_TRANSFORM_AMBIGUOUS_TIME)
    return g_strdup_printf (_("%s happens twice in %s because clocks go back that night; "
                              "Freight sends the first, %s. Write the UTC offset to choose "
                              "the second."), quoted, self->time_zone_id, out->str);
  return g_strdup_printf (_("%s has more decimals than %s keeps (%u), so it is sent "
                            "rounded: %s."), quoted, field_name (self),
                          freight_describe_field_get_scale (self->field), out->str);
}
