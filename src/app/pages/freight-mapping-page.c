/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-field-choice.h"
#include "freight-field-picker.h"
#include "freight-field-row.h"
#include "freight-mapping-page-private.h"
#include "freight-mapping-row.h"

/* Mapping, visually: a row per CSV column with its first values and the field it sets,
 * chosen in a searchable picker or dragged from the field list; constants; the problems
 * the mapping has, inline; Auto-Map and Clear. The mapping is remembered per org, object
 * and CSV header and offered the next time the same header comes; .sdl files are in
 * freight-mapping-page-sdl.c. */

#define N_SAMPLES          3
#define ROWS_BUDGET_US     (8 * 1000)
#define SAMPLE_CHARS       32

G_DEFINE_FINAL_TYPE (FreightMappingPage, freight_mapping_page, FREIGHT_TYPE_WIZARD_PAGE)

FreightWizard *
_freight_mapping_page_get_wizard (FreightMappingPage *self)
{
  return freight_wizard_page_get_wizard (FREIGHT_WIZARD_PAGE (self));
}

FreightMapping *
_freight_mapping_page_get_mapping (FreightMappingPage *self)
{
  FreightWizard *wizard = _freight_mapping_page_get_wizard (self);

  return wizard != NULL ? freight_wizard_get_mapping (wizard) : NULL;
}

/* The one place that decides which of the page's actions are enabled. */
void
_freight_mapping_page_update_actions (FreightMappingPage *self)
{
  FreightWizard *wizard = _freight_mapping_page_get_wizard (self);
  FreightMapping *mapping = _freight_mapping_page_get_mapping (self);
  gboolean has_object = wizard != NULL && freight_wizard_get_object (wizard) != NULL;
  gboolean has_columns = wizard != NULL && freight_wizard_get_columns (wizard) != NULL;
  gboolean has_entries = mapping != NULL && freight_mapping_get_n_entries (mapping) > 0;
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->constant_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.auto-map",
                                 has_object && has_columns);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.clear", has_entries);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.load-sdl",
                                 has_object && self->chooser == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.save-sdl",
                                 has_entries && self->chooser == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.use-remembered",
                                 self->remembered != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.dismiss-remembered",
                                 self->remembered != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.add-constant",
                                 has_object && *value != '\0' && self->constant_target != NULL);
}

static void
update_complete (FreightMappingPage *self)
{
  FreightMapping *mapping = _freight_mapping_page_get_mapping (self);

  freight_wizard_page_set_complete (FREIGHT_WIZARD_PAGE (self),
                                    mapping != NULL && freight_mapping_is_ready (mapping));
}

/* The problems, inline */

static GtkWidget *
create_problem_row (gpointer item,
                    gpointer user_data)
{
  FreightProblem *problem = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  gboolean error = freight_problem_get_severity (problem) == FREIGHT_PROBLEM_ERROR;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), freight_problem_get_message (problem));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic"
                                             : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error ? _("Error") : _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  FreightProblem *x = *(FreightProblem **) a;
  FreightProblem *y = *(FreightProblem **) b;

  return (int) freight_problem_get_severity (x) - (int) freight_problem_get_severity (y);
}

static void
sync_problems (FreightMappingPage *self)
{
  FreightMapping *mapping = _freight_mapping_page_get_mapping (self);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *list = mapping != NULL ? freight_mapping_get_problems (mapping) : NULL;

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (problems, g_list_model_get_item (list, i));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->notes)); i++)
    g_ptr_array_add (problems, g_list_model_get_item (G_LIST_MODEL (self->notes), i));
  g_ptr_array_sort (problems, compare_problems);

  g_list_store_splice (self->problems, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                       problems->pdata, problems->len);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems->len > 0);
}

/* The columns */

