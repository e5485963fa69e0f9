/**
 * `npm run build:server`: bundles the server, its worker-thread entry points and the external worker process with
 * esbuild into dist/ (main.js, worker.js, search-worker.js, budget-worker.js, validation-worker.js side by side: the runners load
 * `./<name>.js` next to the running file; worker-main.js is `npm run worker` for WORKERS=external). One bundle starts in a fraction of the time of loading hundreds of modules through tsx or a
 * tsc output tree. better-sqlite3 (native) and GraphiQL's 9 MB of assets (imported on the first GraphiQL request)
 * stay in node_modules. Type checking is `npm run typecheck` (esbuild does not check types).
 */
import { build } from 'esbuild';

await build({
  entryPoints: {
    main: 'src/server/main.ts',
    worker: 'src/simulation/worker.ts',
    'search-worker': 'src/server/search-worker.ts',
    'budget-worker': 'src/server/budget-worker.ts',
    'validation-worker': 'src/server/validation-worker.ts',
    'worker-main': 'src/server/worker-main.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  // Native code, files read at run time (BullMQ's Lua commands) or large optional assets stay in node_modules.
  external: ['better-sqlite3', '@graphql-yoga/render-graphiql', 'bullmq', 'ioredis', 'pg', '@graphql-yoga/redis-event-target'],
  // Bundled CommonJS packages call require(); give the ES module bundle one.
  banner: { js: "import { createRequire as __zeroplanRequire } from 'node:module'; const require = __zeroplanRequire(import.meta.url);" },
  logLevel: 'warning',
});
