/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-export-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-export-picker.h"

/* What an export takes from an object: the org's queryable objects (describeGlobal) to
 * search and pick one from, and that object's fields (describe) as a checklist to search,
 * select all or none of. The record ID is always exported; the fields a new record needs
 * are selected from the start, so that the file loads back. Compound fields (address,
 * location) and base64 fields are left out: Bulk queries cannot return them. */

struct _FreightExportPicker
{
  AdwBin                 parent_instance;

  FreightOrgSession     *session;
  GCancellable          *cancellable;
  GCancellable          *describe_cancellable;
  GtkFilterListModel    *objects;
  GtkCustomFilter       *object_filter;
  GtkSingleSelection    *object_selection;
  char                  *object_search_folded;
  FreightDescribeObject *object;
  GListStore            *fields;        /* the exportable fields of object */
  GtkFilterListModel    *shown_fields;
  GtkCustomFilter       *field_filter;
  char                  *field_search_folded;
  GHashTable            *selected;      /* field names */
  GHashTable            *bound_checks;  /* field name -> the check box of its row */
  gboolean               syncing;
  gboolean               loading;

  /* Template widgets */
  AdwLeaflet            *leaflet;
  GtkWidget             *sidebar;
  GtkWidget             *content;
  GtkSearchEntry        *object_search;
  GtkStack              *objects_stack;
  GtkSpinner            *objects_spinner;
  GtkListView           *object_list;
  AdwStatusPage         *objects_error_page;
  GtkButton             *back_button;
  GtkLabel              *count_label;
  GtkSearchEntry        *field_search;
  GtkStack              *fields_stack;
  GtkSpinner            *fields_spinner;
  GtkListView           *field_list;
  AdwStatusPage         *fields_error_page;
};

G_DEFINE_FINAL_TYPE (FreightExportPicker, freight_export_picker, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_OBJECT_NAME,
  PROP_N_SELECTED,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_exportable (FreightDescribeField *field)
{
  switch (freight_describe_field_get_field_type (field))
    {
    case FREIGHT_FIELD_TYPE_ADDRESS:
    case FREIGHT_FIELD_TYPE_LOCATION:
    case FREIGHT_FIELD_TYPE_BASE64:
      return FALSE;

    default:
      return TRUE;
    }
}

static gboolean
is_locked (FreightDescribeField *field)
{
  return freight_describe_field_get_field_type (field) == FREIGHT_FIELD_TYPE_ID;
}

static gboolean
matches (const char *needle,
         const char *a,
         const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (needle == NULL || needle[0] == '\0')
    return TRUE;
  fa = a != NULL ? g_utf8_casefold (a, -1) : NULL;
  fb = b != NULL ? g_utf8_casefold (b, -1) : NULL;
  return (fa != NULL && strstr (fa, needle) != NULL) ||
         (fb != NULL && strstr (fb, needle) != NULL);
}

static void
freight_export_picker_set_loading (FreightExportPicker *self,
                                   gboolean             loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Fields ----------------------------------------------------------------------------- */

static void
freight_export_picker_update_fields_view (FreightExportPicker *self)
{
  g_autofree char *text = NULL;
  guint n_fields = self->fields != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->fields))
                                        : 0;
  guint n_selected = g_hash_table_size (self->selected);

  if (self->object != NULL)
    {
      /* Translators: how many fields are selected, of an object's exportable fields. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u selected",
                                           "%u of %u selected", n_fields),
                              n_selected, n_fields);
      gtk_label_set_text (self->count_label, text);
    }
  else
    gtk_label_set_text (self->count_label, "");

  if (self->object != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->fields_stack), "loading") != 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->fields_stack), "error") != 0)
    gtk_stack_set_visible_child_name (self->fields_stack,
                                      g_list_model_get_n_items (
                                        G_LIST_MODEL (self->shown_fields)) > 0
                                      ? "list" : "no-match");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.select-all", self->object != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.select-none", self->object != NULL);
}

static void
freight_export_picker_selection_changed (FreightExportPicker *self)
{
  freight_export_picker_update_fields_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static gboolean
field_filter_func (gpointer item,
                   gpointer user_data)
{
  FreightExportPicker *self = user_data;
  FreightDescribeField *field = item;

  return matches (self->field_search_folded, freight_describe_field_get_label (field),
                  freight_describe_field_get_name (field));
}

static void
on_field_search_changed (FreightExportPicker *self)
{
  g_free (self->field_search_folded);
  self->field_search_folded =
    g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->field_search)), -1);
  gtk_filter_changed (GTK_FILTER (self->field_filter), GTK_FILTER_CHANGE_DIFFERENT);
  freight_export_picker_update_fields_view (self);
}

static void
set_selected (FreightExportPicker  *self,
              FreightDescribeField *field,
              gboolean              selected)
{
  const char *name = freight_describe_field_get_name (field);

  GtkCheckButton *check = g_hash_table_lookup (self->bound_checks, name);

  if (is_locked (field))
    selected = TRUE;
  if (selected)
    g_hash_table_add (self->selected, g_strdup (name));
  else
    g_hash_table_remove (self->selected, name);

  if (check != NULL && gtk_check_button_get_active (check) != selected)
    {
      self->syncing = TRUE;
      gtk_check_button_set_active (check, selected);
      self->syncing = FALSE;
    }
}

static void
on_check_toggled (GtkCheckButton      *check,
                  FreightExportPicker *self)
{
  FreightDescribeField *field = g_object_get_data (G_OBJECT (check), "field");

  if (field == NULL || self->syncing)
    return;
  set_selected (self, field, gtk_check_button_get_active (check));
  freight_export_picker_selection_changed (self);
}

static void
setup_field (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             FreightExportPicker      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *tag = gtk_label_new (NULL);

  /* The row takes the focus and toggles on Enter or Space; the box is for the mouse. */
  gtk_widget_set_focusable (check, FALSE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "badge");
  gtk_widget_add_css_class (tag, "neutral");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled), self, 0);
  gtk_list_item_set_child (item, box);
}

