/**
 * Starting a worker thread from both a compiled build and the TypeScript sources. A build loads `<name>.js` next to
 * the caller. From the sources (tsx, vitest) Node 20 ignores `execArgv: ['--import', 'tsx']` in worker threads, so
 * an inline module first registers tsx's ESM loader (tsx/esm/api `register()`) in the worker, then imports
 * `<name>.ts`. If that bootstrap fails, the worker posts `{ type: 'error', message }` like the workers themselves do.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker module `name` (without extension) that sits beside the module whose `import.meta.url` is
 * `callerUrl`. `startErrorPrefix` begins the error message posted when the TypeScript bootstrap fails.
 */
export function startWorkerThread(callerUrl: string, name: string, options: WorkerOptions, startErrorPrefix = ''): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  // require.resolve finds the CommonJS build of the API; its ESM twin (.mjs) lives next to it.
  const api = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const source = [
    `import { parentPort } from 'node:worker_threads';`,
    `try { const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(entry)}); }`,
    `catch (error) { parentPort.postMessage({ type: 'error', message: ${JSON.stringify(startErrorPrefix)} + String(error?.stack ?? error) }); }`,
  ].join('\n');
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), options);
}
