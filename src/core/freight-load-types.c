/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-load-types.h"

G_DEFINE_QUARK (freight-load-error-quark, freight_load_error)

G_DEFINE_ENUM_TYPE (FreightLoadState, freight_load_state,
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_STATE_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_STATE_CANCELLING, "cancelling"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_STATE_FINISHED, "finished"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_STATE_CANCELLED, "cancelled"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_STATE_INTERRUPTED, "interrupted"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_STATE_FAILED, "failed"))

G_DEFINE_ENUM_TYPE (FreightLoadJobState, freight_load_job_state,
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_PREPARING, "preparing"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_CREATING, "creating"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_UPLOADING, "uploading"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_CLOSING, "closing"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_QUEUED, "queued"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_IN_PROGRESS, "in-progress"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_ABORTING, "aborting"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_DOWNLOADING, "downloading"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_RECONCILING, "reconciling"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_COMPLETE, "complete"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_ABORTED, "aborted"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_LOAD_JOB_STATE_SKIPPED, "skipped"))

static const char *
enum_nick (GType type,
           int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  g_type_class_unref (klass);
  return found != NULL ? found->value_nick : NULL;
}

/**
 * freight_load_state_to_string:
 *
 * Returns: the state's stable name (`running`, `finished`, …), as the journal and
 *   `--json` summaries use it
 */
const char *
freight_load_state_to_string (FreightLoadState state)
{
  return enum_nick (FREIGHT_TYPE_LOAD_STATE, state);
}

/**
 * freight_load_job_state_to_string:
 *
 * Returns: the state's stable name (`uploading`, `complete`, …)
 */
const char *
freight_load_job_state_to_string (FreightLoadJobState state)
{
  return enum_nick (FREIGHT_TYPE_LOAD_JOB_STATE, state);
}

/**
 * freight_load_job_state_get_display_name:
 *
 * Returns: the state in words for the user, translated
 */
const char *
freight_load_job_state_get_display_name (FreightLoadJobState state)
{
  switch (state)
    {
    case FREIGHT_LOAD_JOB_STATE_PREPARING:
      return _("Preparing");
    case FREIGHT_LOAD_JOB_STATE_WAITING:
      return _("Waiting");
    case FREIGHT_LOAD_JOB_STATE_CREATING:
      return _("Creating job");
    case FREIGHT_LOAD_JOB_STATE_UPLOADING:
      return _("Uploading");
    case FREIGHT_LOAD_JOB_STATE_CLOSING:
      return _("Closing upload");
    case FREIGHT_LOAD_JOB_STATE_QUEUED:
      return _("Queued");
    case FREIGHT_LOAD_JOB_STATE_IN_PROGRESS:
      return _("In progress");
    case FREIGHT_LOAD_JOB_STATE_ABORTING:
      return _("Aborting");
    case FREIGHT_LOAD_JOB_STATE_DOWNLOADING:
      return _("Downloading results");
    case FREIGHT_LOAD_JOB_STATE_RECONCILING:
      return _("Writing results");
    case FREIGHT_LOAD_JOB_STATE_COMPLETE:
      return _("Complete");
    case FREIGHT_LOAD_JOB_STATE_FAILED:
      return _("Failed");
    case FREIGHT_LOAD_JOB_STATE_ABORTED:
      return _("Aborted");
    case FREIGHT_LOAD_JOB_STATE_SKIPPED:
      return _("Nothing to send");
    default:
      return "";
    }
}

/**
 * freight_load_job_state_is_done:
 *
 * Returns: %TRUE if the part's rows are in the result files
 */
gboolean
freight_load_job_state_is_done (FreightLoadJobState state)
{
  return state >= FREIGHT_LOAD_JOB_STATE_COMPLETE;
}
