/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-mapping-plan.h"
#include "freight-mapping-private.h"
#include "freight-transform-private.h"

/*
 * FreightMappingPlan: a mapping without problems compiled against one CSV header, for
 * applying to every row: which source fields make each job file column, through which
 * transform. Immutable and reference counted, so pre-flight and the load use it from
 * their worker threads while the window goes on editing the mapping.
 */

typedef struct
{
  char                 *source;         /* "Street, City"; NULL for a constant */
  char                 *constant;
  guint                *columns;        /* indexes into the source header */
  guint                 n_columns;
  char                 *separator;
  FreightDescribeField *field;
  FreightDescribeField *value_field;
  FreightTransform     *transform;
  FreightRequirement    requirement;
  gboolean              unique;
  gboolean              case_sensitive;
} Output;

struct _FreightMappingPlan
{
  gatomicrefcount   ref_count;
  FreightOperation  operation;
  char             *object_name;
  char            **source_header;
  char            **header;
  Output           *outputs;
  guint             n_outputs;
  int               id_output;
};

struct _FreightMappedRow
{
  guint                  n_outputs;
  GString              **values;
  GString              **joined;
  const char           **sources;
  gsize                 *source_lengths;
  GError               **errors;
  FreightTransformFlags *flags;
  guint                  n_errors;
};

G_DEFINE_BOXED_TYPE (FreightMappingPlan, freight_mapping_plan,
                     freight_mapping_plan_ref, freight_mapping_plan_unref)

static int
find_column (const char * const *header,
             const char         *column)
{
  g_autofree char *folded = _freight_casefold (column, -1);
  int found = -1;

  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *candidate = NULL;

      if (g_str_equal (header[i], column))
        return (int) i;
      candidate = _freight_casefold (header[i], -1);
      if (found < 0 && g_str_equal (candidate, folded))
        found = (int) i;
    }
  return found;
}

/* A text field standing in for a parent key whose object's describe is not loaded:
 * values go out as written and Salesforce checks them. */
static FreightDescribeField *
unknown_key_field (const char *name)
{
  g_autoptr(JsonObject) json = json_object_new ();

  json_object_set_string_member (json, "name", name);
  json_object_set_string_member (json, "type", "string");
  json_object_set_boolean_member (json, "nillable", TRUE);
  return freight_describe_field_new_from_json (json, NULL, NULL);
}

static FreightRequirement
requirement_for (FreightMapping       *mapping,
                 FreightDescribeField *field)
{
  FreightOperation operation = freight_mapping_get_operation (mapping);
  const char *key = freight_mapping_get_external_id_field (mapping);

  if (freight_describe_field_get_field_type (field) == FREIGHT_FIELD_TYPE_ID
      && operation != FREIGHT_OPERATION_INSERT && operation != FREIGHT_OPERATION_UPSERT)
    return FREIGHT_REQUIREMENT_ERROR;
  if (operation == FREIGHT_OPERATION_UPSERT && key != NULL
      && g_ascii_strcasecmp (key, freight_describe_field_get_name (field)) == 0)
    return FREIGHT_REQUIREMENT_ERROR;
  if (!freight_describe_field_is_required_on_insert (field))
    return FREIGHT_REQUIREMENT_NONE;
  if (operation == FREIGHT_OPERATION_INSERT)
    return FREIGHT_REQUIREMENT_ERROR;
  if (operation == FREIGHT_OPERATION_UPSERT)
    return FREIGHT_REQUIREMENT_WARNING;
  return FREIGHT_REQUIREMENT_NONE;
}

static gboolean
is_unique_key (FreightMapping       *mapping,
               FreightDescribeField *field,
               gboolean              relationship)
{
  FreightOperation operation = freight_mapping_get_operation (mapping);
  const char *key = freight_mapping_get_external_id_field (mapping);

  if (relationship)
    return FALSE;
  if (freight_describe_field_get_field_type (field) == FREIGHT_FIELD_TYPE_ID)
    return operation != FREIGHT_OPERATION_INSERT;
  if (operation == FREIGHT_OPERATION_UPSERT && key != NULL
      && g_ascii_strcasecmp (key, freight_describe_field_get_name (field)) == 0)
    return TRUE;
  /* A unique external ID twice in one insert fails the second row. */
  return (operation == FREIGHT_OPERATION_INSERT || operation == FREIGHT_OPERATION_UPSERT)
         && freight_describe_field_get_external_id (field)
         && freight_describe_field_get_unique (field);
}

