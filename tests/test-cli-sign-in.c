/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cli-fixture.h"
#include "http-fixture.h"
#include "sign-in-fixture.h"

/* freight-cli login web|jwt|password|token|client-credentials and orgs
 * list|default|remove, end to end: the real binary against freight-local-org, inside
 * tests/keyring-session.sh. The browser sign-in is finished by the scripted browser
 * from the address the CLI prints; a second org (its own schema, so its own account)
 * makes the default and remove commands meaningful; TLS with a self-signed certificate
 * fails with what to do and works with --ca-file; nothing secret lands in a file. */

typedef struct
{
  CliFixture  cli;
  SignInKeys *keys;
  char       *schema;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autofree char *cert_arg = NULL;

  if (g_getenv ("FREIGHT_TEST_SCAN_DIRS") == NULL)
    return;

  dir = http_fixture_make_tmpdir ();
  f->keys = sign_in_keys_new (dir);
  cert_arg = g_strconcat ("--jwt-certificate=", f->keys->certificate, NULL);
  {
    const char * const *extra = data;
    g_autoptr(GPtrArray) args = g_ptr_array_new ();

    g_ptr_array_add (args, cert_arg);
    for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
      g_ptr_array_add (args, (gpointer) extra[i]);
    g_ptr_array_add (args, NULL);
    cli_fixture_start (&f->cli, (const char * const *) args->pdata, FALSE);
  }
  f->cli.no_env_org = TRUE;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->keys == NULL)
    return;
  cli_fixture_stop (&f->cli);
  http_fixture_remove_tree (f->keys->dir);
  g_clear_pointer (&f->keys, sign_in_keys_free);
  g_clear_pointer (&f->schema, g_free);
}

static gboolean
needs_keyring (void)
{
  if (g_getenv ("FREIGHT_TEST_SCAN_DIRS") != NULL)
    return FALSE;
  g_test_skip ("needs tests/keyring-session.sh");
  return TRUE;
}

static const char *
org_url (Fixture *f)
{
  return lo_harness_get_url (f->cli.b.org);
}

static JsonObject *
json_object_of (CliResult *r)
{
  g_autoptr(JsonNode) node = cli_result_json (r);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static char *
read_all (GInputStream *stream)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write (out, "", 1, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* `freight-cli login web …`: reads the address it prints, lets the scripted browser
 * sign in there, and returns how the CLI ended. */
static CliResult *
login_web (Fixture            *f,
           SignInBrowserMode   mode,
           const char * const *extra)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GString) err_text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SignInBrowserResult) page = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  const char *base[] = { "login", "web", "--no-browser", "--port", "0", "--login-url",
                         org_url (f), "--client-id", LO_HARNESS_CONSUMER_KEY, "--json" };
  char *line;

  g_ptr_array_add (argv, (gpointer) g_getenv ("FREIGHT_CLI"));
  for (guint i = 0; i < G_N_ELEMENTS (base); i++)
    g_ptr_array_add (argv, (gpointer) base[i]);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);

  launcher = cli_fixture_launcher (&f->cli, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                            | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);

  /* The address comes on stderr, indented, after one line of explanation. */
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  while ((line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error)) != NULL)
    {
      g_string_append_printf (err_text, "%s\n", line);
      if (g_str_has_prefix (line, "  http"))
        {
          SignInBrowser *browser = sign_in_browser_open (line + 2, mode, LO_HARNESS_USERNAME,
                                                         LO_HARNESS_PASSWORD);

          page = sign_in_browser_close (browser);
          g_free (line);
          break;
        }
      g_free (line);
    }
  g_assert_no_error (error);
  g_assert_nonnull (page);

  result->out = read_all (g_subprocess_get_stdout_pipe (process));
  {
    g_autofree char *rest = read_all (G_INPUT_STREAM (err));

    g_string_append (err_text, rest);
  }
  result->err = g_string_free (g_steal_pointer (&err_text), FALSE);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
  return result;
}

static FreightOrgSecrets *
saved_secrets (const char *alias)
{
  g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
  g_autoptr(GError) error = NULL;
  FreightOrgSecrets *secrets;
  FreightOrg *org;

  g_assert_true (freight_org_store_load (store, &error));
  org = freight_org_store_lookup (store, alias);
  g_assert_nonnull (org);
  secrets = freight_org_store_lookup_secrets (store, org, NULL, &error);
  g_assert_no_error (error);
  return secrets;
}

