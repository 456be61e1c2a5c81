/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "bulk-fixture.h"
#include "http-fixture.h"

/**
 * bulk_fixture_start:
 * @org_args: (nullable): more options for freight-local-org
 *
 * Starts an org, signs in with the harness's token (a pasted access token) and connects.
 * Retries wait 20 ms instead of a second, so fault tests stay quick.
 */
void
bulk_fixture_start (BulkFixture        *f,
                    const char * const *org_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightOAuthToken) token = NULL;
  g_autoptr(FreightAuth) auth = NULL;

  f->org = lo_harness_start (org_args);
  f->http = freight_http_client_new (NULL, &error);
  g_assert_no_error (error);
  g_object_set (f->http, "retry-base-delay", 20, "retry-max-delay", 200, NULL);
  token = freight_oauth_token_new (lo_harness_get_access_token (f->org),
                                   lo_harness_get_url (f->org), NULL);
  auth = freight_access_token_auth_new (f->http, token);
  f->session = g_object_new (FREIGHT_TYPE_ORG_SESSION,
                             "http-client", f->http,
                             "auth", auth,
                             "cache-dir", "",
                             NULL);
  g_assert_true (freight_org_session_connect (f->session, NULL, &error));
  g_assert_no_error (error);
  f->client = freight_bulk_client_new (f->session);
  f->tmpdir = http_fixture_make_tmpdir ();
}

void
bulk_fixture_stop (BulkFixture *f)
{
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  g_clear_object (&f->http);
  if (f->org != NULL)
    lo_harness_stop (f->org);
  g_clear_pointer (&f->org, lo_harness_free);
  if (f->tmpdir != NULL)
    http_fixture_remove_tree (f->tmpdir);
  g_clear_pointer (&f->tmpdir, g_free);
}

char *
bulk_fixture_path (BulkFixture *f,
                   const char  *name)
{
  return g_build_filename (f->tmpdir, name, NULL);
}

char *
bulk_fixture_write (BulkFixture *f,
                    const char  *name,
                    const char  *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = bulk_fixture_path (f, name);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

char *
bulk_fixture_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Runs a whole ingest job through the client and returns it finished. */
FreightBulkJob *
bulk_fixture_load (BulkFixture          *f,
                   const char           *object,
                   FreightBulkOperation  operation,
                   const char           *external_id,
                   const char           *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) created = NULL;
  g_autoptr(FreightBulkJob) closed = NULL;
  g_autofree char *file = NULL;
  FreightBulkJob *job;

  created = freight_bulk_client_create_ingest_job (f->client, object, operation, external_id,
                                                   ',', FREIGHT_CSV_LINE_ENDING_LF, NULL,
                                                   NULL, &error);
  g_assert_no_error (error);
  file = bulk_fixture_write (f, "load.csv", csv);
  freight_bulk_client_upload_job_data (f->client, freight_bulk_job_get_id (created), file,
                                       NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  closed = freight_bulk_client_close_job (f->client, freight_bulk_job_get_id (created), NULL,
                                          &error);
  g_assert_no_error (error);
  job = freight_bulk_client_wait_for_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST,
                                          freight_bulk_job_get_id (created), 20, 100, NULL,
                                          NULL, NULL, &error);
  g_assert_no_error (error);
  g_unlink (file);
  return job;
}

/* Accounts "Account 0001"… with external ids "EXT-0001"…, as CSV with a header. */
char *
bulk_fixture_accounts (guint first,
                       guint n)
{
  GString *csv = g_string_new ("Name,External_Id__c,NumberOfEmployees\n");

  for (guint i = first; i < first + n; i++)
    g_string_append_printf (csv, "Account %04u,EXT-%04u,%u\n", i, i, i);
  return g_string_free (csv, FALSE);
}
