/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-reconcile-result"

#include "config.h"

#include "freight-reconcile-result-private.h"

/* What freight_reconcile_part() found for one part: the counts for summary.json and the
 * diagnostics for the load's diagnostics model. The outcome of each row is on disk. */

struct _FreightReconcileResult
{
  GObject               parent_instance;

  guint                 part_number;
  FreightOutcomeCounts  counts;
  GArray               *diagnostics;
  guint64               n_dropped;
  guint64               n_errors;
};

G_DEFINE_FINAL_TYPE (FreightReconcileResult, freight_reconcile_result, G_TYPE_OBJECT)

static void
clear_diagnostic (gpointer data)
{
  FreightReconcileDiagnostic *diagnostic = data;

  g_clear_pointer (&diagnostic->message, g_free);
}

static void
freight_reconcile_result_finalize (GObject *object)
{
  FreightReconcileResult *self = (FreightReconcileResult *) object;

  g_clear_pointer (&self->diagnostics, g_array_unref);

  G_OBJECT_CLASS (freight_reconcile_result_parent_class)->finalize (object);
}

static void
freight_reconcile_result_class_init (FreightReconcileResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_reconcile_result_finalize;
}

static void
freight_reconcile_result_init (FreightReconcileResult *self)
{
  self->diagnostics = g_array_new (FALSE, FALSE, sizeof (FreightReconcileDiagnostic));
  g_array_set_clear_func (self->diagnostics, clear_diagnostic);
}

FreightReconcileResult *
_freight_reconcile_result_new (guint                       part_number,
                               const FreightOutcomeCounts *counts)
{
  FreightReconcileResult *self = g_object_new (FREIGHT_TYPE_RECONCILE_RESULT, NULL);

  self->part_number = part_number;
  self->counts = *counts;
  return self;
}

void
_freight_reconcile_result_set_counts (FreightReconcileResult     *self,
                                      const FreightOutcomeCounts *counts)
{
  self->counts = *counts;
}

void
_freight_reconcile_result_add_diagnostic (FreightReconcileResult   *self,
                                          FreightReconcileSeverity  severity,
                                          guint64                   record,
                                          const char               *format,
                                          ...)
{
  FreightReconcileDiagnostic diagnostic;
  va_list args;

  if (severity == FREIGHT_RECONCILE_SEVERITY_ERROR)
    self->n_errors++;
  if (self->diagnostics->len >= FREIGHT_RECONCILE_MAX_DIAGNOSTICS)
    {
      self->n_dropped++;
      return;
    }

  diagnostic.severity = severity;
  diagnostic.record = record;
  va_start (args, format);
  diagnostic.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (self->diagnostics, diagnostic);
}

guint
freight_reconcile_result_get_part_number (FreightReconcileResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (self), 0);

  return self->part_number;
}

/**
 * freight_reconcile_result_get_n_rows:
 *
 * Returns: the rows of the part (sent to Salesforce)
 */
guint64
freight_reconcile_result_get_n_rows (FreightReconcileResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (self), 0);

  return self->counts.n_rows;
}

/**
 * freight_reconcile_result_get_n_succeeded:
 *
 * Returns: the part's rows joined to a successful result
 */
guint64
freight_reconcile_result_get_n_succeeded (FreightReconcileResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (self), 0);

  return self->counts.n_succeeded;
}

/**
 * freight_reconcile_result_get_n_failed:
 *
 * Returns: the part's rows joined to a failed result
 */
guint64
freight_reconcile_result_get_n_failed (FreightReconcileResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (self), 0);

  return self->counts.n_failed;
}

/**
 * freight_reconcile_result_get_n_unprocessed:
 *
 * Returns: the part's rows joined to an unprocessed record
 */
guint64
freight_reconcile_result_get_n_unprocessed (FreightReconcileResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (self), 0);

  return self->counts.n_unprocessed;
}

/**
 * freight_reconcile_result_get_n_no_result:
 *
 * Returns: the part's rows that no result file names (they go to `unprocessed.csv`)
 */
guint64
freight_reconcile_result_get_n_no_result (FreightReconcileResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (self), 0);

  return self->counts.n_rows - self->counts.n_succeeded - self->counts.n_failed -
         self->counts.n_unprocessed;
}

/**
 * freight_reconcile_result_get_n_ambiguous:
 *
 * Returns: the joins that landed on one of several rows that sent identical content
 */
guint64
freight_reconcile_result_get_n_ambiguous (FreightReconcileResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (self), 0);

  return self->counts.n_ambiguous;
}

/**
 * freight_reconcile_result_get_n_unmatched:
 *
 * Returns: the result rows that match no row sent (kept in `part-NNNN.unmatched.csv`)
 */
guint64
freight_reconcile_result_get_n_unmatched (FreightReconcileResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (self), 0);

  return self->counts.n_unmatched;
}

/**
 * freight_reconcile_result_get_diagnostics:
 * @n_diagnostics: (out): their number
 *
 * Returns: (array length=n_diagnostics): the diagnostics, at most
 *   %FREIGHT_RECONCILE_MAX_DIAGNOSTICS
 */
const FreightReconcileDiagnostic *
freight_reconcile_result_get_diagnostics (FreightReconcileResult *self,
                                          guint                  *n_diagnostics)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (self), NULL);
  g_return_val_if_fail (n_diagnostics != NULL, NULL);

  *n_diagnostics = self->diagnostics->len;
  return (const FreightReconcileDiagnostic *) (gpointer) self->diagnostics->data;
}

/**
 * freight_reconcile_result_get_n_dropped_diagnostics:
 *
 * Returns: how many diagnostics were only counted, past the limit
 */
guint64
freight_reconcile_result_get_n_dropped_diagnostics (FreightReconcileResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (self), 0);

  return self->n_dropped;
}

/**
 * freight_reconcile_result_has_errors:
 *
 * Returns: %TRUE if a diagnostic is an error (also among the dropped ones)
 */
gboolean
freight_reconcile_result_has_errors (FreightReconcileResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (self), FALSE);

  return self->n_errors > 0 || self->counts.n_unmatched > 0;
}