static void
remove_org (Fixture    *f,
            const char *alias)
{
  g_autoptr(CliResult) r = cli_run (&f->cli, NULL, "orgs", "remove", alias, NULL);

  cli_assert_status (r, 0);
}

static void
test_web (Fixture       *f,
          gconstpointer  data)
{
  static const char * const save[] = { "--alias", "web-org", NULL };
  g_autoptr(CliResult) login = NULL;
  g_autoptr(CliResult) forged = NULL;
  g_autoptr(CliResult) jobs = NULL;
  g_autoptr(CliResult) list = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(FreightOrgSecrets) secrets = NULL;

  if (needs_keyring ())
    return;

  login = login_web (f, SIGN_IN_BROWSER_ALLOW, save);
  cli_assert_status (login, 0);
  g_assert_nonnull (strstr (login->err, "Open this address in a browser"));
  g_assert_nonnull (strstr (login->err, "Waiting for the browser at http://localhost:"));
  g_assert_nonnull (strstr (login->err, "Saving the org"));
  answer = json_object_of (login);
  g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "signed-in");
  g_assert_cmpstr (json_object_get_string_member (answer, "alias"), ==, "web-org");
  g_assert_cmpstr (json_object_get_string_member (answer, "auth_method"), ==, "web");
  g_assert_cmpstr (json_object_get_string_member (answer, "username"), ==,
                   LO_HARNESS_USERNAME);
  g_assert_false (json_object_get_boolean_member (answer, "production"));

  secrets = saved_secrets ("web-org");
  g_assert_nonnull (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_REFRESH_TOKEN));
  g_assert_nonnull (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_ACCESS_TOKEN));

  /* The saved org works for other commands. */
  jobs = cli_run (&f->cli, NULL, "jobs", "list", "--org", "web-org", "--json", NULL);
  cli_assert_status (jobs, 0);

  /* A browser coming back with another state is refused; nothing new is saved. */
  forged = login_web (f, SIGN_IN_BROWSER_FORGE_STATE, NULL);
  cli_assert_status (forged, 2);
  g_assert_nonnull (strstr (forged->err, "does not belong to this sign-in"));
  list = cli_run (&f->cli, NULL, "orgs", "list", "--json", NULL);
  cli_assert_status (list, 0);
  saved = cli_result_json (list);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (saved)), ==, 1);

  remove_org (f, "web-org");
}

static void
test_jwt (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(CliResult) ok = NULL;
  g_autoptr(CliResult) wrong = NULL;
  g_autoptr(CliResult) locked = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(FreightOrgSecrets) secrets = NULL;

  if (needs_keyring ())
    return;

  /* A passphrase-protected key, and no terminal to ask for the passphrase. */
  locked = cli_run (&f->cli, NULL, "login", "jwt", "-u", LO_HARNESS_USERNAME, "--key-file",
                    f->keys->encrypted_key, "--login-url", org_url (f), "--client-id",
                    LO_HARNESS_CONSUMER_KEY, NULL);
  cli_assert_status (locked, 2);
  g_assert_nonnull (strstr (locked->err, "Key passphrase"));

  /* A key the connected app does not know. */
  wrong = cli_run (&f->cli, NULL, "login", "jwt", "-u", LO_HARNESS_USERNAME, "--key-file",
                   f->keys->other_key, "--login-url", org_url (f), "--client-id",
                   LO_HARNESS_CONSUMER_KEY, NULL);
  cli_assert_status (wrong, 2);
  g_assert_nonnull (strstr (wrong->err, "did not accept the JWT sign-in for "
                                        LO_HARNESS_USERNAME));

  ok = cli_run (&f->cli, SIGN_IN_KEY_PASSPHRASE "\n", "login", "jwt", "-u",
                LO_HARNESS_USERNAME, "--key-file", f->keys->encrypted_key, "--login-url",
                org_url (f), "--client-id", LO_HARNESS_CONSUMER_KEY, "--passphrase-stdin",
                "--alias", "jwt-org", "--json", NULL);
  cli_assert_status (ok, 0);
  answer = json_object_of (ok);
  g_assert_cmpstr (json_object_get_string_member (answer, "auth_method"), ==, "jwt");
  secrets = saved_secrets ("jwt-org");
  g_assert_cmpstr (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_KEY_PASSPHRASE), ==,
                   SIGN_IN_KEY_PASSPHRASE);

  remove_org (f, "jwt-org");
}

