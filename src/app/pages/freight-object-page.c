/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-object-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-app-util.h"
#include "freight-object-page.h"

/* Object and operation: the operation as linked toggle buttons, the upsert's external ID
 * field, and the org's objects that the operation allows, searchable by label or API
 * name. Choosing an object loads its describe through the wizard; activating it (Enter,
 * double click) also goes on to the next step once the describe is there. */

struct _FreightObjectPage
{
  FreightWizardPage   parent_instance;

  /* Template widgets */
  GtkLabel           *operation_summary;
  GtkListBox         *external_id_list;
  AdwComboRow        *external_id_row;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkSpinner         *objects_spinner;
  AdwStatusPage      *objects_error_page;
  AdwStatusPage      *empty_page;
  GtkListView        *object_list;
  GtkRevealer        *status_revealer;
  GtkSpinner         *object_spinner;
  GtkImage           *object_error_icon;
  GtkLabel           *status_label;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GListStore         *key_fields;
  char               *search;

  guint               syncing : 1;
  guint               advance_when_loaded : 1;
};

G_DEFINE_FINAL_TYPE (FreightObjectPage, freight_object_page, FREIGHT_TYPE_WIZARD_PAGE)

enum {
  PROP_0,
  PROP_OPERATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static FreightWizard *
get_wizard (FreightObjectPage *self)
{
  return freight_wizard_page_get_wizard (FREIGHT_WIZARD_PAGE (self));
}

/* The one place that decides which of the page's actions are enabled. */
static void
update_actions (FreightObjectPage *self)
{
  FreightWizard *wizard = get_wizard (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "object.reload",
                                 wizard != NULL &&
                                 freight_wizard_get_session (wizard) != NULL &&
                                 !freight_wizard_get_objects_loading (wizard));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "object.operation", wizard != NULL);
}

static void
update_complete (FreightObjectPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  gboolean complete = FALSE;

  if (wizard != NULL)
    complete = freight_wizard_get_object (wizard) != NULL &&
               !freight_wizard_get_object_loading (wizard) &&
               (freight_wizard_get_operation (wizard) != FREIGHT_OPERATION_UPSERT ||
                freight_wizard_get_external_id_field (wizard) != NULL);

  freight_wizard_page_set_complete (FREIGHT_WIZARD_PAGE (self), complete);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  FreightObjectPage *self = user_data;
  FreightDescribeGlobalEntry *entry = item;
  FreightWizard *wizard = get_wizard (self);
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  if (wizard == NULL ||
      !freight_describe_global_entry_allows_operation (entry,
                                                       freight_wizard_get_operation (wizard)))
    return FALSE;

  if (self->search == NULL)
    return TRUE;

  label = g_utf8_casefold (freight_describe_global_entry_get_label (entry), -1);
  name = g_utf8_casefold (freight_describe_global_entry_get_name (entry), -1);
  return strstr (label, self->search) != NULL || strstr (name, self->search) != NULL;
}

