/**
 * GraphiQL without a CDN: yoga's default page loads its script, stylesheet and Monaco workers from a CDN, which a
 * machine without internet cannot reach. `@graphql-yoga/render-graphiql` ships the same assets as strings; we serve
 * each one from this server under `/graphiql/<content hash>/…` (immutable, cached by the browser, gzip when
 * accepted), so the page itself stays small and every URL in it is same-origin.
 *
 * The package is ≈ 9 MB of JavaScript: it is imported on the first GraphiQL request, not at start.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

export const GRAPHIQL_ASSETS_PREFIX = '/graphiql/';

interface Asset {
  contentType: string;
  body: Buffer;
  etag: string;
  gzipped?: Buffer;
}

interface Assets {
  /** `/graphiql/<hash>/` */
  base: string;
  files: Map<string, Asset>;
}

// Monaco asks for a worker by label; these are the labels render-graphiql maps (anything else: the editor worker).
const WORKER_FILES = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' } as const;

let loading: Promise<Assets> | undefined;

function loadAssets(): Promise<Assets> {
  loading ??= import('@graphql-yoga/render-graphiql/graphiql').then((g) => {
    const favicon = /^data:([^;]+);base64,(.*)$/s.exec(g.favicon);
    const sources: [string, string, Buffer][] = [
      ['yoga-graphiql.js', 'text/javascript; charset=utf-8', Buffer.from(g.js)],
      ['graphiql.css', 'text/css; charset=utf-8', Buffer.from(g.css)],
      [WORKER_FILES.editorWorkerService, 'text/javascript; charset=utf-8', Buffer.from(g.editorWorkerService)],
      [WORKER_FILES.json, 'text/javascript; charset=utf-8', Buffer.from(g.jsonWorker)],
      [WORKER_FILES.graphql, 'text/javascript; charset=utf-8', Buffer.from(g.graphqlWorker)],
      ['favicon.ico', favicon?.[1] ?? 'image/x-icon', favicon ? Buffer.from(favicon[2]!, 'base64') : Buffer.alloc(0)],
    ];
    // One hash over everything: a new package version gets new URLs, so the browser never mixes old and new files.
    const hash = createHash('sha256');
    for (const [, , body] of sources) hash.update(body);
    const version = hash.digest('hex').slice(0, 16);
    const files = new Map<string, Asset>();
    for (const [name, contentType, body] of sources) {
      files.set(name, { contentType, body, etag: `"${version}-${name}"` });
    }
    return { base: `${GRAPHIQL_ASSETS_PREFIX}${version}/`, files };
  });
  return loading;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a <script>: `<` escaped so a `</script>` in an example cannot end the script. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** yoga `renderGraphiQL`: a small page whose script, stylesheet, icon and workers are all on this server. */
export async function renderLocalGraphiQL(options?: GraphiQLOptions): Promise<string> {
  const { base } = await loadAssets();
  const title = escapeHtml(options?.title ?? 'GraphiQL');
  const workers = Object.fromEntries(Object.entries(WORKER_FILES).map(([label, file]) => [label, base + file]));
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="${base}favicon.ico" />
    <link rel="stylesheet" href="${base}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root">Loading ${title}…</div>
    <script>
      const workerUrls = ${scriptJson(workers)};
      self.MonacoEnvironment = {
        globalAPI: false,
        getWorkerUrl: (_moduleId, label) => workerUrls[label] ?? workerUrls.editorWorkerService,
      };
    </script>
    <script src="${base}yoga-graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(options ?? {})});
    </script>
  </body>
</html>
`;
}

/** Serves `/graphiql/<hash>/<file>` (GET/HEAD); other paths pass through to yoga. */
export function useGraphiQLAssets(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PREFIX)) return;
      const method = request.method;
      return loadAssets().then(({ base, files }) => {
        const asset = url.pathname.startsWith(base) ? files.get(url.pathname.slice(base.length)) : undefined;
        if (!asset || (method !== 'GET' && method !== 'HEAD')) {
          endResponse(new fetchAPI.Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } }));
          return;
        }
        const headers: Record<string, string> = {
          'content-type': asset.contentType,
          'cache-control': 'public, max-age=31536000, immutable',
          etag: asset.etag,
          vary: 'accept-encoding',
        };
        if (request.headers.get('if-none-match') === asset.etag) {
          endResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
        let body = asset.body;
        if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '') && asset.body.length > 1024) {
          asset.gzipped ??= gzipSync(asset.body);
          body = asset.gzipped;
          headers['content-encoding'] = 'gzip';
        }
        headers['content-length'] = String(body.length);
        endResponse(new fetchAPI.Response(method === 'HEAD' ? null : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { status: 200, headers }));
      });
    },
  };
}
