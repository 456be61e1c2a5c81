/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-wizard-private.h"

/* What the load does: the org's objects (describeGlobal), the operation, the chosen object
 * with its describe and the describes of the objects its lookups point to, and the
 * external ID field of an upsert. */

static void
set_objects_loading (FreightWizard *self,
                     gboolean       loading)
{
  if (self->objects_loading != !!loading)
    {
      self->objects_loading = !!loading;
      _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_OBJECTS_LOADING);
    }
}

static void
set_objects_error (FreightWizard *self,
                   const char    *message)
{
  if (_freight_wizard_set_string (&self->objects_error, message))
    _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_OBJECTS_ERROR);
}

static void
describe_global_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FreightWizard) self = user_data;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  json = freight_org_session_describe_global_finish (FREIGHT_ORG_SESSION (object), result,
                                                     &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      FREIGHT_ORG_SESSION (object) != self->session)
    return;

  if (json != NULL)
    entries = freight_describe_global_entry_parse_list (json, &error);

  if (entries == NULL)
    {
      set_objects_error (self, error->message);
      set_objects_loading (self, FALSE);
      return;
    }

  n = g_list_model_get_n_items (entries);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (entries, i));
  g_list_store_splice (self->objects, 0, g_list_model_get_n_items (G_LIST_MODEL (self->objects)),
                       items->pdata, items->len);
  set_objects_error (self, NULL);
  set_objects_loading (self, FALSE);

  /* An object chosen before the list came (by a test or a later Connect page) must be
   * one the operation allows. */
  if (self->object_name != NULL)
    {
      FreightDescribeGlobalEntry *entry;

      entry = freight_wizard_lookup_object_entry (self, self->object_name);
      if (entry == NULL || !freight_describe_global_entry_allows_operation (entry,
                                                                            self->operation))
        freight_wizard_set_object_name (self, NULL);
    }
}

/**
 * freight_wizard_reload_objects:
 * @self: a #FreightWizard
 *
 * Fetches the org's object list (describeGlobal) again, e.g. after an error.
 */
void
freight_wizard_reload_objects (FreightWizard *self)
{
  g_return_if_fail (FREIGHT_IS_WIZARD (self));
  g_return_if_fail (self->session != NULL);

  g_cancellable_cancel (self->objects_cancellable);
  g_clear_object (&self->objects_cancellable);
  self->objects_cancellable = g_cancellable_new ();

  set_objects_error (self, NULL);
  set_objects_loading (self, TRUE);
  freight_org_session_describe_global_async (self->session, self->objects_cancellable,
                                             describe_global_cb, g_object_ref (self));
}

/* The object */

static void
set_object_loading (FreightWizard *self,
                    gboolean       loading)
{
  if (self->object_loading != !!loading)
    {
      self->object_loading = !!loading;
      _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_OBJECT_LOADING);
    }
}

static void
set_object_error (FreightWizard *self,
                  const char    *message)
{
  if (_freight_wizard_set_string (&self->object_error, message))
    _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_OBJECT_ERROR);
}

static void
set_related_loading (FreightWizard *self,
                     guint          n)
{
  if (self->related_loading != n)
    {
      self->related_loading = n;
      _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_RELATED_LOADING);
    }
}

/* The upsert key: kept if the object has it, else its first external ID field, else Id. */
static void
choose_external_id_field (FreightWizard *self)
{
  FreightDescribeField *best = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->key_fields));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightDescribeField) field = NULL;

      field = g_list_model_get_item (G_LIST_MODEL (self->key_fields), i);

      if (self->external_id_field != NULL &&
          g_ascii_strcasecmp (freight_describe_field_get_name (field),
                              self->external_id_field) == 0)
        {
          freight_wizard_set_external_id_field (self, freight_describe_field_get_name (field));
          return;
        }
      if (best == NULL && freight_describe_field_get_external_id (field))
        best = field;
    }

  if (best == NULL && n > 0)
    best = freight_describe_object_get_id_field (self->object);

  freight_wizard_set_external_id_field (self, best != NULL
                                              ? freight_describe_field_get_name (best)
                                              : NULL);
}

