/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-preflight-result"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "freight-exclusion-cursor.h"
#include "freight-preflight-private.h"

/*
 * What pre-flight found: counts by kind (exact), the problems (a bounded list, sorted by
 * row), and the rows with errors (on disk, in the result's folder). The user chooses which
 * rows stay out of the load: every row with an error, and/or single rows; an exclusion
 * cursor hands exactly that set, with each row's reason, to the load in row order.
 */
struct _FreightPreflightResult
{
  GObject     parent_instance;

  char       *directory;
  char       *index_path;
  int         index_fd;
  guint64     n_index_records;
  char       *reasons_path;
  int         reasons_fd;

  guint64     n_rows;
  guint64     n_error_rows;
  guint64     n_warning_rows;
  guint64     counts[FREIGHT_PROBLEM_N_KINDS];
  GListStore *problems;

  gboolean    exclude_errors;
  /* row (guint64) -> CHOICE_EXCLUDE or CHOICE_INCLUDE */
  GHashTable *choices;
  guint64     n_excluded;
};

enum {
  CHOICE_EXCLUDE = 1,
  CHOICE_INCLUDE = 2,
};

enum {
  PROP_0,
  PROP_N_ROWS,
  PROP_N_ERROR_ROWS,
  PROP_PROBLEMS,
  PROP_EXCLUDE_ROWS_WITH_ERRORS,
  PROP_N_EXCLUDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FreightPreflightResult, freight_preflight_result, G_TYPE_OBJECT)

void
_freight_error_row_encode (const FreightErrorRow *row,
                           guint8                 out[FREIGHT_ERROR_ROW_SIZE])
{
  _freight_put_u64 (out, row->row);
  _freight_put_u64 (out + 8, row->line);
  _freight_put_u64 (out + 16, row->reason_offset);
  _freight_put_u64 (out + 24, (guint64) row->reason_length << 32 | row->kind);
}

void
_freight_error_row_decode (const guint8     in[FREIGHT_ERROR_ROW_SIZE],
                           FreightErrorRow *row)
{
  guint64 last = _freight_get_u64 (in + 24);

  row->row = _freight_get_u64 (in);
  row->line = _freight_get_u64 (in + 8);
  row->reason_offset = _freight_get_u64 (in + 16);
  row->reason_length = last >> 32;
  row->kind = last & 0xffffffff;
}

gboolean
_freight_read_at (int          fd,
                  void        *buffer,
                  gsize        length,
                  guint64      offset,
                  const char  *path,
                  GError     **error)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = pread (fd, (guint8 *) buffer + done, length - done, offset + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = n < 0 ? errno : EIO;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read pre-flight’s list of rows with errors (%s): %s. Run "
                         "the check again."), path, g_strerror (saved_errno));
          return FALSE;
        }
      done += n;
    }
  return TRUE;
}

FreightPreflightResult *
_freight_preflight_result_new (const char    *directory,
                               guint64        n_rows,
                               guint64        n_error_rows,
                               guint64        n_warning_rows,
                               const guint64 *counts,
                               GPtrArray     *problems)
{
  FreightPreflightResult *self = g_object_new (FREIGHT_TYPE_PREFLIGHT_RESULT, NULL);
  GStatBuf st;

  self->directory = g_strdup (directory);
  self->index_path = g_build_filename (directory, FREIGHT_ERROR_INDEX_FILE, NULL);
  self->reasons_path = g_build_filename (directory, FREIGHT_ERROR_REASONS_FILE, NULL);
  self->index_fd = g_open (self->index_path, O_RDONLY | O_CLOEXEC, 0);
  self->reasons_fd = g_open (self->reasons_path, O_RDONLY | O_CLOEXEC, 0);
  if (self->index_fd >= 0 && g_stat (self->index_path, &st) == 0)
    self->n_index_records = st.st_size / FREIGHT_ERROR_ROW_SIZE;
  self->n_rows = n_rows;
  self->n_error_rows = n_error_rows;
  self->n_warning_rows = n_warning_rows;
  memcpy (self->counts, counts, sizeof self->counts);
  g_list_store_splice (self->problems, 0, 0, problems->pdata, problems->len);
  return self;
}

