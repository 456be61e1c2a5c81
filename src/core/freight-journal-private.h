/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "freight-journal.h"

G_BEGIN_DECLS

/**
 * FreightJournalMigration:
 * @version: the schema version this step brings the journal to (1, 2, …)
 * @sql: the statements that do it
 *
 * One step of the journal's schema history (freight-journal-schema.c).
 */
typedef struct
{
  int         version;
  const char *sql;
} FreightJournalMigration;

extern const FreightJournalMigration _freight_journal_migrations[];
extern const guint                   _freight_journal_n_migrations;

/* For core modules with tables of their own (added by a migration): the connection,
 * held under the journal's lock until _freight_journal_unlock(). Statements between
 * freight_journal_begin() and _commit() are one transaction. */
sqlite3 *_freight_journal_lock         (FreightJournal  *self);
void     _freight_journal_unlock       (FreightJournal  *self);
sqlite3 *_freight_journal_get_db       (FreightJournal  *self);
void     _freight_journal_set_error    (FreightJournal  *self,
                                        GError         **error,
                                        const char      *what);

G_END_DECLS
