/**
 * The stores in PostgreSQL (`DATABASE_URL=postgres://…`, driver `pg`): saved items, simulations and their events,
 * shared by every replica and worker. Same contracts as the SQLite stores (store.ts, simulation-store.ts) and the
 * same store tests (test/stores/).
 *
 * Migrations: versioned, in the `zeroplan_migrations` table, each applied once inside a transaction under an
 * advisory lock (so replicas starting together do not race). Never edit a shipped migration: append one.
 * JSON documents are `json`, not `jsonb`, so they come back exactly as written (jsonb reorders keys).
 * `schema` (tests: one per run) selects a PostgreSQL schema through `search_path`.
 */
import pg from 'pg';
import type { SavedItemKind, SavedItemsStore, SavedRecord } from '../schema/context.js';
import type { SimulationEventRecord, SimulationRecord, SimulationRequest, SimulationStatus } from '../services/contracts.js';
import type { SimulationSummary } from '../simulation/engine.js';
import {
  newSimulationId,
  TERMINAL_EVENT_TYPES,
  TERMINAL_STATUSES,
  type NewSimulationEvent,
  type SimulationStore,
} from './simulation-store.js';
import { newId } from './store.js';
import { CAMPAIGN_PG_SQL } from './campaign-store.js';

export interface PgMigration {
  id: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    id: 'pg_0001_saved_items',
    sql: `
      CREATE TABLE saved_items (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('MODEL', 'CLUSTER', 'PLAN')),
        name TEXT NOT NULL,
        data JSON NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        owner_key_id TEXT,
        seq BIGSERIAL NOT NULL
      );
      CREATE INDEX saved_items_kind_seq ON saved_items (kind, seq);`,
  },
  {
    id: 'pg_0002_simulations',
    sql: `
      CREATE TABLE simulations (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED', 'INTERRUPTED')),
        request JSON NOT NULL,
        summary JSON,
        error TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0,
        rerun_of TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        ord BIGSERIAL NOT NULL
      );
      CREATE INDEX simulations_ord ON simulations (ord);
      CREATE TABLE simulation_events (
        simulation_id TEXT NOT NULL REFERENCES simulations (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        simulated_seconds DOUBLE PRECISION NOT NULL,
        data JSON NOT NULL,
        PRIMARY KEY (simulation_id, seq)
      );`,
  },
  { id: 'pg_0003_campaigns', sql: CAMPAIGN_PG_SQL },
  {
    // The API key id that started a run or campaign (auth.ts); existing rows stay, with no owner (admin-only to cancel).
    id: 'pg_0004_run_owners',
    sql: `
      ALTER TABLE simulations ADD COLUMN owner_key_id TEXT;
      ALTER TABLE campaigns ADD COLUMN owner_key_id TEXT;`,
  },
];

/** Any stable 64-bit number: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_301_713_013;

export interface PgOptions {
  /** PostgreSQL schema to use (created if missing); default `public`. */
  schema?: string;
  /** Pool size per process (default 10). */
  max?: number;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A pool whose connections use `schema`. */
export function createPgPool(url: string, options: PgOptions = {}): pg.Pool {
  // The schema is a connection option (`-c search_path=…`), set before the first query of every connection.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema).replaceAll(' ', '\\ ')}` } : {}),
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return pool;
}

