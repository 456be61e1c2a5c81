/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "freight.h"
#include "http-fixture.h"

/* Saved orgs and the keyring. Runs inside tests/keyring-session.sh: a private D-Bus
 * session with its own GNOME Keyring and temporary HOME and XDG folders. Facts go to the
 * config folder, secrets only to the keyring; removing an org removes both. */

#define ORG_ID  "00D000000000001EAA"
#define ORG_ID2 "00D000000000002EAA"
#define USER_ID "005000000000001AAA"

typedef struct
{
  char              *secrets[FREIGHT_ORG_N_SECRETS + 1];   /* NULL-terminated */
  FreightHttpClient *http;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *config = g_build_filename (g_get_user_config_dir (), "freight", NULL);

  if (g_getenv ("FREIGHT_TEST_SCAN_DIRS") == NULL)
    {
      g_test_skip ("needs tests/keyring-session.sh");
      return;
    }

  /* Start every test from no saved orgs and an empty keyring (a subprocess test sets
   * up its own D-Bus environment first). */
  http_fixture_remove_tree (config);
  if (!g_test_subprocess ())
    secret_password_clear_sync (freight_org_secret_schema (), NULL, NULL, NULL);

  for (guint i = 0; i < FREIGHT_ORG_N_SECRETS; i++)
    f->secrets[i] = g_strdup_printf ("S3cret-%s-%08x",
                                     freight_org_secret_kind_to_string (i), g_random_int ());
  f->http = freight_http_client_new (NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < FREIGHT_ORG_N_SECRETS; i++)
    g_free (f->secrets[i]);
  g_clear_object (&f->http);
}

static FreightOrg *
make_org (const char        *alias,
          const char        *org_id,
          FreightAuthMethod  method)
{
  FreightOrg *org = freight_org_new (alias);

  freight_org_set_login_url (org, "https://test.salesforce.com");
  freight_org_set_instance_url (org, "https://acme--uat.sandbox.my.salesforce.com");
  freight_org_set_username (org, "ada@acme.test.uat");
  freight_org_set_org_id (org, org_id);
  freight_org_set_user_id (org, USER_ID);
  freight_org_set_org_name (org, "Acme UAT");
  freight_org_set_is_sandbox (org, TRUE);
  freight_org_set_auth_method (org, method);
  freight_org_set_client_id (org, "3MVG9-consumer-key");
  return org;
}

static FreightOrgSecrets *
all_secrets (Fixture *f)
{
  FreightOrgSecrets *secrets = freight_org_secrets_new ();

  for (guint i = 0; i < FREIGHT_ORG_N_SECRETS; i++)
    freight_org_secrets_set (secrets, i, f->secrets[i]);
  return secrets;
}

/* Looks items up kind by kind (secret_password_search_sync() leaks inside libsecret
 * 0.20, which the sanitizer builds would report). */
static guint
count_keyring_items (const char *org_id)
{
  guint count = 0;

  for (guint kind = 0; kind < FREIGHT_ORG_N_SECRETS; kind++)
    {
      g_autoptr(GError) error = NULL;
      char *value;

      value = secret_password_lookup_sync (freight_org_secret_schema (), NULL, &error,
                                           "org-id", org_id,
                                           "username", "ada@acme.test.uat",
                                           "kind", freight_org_secret_kind_to_string (kind),
                                           NULL);
      g_assert_no_error (error);
      if (value != NULL)
        count++;
      secret_password_free (value);
    }

  return count;
}

