/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-field-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-field-choice.h"
#include "freight-field-picker.h"
#include "freight-field-row.h"

/* The searchable field picker of a column: a popover with a search entry over the field
 * choices. Type to search, Down or Tab into the list, Enter or a click chooses; Enter in
 * the search entry chooses the first match. Disabled choices say why and cannot be
 * chosen. FreightFieldPicker::chosen tells the path, NULL for “Not Mapped”. */

struct _FreightFieldPicker
{
  GtkPopover          parent_instance;

  GtkSearchEntry     *search_entry;
  GtkListView        *list;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  char               *search;
};

G_DEFINE_FINAL_TYPE (FreightFieldPicker, freight_field_picker, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_CHOICES,
  N_PROPS
};

enum {
  CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  FreightFieldPicker *self = user_data;

  return freight_field_choice_matches (item, self->search);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  gtk_list_item_set_child (item, freight_field_row_new (FALSE));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  FreightFieldChoice *choice = gtk_list_item_get_item (item);

  freight_field_row_set_choice (FREIGHT_FIELD_ROW (gtk_list_item_get_child (item)), choice);
  gtk_list_item_set_activatable (item, freight_field_choice_get_enabled (choice));
}

/**
 * freight_field_picker_choose:
 * @self: a picker
 * @position: a position in freight_field_picker_get_shown()
 *
 * Chooses the choice at @position, as a click on it does.
 *
 * Returns: whether it could be chosen (it is enabled)
 */
gboolean
freight_field_picker_choose (FreightFieldPicker *self,
                             guint               position)
{
  g_autoptr(FreightFieldChoice) choice = NULL;

  g_return_val_if_fail (FREIGHT_IS_FIELD_PICKER (self), FALSE);

  choice = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (choice == NULL || !freight_field_choice_get_enabled (choice))
    return FALSE;

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CHOSEN], 0, freight_field_choice_get_path (choice));
  return TRUE;
}

static void
list_activate_cb (FreightFieldPicker *self,
                  guint               position)
{
  freight_field_picker_choose (self, position);
}

static void
search_changed_cb (FreightFieldPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search, g_free);
  if (*text != '\0')
    self->search = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Enter takes the first choice that can be chosen. */
static void
search_activate_cb (FreightFieldPicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n; i++)
    if (freight_field_picker_choose (self, i))
      return;
}

static void
stop_search_cb (FreightFieldPicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static gboolean
search_key_pressed_cb (FreightFieldPicker    *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    return gtk_widget_child_focus (GTK_WIDGET (self->list), GTK_DIR_TAB_FORWARD);
  return FALSE;
}

static void
show_cb (FreightFieldPicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
freight_field_picker_dispose (GObject *object)
{
  FreightFieldPicker *self = FREIGHT_FIELD_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_FIELD_PICKER);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (freight_field_picker_parent_class)->dispose (object);
}

static void
freight_field_picker_finalize (GObject *object)
{
  FreightFieldPicker *self = FREIGHT_FIELD_PICKER (object);

  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (freight_field_picker_parent_class)->finalize (object);
}

static void
freight_field_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FreightFieldPicker *self = FREIGHT_FIELD_PICKER (object);

  switch (prop_id)
    {
    case PROP_CHOICES:
      g_value_set_object (value, freight_field_picker_get_choices (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_field_picker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FreightFieldPicker *self = FREIGHT_FIELD_PICKER (object);

  switch (prop_id)
    {
    case PROP_CHOICES:
      freight_field_picker_set_choices (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_field_picker_class_init (FreightFieldPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = freight_field_picker_dispose;
  object_class->finalize = freight_field_picker_finalize;
  object_class->get_property = freight_field_picker_get_property;
  object_class->set_property = freight_field_picker_set_property;

  /* The FreightFieldChoice list to pick from. */
  properties[PROP_CHOICES] =
    g_param_spec_object ("choices", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FreightFieldPicker::chosen:
   * @path: (nullable): the chosen target path, or %NULL for “Not Mapped”
   *
   * The user chose a field.
   */
  signals[CHOSEN] =
    g_signal_new ("chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-field-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightFieldPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FreightFieldPicker, list);
  gtk_widget_class_bind_template_callback (widget_class, show_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
freight_field_picker_init (FreightFieldPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

/**
 * freight_field_picker_new:
 * @choices: a #FreightFieldChoice list
 *
 * Returns: (transfer full): a new picker
 */
GtkWidget *
freight_field_picker_new (GListModel *choices)
{
  return g_object_new (FREIGHT_TYPE_FIELD_PICKER, "choices", choices, NULL);
}

GListModel *
freight_field_picker_get_choices (FreightFieldPicker *self)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_PICKER (self), NULL);

  return gtk_filter_list_model_get_model (self->filtered);
}

void
freight_field_picker_set_choices (FreightFieldPicker *self,
                                  GListModel         *choices)
{
  g_return_if_fail (FREIGHT_IS_FIELD_PICKER (self));

  if (gtk_filter_list_model_get_model (self->filtered) == choices)
    return;

  gtk_filter_list_model_set_model (self->filtered, choices);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOICES]);
}

/**
 * freight_field_picker_get_shown:
 * @self: a picker
 *
 * Returns: (transfer none): the choices that match the search, as the list shows them
 */
GListModel *
freight_field_picker_get_shown (FreightFieldPicker *self)
{
  g_return_val_if_fail (FREIGHT_IS_FIELD_PICKER (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/**
 * freight_field_picker_set_search:
 * @self: a picker
 * @text: what to search for
 *
 * Types @text into the search entry.
 */
void
freight_field_picker_set_search (FreightFieldPicker *self,
                                 const char         *text)
{
  g_return_if_fail (FREIGHT_IS_FIELD_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}