static gboolean
compile_output (FreightMappingPlan   *self,
                FreightMapping       *mapping,
                FreightMappingEntry  *entry,
                Output               *output,
                GError              **error)
{
  FreightResolvedTarget resolved;
  FreightSdlTarget *target = freight_mapping_entry_get_target (entry);
  const char * const *columns = freight_mapping_entry_get_columns (entry);
  g_autoptr(FreightDescribeField) stand_in = NULL;
  gboolean resolved_ok;

  resolved_ok = _freight_mapping_resolve_target (mapping, target, &resolved, NULL, NULL, NULL);
  g_assert (resolved_ok);

  output->constant = g_strdup (freight_mapping_entry_get_constant (entry));
  output->separator = g_strdup (freight_mapping_entry_get_separator (entry));
  output->n_columns = g_strv_length ((char **) columns);
  output->columns = g_new0 (guint, MAX (output->n_columns, 1));
  if (output->n_columns > 0)
    output->source = g_strjoinv (", ", (char **) columns);
  for (guint i = 0; i < output->n_columns; i++)
    {
      int index = find_column ((const char * const *) self->source_header, columns[i]);

      if (index < 0)
        {
          g_set_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID,
                       _("The file has no column “%s”, which the mapping reads for %s. Map "
                         "another column, or choose the file the mapping was made for."),
                       columns[i], freight_mapping_entry_get_target_path (entry));
          return FALSE;
        }
      output->columns[i] = (guint) index;
    }

  output->field = g_object_ref (resolved.field);
  if (resolved.value_field == NULL)
    resolved.value_field = stand_in =
      unknown_key_field (freight_sdl_target_get_id_field (target));
  output->value_field = g_object_ref (resolved.value_field);
  output->transform = _freight_transform_new_full (resolved.value_field, resolved.field,
                                                   _freight_mapping_entry_format (mapping,
                                                                                  entry),
                                                   freight_mapping_entry_get_blank_policy (entry),
                                                   error);
  if (output->transform == NULL)
    return FALSE;
  output->requirement = requirement_for (mapping, resolved.field);
  output->unique = is_unique_key (mapping, resolved.field,
                                  freight_sdl_target_get_kind (target)
                                  == FREIGHT_SDL_TARGET_RELATIONSHIP);
  output->case_sensitive = freight_describe_field_get_case_sensitive (resolved.value_field);
  if (freight_describe_field_get_field_type (resolved.field) == FREIGHT_FIELD_TYPE_ID)
    self->id_output = (int) (output - self->outputs);
  return TRUE;
}

/**
 * freight_mapping_plan_new:
 * @mapping: a mapping without errors (freight_mapping_is_ready())
 * @header: the CSV file’s header as the reader gives it
 * @error: return location for a #FREIGHT_MAPPING_ERROR or #FREIGHT_TRANSFORM_ERROR
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL if the mapping has errors or
 *   reads a column @header lacks
 */