static void
sync_summary (FreightMappingPage *self)
{
  FreightWizard *wizard = _freight_mapping_page_get_wizard (self);
  FreightMapping *mapping = _freight_mapping_page_get_mapping (self);
  const char * const *columns = wizard != NULL ? freight_wizard_get_columns (wizard) : NULL;
  guint n_columns = columns != NULL ? g_strv_length ((char **) columns) : 0;
  guint n_mapped = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(GPtrArray) entries = freight_mapping_get_entries_for_column (mapping, columns[i]);

      if (entries->len > 0)
        n_mapped++;
    }

  /* Translators: how many of the file's columns are mapped to fields. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u column mapped",
                                       "%u of %u columns mapped", n_columns),
                          n_mapped, n_columns);
  gtk_label_set_text (self->summary_label, n_columns > 0 ? text : "");
}

static void
sync_rows (FreightMappingPage *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->columns_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (FREIGHT_IS_MAPPING_ROW (row))
      freight_mapping_row_sync (FREIGHT_MAPPING_ROW (row));
}

static void
show_error (FreightMappingPage *self,
            const GError       *error)
{
  freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), error->message);
}

/* Maps @column to @path alone, or unmaps it for a NULL @path. A field another column sets
 * moves to this one: two columns never write one field. */
void
_freight_mapping_page_map_column (FreightMappingPage *self,
                                  const char         *column,
                                  const char         *path)
{
  FreightMapping *mapping = _freight_mapping_page_get_mapping (self);
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    {
      FreightMappingEntry *other = freight_mapping_lookup_target (mapping, path);

      if (other != NULL && !freight_mapping_entry_uses_column (other, column))
        freight_mapping_remove_entry (mapping, other);
    }

  freight_mapping_unmap_column (mapping, column);
  if (path != NULL && freight_mapping_map_column (mapping, column, path, &error) == NULL)
    show_error (self, error);
}

static void
target_chosen_cb (FreightMappingPage *self,
                  const char         *path,
                  FreightMappingRow  *row)
{
  g_autoptr(GtkWidget) keep = g_object_ref (GTK_WIDGET (row));

  _freight_mapping_page_map_column (self, freight_mapping_row_get_column (row), path);
}

static char *
dup_samples (FreightWizard *wizard,
             guint          column)
{
  FreightCsvIndex *index = freight_wizard_get_index (wizard);
  g_autoptr(GString) samples = g_string_new (NULL);
  guint n = index != NULL ? g_list_model_get_n_items (G_LIST_MODEL (index)) : 0;

  for (guint i = 0; i < MIN (n, N_SAMPLES); i++)
    {
      g_autoptr(FreightCsvRecord) record = g_list_model_get_item (G_LIST_MODEL (index), i);
      const char *value;
      g_autofree char *line = NULL;

      if (record == NULL || column >= freight_csv_record_get_n_fields (record))
        continue;
      value = freight_csv_record_get_field (record, column);
      if (*value == '\0')
        continue;

      line = g_strdelimit (g_strdup (value), "\r\n\t", ' ');
      if (g_utf8_strlen (line, -1) > SAMPLE_CHARS)
        {
          g_autofree char *cut = g_utf8_substring (line, 0, SAMPLE_CHARS);

          g_free (line);
          line = g_strconcat (cut, "…", NULL);
        }
      if (samples->len > 0)
        g_string_append (samples, "  ·  ");
      g_string_append (samples, line);
    }

  if (samples->len == 0)
    return g_strdup (n > 0 ? _("Blank in the first rows") : "");

  return g_string_free (g_steal_pointer (&samples), FALSE);
}

static void
sync_samples (FreightMappingPage *self)
{
  FreightWizard *wizard = _freight_mapping_page_get_wizard (self);
  guint i = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->columns_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row), i++)
    {
      g_autofree char *samples = dup_samples (wizard, i);

      freight_mapping_row_set_samples (FREIGHT_MAPPING_ROW (row), samples);
    }

  self->samples_shown = wizard != NULL && freight_wizard_get_n_rows (wizard) > 0;
}

/* Rows are made a few at a time, between frames: a file may have hundreds of columns, and
 * a row is a template of a dozen widgets. */
