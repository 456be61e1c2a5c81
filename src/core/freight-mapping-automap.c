/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-mapping-private.h"

/*
 * Auto-map: each unmapped CSV column is matched against the fields the operation can
 * write, by tiers; the first tier that matches decides:
 *
 *   1. the API name or relationship path, exactly        "AccountId", "Account.External_Id__c"
 *   2. the same ignoring case                             "accountid"
 *   3. the field's label ignoring case                    "Account Name" -> Name on Account
 *   4. loose spelling of name or label: case, spaces, `_`, `-`, `.` and the `__c` suffix
 *      do not count, and a lookup may end in "Id"          "account_id", "Account-ID", "SLA",
 *                                                         "Account Id" -> Account__c
 *   5. a lookup through a parent's external ID or ID lookup field, loosely: relationship
 *      (or lookup label) followed by the parent's field   "account_external_id"
 *                                                         -> Account__r.External_Id__c
 *
 * A column that matches several fields in its tier, and a field that several columns match
 * in their best tier, are left unmapped with a note. A better tier wins a field over a
 * worse one. Fields already set and columns already mapped are left alone. Polymorphic
 * lookups match only with the object named (`Lead:Who.Email`, "Lead Who Email").
 */

typedef enum
{
  TIER_EXACT = 1,
  TIER_NAME,
  TIER_LABEL,
  TIER_LOOSE,
  TIER_RELATIONSHIP,
  N_TIERS
} Tier;

typedef struct
{
  char                 *path;
  FreightDescribeField *field;        /* the object's field it sets */
} Candidate;

typedef struct
{
  char       *column;
  Tier        tier;
  Candidate  *candidate;
} Proposal;

typedef struct
{
  /* per tier: key -> GPtrArray of Candidate (borrowed from candidates) */
  GHashTable *index[N_TIERS];
  GPtrArray  *candidates;
} Index;

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_free (candidate->path);
  g_free (candidate);
}

static char *
strip_suffix (const char *text,
              const char *suffix)
{
  gsize len = strlen (text);
  gsize suffix_len = strlen (suffix);

  if (len > suffix_len && g_ascii_strcasecmp (text + len - suffix_len, suffix) == 0)
    return g_strndup (text, len - suffix_len);
  return g_strdup (text);
}

/* Letters and digits only, case-folded: "Account_External-ID" -> "accountexternalid". */
static char *
loose (const char *text)
{
  g_autofree char *folded = _freight_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isalnum (ch))
        g_string_append_unichar (out, ch);
    }
  return g_string_free (out, FALSE);
}

static char *
loose_name (const char *name)
{
  g_autofree char *stripped = strip_suffix (name, "__c");

  return loose (stripped);
}

static char *
tier_key (Tier        tier,
          const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  switch (tier)
    {
    case TIER_EXACT:
      return g_steal_pointer (&trimmed);
    case TIER_NAME:
    case TIER_LABEL:
      return _freight_casefold (trimmed, -1);
    case TIER_LOOSE:
    case TIER_RELATIONSHIP:
    case N_TIERS:
    default:
      return loose (trimmed);
    }
}

static void
index_add (Index      *index,
           Tier        tier,
           char       *key,
           Candidate  *candidate)
{
  GPtrArray *list;

  if (*key == '\0')
    {
      g_free (key);
      return;
    }
  list = g_hash_table_lookup (index->index[tier], key);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (index->index[tier], key, list);
    }
  else
    g_free (key);
  if (!g_ptr_array_find (list, candidate, NULL))
    g_ptr_array_add (list, candidate);
}

static Candidate *
candidate_new (Index                *index,
               char                 *path,
               FreightDescribeField *field)
{
  Candidate *candidate = g_new0 (Candidate, 1);

  candidate->path = path;
  candidate->field = field;
  g_ptr_array_add (index->candidates, candidate);
  return candidate;
}

/* The lookup's names as a column might start: "account" for Account__r, "Account" or
 * "Account ID"; "reportsto" for ReportsTo. */