static void
bind_field (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            FreightExportPicker      *self)
{
  FreightDescribeField *field = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (check);
  GtkWidget *tag = gtk_widget_get_next_sibling (labels);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *details = NULL;
  const char *tag_text = NULL;

  /* Translators: a field's API name and type under its label: “Industry · picklist”. */
  details = g_strdup_printf (_("%s · %s"), freight_describe_field_get_name (field),
                             freight_describe_field_get_type_name (field));
  gtk_label_set_text (GTK_LABEL (title), freight_describe_field_get_label (field));
  gtk_label_set_text (GTK_LABEL (subtitle), details);

  if (is_locked (field))
    tag_text = _("Always");
  else if (freight_describe_field_is_required_on_insert (field))
    tag_text = _("Required");
  else if (freight_describe_field_get_external_id (field))
    tag_text = _("External ID");
  gtk_label_set_text (GTK_LABEL (tag), tag_text != NULL ? tag_text : "");
  gtk_widget_set_visible (tag, tag_text != NULL);

  g_object_set_data (G_OBJECT (check), "field", NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->selected,
                                                      freight_describe_field_get_name (field)));
  gtk_widget_set_sensitive (check, !is_locked (field));
  gtk_widget_set_tooltip_text (box, is_locked (field)
                                    ? _("The record ID is always exported, so that the file "
                                        "can update the records later")
                                    : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  freight_describe_field_get_label (field), -1);
  g_object_set_data (G_OBJECT (check), "field", field);
  g_hash_table_insert (self->bound_checks, g_strdup (freight_describe_field_get_name (field)),
                       check);
}

static void
unbind_field (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              FreightExportPicker      *self)
{
  GtkWidget *check = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  FreightDescribeField *field = g_object_get_data (G_OBJECT (check), "field");

  if (field != NULL &&
      g_hash_table_lookup (self->bound_checks, freight_describe_field_get_name (field)) == check)
    g_hash_table_remove (self->bound_checks, freight_describe_field_get_name (field));
  g_object_set_data (G_OBJECT (check), "field", NULL);
}

static void
on_field_activated (FreightExportPicker *self,
                    guint                position)
{
  g_autoptr(FreightDescribeField) field =
    g_list_model_get_item (G_LIST_MODEL (self->shown_fields), position);

  if (field == NULL || is_locked (field))
    return;
  set_selected (self, field,
                !g_hash_table_contains (self->selected, freight_describe_field_get_name (field)));
  freight_export_picker_selection_changed (self);
}

static void
freight_export_picker_select_shown (FreightExportPicker *self,
                                    gboolean             selected)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown_fields));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightDescribeField) field =
        g_list_model_get_item (G_LIST_MODEL (self->shown_fields), i);

      set_selected (self, field, selected);
    }
  freight_export_picker_selection_changed (self);
}

