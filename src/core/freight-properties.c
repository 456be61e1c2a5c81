/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-properties"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-properties.h"

/**
 * FreightProperties:
 *
 * A java.util.Properties file, read and written exactly as Java does, keeping every
 * `key=value` line in file order with the line it started on.
 *
 * Reading follows Properties.load(): logical lines made of natural lines ending in `\n`,
 * `\r` or `\r\n`; leading ` `, `\t`, `\f` of every natural line skipped; blank lines and
 * lines whose first non-blank character is `#` or `!` ignored (a backslash at the end of
 * a comment does not continue it); a natural line ending in an odd number of backslashes
 * continues on the next one, whose leading blanks are dropped; the key runs to the first
 * unescaped `=`, `:` or blank, then blanks and at most one `=` or `:` are skipped; in key
 * and value `\t` `\n` `\r` `\f` and `\uXXXX` are decoded and a backslash before any other
 * character stands for that character (`\:` `\=` `\ ` `\#` `\!` `\\`).
 *
 * Unlike Java, which keeps only the last of several equal keys, every line is kept so that
 * callers can report duplicates; freight_properties_lookup() returns the last one, as Java
 * would. Java strings may hold NUL and unpaired surrogates; UTF-8 cannot, so `\u0000` and
 * half a surrogate pair are errors here.
 *
 * Encoding: Properties.load(InputStream), which Salesforce Data Loader uses for `.sdl`
 * files, decodes ISO-8859-1, and Properties.store(OutputStream) writes pure ASCII with
 * `\uXXXX` for everything else. A hand-edited file today is more likely UTF-8, so bytes
 * that are valid UTF-8 (pure ASCII included, where both agree) are read as UTF-8 and
 * anything else as ISO-8859-1. A UTF-8 byte order mark is skipped (Java would make it part
 * of the first key); UTF-16/UTF-32 text and NUL bytes are errors. Writing always produces
 * the ASCII Java writes, so both Data Loader and Freight read it back unchanged.
 */

typedef struct
{
  char  *key;
  char  *value;
  guint  line;
} Item;

struct _FreightProperties
{
  gatomicrefcount            ref_count;
  GArray                    *items;
  FreightPropertiesEncoding  encoding;
};

G_DEFINE_BOXED_TYPE (FreightProperties, freight_properties,
                     freight_properties_ref, freight_properties_unref)
G_DEFINE_QUARK (freight-properties-error-quark, freight_properties_error)

/* Where the natural lines that make up one logical line start in its buffer, so that an
 * error inside a continued line names the physical line the user sees. */
typedef struct
{
  gsize offset;
  guint line;
} LineStart;

typedef struct
{
  const char *text;
  gsize       len;
  gsize       pos;
  guint       line;
} Reader;

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->key, g_free);
  g_clear_pointer (&item->value, g_free);
}

/**
 * freight_properties_new:
 *
 * Returns: (transfer full): an empty property list, to be filled with
 *   freight_properties_append() and written with freight_properties_to_bytes()
 */
FreightProperties *
freight_properties_new (void)
{
  FreightProperties *self = g_new0 (FreightProperties, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->encoding = FREIGHT_PROPERTIES_ENCODING_UTF8;

  return self;
}

FreightProperties *
freight_properties_ref (FreightProperties *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
freight_properties_unref (FreightProperties *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->items, g_array_unref);
      g_free (self);
    }
}

/* The physical line (from 1) of byte @offset, counting `\n`, `\r` and `\r\n` as one line
 * break each, as Java does. */
static guint
line_at_offset (const char *data,
                gsize       len,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset && i < len; i++)
    {
      if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n')))
        line++;
    }

  return line;
}

