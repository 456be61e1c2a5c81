/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-preferences-window.h"
#include "freight-wizard-private.h"

/* The load the wizard describes, run on the core's FreightLoad: freight_wizard_start()
 * turns the wizard's state into a FreightLoadDescription (the org's session, object,
 * operation, external ID, mapping, the pre-flight result with its exclusions, the file and
 * its dialect, the output folder and part sizes from the preferences) and runs it with
 * freight_load_run_async(), which does its work on threads of its own and changes the
 * load's properties on the main context. The Run page shows those properties. */

enum {
  LOAD_FINISHED,
  N_LOAD_SIGNALS
};

static guint load_signals[N_LOAD_SIGNALS];

void
_freight_wizard_load_class_init (GObjectClass *object_class)
{
  /**
   * FreightWizard::load-finished:
   *
   * The load started by freight_wizard_start() ended: finished, cancelled or stopped by
   * an error (freight_wizard_get_load_error()).
   */
  load_signals[LOAD_FINISHED] =
    g_signal_new ("load-finished",
                  G_TYPE_FROM_CLASS (object_class),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

void
_freight_wizard_load_dispose (FreightWizard *self)
{
  /* A load still running when the wizard goes is interrupted: its jobs go on in the org
   * and the journal has what it takes to resume it. */
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->load);
  g_clear_error (&self->load_error);
}

static void
set_load_running (FreightWizard *self,
                  gboolean       running)
{
  if (self->load_running == !!running)
    return;

  self->load_running = !!running;
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_LOAD_RUNNING);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(FreightWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  FreightLoad *load = FREIGHT_LOAD (object);

  if (!freight_load_run_finish (load, result, &error))
    {
      /* The Run page tells the user; an interrupted load can be resumed. */
      g_debug ("Load %s stopped: %s", freight_load_get_run_id (load), error->message);
    }

  /* The wizard may have started over meanwhile (another org, a new load). */
  if (load != self->load)
    return;

  g_clear_error (&self->load_error);
  self->load_error = g_steal_pointer (&error);
  set_load_running (self, FALSE);
  g_signal_emit (self, load_signals[LOAD_FINISHED], 0);
}

static GFile *
dup_output_dir (GSettings *settings)
{
  g_autofree char *folder = _freight_get_output_folder (settings);

  return g_file_new_for_path (folder);
}

static FreightLoadDescription *
describe_load (FreightWizard *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(FreightLoadDescription) description = freight_load_description_new ();
  g_autoptr(GFile) output_dir = dup_output_dir (settings);
  FreightCsvDialect dialect;
  guint64 part_size;
  int rows_per_part;
  int jobs;

  freight_load_description_set_session (description, self->session);
  freight_load_description_set_org_name (description, self->org_name);
  freight_load_description_set_object_name (description, self->object_name);
  freight_load_description_set_operation (description, self->operation);
  if (self->operation == FREIGHT_OPERATION_UPSERT)
    freight_load_description_set_external_id_field (description, self->external_id_field);
  freight_load_description_set_source_file (description, self->file);
  if (freight_wizard_get_dialect (self, &dialect))
    freight_load_description_set_source_dialect (description, &dialect);
  freight_load_description_set_mapping (description, self->mapping);
  /* Which rows with problems stay out is set on the result by the Review page. */
  freight_load_description_set_preflight_result (description, self->preflight_result);
  freight_load_description_set_output_dir (description, output_dir);

  part_size = (guint64) MAX (g_settings_get_int (settings, "part-size-mb"), 1) * 1000 * 1000;
  freight_load_description_set_part_size (description,
                                          MIN (part_size, FREIGHT_LOAD_MAX_PART_SIZE));
  rows_per_part = g_settings_get_int (settings, "rows-per-part");
  if (rows_per_part > 0)
    freight_load_description_set_part_rows (description, (guint64) rows_per_part);
  jobs = g_settings_get_int (settings, "jobs-in-flight");
  freight_load_description_set_jobs_in_flight (description,
                                               CLAMP (jobs, 1,
                                                      FREIGHT_LOAD_MAX_JOBS_IN_FLIGHT));

  return g_steal_pointer (&description);
}

/* Describes the load and starts it. Returns FALSE, with FreightWizard:load-error set,
 * when the description is not one a load can start from. */
gboolean
_freight_wizard_start_load (FreightWizard *self)
{
  g_autoptr(FreightLoadDescription) description = describe_load (self);
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_error (&self->load_error);

  if (!freight_load_description_validate (description, &error))
    {
      g_clear_object (&self->load);
      self->load_error = g_steal_pointer (&error);
      _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_LOAD);
      return FALSE;
    }

  g_set_object (&self->load, NULL);
  self->load = freight_load_new (description);
  self->load_cancellable = g_cancellable_new ();
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_LOAD);
  set_load_running (self, TRUE);

  freight_load_run_async (self->load, self->load_cancellable, run_cb, g_object_ref (self));
  return TRUE;
}

/**
 * freight_wizard_get_load:
 *
 * Returns: (transfer none) (nullable): the load freight_wizard_start() started, running
 *   or ended, or %NULL
 */
FreightLoad *
freight_wizard_get_load (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->load;
}

/**
 * freight_wizard_get_load_running:
 *
 * Returns: whether the load runs: started, and FreightWizard::load-finished not emitted
 */
gboolean
freight_wizard_get_load_running (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), FALSE);

  return self->load_running;
}

/**
 * freight_wizard_get_load_error:
 *
 * Returns: (nullable): why the load did not start or stopped, or %NULL
 */
const GError *
freight_wizard_get_load_error (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->load_error;
}

/**
 * freight_wizard_cancel_load:
 *
 * Cancels the running load: its open jobs are aborted, and every row ends up in a result
 * file (those never loaded in unprocessed.csv). FreightWizard::load-finished follows once
 * that is done.
 */
void
freight_wizard_cancel_load (FreightWizard *self)
{
  g_return_if_fail (FREIGHT_IS_WIZARD (self));

  if (self->load != NULL && self->load_running)
    freight_load_cancel (self->load);
}