static void
test_save_and_reload (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FreightOrgStore) store = NULL;
  g_autoptr(FreightOrgStore) again = NULL;
  g_autoptr(FreightOrg) org = NULL;
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(FreightOrgSecrets) read_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  FreightOrg *found;
  GStatBuf st;

  if (f->http == NULL)
    return;

  store = freight_org_store_new (NULL);
  g_assert_true (freight_org_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  org = make_org ("acme-uat", ORG_ID, FREIGHT_AUTH_METHOD_PASSWORD);
  secrets = all_secrets (f);
  g_assert_true (freight_org_store_save (store, org, secrets, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpuint (count_keyring_items (ORG_ID), ==, FREIGHT_ORG_N_SECRETS);

  /* The facts file lives in the user config folder and is private. */
  path = g_build_filename (g_get_user_config_dir (), "freight", "orgs.json", NULL);
  g_assert_cmpstr (freight_org_store_get_path (store), ==, path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* No secret in any file Freight can write to. */
  http_fixture_assert_no_secret_in_files ((const char * const *) f->secrets);

  again = freight_org_store_new (NULL);
  g_assert_true (freight_org_store_load (again, &error));
  found = freight_org_store_lookup (again, "acme-uat");
  g_assert_nonnull (found);
  g_assert_true (freight_org_store_lookup (again, "ADA@acme.test.uat") == found);
  g_assert_true (freight_org_store_lookup (again, "00D000000000001") == found);
  g_assert_true (freight_org_store_get_default (again) == found);
  g_assert_cmpstr (freight_org_get_instance_url (found), ==,
                   "https://acme--uat.sandbox.my.salesforce.com");
  g_assert_cmpstr (freight_org_get_client_id (found), ==, "3MVG9-consumer-key");
  g_assert_true (freight_org_get_is_sandbox (found));
  g_assert_cmpint (freight_org_get_auth_method (found), ==, FREIGHT_AUTH_METHOD_PASSWORD);

  read_back = freight_org_store_lookup_secrets (again, found, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < FREIGHT_ORG_N_SECRETS; i++)
    g_assert_cmpstr (freight_org_secrets_get (read_back, i), ==, f->secrets[i]);
}

static void
test_remove_clears_keyring (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
  g_autoptr(FreightOrgStore) again = freight_org_store_new (NULL);
  g_autoptr(FreightOrg) first = make_org ("acme-uat", ORG_ID, FREIGHT_AUTH_METHOD_PASSWORD);
  g_autoptr(FreightOrg) second = make_org ("globex", ORG_ID2, FREIGHT_AUTH_METHOD_WEB);
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;

  if (f->http == NULL)
    return;

  secrets = all_secrets (f);
  g_assert_true (freight_org_store_load (store, &error));
  g_assert_true (freight_org_store_save (store, first, secrets, NULL, &error));
  g_assert_true (freight_org_store_save (store, second, secrets, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (freight_org_store_set_default (store, "globex", NULL, &error));
  g_assert_cmpstr (freight_org_get_alias (freight_org_store_get_default (store)), ==,
                   "globex");

  g_assert_true (freight_org_store_remove (store, "globex", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_keyring_items (ORG_ID2), ==, 0);
  g_assert_cmpuint (count_keyring_items (ORG_ID), ==, FREIGHT_ORG_N_SECRETS);
  g_assert_cmpstr (freight_org_get_alias (freight_org_store_get_default (store)), ==,
                   "acme-uat");

  g_assert_true (freight_org_store_load (again, &error));
  g_assert_null (freight_org_store_lookup (again, "globex"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);

  g_assert_false (freight_org_store_remove (store, "globex", NULL, &error));
  g_assert_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (freight_org_store_remove (store, "acme-uat", NULL, &error));
  g_assert_cmpuint (count_keyring_items (ORG_ID), ==, 0);
  g_assert_null (freight_org_store_get_default (store));
}

static void
test_resave_drops_stale_secrets (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
  g_autoptr(FreightOrg) org = make_org ("acme-uat", ORG_ID, FREIGHT_AUTH_METHOD_PASSWORD);
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(FreightOrgSecrets) web = freight_org_secrets_new ();
  g_autoptr(FreightOrgSecrets) read_back = NULL;
  g_autoptr(GError) error = NULL;

  if (f->http == NULL)
    return;

  secrets = all_secrets (f);
  g_assert_true (freight_org_store_save (store, org, secrets, NULL, &error));

  /* Signed in again through the browser: the password must not stay behind. */
  freight_org_set_auth_method (org, FREIGHT_AUTH_METHOD_WEB);
  freight_org_secrets_set (web, FREIGHT_ORG_SECRET_REFRESH_TOKEN, "5Aep-new-refresh");
  g_assert_true (freight_org_store_save (store, org, web, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_keyring_items (ORG_ID), ==, 1);

  read_back = freight_org_store_lookup_secrets (store, org, NULL, &error);
  g_assert_null (freight_org_secrets_get (read_back, FREIGHT_ORG_SECRET_PASSWORD));
  g_assert_cmpstr (freight_org_secrets_get (read_back, FREIGHT_ORG_SECRET_REFRESH_TOKEN), ==,
                   "5Aep-new-refresh");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
}

static void
test_alias_taken (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
  g_autoptr(FreightOrg) first = make_org ("prod", ORG_ID, FREIGHT_AUTH_METHOD_PASSWORD);
  g_autoptr(FreightOrg) other = make_org ("prod", ORG_ID2, FREIGHT_AUTH_METHOD_PASSWORD);
  g_autoptr(FreightOrg) unsaved = freight_org_new ("half");
  g_autoptr(GError) error = NULL;

  if (f->http == NULL)
    return;

  g_assert_true (freight_org_store_save (store, first, NULL, NULL, &error));
  g_assert_false (freight_org_store_save (store, other, NULL, NULL, &error));
  g_assert_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "prod"));
  g_clear_error (&error);

  /* Without org id and username there is nothing to key the secrets on. */
  g_assert_false (freight_org_store_save (store, unsaved, NULL, NULL, &error));
  g_assert_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_INVALID);
}

static void
test_create_auth (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
  g_autoptr(FreightOrg) password = make_org ("pw", ORG_ID, FREIGHT_AUTH_METHOD_PASSWORD);
  g_autoptr(FreightOrg) web = make_org ("web", ORG_ID2, FREIGHT_AUTH_METHOD_WEB);
  g_autoptr(FreightOrg) token = make_org ("token", "00D000000000003EAA",
                                          FREIGHT_AUTH_METHOD_ACCESS_TOKEN);
  g_autoptr(FreightOrg) empty = make_org ("empty", "00D000000000004EAA",
                                          FREIGHT_AUTH_METHOD_PASSWORD);
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(FreightOrgSecrets) refresh_only = freight_org_secrets_new ();
  g_autoptr(FreightOrgSecrets) token_only = freight_org_secrets_new ();
  g_autoptr(FreightAuth) password_auth = NULL;
  g_autoptr(FreightAuth) web_auth = NULL;
  g_autoptr(FreightAuth) token_auth = NULL;
  g_autoptr(FreightAuth) none = NULL;
  g_autoptr(FreightOAuthToken) current = NULL;
  g_autoptr(GError) error = NULL;

  if (f->http == NULL)
    return;

  secrets = all_secrets (f);
  freight_org_secrets_set (refresh_only, FREIGHT_ORG_SECRET_REFRESH_TOKEN, "5Aep-refresh");
  freight_org_secrets_set (token_only, FREIGHT_ORG_SECRET_ACCESS_TOKEN, "00D!pasted");
  g_assert_true (freight_org_store_save (store, password, secrets, NULL, &error));
  g_assert_true (freight_org_store_save (store, web, refresh_only, NULL, &error));
  g_assert_true (freight_org_store_save (store, token, token_only, NULL, &error));
  g_assert_true (freight_org_store_save (store, empty, NULL, NULL, &error));
  g_assert_no_error (error);

  password_auth = freight_org_store_create_auth (store, password, f->http, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (FREIGHT_IS_PASSWORD_AUTH (password_auth));
  g_assert_cmpstr (freight_password_auth_get_username (FREIGHT_PASSWORD_AUTH (password_auth)),
                   ==, "ada@acme.test.uat");
  /* The saved access token is used until the org refuses it. */
  current = freight_auth_dup_token (password_auth);
  g_assert_cmpstr (freight_oauth_token_get_access_token (current), ==,
                   f->secrets[FREIGHT_ORG_SECRET_ACCESS_TOKEN]);
  g_assert_cmpstr (freight_oauth_token_get_org_id (current), ==, ORG_ID);
  g_assert_cmpstr (freight_oauth_client_get_login_url (
                     freight_auth_get_oauth_client (password_auth)), ==,
                   "https://test.salesforce.com");
  g_assert_cmpstr (freight_oauth_client_get_client_secret (
                     freight_auth_get_oauth_client (password_auth)), ==,
                   f->secrets[FREIGHT_ORG_SECRET_CLIENT_SECRET]);

  web_auth = freight_org_store_create_auth (store, web, f->http, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (FREIGHT_IS_REFRESH_TOKEN_AUTH (web_auth));
  g_assert_cmpint (freight_auth_get_method (web_auth), ==, FREIGHT_AUTH_METHOD_WEB);
  g_assert_null (freight_auth_dup_token (web_auth));

  token_auth = freight_org_store_create_auth (store, token, f->http, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (FREIGHT_IS_ACCESS_TOKEN_AUTH (token_auth));

  none = freight_org_store_create_auth (store, empty, f->http, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_NO_SECRET);
  g_assert_nonnull (strstr (error->message, "Sign in"));
}

typedef struct
{
  gboolean done;
  guint    changes;
} AsyncState;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  AsyncState *state)
{
  /* The model only changes on the thread that owns the store. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  state->changes++;
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (freight_org_store_save_finish (FREIGHT_ORG_STORE (source), result, &error));
  g_assert_no_error (error);
  state->done = TRUE;
}

static void
remove_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (freight_org_store_remove_finish (FREIGHT_ORG_STORE (source), result,
                                                  &error));
  g_assert_no_error (error);
  state->done = TRUE;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
  g_autoptr(FreightOrg) org = make_org ("acme-uat", ORG_ID, FREIGHT_AUTH_METHOD_PASSWORD);
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  AsyncState state = { 0 };

  if (f->http == NULL)
    return;

  secrets = all_secrets (f);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &state);

  freight_org_store_save_async (store, org, secrets, NULL, save_done, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (state.changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpuint (count_keyring_items (ORG_ID), ==, FREIGHT_ORG_N_SECRETS);

  state.done = FALSE;
  freight_org_store_remove_async (store, "acme-uat", NULL, remove_done, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (state.changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpuint (count_keyring_items (ORG_ID), ==, 0);
}

static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  if (f->http == NULL)
    return;

  if (g_test_subprocess ())
    {
      g_autoptr(FreightOrgStore) store = NULL;
      g_autoptr(FreightOrg) org = make_org ("acme-uat", ORG_ID, FREIGHT_AUTH_METHOD_PASSWORD);
      g_autoptr(FreightOrgSecrets) secrets = all_secrets (f);
      g_autoptr(GError) error = NULL;
      g_autofree char *socket = g_build_filename (g_get_tmp_dir (), "no-such-bus", NULL);
      g_autofree char *address = g_strconcat ("unix:path=", socket, NULL);

      /* No Secret Service: saving fails with a clear message and writes nothing. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      store = freight_org_store_new (NULL);
      g_assert_false (freight_org_store_save (store, org, secrets, NULL, &error));
      g_assert_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_KEYRING);
      g_assert_nonnull (strstr (error->message, "keyring"));
      g_assert_false (g_file_test (freight_org_store_get_path (store), G_FILE_TEST_EXISTS));
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/freight/org-store/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("save-and-reload", test_save_and_reload);
  ADD ("remove-clears-keyring", test_remove_clears_keyring);
  ADD ("resave-drops-stale-secrets", test_resave_drops_stale_secrets);
  ADD ("alias-taken", test_alias_taken);
  ADD ("create-auth", test_create_auth);
  ADD ("async", test_async);
  ADD ("no-keyring", test_no_keyring);

#undef ADD

  return g_test_run ();
}
