/**
 * The embedded SQLite database (better-sqlite3): opened in WAL mode, its directory created on first start, and
 * brought up to date by migrations recorded in the `migrations` table.
 *
 * Adding a migration (any area): append `{ id, up }` to a list and pass it in `createApp({ modules: [{ migrations }] })`
 * (or add it to CORE_MIGRATIONS below for the API's own tables). Ids are unique strings, prefixed by area
 * (`api_0002_…`, `sim_0001_…`); each runs once, inside a transaction, in the order given. Never edit a migration
 * that has shipped — add a new one.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface Migration {
  /** Unique, stable id, e.g. `api_0001_saved_items`. */
  id: string;
  up(db: Db): void;
}

export const CORE_MIGRATIONS: readonly Migration[] = [
  {
    id: 'api_0001_saved_items',
    up(db) {
      // One table for the three saved kinds: the kind's document is JSON in `data` (see src/schema/*.ts).
      db.exec(`
        CREATE TABLE saved_items (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('MODEL', 'CLUSTER', 'PLAN')),
          name TEXT NOT NULL,
          data TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          seq INTEGER NOT NULL
        );
        CREATE INDEX saved_items_kind_seq ON saved_items (kind, seq);
      `);
    },
  },
  {
    id: 'api_0002_saved_items_owner',
    up(db) {
      // The API key that created the item (null for items saved without a key).
      db.exec('ALTER TABLE saved_items ADD COLUMN owner_key_id TEXT');
    },
  },
];

/** Opens (creating if needed) the database file and applies pending migrations. */
export function openDatabase(path: string, migrations: readonly Migration[] = CORE_MIGRATIONS): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL is durable across application crashes (not power loss) and much faster than FULL.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  runMigrations(db, migrations);
  return db;
}

export function runMigrations(db: Db, migrations: readonly Migration[]): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const ids = new Set<string>();
  for (const m of migrations) {
    if (ids.has(m.id)) throw new Error(`duplicate migration id ${m.id}`);
    ids.add(m.id);
  }
  const applied = new Set((db.prepare('SELECT id FROM migrations').all() as { id: string }[]).map((r) => r.id));
  const record = db.prepare('INSERT INTO migrations (id, applied_at) VALUES (?, ?)');
  const ran: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      m.up(db);
      record.run(m.id, new Date().toISOString());
    })();
    ran.push(m.id);
  }
  return ran;
}