static void
test_password_token_client_credentials (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(CliResult) wrong = NULL;
  g_autoptr(CliResult) password = NULL;
  g_autoptr(CliResult) token = NULL;
  g_autoptr(CliResult) cc = NULL;
  g_autoptr(CliResult) shared = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *input = NULL;

  if (needs_keyring ())
    return;

  g_setenv ("FREIGHT_CLIENT_SECRET", LO_HARNESS_CONSUMER_SECRET, TRUE);
  wrong = cli_run (&f->cli, "not-the-password\n", "login", "password", "-u",
                   LO_HARNESS_USERNAME, "--login-url", org_url (f), "--client-id",
                   LO_HARNESS_CONSUMER_KEY, "--password-stdin", NULL);
  cli_assert_status (wrong, 2);
  g_assert_nonnull (strstr (wrong->err, "did not accept the sign-in for "
                                        LO_HARNESS_USERNAME));

  password = cli_run (&f->cli, LO_HARNESS_PASSWORD "\n", "login", "password", "-u",
                      LO_HARNESS_USERNAME, "--login-url", org_url (f), "--client-id",
                      LO_HARNESS_CONSUMER_KEY, "--password-stdin", "--alias", "pw-org",
                      NULL);
  cli_assert_status (password, 0);
  remove_org (f, "pw-org");

  input = g_strdup_printf ("%s\n", lo_harness_get_access_token (f->cli.b.org));
  token = cli_run (&f->cli, input, "login", "token", "--instance-url", org_url (f),
                   "--access-token-stdin", "--alias", "token-org", "--json", NULL);
  cli_assert_status (token, 0);
  answer = json_object_of (token);
  g_assert_cmpstr (json_object_get_string_member (answer, "auth_method"), ==,
                   "access-token");
  remove_org (f, "token-org");

  g_unsetenv ("FREIGHT_CLIENT_SECRET");
  shared = cli_run (&f->cli, "x\n", "login", "client-credentials", "--login-url",
                    "https://login.salesforce.com", "--client-id", "k",
                    "--client-secret-stdin", NULL);
  cli_assert_status (shared, 2);
  g_assert_nonnull (strstr (shared->err, "My Domain"));

  cc = cli_run (&f->cli, LO_HARNESS_CONSUMER_SECRET "\n", "login", "client-credentials",
                "--login-url", org_url (f), "--client-id", LO_HARNESS_CONSUMER_KEY,
                "--client-secret-stdin", "--alias", "cc-org", NULL);
  cli_assert_status (cc, 0);
  g_assert_nonnull (strstr (cc->out, "saved as “cc-org”"));
  remove_org (f, "cc-org");
}

