/**
 * Monte Carlo campaigns (campaigns.ts): many layouts × seeds run as one group of jobs. The store keeps the
 * campaign (its layouts' engine jobs) and one result row per (layout, seed), written idempotently — a retried or
 * re-delivered chunk writes the same rows again and they are kept once — so the aggregates are always computed
 * from exactly one result per seed. SQLite (embedded) and PostgreSQL (shared) implement the same contract.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { CampaignRequest, CampaignStatus } from '../services/contracts.js';
import type { Db, Migration } from './db.js';

export interface CampaignRecord {
  id: string;
  status: CampaignStatus;
  request: CampaignRequest;
  error: string | null;
  /** The API key id that started it (null: without a key, or before owners were kept). */
  ownerKeyId: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** One seed's outcome for one layout. */
export interface SeedResult {
  layout: number;
  seed: number;
  effectiveTrainingTimeRatio: number;
  simulatedSeconds: number;
  costUsd: number;
  finished: boolean;
}

export interface CampaignStore {
  create(request: CampaignRequest, ownerKeyId?: string | null): Promise<CampaignRecord>;
  get(id: string): Promise<CampaignRecord | undefined>;
  /** Writes results (existing (layout, seed) rows are kept); resolves to how many results the campaign now has. */
  writeResults(id: string, results: readonly SeedResult[]): Promise<number>;
  results(id: string): Promise<SeedResult[]>;
  /** RUNNING → `status` (false if it had already ended). */
  finish(id: string, status: Exclude<CampaignStatus, 'RUNNING'>, error?: string): Promise<boolean>;
}

/** The campaign tables in either dialect (the same columns; only the type names differ). */
function campaignTables(types: { json: string; real: string; bool: string; tableSuffix: string }): string {
  return `
    CREATE TABLE campaigns (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED')),
      request ${types.json} NOT NULL,
      error TEXT,
      created_at TEXT NOT NULL,
      finished_at TEXT
    );
    CREATE TABLE campaign_results (
      campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
      layout INTEGER NOT NULL,
      seed INTEGER NOT NULL,
      ettr ${types.real} NOT NULL,
      simulated_seconds ${types.real} NOT NULL,
      cost_usd ${types.real} NOT NULL,
      finished ${types.bool} NOT NULL,
      PRIMARY KEY (campaign_id, layout, seed)
    )${types.tableSuffix};`;
}

export const CAMPAIGN_MIGRATIONS: readonly Migration[] = [
  {
    id: 'campaign_0001_campaigns',
    up(db) {
      db.exec(campaignTables({ json: 'TEXT', real: 'REAL', bool: 'INTEGER', tableSuffix: ' WITHOUT ROWID' }));
    },
  },
  {
    id: 'campaign_0002_campaigns_owner',
    up(db) {
      // The API key id that started it (auth.ts); existing rows stay, with no owner (PostgreSQL: pg_0004).
      db.exec('ALTER TABLE campaigns ADD COLUMN owner_key_id TEXT');
    },
  },
];

/** The same tables in PostgreSQL (migration pg_0003 in pg-stores.ts). */
export const CAMPAIGN_PG_SQL = campaignTables({ json: 'JSON', real: 'DOUBLE PRECISION', bool: 'BOOLEAN', tableSuffix: '' });

/** `g_` + 12 lowercase base-32 characters. */
export function newCampaignId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = 'g_';
  for (const byte of randomBytes(12)) out += alphabet[byte & 31];
  return out;
}

interface CampaignRow {
  id: string;
  status: CampaignStatus;
  request: string | CampaignRequest;
  error: string | null;
  owner_key_id: string | null;
  created_at: string;
  finished_at: string | null;
}

interface ResultRow {
  layout: number;
  seed: number;
  ettr: number;
  simulated_seconds: number;
  cost_usd: number;
  finished: number | boolean;
}

const toCampaign = (row: CampaignRow): CampaignRecord => ({
  id: row.id,
  status: row.status,
  request: typeof row.request === 'string' ? (JSON.parse(row.request) as CampaignRequest) : row.request,
  error: row.error,
  ownerKeyId: row.owner_key_id ?? null,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
});

