/** GraphiQL: served at /graphql to browsers with the example operations, `/` redirects there, health check answers. */
import { afterEach, expect, it } from 'vitest';
import { createTestApp, removeDir, type TestApp } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

it('serves GraphiQL with the examples and WebSocket subscriptions; / redirects to it', async () => {
  const t: TestApp = createTestApp();
  cleanups.push(() => removeDir(t.dir));
  cleanups.push(() => t.dispose());
  const { url } = await t.app.start(0, '127.0.0.1');
  const page = await fetch(url, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  const html = await page.text();
  for (const operation of ['EstimateGpt3On1024A100s', 'CompareZeroStages', 'ComputeOptimalAllocation', 'Gpt4Extrapolation']) {
    expect(html).toContain(operation);
  }
  expect(html).toContain('"subscriptionsProtocol":"WS"');
  const root = await fetch(url.replace('/graphql', '/'), { redirect: 'manual' });
  expect(root.status).toBe(302);
  expect(root.headers.get('location')).toBe('/graphql');
  expect((await fetch(url.replace('/graphql', '/health'))).status).toBe(200);
});
