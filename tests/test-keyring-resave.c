/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "freight.h"

/* Saving the same account again and again in one process. Runs inside
 * tests/keyring-session.sh, whose gnome-keyring-daemon treats warnings as fatal. Signing
 * in again (or adding the same account again) re-saves the org's keyring items while a
 * token refresh may still be writing one of them; the keyring must take it all, and read
 * back what was saved last, every time. (Items replaced rather than updated made the
 * daemon warn "asked to register item …, but it's already registered" and abort.) */

#define ALIAS    "acme"
#define ORG_ID   "00D000000000001EAA"
#define USERNAME "ada@acme.test"
#define ROUNDS   6

static FreightOrg *
make_org (FreightAuthMethod method)
{
  FreightOrg *org = freight_org_new (ALIAS);

  freight_org_set_login_url (org, "https://login.salesforce.com");
  freight_org_set_instance_url (org, "https://acme.my.salesforce.com");
  freight_org_set_username (org, USERNAME);
  freight_org_set_org_id (org, ORG_ID);
  freight_org_set_user_id (org, "005000000000001AAA");
  freight_org_set_auth_method (org, method);
  freight_org_set_client_id (org, "3MVG9-consumer-key");
  return org;
}

static gboolean
skip_without_keyring (void)
{
  if (g_getenv ("FREIGHT_TEST_SCAN_DIRS") != NULL)
    return FALSE;
  g_test_skip ("needs tests/keyring-session.sh");
  return TRUE;
}

/* Every kind of secret the keyring holds for the account equals @expected's. */
static void
assert_keyring_holds (FreightOrgStore   *store,
                      FreightOrgSecrets *expected)
{
  g_autoptr(FreightOrg) org = make_org (FREIGHT_AUTH_METHOD_PASSWORD);
  g_autoptr(FreightOrgSecrets) read_back = NULL;
  g_autoptr(GError) error = NULL;

  read_back = freight_org_store_lookup_secrets (store, org, NULL, &error);
  g_assert_no_error (error);
  for (guint kind = 0; kind < FREIGHT_ORG_N_SECRETS; kind++)
    g_assert_cmpstr (freight_org_secrets_get (read_back, kind), ==,
                     expected != NULL ? freight_org_secrets_get (expected, kind) : NULL);
}

/* Round @round's secrets: a password sign-in in even rounds, a refresh token in odd
 * ones, so kinds come and go. */
static FreightOrgSecrets *
round_secrets (guint              round,
               FreightAuthMethod *method)
{
  FreightOrgSecrets *secrets = freight_org_secrets_new ();
  g_autofree char *access = g_strdup_printf ("access-%u-%08x", round, g_random_int ());

  freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_ACCESS_TOKEN, access);
  if (round % 2 == 0)
    {
      g_autofree char *password = g_strdup_printf ("Passw0rd-%u", round);

      freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_PASSWORD, password);
      freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_CLIENT_SECRET, "consumer-secret");
      *method = FREIGHT_AUTH_METHOD_PASSWORD;
    }
  else
    {
      g_autofree char *refresh = g_strdup_printf ("refresh-%u-%08x", round, g_random_int ());

      freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_REFRESH_TOKEN, refresh);
      *method = FREIGHT_AUTH_METHOD_WEB;
    }
  return secrets;
}