static gboolean
add_rows_cb (gpointer user_data)
{
  FreightMappingPage *self = user_data;
  FreightWizard *wizard = _freight_mapping_page_get_wizard (self);
  const char * const *columns = freight_wizard_get_columns (wizard);
  gint64 deadline = g_get_monotonic_time () + ROWS_BUDGET_US;

  while (columns != NULL && columns[self->n_rows] != NULL &&
         g_get_monotonic_time () < deadline)
    {
      GtkWidget *row = freight_mapping_row_new (freight_wizard_get_mapping (wizard),
                                                columns[self->n_rows]);
      g_autofree char *samples = dup_samples (wizard, self->n_rows);

      freight_mapping_row_set_choices (FREIGHT_MAPPING_ROW (row), self->choices);
      freight_mapping_row_set_samples (FREIGHT_MAPPING_ROW (row), samples);
      g_signal_connect_object (row, "target-chosen", G_CALLBACK (target_chosen_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->columns_list, row);
      self->n_rows++;
    }

  if (columns != NULL && columns[self->n_rows] != NULL)
    return G_SOURCE_CONTINUE;

  self->rows_source = 0;
  self->samples_shown = freight_wizard_get_n_rows (wizard) > 0;
  sync_summary (self);
  return G_SOURCE_REMOVE;
}

static void
rebuild_rows (FreightMappingPage *self)
{
  FreightWizard *wizard = _freight_mapping_page_get_wizard (self);
  GtkWidget *child;

  g_clear_handle_id (&self->rows_source, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_list))) != NULL)
    gtk_list_box_remove (self->columns_list, child);
  self->n_rows = 0;
  self->samples_shown = FALSE;

  if (wizard != NULL && freight_wizard_get_columns (wizard) != NULL)
    self->rows_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, add_rows_cb, self, NULL);
  sync_summary (self);
}

/**
 * freight_mapping_page_get_building:
 * @self: a mapping page
 *
 * Returns: whether the page is still making the rows of the file's columns
 */
gboolean
freight_mapping_page_get_building (FreightMappingPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_MAPPING_PAGE (self), FALSE);

  return self->rows_source != 0;
}

static void
rows_counted_cb (FreightMappingPage *self)
{
  /* The first rows may come after the header. */
  if (!self->samples_shown && self->rows_source == 0)
    sync_samples (self);
}

/* The field choices */

static gboolean
field_filter_func (gpointer item,
                   gpointer user_data)
{
  FreightMappingPage *self = user_data;

  return freight_field_choice_matches (item, self->field_search_text);
}

static void
field_search_changed_cb (FreightMappingPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->field_search));

  g_clear_pointer (&self->field_search_text, g_free);
  if (*text != '\0')
    self->field_search_text = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->field_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
setup_field_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, freight_field_row_new (TRUE));
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_field_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  freight_field_row_set_choice (FREIGHT_FIELD_ROW (gtk_list_item_get_child (item)),
                                gtk_list_item_get_item (item));
}

static void
rebuild_choices (FreightMappingPage *self)
{
  FreightMapping *mapping = _freight_mapping_page_get_mapping (self);

  g_clear_object (&self->choices);
  g_clear_object (&self->field_choices);
  if (mapping != NULL)
    {
      self->choices = freight_field_choice_list_new (mapping, TRUE);
      self->field_choices = freight_field_choice_list_new (mapping, FALSE);
    }

  gtk_filter_list_model_set_model (self->field_filtered, self->field_choices);
  if (self->constant_picker != NULL)
    freight_field_picker_set_choices (FREIGHT_FIELD_PICKER (self->constant_picker),
                                      self->field_choices);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->columns_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    freight_mapping_row_set_choices (FREIGHT_MAPPING_ROW (row), self->choices);

  _freight_mapping_page_sync_constants (self);
}

/* Constants */

static GtkWidget *
create_constant_row (gpointer item,
                     gpointer user_data)
{
  FreightMappingPage *self = user_data;
  FreightMappingEntry *entry = item;
  FreightFieldChoice *choice = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove;
  g_autofree char *quoted = NULL;

  if (self->field_choices != NULL)
    choice = freight_field_choice_list_lookup (self->field_choices,
                                               _freight_mapping_page_get_mapping (self),
                                               freight_mapping_entry_get_target_path (entry));

  /* Translators: a constant value, quoted. */
  quoted = g_strdup_printf (_("“%s”"), freight_mapping_entry_get_constant (entry));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 choice != NULL ? freight_field_choice_get_title (choice)
                                                : freight_mapping_entry_get_target_path (entry));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), quoted);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove the Constant"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove the Constant"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "mapping.remove-constant");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s",
                                    freight_mapping_entry_get_target_path (entry));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static gboolean
