/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-org-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-application.h"
#include "freight-connect-page.h"
#include "freight-org-indicator.h"

/*
 * FreightOrgIndicator: the org the wizard is signed in to, in the header bar: its kind as
 * a tag (production in red, so nobody loads into production by mistake) and its name; a
 * popover says who is signed in, where. Hidden while no org is connected.
 */

struct _FreightOrgIndicator
{
  AdwBin         parent_instance;

  FreightWizard *wizard;
  FreightOrg    *org;

  GtkWidget     *button;
  GtkWidget     *box;
  GtkWidget     *tag;
  GtkLabel      *name_label;
  GtkLabel      *org_label;
  GtkLabel      *user_label;
  GtkLabel      *instance_label;
};

G_DEFINE_FINAL_TYPE (FreightOrgIndicator, freight_org_indicator, ADW_TYPE_BIN)

/* The saved org of @session, or one made from what the session knows. */
static FreightOrg *
find_org (FreightOrgSession *session)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(FreightOrg) probe = freight_org_new ("probe");

  freight_org_update_from_session (probe, session);
  freight_org_set_login_url (probe, freight_org_get_instance_url (probe));

  if (FREIGHT_IS_APPLICATION (app))
    {
      GListModel *store = G_LIST_MODEL (freight_application_get_org_store (
                                          FREIGHT_APPLICATION (app)));

      for (guint i = 0; i < g_list_model_get_n_items (store); i++)
        {
          g_autoptr(FreightOrg) org = g_list_model_get_item (store, i);

          if (g_strcmp0 (freight_org_get_org_id (org), freight_org_get_org_id (probe)) == 0
              && g_strcmp0 (freight_org_get_username (org),
                            freight_org_get_username (probe)) == 0
              && g_strcmp0 (freight_org_get_instance_url (org),
                            freight_org_get_instance_url (probe)) == 0)
            return g_steal_pointer (&org);
        }
    }
  return g_steal_pointer (&probe);
}

static void
update (FreightOrgIndicator *self)
{
  FreightOrgSession *session = self->wizard != NULL ? freight_wizard_get_session (self->wizard)
                                                    : NULL;
  g_autofree char *name = NULL;
  g_autofree char *tooltip = NULL;
  const char *user;

  g_clear_object (&self->org);
  if (self->tag != NULL)
    {
      gtk_box_remove (GTK_BOX (self->box), self->tag);
      self->tag = NULL;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), session != NULL);
  if (session == NULL)
    return;

  self->org = find_org (session);
  name = freight_org_dup_title (self->org);
  user = freight_org_get_user_name (self->org) != NULL ? freight_org_get_user_name (self->org)
                                                       : freight_org_get_username (self->org);

  self->tag = freight_org_tag_new (self->org);
  gtk_box_prepend (GTK_BOX (self->box), self->tag);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->org_label, name);
  gtk_label_set_text (self->user_label, freight_org_get_username (self->org));
  gtk_label_set_text (self->instance_label, freight_org_get_instance_url (self->org));

  /* Translators: the header's org button: the kind (“Production”), org and user. */
  tooltip = g_strdup_printf (_("%s org %s, signed in as %s"),
                             freight_org_get_kind_label (self->org), name,
                             user != NULL ? user : "");
  gtk_widget_set_tooltip_text (self->button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

/**
 * freight_org_indicator_set_wizard:
 * @wizard: the window's wizard, whose session the indicator shows
 */
void
freight_org_indicator_set_wizard (FreightOrgIndicator *self,
                                  FreightWizard       *wizard)
{
  g_return_if_fail (FREIGHT_IS_ORG_INDICATOR (self));

  if (self->wizard != NULL)
    g_signal_handlers_disconnect_by_data (self->wizard, self);
  g_set_object (&self->wizard, wizard);
  if (wizard != NULL)
    g_signal_connect_object (wizard, "notify::session", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);
  update (self);
}

/**
 * freight_org_indicator_get_org:
 *
 * Returns: (transfer none) (nullable): the org shown
 */
FreightOrg *
freight_org_indicator_get_org (FreightOrgIndicator *self)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_INDICATOR (self), NULL);

  return self->org;
}

static GtkLabel *
popover_label (GtkWidget  *box,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
freight_org_indicator_dispose (GObject *object)
{
  FreightOrgIndicator *self = FREIGHT_ORG_INDICATOR (object);

  if (self->wizard != NULL)
    g_signal_handlers_disconnect_by_data (self->wizard, self);
  g_clear_object (&self->wizard);
  g_clear_object (&self->org);
  adw_bin_set_child (ADW_BIN (self), NULL);

  G_OBJECT_CLASS (freight_org_indicator_parent_class)->dispose (object);
}

static void
freight_org_indicator_class_init (FreightOrgIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = freight_org_indicator_dispose;
}

static void
freight_org_indicator_init (FreightOrgIndicator *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->name_label, 18);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->name_label));

  gtk_widget_set_margin_start (content, 6);
  gtk_widget_set_margin_end (content, 6);
  gtk_widget_set_margin_top (content, 6);
  gtk_widget_set_margin_bottom (content, 6);
  self->org_label = popover_label (content, "heading");
  self->user_label = popover_label (content, NULL);
  self->instance_label = popover_label (content, "dim-label");
  gtk_popover_set_child (GTK_POPOVER (popover), content);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), self->box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  gtk_widget_add_css_class (self->button, "flat");
  adw_bin_set_child (ADW_BIN (self), self->button);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
