/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "lo-schema.h"

G_BEGIN_DECLS

#define LO_STORE_ERROR (lo_store_error_quark ())

typedef enum
{
  LO_STORE_ERROR_SQL,
} LoStoreError;

#define LO_TYPE_STORE (lo_store_get_type ())

G_DECLARE_FINAL_TYPE (LoStore, lo_store, LO, STORE, GObject)

/* One connection to the org's SQLite database. Every thread that touches records opens
 * its own LoStore on the same file (WAL lets readers run beside the one writer). */

GQuark         lo_store_error_quark      (void);
LoStore       *lo_store_open             (const char  *path,
                                          LoSchema    *schema,
                                          GError     **error);
sqlite3       *lo_store_get_db           (LoStore     *self);
LoSchema      *lo_store_get_schema       (LoStore     *self);
gboolean       lo_store_exec             (LoStore     *self,
                                          const char  *sql,
                                          GError     **error);
sqlite3_stmt  *lo_store_prepare          (LoStore     *self,
                                          const char  *sql,
                                          GError     **error);
gboolean       lo_store_set_error        (LoStore     *self,
                                          GError     **error);
void           lo_store_next_id          (LoStore     *self,
                                          const char  *key_prefix,
                                          char         out[19]);
gint64         lo_store_next_sequence    (LoStore     *self,
                                          const char  *name);
gint64         lo_store_reserve_sequence (LoStore     *self,
                                          const char  *name,
                                          gint64       count);
void           lo_store_format_id        (const char  *key_prefix,
                                          gint64       n,
                                          char         out[19]);
gboolean       lo_store_save_sequences   (LoStore     *self,
                                          GError     **error);
char          *lo_store_quote_ident      (const char  *name);
gboolean       lo_store_ensure_index     (LoStore     *self,
                                          LoObject    *object,
                                          LoField     *field,
                                          GError     **error);

G_END_DECLS
