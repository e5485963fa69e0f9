/**
 * Operating the server: /healthz, /readyz, Prometheus /metrics, request ids on responses and structured log lines,
 * and a graceful stop (WebSockets closed with 1001, a running simulation persisted as INTERRUPTED, database closed).
 */
import Database from 'better-sqlite3';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppOptions } from '../../src/server/app.js';
import type { Logger } from '../../src/server/logging.js';
import { simulationModule } from '../../src/server/simulation-module.js';
import { MEGATRON_GPT3_PLAN } from './helpers.js';
import { cleanups, startTestApp } from './tservers.js';


async function serve(options: Partial<AppOptions> = {}) {
  const t = startTestApp(options);
  const { url } = await t.app.start(0, '127.0.0.1');
  return { t, url, base: new URL(url).origin };
}

describe('health', () => {
  it('/healthz is 200; /readyz is 200 with each check ok', async () => {
    const { base } = await serve({ modules: [simulationModule()] });
    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', simulation: 'ok' } });
  });

  it('/readyz is 503 naming the module that reports unhealthy', async () => {
    const { base } = await serve({ modules: [{ name: 'workers', setup: () => ({ health: () => ({ ok: false, detail: 'no worker alive' }) }) }] });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not ready', checks: { database: 'ok', workers: 'no worker alive' } });
  });
});

describe('request ids and logs', () => {
  it('echoes a given x-request-id, generates one otherwise, and logs one JSON-able line per request with it', async () => {
    const lines: unknown[][] = [];
    const logger: Logger = { debug: () => undefined, info: (...a) => lines.push(a), warn: () => undefined, error: () => undefined };
    const { url } = await serve({ logger });
    const post = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: 'query Gpus { gpus { id } }' }) });
    const given = await post({ 'x-request-id': 'req-42.abc' });
    expect(given.headers.get('x-request-id')).toBe('req-42.abc');
    const generated = await post({});
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await post({ 'x-request-id': 'a b<script>' });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    const record = lines.map((l) => l[0] as Record<string, unknown>).find((r) => r.requestId === 'req-42.abc');
    expect(record).toMatchObject({ msg: 'request', method: 'POST', path: '/graphql', status: 200, operation: 'Gpus' });
    expect(typeof record!.durationMs).toBe('number');
  });
});

describe('metrics', () => {
  it('counts operations by name and result, active subscriptions, jobs and event-loop lag', async () => {
    const { url, base } = await serve({ modules: [simulationModule()] });
    const post = (query: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    await post('query Gpus { gpus { id } }');
    await post('query Gpus { gpus { id } }');
    await post('query Broken { trainingPlan(input: {model: "nope", cluster: "a100-80gb-x8", globalBatchSize: 8}) { fits } }');
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    cleanups.push(() => client.dispose());
    client.subscribe({ query: 'subscription Live { savedItemsChanged { id } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    let text = '';
    for (let i = 0; i < 100 && !/zeroplan_active_subscriptions 1\b/.test(text); i++) {
      await new Promise((r) => setTimeout(r, 20));
      text = await (await fetch(`${base}/metrics`)).text();
    }
    expect(text).toContain('zeroplan_graphql_operations_total{operation="Gpus",type="query",result="ok"} 2');
    expect(text).toContain('zeroplan_graphql_operations_total{operation="Broken",type="query",result="error"} 1');
    expect(text).toMatch(/zeroplan_graphql_operation_duration_seconds_count\{operation="Gpus",type="query"\} 2/);
    expect(text).toMatch(/zeroplan_active_subscriptions 1\b/);
    expect(text).toContain('zeroplan_jobs{module="simulation",state="running"} 0');
    expect(text).toContain('zeroplan_jobs{module="simulation",state="queued"} 0');
    expect(text).toMatch(/zeroplan_http_responses_total\{status="200"\} \d+/);
    expect(text).toMatch(/nodejs_eventloop_lag_p99_seconds \d/);
  });
});

describe('graceful stop', () => {
  it('closes WebSockets with 1001, persists a running simulation as INTERRUPTED, closes the database', async () => {
    const { t, url } = await serve({ modules: [simulationModule()] });
    const started = (await (
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($i: SimulationInput!) { startSimulation(input: $i) { id } }', variables: { i: { plan: MEGATRON_GPT3_PLAN, seed: 1, pace: 1e3 } } }),
      })
    ).json()) as { data: { startSimulation: { id: string } } };
    const id = started.data.startSimulation.id;
    const closed = new Promise<number>((resolve) => {
      const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, on: { closed: (e) => resolve((e as { code: number }).code) } });
      cleanups.push(() => client.dispose());
      client.subscribe({ query: 'subscription($id: ID!) { simulationEvents(id: $id) { seq } }', variables: { id } }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    for (let i = 0; i < 200 && t.app.pubsub.subscriberCount() === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await t.app.stop();
    expect(await closed).toBe(1001);
    expect(t.app.db.open).toBe(false);
    const db = new Database(t.databasePath, { readonly: true });
    const row = db.prepare('SELECT status FROM simulations WHERE id = ?').get(id) as { status: string };
    const last = db.prepare('SELECT type FROM simulation_events WHERE simulation_id = ? ORDER BY seq DESC LIMIT 1').get(id) as { type: string };
    db.close();
    expect(row.status).toBe('INTERRUPTED');
    expect(last.type).toBe('INTERRUPTED');
  });
});
