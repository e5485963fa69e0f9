/**
 * Simulations and their events in SQLite. Events are appended in batches (one transaction per batch) with a
 * gap-free `seq` per simulation starting at 1; `last_seq` on the simulation row is the high-water mark.
 * On start-up, a simulation left QUEUED or RUNNING by a stopped or crashed server is marked INTERRUPTED and gets a
 * terminal INTERRUPTED event, so it is never silently lost (it can be re-run from its stored request and seed).
 */
import { randomBytes } from 'node:crypto';
import type {
  SimulationEventRecord,
  SimulationRecord,
  SimulationRequest,
  SimulationStatus,
} from '../services/contracts.js';
import type { SimulationSummary } from '../simulation/engine.js';
import type { Db, Migration } from './db.js';

export const SIMULATION_MIGRATIONS: readonly Migration[] = [
  {
    id: 'sim_0001_simulations',
    up(db) {
      db.exec(`
        CREATE TABLE simulations (
          id TEXT PRIMARY KEY,
          status TEXT NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED', 'INTERRUPTED')),
          request TEXT NOT NULL,
          summary TEXT,
          error TEXT,
          last_seq INTEGER NOT NULL DEFAULT 0,
          rerun_of TEXT,
          created_at TEXT NOT NULL,
          started_at TEXT,
          finished_at TEXT,
          ord INTEGER NOT NULL
        );
        CREATE INDEX simulations_ord ON simulations (ord);
        CREATE TABLE simulation_events (
          simulation_id TEXT NOT NULL REFERENCES simulations (id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          type TEXT NOT NULL,
          simulated_seconds REAL NOT NULL,
          data TEXT NOT NULL,
          PRIMARY KEY (simulation_id, seq)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    id: 'sim_0002_simulations_owner',
    up(db) {
      // The API key id that started the run (auth.ts); rows from before stay, with no owner (admin-only to cancel).
      db.exec('ALTER TABLE simulations ADD COLUMN owner_key_id TEXT');
    },
  },
];

/** An event to append (seq is assigned by the store). */
export interface NewSimulationEvent {
  type: string;
  simulatedSeconds: number;
  data: unknown;
}

/**
 * Simulations and their events (SQLite here; PostgreSQL in pg-simulation-store.ts). Asynchronous so that a
 * networked database fits. Callers serialise writes per simulation (simulation-module.ts) so seq stays gap-free.
 */
export interface SimulationStore {
  create(request: SimulationRequest, rerunOf?: string | null, ownerKeyId?: string | null): Promise<SimulationRecord>;
  get(id: string): Promise<SimulationRecord | undefined>;
  list(limit?: number): Promise<SimulationRecord[]>;
  setStatus(
    id: string,
    status: SimulationStatus,
    extra?: { summary?: SimulationSummary; error?: string },
  ): Promise<SimulationRecord | undefined>;
  /**
   * Events numbered by their producer (a worker counts from 1 through the engine's deterministic stream), written
   * idempotently by (simulation id, seq): a retried run writes the same seqs again and they are kept once.
   * Nothing is written once the simulation is terminal (`stopped`). Resolves to the events that were new.
   */
  writeEvents(id: string, events: readonly SimulationEventRecord[]): Promise<{ written: SimulationEventRecord[]; stopped: boolean }>;
  /**
   * Ends a simulation that has not ended: sets `status` (and `error`) and appends the terminal `event` at
   * lastSeq + 1 (its simulatedSeconds defaults to the last event's), atomically. Undefined if it had already ended.
   */
  terminate(
    id: string,
    status: 'CANCELLED' | 'FAILED' | 'INTERRUPTED',
    extra: { error?: string },
    event: Omit<NewSimulationEvent, 'simulatedSeconds'> & { simulatedSeconds?: number },
  ): Promise<SimulationEventRecord | undefined>;
  /** Appends events in one transaction, numbering them after lastSeq; resolves to them with their seq. */
  appendEvents(id: string, events: readonly NewSimulationEvent[]): Promise<SimulationEventRecord[]>;
  /** One page of events: seq > after, at most `limit`, in seq order (replay reads page by page). */
  events(id: string, after: number, limit: number): Promise<SimulationEventRecord[]>;
  /** QUEUED/RUNNING → INTERRUPTED with a terminal event (server start). Resolves to the ids. */
  interruptUnfinished(reason: string): Promise<string[]>;
}

interface SimulationRow {
  id: string;
  status: SimulationStatus;
  request: string;
  summary: string | null;
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
  data: string;
}

/** `s_` + 12 lowercase base-32 characters (60 random bits). */
export function newSimulationId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = 's_';
  for (const byte of randomBytes(12)) out += alphabet[byte & 31];
  return out;
}

function toRecord(row: SimulationRow): SimulationRecord {
  return {
    id: row.id,
    status: row.status,
    request: JSON.parse(row.request) as SimulationRequest,
    summary: row.summary ? (JSON.parse(row.summary) as SimulationSummary) : null,
    error: row.error,
    lastSeq: row.last_seq,
    rerunOf: row.rerun_of,
    ownerKeyId: row.owner_key_id,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

function toEvent(row: EventRow): SimulationEventRecord {
  return {
    simulationId: row.simulation_id,
    seq: row.seq,
    type: row.type,
    simulatedSeconds: row.simulated_seconds,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

export const TERMINAL_STATUSES: ReadonlySet<SimulationStatus> = new Set(['COMPLETED', 'CANCELLED', 'FAILED', 'INTERRUPTED']);
/** Event types that end a simulation's stream (the same names as the terminal statuses). */
export const TERMINAL_EVENT_TYPES: ReadonlySet<string> = TERMINAL_STATUSES;

export function createSimulationStore(db: Db): SimulationStore {
  const insert = db.prepare(
    `INSERT INTO simulations (id, status, request, last_seq, rerun_of, owner_key_id, created_at, ord)
     VALUES (@id, 'QUEUED', @request, 0, @rerunOf, @owner, @now, (SELECT COALESCE(MAX(ord), 0) + 1 FROM simulations))`,
  );
  const get = db.prepare('SELECT * FROM simulations WHERE id = ?');
  const list = db.prepare('SELECT * FROM simulations ORDER BY ord DESC LIMIT ?');
  const setStatus = db.prepare(
    `UPDATE simulations SET status = @status,
       summary = COALESCE(@summary, summary), error = COALESCE(@error, error),
       started_at = CASE WHEN @status = 'RUNNING' THEN @now ELSE started_at END,
       finished_at = CASE WHEN @terminal = 1 THEN @now ELSE finished_at END
     WHERE id = @id AND status NOT IN ('COMPLETED', 'CANCELLED', 'FAILED', 'INTERRUPTED')`,
  );
  const lastSeq = db.prepare('SELECT last_seq FROM simulations WHERE id = ?').pluck();
  const setLastSeq = db.prepare('UPDATE simulations SET last_seq = ? WHERE id = ?');
  const insertEvent = db.prepare(
    'INSERT INTO simulation_events (simulation_id, seq, type, simulated_seconds, data) VALUES (?, ?, ?, ?, ?)',
  );
  const insertEventOnce = db.prepare(
    'INSERT INTO simulation_events (simulation_id, seq, type, simulated_seconds, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const raiseLastSeq = db.prepare('UPDATE simulations SET last_seq = MAX(last_seq, ?) WHERE id = ?');
  const statusOf = db.prepare('SELECT status FROM simulations WHERE id = ?').pluck();
  const selectEvents = db.prepare(
    'SELECT * FROM simulation_events WHERE simulation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const unfinished = db.prepare("SELECT id FROM simulations WHERE status IN ('QUEUED', 'RUNNING')").pluck();

  const append = db.transaction((id: string, events: readonly NewSimulationEvent[]): SimulationEventRecord[] => {
    let seq = lastSeq.get(id) as number | undefined;
    if (seq === undefined) throw new Error(`unknown simulation ${id}`);
    const out: SimulationEventRecord[] = [];
    for (const e of events) {
      seq += 1;
      insertEvent.run(id, seq, e.type, e.simulatedSeconds, JSON.stringify(e.data));
      out.push({ simulationId: id, seq, type: e.type, simulatedSeconds: e.simulatedSeconds, data: e.data as Record<string, unknown> });
    }
    setLastSeq.run(seq, id);
    return out;
  });

  const getRecord = (id: string): SimulationRecord | undefined => {
    const row = get.get(id) as SimulationRow | undefined;
    return row ? toRecord(row) : undefined;
  };
  const updateStatus = (
    id: string,
    status: SimulationStatus,
    extra: { summary?: SimulationSummary; error?: string } = {},
  ): SimulationRecord | undefined => {
    setStatus.run({
      id,
      status,
      summary: extra.summary ? JSON.stringify(extra.summary) : null,
      error: extra.error ?? null,
      terminal: TERMINAL_STATUSES.has(status) ? 1 : 0,
      now: new Date().toISOString(),
    });
    return getRecord(id);
  };
  const readEvents = (id: string, after: number, limit: number): SimulationEventRecord[] =>
    (selectEvents.all(id, after, limit) as EventRow[]).map(toEvent);
  const appendSync = (id: string, events: readonly NewSimulationEvent[]): SimulationEventRecord[] =>
    events.length === 0 ? [] : append(id, events);

  const write = db.transaction((id: string, events: readonly SimulationEventRecord[]) => {
    const status = statusOf.get(id) as SimulationStatus | undefined;
    if (status === undefined || TERMINAL_STATUSES.has(status)) return { written: [], stopped: true };
    const written = events.filter((e) => insertEventOnce.run(id, e.seq, e.type, e.simulatedSeconds, JSON.stringify(e.data)).changes > 0);
    raiseLastSeq.run(Math.max(...events.map((e) => e.seq)), id);
    return { written, stopped: false };
  });
  const terminate = db.transaction(
    (id: string, status: SimulationStatus, error: string | undefined, event: Omit<NewSimulationEvent, 'simulatedSeconds'> & { simulatedSeconds?: number }) => {
      const rec = getRecord(id);
      if (!rec || TERMINAL_STATUSES.has(rec.status)) return undefined;
      const last = readEvents(id, rec.lastSeq - 1, 1)[0];
      if (last && TERMINAL_EVENT_TYPES.has(last.type)) return undefined;
      updateStatus(id, status, error === undefined ? {} : { error });
      return appendSync(id, [{ ...event, simulatedSeconds: event.simulatedSeconds ?? last?.simulatedSeconds ?? 0 }])[0];
    },
  );

  // better-sqlite3 is synchronous: each method does its work at once and returns a settled promise.
  return {
    async create(request, rerunOf = null, ownerKeyId = null) {
      const id = newSimulationId();
      insert.run({ id, request: JSON.stringify(request), rerunOf, owner: ownerKeyId, now: new Date().toISOString() });
      return getRecord(id)!;
    },
    get: async (id) => getRecord(id),
    async list(limit = 100) {
      return (list.all(limit) as SimulationRow[]).map(toRecord);
    },
    setStatus: async (id, status, extra) => updateStatus(id, status, extra),
    appendEvents: async (id, events) => appendSync(id, events),
    writeEvents: async (id, events) => (events.length === 0 ? { written: [], stopped: false } : write(id, events)),
    terminate: async (id, status, extra, event) => terminate(id, status, extra.error, event),
    events: async (id, after, limit) => readEvents(id, after, limit),
    async interruptUnfinished(reason) {
      const ids = unfinished.all() as string[];
      for (const id of ids) {
        db.transaction(() => {
          updateStatus(id, 'INTERRUPTED', { error: reason });
          const last = readEvents(id, (lastSeq.get(id) as number) - 1, 1)[0];
          appendSync(id, [{ type: 'INTERRUPTED', simulatedSeconds: last?.simulatedSeconds ?? 0, data: { reason } }]);
        })();
      }
      return ids;
    },
  };
}
