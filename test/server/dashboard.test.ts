/**
 * The dashboard's static files (src/server/dashboard.ts) on a temp build directory: the page revalidated, hashed
 * assets cached for good, right content types, gzip, 304s, no path escaping the directory, and a page saying how
 * to build it when the build is missing — while /graphql and /health still reach the API.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { dashboardDirFor } from '../../src/server/dashboard.js';
import { removeDir } from './helpers.js';
import { cleanups, startTestApp } from './tservers.js';


async function started(dashboard: string): Promise<string> {
  const t = startTestApp({ dashboard });
  const { url } = await t.app.start(0, '127.0.0.1');
  return new URL(url).origin;
}

function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zeroplan-dash-'));
  cleanups.push(() => removeDir(dir));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>zeroplan</title><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
  writeFileSync(join(dir, 'assets', 'index-def456.css'), 'body{color:black}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(tmpdir(), 'zeroplan-dash-secret.txt'), 'secret');
  return dir;
}

/** A raw GET (fetch would decode gzip and normalise `..` away). */
function rawGet(origin: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('serves the page at / (revalidated) and hashed assets cached for good, with their content types', async () => {
  const origin = await started(fakeBuild());
  const page = await rawGet(origin, '/');
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(page.headers['cache-control']).toBe('no-cache');
  expect(page.body.toString()).toContain('<title>zeroplan</title>');

  const again = await rawGet(origin, '/', { 'if-none-match': String(page.headers.etag) });
  expect(again.status).toBe(304);

  const js = await rawGet(origin, '/assets/index-abc123.js', { 'accept-encoding': 'gzip, br' });
  expect(js.status).toBe(200);
  expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(js.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(js.body).toString()).toContain('console.log');
  expect(js.body.length).toBeLessThan(200); // 5,000 repeated characters compress to a few dozen bytes

  const css = await rawGet(origin, '/assets/index-def456.css');
  expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  expect(css.headers['content-encoding']).toBeUndefined(); // small, and not asked for
  const icon = await rawGet(origin, '/favicon.svg');
  expect(icon.headers['content-type']).toBe('image/svg+xml');
  expect(icon.headers['cache-control']).toBe('public, max-age=3600');
});

it('refuses paths outside the build and unknown assets, and leaves /graphql and /health to the API', async () => {
  const origin = await started(fakeBuild());
  expect((await rawGet(origin, '/assets/../../zeroplan-dash-secret.txt')).status).not.toBe(200);
  expect((await rawGet(origin, '/assets/%2e%2e/%2e%2e/zeroplan-dash-secret.txt')).status).not.toBe(200);
  expect((await rawGet(origin, '/assets/nope-000.js')).status).toBe(404);
  expect((await rawGet(origin, '/health')).status).toBe(200);
  const api = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
  expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
});

it('answers / with 503 and how to build the page when the build is missing; GraphiQL still works', async () => {
  const origin = await started(join(tmpdir(), 'zeroplan-no-such-build-dir'));
  const page = await rawGet(origin, '/');
  expect(page.status).toBe(503);
  expect(page.body.toString()).toContain('npm run build:web');
  expect(page.body.toString()).toContain('href="/graphql"');
  const graphiql = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
  expect(graphiql.status).toBe(200);
});

it('finds web/dist of the checkout from the sources (src/server/) and from the bundle (dist/main.js)', () => {
  const root = '/srv/zeroplan';
  expect(dashboardDirFor(`file://${root}/src/server/dashboard.ts`)).toBe(`${root}/web/dist`);
  expect(dashboardDirFor(`file://${root}/dist/main.js`)).toBe(`${root}/web/dist`);
});
