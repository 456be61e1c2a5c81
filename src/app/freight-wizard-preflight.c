/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-wizard-private.h"

/* Pre-flight: the mapping compiled into a plan and applied to every row of the file on
 * the core's worker thread. A result belongs to the file, dialect and mapping it checked:
 * any change of those clears it. */

static void
set_preflight_error (FreightWizard *self,
                     const char    *message)
{
  if (g_strcmp0 (self->preflight_error, message) == 0)
    return;

  g_free (self->preflight_error);
  self->preflight_error = g_strdup (message);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_PREFLIGHT_ERROR);
}

static void
set_preflight (FreightWizard    *self,
               FreightPreflight *preflight)
{
  if (g_set_object (&self->preflight, preflight))
    _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_PREFLIGHT);
}

static void
set_preflight_result (FreightWizard          *self,
                      FreightPreflightResult *result)
{
  if (g_set_object (&self->preflight_result, result))
    {
      _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_PREFLIGHT_RESULT);
      _freight_wizard_update_ready (self);
    }
}

void
_freight_wizard_clear_preflight (FreightWizard *self)
{
  if (self->preflight_cancellable != NULL)
    {
      g_cancellable_cancel (self->preflight_cancellable);
      g_clear_object (&self->preflight_cancellable);
    }

  g_object_freeze_notify (G_OBJECT (self));
  set_preflight (self, NULL);
  set_preflight_result (self, NULL);
  set_preflight_error (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_freight_wizard_preflight_dispose (FreightWizard *self)
{
  if (self->preflight_cancellable != NULL)
    g_cancellable_cancel (self->preflight_cancellable);
  g_clear_object (&self->preflight_cancellable);
  g_clear_object (&self->preflight);
  g_clear_object (&self->preflight_result);
  g_clear_pointer (&self->preflight_error, g_free);
}

typedef struct
{
  FreightWizard *self;
  GCancellable  *cancellable;
} Run;

static void
preflight_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(FreightWizard) self = run->self;
  g_autoptr(GCancellable) cancellable = run->cancellable;
  g_autoptr(FreightPreflightResult) preflight_result = NULL;
  g_autoptr(GError) error = NULL;

  g_free (run);
  preflight_result = freight_preflight_run_finish (FREIGHT_PREFLIGHT (object), result, &error);
  if (g_cancellable_is_cancelled (cancellable) || self->preflight != FREIGHT_PREFLIGHT (object))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_object (&self->preflight_cancellable);
  if (preflight_result != NULL)
    set_preflight_result (self, preflight_result);
  else
    set_preflight_error (self, error->message);
  set_preflight (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * freight_wizard_run_preflight:
 * @self: a #FreightWizard with a file and a mapping without errors
 *
 * Starts pre-flight over the whole file; FreightWizard:preflight is the running check
 * (its progress is on it), and FreightWizard:preflight-result or :preflight-error follow.
 */
void
freight_wizard_run_preflight (FreightWizard *self)
{
  g_autoptr(FreightMappingPlan) plan = NULL;
  g_autoptr(FreightPreflight) preflight = NULL;
  g_autoptr(GError) error = NULL;
  Run *run;

  g_return_if_fail (FREIGHT_IS_WIZARD (self));
  g_return_if_fail (self->file != NULL && self->columns != NULL);

  _freight_wizard_clear_preflight (self);

  plan = freight_mapping_plan_new (self->mapping, (const char * const *) self->columns,
                                   &error);
  if (plan == NULL)
    {
      set_preflight_error (self, error->message);
      return;
    }

  preflight = freight_preflight_new (plan, self->file,
                                     self->dialect_known ? &self->dialect : NULL);
  self->preflight_cancellable = g_cancellable_new ();
  run = g_new0 (Run, 1);
  run->self = g_object_ref (self);
  run->cancellable = g_object_ref (self->preflight_cancellable);
  set_preflight (self, preflight);
  freight_preflight_run_async (preflight, self->preflight_cancellable, preflight_cb, run);
}

/**
 * freight_wizard_cancel_preflight:
 * @self: a #FreightWizard
 *
 * Stops a running pre-flight check; there is no result then.
 */
void
freight_wizard_cancel_preflight (FreightWizard *self)
{
  g_return_if_fail (FREIGHT_IS_WIZARD (self));

  _freight_wizard_clear_preflight (self);
}

/**
 * freight_wizard_get_preflight:
 * @self: a #FreightWizard
 *
 * Returns: (transfer none) (nullable): the running pre-flight check
 */
FreightPreflight *
freight_wizard_get_preflight (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->preflight;
}

/**
 * freight_wizard_get_preflight_result:
 * @self: a #FreightWizard
 *
 * Returns: (transfer none) (nullable): what pre-flight found in the current file with the
 *   current mapping; which problem rows to exclude is set on it
 */
FreightPreflightResult *
freight_wizard_get_preflight_result (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->preflight_result;
}

const char *
freight_wizard_get_preflight_error (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->preflight_error;
}
