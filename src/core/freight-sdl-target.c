/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-sdl-target"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-sdl-private.h"
#include "freight-sdl-target.h"

/**
 * FreightSdlTarget:
 *
 * What one item of an .sdl value sets: a field of the object, or a lookup through the
 * parent's external ID or idLookup field (a relationship name, the parent's object type
 * when given, and the parent's field).
 *
 * In a load mapping freight_sdl_target_parse() reads Data Loader's two relationship forms,
 * `Parent:Oracle_Id__c` (old style, without the object type) and
 * `Parent:Account-Oracle_Id__c` (new style, which Data Loader writes itself and which a
 * polymorphic lookup needs), and also the Bulk API's header forms `Parent.Oracle_Id__c`
 * and `Account:Parent.Oracle_Id__c`, which mean the same thing. freight_sdl_target_to_string()
 * always gives Data Loader's form, so Data Loader can read what Freight writes.
 *
 * Targets are immutable and reference counted.
 */

struct _FreightSdlTarget
{
  gatomicrefcount       ref_count;
  FreightSdlTargetKind  kind;
  char                 *field;
  char                 *relationship;
  char                 *object_type;
  char                 *id_field;
};

G_DEFINE_BOXED_TYPE (FreightSdlTarget, freight_sdl_target,
                     freight_sdl_target_ref, freight_sdl_target_unref)

/**
 * freight_sdl_target_new_field:
 * @field: the field's API name (in an extract mapping, a SOQL field path)
 *
 * Returns: (transfer full): a target that sets @field
 */
FreightSdlTarget *
freight_sdl_target_new_field (const char *field)
{
  FreightSdlTarget *self;

  g_return_val_if_fail (field != NULL && g_utf8_validate (field, -1, NULL), NULL);

  self = g_new0 (FreightSdlTarget, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->kind = FREIGHT_SDL_TARGET_FIELD;
  self->field = g_strdup (field);

  return self;
}

/**
 * freight_sdl_target_new_relationship:
 * @relationship: the lookup's relationship name, e.g. `Parent` or `Account__r`
 * @object_type: (nullable): the parent's object type, e.g. `Account`; needed for a
 *   polymorphic lookup
 * @id_field: the parent's external ID or idLookup field, e.g. `Oracle_Id__c`
 *
 * Returns: (transfer full): a target that sets the lookup to the parent whose @id_field
 *   holds the column's value
 */
FreightSdlTarget *
freight_sdl_target_new_relationship (const char *relationship,
                                     const char *object_type,
                                     const char *id_field)
{
  FreightSdlTarget *self;

  g_return_val_if_fail (relationship != NULL && g_utf8_validate (relationship, -1, NULL),
                        NULL);
  g_return_val_if_fail (object_type == NULL || g_utf8_validate (object_type, -1, NULL), NULL);
  g_return_val_if_fail (id_field != NULL && g_utf8_validate (id_field, -1, NULL), NULL);

  self = g_new0 (FreightSdlTarget, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->kind = FREIGHT_SDL_TARGET_RELATIONSHIP;
  self->relationship = g_strdup (relationship);
  self->object_type = g_strdup (object_type);
  self->id_field = g_strdup (id_field);

  return self;
}

FreightSdlTarget *
freight_sdl_target_ref (FreightSdlTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
freight_sdl_target_unref (FreightSdlTarget *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->field);
      g_free (self->relationship);
      g_free (self->object_type);
      g_free (self->id_field);
      g_free (self);
    }
}

/* A relationship name, object type or field name inside a relationship target. */
static gboolean
is_name_part (const char *part,
              gsize       len)
{
  if (len == 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = part[i];

      if (_freight_sdl_is_blank (c) || c == ',' || c == ':' || c == '-' || c == '.')
        return FALSE;
    }

  return TRUE;
}

static void
set_malformed_relationship_error (GError     **error,
                                  const char  *text)
{
  g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET,
               _("“%s” is not a valid relationship target; write "
                 "RelationshipName:IdLookupField, e.g. Parent:Oracle_Id__c, or "
                 "RelationshipName:ObjectType-IdLookupField, e.g. Who:Contact-Email"),
               text);
}

