/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-mapping-page-private.h"

/* Data Loader .sdl files on the mapping page: opened and saved through
 * GtkFileChooserNative, read and written by the core's async API. */

static GtkFileChooserNative *
new_chooser (FreightMappingPage   *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  g_autoptr(GtkFileFilter) sdl = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (sdl, _("Data Loader Mappings"));
  gtk_file_filter_add_suffix (sdl, "sdl");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (title,
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), sdl);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  return chooser;
}

static void
show_toast (FreightMappingPage *self,
            gboolean            saved,
            GFile              *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (saved)
    /* Translators: a file name. */
    text = g_strdup_printf (_("Saved the mapping as “%s”"), name);
  else
    /* Translators: a file name. */
    text = g_strdup_printf (_("The columns are mapped as “%s” says"), name);
  freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), text);
}

/* Opening */

typedef struct
{
  FreightMappingPage *self;
  GFile              *file;
} Open;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Open *open = user_data;
  g_autoptr(FreightMappingPage) self = open->self;
  g_autoptr(GFile) file = open->file;
  g_autoptr(FreightSdlMapping) sdl = NULL;
  g_autoptr(GError) error = NULL;
  FreightWizard *wizard;
  FreightMapping *mapping;

  g_free (open);
  sdl = freight_sdl_mapping_new_from_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  wizard = _freight_mapping_page_get_wizard (self);
  if (wizard == NULL)
    return;
  mapping = freight_wizard_get_mapping (wizard);

  if (sdl == NULL || !freight_mapping_load_sdl (mapping, sdl, &error))
    {
      freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), error->message);
      return;
    }

  _freight_mapping_page_sdl_loaded (self);
  show_toast (self, FALSE, file);
}

static void
open_response_cb (FreightMappingPage   *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  Open *open;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  _freight_mapping_page_update_actions (self);

  if (file == NULL)
    return;

  open = g_new0 (Open, 1);
  open->self = g_object_ref (self);
  open->file = g_object_ref (file);
  g_cancellable_cancel (self->sdl_cancellable);
  g_clear_object (&self->sdl_cancellable);
  self->sdl_cancellable = g_cancellable_new ();
  freight_sdl_mapping_new_from_file_async (file, FREIGHT_SDL_DIRECTION_LOAD,
                                           self->sdl_cancellable, loaded_cb, open);
}

void
_freight_mapping_page_load_sdl_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  FreightMappingPage *self = FREIGHT_MAPPING_PAGE (widget);

  self->chooser = new_chooser (self, _("Open a Data Loader Mapping"),
                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (open_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
  _freight_mapping_page_update_actions (self);
}

/* Saving */

typedef struct
{
  FreightMappingPage *self;
  GFile              *file;
  FreightSdlMapping  *sdl;
} Save;

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Save *save = user_data;
  g_autoptr(GError) error = NULL;

  if (!freight_sdl_mapping_save_file_finish (save->sdl, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (save->self), error->message);
    }
  else
    show_toast (save->self, TRUE, save->file);

  g_object_unref (save->self);
  g_object_unref (save->file);
  freight_sdl_mapping_unref (save->sdl);
  g_free (save);
}

static void
save_response_cb (FreightMappingPage   *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(FreightSdlMapping) sdl = NULL;
  g_autoptr(GError) error = NULL;
  Save *save;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  _freight_mapping_page_update_actions (self);

  if (file == NULL)
    return;

  sdl = freight_mapping_to_sdl (_freight_mapping_page_get_mapping (self), &error);
  if (sdl == NULL)
    {
      freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), error->message);
      return;
    }

  save = g_new0 (Save, 1);
  save->self = g_object_ref (self);
  save->file = g_object_ref (file);
  save->sdl = freight_sdl_mapping_ref (sdl);
  freight_sdl_mapping_save_file_async (sdl, file, NULL, save_done_cb, save);
}

void
_freight_mapping_page_save_sdl_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  FreightMappingPage *self = FREIGHT_MAPPING_PAGE (widget);
  FreightWizard *wizard = _freight_mapping_page_get_wizard (self);
  g_autofree char *name = NULL;

  self->chooser = new_chooser (self, _("Save the Mapping"), GTK_FILE_CHOOSER_ACTION_SAVE,
                               _("_Save"));
  name = g_strconcat (freight_wizard_get_object_name (wizard), ".sdl", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (save_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
  _freight_mapping_page_update_actions (self);
}

void
_freight_mapping_page_sdl_dispose (FreightMappingPage *self)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->sdl_cancellable != NULL)
    g_cancellable_cancel (self->sdl_cancellable);
  g_clear_object (&self->sdl_cancellable);
}