static char *
decode_text (GBytes                     *bytes,
             const char                 *display_name,
             FreightPropertiesEncoding  *encoding,
             gsize                      *text_len,
             GError                    **error)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  const guint8 *nul;
  const char *end = NULL;
  GString *latin1;

  /* GBytes may give NULL for no data, and g_strndup (NULL, 0) is NULL. */
  if (len == 0)
    {
      *encoding = FREIGHT_PROPERTIES_ENCODING_UTF8;
      *text_len = 0;
      return g_strdup ("");
    }

  if (len >= 2 && ((data[0] == 0xFE && data[1] == 0xFF) || (data[0] == 0xFF && data[1] == 0xFE)))
    {
      g_set_error (error, FREIGHT_PROPERTIES_ERROR, FREIGHT_PROPERTIES_ERROR_ENCODING,
                   _("%s: the file is UTF-16 text; save it as UTF-8 and open it again"),
                   display_name);
      return NULL;
    }

  if ((nul = memchr (data, '\0', len)) != NULL)
    {
      g_set_error (error, FREIGHT_PROPERTIES_ERROR, FREIGHT_PROPERTIES_ERROR_ENCODING,
                   _("%s: line %u: the file contains a NUL byte, so it is not a text file "
                     "or it is UTF-16 or UTF-32 text; save it as UTF-8 and open it again"),
                   display_name, line_at_offset ((const char *) data, len, nul - data));
      return NULL;
    }

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      data += 3;
      len -= 3;
      if (!g_utf8_validate_len ((const char *) data, len, &end))
        {
          g_set_error (error, FREIGHT_PROPERTIES_ERROR, FREIGHT_PROPERTIES_ERROR_ENCODING,
                       _("%s: line %u: the file starts with a UTF-8 byte order mark but is "
                         "not valid UTF-8; save it as UTF-8 and open it again"),
                       display_name,
                       line_at_offset ((const char *) data, len, (const guint8 *) end - data));
          return NULL;
        }
      *encoding = FREIGHT_PROPERTIES_ENCODING_UTF8;
      *text_len = len;
      return g_strndup ((const char *) data, len);
    }

  if (g_utf8_validate_len ((const char *) data, len, NULL))
    {
      *encoding = FREIGHT_PROPERTIES_ENCODING_UTF8;
      *text_len = len;
      return g_strndup ((const char *) data, len);
    }

  /* Every byte of ISO-8859-1 is the Unicode code point of the same value. */
  latin1 = g_string_sized_new (len + len / 2);
  for (gsize i = 0; i < len; i++)
    {
      if (data[i] < 0x80)
        g_string_append_c (latin1, data[i]);
      else
        g_string_append_unichar (latin1, data[i]);
    }
  *encoding = FREIGHT_PROPERTIES_ENCODING_ISO_8859_1;
  *text_len = latin1->len;
  return g_string_free (latin1, FALSE);
}

/* Counts the line break @c just read, swallowing the `\n` of a `\r\n` pair. */
static void
reader_end_natural_line (Reader *reader,
                         char    c)
{
  reader->line++;
  if (c == '\r' && reader->pos < reader->len && reader->text[reader->pos] == '\n')
    reader->pos++;
}

static void
line_starts_push (GArray *starts,
                  gsize   offset,
                  guint   line)
{
  LineStart start = { offset, line };

  g_array_append_val (starts, start);
}

/* Reads the next logical line into @buf, with the same state machine as
 * java.util.Properties.LineReader.readLine(). Returns FALSE when there is none left. */
static gboolean
reader_read_line (Reader  *reader,
                  GString *buf,
                  GArray  *starts)
{
  gboolean skip_white_space = TRUE;
  gboolean appended_line_begin = FALSE;
  gboolean preceding_backslash = FALSE;

  g_string_truncate (buf, 0);
  g_array_set_size (starts, 0);

  for (;;)
    {
      char c;

      if (reader->pos >= reader->len)
        {
          if (buf->len == 0)
            return FALSE;
          if (preceding_backslash)
            g_string_truncate (buf, buf->len - 1);
          return TRUE;
        }

      c = reader->text[reader->pos++];

      if (skip_white_space)
        {
          if (c == ' ' || c == '\t' || c == '\f')
            continue;
          if (!appended_line_begin && (c == '\r' || c == '\n'))
            {
              reader_end_natural_line (reader, c);
              continue;
            }
          skip_white_space = FALSE;
          appended_line_begin = FALSE;
        }

      if (buf->len == 0 && (c == '#' || c == '!'))
        {
          while (reader->pos < reader->len
                 && reader->text[reader->pos] != '\r'
                 && reader->text[reader->pos] != '\n')
            reader->pos++;
          if (reader->pos < reader->len)
            {
              c = reader->text[reader->pos++];
              reader_end_natural_line (reader, c);
            }
          skip_white_space = TRUE;
          continue;
        }

      if (c != '\n' && c != '\r')
        {
          if (buf->len == 0)
            {
              g_array_set_size (starts, 0);
              line_starts_push (starts, 0, reader->line);
            }
          g_string_append_c (buf, c);
          preceding_backslash = c == '\\' ? !preceding_backslash : FALSE;
          continue;
        }

      reader_end_natural_line (reader, c);

      if (buf->len == 0)
        {
          skip_white_space = TRUE;
          continue;
        }

      if (reader->pos >= reader->len || !preceding_backslash)
        {
          if (preceding_backslash)
            g_string_truncate (buf, buf->len - 1);
          return TRUE;
        }

      /* An odd number of backslashes: the last one joins the next natural line. */
      g_string_truncate (buf, buf->len - 1);
      skip_white_space = TRUE;
      appended_line_begin = TRUE;
      preceding_backslash = FALSE;
      line_starts_push (starts, buf->len, reader->line);
    }
}

