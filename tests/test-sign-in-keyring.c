/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "http-fixture.h"
#include "lo-harness.h"
#include "sign-in-fixture.h"

/* Saved orgs end to end, in a private keyring (tests/keyring-session.sh) against the
 * real local org: each method saves its facts to the config folder and its secrets to
 * the keyring only; a saved org opens a session later and writes renewed tokens back;
 * signing out revokes at the org and removes both (also, when asked, with the org out of
 * reach). Last, a child process signs in every way with G_MESSAGES_DEBUG=all, and no
 * secret it used may appear in its output or in any file under the user's folders. */

typedef struct
{
  LoHarness       *org;
  char            *tmpdir;
  SignInKeys      *keys;
  FreightOrgStore *store;
} Fixture;

static LoHarness *
start_org (SignInKeys *keys,
           gboolean    auto_approve)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert_arg = g_strconcat ("--jwt-certificate=", keys->certificate, NULL);
  const char *args[] = { cert_arg, "--token-lifetime=3",
                         auto_approve ? "--auto-approve" : NULL, NULL };
  LoHarness *org = lo_harness_start_full (args, FALSE, &error);

  g_assert_no_error (error);
  return org;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("FREIGHT_TEST_SCAN_DIRS") == NULL)
    return;

  f->tmpdir = http_fixture_make_tmpdir ();
  f->keys = sign_in_keys_new (f->tmpdir);
  f->org = start_org (f->keys, TRUE);
  f->store = freight_org_store_new (NULL);
  g_assert_true (freight_org_store_load (f->store, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  if (f->org != NULL)
    lo_harness_stop (f->org);
  g_clear_pointer (&f->org, lo_harness_free);
  g_clear_pointer (&f->keys, sign_in_keys_free);
  if (f->tmpdir != NULL)
    http_fixture_remove_tree (f->tmpdir);
  g_clear_pointer (&f->tmpdir, g_free);
}

static gboolean
needs_keyring (void)
{
  if (g_getenv ("FREIGHT_TEST_SCAN_DIRS") != NULL)
    return FALSE;
  g_test_skip ("needs tests/keyring-session.sh");
  return TRUE;
}

static FreightSignIn *
new_sign_in (LoHarness         *org,
             FreightAuthMethod  method,
             const char        *alias)
{
  FreightSignIn *sign_in = freight_sign_in_new (method);

  freight_sign_in_set_alias (sign_in, alias);
  freight_sign_in_set_login_url (sign_in, lo_harness_get_url (org));
  freight_sign_in_set_client_id (sign_in, LO_HARNESS_CONSUMER_KEY);
  freight_sign_in_set_port (sign_in, 0);
  return sign_in;
}

static FreightOrgSecrets *
keyring_secrets (FreightOrgStore *store,
                 FreightOrg      *org)
{
  g_autoptr(GError) error = NULL;
  FreightOrgSecrets *secrets = freight_org_store_lookup_secrets (store, org, NULL, &error);

  g_assert_no_error (error);
  return secrets;
}

static char *
saved_orgs_file (FreightOrgStore *store)
{
  char *text = NULL;

  if (!g_file_get_contents (freight_org_store_get_path (store), &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

/* Waits (up to a minute) until the org refuses @token. */
static void
wait_until_refused (LoHarness  *org,
                    const char *token)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(LoResponse) r = lo_harness_request (org, "GET", "/services/data/v66.0/limits",
                                                    NULL, NULL, 0, token);

      if (r->status == 401)
        return;
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100 * 1000);
    }
}

static FreightOrgSession *
open_session (FreightOrgStore *store,
              const char      *alias)
{
  g_autoptr(GError) error = NULL;
  FreightOrg *org = freight_org_store_lookup (store, alias);
  FreightOrgSession *session;

  g_assert_nonnull (org);
  session = freight_org_store_open_session (store, org, NULL, &error);
  g_assert_no_error (error);
  return session;
}

/* A saved org renews when its token ran out, and the keyring follows. */
static void
check_renews_and_tracks (Fixture    *f,
                         const char *alias)
{
  g_autoptr(FreightOrgStore) later = freight_org_store_new (NULL);
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(FreightOAuthToken) first = NULL;
  g_autoptr(FreightOAuthToken) renewed = NULL;
  g_autoptr(JsonObject) limits = NULL;
  g_autoptr(GError) error = NULL;
  FreightOrg *org;
  gint64 deadline;

  g_assert_true (freight_org_store_load (later, &error));
  session = open_session (later, alias);
  first = freight_auth_dup_token (freight_org_session_get_auth (session));
  wait_until_refused (f->org, freight_oauth_token_get_access_token (first));

  limits = freight_org_session_get_limits (session, NULL, &error);
  g_assert_no_error (error);
  renewed = freight_auth_dup_token (freight_org_session_get_auth (session));
  g_assert_cmpstr (freight_oauth_token_get_access_token (renewed), !=,
                   freight_oauth_token_get_access_token (first));

  org = freight_org_store_lookup (later, alias);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(FreightOrgSecrets) secrets = NULL;

      g_main_context_iteration (NULL, FALSE);
      secrets = keyring_secrets (later, org);
      if (g_strcmp0 (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_ACCESS_TOKEN),
                     freight_oauth_token_get_access_token (renewed)) == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }
}