/**
 * freight_sdl_target_parse:
 * @text: one item of a load mapping's value, e.g. `Name`, `Parent:Oracle_Id__c` or
 *   `Parent:Account-Oracle_Id__c` (blanks around it are ignored)
 * @error: return location for a #FREIGHT_SDL_ERROR
 *
 * Reads a load target as Data Loader does: an item with a `:` is a relationship, in the
 * old style `Relationship:IdLookupField` or, when a `-` follows the `:`, the new style
 * `Relationship:ObjectType-IdLookupField`. An item with a `.` is the Bulk API's
 * `Relationship.IdLookupField` or `ObjectType:Relationship.IdLookupField`. An item with a
 * `=` is an error: it comes from an unescaped blank in the key. Anything else is a field
 * name (which may contain `-`: Data Loader also accepts field labels).
 *
 * Returns: (transfer full) (nullable): the target, or %NULL with @error set
 */
FreightSdlTarget *
freight_sdl_target_parse (const char  *text,
                          GError     **error)
{
  g_autofree char *item = NULL;
  const char *relationship;
  const char *relationship_end;
  const char *object_type = NULL;
  const char *object_type_end = NULL;
  const char *id_field;
  const char *colon;
  const char *dot;
  g_autofree char *relationship_copy = NULL;
  g_autofree char *object_type_copy = NULL;

  g_return_val_if_fail (text != NULL && g_utf8_validate (text, -1, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  item = _freight_sdl_strip (text);
  if (item[0] == '\0')
    {
      g_set_error_literal (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET,
                           _("the field name is empty"));
      return NULL;
    }
  if (strchr (item, ',') != NULL)
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET,
                   _("“%s” is not one field name: it contains a comma"), item);
      return NULL;
    }

  /* No field or relationship has a `=`: the key had an unescaped blank, so the value
   * swallowed the rest of the line (`Account Name=Name`, `Street1, Street2=…`). */
  if (strchr (item, '=') != NULL)
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET,
                   _("“%s” is not a field name: a blank ends the key, so write each blank "
                     "in a column name as “\\ ”, e.g. Account\\ Name=Name, and none "
                     "after a comma"),
                   item);
      return NULL;
    }

  colon = strchr (item, ':');
  dot = strchr (item, '.');

  if (colon == NULL && dot == NULL)
    return freight_sdl_target_new_field (item);

  if (dot == NULL)
    {
      /* Data Loader: Relationship:IdLookupField or Relationship:ObjectType-IdLookupField */
      const char *dash = strchr (colon + 1, '-');

      relationship = item;
      relationship_end = colon;
      if (dash != NULL)
        {
          object_type = colon + 1;
          object_type_end = dash;
          id_field = dash + 1;
        }
      else
        {
          id_field = colon + 1;
        }
    }
  else
    {
      /* Bulk API: Relationship.IdLookupField or ObjectType:Relationship.IdLookupField */
      relationship = item;
      if (colon != NULL)
        {
          object_type = item;
          object_type_end = colon;
          relationship = colon + 1;
        }
      relationship_end = strchr (relationship, '.');
      if (relationship_end == NULL)
        {
          set_malformed_relationship_error (error, item);
          return NULL;
        }
      id_field = relationship_end + 1;
    }

  if (!is_name_part (relationship, relationship_end - relationship)
      || (object_type != NULL && !is_name_part (object_type, object_type_end - object_type))
      || !is_name_part (id_field, strlen (id_field)))
    {
      set_malformed_relationship_error (error, item);
      return NULL;
    }

  relationship_copy = g_strndup (relationship, relationship_end - relationship);
  if (object_type != NULL)
    object_type_copy = g_strndup (object_type, object_type_end - object_type);

  return freight_sdl_target_new_relationship (relationship_copy, object_type_copy, id_field);
}

FreightSdlTargetKind
freight_sdl_target_get_kind (FreightSdlTarget *self)
{
  g_return_val_if_fail (self != NULL, FREIGHT_SDL_TARGET_FIELD);

  return self->kind;
}