const toResult = (row: ResultRow): SeedResult => ({
  layout: row.layout,
  seed: row.seed,
  effectiveTrainingTimeRatio: row.ettr,
  simulatedSeconds: row.simulated_seconds,
  costUsd: row.cost_usd,
  finished: Boolean(row.finished),
});

const RESULT_COLUMNS = 'layout, seed, ettr, simulated_seconds, cost_usd, finished';

export function createSqliteCampaignStore(db: Db): CampaignStore {
  const insert = db.prepare("INSERT INTO campaigns (id, status, request, owner_key_id, created_at) VALUES (?, 'RUNNING', ?, ?, ?)");
  const get = db.prepare('SELECT * FROM campaigns WHERE id = ?');
  const insertResult = db.prepare(
    `INSERT INTO campaign_results (campaign_id, ${RESULT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const count = db.prepare('SELECT COUNT(*) FROM campaign_results WHERE campaign_id = ?').pluck();
  const results = db.prepare(`SELECT ${RESULT_COLUMNS} FROM campaign_results WHERE campaign_id = ? ORDER BY layout, seed`);
  const finish = db.prepare("UPDATE campaigns SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'RUNNING'");
  const write = db.transaction((id: string, list: readonly SeedResult[]) => {
    for (const r of list) insertResult.run(id, r.layout, r.seed, r.effectiveTrainingTimeRatio, r.simulatedSeconds, r.costUsd, r.finished ? 1 : 0);
    return count.get(id) as number;
  });
  return {
    async create(request, ownerKeyId = null) {
      const id = newCampaignId();
      insert.run(id, JSON.stringify(request), ownerKeyId, new Date().toISOString());
      return toCampaign(get.get(id) as CampaignRow);
    },
    async get(id) {
      const row = get.get(id) as CampaignRow | undefined;
      return row ? toCampaign(row) : undefined;
    },
    writeResults: async (id, list) => write(id, list),
    results: async (id) => (results.all(id) as ResultRow[]).map(toResult),
    finish: async (id, status, error) => finish.run(status, error ?? null, new Date().toISOString(), id).changes > 0,
  };
}

export function createPgCampaignStore(pool: pg.Pool): CampaignStore {
  const get = async (id: string): Promise<CampaignRecord | undefined> => {
    const { rows } = await pool.query<CampaignRow>('SELECT * FROM campaigns WHERE id = $1', [id]);
    return rows[0] ? toCampaign(rows[0]) : undefined;
  };
  return {
    async create(request, ownerKeyId = null) {
      const id = newCampaignId();
      await pool.query("INSERT INTO campaigns (id, status, request, owner_key_id, created_at) VALUES ($1, 'RUNNING', $2, $3, $4)", [
        id,
        JSON.stringify(request),
        ownerKeyId,
        new Date().toISOString(),
      ]);
      return (await get(id))!;
    },
    get,
    async writeResults(id, list) {
      if (list.length > 0) {
        await pool.query(
          `INSERT INTO campaign_results (campaign_id, ${RESULT_COLUMNS})
           SELECT $1, * FROM UNNEST($2::int[], $3::int[], $4::float8[], $5::float8[], $6::float8[], $7::bool[])
           ON CONFLICT DO NOTHING`,
          [
            id,
            list.map((r) => r.layout),
            list.map((r) => r.seed),
            list.map((r) => r.effectiveTrainingTimeRatio),
            list.map((r) => r.simulatedSeconds),
            list.map((r) => r.costUsd),
            list.map((r) => r.finished),
          ],
        );
      }
      const { rows } = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM campaign_results WHERE campaign_id = $1', [id]);
      return Number(rows[0]!.n);
    },
    async results(id) {
      const { rows } = await pool.query<ResultRow>(`SELECT ${RESULT_COLUMNS} FROM campaign_results WHERE campaign_id = $1 ORDER BY layout, seed`, [id]);
      return rows.map(toResult);
    },
    async finish(id, status, error) {
      const result = await pool.query("UPDATE campaigns SET status = $2, error = $3, finished_at = $4 WHERE id = $1 AND status = 'RUNNING'", [
        id,
        status,
        error ?? null,
        new Date().toISOString(),
      ]);
      return (result.rowCount ?? 0) > 0;
    },
  };
}
