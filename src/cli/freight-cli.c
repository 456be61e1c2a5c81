/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "freight.h"
#include "freight-cli-load.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2 && strcmp (argv[1], "load") == 0)
    return freight_cli_load (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "resume") == 0)
    return freight_cli_resume (argc - 1, argv + 1);
  if (argc == 2 && (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0))
    {
      printf ("freight-cli %s\n", freight_get_version ());
      return 0;
    }

  fprintf (stderr, _("Usage: %s --version\n"), argv[0]);
  return 2;
}
