/**
 * GraphiQL: served at /graphql to browsers with the example operations, every asset from this server (no CDN:
 * users and CI may have no internet), `/` redirects there when the dashboard is off (dashboard.test.ts covers it
 * on), health check answers.
 */
import { get } from 'node:http';
import { Script } from 'node:vm';
import { Kind, parse, print } from 'graphql';
import { expect, it } from 'vitest';
import { GRAPHIQL_EXAMPLES } from '../../src/server/examples.js';
import { type createTestApp, post, type TestApp } from './helpers.js';
import { startTestApp } from './tservers.js';

async function started(options: Parameters<typeof createTestApp>[0] = {}): Promise<{ t: TestApp; url: string }> {
  const t = startTestApp(options);
  const { url } = await t.app.start(0, '127.0.0.1');
  return { t, url };
}

it('serves GraphiQL with the examples and WebSocket subscriptions; / redirects to it without a dashboard', async () => {
  const { url } = await started({ dashboard: false });
  const page = await fetch(url, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  const html = await page.text();
  for (const operation of [
    'EstimateGpt3On1024A100s', 'CompareZeroStages', 'ComputeOptimalAllocation', 'Gpt4Extrapolation', 'FindBestLayout',
    'SearchLive', 'StartLlama3Simulation', 'SimulationEvents', 'SavedItemsChanged',
  ]) {
    expect(html).toContain(operation);
  }
  expect(html).toContain('"subscriptionsProtocol":"WS"');
  const root = await fetch(url.replace('/graphql', '/'), { redirect: 'manual' });
  expect(root.status).toBe(302);
  expect(root.headers.get('location')).toBe('/graphql');
  expect((await fetch(url.replace('/graphql', '/health'))).status).toBe(200);
});

it('loads every script, stylesheet, icon and Monaco worker from the same origin (works offline)', async () => {
  const { url } = await started();
  const origin = new URL(url).origin;
  const html = await (await fetch(url, { headers: { accept: 'text/html' } })).text();

  const referenced = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
  const workers = Object.values(JSON.parse(/const workerUrls = (\{[^}]*\})/.exec(html)![1]!) as Record<string, string>);
  expect(referenced.length).toBe(3); // icon, stylesheet, script
  expect(workers.length).toBe(3); // editor, json, graphql
  // Nothing else in the page points off-site (the examples and options are JSON, not URLs).
  expect(html).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//);
  expect(html).not.toMatch(/unpkg|jsdelivr|cdn\./i);

  for (const ref of [...referenced, ...workers]) {
    const asset = new URL(ref, url);
    expect(asset.origin, ref).toBe(origin);
    const response = await fetch(asset);
    expect(response.status, ref).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length, ref).toBeGreaterThan(1000);
    if (ref.endsWith('.js')) {
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      // The browser must be able to parse what we send (compile only, nothing runs).
      expect(() => new Script(body.toString('utf8'), { filename: ref })).not.toThrow();
    }
    if (ref.endsWith('.css')) expect(response.headers.get('content-type')).toMatch(/text\/css/);
  }
  const script = referenced.find((r) => r.endsWith('.js'))!;
  const scriptText = await (await fetch(new URL(script, url))).text();
  // The bundle defines what the page calls.
  expect(scriptText).toContain('renderYogaGraphiQL');
  expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL(');
}, 60_000);

it('sends assets gzipped when asked, answers 304 to a matching ETag and 404 to unknown files', async () => {
  const { t, url } = await started();
  const html = await (await fetch(url, { headers: { accept: 'text/html' } })).text();
  const script = new URL(/<script src="([^"]+)"/.exec(html)![1]!, url);
  const plain = await t.app.yoga.fetch(script, { headers: { 'accept-encoding': 'identity' } });
  const plainBytes = (await plain.arrayBuffer()).byteLength;
  expect(plain.headers.get('content-encoding')).toBeNull();
  // A raw HTTP request keeps the gzip body compressed, so we see the transfer size.
  const gzipped = await new Promise<{ encoding?: string; bytes: number }>((resolve, reject) => {
    get(script, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes }));
    }).on('error', reject);
  });
  expect(gzipped.encoding).toBe('gzip');
  expect(gzipped.bytes).toBeLessThan(plainBytes / 2);
  const etag = plain.headers.get('etag')!;
  expect((await fetch(script, { headers: { 'if-none-match': etag } })).status).toBe(304);
  expect((await fetch(new URL('nope.js', script))).status).toBe(404);
  expect((await fetch(new URL('/graphiql/0000000000000000/yoga-graphiql.js', url))).status).toBe(404);
}, 60_000);

it('serves neither the page nor the assets when GraphiQL is off', async () => {
  const { url } = await started({ graphiql: false });
  const page = await fetch(url, { headers: { accept: 'text/html' } });
  expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  expect((await fetch(new URL('/graphiql/x/yoga-graphiql.js', url))).status).toBe(404);
});

it('the simulation example starts from a plan that fits (Llama 3 405B on 16,384 H100s)', async () => {
  const operation = parse(GRAPHIQL_EXAMPLES).definitions.find((d) => 'name' in d && d.name?.value === 'StartLlama3Simulation');
  const field = operation && 'selectionSet' in operation ? operation.selectionSet.selections[0] : undefined;
  const input = field?.kind === Kind.FIELD ? field.arguments?.[0]?.value : undefined;
  const plan = input?.kind === Kind.OBJECT ? input.fields.find((f) => f.name.value === 'plan')?.value : undefined;
  expect(plan).toBeDefined();
  const t = startTestApp();
  const response = await post<{ trainingPlan: { fits: boolean; parallelism: { dataParallel: number } } }>(t.app, {
    query: `{ trainingPlan(input: ${print(plan!)}) { fits parallelism { dataParallel } } }`,
  });
  expect(response.errors).toBeUndefined();
  // Llama 3 paper, Table 4: TP 8 × PP 16 × DP 128 on 16,384 GPUs.
  expect(response.data!.trainingPlan).toEqual({ fits: true, parallelism: { dataParallel: 128 } });
});

it('every query example answers without errors (the fine-tuning and import example: QLoRA layouts that fit; DeepSeek-V3 at 671.0B)', async () => {
  const { t } = await started();
  const queries = parse(GRAPHIQL_EXAMPLES).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query');
  expect(queries.length).toBeGreaterThanOrEqual(8);
  for (const operation of queries) {
    const name = operation.kind === Kind.OPERATION_DEFINITION ? operation.name?.value : undefined;
    const r = await post<Record<string, unknown>>(t.app, { query: GRAPHIQL_EXAMPLES, operationName: name });
    expect(r.errors, name).toBeUndefined();
    if (name === 'FineTuneAndImport') {
      const data = r.data as { planSearch: { ranked: { plan: { memory: { totalBytes: number; capacityBytes: number } } }[] }; modelFromHuggingFaceConfig: { parameters: number } };
      expect(data.planSearch.ranked.length).toBe(3);
      for (const { plan } of data.planSearch.ranked) expect(plan.memory.totalBytes).toBeLessThan(plan.memory.capacityBytes);
      expect(Math.abs(data.modelFromHuggingFaceConfig.parameters - 671e9)).toBeLessThan(0.5e9);
    }
  }
});
