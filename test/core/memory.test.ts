/**
 * Model-state memory under ZeRO and the largest trainable model, against the ZeRO paper
 * (Rajbhandari, Rasley, Ruwase, He; SC'20, arXiv 1910.02054 v3). GB = 10⁹ bytes, the paper's unit.
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import {
  activationBytesPerLayer,
  DEFAULT_MEMORY_HEADROOM_FRACTION,
  expertParametersPerLayer,
  maxTrainableParameters,
  modelStateMemoryByZeroStage,
  stageMemory,
} from '../../src/core/memory.js';
import { architectureWithDefaults, computeModelCounts, replicatedKvParametersPerRank } from '../../src/core/model.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { bytesPerParameter, optimizerStateBytesFor } from '../../src/core/precision.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ModelArchitecture, ZeroStage } from '../../src/core/types.js';

const GB = 1e9;

describe('ZeRO Figure 1: Ψ = 7.5B, N_d = 64, K = 12 (tolerance 0.1 GB)', () => {
  const rows = modelStateMemoryByZeroStage(7.5e9, 64, 'ADAM', 'FP16');
  const expected: Array<[ZeroStage, number]> = [
    [0, 120],
    [1, 31.4],
    [2, 16.6],
    [3, 1.9],
  ];
  for (const [stage, gb] of expected) {
    it(`stage ${stage}: ${gb} GB`, () => {
      const row = rows.find((r) => r.stage === stage)!;
      expect(Math.abs(row.totalBytes / GB - gb)).toBeLessThanOrEqual(0.1);
      expect(row.totalBytes).toBeCloseTo(row.parametersBytes + row.gradientsBytes + row.optimizerStatesBytes, 0);
    });
  }
  it('K = 12 for mixed-precision Adam and AdamW (ZeRO §3.1); 16 bytes per parameter in all', () => {
    expect(optimizerStateBytesFor('ADAM', 'BF16')).toBe(12);
    expect(optimizerStateBytesFor('ADAMW', 'FP16')).toBe(12);
    expect(bytesPerParameter('BF16', 'ADAM').totalBytes).toBe(16);
  });
});

/**
 * ZeRO paper Table 1 (arXiv v3): per-device model-state memory (GB) vs DP degree, for P_os / P_os+g / P_os+g+p.
 * The paper mixes rounding and truncation: allow one unit in the last printed digit (printed as strings here so
 * the unit is read off the printed figure).
 */
const PER_DP_TABLE: Array<[number, string[], string[], string[]]> = [
  // N_d, 7.5B, 128B, 1T
  [1, ['120', '120', '120'], ['2048', '2048', '2048'], ['16000', '16000', '16000']],
  [4, ['52.5', '41.3', '30'], ['896', '704', '512'], ['7000', '5500', '4000']],
  [16, ['35.6', '21.6', '7.5'], ['608', '368', '128'], ['4750', '2875', '1000']],
  [64, ['31.4', '16.6', '1.88'], ['536', '284', '32'], ['4187', '2218', '250']],
  [256, ['30.4', '15.4', '0.47'], ['518', '263', '8'], ['4046', '2054', '62.5']],
  [1024, ['30.1', '15.1', '0.12'], ['513', '257', '2'], ['4011', '2013', '15.6']],
];

function lastDigitUnit(printed: string): number {
  const dot = printed.indexOf('.');
  return dot < 0 ? 1 : 10 ** -(printed.length - dot - 1);
}

describe('ZeRO Table 1: all 54 cells of model-state memory per DP degree (one unit in the last printed digit)', () => {
  const models: Array<[string, number]> = [
    ['7.5B', 7.5e9],
    ['128B', 128e9],
    ['1T', 1e12],
  ];
  for (const [nd, ...cells] of PER_DP_TABLE) {
    models.forEach(([name, psi], m) => {
      const printed = cells[m]!;
      ([1, 2, 3] as const).forEach((stage, i) => {
        const text = printed[i]!;
        it(`${name}, N_d = ${nd}, stage ${stage}: ${text} GB`, () => {
          const ours = modelStateMemoryByZeroStage(psi, nd, 'ADAM', 'FP16')[stage]!.totalBytes / GB;
          expect(Math.abs(ours - Number(text))).toBeLessThanOrEqual(lastDigitUnit(text) * 1.0000001);
        });
      });
    });
  }
  it('covers 54 cells', () => {
    expect(PER_DP_TABLE.length * 3 * 3).toBe(54);
  });
});

