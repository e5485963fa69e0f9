import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { findModelPreset } from '../../src/core/presets.js';
import { resolveLayout } from '../../src/core/plan.js';
import { presetParams } from '../../src/simulation/presets.js';
import { checkpointBytesPerParameterOf, simulationJobFor } from '../../src/simulation/setup.js';

// Llama 3 405B pre-training (Dubey et al. 2024, §3.3): 16,384 H100s as TP 8 × PP 16 × DP 128, 16M-token batches
// (2,048 sequences of 8,192 tokens), 15.6T tokens.
const arch = findModelPreset('llama3-405b')!;
const counts = computeModelCounts(arch);
const cluster = makeCluster({ gpu: findGpu('h100-sxm')!, gpusPerNode: 8, nodes: 2048, gpuHourUsd: 2 });
const layout = resolveLayout(arch, cluster, { globalBatchSize: 2048, tensorParallel: 8, pipelineParallel: 16, dataParallel: 128 });
const run = { arch, counts, cluster, layout, stepSeconds: 10, trainingTokens: 15.6e12 };

describe('simulationJobFor', () => {
  it('derives steps, GPUs and the 6.5 TB checkpoint of Llama 3 405B', () => {
    const job = simulationJobFor(run, presetParams('llama3-405b'), {});
    expect(job.setup.tokensPerStep).toBe(2048 * 8192);
    expect(job.setup.totalSteps).toBe(Math.ceil(15.6e12 / (2048 * 8192)));
    expect(job.setup.gpuCount).toBe(16_384);
    // 16 bytes per parameter (bf16 weights, fp32 master weights, Adam m and v): ≈ 6.5 TB for 405B
    // (reliability-data.md); within 1 % of 16 × 405e9 since the preset's count is 405.8B.
    expect(job.setup.checkpointBytes / (16 * 405e9)).toBeCloseTo(1, 2);
    expect(job.loss).toEqual({ law: 'CHINCHILLA', parameters: counts.totalParameters });
    expect(job.setup).toMatchObject({ seed: 1, replicas: 1, detailedReplicas: 1, checkpointIntervalPolicy: 'DALY' });
    expect(job.pace).toBeNull();
  });

  it('takes the settings given: Kaplan counts non-embedding parameters, detailed replicas ≤ replicas', () => {
    const job = simulationJobFor(run, presetParams('llama3-405b'), {
      lossLaw: 'KAPLAN',
      replicas: 2,
      detailedReplicas: 5,
      checkpointBytes: 1e12,
      pace: 60,
    });
    expect(job.loss).toEqual({ law: 'KAPLAN', parameters: counts.nonEmbeddingParameters });
    expect(job.setup.detailedReplicas).toBe(2);
    expect(job.setup.checkpointBytes).toBe(1e12);
    expect(job.pace).toBe(60);
  });

  it('has no loss curve for adapter fine-tuning, and checkpoints only the adapters', () => {
    const adapter = { method: 'LORA', rank: 16, targets: 'ATTENTION_QV' } as const;
    const job = simulationJobFor({ ...run, layout: { ...layout, adapter } }, presetParams('llama3-405b'), {});
    // Rank 16 on W_q and W_v: 126 layers × 16 × (16,384 + 16,384 + 16,384 + 1,024) ≈ 101M parameters, ≈ 1.6 GB.
    expect(job.loss).toBeNull();
    expect(job.setup.checkpointBytes / (16 * 126 * 16 * (3 * 16_384 + 1_024))).toBeCloseTo(1, 6);
  });

  it('sizes the default checkpoint by the states the plan keeps, 16 B per parameter under mixed-precision Adam', () => {
    // The cited 16 B (6.5 TB for 405B) holds 16-bit weights (2 B) and mixed Adam's fp32 master, m and v (12 B): each
    // layout keeps its weights plus its K (precision.ts), in that proportion.
    expect(checkpointBytesPerParameterOf(layout)).toBe(16);
    // NeMo AutoModel's states: BF16 weights, BF16 moments, no fp32 master → 2 + 2 + 2 = 6 B kept → 16 × 6/14.
    const automodel = { ...layout, masterWeights: false, optimizerMomentPrecision: 'BF16' } as const;
    expect(checkpointBytesPerParameterOf(automodel)).toBeCloseTo((16 * 6) / 14, 12);
    // DeepSeek-V3's BF16 moments with the fp32 master kept: 2 + 4 + 2 + 2 = 10 B.
    expect(checkpointBytesPerParameterOf({ ...layout, optimizerMomentPrecision: 'BF16' })).toBeCloseTo((16 * 10) / 14, 12);
    // FP32 training: 4 B weights + Adam's m and v (8 B), no separate master.
    expect(checkpointBytesPerParameterOf({ ...layout, precision: 'FP32' })).toBeCloseTo((16 * 12) / 14, 12);
    // SGD with momentum under mixed precision: 2 + 4 (master) + 4 (momentum).
    expect(checkpointBytesPerParameterOf({ ...layout, optimizer: 'SGD_MOMENTUM' })).toBeCloseTo((16 * 10) / 14, 12);
    const job = simulationJobFor({ ...run, layout: automodel }, presetParams('llama3-405b'), {});
    expect(job.setup.checkpointBytes / (((16 * 6) / 14) * counts.totalParameters)).toBeCloseTo(1, 12);
    // A size the client gives wins over the default.
    expect(simulationJobFor({ ...run, layout: automodel }, presetParams('llama3-405b'), { checkpointBytes: 1e12 }).setup.checkpointBytes).toBe(1e12);
  });
});
