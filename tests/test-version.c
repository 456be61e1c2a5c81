/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "freight.h"

static void
test_version_matches_project (void)
{
  g_assert_cmpstr (freight_get_version (), ==, PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (freight_get_user_agent (), "Freight/"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/freight/version/matches-project", test_version_matches_project);
  return g_test_run ();
}
