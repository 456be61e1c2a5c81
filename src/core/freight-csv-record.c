/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-csv-record"

#include "config.h"

#include <string.h>

#include "freight-csv-record.h"

/* One row of a CSV file as an object, the items of FreightCsvIndex: its fields, where it
 * is in the file, and the row-level error it has, if any. The fields are one allocation:
 * the pointer array, then the strings. */

struct _FreightCsvRecord
{
  GObject  parent_instance;

  guint64  record_number;
  guint64  line;
  guint64  offset;
  char   **fields;
  guint    n_fields;
  GError  *error;
};

G_DEFINE_FINAL_TYPE (FreightCsvRecord, freight_csv_record, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RECORD_NUMBER,
  PROP_LINE,
  PROP_OFFSET,
  PROP_N_FIELDS,
  PROP_FIELDS,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_csv_record_finalize (GObject *object)
{
  FreightCsvRecord *self = (FreightCsvRecord *) object;

  g_clear_pointer (&self->fields, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (freight_csv_record_parent_class)->finalize (object);
}

static void
freight_csv_record_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FreightCsvRecord *self = FREIGHT_CSV_RECORD (object);

  switch (prop_id)
    {
    case PROP_RECORD_NUMBER:
      g_value_set_uint64 (value, self->record_number);
      break;

    case PROP_LINE:
      g_value_set_uint64 (value, self->line);
      break;

    case PROP_OFFSET:
      g_value_set_uint64 (value, self->offset);
      break;

    case PROP_N_FIELDS:
      g_value_set_uint (value, self->n_fields);
      break;

    case PROP_FIELDS:
      g_value_set_boxed (value, self->fields);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_csv_record_class_init (FreightCsvRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_csv_record_finalize;
  object_class->get_property = freight_csv_record_get_property;

  properties[PROP_RECORD_NUMBER] =
    g_param_spec_uint64 ("record-number", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LINE] =
    g_param_spec_uint64 ("line", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OFFSET] =
    g_param_spec_uint64 ("offset", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_FIELDS] =
    g_param_spec_uint ("n-fields", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FIELDS] =
    g_param_spec_boxed ("fields", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_csv_record_init (FreightCsvRecord *self)
{
}

/**
 * freight_csv_record_new:
 * @record_number: the record number, 1 for the first data row
 * @line: the physical line where the row starts, from 1
 * @offset: the byte offset of the row in its file
 * @fields: (array length=n_fields): the fields
 * @n_fields: their number, or -1 if @fields is %NULL-terminated
 * @error: (nullable): the row-level error of the row
 *
 * Returns: (transfer full): a new #FreightCsvRecord holding copies of @fields and @error
 */
FreightCsvRecord *
freight_csv_record_new (guint64             record_number,
                        guint64             line,
                        guint64             offset,
                        const char * const *fields,
                        gssize              n_fields,
                        const GError       *error)
{
  FreightCsvRecord *self;
  gsize n;
  gsize size;
  char *text;

  g_return_val_if_fail (fields != NULL || n_fields <= 0, NULL);

  n = n_fields >= 0 ? (gsize) n_fields : g_strv_length ((char **) fields);

  size = (n + 1) * sizeof (char *);
  for (gsize i = 0; i < n; i++)
    size += strlen (fields[i] != NULL ? fields[i] : "") + 1;

  self = g_object_new (FREIGHT_TYPE_CSV_RECORD, NULL);
  self->record_number = record_number;
  self->line = line;
  self->offset = offset;
  self->n_fields = n;
  self->fields = g_malloc (size);
  text = (char *) (self->fields + n + 1);
  for (gsize i = 0; i < n; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";
      gsize len = strlen (field) + 1;

      memcpy (text, field, len);
      self->fields[i] = text;
      text += len;
    }
  self->fields[n] = NULL;
  self->error = error != NULL ? g_error_copy (error) : NULL;

  return self;
}

guint64
freight_csv_record_get_record_number (FreightCsvRecord *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_RECORD (self), 0);

  return self->record_number;
}

guint64
freight_csv_record_get_line (FreightCsvRecord *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_RECORD (self), 0);

  return self->line;
}

guint64
freight_csv_record_get_offset (FreightCsvRecord *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_RECORD (self), 0);

  return self->offset;
}

guint
freight_csv_record_get_n_fields (FreightCsvRecord *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_RECORD (self), 0);

  return self->n_fields;
}

/**
 * freight_csv_record_get_field:
 * @self: a #FreightCsvRecord
 * @i: a field, from 0
 *
 * Returns: (nullable): field @i, or %NULL if the row has no field @i
 */
const char *
freight_csv_record_get_field (FreightCsvRecord *self,
                              guint             i)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_RECORD (self), NULL);

  return i < self->n_fields ? self->fields[i] : NULL;
}

/**
 * freight_csv_record_get_fields:
 * @self: a #FreightCsvRecord
 *
 * Returns: (array zero-terminated=1) (transfer none): the fields
 */
const char * const *
freight_csv_record_get_fields (FreightCsvRecord *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_RECORD (self), NULL);

  return (const char * const *) self->fields;
}

/**
 * freight_csv_record_get_error:
 * @self: a #FreightCsvRecord
 *
 * Returns: (nullable): the row-level error of the row, e.g. too many fields
 */
const GError *
freight_csv_record_get_error (FreightCsvRecord *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_RECORD (self), NULL);

  return self->error;
}
