/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "freight-preferences-window.h"

struct _FreightPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  GtkFileChooserNative *output_folder_chooser;

  /* Template widgets */
  GtkSpinButton *api_version_spin;
  GtkSpinButton *jobs_in_flight_spin;
  GtkSpinButton *part_size_spin;
  GtkSpinButton *rows_per_part_spin;
  AdwActionRow *output_folder_row;
  AdwComboRow *date_format_row;
  AdwComboRow *datetime_format_row;
  AdwComboRow *time_zone_row;
};

G_DEFINE_FINAL_TYPE (FreightPreferencesWindow, freight_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

typedef struct
{
  const char *value;
  const char *example;  /* shown before the value, or NULL to show the value alone */
} Choice;

/* Patterns in Data Loader notation, each with 31 March 2026, 14:30 at UTC+2 as example. */
static const Choice date_formats[] = {
  { "yyyy-MM-dd", "2026-03-31" },
  { "MM/dd/yyyy", "03/31/2026" },
  { "dd/MM/yyyy", "31/03/2026" },
  { "dd.MM.yyyy", "31.03.2026" },
  { "yyyy/MM/dd", "2026/03/31" },
  { "dd-MM-yyyy", "31-03-2026" },
  { "yyyyMMdd", "20260331" },
};

static const Choice datetime_formats[] = {
  { "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2026-03-31T14:30:00.000+02:00" },
  { "yyyy-MM-dd HH:mm:ss", "2026-03-31 14:30:00" },
  { "MM/dd/yyyy hh:mm a", "03/31/2026 02:30 PM" },
  { "MM/dd/yyyy HH:mm", "03/31/2026 14:30" },
  { "dd/MM/yyyy HH:mm", "31/03/2026 14:30" },
  { "dd.MM.yyyy HH:mm", "31.03.2026 14:30" },
};

/* The "system" entry gets its label at run time. */
static const Choice time_zones[] = {
  { "system", NULL },
  { "UTC", NULL },
  { "America/Los_Angeles", NULL },
  { "America/Denver", NULL },
  { "America/Chicago", NULL },
  { "America/New_York", NULL },
  { "America/Sao_Paulo", NULL },
  { "Europe/London", NULL },
  { "Europe/Paris", NULL },
  { "Europe/Berlin", NULL },
  { "Asia/Kolkata", NULL },
  { "Asia/Singapore", NULL },
  { "Asia/Tokyo", NULL },
  { "Australia/Sydney", NULL },
};

/**
 * _freight_get_output_folder:
 * @settings: Freight's settings
 *
 * Returns: the folder in which loads write their results: the `default-output-folder`
 *   setting, or the “Freight” folder in the user's Documents folder when it is empty.
 */
char *
_freight_get_output_folder (GSettings *settings)
{
  g_autofree char *folder = NULL;
  const char *documents;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  folder = g_settings_get_string (settings, "default-output-folder");
  if (folder[0] != '\0')
    return g_steal_pointer (&folder);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents == NULL)
    documents = g_get_home_dir ();

  return g_build_filename (documents, "Freight", NULL);
}

/* The one place that decides which actions are enabled. */
static void
freight_preferences_window_update_actions (FreightPreferencesWindow *self)
{
  g_autofree char *folder = NULL;

  g_assert (FREIGHT_IS_PREFERENCES_WINDOW (self));

  folder = g_settings_get_string (self->settings, "default-output-folder");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.reset-output-folder",
                                 folder[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.choose-output-folder",
                                 self->output_folder_chooser == NULL);
}

static void
freight_preferences_window_update_output_folder (FreightPreferencesWindow *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *display = NULL;
  const char *home;

  g_assert (FREIGHT_IS_PREFERENCES_WINDOW (self));

  folder = _freight_get_output_folder (self->settings);
  home = g_get_home_dir ();
  if (g_str_has_prefix (folder, home) && folder[strlen (home)] == G_DIR_SEPARATOR)
    {
      g_autofree char *relative = g_filename_display_name (folder + strlen (home));

      display = g_strconcat ("~", relative, NULL);
    }
  else
    {
      display = g_filename_display_name (folder);
    }

  adw_action_row_set_subtitle (self->output_folder_row, display);
  freight_preferences_window_update_actions (self);
}

static void
on_output_folder_changed (FreightPreferencesWindow *self,
                          const char               *key,
                          GSettings                *settings)
{
  freight_preferences_window_update_output_folder (self);
}