describe('ZeRO Table 2: largest model whose model states fit a 32 GB V100 (tolerance 2 %)', () => {
  // The paper counts 32 GB as 32·10⁹ bytes, as the catalog does for the V100-32GB.
  const v100 = findGpu('v100-32gb') as GpuSpec;
  const table: Array<[number, [number, number, number, number]]> = [
    [1, [2e9, 7.6e9, 14.4e9, 128e9]],
    [2, [4e9, 15.2e9, 28.8e9, 256e9]],
    // The P_os+g+p column prints 0.5T / 1T / 2T: the paper scales its MP = 1 value (128B × MP = 512B, 1,024B,
    // 2,048B), so "T" there means 1,024B; reading 0.5T as 500B would be a 2.4 % artefact of the printing.
    [4, [8e9, 30.4e9, 57.6e9, 4 * 128e9]],
    [8, [16e9, 60.8e9, 115.2e9, 8 * 128e9]],
    [16, [32e9, 121.6e9, 230.4e9, 16 * 128e9]],
  ];
  it('uses the paper’s 32·10⁹-byte V100', () => {
    expect(v100.memoryBytes).toBe(32e9);
  });
  for (const [mp, values] of table) {
    values.forEach((published, stage) => {
      it(`MP ${mp}, ${64 * mp} GPUs, stage ${stage}: ${published / 1e9}B`, () => {
        const ours = maxTrainableParameters({
          gpu: v100,
          gpus: 64 * mp,
          zeroStage: stage as ZeroStage,
          tensorParallel: mp,
          optimizer: 'ADAM',
          precision: 'FP16',
        });
        expect(Math.abs(ours / published - 1)).toBeLessThanOrEqual(0.02);
      });
    });
  }
  it('model parallelism may also come from pipeline stages (t·p is what divides the parameters)', () => {
    const viaTp = maxTrainableParameters({ gpu: v100, gpus: 256, zeroStage: 2, tensorParallel: 4 });
    const viaPp = maxTrainableParameters({ gpu: v100, gpus: 256, zeroStage: 2, tensorParallel: 2, pipelineParallel: 2 });
    expect(viaPp).toBeCloseTo(viaTp, -3);
  });
  it('activations lower the bound; the paper’s measured 1.3B with plain DP on 64 GPUs stays within it', () => {
    // ZeRO Table 2 "measured": 1.3B trained with plain DP on 64 V100s. GPT-2-like shape (h = 1,600, 25 heads),
    // sequence 1K, micro-batch 1, no FlashAttention (2019).
    const shape = { hiddenSize: 1600, attentionHeads: 25, sequenceLength: 1024 };
    const statesOnly = maxTrainableParameters({ gpu: v100, gpus: 64, zeroStage: 0, precision: 'FP16' });
    const noRecompute = maxTrainableParameters({
      gpu: v100, gpus: 64, zeroStage: 0, precision: 'FP16', includeActivations: { ...shape, recompute: 'NONE' },
    });
    const fullRecompute = maxTrainableParameters({
      gpu: v100, gpus: 64, zeroStage: 0, precision: 'FP16', includeActivations: { ...shape, recompute: 'FULL' },
    });
    expect(noRecompute).toBeLessThan(fullRecompute);
    expect(fullRecompute).toBeLessThan(statesOnly);
    expect(noRecompute).toBeGreaterThan(1.3e9);
  });
  it('rejects GPU counts that do not divide into t·p', () => {
    expect(() => maxTrainableParameters({ gpu: v100, gpus: 100, zeroStage: 1, tensorParallel: 8 })).toThrow(/gpus/);
  });
});

