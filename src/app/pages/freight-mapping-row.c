/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping-row"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-field-choice.h"
#include "freight-field-picker.h"
#include "freight-mapping-row.h"

/* One CSV column on the mapping page: its name and sample values, the field it sets
 * (chosen in a FreightFieldPicker, or dropped onto the row from the field list), and,
 * expanded, what a blank cell means and the column's date format. A problem of the
 * column shows as an icon with the reason. */

struct _FreightMappingRow
{
  AdwExpanderRow  parent_instance;

  GtkImage       *status_icon;
  GtkMenuButton  *target_button;
  GtkLabel       *target_label;
  AdwActionRow   *blank_row;
  GtkSwitch      *blank_switch;
  AdwComboRow    *date_row;

  FreightMapping *mapping;
  GListModel     *choices;
  GtkWidget      *picker;
  char           *column;
  char           *target_title;
  guint           syncing : 1;
};

G_DEFINE_FINAL_TYPE (FreightMappingRow, freight_mapping_row, ADW_TYPE_EXPANDER_ROW)

enum {
  TARGET_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The date format combo's items after “As in Preferences”. */
static const FreightDateFormat date_formats[] = {
  FREIGHT_DATE_FORMAT_ISO,
  FREIGHT_DATE_FORMAT_DMY_DOT,
  FREIGHT_DATE_FORMAT_DMY_SLASH,
  FREIGHT_DATE_FORMAT_MDY_SLASH,
  FREIGHT_DATE_FORMAT_YMD_SLASH,
  FREIGHT_DATE_FORMAT_DMY_DASH,
  FREIGHT_DATE_FORMAT_EXCEL_SERIAL,
};

static GPtrArray *
get_entries (FreightMappingRow *self)
{
  return freight_mapping_get_entries_for_column (self->mapping, self->column);
}

static void
chosen_cb (FreightMappingRow  *self,
           const char         *path,
           FreightFieldPicker *picker)
{
  g_signal_emit (self, signals[TARGET_CHOSEN], 0, path);
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  FreightMappingRow *self = user_data;

  if (self->picker != NULL)
    return;

  self->picker = freight_field_picker_new (self->choices);
  g_signal_connect_object (self->picker, "chosen", G_CALLBACK (chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, self->picker);
}

static gboolean
drop_cb (FreightMappingRow *self,
         const GValue      *value,
         double             x,
         double             y,
         GtkDropTarget     *target)
{
  const char *path = g_value_get_string (value);

  if (path == NULL || *path == '\0')
    return FALSE;

  g_signal_emit (self, signals[TARGET_CHOSEN], 0, path);
  return TRUE;
}

static void
blank_switch_cb (FreightMappingRow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  FreightBlankPolicy policy;

  if (self->syncing)
    return;

  policy = gtk_switch_get_active (self->blank_switch) ? FREIGHT_BLANK_POLICY_CLEAR
                                                      : FREIGHT_BLANK_POLICY_LEAVE;
  entries = get_entries (self);
  for (guint i = 0; i < entries->len; i++)
    freight_mapping_entry_set_blank_policy (g_ptr_array_index (entries, i), policy);
}

static void
date_selected_cb (FreightMappingRow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(FreightValueFormat) format = NULL;
  guint selected;

  if (self->syncing || self->mapping == NULL)
    return;

  selected = adw_combo_row_get_selected (self->date_row);
  if (selected > 0 && selected <= G_N_ELEMENTS (date_formats))
    {
      format = freight_value_format_copy (freight_mapping_get_default_format (self->mapping));
      freight_value_format_set_date_format (format, date_formats[selected - 1]);
    }

  entries = get_entries (self);
  for (guint i = 0; i < entries->len; i++)
    freight_mapping_entry_set_format (g_ptr_array_index (entries, i), format);
}

static void
sync_problems (FreightMappingRow *self)
{
  GListModel *problems = freight_mapping_get_problems (self->mapping);
  g_autoptr(FreightProblem) worst = NULL;
  guint n = g_list_model_get_n_items (problems);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightProblem) problem = g_list_model_get_item (problems, i);
      const char *column = freight_problem_get_column (problem);

      if (column == NULL || g_strcmp0 (column, self->column) != 0)
        continue;
      if (worst == NULL ||
          (freight_problem_get_severity (problem) == FREIGHT_PROBLEM_ERROR &&
           freight_problem_get_severity (worst) != FREIGHT_PROBLEM_ERROR))
        g_set_object (&worst, problem);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), worst != NULL);
  if (worst == NULL)
    return;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_icon),
                               freight_problem_get_message (worst));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  freight_problem_get_message (worst), -1);
  if (freight_problem_get_severity (worst) == FREIGHT_PROBLEM_ERROR)
    {
      gtk_image_set_from_icon_name (self->status_icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
    }
  else
    {
      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "error");
    }
}