/* A second org with its own schema: another org id and user, so another account. */
static LoHarness *
start_second_org (Fixture *f)
{
  g_autofree char *source = NULL;
  g_autofree char *path = g_build_filename (f->keys->dir, "second-schema.json", NULL);
  g_autofree char *schema_arg = g_strconcat ("--schema=", path, NULL);
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[] = { schema_arg, NULL };
  LoHarness *org;

  source = g_test_build_filename (G_TEST_DIST, "..", "data", "local-org", "schema.json",
                                  NULL);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
    text = g_string_new (contents);
  }
  g_assert_cmpuint (g_string_replace (text, "00D5j00000FrEiG", "00D5j00000SeCnD", 0), >, 0);
  g_assert_cmpuint (g_string_replace (text, "\"admin@freight.local\"",
                                      "\"second@freight.local\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));

  org = lo_harness_start_full (args, FALSE, &error);
  g_assert_no_error (error);
  return org;
}

static void
test_orgs (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LoHarness) second = NULL;
  g_autoptr(CliResult) first_login = NULL;
  g_autoptr(CliResult) second_login = NULL;
  g_autoptr(CliResult) list = NULL;
  g_autoptr(CliResult) table = NULL;
  g_autoptr(CliResult) set_default = NULL;
  g_autoptr(CliResult) show_default = NULL;
  g_autoptr(CliResult) offline = NULL;
  g_autoptr(CliResult) forced = NULL;
  g_autoptr(CliResult) remove = NULL;
  g_autoptr(CliResult) empty = NULL;
  g_autoptr(JsonNode) orgs = NULL;
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(FreightOrg) gone = NULL;
  JsonArray *array;

  if (needs_keyring ())
    return;

  g_setenv ("FREIGHT_CLIENT_SECRET", LO_HARNESS_CONSUMER_SECRET, TRUE);
  first_login = cli_run (&f->cli, LO_HARNESS_PASSWORD "\n", "login", "password", "-u",
                         LO_HARNESS_USERNAME, "--login-url", org_url (f), "--client-id",
                         LO_HARNESS_CONSUMER_KEY, "--password-stdin", "--alias", "first",
                         NULL);
  cli_assert_status (first_login, 0);
  second = start_second_org (f);
  second_login = cli_run (&f->cli, LO_HARNESS_PASSWORD "\n", "login", "password", "-u",
                          "second@freight.local", "--login-url", lo_harness_get_url (second),
                          "--client-id", LO_HARNESS_CONSUMER_KEY, "--password-stdin",
                          "--alias", "second", NULL);
  cli_assert_status (second_login, 0);
  g_unsetenv ("FREIGHT_CLIENT_SECRET");

  list = cli_run (&f->cli, NULL, "orgs", "list", "--json", NULL);
  cli_assert_status (list, 0);
  orgs = cli_result_json (list);
  array = json_node_get_array (orgs);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "alias"), ==, "first");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0),
                                                 "default"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (array, 1),
                                                  "default"));
  table = cli_run (&f->cli, NULL, "orgs", "list", NULL);
  g_assert_nonnull (strstr (table->out, " * first"));
  g_assert_nonnull (strstr (table->out, "local"));

  set_default = cli_run (&f->cli, NULL, "orgs", "default", "second", NULL);
  cli_assert_status (set_default, 0);
  show_default = cli_run (&f->cli, NULL, "orgs", "default", NULL);
  g_assert_cmpstr (show_default->out, ==, "second\n");

  /* Signing out needs the org to revoke; unreachable, it keeps the org unless forced. */
  {
    g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);

    g_assert_true (freight_org_store_load (store, NULL));
    gone = g_object_ref (freight_org_store_lookup (store, "second"));
  }
  lo_harness_stop (second);
  offline = cli_run (&f->cli, NULL, "orgs", "remove", "second", NULL);
  cli_assert_status (offline, 2);
  g_assert_nonnull (strstr (offline->err, "“second” is still saved"));
  g_assert_nonnull (strstr (offline->err, "orgs remove --force"));
  forced = cli_run (&f->cli, NULL, "orgs", "remove", "--force", "second", NULL);
  cli_assert_status (forced, 0);
  {
    g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);

    secrets = freight_org_store_lookup_secrets (store, gone, NULL, NULL);
    for (guint kind = 0; kind < FREIGHT_ORG_N_SECRETS; kind++)
      g_assert_null (freight_org_secrets_get (secrets, kind));
  }

  remove = cli_run (&f->cli, NULL, "orgs", "remove", "first", "--json", NULL);
  cli_assert_status (remove, 0);
  g_assert_nonnull (strstr (remove->out, "\"removed\""));
  empty = cli_run (&f->cli, NULL, "orgs", "list", NULL);
  g_assert_nonnull (strstr (empty->out, "No org is saved"));
}

