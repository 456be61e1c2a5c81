/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-sign-in"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "freight-http-error.h"
#include "freight-org-secrets.h"
#include "freight-org.h"
#include "freight-sf-cli.h"
#include "freight-sign-in.h"

/* Orgs the user already signed in to with the Salesforce CLI (`sf`), imported without a
 * second sign-in (salesforce-api.md §11):
 *
 *   sf org list --json                              which orgs: alias, username, URLs
 *   sf org display --target-org X --json --verbose  one org's instance URL and username;
 *                                                   CLIs before 2.1xx also print its
 *                                                   access token and sfdxAuthUrl here,
 *                                                   newer ones print "[REDACTED]…"
 *   sf org auth show-sfdx-auth-url -o X --json      the refresh token of an org the CLI
 *                                                   signed in to through the browser
 *   sf org auth show-access-token -o X --json       else its access token
 *
 * The CLI's answers hold tokens: they are read from a pipe, wiped after use, never
 * logged, and become a FreightSignIn (refresh token, else access token) that the caller
 * runs and saves like any other sign-in. */

struct _FreightSfCli
{
  GObject  parent_instance;

  char    *program;
};

G_DEFINE_FINAL_TYPE (FreightSfCli, freight_sf_cli, G_TYPE_OBJECT)

static void
freight_sf_cli_finalize (GObject *object)
{
  FreightSfCli *self = FREIGHT_SF_CLI (object);

  g_clear_pointer (&self->program, g_free);

  G_OBJECT_CLASS (freight_sf_cli_parent_class)->finalize (object);
}

static void
freight_sf_cli_class_init (FreightSfCliClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = freight_sf_cli_finalize;
}

static void
freight_sf_cli_init (FreightSfCli *self)
{
}

/**
 * freight_sf_cli_new:
 * @program: (nullable): the `sf` program to run; %NULL to look for `sf` in PATH
 *
 * Returns: (transfer full): the importer
 */
FreightSfCli *
freight_sf_cli_new (const char *program)
{
  FreightSfCli *self = g_object_new (FREIGHT_TYPE_SF_CLI, NULL);

  self->program = program != NULL ? g_strdup (program) : g_find_program_in_path ("sf");
  return self;
}

/**
 * freight_sf_cli_get_program:
 * @self: an importer
 *
 * Returns: (nullable): the `sf` program, or %NULL when it is not installed
 */
const char *
freight_sf_cli_get_program (FreightSfCli *self)
{
  g_return_val_if_fail (FREIGHT_IS_SF_CLI (self), NULL);
  return self->program;
}

/**
 * freight_sf_cli_is_available:
 * @self: an importer
 *
 * Returns: whether the Salesforce CLI is installed, so the window can offer the import
 */
gboolean
freight_sf_cli_is_available (FreightSfCli *self)
{
  g_return_val_if_fail (FREIGHT_IS_SF_CLI (self), FALSE);
  return self->program != NULL;
}

/* Parsing ----------------------------------------------------------------------------- */

static JsonObject *
parse_result (const char  *json,
              gssize       length,
              JsonParser  *parser,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *result;

  if (!json_parser_load_from_data (parser, json, length, &local_error)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI,
                   _("The Salesforce CLI answered something Freight cannot read (%s). "
                     "Update the CLI (sf update) and try again."),
                   local_error != NULL ? local_error->message : _("not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  if (json_object_get_int_member_with_default (object, "status", 0) != 0
      || !json_object_has_member (object, "result"))
    {
      const char *message = json_object_get_string_member_with_default (object, "message",
                                                                        NULL);
      const char *name = json_object_get_string_member_with_default (object, "name", NULL);

      freight_set_remote_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI, 0, name,
                                _("The Salesforce CLI reported: %s"),
                                message != NULL ? message : (name != NULL ? name : "?"));
      return NULL;
    }

  result = json_object_get_member (object, "result");
  if (!JSON_NODE_HOLDS_OBJECT (result))
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI,
                   _("The Salesforce CLI answered something Freight cannot read (%s). "
                     "Update the CLI (sf update) and try again."), _("no result object"));
      return NULL;
    }
  return json_node_get_object (result);
}

static const char *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  value = json_node_get_string (node);
  return value != NULL && *value != '\0' ? value : NULL;
}

/**
 * freight_sf_cli_parse_org_list:
 * @json: the output of `sf org list --json`
 * @length: its length, or -1 when NUL-terminated
 * @error: return location for a FREIGHT_AUTH_ERROR_SF_CLI
 *
 * Returns: (transfer full) (element-type FreightOrg): the orgs, each once (the CLI lists
 *   an org in several groups), with alias (the CLI's, else the username), username, org
 *   id, login and instance URL and sandbox flag; no secret
 */