/**
 * freight_sdl_target_get_field:
 *
 * Returns: (nullable): the field of a %FREIGHT_SDL_TARGET_FIELD target, else %NULL
 */
const char *
freight_sdl_target_get_field (FreightSdlTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->field;
}

/**
 * freight_sdl_target_get_relationship:
 *
 * Returns: (nullable): the relationship name of a %FREIGHT_SDL_TARGET_RELATIONSHIP
 *   target, else %NULL
 */
const char *
freight_sdl_target_get_relationship (FreightSdlTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->relationship;
}

/**
 * freight_sdl_target_get_object_type:
 *
 * Returns: (nullable): the parent's object type of a new-style relationship target, else
 *   %NULL
 */
const char *
freight_sdl_target_get_object_type (FreightSdlTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->object_type;
}

/**
 * freight_sdl_target_get_id_field:
 *
 * Returns: (nullable): the parent's external ID or idLookup field of a
 *   %FREIGHT_SDL_TARGET_RELATIONSHIP target, else %NULL
 */
const char *
freight_sdl_target_get_id_field (FreightSdlTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->id_field;
}

/**
 * freight_sdl_target_to_string:
 *
 * Returns: (transfer full): the target as Data Loader writes it, unescaped: `Name`,
 *   `Parent:Oracle_Id__c` or `Parent:Account-Oracle_Id__c`
 */
char *
freight_sdl_target_to_string (FreightSdlTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == FREIGHT_SDL_TARGET_FIELD)
    return g_strdup (self->field);

  if (self->object_type != NULL)
    return g_strconcat (self->relationship, ":", self->object_type, "-", self->id_field, NULL);

  return g_strconcat (self->relationship, ":", self->id_field, NULL);
}

gboolean
freight_sdl_target_equal (FreightSdlTarget *a,
                          FreightSdlTarget *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->kind == b->kind
         && g_strcmp0 (a->field, b->field) == 0
         && g_strcmp0 (a->relationship, b->relationship) == 0
         && g_strcmp0 (a->object_type, b->object_type) == 0
         && g_strcmp0 (a->id_field, b->id_field) == 0;
}

/* Whether @target can be written in a mapping of @direction and read back the same. */
gboolean
_freight_sdl_target_check (FreightSdlTarget     *target,
                           FreightSdlDirection   direction,
                           GError              **error)
{
  g_autofree char *text = NULL;

  if (target->kind == FREIGHT_SDL_TARGET_RELATIONSHIP)
    {
      if (direction == FREIGHT_SDL_DIRECTION_EXTRACT)
        {
          text = freight_sdl_target_to_string (target);
          g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_INVALID_ENTRY,
                       _("“%s” is a relationship target, but an extract mapping reads SOQL "
                         "fields such as Parent.Oracle_Id__c"),
                       text);
          return FALSE;
        }

      if (!is_name_part (target->relationship, strlen (target->relationship))
          || (target->object_type != NULL
              && !is_name_part (target->object_type, strlen (target->object_type)))
          || !is_name_part (target->id_field, strlen (target->id_field)))
        {
          text = freight_sdl_target_to_string (target);
          set_malformed_relationship_error (error, text);
          return FALSE;
        }

      return TRUE;
    }

  text = _freight_sdl_strip (target->field);
  if (text[0] == '\0' || strcmp (text, target->field) != 0 || strchr (text, ',') != NULL)
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET,
                   _("“%s” can't be a field name in a mapping file: it must not be empty, "
                     "begin or end with a blank, or contain a comma"),
                   target->field);
      return FALSE;
    }

  if (direction == FREIGHT_SDL_DIRECTION_LOAD && strpbrk (text, ":.=") != NULL)
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET,
                   _("“%s” can't be a field name in a load mapping: it must not contain "
                     "“:”, “.” or “=”"),
                   target->field);
      return FALSE;
    }

  if (direction == FREIGHT_SDL_DIRECTION_EXTRACT && text[0] == '"')
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET,
                   _("“%s” can't be a field name in an extract mapping: a name in double "
                     "quotes is a constant"),
                   target->field);
      return FALSE;
    }

  return TRUE;
}