static void
freight_export_picker_select_all_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  freight_export_picker_select_shown (FREIGHT_EXPORT_PICKER (widget), TRUE);
}

static void
freight_export_picker_select_none_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  freight_export_picker_select_shown (FREIGHT_EXPORT_PICKER (widget), FALSE);
}

static void
describe_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FreightExportPicker) self = user_data;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightDescribeObject) object = NULL;
  GListModel *all;

  json = freight_org_session_describe_sobject_finish (FREIGHT_ORG_SESSION (source), result,
                                                      &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  freight_export_picker_set_loading (self, FALSE);
  if (json != NULL)
    object = freight_describe_object_new_from_json (json, &error);
  if (object == NULL)
    {
      adw_status_page_set_description (self->fields_error_page, error->message);
      gtk_stack_set_visible_child_name (self->fields_stack, "error");
      return;
    }

  g_set_object (&self->object, object);
  g_hash_table_remove_all (self->selected);
  g_list_store_remove_all (self->fields);
  all = freight_describe_object_get_fields (object);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(FreightDescribeField) field = g_list_model_get_item (all, i);

      if (!is_exportable (field))
        continue;
      g_list_store_append (self->fields, field);
      if (is_locked (field) || freight_describe_field_get_name_field (field) ||
          freight_describe_field_is_required_on_insert (field))
        set_selected (self, field, TRUE);
    }

  gtk_stack_set_visible_child_name (self->fields_stack, "list");
  freight_export_picker_selection_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECT_NAME]);
}

static void
on_object_selected (FreightExportPicker *self)
{
  FreightDescribeGlobalEntry *entry = gtk_single_selection_get_selected_item (
    self->object_selection);

  if (entry == NULL)
    return;
  if (self->object != NULL &&
      g_strcmp0 (freight_describe_object_get_name (self->object),
                 freight_describe_global_entry_get_name (entry)) == 0)
    return;

  g_cancellable_cancel (self->describe_cancellable);
  g_set_object (&self->describe_cancellable, g_cancellable_new ());
  g_clear_object (&self->object);
  g_list_store_remove_all (self->fields);
  g_hash_table_remove_all (self->selected);
  gtk_editable_set_text (GTK_EDITABLE (self->field_search), "");
  gtk_stack_set_visible_child_name (self->fields_stack, "loading");
  gtk_spinner_start (self->fields_spinner);
  freight_export_picker_set_loading (self, TRUE);
  freight_export_picker_selection_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECT_NAME]);

  adw_leaflet_set_visible_child (self->leaflet, self->content);
  freight_org_session_describe_sobject_async (self->session,
                                              freight_describe_global_entry_get_name (entry),
                                              self->describe_cancellable, describe_done,
                                              g_object_ref (self));
}

/* Objects ---------------------------------------------------------------------------- */

static gboolean
object_filter_func (gpointer item,
                    gpointer user_data)
{
  FreightExportPicker *self = user_data;
  FreightDescribeGlobalEntry *entry = item;

  return freight_describe_global_entry_get_queryable (entry) &&
         matches (self->object_search_folded, freight_describe_global_entry_get_label (entry),
                  freight_describe_global_entry_get_name (entry));
}

static void
freight_export_picker_update_objects_view (FreightExportPicker *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->objects_stack);

  if (g_strcmp0 (page, "list") == 0 || g_strcmp0 (page, "no-match") == 0)
    gtk_stack_set_visible_child_name (self->objects_stack,
                                      g_list_model_get_n_items (G_LIST_MODEL (self->objects)) > 0
                                      ? "list" : "no-match");
}

static void
on_object_search_changed (FreightExportPicker *self)
{
  g_free (self->object_search_folded);
  self->object_search_folded =
    g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->object_search)), -1);
  gtk_filter_changed (GTK_FILTER (self->object_filter), GTK_FILTER_CHANGE_DIFFERENT);
  freight_export_picker_update_objects_view (self);
}

/* Enter in the search picks the first object found. */
static void
on_object_search_activate (FreightExportPicker *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->objects)) > 0)
    gtk_single_selection_set_selected (self->object_selection, 0);
}

