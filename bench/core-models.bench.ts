/**
 * Speed of the model-count core: `core.modelCountsPerSecond` = computeModelCounts calls per second on one core,
 * cycling through every preset (validation included).
 */
import { computeModelCounts } from '../src/core/model.js';
import { MODEL_PRESETS } from '../src/core/presets.js';
import type { Report } from './run.js';

export async function run(report: Report): Promise<void> {
  const presets = MODEL_PRESETS;
  let sink = 0;
  // Warm-up so the JIT has compiled the hot path before timing.
  for (let i = 0; i < 200_000; i++) sink += computeModelCounts(presets[i % presets.length]!).totalParameters;
  const calls = 2_000_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink += computeModelCounts(presets[i % presets.length]!).modelFlopsPerToken;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!Number.isFinite(sink)) throw new Error('non-finite counts');
  report('core.modelCountsPerSecond', Math.round(calls / seconds));
}