GPtrArray *
freight_sf_cli_parse_org_list (const char  *json,
                               gssize       length,
                               GError     **error)
{
  static const char * const groups[] = {
    "nonScratchOrgs", "devHubs", "sandboxes", "other", "scratchOrgs",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) orgs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *result;

  g_return_val_if_fail (json != NULL, NULL);

  result = parse_result (json, length, parser, error);
  if (result == NULL)
    return NULL;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      JsonNode *node = json_object_get_member (result, groups[g]);
      JsonArray *array;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *entry;
          const char *username;
          const char *alias;
          FreightOrg *org;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          entry = json_node_get_object (element);
          username = member (entry, "username");
          if (username == NULL || g_hash_table_contains (seen, username))
            continue;
          g_hash_table_add (seen, (gpointer) username);

          alias = member (entry, "alias");
          org = freight_org_new (alias != NULL ? alias : username);
          freight_org_set_username (org, username);
          freight_org_set_org_id (org, member (entry, "orgId"));
          freight_org_set_instance_url (org, member (entry, "instanceUrl"));
          freight_org_set_login_url (org, member (entry, "loginUrl"));
          freight_org_set_client_id (org, member (entry, "clientId"));
          freight_org_set_is_sandbox (org,
                                      json_object_get_boolean_member_with_default (entry,
                                                                                   "isSandbox",
                                                                                   FALSE)
                                      || g_str_equal (groups[g], "sandboxes"));
          g_ptr_array_add (orgs, org);
        }
    }

  return g_steal_pointer (&orgs);
}

/* force://<clientId>:<clientSecret>:<refreshToken>@<instance host or URL> */
static gboolean
parse_auth_url (const char  *auth_url,
                char       **client_id,
                char       **client_secret,
                char       **refresh_token)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *credentials = NULL;
  const char *at;

  if (auth_url == NULL || !g_str_has_prefix (auth_url, "force://"))
    return FALSE;
  at = strrchr (auth_url, '@');
  if (at == NULL)
    return FALSE;

  credentials = g_strndup (auth_url + strlen ("force://"), at - auth_url - strlen ("force://"));
  parts = g_strsplit (credentials, ":", 3);
  memset (credentials, 0, strlen (credentials));
  if (g_strv_length (parts) != 3 || *parts[0] == '\0' || *parts[2] == '\0')
    {
      for (guint i = 0; parts[i] != NULL; i++)
        memset (parts[i], 0, strlen (parts[i]));
      return FALSE;
    }

  *client_id = g_strdup (parts[0]);
  *client_secret = *parts[1] != '\0' ? g_strdup (parts[1]) : NULL;
  *refresh_token = g_strdup (parts[2]);
  for (guint i = 0; parts[i] != NULL; i++)
    memset (parts[i], 0, strlen (parts[i]));
  return TRUE;
}

static gboolean
is_secret (const char *value)
{
  /* Since 2.1xx, `sf org display` shows "[REDACTED] Use 'sf org auth …'" instead. */
  return value != NULL && value[0] != '[';
}

/**
 * freight_sf_cli_parse_sign_in:
 * @display_json: the output of `sf org display --target-org X --json --verbose`
 * @auth_url_json: (nullable): the output of `sf org auth show-sfdx-auth-url --target-org X
 *   --json`, or %NULL when not run
 * @access_token_json: (nullable): the output of `sf org auth show-access-token
 *   --target-org X --json`, or %NULL when not run
 * @error: return location for a FREIGHT_AUTH_ERROR_SF_CLI
 *
 * Makes a sign-in from what the CLI told: with the org's refresh token (from the
 * sfdxAuthUrl of an org the CLI signed in to through the browser, with the CLI's consumer
 * key), else with its access token. Older CLIs print both secrets in `org display`; newer
 * ones hide them there and show them through `sf org auth`.
 *
 * Returns: (transfer full): the sign-in; alias, username and URLs are the CLI's
 */
