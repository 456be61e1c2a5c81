/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "freight-bulk-types.h"
#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_BULK_JOB (freight_bulk_job_get_type ())

G_DECLARE_FINAL_TYPE (FreightBulkJob, freight_bulk_job, FREIGHT, BULK_JOB, GObject)

FreightBulkJob       *freight_bulk_job_new_from_json                  (JsonObject          *object,
                                                                       FreightBulkJobKind   kind,
                                                                       GError             **error);
gboolean              freight_bulk_job_update                         (FreightBulkJob      *self,
                                                                       FreightBulkJob      *newer);
JsonObject           *freight_bulk_job_get_json                       (FreightBulkJob      *self);

const char           *freight_bulk_job_get_id                         (FreightBulkJob      *self);
FreightBulkJobKind    freight_bulk_job_get_kind                       (FreightBulkJob      *self);
FreightBulkOperation  freight_bulk_job_get_operation                  (FreightBulkJob      *self);
const char           *freight_bulk_job_get_operation_name             (FreightBulkJob      *self);
const char           *freight_bulk_job_get_object                     (FreightBulkJob      *self);
FreightBulkJobState   freight_bulk_job_get_state                      (FreightBulkJob      *self);
const char           *freight_bulk_job_get_state_name                 (FreightBulkJob      *self);
const char           *freight_bulk_job_get_external_id_field_name     (FreightBulkJob      *self);
const char           *freight_bulk_job_get_assignment_rule_id         (FreightBulkJob      *self);
const char           *freight_bulk_job_get_created_by_id              (FreightBulkJob      *self);
GDateTime            *freight_bulk_job_get_created_date               (FreightBulkJob      *self);
GDateTime            *freight_bulk_job_get_system_modstamp            (FreightBulkJob      *self);
const char           *freight_bulk_job_get_api_version                (FreightBulkJob      *self);
const char           *freight_bulk_job_get_job_type                   (FreightBulkJob      *self);
const char           *freight_bulk_job_get_concurrency_mode           (FreightBulkJob      *self);
const char           *freight_bulk_job_get_content_type               (FreightBulkJob      *self);
const char           *freight_bulk_job_get_content_url                (FreightBulkJob      *self);
const char           *freight_bulk_job_get_column_delimiter           (FreightBulkJob      *self);
const char           *freight_bulk_job_get_line_ending                (FreightBulkJob      *self);
gint64                freight_bulk_job_get_number_records_processed   (FreightBulkJob      *self);
gint64                freight_bulk_job_get_number_records_failed      (FreightBulkJob      *self);
gint64                freight_bulk_job_get_retries                    (FreightBulkJob      *self);
gint64                freight_bulk_job_get_total_processing_time      (FreightBulkJob      *self);
gint64                freight_bulk_job_get_api_active_processing_time (FreightBulkJob      *self);
gint64                freight_bulk_job_get_apex_processing_time       (FreightBulkJob      *self);
const char           *freight_bulk_job_get_error_message              (FreightBulkJob      *self);
gboolean              freight_bulk_job_is_terminal                    (FreightBulkJob      *self);

G_END_DECLS
