/**
 * Low-rank adapter fine-tuning (src/core/adapter.ts and its use in memory.ts, performance.ts, search.ts) against the
 * LoRA paper (Hu et al. 2021, arXiv 2106.09685 v2, §4.2 "Practical benefits") and QLoRA (Dettmers et al. 2023, §3).
 */
import { describe, expect, it } from 'vitest';
import { adapterFlopsPerToken, adapterParametersPerLayer, QLORA_BASE_BYTES_PER_PARAMETER } from '../../src/core/adapter.js';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { stageMemory } from '../../src/core/memory.js';
import { computeModelCounts } from '../../src/core/model.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import { searchPlans } from '../../src/core/search.js';
import type { GpuSpec, LowRankAdapter, ModelArchitecture, ParallelLayout } from '../../src/core/types.js';
import { fieldOf } from './field-of.js';

const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
const gpt3Counts = computeModelCounts(gpt3);
const a100 = findGpu('a100-80gb') as GpuSpec;
const cluster1024 = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 128 });
/** The paper's GPT-3 setting: r = 4 on W_q and W_v. */
const paperLora: LowRankAdapter = { method: 'LORA', rank: 4, targets: 'ATTENTION_QV' };

describe('LoRA on GPT-3 175B (Hu et al. 2021 §4.2)', () => {
  it('"with r = 4 and only the query and value projection matrices being adapted, the checkpoint size is reduced by roughly 10,000× (from 350GB to 35MB)" (10 %)', () => {
    // 96 layers × (4 × (12,288 + 12,288)) × 2 matrices = 18,874,368 adapter weights; 2 bytes each in 16-bit.
    const adapterWeights = 96 * adapterParametersPerLayer(gpt3, paperLora);
    expect(adapterWeights).toBe(96 * 2 * 4 * (12_288 + 12_288));
    const adapterBytes = 2 * adapterWeights;
    const fullBytes = 2 * gpt3Counts.totalParameters;
    expect(Math.abs(adapterBytes / 35e6 - 1)).toBeLessThan(0.1);
    expect(Math.abs(fullBytes / 350e9 - 1)).toBeLessThan(0.01);
    expect(Math.abs(fullBytes / adapterBytes / 10_000 - 1)).toBeLessThan(0.1);
  });
  it('"a 25% speedup during training on GPT-3 175B compared to full fine-tuning": 1.26× on the 2021 recipe, inside 1.25–1.33 ± 10 %', () => {
    // The paper does not say whether 25 % is throughput (1.25×) or time (1/0.75 = 1.33×); both bound the band. The
    // gain is the frozen weights' missing weight gradients (6 → 4 FLOPs per weight per token) minus what stays.
    const step = (adapter?: LowRankAdapter) => {
      const layout = resolveLayout(gpt3, cluster1024, {
        tensorParallel: 8, pipelineParallel: 8, globalBatchSize: 1536, microBatchSize: 1, recompute: 'FULL', zeroStage: 1,
        ...(adapter === undefined ? {} : { adapter }),
      });
      return evaluatePlan(gpt3, gpt3Counts, cluster1024, layout).performance.stepSeconds;
    };
    const speedup = step() / step(paperLora);
    expect(speedup).toBeGreaterThan(1.25 * 0.9);
    expect(speedup).toBeLessThan(1.33 * 1.1);
  });
  it('model FLOPs per token: forward 24h² + 4sh per layer and 2Vh for the head, then input gradients only (2×) for the frozen matmuls, 3× for the scores, 6 per adapter weight', () => {
    // Narayanan et al. 2021 eq. 3's terms for a GPT layer: matmuls 24·h² per token forward, scores 4·s·h.
    const [L, h, s, V] = [96, 12_288, 2048, gpt3.vocabSize];
    const adapterWeights = 96 * adapterParametersPerLayer(gpt3, paperLora);
    const expected = 2 * (L * 24 * h * h + 2 * V * h) + 3 * L * 4 * s * h + 6 * adapterWeights;
    const got = adapterFlopsPerToken(gpt3, gpt3Counts, paperLora, 'NONE');
    expect(got.model / expected).toBeCloseTo(1, 12);
    // Full recompute re-runs one forward, adapters included.
    expect((adapterFlopsPerToken(gpt3, gpt3Counts, paperLora, 'FULL').hardware - got.model) / (L * (24 * h * h + 4 * s * h) + 2 * adapterWeights)).toBeCloseTo(1, 12);
  });
});

