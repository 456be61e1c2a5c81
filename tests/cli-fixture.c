/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>

#include "cli-fixture.h"
#include "http-fixture.h"

/**
 * cli_fixture_start:
 * @own_xdg: give freight-cli private XDG config and data folders (not under
 *   keyring-session.sh, which makes its own)
 */
void
cli_fixture_start (CliFixture         *f,
                   const char * const *org_args,
                   gboolean            own_xdg)
{
  bulk_fixture_start (&f->b, org_args);
  f->own_xdg = own_xdg;
  if (own_xdg)
    {
      f->data_dir = g_build_filename (f->b.tmpdir, "data", NULL);
      f->config_dir = g_build_filename (f->b.tmpdir, "config", NULL);
      g_mkdir_with_parents (f->data_dir, 0700);
      g_mkdir_with_parents (f->config_dir, 0700);
    }
}

void
cli_fixture_stop (CliFixture *f)
{
  bulk_fixture_stop (&f->b);
  g_clear_pointer (&f->data_dir, g_free);
  g_clear_pointer (&f->config_dir, g_free);
}

GSubprocessLauncher *
cli_fixture_launcher (CliFixture       *f,
                      GSubprocessFlags  flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  if (f->debug)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  if (f->own_xdg)
    {
      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->data_dir, TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", f->config_dir, TRUE);
    }
  if (f->no_env_org)
    {
      g_subprocess_launcher_unsetenv (launcher, "FREIGHT_INSTANCE_URL");
      g_subprocess_launcher_unsetenv (launcher, "FREIGHT_ACCESS_TOKEN");
    }
  else
    {
      g_subprocess_launcher_setenv (launcher, "FREIGHT_INSTANCE_URL",
                                    lo_harness_get_url (f->b.org), TRUE);
      g_subprocess_launcher_setenv (launcher, "FREIGHT_ACCESS_TOKEN",
                                    lo_harness_get_access_token (f->b.org), TRUE);
    }
  return launcher;
}

CliResult *
cli_runv (CliFixture         *f,
          const char         *input,
          const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  const char *binary = g_getenv ("FREIGHT_CLI");

  g_assert_nonnull (binary);
  launcher = cli_fixture_launcher (f, G_SUBPROCESS_FLAGS_STDIN_PIPE
                                      | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                      | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &result->out,
                                 &result->err, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  return result;
}

/* Runs freight-cli with the arguments up to NULL, @input on its standard input. */
CliResult *
cli_run (CliFixture *f,
         const char *input,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return cli_runv (f, input, (const char * const *) args->pdata);
}

JsonNode *
cli_result_json (CliResult *result)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, result->out, -1, &error);
  if (error != NULL)
    g_error ("not JSON (%s): %s", error->message, result->out);
  return json_node_ref (json_parser_get_root (parser));
}

void
cli_result_free (CliResult *result)
{
  if (result == NULL)
    return;
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}