FreightMappingPlan *
freight_mapping_plan_new (FreightMapping      *mapping,
                          const char * const  *header,
                          GError             **error)
{
  g_autoptr(FreightMappingPlan) self = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (FREIGHT_IS_MAPPING (mapping), NULL);
  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!freight_mapping_is_ready (mapping))
    {
      GListModel *problems = freight_mapping_get_problems (mapping);
      g_autoptr(FreightProblem) first = NULL;
      g_autofree char *text = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (problems) && first == NULL; i++)
        {
          g_autoptr(FreightProblem) problem = g_list_model_get_item (problems, i);

          if (freight_problem_get_severity (problem) == FREIGHT_PROBLEM_ERROR)
            first = g_steal_pointer (&problem);
        }
      text = first != NULL ? freight_problem_to_string (first) : g_strdup ("");
      g_set_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_NOT_READY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The mapping has %u problem to fix before loading. %s",
                                "The mapping has %u problems to fix before loading. First: %s",
                                freight_mapping_get_n_errors (mapping)),
                   freight_mapping_get_n_errors (mapping), text);
      return NULL;
    }

  self = g_new0 (FreightMappingPlan, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->operation = freight_mapping_get_operation (mapping);
  self->object_name = g_strdup (freight_describe_object_get_name (
                                  freight_mapping_get_object (mapping)));
  self->source_header = g_strdupv ((char **) header);
  self->n_outputs = freight_mapping_get_n_entries (mapping);
  self->outputs = g_new0 (Output, self->n_outputs);
  self->id_output = -1;

  for (guint i = 0; i < self->n_outputs; i++)
    {
      FreightMappingEntry *entry = freight_mapping_get_entry (mapping, i);

      if (!compile_output (self, mapping, entry, &self->outputs[i], error))
        return NULL;
      g_strv_builder_add (names, freight_mapping_entry_get_target_path (entry));
    }
  self->header = g_strv_builder_end (names);
  return g_steal_pointer (&self);
}

FreightMappingPlan *
freight_mapping_plan_ref (FreightMappingPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
freight_mapping_plan_unref (FreightMappingPlan *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < self->n_outputs && self->outputs != NULL; i++)
    {
      Output *output = &self->outputs[i];

      g_free (output->source);
      g_free (output->constant);
      g_free (output->columns);
      g_free (output->separator);
      g_clear_object (&output->field);
      g_clear_object (&output->value_field);
      g_clear_pointer (&output->transform, freight_transform_unref);
    }
  g_free (self->outputs);
  g_free (self->object_name);
  g_strfreev (self->source_header);
  g_strfreev (self->header);
  g_free (self);
}

FreightOperation
freight_mapping_plan_get_operation (FreightMappingPlan *self)
{
  g_return_val_if_fail (self != NULL, FREIGHT_OPERATION_INSERT);

  return self->operation;
}

const char *
freight_mapping_plan_get_object_name (FreightMappingPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->object_name;
}

/**
 * freight_mapping_plan_get_source_header:
 * @self: a plan
 *
 * Returns: (transfer none): the CSV header it was compiled for
 */
const char * const *
freight_mapping_plan_get_source_header (FreightMappingPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->source_header;
}

guint
freight_mapping_plan_get_n_outputs (FreightMappingPlan *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_outputs;
}

/**
 * freight_mapping_plan_get_header:
 * @self: a plan
 *
 * Returns: (transfer none): the job file’s header, API names and relationship paths
 */
const char * const *
freight_mapping_plan_get_header (FreightMappingPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->header;
}

/**
 * freight_mapping_plan_get_output_source:
 * @self: a plan
 * @output: a job file column
 *
 * Returns: (nullable): the CSV column(s) it reads ("Street, City"), or %NULL for a constant
 */
const char *
freight_mapping_plan_get_output_source (FreightMappingPlan *self,
                                        guint               output)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (output < self->n_outputs, NULL);

  return self->outputs[output].source;
}

/**
 * freight_mapping_plan_get_output_field:
 * @self: a plan
 * @output: a job file column
 *
 * Returns: (transfer none): the object’s field the column sets (the lookup field for a
 *   relationship path)
 */
FreightDescribeField *
freight_mapping_plan_get_output_field (FreightMappingPlan *self,
                                       guint               output)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (output < self->n_outputs, NULL);

  return self->outputs[output].field;
}

/**
 * freight_mapping_plan_get_output_value_field:
 * @self: a plan
 * @output: a job file column
 *
 * Returns: (transfer none): the field whose type the values have: the field itself, or
 *   the parent’s key field of a relationship path (how to compare echoed values)
 */
FreightDescribeField *
freight_mapping_plan_get_output_value_field (FreightMappingPlan *self,
                                             guint               output)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (output < self->n_outputs, NULL);

  return self->outputs[output].value_field;
}

/**
 * freight_mapping_plan_get_output_transform:
 * @self: a plan
 * @output: a job file column
 *
 * Returns: (transfer none): the transform its values go through
 */