/**
 * freight_mapping_row_sync:
 * @self: a row
 *
 * Shows what the mapping says about the row's column now.
 */
void
freight_mapping_row_sync (FreightMappingRow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  FreightMappingEntry *entry;
  FreightFieldChoice *choice = NULL;
  FreightDescribeField *field = NULL;
  FreightValueFormat *format;
  g_autofree char *title = NULL;
  gboolean is_date = FALSE;
  guint date = 0;

  g_return_if_fail (FREIGHT_IS_MAPPING_ROW (self));

  entries = get_entries (self);
  entry = entries->len > 0 ? g_ptr_array_index (entries, 0) : NULL;

  if (entry != NULL && self->choices != NULL)
    choice = freight_field_choice_list_lookup (self->choices, self->mapping,
                                               freight_mapping_entry_get_target_path (entry));
  if (entry == NULL)
    title = g_strdup (_("Not Mapped"));
  else if (entries->len > 1)
    /* Translators: a column mapped to several fields: “Amount and 1 more”. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u more", "%s and %u more",
                                          entries->len - 1),
                             choice != NULL ? freight_field_choice_get_title (choice)
                                            : freight_mapping_entry_get_target_path (entry),
                             entries->len - 1);
  else
    title = g_strdup (choice != NULL ? freight_field_choice_get_title (choice)
                                     : freight_mapping_entry_get_target_path (entry));

  g_free (self->target_title);
  self->target_title = g_steal_pointer (&title);
  gtk_label_set_text (self->target_label, self->target_title);
  if (entry == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->target_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->target_label), "dim-label");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->target_button),
                               entry != NULL ? freight_mapping_entry_get_target_path (entry)
                                             : _("Choose the Field"));

  /* Dates are the only per-column format the page offers; a lookup is never a date. */
  if (choice != NULL && strchr (freight_field_choice_get_path (choice), '.') == NULL)
    field = freight_field_choice_get_field (choice);
  if (field != NULL)
    is_date = freight_describe_field_get_field_type (field) == FREIGHT_FIELD_TYPE_DATE ||
              freight_describe_field_get_field_type (field) == FREIGHT_FIELD_TYPE_DATETIME;
  format = entry != NULL ? freight_mapping_entry_get_format (entry) : NULL;
  for (guint i = 0; format != NULL && i < G_N_ELEMENTS (date_formats); i++)
    if (freight_value_format_get_date_format (format) == date_formats[i])
      date = i + 1;

  self->syncing = TRUE;
  /* Enabling expansion also expands; a newly mapped column stays folded. */
  if (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self)) != (entry != NULL))
    {
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), entry != NULL);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), FALSE);
    }
  gtk_switch_set_active (self->blank_switch,
                         entry != NULL && freight_mapping_entry_get_blank_policy (entry) ==
                                          FREIGHT_BLANK_POLICY_CLEAR);
  gtk_widget_set_visible (GTK_WIDGET (self->date_row), is_date);
  adw_combo_row_set_selected (self->date_row, date);
  self->syncing = FALSE;

  sync_problems (self);
}