static void
freight_preflight_result_finalize (GObject *object)
{
  FreightPreflightResult *self = (FreightPreflightResult *)object;

  if (self->index_fd >= 0)
    close (self->index_fd);
  if (self->reasons_fd >= 0)
    close (self->reasons_fd);
  if (self->index_path != NULL)
    g_unlink (self->index_path);
  if (self->reasons_path != NULL)
    g_unlink (self->reasons_path);
  if (self->directory != NULL)
    g_rmdir (self->directory);
  g_clear_pointer (&self->index_path, g_free);
  g_clear_pointer (&self->reasons_path, g_free);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->choices, g_hash_table_unref);
  g_clear_object (&self->problems);

  G_OBJECT_CLASS (freight_preflight_result_parent_class)->finalize (object);
}

static void
freight_preflight_result_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FreightPreflightResult *self = FREIGHT_PREFLIGHT_RESULT (object);

  switch (prop_id)
    {
    case PROP_N_ROWS:
      g_value_set_uint64 (value, self->n_rows);
      break;

    case PROP_N_ERROR_ROWS:
      g_value_set_uint64 (value, self->n_error_rows);
      break;

    case PROP_PROBLEMS:
      g_value_set_object (value, self->problems);
      break;

    case PROP_EXCLUDE_ROWS_WITH_ERRORS:
      g_value_set_boolean (value, self->exclude_errors);
      break;

    case PROP_N_EXCLUDED:
      g_value_set_uint64 (value, self->n_excluded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_preflight_result_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  FreightPreflightResult *self = FREIGHT_PREFLIGHT_RESULT (object);

  switch (prop_id)
    {
    case PROP_EXCLUDE_ROWS_WITH_ERRORS:
      freight_preflight_result_set_exclude_rows_with_errors (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_preflight_result_class_init (FreightPreflightResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_preflight_result_finalize;
  object_class->get_property = freight_preflight_result_get_property;
  object_class->set_property = freight_preflight_result_set_property;

  properties[PROP_N_ROWS] =
    g_param_spec_uint64 ("n-rows", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ERROR_ROWS] =
    g_param_spec_uint64 ("n-error-rows", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The FreightProblem list: the first problems of each kind, sorted by row. */
  properties[PROP_PROBLEMS] =
    g_param_spec_object ("problems", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXCLUDE_ROWS_WITH_ERRORS] =
    g_param_spec_boolean ("exclude-rows-with-errors", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How many rows stay out of the load, by the policy and single choices. */
  properties[PROP_N_EXCLUDED] =
    g_param_spec_uint64 ("n-excluded", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_preflight_result_init (FreightPreflightResult *self)
{
  self->index_fd = -1;
  self->reasons_fd = -1;
  self->problems = g_list_store_new (FREIGHT_TYPE_PROBLEM);
  self->choices = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * freight_preflight_result_get_n_rows:
 * @self: a result
 *
 * Returns: how many data rows the file has
 */
guint64
freight_preflight_result_get_n_rows (FreightPreflightResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self), 0);

  return self->n_rows;
}

/**
 * freight_preflight_result_get_n_error_rows:
 * @self: a result
 *
 * Returns: how many rows have at least one error
 */
guint64
freight_preflight_result_get_n_error_rows (FreightPreflightResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self), 0);

  return self->n_error_rows;
}

/**
 * freight_preflight_result_get_n_warning_rows:
 * @self: a result
 *
 * Returns: how many rows have at least one warning
 */
guint64
freight_preflight_result_get_n_warning_rows (FreightPreflightResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self), 0);

  return self->n_warning_rows;
}

/**
 * freight_preflight_result_get_count:
 * @self: a result
 * @kind: a kind of problem
 *
 * Returns: how many problems of @kind the file has, listed or not
 */
guint64
freight_preflight_result_get_count (FreightPreflightResult *self,
                                    FreightProblemKind      kind)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self), 0);
  g_return_val_if_fail (kind < FREIGHT_PROBLEM_N_KINDS, 0);

  return self->counts[kind];
}