static guint
line_for_offset (GArray *starts,
                 gsize   offset)
{
  guint line = 0;

  for (guint i = 0; i < starts->len; i++)
    {
      const LineStart *start = &g_array_index (starts, LineStart, i);

      if (start->offset > offset)
        break;
      line = start->line;
    }

  return line;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static void
set_unpaired_surrogate_error (GError     **error,
                              const char  *display_name,
                              guint        line,
                              gunichar     unit)
{
  g_set_error (error, FREIGHT_PROPERTIES_ERROR, FREIGHT_PROPERTIES_ERROR_ESCAPE,
               _("%s: line %u: “\\u%04X” is half of a surrogate pair; a character outside "
                 "the Basic Multilingual Plane needs both halves, e.g. \\uD83D\\uDE00"),
               display_name, line, unit);
}

/* Decodes the escapes of buf[start, end), as Properties.loadConvert() does. */
static char *
load_convert (const char  *buf,
              gsize        start,
              gsize        end,
              GArray      *starts,
              const char  *display_name,
              GError     **error)
{
  g_autoptr(GString) out = g_string_sized_new (end - start);
  gunichar high = 0;
  gsize high_offset = 0;
  gsize off = start;

  while (off < end)
    {
      gsize escape_offset = off;
      char c = buf[off++];
      gunichar unit = 0;

      if (c != '\\')
        {
          if (high != 0)
            {
              set_unpaired_surrogate_error (error, display_name,
                                            line_for_offset (starts, high_offset), high);
              return NULL;
            }
          g_string_append_c (out, c);
          continue;
        }

      /* Keys end before an unescaped separator and the line reader never leaves an odd
       * backslash at the end of a line, so an escape is never cut off. */
      g_assert (off < end);

      c = buf[off++];
      if (c != 'u')
        {
          if (high != 0)
            {
              set_unpaired_surrogate_error (error, display_name,
                                            line_for_offset (starts, high_offset), high);
              return NULL;
            }
          switch (c)
            {
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'n': c = '\n'; break;
            case 'f': c = '\f'; break;
            default: break;
            }
          g_string_append_c (out, c);
          continue;
        }

      for (guint i = 0; i < 4; i++)
        {
          int digit = off + i < end ? hex_value (buf[off + i]) : -1;

          if (digit < 0)
            {
              gsize shown_end = off;
              g_autofree char *shown = NULL;

              /* Show the escape with up to four characters, never half of one. */
              for (guint j = 0; j < 4 && shown_end < end; j++)
                {
                  shown_end++;
                  while (shown_end < end && (buf[shown_end] & 0xC0) == 0x80)
                    shown_end++;
                }
              shown = g_strndup (buf + escape_offset, shown_end - escape_offset);
              g_set_error (error, FREIGHT_PROPERTIES_ERROR, FREIGHT_PROPERTIES_ERROR_ESCAPE,
                           _("%s: line %u: “%s” is not a valid Unicode escape: \\u must be "
                             "followed by four hexadecimal digits, e.g. \\u00E9 for é"),
                           display_name, line_for_offset (starts, escape_offset), shown);
              return NULL;
            }
          unit = (unit << 4) | (gunichar) digit;
        }
      off += 4;

      if (high != 0)
        {
          if (unit < 0xDC00 || unit > 0xDFFF)
            {
              set_unpaired_surrogate_error (error, display_name,
                                            line_for_offset (starts, high_offset), high);
              return NULL;
            }
          g_string_append_unichar (out, 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
          high = 0;
        }
      else if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          high = unit;
          high_offset = escape_offset;
        }
      else if (unit >= 0xDC00 && unit <= 0xDFFF)
        {
          set_unpaired_surrogate_error (error, display_name,
                                        line_for_offset (starts, escape_offset), unit);
          return NULL;
        }
      else if (unit == 0)
        {
          g_set_error (error, FREIGHT_PROPERTIES_ERROR, FREIGHT_PROPERTIES_ERROR_ESCAPE,
                       _("%s: line %u: “\\u0000” (the NUL character) can't be used in a "
                         "key or value"),
                       display_name, line_for_offset (starts, escape_offset));
          return NULL;
        }
      else
        {
          g_string_append_unichar (out, unit);
        }
    }

  if (high != 0)
    {
      set_unpaired_surrogate_error (error, display_name,
                                    line_for_offset (starts, high_offset), high);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Finds where the key ends and the value starts, as Properties.load0() does. */
static void
split_key_value (const char *buf,
                 gsize       len,
                 gsize      *key_end,
                 gsize      *value_start)
{
  gboolean preceding_backslash = FALSE;
  gboolean has_separator = FALSE;
  gsize key_len = 0;
  gsize start = len;

  while (key_len < len)
    {
      char c = buf[key_len];

      if ((c == '=' || c == ':') && !preceding_backslash)
        {
          start = key_len + 1;
          has_separator = TRUE;
          break;
        }
      if ((c == ' ' || c == '\t' || c == '\f') && !preceding_backslash)
        {
          start = key_len + 1;
          break;
        }
      preceding_backslash = c == '\\' ? !preceding_backslash : FALSE;
      key_len++;
    }

  while (start < len)
    {
      char c = buf[start];

      if (c != ' ' && c != '\t' && c != '\f')
        {
          if (!has_separator && (c == '=' || c == ':'))
            has_separator = TRUE;
          else
            break;
        }
      start++;
    }

  *key_end = key_len;
  *value_start = start;
}

static void
append_item (FreightProperties *self,
             char              *key,
             char              *value,
             guint              line)
{
  Item item = { key, value, line };

  g_array_append_val (self->items, item);
}

/**
 * freight_properties_new_from_bytes:
 * @bytes: the file's contents
 * @display_name: the file name to start error messages with
 * @error: return location for a #FREIGHT_PROPERTIES_ERROR
 *
 * Parses a java.util.Properties file.
 *
 * Returns: (transfer full) (nullable): the property list, or %NULL with @error set
 */
FreightProperties *
freight_properties_new_from_bytes (GBytes      *bytes,
                                   const char  *display_name,
                                   GError     **error)
{
  g_autoptr(FreightProperties) self = NULL;
  g_autoptr(GString) buf = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autofree char *text = NULL;
  FreightPropertiesEncoding encoding = FREIGHT_PROPERTIES_ENCODING_UTF8;
  gsize text_len = 0;
  Reader reader;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = decode_text (bytes, display_name, &encoding, &text_len, error);
  if (text == NULL)
    return NULL;

  self = freight_properties_new ();
  self->encoding = encoding;

  reader.text = text;
  reader.len = text_len;
  reader.pos = 0;
  reader.line = 1;

  buf = g_string_new (NULL);
  starts = g_array_new (FALSE, FALSE, sizeof (LineStart));

  while (reader_read_line (&reader, buf, starts))
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      gsize key_end = 0;
      gsize value_start = 0;
      guint line;

      g_assert (starts->len > 0);
      line = g_array_index (starts, LineStart, 0).line;

      split_key_value (buf->str, buf->len, &key_end, &value_start);
      key = load_convert (buf->str, 0, key_end, starts, display_name, error);
      if (key == NULL)
        return NULL;
      value = load_convert (buf->str, value_start, buf->len, starts, display_name, error);
      if (value == NULL)
        return NULL;

      append_item (self, g_steal_pointer (&key), g_steal_pointer (&value), line);
    }

  return g_steal_pointer (&self);
}

/**
 * freight_properties_get_encoding:
 *
 * Returns: how the bytes given to freight_properties_new_from_bytes() were decoded
 */
FreightPropertiesEncoding
freight_properties_get_encoding (FreightProperties *self)
{
  g_return_val_if_fail (self != NULL, FREIGHT_PROPERTIES_ENCODING_UTF8);

  return self->encoding;
}

guint
freight_properties_get_n_items (FreightProperties *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

const char *
freight_properties_get_key (FreightProperties *self,
                            guint              position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_array_index (self->items, Item, position).key;
}

const char *
freight_properties_get_value (FreightProperties *self,
                              guint              position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_array_index (self->items, Item, position).value;
}

/**
 * freight_properties_get_line:
 *
 * Returns: the line (from 1) where the item's logical line starts, or 0 for an item added
 *   with freight_properties_append()
 */
guint
freight_properties_get_line (FreightProperties *self,
                             guint              position)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (position < self->items->len, 0);

  return g_array_index (self->items, Item, position).line;
}

/**
 * freight_properties_lookup:
 *
 * Returns: (nullable): the value of the last item whose key is exactly @key, the one
 *   java.util.Properties would keep
 */
const char *
freight_properties_lookup (FreightProperties *self,
                           const char        *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = self->items->len; i > 0; i--)
    {
      const Item *item = &g_array_index (self->items, Item, i - 1);

      if (strcmp (item->key, key) == 0)
        return item->value;
    }

  return NULL;
}

void
freight_properties_append (FreightProperties *self,
                           const char        *key,
                           const char        *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && g_utf8_validate (key, -1, NULL));
  g_return_if_fail (value != NULL && g_utf8_validate (value, -1, NULL));

  append_item (self, g_strdup (key), g_strdup (value), 0);
}

