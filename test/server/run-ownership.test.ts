/**
 * Runs have owners (issue 10): a simulation or campaign records the key that started it, and only that key or an
 * admin key may cancel it — FORBIDDEN otherwise, on HTTP, SSE and WebSocket — while reads stay open. Runs stored
 * before owners were recorded survive the migration (owner null: admin-only to cancel, open to read and re-run).
 * With DATABASE_URL set, the same rules are checked on the PostgreSQL stores.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyIdOf } from '../../src/server/auth.js';
import { campaignModule } from '../../src/server/campaigns.js';
import { CAMPAIGN_MIGRATIONS } from '../../src/server/campaign-store.js';
import { CORE_MIGRATIONS, openDatabase } from '../../src/server/db.js';
import { simulationModule } from '../../src/server/simulation-module.js';
import { SIMULATION_MIGRATIONS } from '../../src/server/simulation-store.js';
import { dropSchema, uniqueSchema } from '../scale/services.js';
import { MEGATRON_GPT3_PLAN, removeDir } from './helpers.js';
import { ADMIN, ALICE, BOB, codeOf, serveWithKeys, type Result } from './keyed-server.js';
import { cleanups } from './tservers.js';

const START = 'mutation ($input: SimulationInput!) { startSimulation(input: $input) { id status } }';
const CANCEL = 'mutation ($id: ID!) { cancelSimulation(id: $id) { id status } }';
const RERUN = 'mutation ($id: ID!) { rerunSimulation(id: $id) { id rerunOf } }';
const READ = 'query ($id: ID!) { simulation(id: $id) { id status } }';
const START_CAMPAIGN = 'mutation ($input: CampaignInput!) { startCampaign(input: $input) { id status } }';
const CANCEL_CAMPAIGN = 'mutation ($id: ID!) { cancelCampaign(id: $id) { id status } }';
const DAY_SECONDS = 86_400;
/** Slow enough (simulated seconds per wall second) that the run is still going when the test cancels it. */
const SLOW = { plan: MEGATRON_GPT3_PLAN, seed: 3, pace: 1e4 };

type Served = Awaited<ReturnType<typeof serveWithKeys>>;

async function serve(options: Parameters<typeof serveWithKeys>[0] = {}): Promise<Served> {
  return serveWithKeys({ modules: [simulationModule({ maxConcurrent: 2 }), campaignModule()], ...options });
}

async function startAs(s: Served, key: string | undefined): Promise<string> {
  const r = await s.http(START, key, { input: SLOW });
  expect(r.errors).toBeUndefined();
  return (r.data!.startSimulation as { id: string }).id;
}

const statusOf = async (s: Served, id: string): Promise<string> => ((await s.http(READ, undefined, { id })).data!.simulation as { status: string }).status;
const cancelled = (r: Result, key: string): unknown => (r.data?.[key] as { status?: string } | undefined)?.status;