describe('bytes per parameter by optimizer and precision', () => {
  it('FP32 training has no master copy: Adam K = 8, 16 bytes in all', () => {
    expect(bytesPerParameter('FP32', 'ADAM')).toEqual({
      parameterBytes: 4,
      gradientBytes: 4,
      optimizerStateBytes: 8,
      totalBytes: 16,
    });
  });
  it('SGD-momentum K = 8 mixed (master + momentum); Adafactor ≈ 4 (master; factored second moment)', () => {
    expect(optimizerStateBytesFor('SGD_MOMENTUM', 'BF16')).toBe(8);
    expect(optimizerStateBytesFor('ADAFACTOR', 'BF16')).toBe(4);
  });
  it('8-bit Adam (Dettmers et al. 2022): 2 bytes of states + 4 of fp32 master, plus block constants', () => {
    const k = optimizerStateBytesFor('ADAM_8BIT', 'BF16');
    expect(k).toBeGreaterThan(6);
    expect(k).toBeLessThan(6.01);
  });
  it('FP8 (Transformer Engine) keeps BF16 weights and fp32 masters: same model states as BF16', () => {
    expect(bytesPerParameter('FP8', 'ADAM')).toEqual(bytesPerParameter('BF16', 'ADAM'));
  });
});

/**
 * Llama 3 paper (Dubey et al. 2024) §3.3.2 and Table 4: 405B pre-trained on 16,384 H100-80GB with TP 8, CP 1, PP 16,
 * DP 128, sequences of 8,192, 16 sequences per DP rank, "without activation checkpointing"; FSDP "shards optimizer
 * states and gradients, but for model shards we do not reshard after forward" (= ZeRO-2 during a step); one layer
 * fewer on the first and last stage (126 layers in 16 × 8 slots: the first stage holds 7 layers and the embedding).
 * Published fact reproduced: that first stage fits in 80 GB. Assumed: micro-batch 1 (16 micro-batches = PP, so the
 * first stage holds all 16 in flight under 1F1B and under any interleaving), sequence parallel, FlashAttention,
 * BF16 + Adam, no dropout (Llama recipe).
 */
describe('Llama 3 405B, published 16,384-GPU layout: the first pipeline stage fits in 80 GB', () => {
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const preset = findModelPreset('llama3-405b') as ModelArchitecture;
  // 7 layers on each of 16 stages: stage 0 is then exactly the paper's first stage (7 layers + embedding).
  const firstStage = (zeroStage: ZeroStage, dropout: boolean) => {
    const arch = { ...preset, layers: 7 * 16, dropout };
    const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 16384 / 8 });
    const layout = resolveLayout(arch, cluster, {
      tensorParallel: 8,
      pipelineParallel: 16,
      globalBatchSize: 2048,
      microBatchSize: 1,
      sequenceParallel: true,
      flashAttention: true,
      recompute: 'NONE',
      zeroStage,
      precision: 'BF16',
      optimizer: 'ADAM',
    });
    expect(layout.dataParallel).toBe(128);
    return stageMemory(arch, computeModelCounts(arch), cluster, layout, undefined, 0);
  };
  const usable = h100.memoryBytes * (1 - DEFAULT_MEMORY_HEADROOM_FRACTION);

  it('FSDP (ZeRO-2), no dropout: ≈ 69 GB, within the 80 GB (less the default headroom)', () => {
    const m = firstStage(2, false);
    // 16 micro-batches × 7 layers; per layer with SP (all / t): s·b·(8h + 4h + 4·h_kv + 6f)/8 bytes.
    const [s, h, kv, f] = [8192, 16384, 1024, 53248];
    expect(m.activationsBytes).toBe(16 * 7 * ((s * (8 * h + 4 * h + 4 * kv + 6 * f)) / 8));
    expect(m.totalBytes).toBeLessThanOrEqual(usable);
    expect(m.totalBytes / GB).toBeGreaterThan(60); // activations alone are 59.7 GB: the fit is not slack
  });

  it('the GPT recipe would fill the same stage: dropout masks and unsharded gradients (ZeRO-1) add ≈ 9 GB', () => {
    const published = firstStage(2, false);
    const gptRecipe = firstStage(1, true);
    // 7.3 GB of masks + 0.9 GB of full fp16 gradients and the optimizer shard: 8.7 GB (tolerance 0.5 GB), > 97 % of 80 GB.
    expect(Math.abs((gptRecipe.totalBytes - published.totalBytes) / GB - 8.7)).toBeLessThan(0.5);
    expect(gptRecipe.totalBytes / h100.memoryBytes).toBeGreaterThan(0.97);
    // The masks alone: 2sbh/t per layer-micro-batch (hidden masks; FlashAttention regenerates the attention mask).
    expect(firstStage(2, true).activationsBytes - published.activationsBytes).toBe(16 * 7 * ((2 * 8192 * 16384) / 8));
  });
});

