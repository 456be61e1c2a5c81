/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lo-ingest-helpers.h"

/* Helpers of the ingest protocol tests (test-lo-ingest.c, test-lo-rows.c). */

LoHarness *org;

void
assert_error (LoResponse *r,
              guint       status,
              const char *code,
              const char *message)
{
  g_autoptr(JsonNode) json = lo_response_get_json (r);
  JsonObject *first;

  lo_assert_status (r, status);
  g_assert_nonnull (json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json));
  first = json_array_get_object_element (json_node_get_array (json), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "errorCode"), ==, code);
  if (message != NULL)
    g_assert_cmpstr (json_object_get_string_member (first, "message"), ==, message);
}

char *
create_job (LoHarness  *o,
            const char *body)
{
  g_autoptr(LoResponse) r = lo_harness_post_json (o, JOBS, body);
  g_autoptr(JsonNode) json = NULL;

  lo_assert_status (r, 200);
  json = lo_response_get_json (r);
  return g_strdup (json_object_get_string_member (json_node_get_object (json), "id"));
}

char *
job_path (const char *id,
          const char *suffix)
{
  return g_strdup_printf ("%s/%s%s%s", JOBS, id, suffix ? "/" : "", suffix ? suffix : "");
}

void
upload (LoHarness  *o,
        const char *id,
        const char *csv)
{
  g_autofree char *path = job_path (id, "batches");
  g_autoptr(LoResponse) r = lo_harness_request (o, "PUT", path, "text/csv", csv, -1, NULL);

  lo_assert_status (r, 201);
  g_assert_cmpuint (g_bytes_get_size (r->body), ==, 0);
}

LoResponse *
patch_state (LoHarness  *o,
             const char *id,
             const char *state)
{
  g_autofree char *path = job_path (id, NULL);
  g_autofree char *body = g_strdup_printf ("{\"state\":\"%s\"}", state);

  return lo_harness_request (o, "PATCH", path, "application/json; charset=utf-8", body, -1,
                             NULL);
}

/* create, PUT, close, wait: the sequence every client runs. */
JsonObject *
run_job_on (LoHarness  *o,
            const char *create_body,
            const char *csv,
            char      **id_out)
{
  g_autofree char *id = create_job (o, create_body);
  g_autofree char *path = job_path (id, NULL);
  g_autoptr(LoResponse) closed = NULL;

  upload (o, id, csv);
  closed = patch_state (o, id, "UploadComplete");
  lo_assert_status (closed, 200);
  if (id_out != NULL)
    *id_out = g_strdup (id);
  return lo_harness_wait_for_job (o, path);
}

JsonObject *
run_job (const char *object,
         const char *operation,
         const char *csv,
         char      **id_out)
{
  g_autofree char *body = g_strdup_printf ("{\"object\":\"%s\",\"operation\":\"%s\"}", object,
                                           operation);

  return run_job_on (org, body, csv, id_out);
}

char *
results_on (LoHarness  *o,
            const char *id,
            const char *which)
{
  g_autofree char *path = job_path (id, which);
  g_autoptr(LoResponse) r = lo_harness_get (o, path);

  lo_assert_status (r, 200);
  g_assert_true (g_str_has_prefix (lo_response_get_header (r, "Content-Type"), "text/csv"));
  return g_strdup (r->text);
}

char *
results (const char *id,
         const char *which)
{
  return results_on (org, id, which);
}

JsonObject *
query_one (const char *soql)
{
  g_autofree char *escaped = g_uri_escape_string (soql, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/services/data/v62.0/queryAll?q=%s", escaped);
  g_autoptr(LoResponse) r = lo_harness_get (org, path);
  g_autoptr(JsonNode) json = NULL;
  JsonArray *records;

  lo_assert_status (r, 200);
  json = lo_response_get_json (r);
  records = json_object_get_array_member (json_node_get_object (json), "records");
  if (json_array_get_length (records) == 0)
    return NULL;
  return json_object_ref (json_array_get_object_element (records, 0));
}

/* The id in the first data row of a result file. */
char *
first_id (const char *csv)
{
  const char *line = strchr (csv, '\n');

  g_assert_nonnull (line);
  return g_strndup (line + 2, 18);
}

char *
insert_one (const char *object,
            const char *csv)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job (object, "insert", csv, &id);
  g_autofree char *ok = results (id, "successfulResults");

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 0);
  return first_id (ok);
}

GStrv
data_lines (const char *csv)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 1; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_strv_builder_add (b, lines[i]);
  return g_strv_builder_end (b);
}
