/**
 * The `validation` query's first call (the suite computed once per process, ≈ 180 ms on an idle machine): how long it
 * stalls the event loop — every other request waits that long — computed inline and with validationModule() (a
 * worker thread). The stall is the longest gap between 1 ms timer ticks around the call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/app.js';
import { validationModule } from '../src/server/validation-runner.js';
import type { Report } from './run.js';

const QUERY = JSON.stringify({ query: '{ validation { sources summary { meanAbsError } runs { id predicted error } } }' });

async function firstCall(modules: ReturnType<typeof validationModule>[]): Promise<{ seconds: number; stallSeconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'zeroplan-bench-'));
  const app = createApp({ databasePath: join(dir, 'bench.db'), modules });
  try {
    let last = performance.now();
    let stall = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      stall = Math.max(stall, now - last);
      last = now;
    }, 1);
    await new Promise((r) => setTimeout(r, 20));
    const start = performance.now();
    const response = await app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: QUERY,
    });
    const body = (await response.json()) as { errors?: unknown };
    const seconds = (performance.now() - start) / 1000;
    await new Promise((r) => setTimeout(r, 20));
    clearInterval(timer);
    if (body.errors) throw new Error(`validation query failed: ${JSON.stringify(body.errors)}`);
    return { seconds, stallSeconds: stall / 1000 };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(report: Report): Promise<void> {
  const inline = await firstCall([]);
  report('validation.inlineFirstCallSeconds', inline.seconds);
  report('validation.inlineFirstCallEventLoopStallSeconds', inline.stallSeconds);
  const pooled = await firstCall([validationModule()]);
  report('validation.workerFirstCallSeconds', pooled.seconds);
  report('validation.workerFirstCallEventLoopStallSeconds', pooled.stallSeconds);
}