describe('GQA/MQA with more tensor-parallel ranks than K/V heads: each rank keeps one whole K and V head', () => {
  // Megatron-Core attention.py: when num_query_groups < TP size, every rank holds one query group (one K and one V
  // head of headDim columns each) instead of kvHeads/t of them; the replicas' weights, gradients and optimizer
  // states are real bytes on every rank.
  const a100 = findGpu('a100-80gb') as GpuSpec;
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 1 });
  const mqa = architectureWithDefaults({ layers: 8, hiddenSize: 4096, attentionHeads: 32, kvHeads: 1, vocabSize: 32000, sequenceLength: 2048, linearBiases: false });
  const sameWithKv8 = { ...mqa, kvHeads: 8 };
  const parametersOnGpu = (arch: ModelArchitecture) => {
    const layout = resolveLayout(arch, cluster, { tensorParallel: 8, globalBatchSize: 8, zeroStage: 0, precision: 'BF16', recompute: 'FULL' });
    return stageMemory(arch, computeModelCounts(arch), cluster, layout, undefined, 0).parametersBytes;
  };

  it('MQA at TP 8: per GPU = parameters/8 + 8 layers × 2 × 128 × 4,096 × (1 − 1/8) replicated K/V weights, 2 bytes each', () => {
    const counts = computeModelCounts(mqa);
    const replicatedPerLayer = 2 * 128 * 4096 * (1 - 1 / 8);
    expect(replicatedKvParametersPerRank(mqa, 8)).toBe(replicatedPerLayer);
    expect(parametersOnGpu(mqa)).toBeCloseTo(2 * (counts.totalParameters / 8 + 8 * replicatedPerLayer), 0);
  });
  it('with kvHeads = t nothing is replicated, and MQA then holds exactly what one K/V head per rank needs', () => {
    expect(replicatedKvParametersPerRank(sameWithKv8, 8)).toBe(0);
    expect(replicatedKvParametersPerRank(mqa, 1)).toBe(0);
    // Each rank's K/V weights are the same as with 8 K/V heads split 8 ways: one head of 128 columns each.
    const kvPerRankMqa = (2 * 128 * 4096 * 1) / 8 + replicatedKvParametersPerRank(mqa, 8);
    const kvPerRankKv8 = (2 * 128 * 4096 * 8) / 8;
    expect(kvPerRankMqa).toBe(kvPerRankKv8);
    expect(parametersOnGpu(mqa)).toBeCloseTo(parametersOnGpu(sameWithKv8), 0);
  });
});

