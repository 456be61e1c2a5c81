/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "http-fixture.h"
#include "lo-harness.h"

/* Secrets stay in the keyring, end to end, against the real local org. Runs inside
 * tests/keyring-session.sh. A child process, with G_MESSAGES_DEBUG=all, signs in with
 * the demo user's password, negotiates, fills the describe cache, saves the org, and
 * connects again from the saved org. The parent then reads the saved secrets back from
 * the keyring and looks for them in everything the child printed and in every file
 * under the user's folders; last, it removes the org and checks the keyring is empty. */

#define ALIAS "local"

static void
sign_in_and_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoHarness) org = lo_harness_start_full (NULL, FALSE, &error);
  g_autoptr(FreightHttpClient) http = freight_http_client_new (NULL, &error);
  g_autoptr(FreightOAuthClient) oauth = NULL;
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(FreightAuth) saved_auth = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(FreightOrgSession) again = NULL;
  g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
  g_autoptr(FreightOrg) facts = freight_org_new (ALIAS);
  g_autoptr(FreightOrgSecrets) secrets = freight_org_secrets_new ();
  g_autoptr(FreightOAuthToken) token = NULL;
  g_autoptr(JsonObject) account = NULL;
  g_autoptr(JsonObject) global = NULL;
  g_autoptr(JsonObject) contact = NULL;
  FreightOrg *saved;

  g_assert_no_error (error);

  oauth = freight_oauth_client_new (http, lo_harness_get_url (org), LO_HARNESS_CONSUMER_KEY,
                                    LO_HARNESS_CONSUMER_SECRET);
  auth = freight_password_auth_sign_in (oauth, LO_HARNESS_USERNAME, LO_HARNESS_PASSWORD,
                                        NULL, NULL, &error);
  g_assert_no_error (error);

  /* The default cache folder, which the parent scans. */
  session = freight_org_session_new (http, auth);
  g_assert_true (freight_org_session_connect (session, NULL, &error));
  g_assert_no_error (error);
  global = freight_org_session_describe_global (session, NULL, &error);
  g_assert_no_error (error);
  account = freight_org_session_describe_sobject (session, "Account", NULL, &error);
  g_assert_no_error (error);

  freight_org_set_login_url (facts, lo_harness_get_url (org));
  freight_org_set_client_id (facts, LO_HARNESS_CONSUMER_KEY);
  g_assert_true (freight_org_update_from_session (facts, session));
  token = freight_auth_dup_token (auth);
  freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_PASSWORD, LO_HARNESS_PASSWORD);
  freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                           LO_HARNESS_CONSUMER_SECRET);
  freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_ACCESS_TOKEN,
                           freight_oauth_token_get_access_token (token));
  g_assert_true (freight_org_store_load (store, &error));
  g_assert_true (freight_org_store_save (store, facts, secrets, NULL, &error));
  g_assert_no_error (error);

  /* Next time: everything from the saved org and the keyring. */
  saved = freight_org_store_lookup (store, ALIAS);
  g_assert_nonnull (saved);
  g_assert_cmpstr (freight_org_get_username (saved), ==, LO_HARNESS_USERNAME);
  saved_auth = freight_org_store_create_auth (store, saved, http, NULL, &error);
  g_assert_no_error (error);
  again = freight_org_session_new (http, saved_auth);
  contact = freight_org_session_describe_sobject (again, "Contact", NULL, &error);
  g_assert_no_error (error);

  lo_harness_stop (org);
}

static void
test_secrets_stay_in_keyring (void)
{
  g_autoptr(FreightOrgStore) store = NULL;
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(FreightOrgSecrets) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *access_token;
  const char *secret_values[3];
  g_autoptr(FreightOrg) org = NULL;

  if (g_getenv ("FREIGHT_TEST_SCAN_DIRS") == NULL)
    {
      g_test_skip ("needs tests/keyring-session.sh");
      return;
    }

  if (g_test_subprocess ())
    {
      sign_in_and_save ();
      return;
    }

  g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  store = freight_org_store_new (NULL);
  g_assert_true (freight_org_store_load (store, &error));
  org = g_object_ref (freight_org_store_lookup (store, ALIAS));
  secrets = freight_org_store_lookup_secrets (store, org, NULL, &error);
  g_assert_no_error (error);
  access_token = freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_ACCESS_TOKEN);
  g_assert_nonnull (access_token);
  g_assert_cmpstr (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_PASSWORD), ==,
                   LO_HARNESS_PASSWORD);

  /* The child's debug output is there and redacted… */
  g_test_trap_assert_stdout ("*services/oauth2/token*");
  g_test_trap_assert_stdout ("*password=[REDACTED]*");
  g_test_trap_assert_stdout ("*Bearer [REDACTED]*");
  /* …with no secret in it. The demo password is the word "freight", which is in every
   * log domain, so it is looked for where it would leak: in the form. */
  g_test_trap_assert_stdout_unmatched ("*password=" LO_HARNESS_PASSWORD "*");
  g_test_trap_assert_stderr_unmatched ("*password=" LO_HARNESS_PASSWORD "*");
  secret_values[0] = access_token;
  secret_values[1] = LO_HARNESS_CONSUMER_SECRET;
  secret_values[2] = NULL;
  for (guint i = 0; secret_values[i] != NULL; i++)
    {
      g_autofree char *pattern = g_strdup_printf ("*%s*", secret_values[i]);

      g_test_trap_assert_stdout_unmatched (pattern);
      g_test_trap_assert_stderr_unmatched (pattern);
    }

  /* No file under HOME, config, data or cache holds a token or the consumer secret;
   * the scan covers at least the saved orgs and the three describes. */
  g_assert_cmpuint (http_fixture_assert_no_secret_in_files (secret_values), >=, 4);

  /* Removing the org clears its keyring items. */
  g_assert_true (freight_org_store_remove (store, ALIAS, NULL, &error));
  g_assert_no_error (error);
  after = freight_org_store_lookup_secrets (store, org, NULL, &error);
  g_assert_no_error (error);
  for (guint kind = 0; kind < FREIGHT_ORG_N_SECRETS; kind++)
    g_assert_null (freight_org_secrets_get (after, kind));
}

/* The parent's own debug messages (D-Bus) would break its TAP output. */
static GLogWriterOutput
quiet_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  /* Before any thread exists; the child process inherits it. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!g_test_subprocess ())
    g_log_set_writer_func (quiet_writer, NULL, NULL);

  g_test_add_func ("/freight/local-org-secrets/secrets-stay-in-keyring",
                   test_secrets_stay_in_keyring);

  return g_test_run ();
}
