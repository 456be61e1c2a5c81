/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-problem"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-problem.h"

/* One thing the mapping check or pre-flight found: what, where (row, line, column,
 * field) and what to do, in the message. Immutable. */
struct _FreightProblem
{
  GObject                 parent_instance;

  FreightProblemSeverity  severity;
  FreightProblemKind      kind;
  guint64                 row;
  guint64                 line;
  char                   *column;
  char                   *field;
  char                   *message;
};

enum {
  PROP_0,
  PROP_SEVERITY,
  PROP_KIND,
  PROP_ROW,
  PROP_LINE,
  PROP_COLUMN,
  PROP_FIELD,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FreightProblem, freight_problem, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FreightProblemSeverity, freight_problem_severity,
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_WARNING, "warning"))

G_DEFINE_ENUM_TYPE (FreightProblemKind, freight_problem_kind,
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_NO_OBJECT, "no-object"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_NOTHING_MAPPED, "nothing-mapped"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_UNKNOWN_COLUMN, "unknown-column"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_UNKNOWN_FIELD, "unknown-field"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_NOT_WRITABLE, "not-writable"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_DUPLICATE_TARGET, "duplicate-target"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_MISSING_REQUIRED_FIELD,
                                         "missing-required-field"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_MISSING_ID, "missing-id"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_DELETE_EXTRA_FIELD,
                                         "delete-extra-field"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_EXTERNAL_ID, "external-id"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_RELATIONSHIP, "relationship"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_RELATED_OBJECT_UNKNOWN,
                                         "related-object-unknown"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_INVALID_CONSTANT, "invalid-constant"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_INVALID_FORMAT, "invalid-format"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_AMBIGUOUS_COLUMN, "ambiguous-column"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_CSV_ROW, "csv-row"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_REQUIRED_BLANK, "required-blank"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_INVALID_VALUE, "invalid-value"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_TOO_LONG, "too-long"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_NOT_IN_PICKLIST, "not-in-picklist"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_INVALID_ID, "invalid-id"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_DUPLICATE_KEY, "duplicate-key"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_MISSING_ROW_ID, "missing-row-id"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_AMBIGUOUS_TIME, "ambiguous-time"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_PROBLEM_ROUNDED, "rounded"))

/**
 * freight_problem_new:
 * @severity: whether it stops the load (or the row)
 * @kind: what it is about
 * @row: the source row’s record number (1 for the first data row), or 0 for a problem of
 *   the mapping
 * @line: the physical line the row starts on, or 0
 * @column: (nullable): the CSV column (or columns, or a constant) concerned
 * @field: (nullable): the target field or relationship path concerned
 * @message: what is wrong and what to do
 *
 * Returns: (transfer full): a new problem
 */
FreightProblem *
freight_problem_new (FreightProblemSeverity  severity,
                     FreightProblemKind      kind,
                     guint64                 row,
                     guint64                 line,
                     const char             *column,
                     const char             *field,
                     const char             *message)
{
  FreightProblem *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (FREIGHT_TYPE_PROBLEM, NULL);
  self->severity = severity;
  self->kind = kind;
  self->row = row;
  self->line = line;
  self->column = g_strdup (column);
  self->field = g_strdup (field);
  self->message = g_strdup (message);
  return self;
}

static void
freight_problem_finalize (GObject *object)
{
  FreightProblem *self = (FreightProblem *)object;

  g_clear_pointer (&self->column, g_free);
  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (freight_problem_parent_class)->finalize (object);
}

static void
freight_problem_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FreightProblem *self = FREIGHT_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_ROW:
      g_value_set_uint64 (value, self->row);
      break;

    case PROP_LINE:
      g_value_set_uint64 (value, self->line);
      break;

    case PROP_COLUMN:
      g_value_set_string (value, self->column);
      break;

    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_problem_class_init (FreightProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_problem_finalize;
  object_class->get_property = freight_problem_get_property;

  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       FREIGHT_TYPE_PROBLEM_SEVERITY, FREIGHT_PROBLEM_ERROR,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       FREIGHT_TYPE_PROBLEM_KIND, FREIGHT_PROBLEM_NO_OBJECT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROW] =
    g_param_spec_uint64 ("row", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE] =
    g_param_spec_uint64 ("line", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN] =
    g_param_spec_string ("column", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_problem_init (FreightProblem *self)
{
}

FreightProblemSeverity
freight_problem_get_severity (FreightProblem *self)
{
  g_return_val_if_fail (FREIGHT_IS_PROBLEM (self), FREIGHT_PROBLEM_ERROR);

  return self->severity;
}

FreightProblemKind
freight_problem_get_kind (FreightProblem *self)
{
  g_return_val_if_fail (FREIGHT_IS_PROBLEM (self), FREIGHT_PROBLEM_NO_OBJECT);

  return self->kind;
}

/**
 * freight_problem_get_row:
 * @self: a problem
 *
 * Returns: the source row’s record number (1 for the first data row), or 0 if the
 *   problem concerns the mapping rather than a row
 */
guint64
freight_problem_get_row (FreightProblem *self)
{
  g_return_val_if_fail (FREIGHT_IS_PROBLEM (self), 0);

  return self->row;
}

/**
 * freight_problem_get_line:
 * @self: a problem
 *
 * Returns: the physical line of the file the row starts on, or 0
 */
guint64
freight_problem_get_line (FreightProblem *self)
{
  g_return_val_if_fail (FREIGHT_IS_PROBLEM (self), 0);

  return self->line;
}

const char *
freight_problem_get_column (FreightProblem *self)
{
  g_return_val_if_fail (FREIGHT_IS_PROBLEM (self), NULL);

  return self->column;
}

const char *
freight_problem_get_field (FreightProblem *self)
{
  g_return_val_if_fail (FREIGHT_IS_PROBLEM (self), NULL);

  return self->field;
}

const char *
freight_problem_get_message (FreightProblem *self)
{
  g_return_val_if_fail (FREIGHT_IS_PROBLEM (self), NULL);

  return self->message;
}

/**
 * freight_problem_to_string:
 * @self: a problem
 *
 * Returns: (transfer full): the problem in one line with where it is, for the command
 *   line and logs: "Row 12 (line 13), column “Close Date” → CloseDate: …"
 */
char *
freight_problem_to_string (FreightProblem *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (FREIGHT_IS_PROBLEM (self), NULL);

  if (self->row > 0)
    {
      g_autofree char *row = g_strdup_printf ("%" G_GUINT64_FORMAT, self->row);
      g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, self->line);

      if (self->line > 0)
        g_string_append_printf (text, _("Row %s (line %s)"), row, line);
      else
        g_string_append_printf (text, _("Row %s"), row);
    }
  if (self->column != NULL)
    g_string_append_printf (text, self->row > 0 ? _(", column “%s”") : _("Column “%s”"),
                            self->column);
  if (self->field != NULL)
    g_string_append_printf (text, text->len > 0 ? " → %s" : "%s", self->field);
  if (text->len > 0)
    g_string_append (text, ": ");
  g_string_append (text, self->message);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