static GPtrArray *
relationship_prefixes (FreightDescribeField *lookup)
{
  GPtrArray *prefixes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *relationship =
    strip_suffix (freight_describe_field_get_relationship_name (lookup), "__r");
  g_autofree char *label = strip_suffix (freight_describe_field_get_label (lookup), " ID");

  g_ptr_array_add (prefixes, loose (relationship));
  g_ptr_array_add (prefixes, loose (label));
  return prefixes;
}

static void
index_relationships (FreightMapping       *self,
                     Index                *index,
                     FreightDescribeField *lookup)
{
  const char *relationship = freight_describe_field_get_relationship_name (lookup);
  const char * const *reference_to = freight_describe_field_get_reference_to (lookup);
  gboolean polymorphic = freight_describe_field_is_polymorphic (lookup);
  g_autoptr(GPtrArray) prefixes = NULL;

  if (relationship == NULL || *relationship == '\0')
    return;
  prefixes = relationship_prefixes (lookup);

  for (guint i = 0; reference_to[i] != NULL; i++)
    {
      FreightDescribeObject *parent = freight_mapping_lookup_related_object (self,
                                                                             reference_to[i]);
      guint n;

      if (parent == NULL)
        continue;
      n = freight_describe_object_get_n_fields (parent);
      for (guint j = 0; j < n; j++)
        {
          FreightDescribeField *key = freight_describe_object_get_field (parent, j);
          const char *key_name = freight_describe_field_get_name (key);
          g_autofree char *key_loose = loose_name (key_name);
          g_autofree char *key_label = loose (freight_describe_field_get_label (key));
          g_autofree char *type = polymorphic ? loose (reference_to[i]) : g_strdup ("");
          Candidate *candidate;

          if (!freight_describe_field_is_key (key)
              || freight_describe_field_get_field_type (key) == FREIGHT_FIELD_TYPE_ID)
            continue;
          candidate = candidate_new (index,
                                     g_strdup_printf ("%s%s%s.%s",
                                                      polymorphic ? reference_to[i] : "",
                                                      polymorphic ? ":" : "",
                                                      relationship, key_name),
                                     lookup);
          index_add (index, TIER_EXACT, g_strdup (candidate->path), candidate);
          index_add (index, TIER_NAME, _freight_casefold (candidate->path, -1), candidate);
          for (guint k = 0; k < prefixes->len; k++)
            {
              const char *prefix = g_ptr_array_index (prefixes, k);

              index_add (index, TIER_RELATIONSHIP,
                         g_strconcat (type, prefix, key_loose, NULL), candidate);
              index_add (index, TIER_RELATIONSHIP,
                         g_strconcat (type, prefix, key_label, NULL), candidate);
            }
        }
    }
}

/* A custom lookup (Account__c, labelled "Account") also matches "Account Id" and
 * "account_id": columns of record IDs, as standard lookups are named. */
static void
index_lookup_ids (Index     *index,
                  Candidate *candidate)
{
  const char *texts[] = {
    freight_describe_field_get_name (candidate->field),
    freight_describe_field_get_label (candidate->field),
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *key = loose_name (texts[i]);

      if (!g_str_has_suffix (key, "id"))
        index_add (index, TIER_LOOSE, g_strconcat (key, "id", NULL), candidate);
    }
}

static gboolean
eligible (FreightMapping       *self,
          FreightDescribeField *field)
{
  FreightFieldType type = freight_describe_field_get_field_type (field);

  if (!freight_describe_field_is_writable (field, self->operation))
    return FALSE;
  /* An upsert file carries Id only when Id is what it matches by. */
  if (type == FREIGHT_FIELD_TYPE_ID && self->operation == FREIGHT_OPERATION_UPSERT)
    return g_strcmp0 (self->external_id_field, freight_describe_field_get_name (field)) == 0;
  return TRUE;
}

