/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-wizard-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-wizard-page.h"

typedef struct
{
  FreightWizard *wizard;
  gboolean       complete;
} FreightWizardPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (FreightWizardPage, freight_wizard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WIZARD,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_wizard_page_dispose (GObject *object)
{
  FreightWizardPage *self = FREIGHT_WIZARD_PAGE (object);
  FreightWizardPagePrivate *priv = freight_wizard_page_get_instance_private (self);

  if (priv->wizard != NULL)
    g_signal_handlers_disconnect_by_data (priv->wizard, self);
  g_clear_object (&priv->wizard);

  G_OBJECT_CLASS (freight_wizard_page_parent_class)->dispose (object);
}

static void
freight_wizard_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FreightWizardPage *self = FREIGHT_WIZARD_PAGE (object);
  FreightWizardPagePrivate *priv = freight_wizard_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_WIZARD:
      g_value_set_object (value, priv->wizard);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, priv->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_wizard_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FreightWizardPage *self = FREIGHT_WIZARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_WIZARD:
      freight_wizard_page_set_wizard (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_wizard_page_class_init (FreightWizardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = freight_wizard_page_dispose;
  object_class->get_property = freight_wizard_page_get_property;
  object_class->set_property = freight_wizard_page_set_property;

  /* The load the pages build together. */
  properties[PROP_WIZARD] =
    g_param_spec_object ("wizard", NULL, NULL, FREIGHT_TYPE_WIZARD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the step is done, so that the user may go on. */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_wizard_page_init (FreightWizardPage *self)
{
}

/**
 * freight_wizard_page_get_wizard:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): the wizard state the page shows
 */
FreightWizard *
freight_wizard_page_get_wizard (FreightWizardPage *self)
{
  FreightWizardPagePrivate *priv = freight_wizard_page_get_instance_private (self);

  g_return_val_if_fail (FREIGHT_IS_WIZARD_PAGE (self), NULL);

  return priv->wizard;
}

void
freight_wizard_page_set_wizard (FreightWizardPage *self,
                                FreightWizard     *wizard)
{
  FreightWizardPagePrivate *priv = freight_wizard_page_get_instance_private (self);

  g_return_if_fail (FREIGHT_IS_WIZARD_PAGE (self));
  g_return_if_fail (wizard == NULL || FREIGHT_IS_WIZARD (wizard));

  if (priv->wizard == wizard)
    return;

  if (priv->wizard != NULL)
    g_signal_handlers_disconnect_by_data (priv->wizard, self);
  g_set_object (&priv->wizard, wizard);

  if (FREIGHT_WIZARD_PAGE_GET_CLASS (self)->wizard_changed != NULL)
    FREIGHT_WIZARD_PAGE_GET_CLASS (self)->wizard_changed (self, wizard);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIZARD]);
}

gboolean
freight_wizard_page_get_complete (FreightWizardPage *self)
{
  FreightWizardPagePrivate *priv = freight_wizard_page_get_instance_private (self);

  g_return_val_if_fail (FREIGHT_IS_WIZARD_PAGE (self), FALSE);

  return priv->complete;
}

/**
 * freight_wizard_page_set_complete:
 * @self: a page
 * @complete: whether the step is done
 *
 * For the pages themselves: lets the user go on to the next step, or not.
 */
void
freight_wizard_page_set_complete (FreightWizardPage *self,
                                  gboolean           complete)
{
  FreightWizardPagePrivate *priv = freight_wizard_page_get_instance_private (self);

  g_return_if_fail (FREIGHT_IS_WIZARD_PAGE (self));

  complete = !!complete;
  if (priv->complete == complete)
    return;

  priv->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

/**
 * freight_wizard_page_shown:
 * @self: a page
 *
 * For the window: the page became the visible step.
 */
void
freight_wizard_page_shown (FreightWizardPage *self)
{
  g_return_if_fail (FREIGHT_IS_WIZARD_PAGE (self));

  if (FREIGHT_WIZARD_PAGE_GET_CLASS (self)->shown != NULL)
    FREIGHT_WIZARD_PAGE_GET_CLASS (self)->shown (self);
}

/**
 * freight_wizard_page_add_toast:
 * @self: a page inside an #AdwToastOverlay
 * @title: what to say, briefly
 *
 * Shows a toast over the window, for news that needs no answer (a file saved).
 */
void
freight_wizard_page_add_toast (FreightWizardPage *self,
                               const char        *title)
{
  GtkWidget *overlay;

  g_return_if_fail (FREIGHT_IS_WIZARD_PAGE (self));

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  /* Toast titles are Pango markup in libadwaita 1.2; file names are not. */
  if (overlay != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (title, -1);

      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
    }
}
