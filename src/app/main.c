/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "freight-application.h"
#include "freight-load.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FreightApplication) app = NULL;

  freight_load_tune_allocator ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Freight"));

  app = freight_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