/**
 * freight_preflight_result_get_n_problems:
 * @self: a result
 *
 * Returns: how many problems the file has in all (the list holds at most a bounded
 *   number of each kind)
 */
guint64
freight_preflight_result_get_n_problems (FreightPreflightResult *self)
{
  guint64 total = 0;

  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self), 0);

  for (guint i = 0; i < FREIGHT_PROBLEM_N_KINDS; i++)
    total += self->counts[i];
  return total;
}

/**
 * freight_preflight_result_get_problems:
 * @self: a result
 *
 * Returns: (transfer none): the #FreightProblem list: the first problems of each kind,
 *   sorted by row
 */
GListModel *
freight_preflight_result_get_problems (FreightPreflightResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self), NULL);

  return G_LIST_MODEL (self->problems);
}

static gboolean
find_error_row (FreightPreflightResult  *self,
                guint64                  row,
                FreightErrorRow         *found,
                GError                 **error)
{
  guint64 lo = 0;
  guint64 hi = self->n_index_records;

  while (lo < hi)
    {
      guint64 mid = lo + (hi - lo) / 2;
      guint8 buffer[FREIGHT_ERROR_ROW_SIZE];

      if (!_freight_read_at (self->index_fd, buffer, sizeof buffer,
                             mid * FREIGHT_ERROR_ROW_SIZE, self->index_path, error))
        return FALSE;
      _freight_error_row_decode (buffer, found);
      if (found->row == row)
        return TRUE;
      if (found->row < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

/**
 * freight_preflight_result_lookup_error_row:
 * @self: a result
 * @row: a row’s record number
 * @line: (out) (optional): the line it starts on
 * @kind: (out) (optional): the kind of its first error
 * @reason: (out) (optional) (transfer full): its first error, where and what
 *
 * Returns: %TRUE if @row has an error
 */
gboolean
freight_preflight_result_lookup_error_row (FreightPreflightResult  *self,
                                           guint64                  row,
                                           guint64                 *line,
                                           FreightProblemKind      *kind,
                                           char                   **reason)
{
  g_autoptr(GError) error = NULL;
  FreightErrorRow found;

  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self), FALSE);

  if (!find_error_row (self, row, &found, &error))
    {
      if (error != NULL)
        g_warning ("%s", error->message);
      return FALSE;
    }
  if (line != NULL)
    *line = found.line;
  if (kind != NULL)
    *kind = found.kind;
  if (reason != NULL)
    {
      char *text = g_malloc (found.reason_length + 1);

      if (!_freight_read_at (self->reasons_fd, text, found.reason_length, found.reason_offset,
                             self->reasons_path, &error))
        {
          g_warning ("%s", error->message);
          g_free (text);
          return FALSE;
        }
      text[found.reason_length] = '\0';
      *reason = text;
    }
  return TRUE;
}

static void
update_n_excluded (FreightPreflightResult *self)
{
  guint64 n = self->exclude_errors ? self->n_error_rows : 0;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, self->choices);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean error_row = freight_preflight_result_lookup_error_row (self, *(guint64 *) key,
                                                                      NULL, NULL, NULL);
      gboolean by_policy = self->exclude_errors && error_row;

      if (GPOINTER_TO_INT (value) == CHOICE_EXCLUDE && !by_policy)
        n++;
      else if (GPOINTER_TO_INT (value) == CHOICE_INCLUDE && by_policy)
        n--;
    }
  if (n != self->n_excluded)
    {
      self->n_excluded = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EXCLUDED]);
    }
}

gboolean
freight_preflight_result_get_exclude_rows_with_errors (FreightPreflightResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self), FALSE);

  return self->exclude_errors;
}

