/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cli-fixture.h"

/* freight-cli login and orgs against a real freight-local-org, inside
 * tests/keyring-session.sh (a private D-Bus session, keyring, HOME and XDG folders):
 * password and token sign-ins saved to the keyring, the saved orgs listed, the default
 * changed, commands run on a saved org, an org forgotten, and no secret on disk. */

static void
fixture_set_up (CliFixture    *f,
                gconstpointer  data)
{
  cli_fixture_start (f, data, FALSE);
  /* Only the saved orgs are used, never the environment's. */
  f->no_env_org = TRUE;
}

static void
fixture_tear_down (CliFixture    *f,
                   gconstpointer  data)
{
  cli_fixture_stop (f);
}

static JsonObject *
json_object_of (CliResult *r)
{
  g_autoptr(JsonNode) node = cli_result_json (r);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static CliResult *
login_password (CliFixture *f,
                const char *password,
                const char *alias)
{
  g_autofree char *input = g_strdup_printf ("%s\n", password);

  g_setenv ("FREIGHT_CLIENT_SECRET", LO_HARNESS_CONSUMER_SECRET, TRUE);
  return cli_run (f, input, "login", "password", "--username", LO_HARNESS_USERNAME,
                  "--login-url", lo_harness_get_url (f->b.org), "--client-id",
                  LO_HARNESS_CONSUMER_KEY, "--password-stdin", "--alias", alias, "--json",
                  NULL);
}

/* Every file under the user's folders, for secrets that must not be there. */
static void
assert_not_in_files (const char *dir,
                     const char *secret)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_not_in_files (path, secret);
          continue;
        }
      if (g_file_get_contents (path, &contents, &len, NULL)
          && g_strstr_len (contents, len, secret) != NULL)
        g_error ("%s holds a secret", path);
    }
}