constant_filter_func (gpointer item,
                      gpointer user_data)
{
  return freight_mapping_entry_get_constant (item) != NULL;
}

void
_freight_mapping_page_sync_constants (FreightMappingPage *self)
{
  FreightMapping *mapping = _freight_mapping_page_get_mapping (self);

  gtk_filter_list_model_set_model (self->constants,
                                   mapping != NULL ? freight_mapping_get_entries (mapping) : NULL);
  gtk_filter_changed (GTK_FILTER (self->constant_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_widget_set_visible (GTK_WIDGET (self->constants_list),
                          g_list_model_get_n_items (G_LIST_MODEL (self->constants)) > 0);
}

static void
sync_constant_target (FreightMappingPage *self)
{
  FreightFieldChoice *choice = NULL;

  if (self->constant_target != NULL && self->field_choices != NULL)
    choice = freight_field_choice_list_lookup (self->field_choices,
                                               _freight_mapping_page_get_mapping (self),
                                               self->constant_target);
  gtk_label_set_text (self->constant_target_label,
                      choice != NULL ? freight_field_choice_get_title (choice)
                                     : _("Choose the Field"));
  _freight_mapping_page_update_actions (self);
}

static void
constant_chosen_cb (FreightMappingPage *self,
                    const char         *path)
{
  g_free (self->constant_target);
  self->constant_target = g_strdup (path);
  sync_constant_target (self);
}

static void
constant_popup_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  FreightMappingPage *self = user_data;

  if (self->constant_picker != NULL)
    return;

  self->constant_picker = freight_field_picker_new (self->field_choices);
  g_signal_connect_object (self->constant_picker, "chosen", G_CALLBACK (constant_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, self->constant_picker);
}

static void
constant_changed_cb (FreightMappingPage *self)
{
  _freight_mapping_page_update_actions (self);
}

static void
add_constant_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  FreightMappingPage *self = FREIGHT_MAPPING_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->constant_row));

  if (freight_mapping_set_constant (_freight_mapping_page_get_mapping (self), value,
                                    self->constant_target, &error) == NULL)
    {
      show_error (self, error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->constant_row), "");
  constant_chosen_cb (self, NULL);
}

static void
constant_activated_cb (FreightMappingPage *self)
{
  if (self->constant_target == NULL)
    gtk_menu_button_popup (self->constant_target_button);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "mapping.add-constant", NULL);
}

static void
remove_constant_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  FreightMapping *mapping = _freight_mapping_page_get_mapping (FREIGHT_MAPPING_PAGE (widget));
  FreightMappingEntry *entry = freight_mapping_lookup_target (mapping,
                                                              g_variant_get_string (param, NULL));

  if (entry != NULL && freight_mapping_entry_get_constant (entry) != NULL)
    freight_mapping_remove_entry (mapping, entry);
}

void
_freight_mapping_page_auto_map (FreightMappingPage *self,
          gboolean            quiet)
{
  FreightWizard *wizard = _freight_mapping_page_get_wizard (self);
  FreightMapping *mapping = freight_wizard_get_mapping (wizard);
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *toast = NULL;
  guint n;

  /* Lookups through a parent's external ID match only once the parent's describe is in. */
  if (freight_wizard_get_related_loading (wizard) > 0)
    {
      self->auto_map_pending = TRUE;
      return;
    }
  self->auto_map_pending = FALSE;

  n = freight_mapping_auto_map (mapping, &notes);
  g_list_store_splice (self->notes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->notes)),
                       notes != NULL ? notes->pdata : NULL, notes != NULL ? notes->len : 0);
  sync_problems (self);

  if (quiet)
    return;
  if (n > 0)
    toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mapped %u column",
                                          "Mapped %u columns", n), n);
  else
    toast = g_strdup (_("No more columns match a field"));
  freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), toast);
}

