/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-application"

#include "config.h"

#include <locale.h>

#include "freight-application.h"

/* The command line, handled before any window or display is needed. */

static void
test_version (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FreightApplication) app = freight_application_new ();
      char *argv[] = { (char *) "freight", (char *) "--version", NULL };

      exit (g_application_run (G_APPLICATION (app), 2, argv));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("freight " PACKAGE_VERSION "\n");
  g_test_trap_assert_stderr ("");
}

static void
test_local_org (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FreightApplication) app = freight_application_new ();
      char *argv[] = { (char *) "freight", (char *) "--local-org", (char *) "--version", NULL };
      int status;

      g_assert_false (freight_application_get_local_org (app));
      status = g_application_run (G_APPLICATION (app), 3, argv);
      g_assert_cmpint (status, ==, 0);
      g_assert_true (freight_application_get_local_org (app));
      exit (0);
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_help (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FreightApplication) app = freight_application_new ();
      char *argv[] = { (char *) "freight", (char *) "--help", NULL };

      exit (g_application_run (G_APPLICATION (app), 2, argv));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*--version*Show the version of Freight and exit*");
  g_test_trap_assert_stdout ("*--local-org*Start with the bundled local org*");
}

static void
test_missing_schema (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FreightApplication) app = NULL;
      g_autofree char *empty = g_dir_make_tmp ("freight-no-schema-XXXXXX", NULL);
      char *argv[] = { (char *) "freight", NULL };

      /* A folder without schemas stands for a Freight that was built but not installed. */
      g_assert_nonnull (empty);
      g_setenv ("GSETTINGS_SCHEMA_DIR", empty, TRUE);
      g_setenv ("XDG_DATA_DIRS", empty, TRUE);
      g_setenv ("XDG_DATA_HOME", empty, TRUE);
      app = freight_application_new ();
      exit (g_application_run (G_APPLICATION (app), 1, argv));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*settings schema " APP_ID " is not installed*meson devenv*");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/application/version", test_version);
  g_test_add_func ("/freight/application/local-org", test_local_org);
  g_test_add_func ("/freight/application/help", test_help);
  g_test_add_func ("/freight/application/missing-schema", test_missing_schema);

  return g_test_run ();
}