/**
 * freight_preflight_result_set_exclude_rows_with_errors:
 * @self: a result
 * @exclude: whether rows with errors stay out of the load
 *
 * Rows included one by one with freight_preflight_result_include_row() stay in.
 */
void
freight_preflight_result_set_exclude_rows_with_errors (FreightPreflightResult *self,
                                                       gboolean                exclude)
{
  g_return_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self));

  exclude = !!exclude;
  if (self->exclude_errors == exclude)
    return;
  self->exclude_errors = exclude;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCLUDE_ROWS_WITH_ERRORS]);
  update_n_excluded (self);
}

static void
set_choice (FreightPreflightResult *self,
            guint64                 row,
            int                     choice)
{
  g_return_if_fail (row >= 1 && row <= self->n_rows);

  g_hash_table_replace (self->choices, g_memdup2 (&row, sizeof row), GINT_TO_POINTER (choice));
  update_n_excluded (self);
}

/**
 * freight_preflight_result_exclude_row:
 * @self: a result
 * @row: a row’s record number
 *
 * Keeps @row out of the load, with or without errors.
 */
void
freight_preflight_result_exclude_row (FreightPreflightResult *self,
                                      guint64                 row)
{
  g_return_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self));

  set_choice (self, row, CHOICE_EXCLUDE);
}

/**
 * freight_preflight_result_include_row:
 * @self: a result
 * @row: a row’s record number
 *
 * Sends @row even if it has errors and rows with errors are excluded.
 */
void
freight_preflight_result_include_row (FreightPreflightResult *self,
                                      guint64                 row)
{
  g_return_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self));

  set_choice (self, row, CHOICE_INCLUDE);
}

guint64
freight_preflight_result_get_n_excluded (FreightPreflightResult *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self), 0);

  return self->n_excluded;
}

/**
 * freight_preflight_result_is_row_excluded:
 * @self: a result
 * @row: a row’s record number
 * @reason: (out) (optional) (transfer full): why it stays out, for unprocessed.csv
 *
 * Returns: %TRUE if @row stays out of the load
 */
gboolean
freight_preflight_result_is_row_excluded (FreightPreflightResult  *self,
                                          guint64                  row,
                                          char                   **reason)
{
  g_autofree char *error_reason = NULL;
  gboolean error_row;
  int choice;

  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self), FALSE);

  choice = GPOINTER_TO_INT (g_hash_table_lookup (self->choices, &row));
  error_row = freight_preflight_result_lookup_error_row (self, row, NULL, NULL, &error_reason);
  if (choice == CHOICE_INCLUDE || (choice != CHOICE_EXCLUDE && !(self->exclude_errors
                                                                   && error_row)))
    return FALSE;
  if (reason != NULL)
    *reason = error_row ? g_steal_pointer (&error_reason)
                        : g_strdup (_("Excluded by you in the review before the load."));
  return TRUE;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  guint64 ra = *(const guint64 *) a;
  guint64 rb = *(const guint64 *) b;

  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

/**
 * freight_preflight_result_open_exclusions:
 * @self: a result
 * @error: return location for an I/O error
 *
 * Takes a snapshot of the rows that stay out of the load, for the load’s worker thread
 * to read in row order with their reasons.
 *
 * Returns: (transfer full): a cursor over the excluded rows
 */
FreightExclusionCursor *
freight_preflight_result_open_exclusions (FreightPreflightResult  *self,
                                          GError                 **error)
{
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GHashTable) included = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT_RESULT (self), NULL);

  g_hash_table_iter_init (&iter, self->choices);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_INT (value) == CHOICE_EXCLUDE)
        g_array_append_val (excluded, *(guint64 *) key);
      else
        g_hash_table_add (included, g_memdup2 (key, sizeof (guint64)));
    }
  g_array_sort (excluded, compare_rows);
  return _freight_exclusion_cursor_new (G_OBJECT (self), self->directory, self->exclude_errors,
                                        excluded, included, error);
}