static void
test_web (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(FreightOrgSecrets) after = NULL;
  g_autoptr(FreightOrg) org = NULL;
  g_autoptr(FreightOAuthToken) token = NULL;
  g_autoptr(FreightOAuthToken) refused = NULL;
  g_autoptr(FreightHttpClient) http = NULL;
  g_autoptr(FreightOAuthClient) oauth = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *refresh_token = NULL;
  g_autofree char *file = NULL;
  g_autofree char *states_text = NULL;

  if (needs_keyring ())
    return;

  sign_in = new_sign_in (f->org, FREIGHT_AUTH_METHOD_WEB, "local-web");
  states = sign_in_record_states (sign_in);
  session = sign_in_run_web (sign_in, f->store, SIGN_IN_BROWSER_ALLOW, NULL, &error);
  g_assert_no_error (error);
  states_text = sign_in_states_to_string (states);
  g_assert_cmpstr (states_text, ==,
                   "waiting-for-browser requesting-token connecting saving done");

  /* Secrets in the keyring… */
  org = g_object_ref (freight_org_store_lookup (f->store, "local-web"));
  g_assert_nonnull (org);
  g_assert_cmpint (freight_org_get_auth_method (org), ==, FREIGHT_AUTH_METHOD_WEB);
  token = freight_auth_dup_token (freight_org_session_get_auth (session));
  refresh_token = freight_refresh_token_auth_dup_refresh_token (
    FREIGHT_REFRESH_TOKEN_AUTH (freight_org_session_get_auth (session)));
  secrets = keyring_secrets (f->store, org);
  g_assert_cmpstr (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_REFRESH_TOKEN), ==,
                   refresh_token);
  g_assert_cmpstr (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_ACCESS_TOKEN), ==,
                   freight_oauth_token_get_access_token (token));
  g_assert_null (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_PASSWORD));

  /* …facts in the file, without them. */
  file = saved_orgs_file (f->store);
  g_assert_nonnull (strstr (file, "\"local-web\""));
  g_assert_nonnull (strstr (file, "\"authMethod\" : \"web\""));
  g_assert_null (strstr (file, refresh_token));
  g_assert_null (strstr (file, freight_oauth_token_get_access_token (token)));

  check_renews_and_tracks (f, "local-web");

  /* Signing out: the org revokes the refresh token, both stores forget the org. */
  g_assert_true (freight_org_store_sign_out (f->store, "local-web", FREIGHT_SIGN_OUT_NONE,
                                             NULL, &error));
  g_assert_no_error (error);
  g_assert_null (freight_org_store_lookup (f->store, "local-web"));
  after = keyring_secrets (f->store, org);
  for (guint kind = 0; kind < FREIGHT_ORG_N_SECRETS; kind++)
    g_assert_null (freight_org_secrets_get (after, kind));
  g_free (file);
  file = saved_orgs_file (f->store);
  g_assert_null (strstr (file, "local-web"));

  http = freight_http_client_new (NULL, NULL);
  oauth = freight_oauth_client_new (http, lo_harness_get_url (f->org),
                                    LO_HARNESS_CONSUMER_KEY, NULL);
  refused = freight_oauth_client_refresh_grant (oauth, refresh_token, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SESSION_EXPIRED);
}