static void
append_unicode_escape (GString  *out,
                       gunichar  c)
{
  if (c > 0xFFFF)
    {
      c -= 0x10000;
      g_string_append_printf (out, "\\u%04X\\u%04X", 0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF));
    }
  else
    {
      g_string_append_printf (out, "\\u%04X", c);
    }
}

/* Properties.saveConvert() with escapeUnicode, what store(OutputStream) writes. */
static void
append_escaped (GString    *out,
                const char *text,
                gboolean    is_key)
{
  gboolean first = TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), first = FALSE)
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case ' ':
          if (first || is_key)
            g_string_append_c (out, '\\');
          g_string_append_c (out, ' ');
          break;

        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\f': g_string_append (out, "\\f"); break;

        case '\\':
        case '=':
        case ':':
        case '#':
        case '!':
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
          break;

        default:
          if (c < 0x20 || c > 0x7E)
            append_unicode_escape (out, c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
}

/**
 * freight_properties_escape:
 * @text: a key or value (UTF-8)
 * @is_key: whether @text is a key, in which every space is escaped (in a value only a
 *   leading one)
 *
 * Escapes @text as java.util.Properties.store(OutputStream) does: `\` `=` `:` `#` `!`
 * get a backslash, tab, newline, carriage return and form feed become `\t` `\n` `\r` `\f`,
 * and every other character outside printable ASCII becomes `\uXXXX` (a surrogate pair
 * above U+FFFF).
 *
 * Returns: (transfer full): the escaped text, pure ASCII
 */