/* A mapping the user opened is the user's decision too. */
void
_freight_mapping_page_sdl_loaded (FreightMappingPage *self)
{
  _freight_mapping_page_set_remembered (self, NULL);
  self->remember = TRUE;
  g_list_store_remove_all (self->notes);
  sync_problems (self);
  _freight_mapping_page_schedule_save (self);
}

/* Actions */

static void
auto_map_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  _freight_mapping_page_auto_map (FREIGHT_MAPPING_PAGE (widget), FALSE);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  FreightMappingPage *self = FREIGHT_MAPPING_PAGE (widget);

  g_list_store_remove_all (self->notes);
  freight_mapping_remove_all (_freight_mapping_page_get_mapping (self));
}

/* Wizard → page */

static void
mapping_changed_cb (FreightMappingPage *self)
{
  sync_rows (self);
  sync_problems (self);
  sync_summary (self);
  _freight_mapping_page_sync_constants (self);
  _freight_mapping_page_update_actions (self);
  update_complete (self);
  _freight_mapping_page_schedule_save (self);
}

static void
object_changed_cb (FreightMappingPage *self)
{
  FreightWizard *wizard = _freight_mapping_page_get_wizard (self);

  /* Another object (or org) is a new start: what was remembered is offered again. */
  if (freight_wizard_get_object (wizard) == NULL && self->memory_key != NULL)
    {
      _freight_mapping_page_save_now (self);
      g_clear_pointer (&self->memory_key, g_free);
      self->remember = FALSE;
      _freight_mapping_page_set_remembered (self, NULL);
    }

  rebuild_choices (self);
  _freight_mapping_page_update_actions (self);
  if (self->auto_map_pending && freight_wizard_get_related_loading (wizard) == 0)
    _freight_mapping_page_auto_map (self, TRUE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _freight_mapping_page_check_memory (self);
}

static void
columns_changed_cb (FreightMappingPage *self)
{
  rebuild_rows (self);
  _freight_mapping_page_update_actions (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _freight_mapping_page_check_memory (self);
}

static void
folded_cb (FreightMappingPage *self)
{
  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_folded (self->flap));
}

static void
freight_mapping_page_wizard_changed (FreightWizardPage *page,
                                     FreightWizard     *wizard)
{
  FreightMappingPage *self = FREIGHT_MAPPING_PAGE (page);

  if (wizard != NULL)
    {
      FreightMapping *mapping = freight_wizard_get_mapping (wizard);

      g_signal_connect_object (mapping, "changed", G_CALLBACK (mapping_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::object", G_CALLBACK (object_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::operation", G_CALLBACK (object_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::related-loading",
                               G_CALLBACK (object_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::columns", G_CALLBACK (columns_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::n-rows", G_CALLBACK (rows_counted_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (self->problems_list, G_LIST_MODEL (self->problems),
                               create_problem_row, NULL, NULL);
    }

  rebuild_choices (self);
  rebuild_rows (self);
  mapping_changed_cb (self);
}

static void
freight_mapping_page_shown (FreightWizardPage *page)
{
  FreightMappingPage *self = FREIGHT_MAPPING_PAGE (page);

  /* Focus starts at the top, where the page starts, not in the middle of the columns. */
  gtk_widget_grab_focus (GTK_WIDGET (self->auto_map_button));
  _freight_mapping_page_check_memory (self);
}

static void
freight_mapping_page_dispose (GObject *object)
{
  FreightMappingPage *self = FREIGHT_MAPPING_PAGE (object);

  /* A change made just before the window closed is still remembered. */
  if (self->save_source != 0)
    _freight_mapping_page_save_now (self);
  if (self->memory_cancellable != NULL)
    g_cancellable_cancel (self->memory_cancellable);
  _freight_mapping_page_sdl_dispose (self);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_MAPPING_PAGE);
  self->constant_picker = NULL;
  g_clear_handle_id (&self->rows_source, g_source_remove);
  g_clear_object (&self->memory_cancellable);
  g_clear_object (&self->choices);
  g_clear_object (&self->field_choices);
  g_clear_object (&self->field_filtered);
  g_clear_object (&self->field_filter);
  g_clear_object (&self->constants);
  g_clear_object (&self->constant_filter);
  g_clear_object (&self->problems);
  g_clear_object (&self->notes);
  g_clear_pointer (&self->remembered, json_node_unref);

  G_OBJECT_CLASS (freight_mapping_page_parent_class)->dispose (object);
}

static void
freight_mapping_page_finalize (GObject *object)
{
  FreightMappingPage *self = FREIGHT_MAPPING_PAGE (object);

  g_clear_pointer (&self->memory_key, g_free);
  g_clear_pointer (&self->field_search_text, g_free);
  g_clear_pointer (&self->constant_target, g_free);

  G_OBJECT_CLASS (freight_mapping_page_parent_class)->finalize (object);
}

static void
freight_mapping_page_class_init (FreightMappingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FreightWizardPageClass *page_class = FREIGHT_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = freight_mapping_page_dispose;
  object_class->finalize = freight_mapping_page_finalize;

  page_class->wizard_changed = freight_mapping_page_wizard_changed;
  page_class->shown = freight_mapping_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-mapping-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, auto_map_button);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, fields_button);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, flap);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, memory_revealer);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, memory_label);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, problems_group);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, columns_list);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, constants_list);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, constant_row);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, constant_target_button);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, constant_target_label);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, field_search);
  gtk_widget_class_bind_template_child (widget_class, FreightMappingPage, field_list);
  gtk_widget_class_bind_template_callback (widget_class, constant_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, constant_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "mapping.auto-map", NULL, auto_map_action);
  gtk_widget_class_install_action (widget_class, "mapping.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "mapping.load-sdl", NULL,
                                   _freight_mapping_page_load_sdl_action);
  gtk_widget_class_install_action (widget_class, "mapping.save-sdl", NULL,
                                   _freight_mapping_page_save_sdl_action);
  gtk_widget_class_install_action (widget_class, "mapping.use-remembered", NULL,
                                   _freight_mapping_page_use_remembered_action);
  gtk_widget_class_install_action (widget_class, "mapping.dismiss-remembered", NULL,
                                   _freight_mapping_page_dismiss_remembered_action);
  gtk_widget_class_install_action (widget_class, "mapping.add-constant", NULL,
                                   add_constant_action);
  gtk_widget_class_install_action (widget_class, "mapping.remove-constant", "s",
                                   remove_constant_action);

  g_type_ensure (FREIGHT_TYPE_MAPPING_ROW);
}