static void
test_sync (void)
{
  g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
  g_autoptr(GError) error = NULL;

  if (skip_without_keyring ())
    return;

  g_assert_true (freight_org_store_load (store, &error));
  g_assert_no_error (error);

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint round = 0; round < ROUNDS; round++)
        {
          FreightAuthMethod method;
          g_autoptr(FreightOrgSecrets) secrets = round_secrets (round, &method);
          g_autoptr(FreightOrg) org = make_org (method);

          g_assert_true (freight_org_store_save (store, org, secrets, NULL, &error));
          g_assert_no_error (error);
          assert_keyring_holds (store, secrets);
        }

      /* Signed out: nothing left; then the same account again. */
      g_assert_true (freight_org_store_remove (store, ALIAS, NULL, &error));
      g_assert_no_error (error);
      assert_keyring_holds (store, NULL);
    }
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = freight_org_store_save_finish (FREIGHT_ORG_STORE (source), result,
                                            &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
remove_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = freight_org_store_remove_finish (FREIGHT_ORG_STORE (source), result,
                                              &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Lets pending keyring writes (fire and forget) finish. */
static void
settle (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_loop, loop);
  g_main_loop_run (loop);
}

/* The window's path: each sign-in saves on a worker thread; the org's auth object is
 * tracked, and its token renewed (as opening a session does) right before the account
 * is signed in and saved again, so the renewal's keyring write and the next save meet. */
static void
test_async_with_renewals (void)
{
  g_autoptr(FreightOrgStore) store = freight_org_store_new (NULL);
  g_autoptr(FreightHttpClient) http = freight_http_client_new (NULL, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) auths = g_ptr_array_new_with_free_func (g_object_unref);

  if (skip_without_keyring ())
    return;

  g_assert_true (freight_org_store_load (store, &error));
  g_assert_no_error (error);

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint round = 0; round < ROUNDS; round++)
        {
          FreightAuthMethod method;
          g_autoptr(FreightOrgSecrets) secrets = round_secrets (round, &method);
          g_autoptr(FreightOrg) org = make_org (method);
          g_autoptr(FreightOAuthToken) token = NULL;
          g_autoptr(FreightOAuthToken) renewed = NULL;
          g_autofree char *renewed_access = NULL;
          FreightAuth *auth;
          Wait wait = { loop, FALSE, NULL };

          /* A renewal of the previous sign-in's token, written back without waiting. */
          if (auths->len > 0)
            {
              renewed_access = g_strdup_printf ("renewed-%u-%08x", round, g_random_int ());
              renewed = freight_oauth_token_new (renewed_access,
                                                 "https://acme.my.salesforce.com",
                                                 round % 2 == 0 ? "rotated-refresh" : NULL);
              freight_auth_set_token (g_ptr_array_index (auths, auths->len - 1), renewed);
            }

          freight_org_store_save_async (store, org, secrets, NULL, save_done, &wait);
          g_main_loop_run (loop);
          g_assert_no_error (wait.error);
          g_assert_true (wait.ok);

          /* The new sign-in is tracked from now on. */
          token = freight_oauth_token_new (freight_org_secrets_get (
                                             secrets, FREIGHT_ORG_SECRET_ACCESS_TOKEN),
                                           "https://acme.my.salesforce.com",
                                           freight_org_secrets_get (
                                             secrets, FREIGHT_ORG_SECRET_REFRESH_TOKEN));
          auth = freight_access_token_auth_new (http, token);
          freight_org_store_track_auth (store, freight_org_store_lookup (store, ALIAS), auth);
          g_ptr_array_add (auths, auth);

          /* The keyring still answers (a renewal may have overwritten the access token,
           * and a rotated refresh token may have come back; the password never). */
          settle (50);
          {
            g_autoptr(FreightOrgSecrets) read_back = NULL;

            read_back = freight_org_store_lookup_secrets (store, org, NULL, &error);
            g_assert_no_error (error);
            g_assert_cmpstr (freight_org_secrets_get (read_back,
                                                      FREIGHT_ORG_SECRET_PASSWORD), ==,
                             freight_org_secrets_get (secrets,
                                                      FREIGHT_ORG_SECRET_PASSWORD));
            g_assert_nonnull (freight_org_secrets_get (read_back,
                                                       FREIGHT_ORG_SECRET_ACCESS_TOKEN));
          }
        }

      /* Sign out, with a renewal on its way, then save the same account again. */
      {
        g_autoptr(FreightOAuthToken) renewed = NULL;
        Wait wait = { loop, FALSE, NULL };

        renewed = freight_oauth_token_new ("renewed-before-sign-out",
                                           "https://acme.my.salesforce.com", NULL);
        freight_auth_set_token (g_ptr_array_index (auths, auths->len - 1), renewed);
        freight_org_store_remove_async (store, ALIAS, NULL, remove_done, &wait);
        g_main_loop_run (loop);
        g_assert_no_error (wait.error);
        g_assert_true (wait.ok);
        settle (200);
      }
    }

  /* Last, once every write is done, the keyring holds exactly the last save. */
  {
    FreightAuthMethod method;
    g_autoptr(FreightOrgSecrets) secrets = round_secrets (0, &method);
    g_autoptr(FreightOrg) org = make_org (method);

    g_assert_true (freight_org_store_save (store, org, secrets, NULL, &error));
    g_assert_no_error (error);
    settle (200);
    assert_keyring_holds (store, secrets);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/keyring-resave/sync", test_sync);
  g_test_add_func ("/freight/keyring-resave/async-with-renewals", test_async_with_renewals);

  return g_test_run ();
}
