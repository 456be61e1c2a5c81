/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  LO_JOB_OPEN,
  LO_JOB_UPLOAD_COMPLETE,
  LO_JOB_IN_PROGRESS,
  LO_JOB_ABORTED,
  LO_JOB_JOB_COMPLETE,
  LO_JOB_FAILED,
} LoJobState;

typedef enum
{
  LO_JOB_INGEST,
  LO_JOB_QUERY,
} LoJobKind;

/* Which reply a job's JSON is for: §2.3 and §3.3 of salesforce-api.md give each its keys. */
typedef enum
{
  LO_JOB_JSON_CREATE,
  LO_JOB_JSON_PATCH,
  LO_JOB_JSON_GET,
  LO_JOB_JSON_LIST,
} LoJobJson;

#define LO_TYPE_JOB (lo_job_get_type ())

G_DECLARE_FINAL_TYPE (LoJob, lo_job, LO, JOB, GObject)

/*
 * A Bulk 2.0 job, ingest or query. Shared by the HTTP side and the job worker, so every
 * accessor takes the job's lock; the plain fields below are set once at creation.
 */
struct _LoJob
{
  GObject     parent_instance;

  GMutex      lock;
  LoJobKind   kind;
  char       *id;
  char       *operation;
  char       *object;
  char       *created_by;
  gint64      created_usec;
  char       *external_id_field;
  char       *assignment_rule_id;
  char       *api_version;       /* "62.0" */
  char       *line_ending;       /* "LF" */
  char       *column_delimiter;  /* "COMMA" */
  char       *query;             /* query jobs */
  char       *dir;               /* the job's files */

  /* Under the lock. */
  LoJobState  state;
  gint64      modstamp_usec;
  gint64      n_processed;
  gint64      n_failed;
  gint64      total_time_ms;
  gint64      api_time_ms;
  int         n_uploads;
  gboolean    deleted;
  gboolean    busy;              /* a worker is running it and writing its results */
  char       *error_message;
};

LoJob      *lo_job_new                 (LoJobKind    kind,
                                        const char  *id,
                                        const char  *dir);
LoJob      *lo_job_load                (const char  *dir,
                                        GError     **error);
gboolean    lo_job_save                (LoJob       *self,
                                        GError     **error);
const char *lo_job_state_to_string     (LoJobState   state);
gboolean    lo_job_state_is_terminal   (LoJobState   state);
gboolean    lo_job_is_busy             (LoJob       *self);
void        lo_job_set_busy            (LoJob       *self,
                                        gboolean     busy);
LoJobState  lo_job_get_state           (LoJob       *self);
void        lo_job_set_state           (LoJob       *self,
                                        LoJobState   state,
                                        const char  *error_message);
gboolean    lo_job_transition          (LoJob       *self,
                                        LoJobState   from_mask,
                                        LoJobState   to,
                                        LoJobState  *old_state);
void        lo_job_add_counts          (LoJob       *self,
                                        gint64       processed,
                                        gint64       failed,
                                        gint64       elapsed_ms);
char       *lo_job_to_json             (LoJob       *self,
                                        LoJobJson    what);
void        lo_job_build_json          (LoJob       *self,
                                        LoJobJson    what,
                                        JsonBuilder *builder);
char       *lo_job_get_path            (LoJob       *self,
                                        const char  *file_name);

#define LO_JOB_STATE_BIT(s) (1u << (s))

G_END_DECLS
