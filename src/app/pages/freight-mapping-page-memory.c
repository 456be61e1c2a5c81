/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-mapping-memory.h"
#include "freight-mapping-page-private.h"

/* Remembering on the mapping page: the mapping is saved per (org, object, CSV header) while
 * the user works, and what was saved for a header is offered when the header comes again.
 * Until the user has taken or left the offer nothing is saved, so the offer is not
 * overwritten by a guess. */

#define SAVE_DELAY_MS 500

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Not remembering is no reason to stop the user; the log says why for a bug report. */
  if (!_freight_mapping_memory_save_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not remember the mapping: %s", error->message);
}

void
_freight_mapping_page_save_now (FreightMappingPage *self)
{
  FreightMapping *mapping = _freight_mapping_page_get_mapping (self);
  g_autoptr(JsonNode) json = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->remember || self->memory_key == NULL || mapping == NULL ||
      freight_mapping_get_n_entries (mapping) == 0)
    return;

  json = freight_mapping_to_json (mapping);
  _freight_mapping_memory_save_async (self->memory_key, json, NULL, save_cb, NULL);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  FreightMappingPage *self = user_data;

  self->save_source = 0;
  _freight_mapping_page_save_now (self);
  return G_SOURCE_REMOVE;
}

void
_freight_mapping_page_schedule_save (FreightMappingPage *self)
{
  if (!self->remember || self->memory_key == NULL)
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

void
_freight_mapping_page_set_remembered (FreightMappingPage *self,
                JsonNode           *node)
{
  g_clear_pointer (&self->remembered, json_node_unref);
  if (node != NULL)
    self->remembered = json_node_ref (node);
  gtk_revealer_set_reveal_child (self->memory_revealer, node != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->memory_revealer), node != NULL);
  _freight_mapping_page_update_actions (self);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FreightMappingPage) self = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  FreightWizard *wizard;

  node = _freight_mapping_memory_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->memory_cancellable);

  wizard = _freight_mapping_page_get_wizard (self);
  if (wizard == NULL)
    return;

  if (error != NULL)
    g_message ("Could not read the remembered mapping: %s", error->message);

  if (node != NULL)
    {
      g_autofree char *text = NULL;
      FreightDescribeObject *describe = freight_wizard_get_object (wizard);

      /* Translators: the object's label, e.g. “Invoice”. */
      text = g_strdup_printf (_("These columns were mapped into %s before. Freight can map "
                                "them the same way again."),
                              freight_describe_object_get_label (describe));
      gtk_label_set_text (self->memory_label, text);
      _freight_mapping_page_set_remembered (self, node);
      return;
    }

  /* Nothing remembered: a first guess for the columns not mapped yet, and remember from
   * now on. */
  self->remember = TRUE;
  _freight_mapping_page_auto_map (self, TRUE);
  _freight_mapping_page_schedule_save (self);
}

/* A new (org, object, header): offer what was remembered for it, or guess. */
void
_freight_mapping_page_check_memory (FreightMappingPage *self)
{
  FreightWizard *wizard = _freight_mapping_page_get_wizard (self);
  const char * const *columns = freight_wizard_get_columns (wizard);
  const char *org_id = freight_wizard_get_org_id (wizard);
  g_autofree char *key = NULL;

  if (freight_wizard_get_object (wizard) == NULL || columns == NULL)
    return;

  if (org_id != NULL)
    key = freight_mapping_dup_memory_key (org_id, freight_wizard_get_object_name (wizard),
                                          columns);
  if (key != NULL && g_strcmp0 (key, self->memory_key) == 0)
    return;

  _freight_mapping_page_save_now (self);
  g_free (self->memory_key);
  self->memory_key = g_steal_pointer (&key);
  self->remember = FALSE;
  _freight_mapping_page_set_remembered (self, NULL);
  g_list_store_remove_all (self->notes);

  if (self->memory_cancellable != NULL)
    g_cancellable_cancel (self->memory_cancellable);
  g_clear_object (&self->memory_cancellable);

  if (self->memory_key == NULL)
    {
      _freight_mapping_page_auto_map (self, TRUE);
      return;
    }

  self->memory_cancellable = g_cancellable_new ();
  _freight_mapping_memory_lookup_async (self->memory_key, self->memory_cancellable, lookup_cb,
                                        g_object_ref (self));
}

void
_freight_mapping_page_use_remembered_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  FreightMappingPage *self = FREIGHT_MAPPING_PAGE (widget);
  FreightWizard *wizard = _freight_mapping_page_get_wizard (self);
  FreightMapping *mapping = freight_wizard_get_mapping (wizard);
  g_autoptr(JsonNode) node = json_node_ref (self->remembered);
  g_autoptr(GError) error = NULL;

  _freight_mapping_page_set_remembered (self, NULL);
  self->remember = TRUE;
  g_list_store_remove_all (self->notes);

  if (!freight_mapping_load_json (mapping, node, &error))
    {
      freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), error->message);
      return;
    }

  /* The operation and key the user chose this time stay. */
  freight_mapping_set_operation (mapping, freight_wizard_get_operation (wizard));
  freight_mapping_set_external_id_field (mapping, freight_wizard_get_external_id_field (wizard));
  freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self),
                                 _("The columns are mapped as last time"));
}

void
_freight_mapping_page_dismiss_remembered_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  FreightMappingPage *self = FREIGHT_MAPPING_PAGE (widget);

  _freight_mapping_page_set_remembered (self, NULL);
  self->remember = TRUE;
  if (freight_mapping_get_n_entries (_freight_mapping_page_get_mapping (self)) == 0)
    _freight_mapping_page_auto_map (self, TRUE);
}
