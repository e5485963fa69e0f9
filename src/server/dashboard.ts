/**
 * The dashboard at `/`: the static build of `web/` (Vite, `npm run build:web` → `web/dist/`), served by this server
 * so that the page and everything it loads come from one origin (works offline; it talks to /graphql only).
 *
 * - `/` (and `/index.html`): the page, `cache-control: no-cache` (revalidated with its ETag, so a rebuild shows at once).
 * - `/assets/<name>-<hash>.<ext>`: Vite's content-hashed files, cached for good (`immutable`).
 * - other files at the top of `web/dist/` (the icon): cached for an hour.
 * - gzip when the browser accepts it (compressed once, kept in memory); GET and HEAD only.
 * - when the build is missing, `/` answers 503 with a page saying how to build it and where GraphiQL is.
 *
 * Any other path is not handled here (the caller passes it on to the API).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * `web/dist` of this checkout, from where this module runs: src/server/dashboard.ts (tsx, tests) is two folders
 * below the root, the bundle dist/main.js (`npm start`) one.
 */
export function dashboardDirFor(moduleUrl: string): string {
  return fileURLToPath(new URL(moduleUrl.endsWith('.ts') ? '../../web/dist' : '../web/dist', moduleUrl));
}
export const DEFAULT_DASHBOARD_DIR = dashboardDirFor(import.meta.url);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.map', '.txt']);

interface CachedFile {
  mtimeMs: number;
  body: Buffer;
  gzipped?: Buffer;
  etag: string;
}

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>zeroplan: dashboard not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The dashboard is not built</h1>
<p>This server found no <code>web/dist/index.html</code>. Build it with <code>npm run build:web</code>
(<code>npm ci</code> does it for you) and reload.</p>
<p>The API works without it: <a href="/graphql">GraphiQL is at /graphql</a>.</p>
</body></html>
`;

export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Returns a handler that answers dashboard paths (returns true) and leaves the rest (returns false). */
export function createDashboardHandler(dir: string = DEFAULT_DASHBOARD_DIR): DashboardHandler {
  const cache = new Map<string, CachedFile>();

  const load = (file: string): CachedFile | undefined => {
    let mtimeMs: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return undefined;
      mtimeMs = stat.mtimeMs;
    } catch {
      return undefined;
    }
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    const body = readFileSync(file);
    const entry: CachedFile = { mtimeMs, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
    cache.set(file, entry);
    return entry;
  };

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const pathname = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
    let relative: string;
    let cacheControl: string;
    if (pathname === '/' || pathname === '/index.html') {
      relative = 'index.html';
      cacheControl = 'no-cache';
    } else if (pathname.startsWith('/assets/')) {
      relative = pathname.slice(1);
      cacheControl = 'public, max-age=31536000, immutable';
    } else if (/^\/[\w.-]+\.(?:svg|ico|png|txt)$/.test(pathname)) {
      relative = pathname.slice(1);
      cacheControl = 'public, max-age=3600';
    } else {
      return false;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(relative);
    } catch {
      return false;
    }
    const file = normalize(join(dir, decoded));
    if (!file.startsWith(normalize(dir) + sep)) return false;

    const entry = load(file);
    if (!entry) {
      if (relative === 'index.html') {
        res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : MISSING_BUILD_PAGE);
        return true;
      }
      if (pathname.startsWith('/assets/') || existsSync(dir)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : 'Not found');
        return true;
      }
      return false;
    }

    const ext = extname(file).toLowerCase();
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'cache-control': cacheControl,
      etag: entry.etag,
      vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
    };
    if (req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    let body = entry.body;
    if (COMPRESSIBLE.has(ext) && body.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      entry.gzipped ??= gzipSync(body, { level: 9 });
      body = entry.gzipped;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