describe('a simulation can be cancelled only by the key that started it or an admin key', () => {
  it('over HTTP: the owner is recorded as the key id; another key gets FORBIDDEN, no key UNAUTHENTICATED; reads stay open', async () => {
    const s = await serve();
    const id = await startAs(s, ALICE);
    const row = s.app.db.prepare('SELECT owner_key_id FROM simulations WHERE id = ?').get(id) as { owner_key_id: string };
    expect(row.owner_key_id).toBe(keyIdOf(ALICE));

    const denied = await s.http(CANCEL, BOB, { id });
    expect(denied.status).toBe(403);
    expect(codeOf(denied)).toBe('FORBIDDEN');
    expect(denied.errors![0]!.message).toBe(`simulation "${id}" was started with another API key: only that key or an admin key may cancel it`);
    expect(codeOf(await s.http(CANCEL, undefined, { id }))).toBe('UNAUTHENTICATED');
    expect(['QUEUED', 'RUNNING']).toContain(await statusOf(s, id));

    expect(cancelled(await s.http(CANCEL, ALICE, { id }), 'cancelSimulation')).toBe('CANCELLED');
    const other = await startAs(s, ALICE);
    expect(cancelled(await s.http(CANCEL, ADMIN, { id: other }), 'cancelSimulation')).toBe('CANCELLED');
  });

  it('over SSE: another key is refused with FORBIDDEN and the run goes on; the owner cancels it', async () => {
    const s = await serve();
    const id = await startAs(s, ALICE);
    const denied = await s.sse(CANCEL, BOB, { id });
    expect(denied).toContain('"code":"FORBIDDEN"');
    expect(['QUEUED', 'RUNNING']).toContain(await statusOf(s, id));
    expect(await s.sse(CANCEL, ALICE, { id })).toContain('"status":"CANCELLED"');
  });

  it('over WebSocket: the key in connection_init decides; another key gets FORBIDDEN, the owner cancels', async () => {
    const s = await serve();
    const idR = await s.ws(ALICE)(START, { input: SLOW });
    const id = (idR.data!.startSimulation as { id: string }).id;
    expect(codeOf(await s.ws(BOB)(CANCEL, { id }))).toBe('FORBIDDEN');
    expect(['QUEUED', 'RUNNING']).toContain(await statusOf(s, id));
    expect(cancelled(await s.ws(ALICE)(CANCEL, { id }), 'cancelSimulation')).toBe('CANCELLED');
  });

  it('a rerun (any key: it only reads the stored input) belongs to whoever started it', async () => {
    const s = await serve();
    const id = await startAs(s, ALICE);
    const rerun = await s.http(RERUN, BOB, { id });
    const copy = (rerun.data!.rerunSimulation as { id: string; rerunOf: string });
    expect(copy.rerunOf).toBe(id);
    expect(codeOf(await s.http(CANCEL, ALICE, { id: copy.id }))).toBe('FORBIDDEN');
    expect(cancelled(await s.http(CANCEL, BOB, { id: copy.id }), 'cancelSimulation')).toBe('CANCELLED');
    expect(cancelled(await s.http(CANCEL, ALICE, { id }), 'cancelSimulation')).toBe('CANCELLED');
  });

  it('without keys configured, anyone may cancel (nothing changes for a local single user)', async () => {
    const s = await serve({ auth: { keys: [], requireKeyForReads: false } });
    const id = await startAs(s, undefined);
    expect(cancelled(await s.http(CANCEL, undefined, { id }), 'cancelSimulation')).toBe('CANCELLED');
  });
});

describe('a campaign can be cancelled only by the key that started it or an admin key', () => {
  // Enough seeds that it is still running when cancelled (a seed is one replica: a few milliseconds).
  const input = { layouts: [MEGATRON_GPT3_PLAN], seeds: 5_000, horizonSeconds: 60 * DAY_SECONDS };

  it('on HTTP, SSE and WebSocket: FORBIDDEN for another key, the owner cancels', async () => {
    const s = await serve();
    const started = await s.http(START_CAMPAIGN, ALICE, { input });
    const id = (started.data!.startCampaign as { id: string }).id;
    const row = s.app.db.prepare('SELECT owner_key_id FROM campaigns WHERE id = ?').get(id) as { owner_key_id: string };
    expect(row.owner_key_id).toBe(keyIdOf(ALICE));
    expect(codeOf(await s.http(CANCEL_CAMPAIGN, BOB, { id }))).toBe('FORBIDDEN');
    expect(await s.sse(CANCEL_CAMPAIGN, BOB, { id })).toContain('"code":"FORBIDDEN"');
    expect(codeOf(await s.ws(BOB)(CANCEL_CAMPAIGN, { id }))).toBe('FORBIDDEN');
    expect(cancelled(await s.ws(ALICE)(CANCEL_CAMPAIGN, { id }), 'cancelCampaign')).toBe('CANCELLED');
  });
});

