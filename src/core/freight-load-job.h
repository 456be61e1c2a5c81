/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "freight-load-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_LOAD_JOB (freight_load_job_get_type ())

G_DECLARE_FINAL_TYPE (FreightLoadJob, freight_load_job, FREIGHT, LOAD_JOB, GObject)

guint               freight_load_job_get_part           (FreightLoadJob *self);
const char         *freight_load_job_get_job_id         (FreightLoadJob *self);
FreightLoadJobState freight_load_job_get_state          (FreightLoadJob *self);
guint64             freight_load_job_get_rows           (FreightLoadJob *self);
guint64             freight_load_job_get_rows_skipped   (FreightLoadJob *self);
guint64             freight_load_job_get_rows_processed (FreightLoadJob *self);
guint64             freight_load_job_get_rows_failed    (FreightLoadJob *self);
guint64             freight_load_job_get_bytes          (FreightLoadJob *self);
guint64             freight_load_job_get_bytes_uploaded (FreightLoadJob *self);
const char         *freight_load_job_get_error_message  (FreightLoadJob *self);

G_END_DECLS
