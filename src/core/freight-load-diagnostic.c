/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load"

#include "config.h"

#include "freight-load-diagnostic.h"

/*
 * FreightLoadDiagnostic: something a load wants the user to know that is not a count: a
 * job that failed, results Salesforce returned that match no row, ambiguous joins, a step
 * that had to be repeated. An item of FreightLoad:diagnostics; immutable.
 */
struct _FreightLoadDiagnostic
{
  GObject                 parent_instance;

  FreightProblemSeverity  severity;
  guint                   part;
  guint64                 row;
  char                   *message;
};

G_DEFINE_FINAL_TYPE (FreightLoadDiagnostic, freight_load_diagnostic, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SEVERITY,
  PROP_PART,
  PROP_ROW,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_load_diagnostic_finalize (GObject *object)
{
  FreightLoadDiagnostic *self = (FreightLoadDiagnostic *) object;

  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (freight_load_diagnostic_parent_class)->finalize (object);
}

static void
freight_load_diagnostic_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FreightLoadDiagnostic *self = FREIGHT_LOAD_DIAGNOSTIC (object);

  switch (prop_id)
    {
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_PART:
      g_value_set_uint (value, self->part);
      break;
    case PROP_ROW:
      g_value_set_uint64 (value, self->row);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_load_diagnostic_class_init (FreightLoadDiagnosticClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = freight_load_diagnostic_finalize;
  object_class->get_property = freight_load_diagnostic_get_property;

  /** FreightLoadDiagnostic:severity: an error (something does not add up) or a warning. */
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, FREIGHT_TYPE_PROBLEM_SEVERITY,
                       FREIGHT_PROBLEM_WARNING, flags);
  /** FreightLoadDiagnostic:part: the part it concerns, or 0. */
  properties[PROP_PART] = g_param_spec_uint ("part", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /** FreightLoadDiagnostic:row: the source row it concerns, or 0. */
  properties[PROP_ROW] = g_param_spec_uint64 ("row", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /** FreightLoadDiagnostic:message: a sentence for the user, saying what to do. */
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_load_diagnostic_init (FreightLoadDiagnostic *self)
{
}

FreightLoadDiagnostic *
freight_load_diagnostic_new (FreightProblemSeverity  severity,
                             guint                   part,
                             guint64                 row,
                             const char             *message)
{
  FreightLoadDiagnostic *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (FREIGHT_TYPE_LOAD_DIAGNOSTIC, NULL);
  self->severity = severity;
  self->part = part;
  self->row = row;
  self->message = g_strdup (message);
  return self;
}

FreightProblemSeverity
freight_load_diagnostic_get_severity (FreightLoadDiagnostic *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DIAGNOSTIC (self), FREIGHT_PROBLEM_WARNING);
  return self->severity;
}

guint
freight_load_diagnostic_get_part (FreightLoadDiagnostic *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DIAGNOSTIC (self), 0);
  return self->part;
}

guint64
freight_load_diagnostic_get_row (FreightLoadDiagnostic *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DIAGNOSTIC (self), 0);
  return self->row;
}

const char *
freight_load_diagnostic_get_message (FreightLoadDiagnostic *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DIAGNOSTIC (self), NULL);
  return self->message;
}