/** Applies pending migrations; resolves to the ids it ran. */
export async function migratePg(pool: pg.Pool, options: PgOptions = {}, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<string[]> {
  const client = await pool.connect();
  try {
    if (options.schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`);
      await client.query(`SET search_path TO ${quoteIdent(options.schema)}`);
    }
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS zeroplan_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      const applied = new Set((await client.query<{ id: string }>('SELECT id FROM zeroplan_migrations')).rows.map((r) => r.id));
      const ran: string[] = [];
      for (const m of migrations) {
        if (applied.has(m.id)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO zeroplan_migrations (id, applied_at) VALUES ($1, $2)', [m.id, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        ran.push(m.id);
      }
      return ran;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Runs `fn` in one transaction on one client. */
async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

interface SavedRow {
  id: string;
  kind: SavedItemKind;
  name: string;
  data: unknown;
  created_at: string;
  updated_at: string;
  owner_key_id: string | null;
}

function savedRecord<T>(row: SavedRow): SavedRecord<T> {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    data: row.data as T,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ownerKeyId: row.owner_key_id,
  };
}

const SAVED_COLUMNS = 'id, kind, name, data, created_at, updated_at, owner_key_id';

export function createPgSavedItemsStore(pool: pg.Pool): SavedItemsStore {
  return {
    async list<T>(kind: SavedItemKind) {
      const { rows } = await pool.query<SavedRow>(`SELECT ${SAVED_COLUMNS} FROM saved_items WHERE kind = $1 ORDER BY seq`, [kind]);
      return rows.map((row) => savedRecord<T>(row));
    },
    async get<T>(kind: SavedItemKind, id: string) {
      const { rows } = await pool.query<SavedRow>(`SELECT ${SAVED_COLUMNS} FROM saved_items WHERE kind = $1 AND id = $2`, [kind, id]);
      return rows[0] ? savedRecord<T>(rows[0]) : undefined;
    },
    async insert<T>(kind: SavedItemKind, name: string, data: T, ownerKeyId: string | null) {
      const id = newId(kind);
      const now = new Date().toISOString();
      await pool.query(
        'INSERT INTO saved_items (id, kind, name, data, created_at, updated_at, owner_key_id) VALUES ($1, $2, $3, $4, $5, $5, $6)',
        [id, kind, name, JSON.stringify(data), now, ownerKeyId],
      );
      return { id, kind, name, data, createdAt: now, updatedAt: now, ownerKeyId };
    },
    async update<T>(kind: SavedItemKind, id: string, name: string, data: T) {
      const { rows } = await pool.query<SavedRow>(
        `UPDATE saved_items SET name = $3, data = $4, updated_at = $5 WHERE kind = $1 AND id = $2 RETURNING ${SAVED_COLUMNS}`,
        [kind, id, name, JSON.stringify(data), new Date().toISOString()],
      );
      return rows[0] ? savedRecord<T>(rows[0]) : undefined;
    },
    async delete(kind: SavedItemKind, id: string) {
      const result = await pool.query('DELETE FROM saved_items WHERE kind = $1 AND id = $2', [kind, id]);
      return (result.rowCount ?? 0) > 0;
    },
  };
}

interface SimulationRow {
  id: string;
  status: SimulationStatus;
  request: SimulationRequest;
  summary: SimulationSummary | null;
  error: string | null;
  last_seq: number;
  rerun_of: string | null;
  owner_key_id: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

interface EventRow {
  simulation_id: string;
  seq: number;
  type: string;
  simulated_seconds: number;
  data: Record<string, unknown>;
}

function simulationRecord(row: SimulationRow): SimulationRecord {
  return {
    id: row.id,
    status: row.status,
    request: row.request,
    summary: row.summary,
    error: row.error,
    lastSeq: row.last_seq,
    rerunOf: row.rerun_of,
    ownerKeyId: row.owner_key_id,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

function eventRecord(row: EventRow): SimulationEventRecord {
  return { simulationId: row.simulation_id, seq: row.seq, type: row.type, simulatedSeconds: row.simulated_seconds, data: row.data };
}

const SIMULATION_COLUMNS = 'id, status, request, summary, error, last_seq, rerun_of, owner_key_id, created_at, started_at, finished_at';

export function createPgSimulationStore(pool: pg.Pool): SimulationStore {
  const get = async (db: pg.Pool | pg.PoolClient, id: string, lock = false): Promise<SimulationRecord | undefined> => {
    const { rows } = await db.query<SimulationRow>(`SELECT ${SIMULATION_COLUMNS} FROM simulations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? simulationRecord(rows[0]) : undefined;
  };
  const events = async (db: pg.Pool | pg.PoolClient, id: string, after: number, limit: number): Promise<SimulationEventRecord[]> => {
    const { rows } = await db.query<EventRow>(
      'SELECT simulation_id, seq, type, simulated_seconds, data FROM simulation_events WHERE simulation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [id, after, limit],
    );
    return rows.map(eventRecord);
  };
  /** Inserts events with the given seqs (existing ones are kept: retries write the same events) and raises last_seq. */
  const insertEvents = async (client: pg.PoolClient, id: string, records: SimulationEventRecord[]): Promise<SimulationEventRecord[]> => {
    if (records.length === 0) return [];
    const { rows } = await client.query<{ seq: number }>(
      `INSERT INTO simulation_events (simulation_id, seq, type, simulated_seconds, data)
       SELECT $1, seq, type, simulated_seconds, data::json
       FROM UNNEST($2::int[], $3::text[], $4::float8[], $5::text[]) AS e (seq, type, simulated_seconds, data)
       ON CONFLICT (simulation_id, seq) DO NOTHING RETURNING seq`,
      [id, records.map((r) => r.seq), records.map((r) => r.type), records.map((r) => r.simulatedSeconds), records.map((r) => JSON.stringify(r.data))],
    );
    const max = Math.max(...records.map((r) => r.seq));
    await client.query('UPDATE simulations SET last_seq = GREATEST(last_seq, $2) WHERE id = $1', [id, max]);
    const inserted = new Set(rows.map((r) => r.seq));
    return records.filter((r) => inserted.has(r.seq));
  };
  const numbered = (id: string, from: number, list: readonly NewSimulationEvent[]): SimulationEventRecord[] =>
    list.map((e, i) => ({ simulationId: id, seq: from + i + 1, type: e.type, simulatedSeconds: e.simulatedSeconds, data: e.data as Record<string, unknown> }));

  const store: SimulationStore = {
    async create(request, rerunOf = null, ownerKeyId = null) {
      const id = newSimulationId();
      const { rows } = await pool.query<SimulationRow>(
        `INSERT INTO simulations (id, status, request, last_seq, rerun_of, owner_key_id, created_at) VALUES ($1, 'QUEUED', $2, 0, $3, $4, $5)
         RETURNING ${SIMULATION_COLUMNS}`,
        [id, JSON.stringify(request), rerunOf, ownerKeyId, new Date().toISOString()],
      );
      return simulationRecord(rows[0]!);
    },
    get: (id) => get(pool, id),
    async list(limit = 100) {
      const { rows } = await pool.query<SimulationRow>(`SELECT ${SIMULATION_COLUMNS} FROM simulations ORDER BY ord DESC LIMIT $1`, [limit]);
      return rows.map(simulationRecord);
    },
    async setStatus(id, status, extra = {}) {
      const now = new Date().toISOString();
      await pool.query(
        `UPDATE simulations SET status = $2,
           summary = COALESCE($3::json, summary), error = COALESCE($4, error),
           started_at = CASE WHEN $2 = 'RUNNING' THEN $5 ELSE started_at END,
           finished_at = CASE WHEN $6 THEN $5 ELSE finished_at END
         WHERE id = $1 AND status NOT IN ('COMPLETED', 'CANCELLED', 'FAILED', 'INTERRUPTED')`,
        [id, status, extra.summary ? JSON.stringify(extra.summary) : null, extra.error ?? null, now, TERMINAL_STATUSES.has(status)],
      );
      return get(pool, id);
    },
    appendEvents(id, list) {
      if (list.length === 0) return Promise.resolve([]);
      return transaction(pool, async (client) => {
        const rec = await get(client, id, true);
        if (!rec) throw new Error(`unknown simulation ${id}`);
        return insertEvents(client, id, numbered(id, rec.lastSeq, list));
      });
    },
    writeEvents(id, list) {
      if (list.length === 0) return Promise.resolve({ written: [], stopped: false });
      return transaction(pool, async (client) => {
        const rec = await get(client, id, true);
        if (!rec || TERMINAL_STATUSES.has(rec.status)) return { written: [], stopped: true };
        return { written: await insertEvents(client, id, [...list]), stopped: false };
      });
    },
    terminate(id, status, extra, event) {
      return transaction(pool, async (client) => {
        const rec = await get(client, id, true);
        if (!rec || TERMINAL_STATUSES.has(rec.status)) return undefined;
        const last = (await events(client, id, rec.lastSeq - 1, 1))[0];
        if (last && TERMINAL_EVENT_TYPES.has(last.type)) return undefined;
        await client.query(
          'UPDATE simulations SET status = $2, error = COALESCE($3, error), finished_at = $4 WHERE id = $1',
          [id, status, extra.error ?? null, new Date().toISOString()],
        );
        const simulatedSeconds = event.simulatedSeconds ?? last?.simulatedSeconds ?? 0;
        return (await insertEvents(client, id, numbered(id, rec.lastSeq, [{ ...event, simulatedSeconds }])))[0];
      });
    },
    events: (id, after, limit) => events(pool, id, after, limit),
    async interruptUnfinished(reason) {
      const { rows } = await pool.query<{ id: string }>(`SELECT id FROM simulations WHERE status IN ('QUEUED', 'RUNNING')`);
      for (const { id } of rows) {
        await transaction(pool, async (client) => {
          const rec = await get(client, id, true);
          if (!rec || TERMINAL_STATUSES.has(rec.status)) return;
          const last = (await events(client, id, rec.lastSeq - 1, 1))[0];
          await client.query(
            `UPDATE simulations SET status = 'INTERRUPTED', error = $2, finished_at = $3 WHERE id = $1`,
            [id, reason, new Date().toISOString()],
          );
          await insertEvents(client, id, numbered(id, rec.lastSeq, [{ type: 'INTERRUPTED', simulatedSeconds: last?.simulatedSeconds ?? 0, data: { reason } }]));
        });
      }
      return rows.map((r) => r.id);
    },
  };
  return store;
}
