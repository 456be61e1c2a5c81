/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-mapping-private.h"
#include "freight-transform-private.h"

/* The mapping's check against describe data. Every message says what is wrong and what
 * to do; where (column, field) goes into the problem's own properties. */

static char *
join_objects (const char * const *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", names[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * _freight_mapping_resolve_target:
 * @kind: (out) (optional): the kind of the problem, if any
 * @severity: (out) (optional): its severity
 * @reason: (out) (optional): the problem’s message, or %NULL if there is none
 *
 * Resolves @target in the mapping’s object (and, for a relationship path, in the parent’s
 * describe if it was added).
 *
 * Returns: %TRUE if @resolved->field is set; a warning may still be given (the parent’s
 *   describe is missing, so @resolved->value_field is %NULL)
 */
gboolean
_freight_mapping_resolve_target (FreightMapping         *self,
                                 FreightSdlTarget       *target,
                                 FreightResolvedTarget  *resolved,
                                 FreightProblemKind     *kind,
                                 FreightProblemSeverity *severity,
                                 char                  **reason)
{
  FreightProblemKind local_kind = FREIGHT_PROBLEM_UNKNOWN_FIELD;
  FreightProblemSeverity local_severity = FREIGHT_PROBLEM_ERROR;
  g_autofree char *message = NULL;
  const char *object_name;
  const char *relationship;
  const char *object_type;
  const char *id_field;
  const char * const *reference_to;
  FreightDescribeField *lookup;
  FreightDescribeField *key;
  const char *parent_name;
  gboolean ok = FALSE;

  memset (resolved, 0, sizeof *resolved);
  if (self->object == NULL)
    {
      message = g_strdup (_("Choose the object to load into."));
      local_kind = FREIGHT_PROBLEM_NO_OBJECT;
      goto out;
    }
  object_name = freight_describe_object_get_name (self->object);

  if (freight_sdl_target_get_kind (target) == FREIGHT_SDL_TARGET_FIELD)
    {
      const char *name = freight_sdl_target_get_field (target);

      resolved->field = freight_describe_object_lookup_field (self->object, name);
      resolved->value_field = resolved->field;
      if (resolved->field == NULL)
        message = g_strdup_printf (_("%s has no field %s. Choose another field, or leave "
                                     "the column unmapped."), object_name, name);
      ok = resolved->field != NULL;
      goto out;
    }

  local_kind = FREIGHT_PROBLEM_RELATIONSHIP;
  relationship = freight_sdl_target_get_relationship (target);
  object_type = freight_sdl_target_get_object_type (target);
  id_field = freight_sdl_target_get_id_field (target);

  lookup = freight_describe_object_lookup_relationship (self->object, relationship);
  if (lookup == NULL)
    {
      message = g_strdup_printf (_("%s has no lookup named %s. Choose another field, or "
                                   "leave the column unmapped."), object_name, relationship);
      goto out;
    }
  relationship = freight_describe_field_get_relationship_name (lookup);
  reference_to = freight_describe_field_get_reference_to (lookup);
  if (freight_describe_field_is_polymorphic (lookup) && object_type == NULL)
    {
      g_autofree char *objects = join_objects (reference_to);

      message = g_strdup_printf (_("%s can point to %s: name the object before it, as in "
                                   "%s:%s.%s."), relationship, objects,
                                 reference_to[0], relationship, id_field);
      goto out;
    }
  if (!freight_describe_field_is_polymorphic (lookup) && object_type != NULL)
    {
      message = g_strdup_printf (_("%s always points to %s: write %s.%s without “%s:”."),
                                 relationship, reference_to[0] != NULL ? reference_to[0] : "",
                                 relationship, id_field, object_type);
      goto out;
    }
  if (object_type != NULL && !freight_describe_field_references (lookup, object_type))
    {
      g_autofree char *objects = join_objects (reference_to);

      message = g_strdup_printf (_("%s cannot point to %s. Use one of %s."),
                                 relationship, object_type, objects);
      goto out;
    }

  resolved->field = lookup;
  ok = TRUE;
  parent_name = object_type != NULL ? object_type : reference_to[0];
  if (parent_name == NULL)
    goto out;
  resolved->parent = freight_mapping_lookup_related_object (self, parent_name);
  if (resolved->parent == NULL)
    {
      local_kind = FREIGHT_PROBLEM_RELATED_OBJECT_UNKNOWN;
      local_severity = FREIGHT_PROBLEM_WARNING;
      message = g_strdup_printf (_("Freight has not loaded the fields of %s, so it cannot "
                                   "check %s.%s yet; Salesforce checks it when the job runs."),
                                 parent_name, relationship, id_field);
      goto out;
    }

  parent_name = freight_describe_object_get_name (resolved->parent);
  key = freight_describe_object_lookup_field (resolved->parent, id_field);
  if (key == NULL)
    {
      message = g_strdup_printf (_("%s has no field %s. Choose an external ID field of %s."),
                                 parent_name, id_field, parent_name);
      ok = FALSE;
    }
  else if (!freight_describe_field_is_key (key))
    {
      message = g_strdup_printf (_("%s’s field %s is neither an external ID nor an ID lookup "
                                   "field, so Salesforce cannot find parents by it. Choose an "
                                   "external ID field of %s."),
                                 parent_name, freight_describe_field_get_name (key),
                                 parent_name);
      ok = FALSE;
    }
  resolved->value_field = key;

out:
  if (!ok)
    {
      resolved->field = NULL;
      resolved->value_field = NULL;
    }
  if (kind != NULL)
    *kind = local_kind;
  if (severity != NULL)
    *severity = local_severity;
  if (reason != NULL)
    *reason = g_steal_pointer (&message);
  return ok;
}

static void
add (GPtrArray              *problems,
     FreightProblemSeverity  severity,
     FreightProblemKind      kind,
     const char             *column,
     const char             *field,
     const char             *message)
{
  g_ptr_array_add (problems, freight_problem_new (severity, kind, 0, 0, column, field,
                                                  message));
}

static char *
entry_columns (FreightMappingEntry *entry)
{
  const char * const *columns = freight_mapping_entry_get_columns (entry);

  if (columns[0] == NULL)
    return NULL;
  return g_strjoinv (", ", (char **) columns);
}

static void
check_values (FreightMapping        *self,
              FreightMappingEntry   *entry,
              FreightResolvedTarget *resolved,
              const char            *column,
              GPtrArray             *problems)
{
  g_autoptr(FreightTransform) transform = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = freight_mapping_entry_get_target_path (entry);
  const char *constant = freight_mapping_entry_get_constant (entry);

  transform = _freight_transform_new_full (resolved->value_field, resolved->field,
                                           _freight_mapping_entry_format (self, entry),
                                           freight_mapping_entry_get_blank_policy (entry),
                                           &error);
  if (transform == NULL)
    {
      add (problems, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_INVALID_FORMAT, column, path,
           error->message);
      return;
    }
  if (constant != NULL)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      if (!freight_transform_apply (transform, constant, -1, out, NULL, &error))
        add (problems, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_INVALID_CONSTANT, NULL, path,
             error->message);
    }
}

