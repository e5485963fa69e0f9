/**
 * `npm run build:server`: bundles the server and its two worker entry points with esbuild into dist/ (main.js,
 * worker.js, search-worker.js side by side: the runners load `./worker.js` / `./search-worker.js` next to the
 * running file). One bundle starts in a fraction of the time of loading hundreds of modules through tsx or a
 * tsc output tree. better-sqlite3 (native) and GraphiQL's 9 MB of assets (imported on the first GraphiQL request)
 * stay in node_modules. Type checking is `npm run typecheck` (esbuild does not check types).
 */
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/server/main.ts', worker: 'src/simulation/worker.ts', 'search-worker': 'src/server/search-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  external: ['better-sqlite3', '@graphql-yoga/render-graphiql'],
  // Bundled CommonJS packages call require(); give the ES module bundle one.
  banner: { js: "import { createRequire as __zeroplanRequire } from 'node:module'; const require = __zeroplanRequire(import.meta.url);" },
  logLevel: 'warning',
});