FreightSignIn *
freight_sf_cli_parse_sign_in (const char  *display_json,
                              const char  *auth_url_json,
                              const char  *access_token_json,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) auth_parser = json_parser_new ();
  g_autoptr(JsonParser) token_parser = json_parser_new ();
  g_autoptr(FreightSignIn) sign_in = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *refresh_token = NULL;
  JsonObject *result;
  const char *instance_url;
  const char *access_token;
  const char *auth_url;
  const char *username;
  const char *alias;

  g_return_val_if_fail (display_json != NULL, NULL);

  result = parse_result (display_json, -1, parser, error);
  if (result == NULL)
    return NULL;

  instance_url = member (result, "instanceUrl");
  access_token = member (result, "accessToken");
  auth_url = member (result, "sfdxAuthUrl");
  username = member (result, "username");
  alias = member (result, "alias");

  if (!is_secret (auth_url) && auth_url_json != NULL)
    {
      JsonObject *auth = parse_result (auth_url_json, -1, auth_parser, NULL);

      auth_url = auth != NULL ? member (auth, "sfdxAuthUrl") : NULL;
    }
  if (!is_secret (access_token) && access_token_json != NULL)
    {
      JsonObject *token = parse_result (access_token_json, -1, token_parser, error);

      if (token == NULL)
        return NULL;
      access_token = member (token, "accessToken");
    }

  if (instance_url == NULL || (!is_secret (access_token) && !is_secret (auth_url)))
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI,
                   _("The Salesforce CLI holds no usable sign-in for %s. Sign in with the "
                     "CLI again (sf org login web), or sign in to the org in Freight."),
                   username != NULL ? username : alias != NULL ? alias : "?");
      return NULL;
    }

  if (is_secret (auth_url)
      && parse_auth_url (auth_url, &client_id, &client_secret, &refresh_token))
    {
      /* The CLI's own sign-in, renewed with its consumer key at the org's My Domain. */
      sign_in = freight_sign_in_new (FREIGHT_AUTH_METHOD_REFRESH_TOKEN);
      freight_sign_in_set_login_url (sign_in, instance_url);
      freight_sign_in_set_client_id (sign_in, client_id);
      freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_CLIENT_SECRET, client_secret);
      freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_REFRESH_TOKEN, refresh_token);
      memset (refresh_token, 0, strlen (refresh_token));
      if (client_secret != NULL)
        memset (client_secret, 0, strlen (client_secret));
    }
  else if (is_secret (access_token))
    {
      sign_in = freight_sign_in_new (FREIGHT_AUTH_METHOD_ACCESS_TOKEN);
      freight_sign_in_set_instance_url (sign_in, instance_url);
      freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_ACCESS_TOKEN, access_token);
    }
  else
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI,
                   _("The Salesforce CLI’s sign-in for %s cannot be read. Update the CLI "
                     "(sf update), or sign in to the org in Freight."),
                   username != NULL ? username : alias != NULL ? alias : "?");
      return NULL;
    }

  freight_sign_in_set_username (sign_in, username);
  freight_sign_in_set_alias (sign_in, alias != NULL ? alias : username);
  return g_steal_pointer (&sign_in);
}

/* Running sf ------------------------------------------------------------------------- */