static void
update_key_fields (FreightWizard *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->object != NULL)
    {
      guint n = freight_describe_object_get_n_fields (self->object);

      for (guint i = 0; i < n; i++)
        {
          FreightDescribeField *field = freight_describe_object_get_field (self->object, i);

          if (freight_describe_field_is_key (field))
            g_ptr_array_add (keys, g_object_ref (field));
        }
    }

  g_list_store_splice (self->key_fields, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->key_fields)),
                       keys->pdata, keys->len);
}

typedef struct
{
  FreightWizard *self;
  GCancellable  *cancellable;
} RelatedLoad;

static void
related_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RelatedLoad *load = user_data;
  FreightWizard *self = load->self;
  g_autoptr(GCancellable) cancellable = load->cancellable;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(FreightDescribeObject) related = NULL;
  g_autoptr(GError) error = NULL;

  g_free (load);
  json = freight_org_session_describe_sobject_finish (FREIGHT_ORG_SESSION (object), result,
                                                      &error);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_object_unref (self);
      return;
    }

  if (json != NULL)
    related = freight_describe_object_new_from_json (json, &error);

  /* A parent the user may not see only takes its relationship targets out of the picker. */
  if (related != NULL)
    freight_mapping_add_related_object (self->mapping, related);
  else
    g_debug ("No describe of a related object: %s", error->message);

  set_related_loading (self, self->related_loading - 1);
  g_object_unref (self);
}

static void
load_related_objects (FreightWizard *self)
{
  g_auto(GStrv) names = freight_describe_object_dup_referenced_objects (self->object);
  guint n = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      RelatedLoad *load;

      if (g_ascii_strcasecmp (names[i], self->object_name) == 0)
        {
          freight_mapping_add_related_object (self->mapping, self->object);
          continue;
        }

      load = g_new0 (RelatedLoad, 1);
      load->self = g_object_ref (self);
      load->cancellable = g_object_ref (self->object_cancellable);
      freight_org_session_describe_sobject_async (self->session, names[i],
                                                  self->object_cancellable,
                                                  related_cb, load);
      n++;
    }

  set_related_loading (self, self->related_loading + n);
}

static void
describe_object_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FreightWizard) self = user_data;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(FreightDescribeObject) describe = NULL;
  g_autoptr(GError) error = NULL;

  json = freight_org_session_describe_sobject_finish (FREIGHT_ORG_SESSION (object), result,
                                                      &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (json != NULL)
    describe = freight_describe_object_new_from_json (json, &error);

  if (describe == NULL)
    {
      set_object_error (self, error->message);
      set_object_loading (self, FALSE);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->object, describe);
  freight_mapping_set_object (self->mapping, describe);
  update_key_fields (self);
  choose_external_id_field (self);
  load_related_objects (self);
  set_object_loading (self, FALSE);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_OBJECT);
  _freight_wizard_update_ready (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
load_object (FreightWizard *self)
{
  g_assert (self->session != NULL && self->object_name != NULL);

  set_object_error (self, NULL);
  set_object_loading (self, TRUE);
  freight_org_session_describe_sobject_async (self->session, self->object_name,
                                              self->object_cancellable,
                                              describe_object_cb, g_object_ref (self));
}

static void
clear_object (FreightWizard *self)
{
  g_cancellable_cancel (self->object_cancellable);
  g_clear_object (&self->object_cancellable);
  self->object_cancellable = g_cancellable_new ();

  set_related_loading (self, 0);
  set_object_loading (self, FALSE);
  set_object_error (self, NULL);

  freight_mapping_remove_all (self->mapping);
  freight_mapping_set_object (self->mapping, NULL);
  if (self->object != NULL)
    {
      g_clear_object (&self->object);
      _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_OBJECT);
    }
  update_key_fields (self);
  _freight_wizard_update_ready (self);
}

/**
 * _freight_wizard_clear_objects:
 *
 * Forgets the org's object list, for another org.
 */
void
_freight_wizard_clear_objects (FreightWizard *self)
{
  g_cancellable_cancel (self->objects_cancellable);
  g_list_store_remove_all (self->objects);
  set_objects_error (self, NULL);
  set_objects_loading (self, FALSE);
}