describe('memory with frozen weights', () => {
  const layoutFor = (adapter: LowRankAdapter | undefined, zeroStage: 0 | 1 | 2 | 3): ParallelLayout =>
    resolveLayout(gpt3, cluster1024, {
      tensorParallel: 8, pipelineParallel: 8, globalBatchSize: 1536, recompute: 'FULL', zeroStage, ...(adapter === undefined ? {} : { adapter }),
    });
  it.each([0, 1, 2, 3] as const)('ZeRO-%i: gradients and optimizer states for the adapters only, sharded as ZeRO shards them; frozen weights at 2 bytes', (zero) => {
    const memory = stageMemory(gpt3, gpt3Counts, cluster1024, layoutFor(paperLora, zero), undefined, 1);
    const full = stageMemory(gpt3, gpt3Counts, cluster1024, layoutFor(undefined, zero), undefined, 1);
    // A middle stage: 12 layers, nothing else; TP 8, DP 16.
    const adapters = (12 * adapterParametersPerLayer(gpt3, paperLora)) / 8;
    const weights = full.parametersBytes / 2 / (zero === 3 ? 1 / 16 : 1);
    const shard = (stage: number) => (zero >= stage ? 16 : 1);
    expect(memory.gradientsBytes).toBeCloseTo((2 * adapters) / shard(2), 3);
    expect(memory.optimizerStatesBytes).toBeCloseTo((12 * adapters) / shard(1), 3);
    expect(memory.parametersBytes).toBeCloseTo((2 * weights + 2 * adapters) / shard(3), 0);
    expect(memory.activationsBytes).toBe(full.activationsBytes);
  });
  it('QLoRA stores the layers\' frozen weights in 4.127 bits (NF4 + double quantization, Dettmers et al. 2023 §3: 0.127 bits of constants)', () => {
    expect(QLORA_BASE_BYTES_PER_PARAMETER * 8).toBeCloseTo(4.127, 3);
    const llama = findModelPreset('llama2-7b') as ModelArchitecture;
    const counts = computeModelCounts(llama);
    const one = makeCluster({ gpu: a100, gpusPerNode: 1, nodes: 1 });
    const bytes = (method: 'LORA' | 'QLORA') =>
      stageMemory(llama, counts, one, resolveLayout(llama, one, { globalBatchSize: 8, adapter: { method, rank: 16, targets: 'ALL_LINEAR' } }), undefined, 0).parametersBytes;
    // Only the 32 layers' weights change format; embeddings, head and final norm stay 16-bit.
    const layerWeights = 32 * counts.parametersPerLayer;
    expect((bytes('LORA') - bytes('QLORA')) / (layerWeights * (2 - QLORA_BASE_BYTES_PER_PARAMETER))).toBeCloseTo(1, 12);
    // Llama 2 7B in QLoRA: ≈ 3.3 GB of frozen layers + 0.5 GB of embeddings and head.
    expect(bytes('QLORA') / 1e9).toBeGreaterThan(3.5);
    expect(bytes('QLORA') / 1e9).toBeLessThan(4.5);
  });
});

describe('adapters in the search and what is refused', () => {
  it('a search with an adapter gives every candidate the adapter and no offload; faster than full training of the same space', () => {
    const llama = findModelPreset('llama2-7b') as ModelArchitecture;
    const counts = computeModelCounts(llama);
    const node = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 1 });
    const adapter: LowRankAdapter = { method: 'LORA', rank: 16, targets: 'ALL_LINEAR' };
    const tuned = searchPlans(llama, counts, node, { globalBatchSize: 64, adapter, top: 5 });
    for (const c of tuned.best) {
      expect(c.layout.adapter).toEqual(adapter);
      expect(c.layout.offload).toBe('NONE');
    }
    const full = searchPlans(llama, counts, node, { globalBatchSize: 64, top: 1, offloads: ['NONE'] });
    expect(tuned.best[0]!.timeSeconds).toBeLessThan(full.best[0]!.timeSeconds);
    expect(fieldOf(() => searchPlans(llama, counts, node, { globalBatchSize: 64, adapter, offloads: ['OPTIMIZER_CPU'] }))).toBe('offloads');
  });
  const plan = (arch: ModelArchitecture, patch: Record<string, unknown>) => () =>
    resolveLayout(arch, makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 1 }), { globalBatchSize: 8, ...patch } as never);
  const llama = findModelPreset('llama2-7b') as ModelArchitecture;
  it.each([
    ['rank 0', llama, { adapter: { method: 'LORA', rank: 0, targets: 'ATTENTION' } }, 'plan.adapter.rank'],
    ['rank above the width', llama, { adapter: { method: 'LORA', rank: 4097, targets: 'ATTENTION' } }, 'plan.adapter.rank'],
    ['unknown method', llama, { adapter: { method: 'DORA', rank: 8, targets: 'ATTENTION' } }, 'plan.adapter.method'],
    ['unknown targets', llama, { adapter: { method: 'LORA', rank: 8, targets: 'EMBEDDINGS' } }, 'plan.adapter.targets'],
    ['an MoE model', findModelPreset('mixtral-8x7b') as ModelArchitecture, { adapter: { method: 'LORA', rank: 8, targets: 'ATTENTION' } }, 'plan.adapter'],
    ['latent attention', findModelPreset('deepseek-v2') as ModelArchitecture, { adapter: { method: 'LORA', rank: 8, targets: 'ATTENTION' } }, 'plan.adapter'],
    ['offload with an adapter', llama, { zeroStage: 3, offload: 'OPTIMIZER_CPU', adapter: { method: 'QLORA', rank: 8, targets: 'ATTENTION' } }, 'plan.offload'],
  ] as const)('%s → %s', (_name, arch, patch, field) => {
    expect(fieldOf(plan(arch, patch))).toBe(field);
  });
});
