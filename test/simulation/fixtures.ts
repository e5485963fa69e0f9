import type { SimulationSetup } from '../../src/simulation/engine.js';
import { presetParams } from '../../src/simulation/presets.js';

export const DAY = 86_400;

/**
 * Llama 3 405B (Llama 3 paper, 2024): 16,384 H100s, 54-day snapshot, 16M-token batches; ≈ 6 s per step
 * (3.8e25 FLOPs over 15.6T tokens at ≈ 400 TFLOP/s per GPU); checkpoint ≈ 16 bytes/parameter = 6.48 TB.
 * 100 replicas, none detailed, unless overridden.
 */
export function llama3Setup(overrides: Partial<SimulationSetup> = {}): SimulationSetup {
  return {
    nominalStepSeconds: 6,
    tokensPerStep: 16 * 2 ** 20,
    totalSteps: 1_000_000,
    gpuCount: 16_384,
    gpusPerNode: 8,
    gpuHourUsd: 2,
    checkpointBytes: 16 * 405e9,
    reliability: presetParams('llama3-405b'),
    horizonSeconds: 54 * DAY,
    seed: 1,
    replicas: 100,
    detailedReplicas: 0,
    ...overrides,
  };
}
