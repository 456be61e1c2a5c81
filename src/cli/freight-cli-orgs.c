/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <stdio.h>

#include "freight-cli-private.h"

/* freight-cli orgs list|default|remove: the saved orgs. */

static gboolean
is_default (FreightOrgStore *store,
            FreightOrg      *org)
{
  FreightOrg *default_org = freight_org_store_get_default (store);

  return default_org != NULL
         && g_str_equal (freight_org_get_alias (default_org), freight_org_get_alias (org));
}

static int
run_list (FreightCli  *cli,
          int          argc,
          char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  FreightOrgStore *store;
  GListModel *orgs;
  int status;

  context = freight_cli_option_context (cli, _("orgs list"),
                                        _("Lists the saved orgs; * marks the default."),
                                        _("Example:\n  freight-cli orgs list --json"), NULL);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  if (argc > 1)
    return freight_cli_usage (cli, "orgs list", _("Unexpected argument “%s”."), argv[1]);

  store = freight_cli_get_store (cli, &error);
  if (store == NULL)
    return freight_cli_fail (cli, error);
  orgs = G_LIST_MODEL (store);

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
        {
          g_autoptr(FreightOrg) org = g_list_model_get_item (orgs, i);
          JsonObject *object = freight_org_to_json (org);

          json_object_set_boolean_member (object, "default", is_default (store, org));
          json_object_set_boolean_member (object, "production",
                                          freight_org_get_is_production (org));
          json_array_add_object_element (array, object);
        }
      node = json_node_init_array (json_node_alloc (), array);
      freight_cli_print_json (cli, node);
      return FREIGHT_CLI_EXIT_OK;
    }

  if (g_list_model_get_n_items (orgs) == 0)
    {
      printf ("%s\n", _("No org is saved. Sign in with “freight-cli login web” (or jwt, "
                        "password, token, sf)."));
      return FREIGHT_CLI_EXIT_OK;
    }
  printf ("   %-20s  %-32s  %-18s  %-10s  %s\n", _("ALIAS"), _("USERNAME"), _("SIGN-IN"),
          _("KIND"), _("INSTANCE URL"));
  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(FreightOrg) org = g_list_model_get_item (orgs, i);
      const char *kind;

      /* Production orgs stand out: loads there change live data. */
      if (freight_org_get_is_production (org))
        kind = _("PRODUCTION");
      else if (freight_org_get_is_sandbox (org))
        kind = _("sandbox");
      else
        kind = _("local");

      printf (" %s %-20s  %-32s  %-18s  %-10s  %s\n", is_default (store, org) ? "*" : " ",
              freight_org_get_alias (org),
              freight_org_get_username (org) != NULL ? freight_org_get_username (org) : "",
              freight_auth_method_to_string (freight_org_get_auth_method (org)), kind,
              freight_org_get_instance_url (org) != NULL ? freight_org_get_instance_url (org)
                                                         : "");
    }
  return FREIGHT_CLI_EXIT_OK;
}

static int
run_default (FreightCli  *cli,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  FreightOrgStore *store;
  FreightOrg *org;
  int status;

  context = freight_cli_option_context (
    cli, _("orgs default [ALIAS]"),
    _("Shows the default org, the one used when no org is named, or makes ALIAS the "
      "default."),
    _("Examples:\n  freight-cli orgs default\n  freight-cli orgs default sandbox"), NULL);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  if (argc > 2)
    return freight_cli_usage (cli, "orgs default", _("Unexpected argument “%s”."), argv[2]);

  store = freight_cli_get_store (cli, &error);
  if (store == NULL)
    return freight_cli_fail (cli, error);
  if (argc == 2 && !freight_org_store_set_default (store, argv[1], cli->cancellable, &error))
    return freight_cli_fail (cli, error);

  org = freight_org_store_get_default (store);
  if (org == NULL)
    {
      g_set_error_literal (&error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_NOT_FOUND,
                           _("No org is saved. Sign in with “freight-cli login web” (or jwt, "
                             "password, token, sf)."));
      return freight_cli_fail (cli, error);
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) object = freight_org_to_json (org);

      json_object_set_boolean_member (object, "default", TRUE);
      freight_cli_print_json_object (cli, object);
    }
  else
    printf ("%s\n", freight_org_get_alias (org));
  return FREIGHT_CLI_EXIT_OK;
}

static int
run_remove (FreightCli  *cli,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) removed = json_array_new ();
  FreightOrgStore *store;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Forget the org even when it cannot be reached to revoke its session"), NULL },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (
    cli, _("orgs remove ALIAS…"),
    _("Signs out of saved orgs: revokes their sessions at the org (the refresh token, "
      "which ends its access tokens too), then forgets their secrets in the keyring and "
      "their entries in the config folder. When the org cannot be reached, nothing is "
      "forgotten unless --force is given."),
    _("Examples:\n  freight-cli orgs remove old-sandbox\n"
      "  freight-cli orgs remove --force gone-scratch-org"),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  if (argc < 2)
    return freight_cli_usage (cli, "orgs remove", _("Give the alias of the org to remove."));

  store = freight_cli_get_store (cli, &error);
  if (store == NULL)
    return freight_cli_fail (cli, error);

  for (int i = 1; i < argc; i++)
    {
      if (!freight_org_store_sign_out (store, argv[i],
                                       force ? FREIGHT_SIGN_OUT_FORCE : FREIGHT_SIGN_OUT_NONE,
                                       cli->cancellable, &error))
        {
          if (!force && error->domain == FREIGHT_HTTP_ERROR)
            g_prefix_error (&error, _("“%s” is still saved. "), argv[i]);
          status = freight_cli_fail (cli, error);
          if (!force && error->domain == FREIGHT_HTTP_ERROR)
            fprintf (stderr, "freight-cli: %s\n",
                     _("To forget it anyway, run “freight-cli orgs remove --force”."));
          return status;
        }
      json_array_add_string_element (removed, argv[i]);
      if (!cli->json)
        printf (_("Signed out of “%s” and removed it.\n"), argv[i]);
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "status", "removed");
      json_object_set_array_member (object, "aliases", g_steal_pointer (&removed));
      freight_cli_print_json_object (cli, object);
    }
  return FREIGHT_CLI_EXIT_OK;
}

static const FreightCliSubcommand subcommands[] = {
  { "list", N_("List the saved orgs"), run_list },
  { "default", N_("Show or set the default org"), run_default },
  { "remove", N_("Sign out of saved orgs and forget them"), run_remove },
  { NULL, NULL, NULL }
};

static int
run_orgs (FreightCli  *cli,
          int          argc,
          char       **argv)
{
  return freight_cli_run_subcommand (cli, "orgs",
                                     _("Examples:\n"
                                       "  freight-cli orgs list\n"
                                       "  freight-cli orgs default prod\n"
                                       "  freight-cli orgs remove old-sandbox"),
                                     subcommands, argc, argv);
}

const FreightCliCommand freight_cli_orgs_command = {
  "orgs",
  N_("List the saved orgs, choose the default, sign out of one"),
  run_orgs,
};