FreightTransform *
freight_mapping_plan_get_output_transform (FreightMappingPlan *self,
                                           guint               output)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (output < self->n_outputs, NULL);

  return self->outputs[output].transform;
}

FreightRequirement
freight_mapping_plan_get_output_requirement (FreightMappingPlan *self,
                                             guint               output)
{
  g_return_val_if_fail (self != NULL, FREIGHT_REQUIREMENT_NONE);
  g_return_val_if_fail (output < self->n_outputs, FREIGHT_REQUIREMENT_NONE);

  return self->outputs[output].requirement;
}

/**
 * freight_mapping_plan_output_is_unique:
 * @self: a plan
 * @output: a job file column
 * @case_sensitive: (out) (optional): whether values differing in case differ
 *
 * Returns: %TRUE if two rows must not share a value: the Id of an update or delete, the
 *   key of an upsert, a unique external ID on insert or upsert
 */
gboolean
freight_mapping_plan_output_is_unique (FreightMappingPlan *self,
                                       guint               output,
                                       gboolean           *case_sensitive)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (output < self->n_outputs, FALSE);

  if (case_sensitive != NULL)
    *case_sensitive = self->outputs[output].case_sensitive;
  return self->outputs[output].unique;
}

/**
 * freight_mapping_plan_get_id_output:
 * @self: a plan
 *
 * Returns: the job file column that carries Id, or -1
 */
int
freight_mapping_plan_get_id_output (FreightMappingPlan *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->id_output;
}

/* Rows */

/**
 * freight_mapped_row_new:
 * @plan: a plan
 *
 * Returns: (transfer full): a row buffer for freight_mapping_plan_map_row(), to reuse for
 *   every row
 */
FreightMappedRow *
freight_mapped_row_new (FreightMappingPlan *plan)
{
  FreightMappedRow *row;

  g_return_val_if_fail (plan != NULL, NULL);

  row = g_new0 (FreightMappedRow, 1);
  row->n_outputs = plan->n_outputs;
  row->values = g_new0 (GString *, plan->n_outputs);
  row->joined = g_new0 (GString *, plan->n_outputs);
  row->sources = g_new0 (const char *, plan->n_outputs);
  row->source_lengths = g_new0 (gsize, plan->n_outputs);
  row->errors = g_new0 (GError *, plan->n_outputs);
  row->flags = g_new0 (FreightTransformFlags, plan->n_outputs);
  for (guint i = 0; i < plan->n_outputs; i++)
    {
      row->values[i] = g_string_new (NULL);
      row->joined[i] = g_string_new (NULL);
    }
  return row;
}

void
freight_mapped_row_free (FreightMappedRow *row)
{
  if (row == NULL)
    return;
  for (guint i = 0; i < row->n_outputs; i++)
    {
      g_string_free (row->values[i], TRUE);
      g_string_free (row->joined[i], TRUE);
      g_clear_error (&row->errors[i]);
    }
  g_free (row->values);
  g_free (row->joined);
  g_free (row->sources);
  g_free (row->source_lengths);
  g_free (row->errors);
  g_free (row->flags);
  g_free (row);
}

static void
source_value (const Output       *output,
              const char * const *fields,
              const gsize        *lengths,
              guint               n_fields,
              GString            *joined,
              const char        **value,
              gsize              *length)
{
  if (output->constant != NULL)
    {
      *value = output->constant;
      *length = strlen (output->constant);
      return;
    }
  if (output->n_columns == 1)
    {
      guint column = output->columns[0];

      *value = column < n_fields ? fields[column] : "";
      *length = column < n_fields ? lengths[column] : 0;
      return;
    }

  /* Several columns: the non-blank values with the separator between them. */
  g_string_truncate (joined, 0);
  for (guint i = 0; i < output->n_columns; i++)
    {
      guint column = output->columns[i];

      if (column >= n_fields || freight_transform_is_blank (fields[column], lengths[column]))
        continue;
      if (joined->len > 0)
        g_string_append (joined, output->separator);
      g_string_append_len (joined, fields[column], lengths[column]);
    }
  *value = joined->str;
  *length = joined->len;
}