describe('heads wider than the model (Gemma 7B: 16 heads of 256 on d_model 3,072)', () => {
  // Korthikanti et al. 2022 §4.1 stores Q (2sbh), K and V (2sbh each for MHA) and the projection input (2sbh); all
  // four are heads·headDim = 4,096 wide here, not h = 3,072. Weights follow computeModelCounts (Gemma Table 2).
  const a100 = findGpu('a100-80gb') as GpuSpec;
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 1 });
  const gemma = findModelPreset('gemma-7b') as ModelArchitecture;
  const { headDim: _omit, ...narrow } = gemma;
  it.each([1, 2, 4])('TP %i: activations per layer grow by exactly 2 bytes × s·b × (4 × 1,024 extra columns) / t', (t) => {
    const layout = resolveLayout(gemma, cluster, { tensorParallel: t, globalBatchSize: 8, precision: 'BF16', recompute: 'NONE', flashAttention: true });
    const sb = 8192 * layout.microBatchSize;
    expect(activationBytesPerLayer(gemma, layout) - activationBytesPerLayer(narrow, layout)).toBe((2 * sb * 4 * 1024) / t);
  });
  it('TP 8, ZeRO 0: the weights on a GPU are the published 8.54B / 8 (no K/V replicas with 16 K/V heads), 2 bytes each', () => {
    const layout = resolveLayout(gemma, cluster, { tensorParallel: 8, globalBatchSize: 8, zeroStage: 0, precision: 'BF16', recompute: 'FULL' });
    expect(stageMemory(gemma, computeModelCounts(gemma), cluster, layout, undefined, 0).parametersBytes).toBeCloseTo((2 * 8_537_680_896) / 8, -3);
  });
});

describe('DeepSeek-V3 on a GPU: latent attention and dense layers (DeepSeek-V2 §2.1; DeepSeek-V3 §4.2)', () => {
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 8 });
  const v3 = findModelPreset('deepseek-v3') as ModelArchitecture;
  const counts = computeModelCounts(v3);
  it('EP 64, ZeRO 0: every GPU holds the dense part and 1/64 of the 58 MoE layers\' routed experts, exactly (+ the MTP module, §2.2)', () => {
    const layout = resolveLayout(v3, cluster, { expertParallel: 64, globalBatchSize: 64, zeroStage: 0, precision: 'BF16', recompute: 'FULL' });
    // The MTP module (depth 1) is one more MoE block, its two RMSNorms and the 2h → h projection: 256 routed experts
    // split over EP, the rest whole; it shares the embedding and the head.
    const mtpRouted = 256 * 3 * 7168 * 2048;
    const mtpDense = counts.attentionParametersPerLayer + 3 * 7168 * 2048 + 7168 * 256 + 7168 + 2 * 7168 * 7168 + 2 * 7168;
    const routed = 58 * 256 * 3 * 7168 * 2048;
    const expected = 2 * (counts.totalParameters - routed + routed / 64 + mtpDense + mtpRouted / 64);
    expect(stageMemory(v3, counts, cluster, layout, undefined, 0).parametersBytes / expected).toBeCloseTo(1, 12);
  });
  it('the layer also keeps its latents: query 1,536 + key/value 512 (and their norm inputs) and the 64-wide rotary key', () => {
    // The same layer with plain attention of the same widths (heads of (192 + 128)/2 = 160) stores everything else alike.
    const { latentAttention: _mla, ...plain } = { ...v3, headDim: 160 };
    const layout = resolveLayout(v3, cluster, { expertParallel: 64, globalBatchSize: 64, precision: 'BF16', recompute: 'NONE', flashAttention: true });
    const sb = 4096 * layout.microBatchSize;
    expect(activationBytesPerLayer(v3, layout) - activationBytesPerLayer(plain, layout)).toBe(sb * (4 * (1536 + 512) + 2 * 64));
    // FULL recompute keeps only the layer input: no latents.
    const full = { ...layout, recompute: 'FULL' as const };
    expect(activationBytesPerLayer(v3, full)).toBe(activationBytesPerLayer(plain, full));
  });
});

