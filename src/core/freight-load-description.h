/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-csv-types.h"
#include "freight-journal.h"
#include "freight-load-types.h"
#include "freight-mapping.h"
#include "freight-operation.h"
#include "freight-preflight-result.h"
#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_LOAD_DESCRIPTION (freight_load_description_get_type ())

G_DECLARE_FINAL_TYPE (FreightLoadDescription, freight_load_description,
                      FREIGHT, LOAD_DESCRIPTION, GObject)

FreightLoadDescription *freight_load_description_new (void);

FreightOrgSession      *freight_load_description_get_session (FreightLoadDescription *self);
void                    freight_load_description_set_session (FreightLoadDescription *self,
                                                              FreightOrgSession      *session);
const char             *freight_load_description_get_org_name (FreightLoadDescription *self);
void                    freight_load_description_set_org_name (FreightLoadDescription *self,
                                                               const char             *name);
const char             *freight_load_description_get_object_name (FreightLoadDescription *self);
void                    freight_load_description_set_object_name (FreightLoadDescription *self,
                                                                  const char             *name);
FreightOperation        freight_load_description_get_operation (FreightLoadDescription *self);
void                    freight_load_description_set_operation (FreightLoadDescription *self,
                                                                FreightOperation        op);
const char             *freight_load_description_get_external_id_field
                                (FreightLoadDescription *self);
void                    freight_load_description_set_external_id_field
                                (FreightLoadDescription *self,
                                 const char             *field);

GFile                  *freight_load_description_get_source_file (FreightLoadDescription *self);
void                    freight_load_description_set_source_file (FreightLoadDescription *self,
                                                                  GFile                  *file);
void                    freight_load_description_get_source_dialect
                                (FreightLoadDescription *self,
                                 FreightCsvDialect      *dialect);
void                    freight_load_description_set_source_dialect
                                (FreightLoadDescription  *self,
                                 const FreightCsvDialect *dialect);
FreightCsvReaderFlags   freight_load_description_get_source_flags (FreightLoadDescription *self);
void                    freight_load_description_set_source_flags (FreightLoadDescription *self,
                                                                   FreightCsvReaderFlags   flags);

FreightMapping         *freight_load_description_get_mapping (FreightLoadDescription *self);
void                    freight_load_description_set_mapping (FreightLoadDescription *self,
                                                              FreightMapping         *mapping);
FreightPreflightResult *freight_load_description_get_preflight_result
                                (FreightLoadDescription *self);
void                    freight_load_description_set_preflight_result
                                (FreightLoadDescription *self,
                                 FreightPreflightResult *result);

GFile                  *freight_load_description_get_output_dir (FreightLoadDescription *self);
void                    freight_load_description_set_output_dir (FreightLoadDescription *self,
                                                                 GFile                  *dir);
guint64                 freight_load_description_get_part_size (FreightLoadDescription *self);
void                    freight_load_description_set_part_size (FreightLoadDescription *self,
                                                                guint64                 bytes);
guint64                 freight_load_description_get_part_rows (FreightLoadDescription *self);
void                    freight_load_description_set_part_rows (FreightLoadDescription *self,
                                                                guint64                 rows);
guint                   freight_load_description_get_jobs_in_flight
                                (FreightLoadDescription *self);
void                    freight_load_description_set_jobs_in_flight
                                (FreightLoadDescription *self,
                                 guint                   jobs);
char                    freight_load_description_get_column_delimiter
                                (FreightLoadDescription *self);
void                    freight_load_description_set_column_delimiter
                                (FreightLoadDescription *self,
                                 char                    delimiter);
FreightCsvLineEnding    freight_load_description_get_line_ending (FreightLoadDescription *self);
void                    freight_load_description_set_line_ending (FreightLoadDescription *self,
                                                                  FreightCsvLineEnding    ending);
guint                   freight_load_description_get_poll_interval
                                (FreightLoadDescription *self);
void                    freight_load_description_set_poll_interval
                                (FreightLoadDescription *self,
                                 guint                   ms);
guint                   freight_load_description_get_max_poll_interval
                                (FreightLoadDescription *self);
void                    freight_load_description_set_max_poll_interval
                                (FreightLoadDescription *self,
                                 guint                   ms);
gboolean                freight_load_description_get_keep_spool (FreightLoadDescription *self);
void                    freight_load_description_set_keep_spool (FreightLoadDescription *self,
                                                                 gboolean                keep);
FreightJournal         *freight_load_description_get_journal (FreightLoadDescription *self);
void                    freight_load_description_set_journal (FreightLoadDescription *self,
                                                              FreightJournal         *journal);

gboolean                freight_load_description_validate (FreightLoadDescription  *self,
                                                           GError                 **error);

G_END_DECLS