static void
update_list_state (FreightObjectPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  const char *page;

  if (wizard == NULL || freight_wizard_get_objects_loading (wizard))
    page = "loading";
  else if (freight_wizard_get_objects_error (wizard) != NULL)
    {
      adw_status_page_set_description (self->objects_error_page,
                                       freight_wizard_get_objects_error (wizard));
      page = "error";
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    {
      g_autofree char *description = NULL;

      if (self->search != NULL)
        /* Translators: the search term, then the operation, e.g. “Delete”. */
        description = g_strdup_printf (_("No object that allows %s matches “%s”."),
                                       _freight_operation_get_label (
                                         freight_wizard_get_operation (wizard)),
                                       gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      else
        description = g_strdup_printf (_("The org has no object that allows %s."),
                                       _freight_operation_get_label (
                                         freight_wizard_get_operation (wizard)));
      adw_status_page_set_description (self->empty_page, description);
      page = "empty";
    }
  else
    page = "list";

  gtk_spinner_set_spinning (self->objects_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->list_stack, page);
}

/* Selects the wizard's object in the list, without choosing it again. */
static void
sync_selection (FreightObjectPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  const char *name = wizard != NULL ? freight_wizard_get_object_name (wizard) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; name != NULL && i < n; i++)
    {
      g_autoptr(FreightDescribeGlobalEntry) entry = NULL;

      entry = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (g_ascii_strcasecmp (freight_describe_global_entry_get_name (entry), name) == 0)
        {
          position = i;
          break;
        }
    }

  if (gtk_single_selection_get_selected (self->selection) == position)
    return;

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;
}

static void
refilter (FreightObjectPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  sync_selection (self);
  update_list_state (self);
}

static void
update_status (FreightObjectPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  g_autofree char *text = NULL;
  gboolean loading = FALSE;
  const char *error = NULL;

  if (wizard != NULL && freight_wizard_get_object_name (wizard) != NULL)
    {
      FreightDescribeGlobalEntry *entry;
      const char *label;

      entry = freight_wizard_lookup_object_entry (wizard, freight_wizard_get_object_name (wizard));
      label = entry != NULL ? freight_describe_global_entry_get_label (entry)
                            : freight_wizard_get_object_name (wizard);
      loading = freight_wizard_get_object_loading (wizard);
      error = freight_wizard_get_object_error (wizard);
      if (loading)
        /* Translators: the object's label, e.g. “Invoice”. */
        text = g_strdup_printf (_("Reading the fields of %s…"), label);
      else if (error != NULL)
        text = g_strdup (error);
    }

  gtk_spinner_set_spinning (self->object_spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->object_spinner), loading);
  gtk_widget_set_visible (GTK_WIDGET (self->object_error_icon), error != NULL);
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->status_revealer, text != NULL);
}

static void
update_operation (FreightObjectPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  FreightOperation operation = freight_wizard_get_operation (wizard);

  gtk_label_set_text (self->operation_summary, _freight_operation_get_summary (operation));
  if (operation == FREIGHT_OPERATION_HARD_DELETE)
    gtk_widget_add_css_class (GTK_WIDGET (self->operation_summary), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->operation_summary), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->external_id_list),
                          operation == FREIGHT_OPERATION_UPSERT);

  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATION]);
}

static void
sync_external_id (FreightObjectPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  GListModel *fields = G_LIST_MODEL (self->key_fields);
  const char *current = freight_wizard_get_external_id_field (wizard);
  guint n = g_list_model_get_n_items (fields);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; current != NULL && i < n; i++)
    {
      g_autoptr(FreightDescribeField) field = g_list_model_get_item (fields, i);

      if (g_strcmp0 (freight_describe_field_get_name (field), current) == 0)
        position = i;
    }

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->external_id_row, position);
  self->syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->external_id_row), n > 0);
}

/* The combo row gets a copy of the wizard's key fields: a combo row selects its first item
 * when its model fills, which must not choose that field for the user. */
static void
sync_key_fields (FreightObjectPage *self)
{
  GListModel *fields = freight_wizard_get_key_fields (get_wizard (self));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    g_ptr_array_add (items, g_list_model_get_item (fields, i));

  self->syncing = TRUE;
  g_list_store_splice (self->key_fields, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->key_fields)),
                       items->pdata, items->len);
  self->syncing = FALSE;
  sync_external_id (self);
}

static void
external_id_selected_cb (FreightObjectPage *self)
{
  g_autoptr(FreightDescribeField) field = NULL;
  guint position;

  if (self->syncing || get_wizard (self) == NULL)
    return;

  position = adw_combo_row_get_selected (self->external_id_row);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  field = g_list_model_get_item (adw_combo_row_get_model (self->external_id_row), position);
  freight_wizard_set_external_id_field (get_wizard (self), freight_describe_field_get_name (field));
}

static char *
external_id_label (FreightDescribeField *field)
{
  if (field == NULL)
    return g_strdup ("");

  /* Translators: a field's label, then its API name, e.g. “External ID (External_Id__c)”. */
  return g_strdup_printf (_("%s (%s)"), freight_describe_field_get_label (field),
                          freight_describe_field_get_name (field));
}