static void
test_login_and_orgs (CliFixture    *f,
                     gconstpointer  data)
{
  g_autoptr(CliResult) password = NULL;
  g_autoptr(CliResult) wrong = NULL;
  g_autoptr(CliResult) token = NULL;
  g_autoptr(CliResult) list = NULL;
  g_autoptr(CliResult) table = NULL;
  g_autoptr(CliResult) set_default = NULL;
  g_autoptr(CliResult) show_default = NULL;
  g_autoptr(CliResult) jobs_default = NULL;
  g_autoptr(CliResult) jobs_named = NULL;
  g_autoptr(CliResult) export = NULL;
  g_autoptr(CliResult) runs = NULL;
  g_autoptr(CliResult) removed = NULL;
  g_autoptr(CliResult) after = NULL;
  g_autoptr(CliResult) missing = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonNode) array = NULL;
  g_autofree char *token_input = g_strdup_printf ("%s\n",
                                                  lo_harness_get_access_token (f->b.org));
  g_autofree char *out = bulk_fixture_path (&f->b, "saved-org.csv");
  const char *scan = g_getenv ("FREIGHT_TEST_SCAN_DIRS");

  /* A password sign-in, saved as the first and so the default org. */
  password = login_password (f, LO_HARNESS_PASSWORD, "local");
  cli_assert_status (password, 0);
  o = json_object_of (password);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "signed-in");
  g_assert_cmpstr (json_object_get_string_member (o, "alias"), ==, "local");
  g_assert_cmpstr (json_object_get_string_member (o, "username"), ==, LO_HARNESS_USERNAME);
  g_assert_cmpstr (json_object_get_string_member (o, "instance_url"), ==,
                   lo_harness_get_url (f->b.org));
  g_assert_cmpstr (json_object_get_string_member (o, "auth_method"), ==, "password");
  g_assert_true (json_object_get_boolean_member (o, "default"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "org_id"), "00D"));

  wrong = login_password (f, "not-the-password", "wrong");
  cli_assert_status (wrong, 2);
  g_assert_nonnull (strstr (wrong->err, "invalid_grant"));

  /* A pasted token of the same account: the saved org is renamed, not doubled. */
  token = cli_run (f, token_input, "login", "token", "--instance-url",
                   lo_harness_get_url (f->b.org), "--access-token-stdin", "--alias", "tok",
                   NULL);
  cli_assert_status (token, 0);
  g_assert_nonnull (strstr (token->out, "saved as “tok”"));
  g_assert_nonnull (strstr (token->out, "It is the default org."));

  /* Another account, saved by the library as the app would. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
    g_autoptr(FreightOrg) other = freight_org_new ("other");
    g_autoptr(FreightOrgSecrets) secrets = freight_org_secrets_new ();

    freight_org_set_instance_url (other, lo_harness_get_url (f->b.org));
    freight_org_set_login_url (other, lo_harness_get_url (f->b.org));
    freight_org_set_org_id (other, "00D000000000001AAA");
    freight_org_set_username (other, "other@freight.local");
    freight_org_set_auth_method (other, FREIGHT_AUTH_METHOD_ACCESS_TOKEN);
    freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_ACCESS_TOKEN,
                             lo_harness_get_access_token (f->b.org));
    g_assert_true (freight_org_store_load (store, &error));
    g_assert_true (freight_org_store_save (store, other, secrets, NULL, &error));
    g_assert_no_error (error);
  }

  list = cli_run (f, NULL, "orgs", "list", "--json", NULL);
  cli_assert_status (list, 0);
  array = cli_result_json (list);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (array)), ==, 2);
  table = cli_run (f, NULL, "orgs", "list", NULL);
  cli_assert_status (table, 0);
  g_assert_nonnull (strstr (table->out, " * tok "));
  g_assert_nonnull (strstr (table->out, "   other "));
  g_assert_nonnull (strstr (table->out, "access-token"));

  set_default = cli_run (f, NULL, "orgs", "default", "other", NULL);
  cli_assert_status (set_default, 0);
  show_default = cli_run (f, NULL, "orgs", "default", NULL);
  cli_assert_status (show_default, 0);
  g_assert_cmpstr (show_default->out, ==, "other\n");

  /* Commands on the default org, and on one named. */
  jobs_default = cli_run (f, NULL, "jobs", "list", NULL);
  cli_assert_status (jobs_default, 0);
  jobs_named = cli_run (f, NULL, "--org", "tok", "jobs", "list", "--json", NULL);
  cli_assert_status (jobs_named, 0);

  /* An export on a saved org. */
  export = cli_run (f, NULL, "export", "--org", "tok", "--object", "Account", "--fields",
                    "Id", "-o", out, "--poll-interval", "0.05", "-q", "--json", NULL);
  cli_assert_status (export, 0);
  runs = cli_run (f, NULL, "resume", "--list", NULL);
  cli_assert_status (runs, 0);
  g_assert_cmpstr (runs->out, ==, "No run is waiting to be continued.\n");

  removed = cli_run (f, NULL, "orgs", "remove", "other", "--json", NULL);
  cli_assert_status (removed, 0);
  after = cli_run (f, NULL, "orgs", "list", NULL);
  g_assert_null (strstr (after->out, "other"));
  missing = cli_run (f, NULL, "--org", "other", "jobs", "list", NULL);
  cli_assert_status (missing, 2);
  g_assert_nonnull (strstr (missing->err, "There is no saved org “other”"));

  /* The secrets went to the keyring only. */
  if (scan != NULL)
    {
      g_auto(GStrv) dirs = g_strsplit (scan, ":", -1);

      for (guint i = 0; dirs[i] != NULL; i++)
        {
          assert_not_in_files (dirs[i], lo_harness_get_access_token (f->b.org));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/freight/cli/login-and-orgs", CliFixture, NULL, fixture_set_up,
              test_login_and_orgs, fixture_tear_down);

  return g_test_run ();
}