describe('runs stored before owners were recorded', () => {
  it('survive the SQLite migration with their events; they are admin-only to cancel and open to read and re-run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zeroplan-owners-'));
    cleanups.push(() => removeDir(dir));
    const databasePath = join(dir, 'old.db');
    // The schema as it shipped before sim_0002 / campaign_0002, with a finished and a still-running simulation.
    const old = openDatabase(databasePath, [...CORE_MIGRATIONS, SIMULATION_MIGRATIONS[0]!, CAMPAIGN_MIGRATIONS[0]!]);
    const request = JSON.stringify({ job: { setup: {}, loss: null, pace: null }, preset: 'x', plan: {} });
    const insert = old.prepare(
      "INSERT INTO simulations (id, status, request, last_seq, created_at, ord) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00.000Z', ?)",
    );
    insert.run('s_oldcompleted00', 'COMPLETED', request, 2, 1);
    insert.run('s_oldrunning0000', 'RUNNING', request, 1, 2);
    const event = old.prepare("INSERT INTO simulation_events VALUES (?, ?, 'PROGRESS', ?, '{}')");
    event.run('s_oldcompleted00', 1, 10);
    event.run('s_oldcompleted00', 2, 20);
    event.run('s_oldrunning0000', 1, 5);
    old.prepare("INSERT INTO campaigns (id, status, request, created_at) VALUES ('g_oldcampaign00', 'RUNNING', ?, '2026-01-01T00:00:00.000Z')").run(
      JSON.stringify({ layouts: [], firstSeed: 1, seeds: 0 }),
    );
    old.close();

    const s = await serve({ databasePath });
    const rows = s.app.db.prepare('SELECT id, status, owner_key_id, last_seq FROM simulations ORDER BY ord').all();
    // The running one was interrupted by the restart (a terminal event at seq 2), as every unfinished run is.
    expect(rows).toEqual([
      { id: 's_oldcompleted00', status: 'COMPLETED', owner_key_id: null, last_seq: 2 },
      { id: 's_oldrunning0000', status: 'INTERRUPTED', owner_key_id: null, last_seq: 2 },
    ]);
    expect(s.app.db.prepare('SELECT COUNT(*) AS n FROM simulation_events').get()).toEqual({ n: 4 });
    expect((await s.http(READ, undefined, { id: 's_oldcompleted00' })).data).toEqual({ simulation: { id: 's_oldcompleted00', status: 'COMPLETED' } });

    const denied = await s.http(CANCEL, ALICE, { id: 's_oldcompleted00' });
    expect(denied.errors![0]!.message).toBe('simulation "s_oldcompleted00" was started without an API key: only an admin key may cancel it');
    expect(cancelled(await s.http(CANCEL, ADMIN, { id: 's_oldcompleted00' }), 'cancelSimulation')).toBe('COMPLETED');
    expect(codeOf(await s.http(CANCEL_CAMPAIGN, ALICE, { id: 'g_oldcampaign00' }))).toBe('FORBIDDEN');
    expect(cancelled(await s.http(CANCEL_CAMPAIGN, ADMIN, { id: 'g_oldcampaign00' }), 'cancelCampaign')).toBe('CANCELLED');
  });
});

const DATABASE_URL = process.env.DATABASE_URL?.trim();

describe.skipIf(!DATABASE_URL)('owners on PostgreSQL', () => {
  it('records owners and refuses another key on all three transports; rows from before pg_0004 are kept', async () => {
    const { createPgPool, migratePg, PG_MIGRATIONS } = await import('../../src/server/pg-stores.js');
    const schema = uniqueSchema('owners');
    cleanups.push(() => dropSchema(DATABASE_URL!, schema));
    // The database as it was before pg_0004, with one simulation in it.
    const pool = createPgPool(DATABASE_URL!, { schema, max: 1 });
    await migratePg(pool, { schema }, PG_MIGRATIONS.filter((m) => m.id !== 'pg_0004_run_owners'));
    await pool.query(
      "INSERT INTO simulations (id, status, request, last_seq, created_at) VALUES ('s_pgold000000', 'COMPLETED', '{}', 0, '2026-01-01T00:00:00.000Z')",
    );
    await pool.end();

    const s = await serve({ databaseUrl: DATABASE_URL, databaseSchema: schema });
    expect((await s.http(READ, undefined, { id: 's_pgold000000' })).data).toEqual({ simulation: { id: 's_pgold000000', status: 'COMPLETED' } });
    expect(codeOf(await s.http(CANCEL, ALICE, { id: 's_pgold000000' }))).toBe('FORBIDDEN');
    const id = await startAs(s, ALICE);
    expect(codeOf(await s.http(CANCEL, BOB, { id }))).toBe('FORBIDDEN');
    expect(await s.sse(CANCEL, BOB, { id })).toContain('"code":"FORBIDDEN"');
    expect(codeOf(await s.ws(BOB)(CANCEL, { id }))).toBe('FORBIDDEN');
    expect(cancelled(await s.ws(ALICE)(CANCEL, { id }), 'cancelSimulation')).toBe('CANCELLED');
  });
});