static void
advance (FreightObjectPage *self)
{
  self->advance_when_loaded = FALSE;
  if (freight_wizard_page_get_complete (FREIGHT_WIZARD_PAGE (self)) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.next", NULL);
}

static void
choose (FreightObjectPage          *self,
        FreightDescribeGlobalEntry *entry,
        gboolean                    go_on)
{
  FreightWizard *wizard = get_wizard (self);

  freight_wizard_set_object_name (wizard, freight_describe_global_entry_get_name (entry));
  if (go_on)
    {
      if (freight_wizard_get_object_loading (wizard))
        self->advance_when_loaded = TRUE;
      else
        advance (self);
    }
}

static void
selection_changed_cb (FreightObjectPage *self)
{
  FreightDescribeGlobalEntry *entry;

  if (self->syncing)
    return;

  /* Filtering the chosen object out of sight does not unchoose it. */
  entry = gtk_single_selection_get_selected_item (self->selection);
  if (entry != NULL)
    choose (self, entry, FALSE);
}

static void
object_activate_cb (FreightObjectPage *self,
                    guint              position)
{
  g_autoptr(FreightDescribeGlobalEntry) entry = NULL;

  entry = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  if (entry == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  choose (self, entry, TRUE);
}

static void
search_changed_cb (FreightObjectPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (*stripped != '\0')
    self->search = g_utf8_casefold (stripped, -1);
  refilter (self);
}

/* Enter in the search entry takes the first match. */
static void
search_activate_cb (FreightObjectPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) > 0)
    object_activate_cb (self, 0);
}

static gboolean
search_key_pressed_cb (FreightObjectPage     *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) == 0)
    return FALSE;

  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    object_activate_cb (self, 0);
  return gtk_widget_grab_focus (GTK_WIDGET (self->object_list));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  freight_wizard_reload_objects (get_wizard (FREIGHT_OBJECT_PAGE (widget)));
}

/* Wizard → page */

static void
objects_changed_cb (FreightObjectPage *self)
{
  update_list_state (self);
  update_actions (self);
  sync_selection (self);
  update_status (self);
}

static void
object_changed_cb (FreightObjectPage *self)
{
  sync_selection (self);
  update_status (self);
  update_complete (self);
  if (self->advance_when_loaded && !freight_wizard_get_object_loading (get_wizard (self)))
    advance (self);
}