describe('expertTensorParallel: routed experts split ETP × EP ways, sharded over TP·CP·DP/(ETP·EP) (Megatron-Core MoE parallel folding)', () => {
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const mixtral = findModelPreset('mixtral-8x7b') as ModelArchitecture;
  const counts = computeModelCounts(mixtral);
  // 16 H100s as TP 2 × DP 8, EP 4: valid with ETP = TP (4 | 8) and with ETP = 1 (4 | 16).
  const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 2 });
  const base = { tensorParallel: 2, expertParallel: 4, sequenceParallel: true, globalBatchSize: 64, precision: 'BF16' as const, recompute: 'FULL' as const };
  // Routed experts of Mixtral: 32 layers × 8 experts × 3 · 4,096 · 14,336 (no biases); the rest (attention, router,
  // norms, embeddings) is dense and split by TP 2 (8 K/V heads: no replicas at TP 2).
  const routed = 32 * 8 * 3 * 4096 * 14336;
  const dense = counts.totalParameters - routed;

  it('ZeRO 0: ETP 1 holds twice the routed-expert weights of ETP = TP at the same EP, the dense ones alike (exact bytes)', () => {
    const at = (etp: number) =>
      stageMemory(mixtral, counts, cluster, resolveLayout(mixtral, cluster, { ...base, zeroStage: 0, expertTensorParallel: etp }), undefined, 0);
    expect(expertParametersPerLayer(mixtral) * 32).toBe(routed);
    expect(at(2).parametersBytes).toBe(2 * (dense / 2 + routed / (2 * 4)));
    expect(at(1).parametersBytes).toBe(2 * (dense / 2 + routed / (1 * 4)));
    expect(at(1).parametersBytes - at(2).parametersBytes).toBe(2 * (routed / 8));
    // The tokens a rank's experts hold are the same bytes either way (activations.ts): k·sb/t copies at full f, or
    // k·sb copies at f/t.
    expect(at(1).activationsBytes).toBe(at(2).activationsBytes);
  });

  it('ZeRO 1: the expert optimizer shard group grows from DP/EP = 2 to TP·DP/(ETP·EP) = 4, so the sharded states are equal', () => {
    const at = (etp: number) =>
      stageMemory(mixtral, counts, cluster, resolveLayout(mixtral, cluster, { ...base, zeroStage: 1, expertTensorParallel: etp }), undefined, 0);
    const k = optimizerStateBytesFor('ADAM', 'BF16');
    expect(at(2).optimizerStatesBytes).toBe(k * (dense / 2 / 8 + routed / 8 / 2));
    expect(at(1).optimizerStatesBytes).toBe(k * (dense / 2 / 8 + routed / 4 / 4));
    expect(at(1).optimizerStatesBytes).toBe(at(2).optimizerStatesBytes);
  });

  it('default unchanged: DeepSeek-V3 (TP 2, PP 8, EP 16, DualPipe) and Mixtral give identical memory and step with ETP omitted or = TP', () => {
    const v3 = findModelPreset('deepseek-v3') as ModelArchitecture;
    const big = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 32 });
    const v3Input = { tensorParallel: 2, pipelineParallel: 8, expertParallel: 16, sequenceParallel: true, globalBatchSize: 1024, zeroStage: 1 as ZeroStage, pipelineSchedule: 'DUALPIPE' as const };
    const cases: [ModelArchitecture, ReturnType<typeof makeCluster>, Parameters<typeof resolveLayout>[2]][] = [
      [v3, big, v3Input],
      [mixtral, cluster, { ...base, zeroStage: 2 }],
    ];
    for (const [arch, c, input] of cases) {
      const archCounts = computeModelCounts(arch);
      const omitted = evaluatePlan(arch, archCounts, c, resolveLayout(arch, c, input), { expertLoadImbalance: 1.3 });
      const same = evaluatePlan(arch, archCounts, c, resolveLayout(arch, c, { ...input, expertTensorParallel: input.tensorParallel }), { expertLoadImbalance: 1.3 });
      expect(same).toStrictEqual(omitted);
      // A layout that carries expertTensorParallel = TP explicitly (not what resolveLayout builds) answers the same.
      const explicit = evaluatePlan(arch, archCounts, c, { ...resolveLayout(arch, c, input), expertTensorParallel: input.tensorParallel }, { expertLoadImbalance: 1.3 });
      expect(explicit).toStrictEqual(omitted);
    }
  });
});