static void
on_output_folder_chooser_response (FreightPreferencesWindow *self,
                                   int                       response,
                                   GtkFileChooserNative     *chooser)
{
  g_assert (FREIGHT_IS_PREFERENCES_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "default-output-folder", path);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->output_folder_chooser);
  freight_preferences_window_update_actions (self);
}

static void
freight_preferences_window_choose_output_folder (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *param)
{
  FreightPreferencesWindow *self = FREIGHT_PREFERENCES_WINDOW (widget);
  g_autofree char *folder = NULL;
  g_autoptr(GFile) current = NULL;

  if (self->output_folder_chooser != NULL)
    return;

  self->output_folder_chooser =
    gtk_file_chooser_native_new (_("Default Output Folder"),
                                 GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                 _("_Select"),
                                 _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->output_folder_chooser), TRUE);

  /* Start where the results go today, or next to it when it does not exist yet. */
  folder = _freight_get_output_folder (self->settings);
  current = g_file_new_for_path (folder);
  if (!g_file_query_exists (current, NULL))
    {
      g_autoptr(GFile) parent = g_file_get_parent (current);

      g_set_object (&current, parent);
    }
  if (current != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->output_folder_chooser),
                                         current, NULL);

  g_signal_connect_object (self->output_folder_chooser, "response",
                           G_CALLBACK (on_output_folder_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->output_folder_chooser));
  freight_preferences_window_update_actions (self);
}

static void
freight_preferences_window_reset_output_folder (GtkWidget  *widget,
                                                const char *action_name,
                                                GVariant   *param)
{
  FreightPreferencesWindow *self = FREIGHT_PREFERENCES_WINDOW (widget);

  g_settings_reset (self->settings, "default-output-folder");
}

/* Spin buttons take their bounds from the schema, so the two cannot disagree. */
static void
freight_preferences_window_bind_spin (FreightPreferencesWindow *self,
                                      GtkSpinButton            *spin,
                                      const char               *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) bounds = NULL;
  g_autofree char *range_type = NULL;
  int lower;
  int upper;

  g_assert (FREIGHT_IS_PREFERENCES_WINDOW (self));

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(sv)", &range_type, &bounds);
  g_assert (g_str_equal (range_type, "range"));
  g_variant_get (bounds, "(ii)", &lower, &upper);

  gtk_spin_button_set_range (spin, lower, upper);
  g_settings_bind (self->settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
}

static gboolean
api_version_get_mapping (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  const char *version = g_variant_get_string (variant, NULL);
  char *end = NULL;
  double number;

  number = g_ascii_strtod (version, &end);
  if (end == version || *end != '\0' || number < 1)
    return FALSE;

  g_value_set_double (value, number);
  return TRUE;
}

static GVariant *
api_version_set_mapping (const GValue       *value,
                         const GVariantType *expected_type,
                         gpointer            user_data)
{
  /* Salesforce versions are whole numbers written with ".0". */
  return g_variant_new_take_string (g_strdup_printf ("%d.0",
                                                     (int) round (g_value_get_double (value))));
}

typedef struct
{
  GPtrArray *values;
} ComboBinding;

static void
combo_binding_free (gpointer data)
{
  ComboBinding *binding = data;

  g_ptr_array_unref (binding->values);
  g_free (binding);
}

static gboolean
combo_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  ComboBinding *binding = user_data;
  const char *current = g_variant_get_string (variant, NULL);
  guint position;

  if (!g_ptr_array_find_with_equal_func (binding->values, current, g_str_equal, &position))
    return FALSE;

  g_value_set_uint (value, position);
  return TRUE;
}

static GVariant *
combo_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  ComboBinding *binding = user_data;
  guint position = g_value_get_uint (value);

  if (position >= binding->values->len)
    return NULL;

  return g_variant_new_string (g_ptr_array_index (binding->values, position));
}

/* A value set outside these choices (with gsettings, or by an older version) stays
 * selectable as itself rather than being replaced by the first choice. */
