/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "freight.h"

/* Parses the input as a java.util.Properties file and as a load and an extract .sdl
 * mapping. Whatever parses must save to ASCII that parses back to the same thing and
 * saves to the same bytes; whatever does not must fail with a Freight error. */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define CHECK(cond) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        g_printerr ("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_ascii (GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; i < len; i++)
    CHECK (data[i] < 0x80 && data[i] != 0);
}

static void
check_error (GError *error,
             GQuark  domain)
{
  CHECK (error != NULL);
  CHECK (error->domain == domain);
  CHECK (g_utf8_validate (error->message, -1, NULL));
}

static void
fuzz_properties (GBytes *bytes)
{
  g_autoptr(FreightProperties) properties = NULL;
  g_autoptr(FreightProperties) reread = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  properties = freight_properties_new_from_bytes (bytes, "fuzz.properties", &error);
  if (properties == NULL)
    {
      check_error (error, FREIGHT_PROPERTIES_ERROR);
      return;
    }

  saved = freight_properties_to_bytes (properties, "fuzz");
  check_ascii (saved);
  reread = freight_properties_new_from_bytes (saved, "saved.properties", &error);
  CHECK (error == NULL && reread != NULL);

  n = freight_properties_get_n_items (properties);
  CHECK (freight_properties_get_n_items (reread) == n);
  for (guint i = 0; i < n; i++)
    {
      CHECK (g_str_equal (freight_properties_get_key (properties, i),
                          freight_properties_get_key (reread, i)));
      CHECK (g_str_equal (freight_properties_get_value (properties, i),
                          freight_properties_get_value (reread, i)));
      CHECK (freight_properties_get_line (reread, i) == i + 2);
    }
}

static void
fuzz_mapping (GBytes              *bytes,
              FreightSdlDirection  direction)
{
  g_autoptr(FreightSdlMapping) mapping = NULL;
  g_autoptr(FreightSdlMapping) reread = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(GError) error = NULL;

  mapping = freight_sdl_mapping_new_from_bytes (bytes, "fuzz.sdl", direction, &error);
  if (mapping == NULL)
    {
      check_error (error, FREIGHT_SDL_ERROR);
      return;
    }

  for (guint i = 0; i < freight_sdl_mapping_get_n_entries (mapping); i++)
    {
      FreightSdlEntry *entry = freight_sdl_mapping_get_entry (mapping, i);
      const char * const *columns = freight_sdl_entry_get_columns (entry);
      guint position = G_MAXUINT;

      CHECK (freight_sdl_entry_get_line (entry) > 0);
      for (guint j = 0; columns[j] != NULL; j++)
        {
          CHECK (freight_sdl_mapping_lookup_column (mapping, columns[j], &position) == entry);
          CHECK (position == i);
        }
    }

  saved = freight_sdl_mapping_to_bytes (mapping);
  check_ascii (saved);
  reread = freight_sdl_mapping_new_from_bytes (saved, "saved.sdl", direction, &error);
  CHECK (error == NULL && reread != NULL);
  CHECK (freight_sdl_mapping_equal (mapping, reread));

  saved_again = freight_sdl_mapping_to_bytes (reread);
  CHECK (g_bytes_equal (saved, saved_again));

  /* Emptying the mapping entry by entry keeps its lookups consistent. */
  while (freight_sdl_mapping_get_n_entries (reread) > 0)
    {
      g_autoptr(FreightSdlEntry) entry = NULL;
      const char * const *columns;

      entry = freight_sdl_entry_ref (freight_sdl_mapping_get_entry (reread, 0));
      columns = freight_sdl_entry_get_columns (entry);
      freight_sdl_mapping_remove (reread, 0);
      for (guint j = 0; columns[j] != NULL; j++)
        CHECK (freight_sdl_mapping_lookup_column (reread, columns[j], NULL) == NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  fuzz_properties (bytes);
  fuzz_mapping (bytes, FREIGHT_SDL_DIRECTION_LOAD);
  fuzz_mapping (bytes, FREIGHT_SDL_DIRECTION_EXTRACT);

  return 0;
}