/**
 * freight_wizard_get_objects:
 * @self: a #FreightWizard
 *
 * Returns: (transfer none): every #FreightDescribeGlobalEntry of the org, in the org's
 *   order; empty while FreightWizard:objects-loading
 */
GListModel *
freight_wizard_get_objects (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return G_LIST_MODEL (self->objects);
}

gboolean
freight_wizard_get_objects_loading (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), FALSE);

  return self->objects_loading;
}

const char *
freight_wizard_get_objects_error (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->objects_error;
}

FreightOperation
freight_wizard_get_operation (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), FREIGHT_OPERATION_INSERT);

  return self->operation;
}

/**
 * freight_wizard_set_operation:
 * @self: a #FreightWizard
 * @operation: the operation
 *
 * Sets the operation; an object that does not allow it is no longer chosen.
 */
void
freight_wizard_set_operation (FreightWizard    *self,
                              FreightOperation  operation)
{
  FreightDescribeGlobalEntry *entry;

  g_return_if_fail (FREIGHT_IS_WIZARD (self));

  if (self->operation == operation)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  self->operation = operation;
  freight_mapping_set_operation (self->mapping, operation);

  entry = self->object_name != NULL
          ? freight_wizard_lookup_object_entry (self, self->object_name) : NULL;
  if (entry != NULL && !freight_describe_global_entry_allows_operation (entry, operation))
    freight_wizard_set_object_name (self, NULL);
  else if (self->object != NULL)
    choose_external_id_field (self);

  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_OPERATION);
  _freight_wizard_update_ready (self);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
freight_wizard_get_object_name (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->object_name;
}

/**
 * freight_wizard_set_object_name:
 * @self: a #FreightWizard with a session
 * @name: (nullable): an object's API name
 *
 * Chooses the object to load into and starts loading its describe (and those of the
 * objects its lookups point to). The mapping starts empty.
 */
void
freight_wizard_set_object_name (FreightWizard *self,
                                const char    *name)
{
  g_return_if_fail (FREIGHT_IS_WIZARD (self));
  g_return_if_fail (name == NULL || self->session != NULL);

  if (g_strcmp0 (self->object_name, name) == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  _freight_wizard_set_string (&self->object_name, name);
  clear_object (self);
  if (name != NULL)
    load_object (self);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_OBJECT_NAME);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * freight_wizard_lookup_object_entry:
 * @self: a #FreightWizard
 * @name: an object's API name, in any case
 *
 * Returns: (transfer none) (nullable): the org's describeGlobal entry for @name
 */
FreightDescribeGlobalEntry *
freight_wizard_lookup_object_entry (FreightWizard *self,
                                    const char    *name)
{
  guint n;

  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->objects));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightDescribeGlobalEntry) entry = NULL;

      entry = g_list_model_get_item (G_LIST_MODEL (self->objects), i);

      if (g_ascii_strcasecmp (freight_describe_global_entry_get_name (entry), name) == 0)
        return entry;
    }

  return NULL;
}

/**
 * freight_wizard_get_object:
 * @self: a #FreightWizard
 *
 * Returns: (transfer none) (nullable): the describe of the chosen object, once loaded
 */
FreightDescribeObject *
freight_wizard_get_object (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->object;
}

gboolean
freight_wizard_get_object_loading (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), FALSE);

  return self->object_loading;
}

const char *
freight_wizard_get_object_error (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->object_error;
}

guint
freight_wizard_get_related_loading (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), 0);

  return self->related_loading;
}

const char *
freight_wizard_get_external_id_field (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->external_id_field;
}

void
freight_wizard_set_external_id_field (FreightWizard *self,
                                      const char    *field)
{
  g_return_if_fail (FREIGHT_IS_WIZARD (self));

  if (!_freight_wizard_set_string (&self->external_id_field, field))
    return;

  freight_mapping_set_external_id_field (self->mapping, field);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_EXTERNAL_ID_FIELD);
}

/**
 * freight_wizard_get_key_fields:
 * @self: a #FreightWizard
 *
 * Returns: (transfer none): the #FreightDescribeField list of the object's fields that
 *   can match records in an upsert (external ID or ID lookup fields, Id among them)
 */
GListModel *
freight_wizard_get_key_fields (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return G_LIST_MODEL (self->key_fields);
}