static void
wipe_free (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

/* Runs `sf ARGS… --json`; returns its standard output (a JSON answer even on failure). */
static void
communicate_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  GError *error = NULL;
  gsize len = 0;
  const char *data;

  if (!g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &out, &err, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = out != NULL ? g_bytes_get_data (out, &len) : NULL;
  if (data == NULL || len == 0 || memchr (data, '{', len) == NULL)
    {
      g_autofree char *message = err != NULL ? g_strndup (g_bytes_get_data (err, NULL),
                                                          MIN (g_bytes_get_size (err), 400))
                                             : NULL;

      g_task_return_new_error (task, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI,
                               _("The Salesforce CLI failed: %s"),
                               message != NULL && *message != '\0' ? g_strstrip (message)
                                                                   : _("no output"));
      return;
    }

  /* Warnings may come before the JSON on old versions. */
  g_task_return_pointer (task, g_strndup (memchr (data, '{', len),
                                          len - ((const char *) memchr (data, '{', len) - data)),
                         (GDestroyNotify) wipe_free);
  memset ((gpointer) data, 0, len);
}

static void
run_sf_async (FreightSfCli        *self,
              const char * const  *args,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  GError *error = NULL;

  g_task_set_source_tag (task, run_sf_async);

  if (self->program == NULL)
    {
      g_task_return_new_error (task, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI,
                               _("The Salesforce CLI (sf) is not installed, or not in PATH."));
      return;
    }

  g_ptr_array_add (argv, self->program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--json");
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* A background look-up: no telemetry, update checks or colours. */
  g_subprocess_launcher_setenv (launcher, "SF_DISABLE_TELEMETRY", "true", TRUE);
  g_subprocess_launcher_setenv (launcher, "SF_SKIP_NEW_VERSION_CHECK", "true", TRUE);
  g_subprocess_launcher_setenv (launcher, "SF_AUTOUPDATE_DISABLE", "true", TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_COLOR", "1", TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                          &error);
  if (process == NULL)
    {
      g_task_return_new_error (task, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI,
                               _("Could not run the Salesforce CLI (%s): %s"), self->program,
                               error->message);
      g_clear_error (&error);
      return;
    }

  g_subprocess_communicate_async (process, NULL, cancellable, communicate_done,
                                  g_steal_pointer (&task));
}

static char *
run_sf_finish (GAsyncResult  *result,
               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *json = run_sf_finish (result, &error);
  GPtrArray *orgs;

  if (json == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  orgs = freight_sf_cli_parse_org_list (json, -1, &error);
  wipe_free (json);
  if (orgs != NULL)
    g_task_return_pointer (task, orgs, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * freight_sf_cli_list_orgs_async:
 * @self: an importer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when `sf org list` answered
 * @user_data: data for @callback
 *
 * Lists the orgs the Salesforce CLI is signed in to.
 */
void
freight_sf_cli_list_orgs_async (FreightSfCli        *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  static const char * const args[] = { "org", "list", NULL };
  GTask *task;

  g_return_if_fail (FREIGHT_IS_SF_CLI (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_sf_cli_list_orgs_async);
  run_sf_async (self, args, cancellable, list_done, task);
}

/**
 * freight_sf_cli_list_orgs_finish:
 * @self: an importer
 * @result: the result given to the callback
 * @error: return location for a FREIGHT_AUTH_ERROR_SF_CLI
 *
 * Returns: (transfer full) (element-type FreightOrg): see freight_sf_cli_parse_org_list()
 */
GPtrArray *
freight_sf_cli_list_orgs_finish (FreightSfCli  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_sf_cli_list_orgs_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char *target;
  char *display;
  char *auth_url;
} Import;

static void
import_free (Import *import)
{
  g_free (import->target);
  wipe_free (import->display);
  wipe_free (import->auth_url);
  g_free (import);
}

static void
import_complete (GTask      *task,
                 const char *access_token_json)
{
  Import *import = g_task_get_task_data (task);
  GError *error = NULL;
  FreightSignIn *sign_in;

  sign_in = freight_sf_cli_parse_sign_in (import->display, import->auth_url, access_token_json,
                                          &error);
  if (sign_in != NULL)
    g_task_return_pointer (task, sign_in, g_object_unref);
  else
    {
      g_prefix_error (&error, _("Could not import %s from the Salesforce CLI: "),
                      import->target);
      g_task_return_error (task, error);
    }
}

static void
access_token_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *json = run_sf_finish (result, &error);

  if (json == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  import_complete (task, json);
  wipe_free (json);
}

static void
auth_url_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *args[] = { "org", "auth", "show-access-token", "--target-org", import->target,
                         NULL };

  /* Only orgs signed in through the browser have one; the others have an access token. */
  import->auth_url = run_sf_finish (result, &error);
  if (import->auth_url != NULL && parse_result (import->auth_url, -1, parser, NULL) != NULL)
    {
      import_complete (task, NULL);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  run_sf_async (FREIGHT_SF_CLI (g_task_get_source_object (task)), args,
                g_task_get_cancellable (task), access_token_done, g_object_ref (task));
}

static void
display_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GError *error = NULL;
  JsonObject *display;
  const char *args[] = { "org", "auth", "show-sfdx-auth-url", "--target-org", import->target,
                         NULL };

  import->display = run_sf_finish (result, &error);
  if (import->display == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  display = parse_result (import->display, -1, parser, &error);
  if (display == NULL)
    {
      g_prefix_error (&error, _("Could not import %s from the Salesforce CLI: "),
                      import->target);
      g_task_return_error (task, error);
      return;
    }

  /* An older CLI shows the secrets right here. */
  if (is_secret (member (display, "sfdxAuthUrl"))
      || is_secret (member (display, "accessToken")))
    {
      import_complete (task, NULL);
      return;
    }

  run_sf_async (FREIGHT_SF_CLI (source), args, g_task_get_cancellable (task), auth_url_done,
                g_object_ref (task));
}

/**
 * freight_sf_cli_import_async:
 * @self: an importer
 * @target_org: the CLI's alias or username of the org
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the CLI told the org's sign-in
 * @user_data: data for @callback
 *
 * Reads one org's sign-in from the Salesforce CLI (`sf org display`, then `sf org auth
 * show-sfdx-auth-url` or `show-access-token`). Run the resulting FreightSignIn (with a
 * store, to save the org) to check and keep it.
 */
void
freight_sf_cli_import_async (FreightSfCli        *self,
                             const char          *target_org,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Import *import;
  GTask *task;
  const char *args[] = { "org", "display", "--target-org", target_org, "--verbose", NULL };

  g_return_if_fail (FREIGHT_IS_SF_CLI (self));
  g_return_if_fail (target_org != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_sf_cli_import_async);
  import = g_new0 (Import, 1);
  import->target = g_strdup (target_org);
  g_task_set_task_data (task, import, (GDestroyNotify) import_free);
  run_sf_async (self, args, cancellable, display_done, task);
}

/**
 * freight_sf_cli_import_finish:
 * @self: an importer
 * @result: the result given to the callback
 * @error: return location for a FREIGHT_AUTH_ERROR_SF_CLI
 *
 * Returns: (transfer full): the sign-in to run, see freight_sf_cli_parse_sign_in()
 */
FreightSignIn *
freight_sf_cli_import_finish (FreightSfCli  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_sf_cli_import_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