static void
test_jwt (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  FreightOrg *org;

  if (needs_keyring ())
    return;

  sign_in = new_sign_in (f->org, FREIGHT_AUTH_METHOD_JWT, "local-jwt");
  freight_sign_in_set_username (sign_in, LO_HARNESS_USERNAME);
  freight_sign_in_set_key_file (sign_in, f->keys->encrypted_key);
  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_KEY_PASSPHRASE,
                              SIGN_IN_KEY_PASSPHRASE);
  session = sign_in_run (sign_in, f->store, NULL, &error);
  g_assert_no_error (error);

  org = freight_org_store_lookup (f->store, "local-jwt");
  g_assert_cmpstr (freight_org_get_key_file (org), ==, f->keys->encrypted_key);
  secrets = keyring_secrets (f->store, org);
  g_assert_cmpstr (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_KEY_PASSPHRASE), ==,
                   SIGN_IN_KEY_PASSPHRASE);
  g_assert_null (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_REFRESH_TOKEN));
  file = saved_orgs_file (f->store);
  g_assert_null (strstr (file, SIGN_IN_KEY_PASSPHRASE));

  /* Later: the key file and the passphrase from the keyring sign in again. */
  check_renews_and_tracks (f, "local-jwt");

  g_assert_true (freight_org_store_sign_out (f->store, "local-jwt", FREIGHT_SIGN_OUT_NONE,
                                             NULL, &error));
  g_assert_no_error (error);
}

static void
test_client_credentials_and_password (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(FreightSignIn) cc = NULL;
  g_autoptr(FreightSignIn) password = NULL;
  g_autoptr(FreightOrgSession) cc_session = NULL;
  g_autoptr(FreightOrgSession) password_session = NULL;
  g_autoptr(FreightOrgSecrets) cc_secrets = NULL;
  g_autoptr(FreightOrgSecrets) password_secrets = NULL;
  g_autoptr(GError) error = NULL;

  if (needs_keyring ())
    return;

  cc = new_sign_in (f->org, FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS, "local-cc");
  freight_sign_in_set_secret (cc, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                              LO_HARNESS_CONSUMER_SECRET);
  cc_session = sign_in_run (cc, f->store, NULL, &error);
  g_assert_no_error (error);
  cc_secrets = keyring_secrets (f->store, freight_org_store_lookup (f->store, "local-cc"));
  g_assert_cmpstr (freight_org_secrets_get (cc_secrets, FREIGHT_ORG_SECRET_CLIENT_SECRET), ==,
                   LO_HARNESS_CONSUMER_SECRET);
  check_renews_and_tracks (f, "local-cc");

  /* The same account under another alias replaces it (one org, one keyring entry set). */
  password = new_sign_in (f->org, FREIGHT_AUTH_METHOD_PASSWORD, "local-password");
  freight_sign_in_set_username (password, LO_HARNESS_USERNAME);
  freight_sign_in_set_secret (password, FREIGHT_ORG_SECRET_PASSWORD, LO_HARNESS_PASSWORD);
  freight_sign_in_set_secret (password, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                              LO_HARNESS_CONSUMER_SECRET);
  password_session = sign_in_run (password, f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (freight_org_store_lookup (f->store, "local-cc"));
  password_secrets = keyring_secrets (f->store,
                                      freight_org_store_lookup (f->store, "local-password"));
  g_assert_cmpstr (freight_org_secrets_get (password_secrets, FREIGHT_ORG_SECRET_PASSWORD), ==,
                   LO_HARNESS_PASSWORD);
  check_renews_and_tracks (f, "local-password");

  g_assert_true (freight_org_store_sign_out (f->store, "local-password",
                                             FREIGHT_SIGN_OUT_NONE, NULL, &error));
  g_assert_no_error (error);
}

static void
test_sign_out_offline (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(FreightOrg) org = NULL;
  g_autoptr(GError) error = NULL;

  if (needs_keyring ())
    return;

  sign_in = new_sign_in (f->org, FREIGHT_AUTH_METHOD_WEB, "gone-org");
  session = sign_in_run_web (sign_in, f->store, SIGN_IN_BROWSER_ALLOW, NULL, &error);
  g_assert_no_error (error);
  org = g_object_ref (freight_org_store_lookup (f->store, "gone-org"));

  lo_harness_stop (f->org);
  g_assert_false (freight_org_store_sign_out (f->store, "gone-org", FREIGHT_SIGN_OUT_NONE,
                                              NULL, &error));
  g_assert_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "Could not sign out at the server"));
  g_assert_nonnull (freight_org_store_lookup (f->store, "gone-org"));
  g_clear_error (&error);

  g_assert_true (freight_org_store_sign_out (f->store, "gone-org", FREIGHT_SIGN_OUT_FORCE,
                                             NULL, &error));
  g_assert_no_error (error);
  g_assert_null (freight_org_store_lookup (f->store, "gone-org"));
  secrets = keyring_secrets (f->store, org);
  for (guint kind = 0; kind < FREIGHT_ORG_N_SECRETS; kind++)
    g_assert_null (freight_org_secrets_get (secrets, kind));
}