char *
freight_properties_escape (const char *text,
                           gboolean    is_key)
{
  GString *out;

  g_return_val_if_fail (text != NULL && g_utf8_validate (text, -1, NULL), NULL);

  out = g_string_new (NULL);
  append_escaped (out, text, is_key);
  return g_string_free (out, FALSE);
}

static void
append_comment (GString    *out,
                const char *comment)
{
  g_string_append_c (out, '#');
  for (const char *p = comment; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' || c == '\n')
        {
          if (c == '\r' && p[1] == '\n')
            p++;
          /* As Properties.writeComments(): a line that already is a comment keeps its
           * own `#` or `!`. */
          g_string_append_c (out, '\n');
          if (p[1] != '#' && p[1] != '!')
            g_string_append_c (out, '#');
        }
      else if (c < 0x20 || c > 0x7E)
        {
          append_unicode_escape (out, c);
        }
      else
        {
          g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '\n');
}

/**
 * freight_properties_to_bytes:
 * @comment: (nullable): a comment for the first line(s)
 *
 * Writes the items in order, one `key=value` line each, escaped as
 * freight_properties_escape() does, with `\n` line ends. Unlike
 * java.util.Properties.store() no date comment is written, so the same list always gives
 * the same bytes, and the comment too is escaped to ASCII (Java writes U+0080 to U+00FF
 * there as ISO-8859-1 bytes).
 *
 * Returns: (transfer full): the file's contents, pure ASCII
 */
GBytes *
freight_properties_to_bytes (FreightProperties *self,
                             const char        *comment)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (comment == NULL || g_utf8_validate (comment, -1, NULL), NULL);

  out = g_string_new (NULL);
  if (comment != NULL)
    append_comment (out, comment);

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      append_escaped (out, item->key, TRUE);
      g_string_append_c (out, '=');
      append_escaped (out, item->value, FALSE);
      g_string_append_c (out, '\n');
    }

  return g_string_free_to_bytes (out);
}
