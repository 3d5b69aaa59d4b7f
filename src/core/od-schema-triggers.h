/* od-schema-triggers.h — schema text that both a migration and the code need
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* Migration 4's trigger that indexes a new member for search; bulk inserts (the demo) drop it,
 * index their rows in one statement and create it again. */
#define OD_MEMBERS_FTS_INSERT_TRIGGER \
  "CREATE TRIGGER members_fts_insert AFTER INSERT ON members BEGIN" \
  "  INSERT INTO members_fts (rowid, name, email, scope)" \
  "    VALUES (new.id, new.name, new.email, 'org' || new.organization_id);" \
  "END"