/* No secret outside the keyring ------------------------------------------------------- */

/* Tokens the parent cannot read from the keyring; outside the folders it scans. */
static char *
tokens_file (void)
{
  return g_build_filename (g_getenv ("FREIGHT_KEYRING_TMP"), "scan-tokens", NULL);
}

static void
remember_token (const char *token)
{
  g_autofree char *path = tokens_file ();
  g_autofree char *old = NULL;
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &old, NULL, NULL))
    old = g_strdup ("");
  text = g_strconcat (old, token, "\n", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* The child: every method, saved; sessions opened again and used after a renewal. */
static void
sign_in_everywhere (void)
{
  g_autofree char *tmpdir = http_fixture_make_tmpdir ();
  g_autoptr(SignInKeys) keys = sign_in_keys_new (tmpdir);
  g_autoptr(LoHarness) org = start_org (keys, FALSE);
  g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *aliases[] = { "scan-web", "scan-jwt", "scan-token" };

  g_assert_true (freight_org_store_load (store, &error));

  {
    g_autoptr(FreightSignIn) web = new_sign_in (org, FREIGHT_AUTH_METHOD_WEB, aliases[0]);
    g_autoptr(FreightOrgSession) session = NULL;

    freight_sign_in_set_secret (web, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                                LO_HARNESS_CONSUMER_SECRET);
    session = sign_in_run_web (web, store, SIGN_IN_BROWSER_ALLOW, NULL, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(FreightSignIn) jwt = new_sign_in (org, FREIGHT_AUTH_METHOD_JWT, aliases[1]);
    g_autoptr(FreightOrgSession) session = NULL;

    freight_sign_in_set_username (jwt, LO_HARNESS_USERNAME);
    freight_sign_in_set_key_file (jwt, keys->encrypted_key);
    freight_sign_in_set_secret (jwt, FREIGHT_ORG_SECRET_KEY_PASSPHRASE,
                                SIGN_IN_KEY_PASSPHRASE);
    session = sign_in_run (jwt, NULL, NULL, &error);
    g_assert_no_error (error);
    /* Not saved: the same account is saved as the web org already. */
  }
  {
    g_autoptr(FreightSignIn) password = new_sign_in (org, FREIGHT_AUTH_METHOD_PASSWORD,
                                                     "scan-password");
    g_autoptr(FreightSignIn) cc = new_sign_in (org, FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS,
                                               "scan-cc");
    g_autoptr(FreightOrgSession) session = NULL;
    g_autoptr(FreightOrgSession) cc_session = NULL;

    freight_sign_in_set_username (password, LO_HARNESS_USERNAME);
    freight_sign_in_set_secret (password, FREIGHT_ORG_SECRET_PASSWORD, LO_HARNESS_PASSWORD);
    freight_sign_in_set_secret (password, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                                LO_HARNESS_CONSUMER_SECRET);
    session = sign_in_run (password, NULL, NULL, &error);
    g_assert_no_error (error);
    freight_sign_in_set_secret (cc, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                                LO_HARNESS_CONSUMER_SECRET);
    cc_session = sign_in_run (cc, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(FreightSignIn) token = freight_sign_in_new (FREIGHT_AUTH_METHOD_ACCESS_TOKEN);
    g_autoptr(FreightOrgSession) session = NULL;
    g_autofree char *pasted = lo_harness_password_login (org, &error);

    g_assert_no_error (error);
    freight_sign_in_set_instance_url (token, lo_harness_get_url (org));
    freight_sign_in_set_secret (token, FREIGHT_ORG_SECRET_ACCESS_TOKEN, pasted);
    session = sign_in_run (token, NULL, NULL, &error);
    g_assert_no_error (error);
    remember_token (pasted);
  }

  /* Use the saved org after its token ran out: renewal, describes in the cache folder. */
  {
    g_autoptr(FreightOrgSession) session = open_session (store, aliases[0]);
    g_autoptr(FreightOAuthToken) first = freight_auth_dup_token (
      freight_org_session_get_auth (session));
    g_autoptr(JsonObject) account = NULL;
    g_autoptr(JsonObject) contact = NULL;

    account = freight_org_session_describe_sobject (session, "Account", NULL, &error);
    g_assert_no_error (error);
    wait_until_refused (org, freight_oauth_token_get_access_token (first));
    contact = freight_org_session_describe_sobject (session, "Contact", NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < 50; i++)
      g_main_context_iteration (NULL, FALSE);
    remember_token (freight_oauth_token_get_access_token (first));
  }

  lo_harness_stop (org);
  http_fixture_remove_tree (tmpdir);
}

static void
test_no_secret_outside_keyring (void)
{
  g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *remembered = NULL;
  g_auto(GStrv) lines = NULL;
  FreightOrg *org;

  if (needs_keyring ())
    return;

  if (g_test_subprocess ())
    {
      sign_in_everywhere ();
      return;
    }

  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  /* What the child used: the keyring's secrets of the saved org, the secrets it typed,
   * and the tokens it printed for this scan. */
  g_assert_true (freight_org_store_load (store, &error));
  org = freight_org_store_lookup (store, "scan-web");
  g_assert_nonnull (org);
  secrets = keyring_secrets (store, org);
  g_assert_nonnull (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_REFRESH_TOKEN));
  for (guint kind = 0; kind < FREIGHT_ORG_N_SECRETS; kind++)
    if (freight_org_secrets_get (secrets, kind) != NULL)
      g_ptr_array_add (values, g_strdup (freight_org_secrets_get (secrets, kind)));
  g_ptr_array_add (values, g_strdup (LO_HARNESS_CONSUMER_SECRET));
  g_ptr_array_add (values, g_strdup (SIGN_IN_KEY_PASSPHRASE));
  path = tokens_file ();
  g_assert_true (g_file_get_contents (path, &remembered, NULL, NULL));
  lines = g_strsplit (remembered, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_ptr_array_add (values, g_strdup (lines[i]));
  g_assert_cmpuint (values->len, >=, 6);

  /* The debug log is there, redacted: token requests, codes, assertions, bearers. */
  g_test_trap_assert_stdout ("*services/oauth2/token*");
  g_test_trap_assert_stdout ("*code=[REDACTED]*");
  g_test_trap_assert_stdout ("*code_verifier=[REDACTED]*");
  g_test_trap_assert_stdout ("*assertion=[REDACTED]*");
  g_test_trap_assert_stdout ("*refresh_token=[REDACTED]*");
  g_test_trap_assert_stdout ("*Bearer [REDACTED]*");
  g_test_trap_assert_stdout ("*Basic [REDACTED]*");
  g_test_trap_assert_stdout ("*password=[REDACTED]*");
  g_test_trap_assert_stdout_unmatched ("*password=" LO_HARNESS_PASSWORD "*");

  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *pattern = g_strdup_printf ("*%s*", (char *) values->pdata[i]);

      g_test_trap_assert_stdout_unmatched (pattern);
      g_test_trap_assert_stderr_unmatched (pattern);
    }

  /* Nor in any file under HOME, config, data or cache (saved orgs, describes). */
  g_ptr_array_add (values, NULL);
  g_assert_cmpuint (http_fixture_assert_no_secret_in_files ((const char * const *)
                                                            values->pdata), >=, 3);

  g_assert_true (freight_org_store_sign_out (store, "scan-web", FREIGHT_SIGN_OUT_FORCE, NULL,
                                             &error));
  g_assert_no_error (error);
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
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!g_test_subprocess ())
    g_log_set_writer_func (quiet_writer, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/freight/sign-in-keyring/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("web", test_web);
  ADD ("jwt", test_jwt);
  ADD ("client-credentials-and-password", test_client_credentials_and_password);
  ADD ("sign-out-offline", test_sign_out_offline);

#undef ADD

  g_test_add_func ("/freight/sign-in-keyring/no-secret-outside-keyring",
                   test_no_secret_outside_keyring);

  return g_test_run ();
}