int
_freight_mapping_plan_get_output_column (FreightMappingPlan *self,
                                         guint               output)
{
  g_assert (output < self->n_outputs);

  if (self->outputs[output].constant != NULL || self->outputs[output].n_columns != 1)
    return -1;
  return (int) self->outputs[output].columns[0];
}

void
_freight_mapping_plan_source_value (FreightMappingPlan *self,
                                    guint               output,
                                    const char * const *fields,
                                    const gsize        *lengths,
                                    guint               n_fields,
                                    GString            *joined,
                                    const char        **value,
                                    gsize              *length)
{
  g_assert (output < self->n_outputs);

  source_value (&self->outputs[output], fields, lengths, n_fields, joined, value, length);
}

/**
 * freight_mapping_plan_map_row:
 * @self: a plan
 * @fields: (array length=n_fields): the row’s fields, in source header order
 * @lengths: (array length=n_fields): their lengths in bytes
 * @n_fields: how many fields the row has (missing ones count as blank)
 * @row: a row buffer from freight_mapped_row_new()
 *
 * Makes the job file values of one source row; each value that cannot be converted has
 * its error in @row instead.
 *
 * Returns: %TRUE if every value converted
 */
gboolean
freight_mapping_plan_map_row (FreightMappingPlan *self,
                              const char * const *fields,
                              const gsize        *lengths,
                              guint               n_fields,
                              FreightMappedRow   *row)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);
  g_return_val_if_fail (row != NULL && row->n_outputs == self->n_outputs, FALSE);

  row->n_errors = 0;
  for (guint i = 0; i < self->n_outputs; i++)
    {
      const Output *output = &self->outputs[i];

      g_clear_error (&row->errors[i]);
      source_value (output, fields, lengths, n_fields, row->joined[i], &row->sources[i],
                    &row->source_lengths[i]);
      if (!freight_transform_apply (output->transform, row->sources[i], row->source_lengths[i],
                                    row->values[i], &row->flags[i], &row->errors[i]))
        row->n_errors++;
    }
  return row->n_errors == 0;
}

/**
 * freight_mapped_row_get_value:
 * @row: a mapped row
 * @output: a job file column
 * @length: (out) (optional): the value’s length
 *
 * Returns: the value to write (empty, `#N/A`, or the converted value); empty if the
 *   conversion failed
 */
const char *
freight_mapped_row_get_value (FreightMappedRow *row,
                              guint             output,
                              gsize            *length)
{
  g_return_val_if_fail (row != NULL && output < row->n_outputs, NULL);

  if (length != NULL)
    *length = row->values[output]->len;
  return row->values[output]->str;
}

/**
 * freight_mapped_row_get_source_value:
 * @row: a mapped row
 * @output: a job file column
 * @length: (out) (optional): the value’s length
 *
 * Returns: what went into the transform: the cell, the joined cells, or the constant
 */
const char *
freight_mapped_row_get_source_value (FreightMappedRow *row,
                                     guint             output,
                                     gsize            *length)
{
  g_return_val_if_fail (row != NULL && output < row->n_outputs, NULL);

  if (length != NULL)
    *length = row->source_lengths[output];
  return row->sources[output];
}

/**
 * freight_mapped_row_get_error:
 * @row: a mapped row
 * @output: a job file column
 *
 * Returns: (nullable): why the value could not be converted (#FREIGHT_TRANSFORM_ERROR)
 */
const GError *
freight_mapped_row_get_error (FreightMappedRow *row,
                              guint             output)
{
  g_return_val_if_fail (row != NULL && output < row->n_outputs, NULL);

  return row->errors[output];
}

FreightTransformFlags
freight_mapped_row_get_flags (FreightMappedRow *row,
                              guint             output)
{
  g_return_val_if_fail (row != NULL && output < row->n_outputs, 0);

  return row->flags[output];
}

guint
freight_mapped_row_get_n_errors (FreightMappedRow *row)
{
  g_return_val_if_fail (row != NULL, 0);

  return row->n_errors;
}