static void
build_index (FreightMapping *self,
             Index          *index)
{
  guint n = freight_describe_object_get_n_fields (self->object);

  index->candidates = g_ptr_array_new_with_free_func (candidate_free);
  for (guint t = 0; t < N_TIERS; t++)
    index->index[t] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < n; i++)
    {
      FreightDescribeField *field = freight_describe_object_get_field (self->object, i);
      const char *name = freight_describe_field_get_name (field);
      const char *label = freight_describe_field_get_label (field);
      Candidate *candidate;

      if (!eligible (self, field))
        continue;
      candidate = candidate_new (index, g_strdup (name), field);
      index_add (index, TIER_EXACT, g_strdup (name), candidate);
      index_add (index, TIER_NAME, _freight_casefold (name, -1), candidate);
      index_add (index, TIER_LABEL, tier_key (TIER_LABEL, label), candidate);
      index_add (index, TIER_LOOSE, loose_name (name), candidate);
      index_add (index, TIER_LOOSE, loose (label), candidate);

      if (freight_describe_field_get_field_type (field) == FREIGHT_FIELD_TYPE_REFERENCE)
        {
          index_lookup_ids (index, candidate);
          index_relationships (self, index, field);
        }
    }
}

static void
index_clear (Index *index)
{
  for (guint t = 0; t < N_TIERS; t++)
    g_clear_pointer (&index->index[t], g_hash_table_unref);
  g_clear_pointer (&index->candidates, g_ptr_array_unref);
}

static void
note (GPtrArray  *notes,
      const char *column,
      const char *field,
      const char *message)
{
  if (notes != NULL)
    g_ptr_array_add (notes, freight_problem_new (FREIGHT_PROBLEM_WARNING,
                                                 FREIGHT_PROBLEM_AMBIGUOUS_COLUMN, 0, 0,
                                                 column, field, message));
}

static gboolean
column_mapped (FreightMapping *self,
               const char     *column)
{
  g_autoptr(GPtrArray) entries = freight_mapping_get_entries_for_column (self, column);

  return entries->len > 0;
}

/* The best tier's candidates for @column that set fields no entry sets yet. */
static void
propose (FreightMapping *self,
         Index          *index,
         GHashTable     *set_fields,
         const char     *column,
         GPtrArray      *proposals,
         GPtrArray      *notes)
{
  for (Tier tier = TIER_EXACT; tier < N_TIERS; tier++)
    {
      g_autofree char *key = tier_key (tier, column);
      GPtrArray *list = g_hash_table_lookup (index->index[tier], key);
      Candidate *chosen = NULL;
      g_autoptr(GString) fields = NULL;
      guint n_fields = 0;

      if (list == NULL)
        continue;
      for (guint i = 0; i < list->len; i++)
        {
          Candidate *candidate = g_ptr_array_index (list, i);

          if (g_hash_table_contains (set_fields, candidate->field))
            continue;
          if (fields == NULL)
            fields = g_string_new (NULL);
          g_string_append_printf (fields, "%s%s", n_fields > 0 ? _(" or ") : "",
                                  candidate->path);
          n_fields++;
          chosen = candidate;
        }
      if (n_fields > 1)
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” could be %s. Choose the field yourself."),
                             column, fields->str);

          note (notes, column, NULL, message);
        }
      else if (chosen != NULL)
        {
          Proposal *proposal = g_new0 (Proposal, 1);

          proposal->column = g_strdup (column);
          proposal->tier = tier;
          proposal->candidate = chosen;
          g_ptr_array_add (proposals, proposal);
        }
      return;
    }
}

static void
proposal_free (gpointer data)
{
  Proposal *proposal = data;

  g_free (proposal->column);
  g_free (proposal);
}

/* Drops proposals that lose their field to a better tier, and all of a field's proposals
 * when several columns tie for it. */