static void
freight_preferences_window_bind_combo (FreightPreferencesWindow *self,
                                       AdwComboRow              *row,
                                       const char               *key,
                                       const Choice             *choices,
                                       guint                     n_choices)
{
  g_autoptr(GtkStringList) labels = NULL;
  g_autofree char *current = NULL;
  ComboBinding *binding;

  g_assert (FREIGHT_IS_PREFERENCES_WINDOW (self));

  binding = g_new0 (ComboBinding, 1);
  binding->values = g_ptr_array_new_with_free_func (g_free);
  labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_choices; i++)
    {
      g_autofree char *label = NULL;

      if (choices[i].example != NULL)
        label = g_strdup_printf ("%s (%s)", choices[i].example, choices[i].value);
      else if (g_str_equal (choices[i].value, "system"))
        {
          g_autoptr(GTimeZone) local = g_time_zone_new_local ();

          /* Translators: %s is the computer's time zone, e.g. “Europe/Berlin”. */
          label = g_strdup_printf (_("System (%s)"), g_time_zone_get_identifier (local));
        }
      else
        label = g_strdup (choices[i].value);

      g_ptr_array_add (binding->values, g_strdup (choices[i].value));
      gtk_string_list_append (labels, label);
    }

  current = g_settings_get_string (self->settings, key);
  if (!g_ptr_array_find_with_equal_func (binding->values, current, g_str_equal, NULL))
    {
      gtk_string_list_append (labels, current);
      g_ptr_array_add (binding->values, g_steal_pointer (&current));
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  g_object_set_data_full (G_OBJECT (row), "freight-combo-binding", binding, combo_binding_free);
  g_settings_bind_with_mapping (self->settings, key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                combo_get_mapping, combo_set_mapping,
                                binding, NULL);
}

static void
freight_preferences_window_dispose (GObject *object)
{
  FreightPreferencesWindow *self = FREIGHT_PREFERENCES_WINDOW (object);

  if (self->output_folder_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->output_folder_chooser));
      g_clear_object (&self->output_folder_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (freight_preferences_window_parent_class)->dispose (object);
}

static void
freight_preferences_window_finalize (GObject *object)
{
  FreightPreferencesWindow *self = FREIGHT_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (freight_preferences_window_parent_class)->finalize (object);
}

static void
freight_preferences_window_class_init (FreightPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = freight_preferences_window_dispose;
  object_class->finalize = freight_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightPreferencesWindow, api_version_spin);
  gtk_widget_class_bind_template_child (widget_class, FreightPreferencesWindow,
                                        jobs_in_flight_spin);
  gtk_widget_class_bind_template_child (widget_class, FreightPreferencesWindow, part_size_spin);
  gtk_widget_class_bind_template_child (widget_class, FreightPreferencesWindow,
                                        rows_per_part_spin);
  gtk_widget_class_bind_template_child (widget_class, FreightPreferencesWindow,
                                        output_folder_row);
  gtk_widget_class_bind_template_child (widget_class, FreightPreferencesWindow, date_format_row);
  gtk_widget_class_bind_template_child (widget_class, FreightPreferencesWindow,
                                        datetime_format_row);
  gtk_widget_class_bind_template_child (widget_class, FreightPreferencesWindow, time_zone_row);

  gtk_widget_class_install_action (widget_class, "prefs.choose-output-folder", NULL,
                                   freight_preferences_window_choose_output_folder);
  gtk_widget_class_install_action (widget_class, "prefs.reset-output-folder", NULL,
                                   freight_preferences_window_reset_output_folder);
}

static void
freight_preferences_window_init (FreightPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  freight_preferences_window_bind_spin (self, self->jobs_in_flight_spin, "jobs-in-flight");
  freight_preferences_window_bind_spin (self, self->part_size_spin, "part-size-mb");
  freight_preferences_window_bind_spin (self, self->rows_per_part_spin, "rows-per-part");
  g_settings_bind_with_mapping (self->settings, "api-version",
                                self->api_version_spin, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                api_version_get_mapping, api_version_set_mapping,
                                NULL, NULL);

  freight_preferences_window_bind_combo (self, self->date_format_row, "date-format",
                                         date_formats, G_N_ELEMENTS (date_formats));
  freight_preferences_window_bind_combo (self, self->datetime_format_row, "datetime-format",
                                         datetime_formats, G_N_ELEMENTS (datetime_formats));
  freight_preferences_window_bind_combo (self, self->time_zone_row, "time-zone",
                                         time_zones, G_N_ELEMENTS (time_zones));

  g_signal_connect_object (self->settings, "changed::default-output-folder",
                           G_CALLBACK (on_output_folder_changed), self, G_CONNECT_SWAPPED);
  freight_preferences_window_update_output_folder (self);
}

FreightPreferencesWindow *
freight_preferences_window_new (void)
{
  return g_object_new (FREIGHT_TYPE_PREFERENCES_WINDOW, NULL);
}