static void
setup_object (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              FreightExportPicker      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *custom = gtk_label_new (_("Custom"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (custom, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (custom, "badge");
  gtk_widget_add_css_class (custom, "accent");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), custom);
  gtk_list_item_set_child (item, box);
}

static void
bind_object (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             FreightExportPicker      *self)
{
  FreightDescribeGlobalEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *labels = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *custom = gtk_widget_get_next_sibling (labels);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);

  gtk_label_set_text (GTK_LABEL (title), freight_describe_global_entry_get_label (entry));
  gtk_label_set_text (GTK_LABEL (subtitle), freight_describe_global_entry_get_name (entry));
  gtk_widget_set_visible (custom, freight_describe_global_entry_get_custom (entry));
}

static void
describe_global_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(FreightExportPicker) self = user_data;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;

  json = freight_org_session_describe_global_finish (FREIGHT_ORG_SESSION (source), result,
                                                     &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->objects_spinner);
  freight_export_picker_set_loading (self, FALSE);
  if (json != NULL)
    entries = freight_describe_global_entry_parse_list (json, &error);
  if (entries == NULL)
    {
      adw_status_page_set_description (self->objects_error_page, error->message);
      gtk_stack_set_visible_child_name (self->objects_stack, "error");
      return;
    }

  gtk_filter_list_model_set_model (self->objects, entries);
  gtk_stack_set_visible_child_name (self->objects_stack, "list");
  freight_export_picker_update_objects_view (self);
}

static void
freight_export_picker_reload (FreightExportPicker *self)
{
  if (self->session == NULL)
    return;

  gtk_stack_set_visible_child_name (self->objects_stack, "loading");
  gtk_spinner_start (self->objects_spinner);
  freight_export_picker_set_loading (self, TRUE);
  freight_org_session_describe_global_async (self->session, self->cancellable,
                                             describe_global_done, g_object_ref (self));
}

static void
freight_export_picker_reload_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  freight_export_picker_reload (FREIGHT_EXPORT_PICKER (widget));
}

static void
freight_export_picker_show_objects_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  FreightExportPicker *self = FREIGHT_EXPORT_PICKER (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
on_folded_changed (FreightExportPicker *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), adw_leaflet_get_folded (self->leaflet));
}

/* The object ------------------------------------------------------------------------- */

static void
freight_export_picker_dispose (GObject *object)
{
  FreightExportPicker *self = FREIGHT_EXPORT_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->describe_cancellable);
  /* The bin's child is a template child: let go of it once, here, not twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_EXPORT_PICKER);

  G_OBJECT_CLASS (freight_export_picker_parent_class)->dispose (object);
}

static void
freight_export_picker_finalize (GObject *object)
{
  FreightExportPicker *self = FREIGHT_EXPORT_PICKER (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->describe_cancellable);
  g_clear_object (&self->objects);
  g_clear_object (&self->object_selection);
  g_clear_object (&self->object);
  g_clear_object (&self->fields);
  g_clear_object (&self->shown_fields);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->bound_checks, g_hash_table_unref);
  g_clear_pointer (&self->object_search_folded, g_free);
  g_clear_pointer (&self->field_search_folded, g_free);

  G_OBJECT_CLASS (freight_export_picker_parent_class)->finalize (object);
}

static void
freight_export_picker_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FreightExportPicker *self = FREIGHT_EXPORT_PICKER (object);

  switch (prop_id)
    {
    case PROP_OBJECT_NAME:
      g_value_set_string (value, freight_export_picker_get_object_name (self));
      break;

    case PROP_N_SELECTED:
      g_value_set_uint (value, freight_export_picker_get_n_selected (self));
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_export_picker_class_init (FreightExportPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = freight_export_picker_dispose;
  object_class->finalize = freight_export_picker_finalize;
  object_class->get_property = freight_export_picker_get_property;

  /**
   * FreightExportPicker:object-name:
   *
   * The API name of the object whose fields are shown, once they are.
   */
  properties[PROP_OBJECT_NAME] =
    g_param_spec_string ("object-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FreightExportPicker:n-selected:
   *
   * How many fields are selected.
   */
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FreightExportPicker:loading:
   *
   * Whether the objects or an object's fields are being asked for.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-export-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, sidebar);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, content);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, object_search);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, objects_stack);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, objects_spinner);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, object_list);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, objects_error_page);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, back_button);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, count_label);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, field_search);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, fields_stack);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, fields_spinner);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, field_list);
  gtk_widget_class_bind_template_child (widget_class, FreightExportPicker, fields_error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_object_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_object_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_field_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_field_activated);

  gtk_widget_class_install_action (widget_class, "picker.select-all", NULL,
                                   freight_export_picker_select_all_action);
  gtk_widget_class_install_action (widget_class, "picker.select-none", NULL,
                                   freight_export_picker_select_none_action);
  gtk_widget_class_install_action (widget_class, "picker.reload", NULL,
                                   freight_export_picker_reload_action);
  gtk_widget_class_install_action (widget_class, "picker.show-objects", NULL,
                                   freight_export_picker_show_objects_action);
}

