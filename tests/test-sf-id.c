/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "freight.h"

static void
test_sf_id_to_18 (void)
{
  char out[19];

  /* Pairs from Salesforce documentation and real orgs. */
  g_assert_true (freight_sf_id_to_18 ("001A0000006Vm9r", -1, out));
  g_assert_cmpstr (out, ==, "001A0000006Vm9rIAC");
  g_assert_true (freight_sf_id_to_18 ("7503h00000CV7Gp", -1, out));
  g_assert_cmpstr (out, ==, "7503h00000CV7GpAAL");
  g_assert_true (freight_sf_id_to_18 ("0013h00000Ffg18", -1, out));
  g_assert_cmpstr (out, ==, "0013h00000Ffg18AAB");
  /* An 18-character id maps to itself. */
  g_assert_true (freight_sf_id_to_18 ("0013h00000Ffg18AAB", -1, out));
  g_assert_cmpstr (out, ==, "0013h00000Ffg18AAB");
}

static void
test_sf_id_validity (void)
{
  g_assert_true (freight_sf_id_is_valid ("0013h00000Ffg18", -1));
  g_assert_true (freight_sf_id_is_valid ("0013h00000Ffg18AAB", -1));
  g_assert_true (freight_sf_id_is_valid ("0013h00000Ffg18aab", -1));
  g_assert_false (freight_sf_id_is_valid ("0013h00000Ffg18AAC", -1));
  g_assert_false (freight_sf_id_is_valid ("0013h00000Ffg1", -1));
  g_assert_false (freight_sf_id_is_valid ("0013h00000Ffg18A", -1));
  g_assert_false (freight_sf_id_is_valid ("0013h00000Ffg-8", -1));
  g_assert_false (freight_sf_id_is_valid ("", -1));
  g_assert_true (freight_sf_id_is_valid ("0013h00000Ffg18AABxyz", 15));
}

static void
test_sf_id_equal (void)
{
  g_assert_true (freight_sf_id_equal ("0013h00000Ffg18", "0013h00000Ffg18AAB"));
  g_assert_false (freight_sf_id_equal ("0013h00000FFg18", "0013h00000Ffg18AAB"));
  g_assert_false (freight_sf_id_equal ("bogus", "bogus"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/freight/sf-id/to-18", test_sf_id_to_18);
  g_test_add_func ("/freight/sf-id/validity", test_sf_id_validity);
  g_test_add_func ("/freight/sf-id/equal", test_sf_id_equal);
  return g_test_run ();
}
