/** SQLite implementation of the schema's SavedItemsStore (prepared statements, one statement per call). */
import { randomBytes } from 'node:crypto';
import type { SavedItemKind, SavedItemsStore, SavedRecord } from '../schema/context.js';
import type { Db } from './db.js';

const PREFIX: Record<SavedItemKind, string> = { MODEL: 'm_', CLUSTER: 'c_', PLAN: 'p_' };

interface Row {
  id: string;
  kind: SavedItemKind;
  name: string;
  data: string;
  created_at: string;
  updated_at: string;
  owner_key_id: string | null;
}

/** `m_` + 12 lowercase base-32 characters (60 random bits): distinct from preset ids, which never contain `_`. */
export function newId(kind: SavedItemKind): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(12);
  let out = '';
  for (const byte of bytes) out += alphabet[byte & 31];
  return PREFIX[kind] + out;
}

function toRecord<T>(row: Row): SavedRecord<T> {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    data: JSON.parse(row.data) as T,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ownerKeyId: row.owner_key_id,
  };
}

export function createSqliteStore(db: Db): SavedItemsStore {
  const list = db.prepare('SELECT * FROM saved_items WHERE kind = ? ORDER BY seq');
  const get = db.prepare('SELECT * FROM saved_items WHERE kind = ? AND id = ?');
  const insert = db.prepare(
    `INSERT INTO saved_items (id, kind, name, data, created_at, updated_at, owner_key_id, seq)
     VALUES (@id, @kind, @name, @data, @now, @now, @ownerKeyId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM saved_items))`,
  );
  const update = db.prepare('UPDATE saved_items SET name = @name, data = @data, updated_at = @now WHERE kind = @kind AND id = @id');
  const remove = db.prepare('DELETE FROM saved_items WHERE kind = ? AND id = ?');

  // better-sqlite3 is synchronous: each method does its statement at once and returns a settled promise.
  return {
    async list<T>(kind: SavedItemKind) {
      return (list.all(kind) as Row[]).map((row) => toRecord<T>(row));
    },
    async get<T>(kind: SavedItemKind, id: string) {
      const row = get.get(kind, id) as Row | undefined;
      return row ? toRecord<T>(row) : undefined;
    },
    async insert<T>(kind: SavedItemKind, name: string, data: T, ownerKeyId: string | null) {
      const id = newId(kind);
      const now = new Date().toISOString();
      insert.run({ id, kind, name, data: JSON.stringify(data), now, ownerKeyId });
      return { id, kind, name, data, createdAt: now, updatedAt: now, ownerKeyId };
    },
    async update<T>(kind: SavedItemKind, id: string, name: string, data: T) {
      const now = new Date().toISOString();
      const result = update.run({ id, kind, name, data: JSON.stringify(data), now });
      if (result.changes === 0) return undefined;
      const row = get.get(kind, id) as Row | undefined;
      return row ? toRecord<T>(row) : undefined;
    },
    async delete(kind: SavedItemKind, id: string) {
      return remove.run(kind, id).changes > 0;
    },
  };
}