static void
freight_object_page_wizard_changed (FreightWizardPage *page,
                                    FreightWizard     *wizard)
{
  FreightObjectPage *self = FREIGHT_OBJECT_PAGE (page);

  gtk_filter_list_model_set_model (self->filtered,
                                   wizard != NULL ? freight_wizard_get_objects (wizard) : NULL);
  if (wizard != NULL)
    {
      g_signal_connect_object (wizard, "notify::objects-loading",
                               G_CALLBACK (objects_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::objects-error",
                               G_CALLBACK (objects_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::session",
                               G_CALLBACK (objects_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::operation",
                               G_CALLBACK (update_operation), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::operation",
                               G_CALLBACK (update_complete), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::object-name",
                               G_CALLBACK (object_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::object",
                               G_CALLBACK (object_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::object-loading",
                               G_CALLBACK (object_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::object-error",
                               G_CALLBACK (object_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::external-id-field",
                               G_CALLBACK (sync_external_id), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::external-id-field",
                               G_CALLBACK (update_complete), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::object",
                               G_CALLBACK (sync_key_fields), self, G_CONNECT_SWAPPED);
      update_operation (self);
      sync_key_fields (self);
    }

  objects_changed_cb (self);
  update_complete (self);
}

static void
freight_object_page_shown (FreightWizardPage *page)
{
  FreightObjectPage *self = FREIGHT_OBJECT_PAGE (page);

  if (gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    gtk_widget_grab_focus (GTK_WIDGET (self->object_list));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
freight_object_page_dispose (GObject *object)
{
  FreightObjectPage *self = FREIGHT_OBJECT_PAGE (object);

  /* AdwBin keeps its child itself: it must let go before the template's children go. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_OBJECT_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->key_fields);

  G_OBJECT_CLASS (freight_object_page_parent_class)->dispose (object);
}

static void
freight_object_page_finalize (GObject *object)
{
  FreightObjectPage *self = FREIGHT_OBJECT_PAGE (object);

  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (freight_object_page_parent_class)->finalize (object);
}

static void
freight_object_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FreightObjectPage *self = FREIGHT_OBJECT_PAGE (object);
  FreightWizard *wizard = get_wizard (self);

  switch (prop_id)
    {
    case PROP_OPERATION:
      g_value_set_string (value,
                          freight_operation_to_string (wizard != NULL
                                                       ? freight_wizard_get_operation (wizard)
                                                       : FREIGHT_OPERATION_INSERT));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_object_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FreightObjectPage *self = FREIGHT_OBJECT_PAGE (object);
  FreightOperation operation;

  switch (prop_id)
    {
    case PROP_OPERATION:
      if (get_wizard (self) != NULL &&
          freight_operation_from_string (g_value_get_string (value), &operation))
        freight_wizard_set_operation (get_wizard (self), operation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_object_page_class_init (FreightObjectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FreightWizardPageClass *page_class = FREIGHT_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = freight_object_page_dispose;
  object_class->finalize = freight_object_page_finalize;
  object_class->get_property = freight_object_page_get_property;
  object_class->set_property = freight_object_page_set_property;

  page_class->wizard_changed = freight_object_page_wizard_changed;
  page_class->shown = freight_object_page_shown;

  /* The wizard's operation by its API name, for the toggle buttons' action. */
  properties[PROP_OPERATION] =
    g_param_spec_string ("operation", NULL, NULL, "insert",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-object-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, operation_summary);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, external_id_list);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, external_id_row);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, objects_spinner);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, objects_error_page);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, object_list);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, object_spinner);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, object_error_icon);
  gtk_widget_class_bind_template_child (widget_class, FreightObjectPage, status_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, object_activate_cb);

  gtk_widget_class_install_property_action (widget_class, "object.operation", "operation");
  gtk_widget_class_install_action (widget_class, "object.reload", NULL, reload_action);

  g_type_ensure (FREIGHT_TYPE_DESCRIBE_GLOBAL_ENTRY);
}

static void
freight_object_page_init (FreightObjectPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkExpression) label = NULL;
  GtkSorter *sorter;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  label = gtk_property_expression_new (FREIGHT_TYPE_DESCRIBE_GLOBAL_ENTRY, NULL, "label");
  sorter = GTK_SORTER (gtk_string_sorter_new (g_steal_pointer (&label)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), sorter);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorted, "items-changed",
                           G_CALLBACK (update_list_state), self, G_CONNECT_SWAPPED);

  factory = gtk_builder_list_item_factory_new_from_resource (NULL, RESOURCE_BASE
                                                             "/freight-object-row.ui");
  gtk_list_view_set_factory (self->object_list, factory);
  gtk_list_view_set_model (self->object_list, GTK_SELECTION_MODEL (self->selection));

  self->key_fields = g_list_store_new (FREIGHT_TYPE_DESCRIBE_FIELD);
  adw_combo_row_set_model (self->external_id_row, G_LIST_MODEL (self->key_fields));
  adw_combo_row_set_expression (self->external_id_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (external_id_label),
                                                             NULL, NULL));
  g_signal_connect_object (self->external_id_row, "notify::selected",
                           G_CALLBACK (external_id_selected_cb), self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  update_actions (self);
  update_list_state (self);
}

/**
 * freight_object_page_new:
 *
 * Returns: (transfer full): a new object and operation page
 */
GtkWidget *
freight_object_page_new (void)
{
  return g_object_new (FREIGHT_TYPE_OBJECT_PAGE, NULL);
}