static void
check_operation (FreightMapping *self,
                 GHashTable     *set_fields,
                 GPtrArray      *problems)
{
  const char *object_name = freight_describe_object_get_name (self->object);
  FreightDescribeField *id = freight_describe_object_get_id_field (self->object);
  gboolean has_id = id != NULL && g_hash_table_contains (set_fields, id);
  guint n;

  switch (self->operation)
    {
    case FREIGHT_OPERATION_UPDATE:
      if (!has_id)
        add (problems, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_MISSING_ID, NULL, "Id",
             _("An update needs each record’s ID: map the column that holds the IDs to Id."));
      return;

    case FREIGHT_OPERATION_DELETE:
    case FREIGHT_OPERATION_HARD_DELETE:
      if (!has_id)
        add (problems, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_MISSING_ID, NULL, "Id",
             _("A delete needs each record’s ID: map the column that holds the IDs to Id."));
      return;

    case FREIGHT_OPERATION_UPSERT:
      {
        FreightDescribeField *key = NULL;
        g_autofree char *message = NULL;

        if (self->external_id_field == NULL)
          message = g_strdup (_("Choose the field that matches rows to existing records for "
                                "the upsert: an external ID field, or Id."));
        else if ((key = freight_describe_object_lookup_field (self->object,
                                                              self->external_id_field)) == NULL)
          message = g_strdup_printf (_("%s has no field %s to match records by. Choose an "
                                       "external ID field."),
                                     object_name, self->external_id_field);
        else if (!freight_describe_field_is_key (key))
          message = g_strdup_printf (_("%s cannot match records for an upsert: only external "
                                       "ID and ID lookup fields can. Choose another field."),
                                     freight_describe_field_get_name (key));
        else if (!g_hash_table_contains (set_fields, key))
          message = g_strdup_printf (_("The upsert matches records by %s, but no column is "
                                       "mapped to it. Map the column that holds the external "
                                       "IDs to %s."),
                                     freight_describe_field_get_name (key),
                                     freight_describe_field_get_name (key));
        if (message != NULL)
          add (problems, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_EXTERNAL_ID, NULL,
               self->external_id_field, message);
      }
      break;

    case FREIGHT_OPERATION_INSERT:
    default:
      break;
    }

  n = freight_describe_object_get_n_fields (self->object);
  for (guint i = 0; i < n; i++)
    {
      FreightDescribeField *field = freight_describe_object_get_field (self->object, i);
      const char *name = freight_describe_field_get_name (field);
      const char *label = freight_describe_field_get_label (field);
      g_autofree char *message = NULL;

      if (!freight_describe_field_is_required_on_insert (field)
          || g_hash_table_contains (set_fields, field))
        continue;
      if (self->operation == FREIGHT_OPERATION_INSERT)
        {
          message = g_strdup_printf (_("%s (%s) is required to create %s records. Map a "
                                       "column to it, or set a constant."),
                                     label, name, object_name);
          add (problems, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_MISSING_REQUIRED_FIELD, NULL,
               name, message);
        }
      else
        {
          message = g_strdup_printf (_("%s (%s) is required when the upsert creates %s "
                                       "records; rows that create records will fail unless "
                                       "a column is mapped to it."),
                                     label, name, object_name);
          add (problems, FREIGHT_PROBLEM_WARNING, FREIGHT_PROBLEM_MISSING_REQUIRED_FIELD, NULL,
               name, message);
        }
    }
}