static void
freight_mapping_row_dispose (GObject *object)
{
  FreightMappingRow *self = FREIGHT_MAPPING_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_MAPPING_ROW);
  self->picker = NULL;
  g_clear_object (&self->mapping);
  g_clear_object (&self->choices);

  G_OBJECT_CLASS (freight_mapping_row_parent_class)->dispose (object);
}

static void
freight_mapping_row_finalize (GObject *object)
{
  FreightMappingRow *self = FREIGHT_MAPPING_ROW (object);

  g_clear_pointer (&self->column, g_free);
  g_clear_pointer (&self->target_title, g_free);

  G_OBJECT_CLASS (freight_mapping_row_parent_class)->finalize (object);
}

static void
freight_mapping_row_class_init (FreightMappingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = freight_mapping_row_dispose;
  object_class->finalize = freight_mapping_row_finalize;

  /**
   * FreightMappingRow::target-chosen:
   * @path: (nullable): the field or relationship path, or %NULL to unmap the column
   *
   * The user chose a target for the row's column, in the picker or by dropping a field.
   */
  signals[TARGET_CHOSEN] =
    g_signal_new ("target-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-mapping-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightMappingRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingRow, target_button);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingRow, target_label);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingRow, blank_row);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingRow, blank_switch);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingRow, date_row);
  gtk_widget_class_bind_template_callback (widget_class, blank_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_selected_cb);
}

static void
freight_mapping_row_init (FreightMappingRow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), FALSE);

  gtk_menu_button_set_create_popup_func (self->target_button, create_popup_cb, self, NULL);

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_add_css_class (GTK_WIDGET (self), "freight-drop-target");
}

/**
 * freight_mapping_row_new:
 * @mapping: the mapping the row shows and changes
 * @column: a CSV column
 *
 * Returns: (transfer full): a new row for @column
 */
GtkWidget *
freight_mapping_row_new (FreightMapping *mapping,
                         const char     *column)
{
  FreightMappingRow *self;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (mapping), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  self = g_object_new (FREIGHT_TYPE_MAPPING_ROW, NULL);
  self->mapping = g_object_ref (mapping);
  self->column = g_strdup (column);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), column);

  return GTK_WIDGET (self);
}

const char *
freight_mapping_row_get_column (FreightMappingRow *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING_ROW (self), NULL);

  return self->column;
}

/**
 * freight_mapping_row_set_samples:
 * @self: a row
 * @samples: the column's first values, for the subtitle
 */
void
freight_mapping_row_set_samples (FreightMappingRow *self,
                                 const char        *samples)
{
  g_return_if_fail (FREIGHT_IS_MAPPING_ROW (self));

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), samples);
}

/**
 * freight_mapping_row_set_choices:
 * @self: a row
 * @choices: the #FreightFieldChoice list its picker offers
 */
void
freight_mapping_row_set_choices (FreightMappingRow *self,
                                 GListModel        *choices)
{
  g_return_if_fail (FREIGHT_IS_MAPPING_ROW (self));

  if (!g_set_object (&self->choices, choices))
    return;

  if (self->picker != NULL)
    freight_field_picker_set_choices (FREIGHT_FIELD_PICKER (self->picker), choices);
  freight_mapping_row_sync (self);
}

/**
 * freight_mapping_row_get_target_title:
 * @self: a row
 *
 * Returns: what the row's field button says: the field's title, or “Not Mapped”
 */
const char *
freight_mapping_row_get_target_title (FreightMappingRow *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING_ROW (self), NULL);

  return self->target_title;
}

/**
 * freight_mapping_row_get_picker:
 * @self: a row
 *
 * Returns: (transfer none): the row's field picker, made on first use
 */
GtkWidget *
freight_mapping_row_get_picker (FreightMappingRow *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING_ROW (self), NULL);

  create_popup_cb (self->target_button, self);
  return self->picker;
}