static void
freight_mapping_page_init (FreightMappingPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->notes = g_list_store_new (FREIGHT_TYPE_PROBLEM);
  self->problems = g_list_store_new (FREIGHT_TYPE_PROBLEM);

  self->field_filter = gtk_custom_filter_new (field_filter_func, self, NULL);
  self->field_filtered = gtk_filter_list_model_new (NULL,
                                                    g_object_ref (GTK_FILTER (self->field_filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->field_filtered)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_field_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_field_cb), NULL);
  gtk_list_view_set_factory (self->field_list, factory);
  gtk_list_view_set_model (self->field_list, GTK_SELECTION_MODEL (selection));

  self->constant_filter = gtk_custom_filter_new (constant_filter_func, NULL, NULL);
  self->constants = gtk_filter_list_model_new (NULL,
                                               g_object_ref (GTK_FILTER (self->constant_filter)));
  gtk_list_box_bind_model (self->constants_list, G_LIST_MODEL (self->constants),
                           create_constant_row, self, NULL);
  gtk_menu_button_set_create_popup_func (self->constant_target_button, constant_popup_cb, self,
                                         NULL);
  sync_constant_target (self);

  g_object_bind_property (self->fields_button, "active", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (folded_cb), self,
                           G_CONNECT_SWAPPED);
  folded_cb (self);

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->memory_revealer), FALSE);
  _freight_mapping_page_update_actions (self);
}

/**
 * freight_mapping_page_new:
 *
 * Returns: (transfer full): a new mapping page
 */
GtkWidget *
freight_mapping_page_new (void)
{
  return g_object_new (FREIGHT_TYPE_MAPPING_PAGE, NULL);
}