/* Checks the whole mapping; appends FreightProblem objects to @problems. */
void
_freight_mapping_validate (FreightMapping *self,
                           GPtrArray      *problems)
{
  /* FreightDescribeField -> the first FreightMappingEntry that sets it */
  g_autoptr(GHashTable) set_fields = g_hash_table_new (NULL, NULL);
  guint n = freight_mapping_get_n_entries (self);

  if (self->object == NULL)
    {
      add (problems, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_NO_OBJECT, NULL, NULL,
           _("Choose the object to load into."));
      return;
    }
  if (n == 0)
    add (problems, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_NOTHING_MAPPED, NULL, NULL,
         _("No column is mapped. Map at least one column to a field."));

  for (guint i = 0; i < n; i++)
    {
      FreightMappingEntry *entry = freight_mapping_get_entry (self, i);
      const char * const *columns = freight_mapping_entry_get_columns (entry);
      const char *path = freight_mapping_entry_get_target_path (entry);
      g_autofree char *column = entry_columns (entry);
      g_autofree char *reason = NULL;
      FreightResolvedTarget resolved;
      FreightProblemKind kind;
      FreightProblemSeverity severity;
      FreightMappingEntry *first;

      for (guint j = 0; columns[j] != NULL; j++)
        if (!_freight_mapping_column_known (self, columns[j]))
          {
            g_autofree char *message =
              g_strdup_printf (_("The file has no column “%s”. Map another column, or remove "
                                 "this mapping."), columns[j]);

            add (problems, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_UNKNOWN_COLUMN, columns[j],
                 path, message);
          }

      if (!_freight_mapping_resolve_target (self, freight_mapping_entry_get_target (entry),
                                            &resolved, &kind, &severity, &reason))
        {
          add (problems, FREIGHT_PROBLEM_ERROR, kind, column, path, reason);
          continue;
        }
      if (reason != NULL)
        add (problems, severity, kind, column, path, reason);

      if (!freight_describe_field_is_writable (resolved.field, self->operation))
        {
          g_autofree char *message =
            g_strdup_printf (_("%s Choose another field, or leave the column unmapped."),
                             freight_describe_field_get_not_writable_reason (resolved.field,
                                                                             self->operation));

          add (problems, FREIGHT_PROBLEM_ERROR,
               freight_operation_is_delete (self->operation)
               ? FREIGHT_PROBLEM_DELETE_EXTRA_FIELD : FREIGHT_PROBLEM_NOT_WRITABLE,
               column, path, message);
        }

      first = g_hash_table_lookup (set_fields, resolved.field);
      if (first != NULL)
        {
          g_autofree char *source = freight_mapping_entry_describe_source (first);
          g_autofree char *message =
            g_strdup_printf (_("%s already sets %s. Keep one of the two mappings."),
                             source, freight_describe_field_get_name (resolved.field));

          add (problems, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_DUPLICATE_TARGET, column, path,
               message);
        }
      else
        g_hash_table_insert (set_fields, resolved.field, entry);

      if (resolved.value_field != NULL)
        check_values (self, entry, &resolved, column, problems);
    }

  check_operation (self, set_fields, problems);
}
