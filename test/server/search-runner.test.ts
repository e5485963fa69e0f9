/**
 * The search runner: a worker thread gives the inline answer, honours cancellation (a shared stop flag the search
 * polls), carries input errors back as InvalidInputError, and never runs more than MAX_CONCURRENT_SEARCHES at once.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ModelArchitecture } from '../../src/core/types.js';
import {
  closeSearchWorkers,
  idleSearchWorkers,
  MAX_CONCURRENT_SEARCHES,
  runningSearches,
  runPlanSearch,
  type SearchJob,
} from '../../src/server/search-runner.js';

const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
const job: SearchJob = {
  arch: gpt3,
  counts: computeModelCounts(gpt3),
  cluster: makeCluster({ gpu: findGpu('a100-80gb') as GpuSpec, gpusPerNode: 8, nodes: 128 }),
  options: { globalBatchSize: 1536, top: 3 },
};

describe('runPlanSearch', () => {
  it('a worker thread returns what the inline search returns, with progress on the way', async () => {
    const progress: number[] = [];
    const [worker, inline] = await Promise.all([
      runPlanSearch(job, { mode: 'worker', progressIntervalSeconds: 0.001, onProgress: (p) => progress.push(p.covered) }),
      runPlanSearch(job, { mode: 'inline' }),
    ]);
    expect(worker.candidates).toBe(inline.candidates);
    expect(worker.feasible).toBe(inline.feasible);
    expect(worker.best.map((c) => c.layout)).toEqual(inline.best.map((c) => c.layout));
    expect(worker.stopReason).toBe('COMPLETE');
    expect(progress.length).toBeGreaterThan(0);
  });

  it('an aborted signal stops the worker’s search: best so far, CANCELLED', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = await runPlanSearch(job, { mode: 'worker', signal: controller.signal });
    expect(out.truncated).toBe(true);
    expect(out.stopReason).toBe('CANCELLED');
    expect(out.covered).toBeLessThan(out.candidates);
  });

  it('input errors from the worker arrive as InvalidInputError naming the field', async () => {
    const error = await runPlanSearch({ ...job, options: { globalBatchSize: 1536, zeroStages: [7 as 0] } }, { mode: 'worker' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('zeroStages');
  });

  it(`runs at most ${MAX_CONCURRENT_SEARCHES} searches at once; the others wait`, async () => {
    let peak = 0;
    const watch = (): void => {
      peak = Math.max(peak, runningSearches());
    };
    const runs = Array.from({ length: MAX_CONCURRENT_SEARCHES + 2 }, () =>
      runPlanSearch(job, { mode: 'worker', progressIntervalSeconds: 0.001, onProgress: watch }).then((out) => {
        watch();
        return out;
      }),
    );
    const outs = await Promise.all(runs);
    expect(peak).toBeLessThanOrEqual(MAX_CONCURRENT_SEARCHES);
    expect(peak).toBeGreaterThan(0);
    for (const out of outs) expect(out.candidates).toBe(outs[0]!.candidates);
    expect(runningSearches()).toBe(0);
  });

  it('idle workers are kept for the next search (at most one per slot) and closed on demand', async () => {
    await runPlanSearch(job, { mode: 'worker' });
    expect(idleSearchWorkers()).toBeGreaterThanOrEqual(1);
    expect(idleSearchWorkers()).toBeLessThanOrEqual(MAX_CONCURRENT_SEARCHES);
    const before = idleSearchWorkers();
    const again = await runPlanSearch(job, { mode: 'worker' });
    expect(again.stopReason).toBe('COMPLETE');
    expect(idleSearchWorkers()).toBe(before);
    await closeSearchWorkers();
    expect(idleSearchWorkers()).toBe(0);
  });
});