/* TLS: refused with what to do, then trusted through --ca-file, which the org keeps. */
static void
test_tls (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *key = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *cert_arg = NULL;
  g_autofree char *key_arg = NULL;
  g_autoptr(LoHarness) org = NULL;
  g_autoptr(CliResult) refused = NULL;
  g_autoptr(CliResult) trusted = NULL;
  g_autoptr(CliResult) jobs = NULL;
  g_autoptr(GError) error = NULL;

  if (needs_keyring ())
    return;

  cert = sign_in_make_tls_cert (f->keys->dir, &key);
  cert_arg = g_strconcat ("--tls-cert=", cert, NULL);
  key_arg = g_strconcat ("--tls-key=", key, NULL);
  {
    const char *args[] = { cert_arg, key_arg, NULL };

    org = lo_harness_start_full (args, FALSE, &error);
    g_assert_no_error (error);
  }

  g_setenv ("FREIGHT_CLIENT_SECRET", LO_HARNESS_CONSUMER_SECRET, TRUE);
  refused = cli_run (&f->cli, LO_HARNESS_PASSWORD "\n", "login", "password", "-u",
                     LO_HARNESS_USERNAME, "--login-url", lo_harness_get_url (org),
                     "--client-id", LO_HARNESS_CONSUMER_KEY, "--password-stdin", NULL);
  cli_assert_status (refused, 2);
  g_assert_nonnull (strstr (refused->err, "The certificate of 127.0.0.1:"));
  g_assert_nonnull (strstr (refused->err, "is not trusted"));
  g_assert_nonnull (strstr (refused->err, "use --ca-file FILE"));

  trusted = cli_run (&f->cli, LO_HARNESS_PASSWORD "\n", "--ca-file", cert, "login",
                     "password", "-u", LO_HARNESS_USERNAME, "--login-url",
                     lo_harness_get_url (org), "--client-id", LO_HARNESS_CONSUMER_KEY,
                     "--password-stdin", "--alias", "tls-org", NULL);
  g_unsetenv ("FREIGHT_CLIENT_SECRET");
  cli_assert_status (trusted, 0);

  /* The saved org remembers the certificate. */
  jobs = cli_run (&f->cli, NULL, "jobs", "list", "--org", "tls-org", NULL);
  cli_assert_status (jobs, 0);
  remove_org (f, "tls-org");
  lo_harness_stop (org);
}

/* The files the CLI wrote hold no secret: saved orgs, describes, journal. */
static void
test_no_secret_in_files (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const save[] = { "--alias", "scan", NULL };
  g_autoptr(CliResult) login = NULL;
  g_autoptr(CliResult) jobs = NULL;
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  const char *values[4];

  if (needs_keyring ())
    return;

  login = login_web (f, SIGN_IN_BROWSER_ALLOW, save);
  cli_assert_status (login, 0);
  jobs = cli_run (&f->cli, NULL, "jobs", "list", "--org", "scan", NULL);
  cli_assert_status (jobs, 0);

  secrets = saved_secrets ("scan");
  values[0] = freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_REFRESH_TOKEN);
  values[1] = freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_ACCESS_TOKEN);
  values[2] = LO_HARNESS_CONSUMER_SECRET;
  values[3] = NULL;
  g_assert_nonnull (values[0]);
  g_assert_nonnull (values[1]);
  g_assert_null (strstr (login->out, values[0]));
  g_assert_null (strstr (login->err, values[0]));
  g_assert_null (strstr (login->err, values[1]));
  g_assert_cmpuint (http_fixture_assert_no_secret_in_files (values), >=, 1);

  remove_org (f, "scan");
}

/* The org's access tokens live three seconds and it takes a few seconds over the load: the
 * saved org's session renews its token with the refresh token whenever the org answers
 * 401 INVALID_SESSION_ID, the load finishes by itself, every record is made once, and the
 * renewed token is saved for next time. The load runs with G_MESSAGES_DEBUG=all: neither
 * its logs nor any file under the user's folders or the result folder hold a token. */
#define N_LONG_ROWS 1500

