/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-preview-cell"

#include "config.h"

#include <string.h>

#include "freight-preview-cell.h"

/* One cell of the file preview: a line of text, cut with an ellipsis at the column's edge.
 *
 * A GtkLabel would do, but a list view keeps about two hundred rows bound around what is
 * on screen, and every label shapes its text when it is measured: for a wide file that is
 * thousands of labels shaped after each jump through a big file, hundreds of milliseconds
 * of the main loop. A cell's size does not depend on its text (the column has a fixed,
 * resizable width; a row is one line high), so the text is shaped only when the cell is
 * drawn, and only again when the text or the width changes.
 *
 * After a jump through the file the list view binds all its rows again; a cell that shows
 * a field keeps only the record and the column then, and takes the text out of the record
 * when it is drawn: most of the bound rows are not on screen. */

struct _FreightPreviewCell
{
  GtkWidget         parent_instance;

  char             *text;
  gboolean          text_valid;
  FreightCsvRecord *record;
  guint             column;
  PangoLayout      *layout;
  int          layout_width;
  int          height;
  float        xalign;
};

G_DEFINE_FINAL_TYPE (FreightPreviewCell, freight_preview_cell, GTK_TYPE_WIDGET)

/* More than a very wide column shows. */
#define MAX_BYTES 1024

/* The height of a line of text in the cell. The preview tells it (see
 * freight_preview_cell_set_line_height()): asking Pango costs a Pango context and shaped
 * sample text per cell, and a preview creates thousands of cells at once. */
static int
line_height (FreightPreviewCell *self)
{
  PangoContext *context;
  PangoFontMetrics *metrics;
  int height;

  if (self->height > 0)
    return self->height;

  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  metrics = pango_context_get_metrics (context, NULL, NULL);
  height = pango_font_metrics_get_height (metrics);
  if (height == 0)
    height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);

  self->height = MAX (PANGO_PIXELS_CEIL (height), 1);
  return self->height;
}

static void
freight_preview_cell_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 0;
      *natural = 0;
    }
  else
    *minimum = *natural = line_height (FREIGHT_PREVIEW_CELL (widget));
}

/* The field as one line: a field may hold line breaks, the preview shows one line a row.
 * A cell never shows more than a few hundred characters, and a long text area may hold a
 * hundred thousand: only the start of it is shaped. */
static char *
dup_field_text (FreightCsvRecord *record,
                guint             column)
{
  const char *field = "";
  g_autofree char *start = NULL;

  if (record != NULL && column < freight_csv_record_get_n_fields (record))
    field = freight_csv_record_get_field (record, column);

  if (strlen (field) > MAX_BYTES)
    {
      const char *end = g_utf8_find_prev_char (field, field + MAX_BYTES);

      start = g_strndup (field, end - field);
      field = start;
    }

  if (strpbrk (field, "\r\n") != NULL)
    {
      g_auto(GStrv) lines = g_strsplit_set (field, "\r\n", -1);

      return g_strjoinv (" ⏎ ", lines);
    }

  return g_strdup (field);
}

static void
freight_preview_cell_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  FreightPreviewCell *self = FREIGHT_PREVIEW_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const char *text = freight_preview_cell_get_text (self);
  GdkRGBA color;
  float x = 0;
  float y;

  if (*text == '\0' || width <= 0)
    return;

  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      self->layout_width = -1;
    }
  if (self->layout_width != width)
    {
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      self->layout_width = width;
    }

  /* Text at the start needs no measuring: the line's height is known. */
  y = (height - line_height (self)) / 2.f;
  if (self->xalign > 0)
    {
      int text_width;

      pango_layout_get_pixel_size (self->layout, &text_width, NULL);
      x = MAX (self->xalign * (width - text_width), 0);
    }
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
freight_preview_cell_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  FreightPreviewCell *self = FREIGHT_PREVIEW_CELL (widget);

  GTK_WIDGET_CLASS (freight_preview_cell_parent_class)->css_changed (widget, change);

  /* The font may have changed with the style. */
  g_clear_object (&self->layout);
  gtk_widget_queue_draw (widget);
}

static void
freight_preview_cell_finalize (GObject *object)
{
  FreightPreviewCell *self = FREIGHT_PREVIEW_CELL (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_object (&self->record);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (freight_preview_cell_parent_class)->finalize (object);
}

static void
freight_preview_cell_class_init (FreightPreviewCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = freight_preview_cell_finalize;

  widget_class->measure = freight_preview_cell_measure;
  widget_class->snapshot = freight_preview_cell_snapshot;
  widget_class->css_changed = freight_preview_cell_css_changed;

  /* Not “label”: a name few style rules match keeps styling thousands of cells cheap. */
  gtk_widget_class_set_css_name (widget_class, "freight-cell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
freight_preview_cell_init (FreightPreviewCell *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/**
 * freight_preview_cell_new:
 *
 * Returns: (transfer full): a new empty cell
 */
GtkWidget *
freight_preview_cell_new (void)
{
  return g_object_new (FREIGHT_TYPE_PREVIEW_CELL, NULL);
}

/**
 * freight_preview_cell_get_text:
 * @self: a cell
 *
 * Returns: the text the cell shows
 */
const char *
freight_preview_cell_get_text (FreightPreviewCell *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREVIEW_CELL (self), NULL);

  if (!self->text_valid)
    {
      g_free (self->text);
      self->text = dup_field_text (self->record, self->column);
      self->text_valid = TRUE;
      if (self->layout != NULL)
        pango_layout_set_text (self->layout, self->text, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      self->text, -1);
    }

  return self->text != NULL ? self->text : "";
}

/**
 * freight_preview_cell_set_text:
 * @self: a cell
 * @text: one line of text
 *
 * Shows @text; its size does not change, so nothing is measured again.
 */
void
freight_preview_cell_set_text (FreightPreviewCell *self,
                               const char         *text)
{
  g_return_if_fail (FREIGHT_IS_PREVIEW_CELL (self));

  g_clear_object (&self->record);
  if (self->text_valid && g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  self->text_valid = TRUE;
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * freight_preview_cell_set_xalign:
 * @self: a cell
 * @xalign: 0 for text at the start, 1 for text at the end
 */
void
freight_preview_cell_set_xalign (FreightPreviewCell *self,
                                 float               xalign)
{
  g_return_if_fail (FREIGHT_IS_PREVIEW_CELL (self));

  self->xalign = CLAMP (xalign, 0.f, 1.f);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * freight_preview_cell_set_line_height:
 * @self: a cell
 * @height: the height of a line of text in the cell's font, in pixels, or 0 to ask Pango
 *
 * Sets the cell's height, which a preview knows for all its cells at once.
 */
void
freight_preview_cell_set_line_height (FreightPreviewCell *self,
                                      int                 height)
{
  g_return_if_fail (FREIGHT_IS_PREVIEW_CELL (self));

  if (self->height == height)
    return;

  self->height = MAX (height, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * freight_preview_cell_set_field:
 * @self: a cell
 * @record: (nullable): a row of the file
 * @column: the column of @record to show
 *
 * Shows a field of @record, taken out of it when the cell is drawn.
 */
void
freight_preview_cell_set_field (FreightPreviewCell *self,
                                FreightCsvRecord   *record,
                                guint               column)
{
  g_return_if_fail (FREIGHT_IS_PREVIEW_CELL (self));
  g_return_if_fail (record == NULL || FREIGHT_IS_CSV_RECORD (record));

  if (self->record == record && self->column == column && self->text_valid)
    return;

  g_set_object (&self->record, record);
  self->column = column;
  self->text_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
