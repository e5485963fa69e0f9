/**
 * The embedded SQLite database (better-sqlite3): opened in WAL mode, its directory created on first start, and
 * brought up to date by migrations recorded in the `migrations` table.
 *
 * Adding a migration (any area): append `{ id, up }` to a list and pass it in `createApp({ modules: [{ migrations }] })`
 * (or add it to CORE_MIGRATIONS below for the API's own tables). Ids are unique strings, prefixed by area
 * (`api_0002_…`, `sim_0001_…`); each runs once, inside a transaction, in the order given. Never edit a migration
 * that has shipped — add a new one.
 */
import { existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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

/** A DATABASE_PATH that cannot serve: `message` is one line naming DATABASE_PATH, the fault and what to do. */
export class DatabaseStartupError extends Error {
  override name = 'DatabaseStartupError';
}

const PSEUDO_FILESYSTEMS = /^\/(proc|sys|dev)(\/|$)/;

/** The path with symbolic links of its existing part resolved (so a link into /proc is seen as /proc). */
function realPathOf(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  try {
    return join(realpathSync(existing), ...rest);
  } catch {
    return path;
  }
}

/** Refuses, before SQLite sees it, a path that can never hold a database; creates the directory. */
function preparePath(path: string): void {
  const shown = `DATABASE_PATH = ${JSON.stringify(path)}`;
  const real = realPathOf(path);
  if (PSEUDO_FILESYSTEMS.test(real)) {
    throw new DatabaseStartupError(`${shown} is on a kernel pseudo-filesystem (${real.split('/').slice(0, 2).join('/')}): set DATABASE_PATH to a file on a normal disk, e.g. ./data/zeroplan.db`);
  }
  let stats: ReturnType<typeof statSync> | undefined;
  try {
    stats = statSync(path);
  } catch {
    stats = undefined;
  }
  if (stats?.isDirectory()) {
    throw new DatabaseStartupError(`${shown} is a directory: set DATABASE_PATH to a file, e.g. ${join(path, 'zeroplan.db')}`);
  }
  if (stats && !stats.isFile()) {
    throw new DatabaseStartupError(`${shown} is not a regular file: set DATABASE_PATH to a file on a normal disk, e.g. ./data/zeroplan.db`);
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new DatabaseStartupError(`${shown}: its directory cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'}): create ${dirname(path)} or choose a writable location`);
  }
}

/** One line for an SQLite or file-system error met while opening or migrating. */
function describeOpenError(path: string, error: unknown): string {
  const shown = `DATABASE_PATH = ${JSON.stringify(path)}`;
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_NOTADB') return `${shown} is not an SQLite database: move the file away or set DATABASE_PATH to another file (a new one is created empty)`;
  if (code.startsWith('SQLITE_CORRUPT')) return `${shown} is damaged (truncated or corrupt): restore it from a backup, or move it away to start with an empty database`;
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return `${shown} cannot be written (${code}): give this user write access to the file and its directory, or choose another DATABASE_PATH`;
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return `${shown} cannot be opened (${code}): check that its directory exists and is writable by this user`;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return `${shown}: the disk is full: free space or choose another DATABASE_PATH`;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY')) return `${shown} is locked by another process: stop the other zeroplan using it or choose another DATABASE_PATH`;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `${shown} cannot be used (${code || 'error'}: ${message}): check the file, or choose another DATABASE_PATH`;
}

/**
 * Opens (creating if needed) the database file and applies pending migrations. Any fault of the path or the file
 * is a DatabaseStartupError whose message is one line for the operator (npm start prints it and exits 1).
 */
export function openDatabase(path: string, migrations: readonly Migration[] = CORE_MIGRATIONS): Db {
  if (path !== ':memory:') preparePath(path);
  let db: Db | undefined;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL is durable across application crashes (not power loss) and much faster than FULL.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    runMigrations(db, migrations);
    return db;
  } catch (error) {
    try {
      db?.close();
    } catch {
      // already unusable
    }
    if (path === ':memory:' || !(error as { code?: unknown }).code) throw error;
    throw new DatabaseStartupError(describeOpenError(path, error));
  }
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
