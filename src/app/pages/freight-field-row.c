/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-field-row.h"

/* One field choice in the field picker or the field list: its title with a Required
 * marker and its type, then its API path, or why the operation cannot write it. In the
 * field list a row can be dragged onto a column. */

struct _FreightFieldRow
{
  GtkWidget           parent_instance;

  GtkLabel           *title_label;
  GtkLabel           *required_label;
  GtkLabel           *type_label;
  GtkLabel           *subtitle_label;

  FreightFieldChoice *choice;
};

G_DEFINE_FINAL_TYPE (FreightFieldRow, freight_field_row, GTK_TYPE_WIDGET)

static GdkContentProvider *
drag_prepare_cb (FreightFieldRow *self,
                 double           x,
                 double           y,
                 GtkDragSource   *source)
{
  g_autoptr(GdkPaintable) icon = NULL;

  if (self->choice == NULL || !freight_field_choice_get_enabled (self->choice) ||
      freight_field_choice_get_path (self->choice) == NULL)
    return NULL;

  icon = gtk_widget_paintable_new (GTK_WIDGET (self->title_label));
  gtk_drag_source_set_icon (source, icon, 0, 0);
  return gdk_content_provider_new_typed (G_TYPE_STRING,
                                         freight_field_choice_get_path (self->choice));
}

static void
freight_field_row_dispose (GObject *object)
{
  FreightFieldRow *self = FREIGHT_FIELD_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_FIELD_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->choice);

  G_OBJECT_CLASS (freight_field_row_parent_class)->dispose (object);
}

static void
freight_field_row_class_init (FreightFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = freight_field_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightFieldRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, FreightFieldRow, required_label);
  gtk_widget_class_bind_template_child (widget_class, FreightFieldRow, type_label);
  gtk_widget_class_bind_template_child (widget_class, FreightFieldRow, subtitle_label);
}

static void
freight_field_row_init (FreightFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * freight_field_row_new:
 * @draggable: whether the row can be dragged onto a column
 *
 * Returns: (transfer full): a new row without a choice
 */
GtkWidget *
freight_field_row_new (gboolean draggable)
{
  FreightFieldRow *self = g_object_new (FREIGHT_TYPE_FIELD_ROW, NULL);

  if (draggable)
    {
      GtkDragSource *source = gtk_drag_source_new ();

      gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
      g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
    }

  return GTK_WIDGET (self);
}

/**
 * freight_field_row_get_choice:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the choice the row shows
 */
FreightFieldChoice *
freight_field_row_get_choice (FreightFieldRow *self)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_ROW (self), NULL);

  return self->choice;
}

void
freight_field_row_set_choice (FreightFieldRow    *self,
                              FreightFieldChoice *choice)
{
  gboolean enabled;

  g_return_if_fail (FREIGHT_IS_FIELD_ROW (self));

  if (!g_set_object (&self->choice, choice) || choice == NULL)
    return;

  enabled = freight_field_choice_get_enabled (choice);
  gtk_label_set_text (self->title_label, freight_field_choice_get_title (choice));
  gtk_widget_set_visible (GTK_WIDGET (self->required_label),
                          freight_field_choice_get_required (choice));
  gtk_label_set_text (self->type_label, freight_field_choice_get_type_label (choice) != NULL
                                        ? freight_field_choice_get_type_label (choice) : "");
  gtk_label_set_text (self->subtitle_label, freight_field_choice_get_subtitle (choice));
  gtk_widget_set_sensitive (GTK_WIDGET (self->title_label), enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_label), enabled);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), freight_field_choice_get_reason (choice));
  /* A path is one word, cut in the middle if it must be; a reason is a sentence. */
  gtk_label_set_wrap (self->subtitle_label, !enabled);
  gtk_label_set_ellipsize (self->subtitle_label, enabled ? PANGO_ELLIPSIZE_MIDDLE
                                                         : PANGO_ELLIPSIZE_NONE);
}