static void
freight_export_picker_init (FreightExportPicker *self)
{
  g_autoptr(GtkListItemFactory) object_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) field_factory = gtk_signal_list_item_factory_new ();
  GtkSortListModel *sorted;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bound_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Objects by label, as people know them. */
  self->object_filter = gtk_custom_filter_new (object_filter_func, self, NULL);
  self->objects = gtk_filter_list_model_new (NULL, GTK_FILTER (self->object_filter));
  sorter = GTK_SORTER (gtk_string_sorter_new (
    gtk_property_expression_new (FREIGHT_TYPE_DESCRIBE_GLOBAL_ENTRY, NULL, "label")));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->objects)), sorter);
  self->object_selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->object_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->object_selection, TRUE);
  gtk_single_selection_set_selected (self->object_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (object_factory, "setup", G_CALLBACK (setup_object), self);
  g_signal_connect (object_factory, "bind", G_CALLBACK (bind_object), self);
  gtk_list_view_set_factory (self->object_list, object_factory);
  gtk_list_view_set_model (self->object_list, GTK_SELECTION_MODEL (self->object_selection));
  g_signal_connect_object (self->object_selection, "notify::selected-item",
                           G_CALLBACK (on_object_selected), self, G_CONNECT_SWAPPED);

  /* Fields in the object's order, which puts the ID and name first. */
  self->fields = g_list_store_new (FREIGHT_TYPE_DESCRIBE_FIELD);
  self->field_filter = gtk_custom_filter_new (field_filter_func, self, NULL);
  self->shown_fields = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->fields)),
                                                  GTK_FILTER (self->field_filter));
  g_signal_connect (field_factory, "setup", G_CALLBACK (setup_field), self);
  g_signal_connect (field_factory, "bind", G_CALLBACK (bind_field), self);
  g_signal_connect (field_factory, "unbind", G_CALLBACK (unbind_field), self);
  gtk_list_view_set_factory (self->field_list, field_factory);
  gtk_list_view_set_model (self->field_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->shown_fields)))));

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed),
                           self, G_CONNECT_SWAPPED);
  on_folded_changed (self);
  freight_export_picker_update_fields_view (self);
}

/**
 * freight_export_picker_set_session:
 *
 * Lists the objects of @session's org.
 */
void
freight_export_picker_set_session (FreightExportPicker *self,
                                   FreightOrgSession   *session)
{
  g_return_if_fail (FREIGHT_IS_EXPORT_PICKER (self));
  g_return_if_fail (FREIGHT_IS_ORG_SESSION (session));

  if (g_set_object (&self->session, session))
    freight_export_picker_reload (self);
}

/**
 * freight_export_picker_get_object:
 *
 * Returns: (transfer none) (nullable): the object whose fields are shown
 */
FreightDescribeObject *
freight_export_picker_get_object (FreightExportPicker *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT_PICKER (self), NULL);

  return self->object;
}

const char *
freight_export_picker_get_object_name (FreightExportPicker *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT_PICKER (self), NULL);

  return self->object != NULL ? freight_describe_object_get_name (self->object) : NULL;
}

guint
freight_export_picker_get_n_selected (FreightExportPicker *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT_PICKER (self), 0);

  return self->object != NULL ? g_hash_table_size (self->selected) : 0;
}

gboolean
freight_export_picker_get_loading (FreightExportPicker *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT_PICKER (self), FALSE);

  return self->loading;
}

/**
 * freight_export_picker_dup_fields:
 *
 * Returns: (transfer full): the API names of the selected fields, in the object's order
 */
char **
freight_export_picker_dup_fields (FreightExportPicker *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (FREIGHT_IS_EXPORT_PICKER (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightDescribeField) field = g_list_model_get_item (G_LIST_MODEL (self->fields),
                                                                     i);

      if (g_hash_table_contains (self->selected, freight_describe_field_get_name (field)))
        g_strv_builder_add (names, freight_describe_field_get_name (field));
    }
  return g_strv_builder_end (names);
}