static void
test_load_outlives_token (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const save[] = { "--alias", "long-load", NULL };
  g_autoptr(CliResult) login = NULL;
  g_autoptr(CliResult) load = NULL;
  g_autoptr(FreightOrgSecrets) before = NULL;
  g_autoptr(FreightOrgSecrets) after = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(GString) text = g_string_new ("Name,External_Id__c\n");
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *output = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  guint n_records = 0;
  const char *secret_values[5];

  if (needs_keyring ())
    return;

  login = login_web (f, SIGN_IN_BROWSER_ALLOW, save);
  cli_assert_status (login, 0);
  before = saved_secrets ("long-load");
  g_assert_nonnull (freight_org_secrets_get (before, FREIGHT_ORG_SECRET_REFRESH_TOKEN));

  for (guint i = 1; i <= N_LONG_ROWS; i++)
    g_string_append_printf (text, "Company %u,L-%u\n", i, i);
  file = g_build_filename (f->keys->dir, "long.csv", NULL);
  g_assert_true (g_file_set_contents (file, text->str, -1, NULL));
  output = g_build_filename (f->keys->dir, "long-results", NULL);

  f->cli.debug = TRUE;
  load = cli_run (&f->cli, NULL, "load", "--org", "long-load", "--object", "Account",
                  "--operation", "insert", "--file", file, "--output-dir", output,
                  "--part-rows", "300", "--jobs-in-flight", "2", "--no-preflight", "--json",
                  NULL);
  f->cli.debug = FALSE;
  cli_assert_status (load, 0);
  g_assert_nonnull (strstr (load->err, "freight-http-DEBUG"));
  summary = json_object_of (load);
  g_assert_cmpstr (json_object_get_string_member (summary, "state"), ==, "finished");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (summary, "counts"),
                                               "succeeded"), ==, N_LONG_ROWS);
  g_assert_null (strstr (load->err, "sign in again"));

  /* A token of its own, renewed during the load and kept. */
  after = saved_secrets ("long-load");
  g_assert_cmpstr (freight_org_secrets_get (after, FREIGHT_ORG_SECRET_ACCESS_TOKEN), !=,
                   freight_org_secrets_get (before, FREIGHT_ORG_SECRET_ACCESS_TOKEN));
  g_assert_cmpstr (freight_org_secrets_get (after, FREIGHT_ORG_SECRET_REFRESH_TOKEN), ==,
                   freight_org_secrets_get (before, FREIGHT_ORG_SECRET_REFRESH_TOKEN));
  secret_values[0] = freight_org_secrets_get (before, FREIGHT_ORG_SECRET_ACCESS_TOKEN);
  secret_values[1] = freight_org_secrets_get (after, FREIGHT_ORG_SECRET_ACCESS_TOKEN);
  secret_values[2] = freight_org_secrets_get (after, FREIGHT_ORG_SECRET_REFRESH_TOKEN);
  secret_values[3] = LO_HARNESS_CONSUMER_SECRET;
  secret_values[4] = NULL;
  for (guint i = 0; secret_values[i] != NULL; i++)
    {
      g_assert_null (strstr (load->err, secret_values[i]));
      g_assert_null (strstr (load->out, secret_values[i]));
    }
  g_assert_cmpuint (http_fixture_assert_no_secret_in_files (secret_values), >=, 1);
  g_assert_cmpuint (http_fixture_assert_no_secret_in_tree (output, secret_values), >=, 3);

  /* Each row made exactly one record. */
  token = lo_harness_password_login (f->cli.b.org, &error);
  g_assert_no_error (error);
  path = g_strdup ("/services/data/v62.0/query?q=SELECT+External_Id__c+FROM+Account");
  while (path != NULL)
    {
      g_autoptr(LoResponse) response = lo_harness_request (f->cli.b.org, "GET", path, NULL,
                                                           NULL, 0, token);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *page;
      JsonArray *records;

      lo_assert_status (response, 200);
      node = lo_response_get_json (response);
      page = json_node_get_object (node);
      records = json_object_get_array_member (page, "records");
      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *record = json_array_get_object_element (records, i);
          const char *key = json_object_get_string_member (record, "External_Id__c");

          g_assert_true (g_hash_table_add (keys, g_strdup (key)));
          n_records++;
        }
      g_free (path);
      path = json_object_get_boolean_member_with_default (page, "done", TRUE)
               ? NULL
               : g_strdup (json_object_get_string_member (page, "nextRecordsUrl"));
    }
  g_assert_cmpuint (n_records, ==, N_LONG_ROWS);

  remove_org (f, "long-load");
}

int
main (int   argc,
      char *argv[])
{
  /* Tokens live three seconds; 1500 rows at 100 a second per job outlive several. */
  static const char * const short_tokens[] = {
    "--token-lifetime=3", "--rows-per-second=100", NULL
  };

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/freight/cli-sign-in/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("web", test_web);
  ADD ("jwt", test_jwt);
  ADD ("password-token-client-credentials", test_password_token_client_credentials);
  ADD ("orgs", test_orgs);
  ADD ("tls", test_tls);
  ADD ("no-secret-in-files", test_no_secret_in_files);

#undef ADD

  g_test_add ("/freight/cli-sign-in/load-outlives-token", Fixture, short_tokens,
              fixture_set_up, test_load_outlives_token, fixture_tear_down);

  return g_test_run ();
}
