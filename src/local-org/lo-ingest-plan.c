/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-ingest"

#include "config.h"

#include <string.h>

#include "lo-ingest-plan.h"

static const char *operation_names[] = { "insert", "update", "upsert", "delete", "hardDelete" };

gboolean
lo_operation_from_string (const char  *name,
                          LoOperation *operation)
{
  for (guint i = 0; i < G_N_ELEMENTS (operation_names); i++)
    if (g_strcmp0 (name, operation_names[i]) == 0)
      {
        *operation = i;
        return TRUE;
      }
  return FALSE;
}

static void
column_free (gpointer data)
{
  LoColumn *column = data;

  g_free (column->header);
  g_free (column);
}

void
lo_ingest_plan_free (LoIngestPlan *plan)
{
  if (plan == NULL)
    return;
  g_ptr_array_unref (plan->columns);
  g_free (plan);
}

/* A field a load may name: writable for some operation, or read-only only through
 * field-level security (then each row that sets it fails, as on a real org). */
static gboolean
header_may_name (const LoField *field)
{
  if (g_str_equal (field->name, "Id"))
    return TRUE;
  if (field->storage == LO_STORAGE_NONE)
    return FALSE;
  return field->createable || field->updateable || field->read_only_reason != NULL;
}

static gboolean
fail (char      **job_error,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (char      **job_error,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *detail = NULL;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  *job_error = g_strdup_printf ("InvalidBatch : %s", detail);
  return FALSE;
}

/* "Rel.Field" or "Type:Rel.Field" (§2.9). The texts of the first three failures are the
 * real ones (BLOG); a polymorphic lookup named without its type, and a parent field
 * that is neither an external ID nor an idLookup field, fail with "Field name not found"
 * as an unknown column does (unconfirmed). */
static gboolean
plan_relationship (LoSchema    *schema,
                   LoObject    *object,
                   LoColumn    *column,
                   char       **job_error)
{
  const char *header = column->header;
  const char *colon = strchr (header, ':');
  const char *dot;
  g_autofree char *type_name = NULL;
  g_autofree char *relationship = NULL;
  LoField *lookup;
  LoObject *parent = NULL;

  if (colon != NULL)
    {
      type_name = g_strndup (header, colon - header);
      header = colon + 1;
    }
  dot = strchr (header, '.');
  relationship = g_strndup (header, dot - header);
  if (strchr (dot + 1, '.') != NULL)
    return fail (job_error, "Field name not found : %s", column->header);
  lookup = lo_object_lookup_relationship (object, relationship);
  if (lookup == NULL || lookup->type != LO_FIELD_REFERENCE)
    return fail (job_error, "Unable to find relationship: %s", relationship);
  if (type_name != NULL && !lookup->polymorphic)
    return fail (job_error, "type is not needed for non polymorphic foreign key references: "
                 "%s", relationship);
  if (type_name == NULL && lookup->polymorphic)
    return fail (job_error, "Field name not found : %s", column->header);
  if (type_name != NULL)
    {
      for (guint i = 0; lookup->reference_to[i] != NULL; i++)
        if (g_ascii_strcasecmp (lookup->reference_to[i], type_name) == 0)
          parent = lo_schema_lookup_object (schema, lookup->reference_to[i]);
    }
  else
    parent = lo_schema_lookup_object (schema, lookup->reference_to[0]);
  if (parent == NULL)
    return fail (job_error, "Field name not found : %s", column->header);
  column->parent = parent;
  column->parent_field = lo_object_lookup_field (parent, dot + 1);
  if (column->parent_field == NULL
      || !(column->parent_field->external_id || column->parent_field->id_lookup))
    return fail (job_error, "Field name not found : %s", column->header);
  column->field = lookup;
  column->kind = LO_COLUMN_RELATIONSHIP;
  return TRUE;
}

/**
 * lo_ingest_plan_new:
 * @job_error: (out): on failure, the job's errorMessage ("InvalidBatch : …")
 *
 * Maps each header cell to a field or a relationship. A header naming an unknown field,
 * or one no profile can write, fails the whole job (§2.9).
 */
LoIngestPlan *
lo_ingest_plan_new (LoSchema            *schema,
                    LoObject            *object,
                    LoOperation          operation,
                    const char          *external_id_field,
                    const char * const  *header,
                    guint                n_columns,
                    char               **job_error)
{
  g_autoptr(LoIngestPlan) plan = g_new0 (LoIngestPlan, 1);
  gboolean deleting = operation == LO_OP_DELETE || operation == LO_OP_HARD_DELETE;

  plan->object = object;
  plan->operation = operation;
  plan->columns = g_ptr_array_new_with_free_func (column_free);
  plan->id_column = -1;
  plan->key_column = -1;
  if (operation == LO_OP_UPSERT)
    plan->key_field = lo_object_lookup_field (object, external_id_field ? external_id_field
                                                                        : "Id");

  for (guint i = 0; i < n_columns; i++)
    {
      LoColumn *column = g_new0 (LoColumn, 1);
      const char *name = header[i];

      column->header = g_strdup (name);
      g_ptr_array_add (plan->columns, column);
      if (strchr (name, '.') != NULL)
        {
          if (deleting)
            {
              column->kind = LO_COLUMN_IGNORED;
              continue;
            }
          if (!plan_relationship (schema, object, column, job_error))
            return NULL;
          continue;
        }
      column->field = lo_object_lookup_field (object, name);
      if (column->field != NULL && g_str_equal (column->field->name, "Id"))
        plan->id_column = i;
      if (deleting)
        {
          column->kind = column->field != NULL && g_str_equal (column->field->name, "Id")
                         ? LO_COLUMN_FIELD : LO_COLUMN_IGNORED;
          continue;
        }
      if (column->field == NULL || !header_may_name (column->field))
        {
          fail (job_error, "Field name not found : %s", name);
          return NULL;
        }
      column->kind = LO_COLUMN_FIELD;
      column->normalize_echo = column->field->type == LO_FIELD_DOUBLE
                               || column->field->type == LO_FIELD_CURRENCY
                               || column->field->type == LO_FIELD_PERCENT;
      if (plan->key_field != NULL && column->field == plan->key_field)
        plan->key_column = i;
    }

  /* The texts of these two are this org's: the real ones are not documented. */
  if ((operation == LO_OP_UPDATE || deleting) && plan->id_column < 0)
    {
      fail (job_error, "Field name not found : Id (the %s operation needs an Id column)",
            operation == LO_OP_UPDATE ? "update" : "delete");
      return NULL;
    }
  if (operation == LO_OP_UPSERT && plan->key_column < 0)
    {
      fail (job_error, "External ID field %s is not in the header",
            plan->key_field ? plan->key_field->name : "Id");
      return NULL;
    }
  return g_steal_pointer (&plan);
}