static void
settle_conflicts (GPtrArray *proposals,
                  GPtrArray *notes)
{
  g_autoptr(GHashTable) best = g_hash_table_new (NULL, NULL);   /* field -> best tier */
  g_autoptr(GHashTable) ties = g_hash_table_new (NULL, NULL);   /* field -> count at best */

  for (guint i = 0; i < proposals->len; i++)
    {
      Proposal *p = g_ptr_array_index (proposals, i);
      gpointer field = p->candidate->field;
      guint tier = GPOINTER_TO_UINT (g_hash_table_lookup (best, field));

      if (tier == 0 || p->tier < tier)
        {
          g_hash_table_insert (best, field, GUINT_TO_POINTER (p->tier));
          g_hash_table_insert (ties, field, GUINT_TO_POINTER (1));
        }
      else if (p->tier == tier)
        g_hash_table_insert (ties, field,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (ties,
                                                                                      field))
                                               + 1));
    }

  for (guint i = 0; i < proposals->len;)
    {
      Proposal *p = g_ptr_array_index (proposals, i);
      gpointer field = p->candidate->field;
      guint tier = GPOINTER_TO_UINT (g_hash_table_lookup (best, field));
      guint n_best = GPOINTER_TO_UINT (g_hash_table_lookup (ties, field));
      const char *name = freight_describe_field_get_name (p->candidate->field);

      if (p->tier == tier && n_best == 1)
        {
          i++;
          continue;
        }
      if (p->tier == tier)
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” and other columns all look like %s. Map one of them "
                               "yourself."), p->column, name);

          note (notes, p->column, name, message);
        }
      else
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” also looks like %s, but a column that matches it better "
                               "is mapped to it."), p->column, name);

          note (notes, p->column, name, message);
        }
      g_ptr_array_remove_index (proposals, i);
    }
}

/**
 * freight_mapping_auto_map:
 * @self: a mapping with an object and source columns
 * @notes: (out) (optional) (transfer container) (element-type FreightProblem): columns
 *   left unmapped because they matched ambiguously
 *
 * Maps every unmapped column that matches a field the operation can write by API name,
 * label or a loose spelling, or a parent’s external ID through a lookup (see the rules
 * at the top of this file). Never maps two columns to one field.
 *
 * Returns: how many columns were mapped
 */
guint
freight_mapping_auto_map (FreightMapping  *self,
                          GPtrArray      **notes)
{
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func (proposal_free);
  g_autoptr(GHashTable) set_fields = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) local_notes = g_ptr_array_new_with_free_func (g_object_unref);
  Index index = { { NULL } };
  guint n;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), 0);

  if (notes != NULL)
    *notes = NULL;
  if (self->object == NULL || self->source_columns == NULL)
    {
      if (notes != NULL)
        *notes = g_steal_pointer (&local_notes);
      return 0;
    }

  n = freight_mapping_get_n_entries (self);
  for (guint i = 0; i < n; i++)
    {
      FreightResolvedTarget resolved;

      if (_freight_mapping_resolve_target (self,
                                           freight_mapping_entry_get_target (
                                             freight_mapping_get_entry (self, i)),
                                           &resolved, NULL, NULL, NULL))
        g_hash_table_add (set_fields, resolved.field);
    }

  build_index (self, &index);
  for (guint i = 0; self->source_columns[i] != NULL; i++)
    if (!column_mapped (self, self->source_columns[i]))
      propose (self, &index, set_fields, self->source_columns[i], proposals, local_notes);
  settle_conflicts (proposals, local_notes);

  _freight_mapping_freeze (self);
  for (guint i = 0; i < proposals->len; i++)
    {
      Proposal *p = g_ptr_array_index (proposals, i);
      g_autoptr(FreightSdlTarget) target = freight_sdl_target_parse (p->candidate->path, NULL);
      g_autoptr(FreightMappingEntry) entry = NULL;
      const char *columns[] = { p->column, NULL };

      g_assert (target != NULL);
      entry = freight_mapping_entry_new_for_columns (columns, target);
      freight_mapping_add_entry (self, entry);
    }
  _freight_mapping_thaw (self);
  index_clear (&index);

  if (notes != NULL)
    *notes = g_steal_pointer (&local_notes);
  return proposals->len;
}
