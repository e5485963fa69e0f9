/**
 * Step time against published measurements: Megatron-LM at scale (Narayanan et al., SC'21, "Efficient Large-Scale
 * Language Model Training on GPU Clusters"), weak-scaling rows and end-to-end training-time examples.
 * Setting of the paper: A100-80GB, 8 per DGX node, vocabulary 51,200, sequence 2,048, mixed precision, full
 * activation recompute, no FlashAttention (2021), synchronous pipeline send/recv (Megatron-LM 2021
 * p2p_communication.py waits on batch_isend_irecv: overlapPipelineCommunication = false), plain TP all-reduces (no
 * sequence parallel), ZeRO 0. The weak-scaling rows use each run's published configuration (micro-batch,
 * interleaving, DDP implementation) from NVIDIA/Megatron-LM examples/sc21/run_table_1.sh; tests that only need "a
 * Megatron-style run" use megatronRun (micro-batch 1, interleave 2 where pipelined).
 */
import { describe, expect, it } from 'vitest';
import { collectiveSeconds, pointToPointSeconds } from '../../src/core/communication.js';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { architectureWithDefaults, computeModelCounts } from '../../src/core/model.js';
import {
  MATMUL_EFFICIENCY_MAX,
  OVERLAP_COMPUTE_SLOWDOWN,
  STEP_TIME_MODEL_ACCURACY_FRACTION,
  matmulEfficiency,
} from '../../src/core/performance.js';
import { activationBytesPerLayer } from '../../src/core/memory.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { fieldOf } from './field-of.js';
import { SC21_TABLE_1, sc21Run } from './sc21-fixtures.js';
import { STANDARD_CASE_LAYOUT } from './search-fixtures.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ModelArchitecture } from '../../src/core/types.js';
import { LLAMA3_LAYOUT } from '../../src/core/validation/runs.js';

const a100 = findGpu('a100-80gb') as GpuSpec;

function megatronRun(
  presetId: string,
  tensorParallel: number,
  pipelineParallel: number,
  gpus: number,
  globalBatchSize: number,
  trainingTokens?: number,
  pipelineInterleave = pipelineParallel > 1 ? 2 : 1,
) {
  const arch = findModelPreset(presetId) as ModelArchitecture;
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: gpus / 8 });
  const layout = resolveLayout(arch, cluster, {
    tensorParallel,
    pipelineParallel,
    globalBatchSize,
    microBatchSize: 1,
    pipelineInterleave,
    recompute: 'FULL',
    flashAttention: false,
    precision: 'FP16',
  });
  const options = { overlapPipelineCommunication: false, ...(trainingTokens ? { trainingTokens } : {}) };
  return { arch, estimate: evaluatePlan(arch, computeModelCounts(arch), cluster, layout, options) };
}

/** Narayanan et al. 2021 eq. 3: FLOPs per iteration counted with the recompute forward (hardware FLOPs). */
function megatronFlopsPerIteration(B: number, s: number, l: number, h: number, V: number): number {
  return 96 * B * s * l * h * h * (1 + s / (6 * h) + V / (16 * l * h));
}

describe('Megatron-LM 2021 weak-scaling table, each run with its published configuration (hardware TFLOP/s per GPU)', () => {
  for (const row of SC21_TABLE_1) {
    const { preset, tensorParallel: t, pipelineParallel: p, microBatchSize: b, gpus, globalBatchSize, publishedTflops } = row;
    it(`${preset}: TP ${t}, PP ${p}, micro-batch ${b}, ${gpus} GPUs, batch ${globalBatchSize} → ${publishedTflops} (10 %)`, () => {
      const { arch, estimate } = sc21Run(row);
      expect(estimate.fits).toBe(true);
      const ours = estimate.performance.hardwareFlopsPerSecondPerGpu / 1e12;
      const deviation = ours / publishedTflops - 1;
      expect(Math.abs(deviation)).toBeLessThanOrEqual(0.1);
      // Our hardware FLOPs are the paper's eq. 3 count (same convention), within 0.5 % (biases, norms differ).
      const paper = megatronFlopsPerIteration(globalBatchSize, 2048, arch.layers, arch.hiddenSize, arch.vocabSize);
      expect(Math.abs(estimate.performance.hardwareFlopsPerStep / paper - 1)).toBeLessThan(0.005);
    });
  }
  it('every row is within 4.5 %, about the accuracy the planner states (STEP_TIME_MODEL_ACCURACY_FRACTION, the validation suite\'s mean |error|)', () => {
    // Until the validation suite (test/core/validation.test.ts) the planner's stated accuracy was this table's worst row
    // (6.7 %); the per-generation GEMM law brought that to 4.9 %, then 4.4 % (the 39.1B row). The stated accuracy is
    // now the suite's mean (4 %), which this table's worst row stays just above.
    const worst = Math.max(...SC21_TABLE_1.map((row) => Math.abs(sc21Run(row).estimate.performance.hardwareFlopsPerSecondPerGpu / 1e12 / row.publishedTflops - 1)));
    expect(worst).toBeLessThanOrEqual(0.045);
    expect(worst).toBeLessThanOrEqual(STEP_TIME_MODEL_ACCURACY_FRACTION + 0.005);
  });
});

describe('the published GPT-3 175B example: 1,024 A100, TP 8 × PP 16 × DP 8, batch 1,536 → ≈ 32 s per iteration, 138 TFLOP/s', () => {
  // NVIDIA/Megatron-LM README (January 2021): "With full global batch size of 1536 on 1024 A100 GPUs, each iteration
  // takes around 32 seconds resulting in 138 teraFLOPs per GPU"; examples/pretrain_gpt3_175B.sh: 128 nodes, TP 8,
  // PP 16, micro-batch 1, fp16, --checkpoint-activations. The code of that month had no interleaved schedule (added
  // February 2021) and all-reduced gradients after the backward (local DDP); it is the paper's ≈ 140 TFLOP/s run (§5.1).
  const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 128 });
  const layout = resolveLayout(gpt3, cluster, {
    tensorParallel: 8, pipelineParallel: 16, pipelineInterleave: 1, microBatchSize: 1, globalBatchSize: 1536,
    recompute: 'FULL', flashAttention: false, precision: 'FP16',
  });
  const estimate = evaluatePlan(gpt3, computeModelCounts(gpt3), cluster, layout, {
    overlapPipelineCommunication: false, overlapDataParallelCommunication: false,
  });
  it('fits, and DP is what is left: 1,024 / (8 × 16) = 8', () => {
    expect(estimate.fits).toBe(true);
    expect(layout.dataParallel).toBe(8);
  });
  it('step time within 10 % of 32 s and hardware TFLOP/s within 10 % of 138', () => {
    expect(Math.abs(estimate.performance.stepSeconds / 32 - 1)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(estimate.performance.hardwareFlopsPerSecondPerGpu / 1e12 / 138 - 1)).toBeLessThanOrEqual(0.1);
  });
});

describe('the standard case: GPT-3 175B on 1,024 A100-80GB, TP 8, PP 8, DP 16, batch 1,536, full recompute', () => {
  const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 128 });
  const layout = resolveLayout(gpt3, cluster, STANDARD_CASE_LAYOUT);
  const estimate = evaluatePlan(gpt3, computeModelCounts(gpt3), cluster, layout, {
    trainingTokens: 300e9,
    overlapPipelineCommunication: false,
  });

  it('≈ 138–140 hardware TFLOP/s per GPU (Narayanan et al. 2021; within 10 %)', () => {
    const ours = estimate.performance.hardwareFlopsPerSecondPerGpu / 1e12;
    expect(ours).toBeGreaterThan(138 * 0.9);
    expect(ours).toBeLessThan(140 * 1.1);
  });
  it('≈ 34 days for 300B tokens (Narayanan et al. 2021 §5.1, 8TP/(nX); within 10 %)', () => {
    expect(Math.abs(estimate.run!.days / 34 - 1)).toBeLessThanOrEqual(0.1);
  });
  it('slower than Calculon’s 27.29 s per batch, which is 13–15 % optimistic against the measurement', () => {
    const step = estimate.performance.stepSeconds;
    // Measurement-implied step: the paper's FLOPs per iteration at 140 TFLOP/s on 1,024 GPUs.
    const measured = megatronFlopsPerIteration(1536, 2048, 96, 12288, 51200) / (1024 * 140e12);
    expect(Math.abs(step / measured - 1)).toBeLessThanOrEqual(0.1);
    expect(step).toBeGreaterThan(27.29 * 1.05);
  });
  it('MFU (model FLOPs, no recompute) ≈ ¾ of HFU with full recompute', () => {
    const p = estimate.performance;
    expect(p.modelFlopsUtilization / p.hardwareFlopsUtilization).toBeGreaterThan(0.74);
    expect(p.modelFlopsUtilization / p.hardwareFlopsUtilization).toBeLessThan(0.76);
  });
});

describe('Megatron-LM 2021 end-to-end example: 1T parameters, 450B tokens, 3,072 GPUs ≈ 84 days (10 %)', () => {
  it('days, with the 1T row’s published configuration', () => {
    const { estimate } = sc21Run(SC21_TABLE_1.find((r) => r.preset === 'megatron-1t')!, 450e9);
    expect(Math.abs(estimate.run!.days / 84 - 1)).toBeLessThanOrEqual(0.1);
  });
});

describe('the efficiency model', () => {
  it('grows with both GEMM dimensions and saturates at E_MAX', () => {
    expect(matmulEfficiency(2048, 768)).toBeLessThan(matmulEfficiency(2048, 1536));
    expect(matmulEfficiency(512, 1536)).toBeLessThan(matmulEfficiency(2048, 1536));
    expect(matmulEfficiency(1e9, 1e9)).toBeCloseTo(MATMUL_EFFICIENCY_MAX, 6);
    expect(matmulEfficiency(64, 64)).toBeLessThanOrEqual(0.5 * MATMUL_EFFICIENCY_MAX);
  });
  it('larger micro-batches raise throughput when nothing else changes (no pipeline)', () => {
    const arch = findModelPreset('megatron-1.7b') as ModelArchitecture;
    const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 4 });
    const counts = computeModelCounts(arch);
    const run = (microBatchSize: number) =>
      evaluatePlan(arch, counts, cluster, resolveLayout(arch, cluster, { globalBatchSize: 512, microBatchSize, flashAttention: false }))
        .performance.hardwareFlopsPerSecondPerGpu;
    expect(run(4)).toBeGreaterThan(run(1));
  });
  it('interleaving shrinks the bubble by v', () => {
    const plain = megatronRun('megatron-145.6b', 8, 8, 1536, 2304, undefined, 1).estimate.performance;
    const interleaved = megatronRun('megatron-145.6b', 8, 8, 1536, 2304, undefined, 2).estimate.performance;
    expect(interleaved.bubbleSeconds).toBeLessThan(plain.bubbleSeconds * 0.55);
    // (p − 1)/m of the ideal time: 7/96 micro-batch slots.
    const stagePerMicroBatch = plain.bubbleSeconds / 7;
    expect(plain.computeSeconds / 96).toBeLessThan(stagePerMicroBatch);
  });
  it('K/V heads replicated beyond kvHeads cost their GEMMs on every rank: MQA at TP 8 computes what 8 K/V heads would', () => {
    // Megatron-Core attention.py: with fewer query groups than TP ranks each rank computes one K and one V head.
    const mqa = architectureWithDefaults({ layers: 8, hiddenSize: 4096, attentionHeads: 32, kvHeads: 1, vocabSize: 32000, sequenceLength: 2048 });
    const kv8 = { ...mqa, kvHeads: 8 };
    const node = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 1 });
    const step = (arch: ModelArchitecture, tensorParallel: number, computeEfficiencyOverride?: number) =>
      evaluatePlan(arch, computeModelCounts(arch), node, resolveLayout(arch, node, { tensorParallel, globalBatchSize: 8 }),
        computeEfficiencyOverride === undefined ? undefined : { computeEfficiencyOverride }).performance;
    for (const override of [undefined, 0.5]) {
      // Same GEMMs and bytes per rank at TP 8 ...
      expect(step(mqa, 8, override).computeSeconds).toBeCloseTo(step(kv8, 8, override).computeSeconds, 12);
      // ... while without TP MQA does less work.
      expect(step(mqa, 1, override).computeSeconds).toBeLessThan(step(kv8, 1, override).computeSeconds);
    }
    // The replicas are wasted work: fewer useful (hardware) FLOPs per second than the same step with 8 K/V heads.
    expect(step(mqa, 8).hardwareFlopsPerSecondPerGpu).toBeLessThan(step(kv8, 8).hardwareFlopsPerSecondPerGpu);
  });
  it('FlashAttention speeds up long-sequence training', () => {
    const arch = findModelPreset('llama2-7b') as ModelArchitecture;
    const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 8 });
    const counts = computeModelCounts(arch);
    const base = { globalBatchSize: 256, tensorParallel: 2, recompute: 'SELECTIVE' as const };
    const noFlash = evaluatePlan(arch, counts, cluster, resolveLayout(arch, cluster, { ...base, flashAttention: false }));
    const flash = evaluatePlan(arch, counts, cluster, resolveLayout(arch, cluster, { ...base, flashAttention: true }));
    expect(flash.performance.stepSeconds).toBeLessThan(noFlash.performance.stepSeconds);
  });
  it('the optimizer step is memory-bound on the device (Adam: 28 bytes of traffic per parameter)', () => {
    const { estimate } = megatronRun('megatron-18.4b', 8, 1, 256, 1024);
    // 18.4B / 8 parameters × 28 bytes of Adam traffic at 80 % of 2,039 GB/s.
    const expected = ((computeModelCounts(findModelPreset('megatron-18.4b')!).totalParameters / 8) * 28) / (0.8 * 2039e9);
    expect(estimate.performance.optimizerSeconds).toBeCloseTo(expected, 2);
  });
});

describe('pipeline point-to-point on the critical path (Megatron-LM 2021 synchronous send/recv)', () => {
  const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
  const counts = computeModelCounts(gpt3);
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 128 });
  const standard = (pipelineInterleave: number, overlapPipelineCommunication: boolean) =>
    evaluatePlan(
      gpt3,
      counts,
      cluster,
      resolveLayout(gpt3, cluster, {
        tensorParallel: 8,
        pipelineParallel: 8,
        pipelineInterleave,
        globalBatchSize: 1536,
        recompute: 'FULL',
        flashAttention: false,
      }),
      { overlapPipelineCommunication },
    );

  it('one transfer = α + (s·b·h·2/t)/β over the NIC + the NVLink all-gather of s·b·h·2 (scatter-gather, §4.1)', () => {
    // By hand from the datasheets: 6,291,456 B at 80 % of 25 GB/s + 5 µs; ring all-gather over 8 GPUs of 50,331,648 B
    // at 78 % of 300 GB/s (A100's measured ring bus bandwidth, communication.ts): 7/8 · (S/β + 8 · 1 µs).
    const transfer = 6_291_456 / 20e9 + 5e-6 + (7 / 8) * (50_331_648 / 234e9 + 8e-6);
    expect(transfer).toBeCloseTo(514.8e-6, 7);
    const viaModel = pointToPointSeconds(6_291_456, false, cluster, undefined) + collectiveSeconds(50_331_648, 8, 8, 1, cluster, undefined);
    expect(viaModel).toBeCloseTo(transfer, 12);
    // 96 micro-batches × (forward activation + backward gradient) per step, plus the 2·(p − 1) = 14 fill/drain ones.
    expect(standard(1, false).communication.pipelineParallelSeconds).toBeCloseTo((2 * 96 + 14) * transfer, 9);
  });
  it('synchronous transfers add the 2·m·v steady-state transfers to the exposed time (overlapped ones already paid the contention share σ/(1 + σ)); compute and bubble do not move', () => {
    for (const v of [1, 2, 4]) {
      const overlapped = standard(v, true);
      const blocking = standard(v, false);
      const extra = blocking.performance.exposedCommunicationSeconds - overlapped.performance.exposedCommunicationSeconds;
      // The term's seconds are 2·m·v + 2·(p − 1) transfers (m = 96, p = 8); the steady-state 2·m·v of them are the extra.
      const steady = (blocking.communication.pipelineParallelSeconds * (2 * 96 * v)) / (2 * 96 * v + 14);
      expect(extra).toBeCloseTo(steady / (1 + OVERLAP_COMPUTE_SLOWDOWN), 12);
      expect(blocking.performance.bubbleSeconds).toBe(overlapped.performance.bubbleSeconds);
      expect(blocking.performance.computeSeconds).toBe(overlapped.performance.computeSeconds);
    }
    // Narayanan et al. 2021 §2.2.2: the interleaved schedule sends v times as much in steady state (fill/drain: 14 either way).
    expect(standard(4, false).communication.pipelineParallelSeconds / standard(1, false).communication.pipelineParallelSeconds).toBeCloseTo(
      (2 * 96 * 4 + 14) / (2 * 96 + 14),
      12,
    );
    expect(standard(4, false).communication.pipelineParallelBytes / standard(1, false).communication.pipelineParallelBytes).toBeCloseTo(4, 12);
  });
  it('Narayanan et al. 2021 Fig. 12 (175B, 96 GPUs, t = 8, p = 12): interleaving gains less as the batch grows', () => {
    const c96 = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 12 });
    const tflops = (globalBatchSize: number, pipelineInterleave: number) =>
      evaluatePlan(
        gpt3,
        counts,
        c96,
        resolveLayout(gpt3, c96, { tensorParallel: 8, pipelineParallel: 12, pipelineInterleave, globalBatchSize, recompute: 'FULL', flashAttention: false }),
        { overlapPipelineCommunication: false },
      ).performance.hardwareFlopsPerSecondPerGpu;
    const gains = [12, 24, 36, 48, 60].map((batch) => tflops(batch, 2) / tflops(batch, 1) - 1);
    for (let i = 1; i < gains.length; i++) expect(gains[i]!).toBeLessThan(gains[i - 1]!);
    // Interleaving still wins at every batch of the figure ("10+ %" at small batches, the paper's abstract).
    expect(gains[0]!).toBeGreaterThan(0.1);
    expect(gains[4]!).toBeGreaterThan(0);
  });
  it('Narayanan et al. 2021 Fig. 13 / Takeaway #1 (162.2B on 64 GPUs, batch 32 and 128): (t, p) = (8, 8) is best', () => {
    // 162.2B by the paper's eq. 2: l = 32, h = 20,480 (128 heads), V = 51,200, s = 2,048.
    const arch = architectureWithDefaults({ layers: 32, hiddenSize: 20480, attentionHeads: 128, vocabSize: 51200, sequenceLength: 2048 });
    const archCounts = computeModelCounts(arch);
    expect(Math.abs(archCounts.totalParameters / 162.2e9 - 1)).toBeLessThan(0.005);
    const c64 = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 8 });
    for (const globalBatchSize of [32, 128]) {
      const byLayout = [[2, 32], [4, 16], [8, 8], [16, 4], [32, 2]].map(([tensorParallel, pipelineParallel]) =>
        evaluatePlan(
          arch,
          archCounts,
          c64,
          resolveLayout(arch, c64, { tensorParallel, pipelineParallel, globalBatchSize, recompute: 'FULL', flashAttention: false }),
          { overlapPipelineCommunication: false },
        ).performance.hardwareFlopsPerSecondPerGpu,
      );
      expect(Math.max(...byLayout)).toBe(byLayout[2]);
    }
  });
});

describe('cross-check: NVIDIA NeMo 24.09 H100 FP8 pre-training table (model TFLOP/s per GPU; tolerance 15 %)', () => {
  // docs.nvidia.com/nemo-framework/user-guide/24.09/performance/performance_summary.html (DGX-H100, FP8).
  // Assumed: distributed optimizer (ZeRO-1), sequence parallel with TP, FlashAttention, no recompute, and NeMo's TP
  // communication overlap (`tp_comm_overlap`; Megatron-Bridge ships a userbuffers preset for exactly the GPT-3 row,
  // `userbuffers_bf16_h100_h12288_tp4_mbs1_seqlen2048`). With TP exposed instead, the 512-GPU row is −15.0 %.
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const rows: Array<[string, number, number, number, number, number, number, number]> = [
    // preset, GPUs, GBS, MBS, TP, PP, VP, published
    ['llama2-7b', 8, 128, 1, 1, 1, 1, 780],
    ['llama2-13b', 16, 128, 1, 1, 4, 10, 760],
    ['llama2-70b', 64, 128, 1, 4, 4, 20, 768],
    ['gpt3-175b', 128, 256, 1, 4, 8, 6, 771],
    ['gpt3-175b', 512, 2048, 2, 4, 8, 6, 888],
  ];
  for (const [id, gpus, globalBatchSize, microBatchSize, t, p, v, published] of rows) {
    it(`${id} on ${gpus} H100, TP ${t} PP ${p} VP ${v} → ${published}`, () => {
      const arch = findModelPreset(id) as ModelArchitecture;
      const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: gpus / 8 });
      const layout = resolveLayout(arch, cluster, {
        tensorParallel: t,
        pipelineParallel: p,
        pipelineInterleave: v,
        globalBatchSize,
        microBatchSize,
        sequenceParallel: t > 1,
        zeroStage: 1,
        precision: 'FP8',
      });
      const options = { overlapTensorParallelCommunication: true };
      const ours = evaluatePlan(arch, computeModelCounts(arch), cluster, layout, options).performance.modelFlopsPerSecondPerGpu / 1e12;
      expect(Math.abs(ours / published - 1)).toBeLessThanOrEqual(0.15);
      // Overlapping TP never slows a step; without TP (t = 1) it changes nothing.
      const exposed = evaluatePlan(arch, computeModelCounts(arch), cluster, layout).performance.modelFlopsPerSecondPerGpu / 1e12;
      if (t === 1) expect(exposed).toBe(ours);
      else expect(exposed).toBeLessThan(ours);
    });
  }
});

/**
 * Modern recipes at scale (tolerance 15 %). Each row states what we assume where the source is silent. Context
 * parallelism is not modelled: the Llama 3 row with CP 16 (131,072-token sequences, 380 TFLOP/s) is left out — its
 * per-GPU work (1/16 of a causal 131k sequence, load-balanced) and its ring of K/V exchanges map onto no TP/PP/DP layout.
 */
describe('cross-check: modern large-scale recipes (tolerance 15 %)', () => {
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const within = (ours: number, published: number, tolerance = 0.15) =>
    expect(Math.abs(ours / published - 1)).toBeLessThanOrEqual(tolerance);
  const estimate = (
    id: string,
    gpu: GpuSpec,
    gpus: number,
    input: Parameters<typeof resolveLayout>[2],
    options: Parameters<typeof evaluatePlan>[4] = {},
    archChanges: Partial<ModelArchitecture> = {},
  ) => {
    const arch = { ...(findModelPreset(id) as ModelArchitecture), ...archChanges };
    const cluster = makeCluster({ gpu, gpusPerNode: 8, nodes: gpus / 8 });
    return evaluatePlan(arch, computeModelCounts(arch), cluster, resolveLayout(arch, cluster, input), options);
  };

  // Llama 3 paper (Dubey et al. 2024), Table 4: 405B, BF16, seq 8,192, 16M tokens per batch (2,048 sequences),
  // TP 8, CP 1, PP 16; 8,192 GPUs (DP 64) → 430 TFLOP/s (43 % MFU), 16,384 GPUs (DP 128) → 400 (41 %). Asked as
  // published (§3.3.2): the real 126 layers, the first and last stage one layer fewer, interleaved (v = 8), ZeRO-2 for
  // the FSDP-style sharding, sequence parallel, no recompute (LLAMA3_LAYOUT, the validation suite's); model FLOPs
  // with causal attention, the convention that explains the table's 128K row. Tolerance 10 % (issue 9).
  for (const [gpus, published] of [
    [8192, 430],
    [16384, 400],
  ] as const) {
    it(`Llama 3 405B on ${gpus} H100, TP 8 PP 16 DP ${gpus / 128}, the published split → ${published} model TFLOP/s per GPU`, () => {
      const e = estimate('llama3-405b', h100, gpus, { ...LLAMA3_LAYOUT });
      const causalFlopsPerToken = computeModelCounts(findModelPreset('llama3-405b') as ModelArchitecture).modelFlopsPerTokenCausal;
      within((causalFlopsPerToken * e.performance.tokensPerSecond) / gpus / 1e12, published, 0.1);
    });
  }

  // MegaScale (Jiang et al., NSDI'24, abstract): 175B on 12,288 GPUs (A100-class), 55.2 % MFU, 1.34× the MFU of
  // Megatron-LM on the same job → 41.2 %. Assumed (§6 setting): GPT-3 175B shape, seq 2,048, batch 6,144, TP 8,
  // PP 8, DP 192, sequence parallel, ZeRO-1 (distributed optimizer), no recompute, FlashAttention. MegaScale's parallel
  // block and sliding-window attention are not modelled; its TP, DP and PP overlap (§3.2) are: the modern recipe must
  // land within 15 % for any interleaving v of 2…6. The Megatron-LM baseline is stock 1F1B (v = 1), TP exposed,
  // without DP overlap (its distributed optimizer's all-gather and reduce-scatter on the critical path: §3.2).
  const megascale = (pipelineInterleave: number, overlapDataParallelCommunication: boolean) =>
    estimate(
      'gpt3-175b',
      a100,
      12288,
      { tensorParallel: 8, pipelineParallel: 8, pipelineInterleave, globalBatchSize: 6144, sequenceParallel: true, zeroStage: 1 },
      { overlapDataParallelCommunication, overlapTensorParallelCommunication: overlapDataParallelCommunication },
    ).performance.modelFlopsUtilization;
  it('MegaScale 175B on 12,288 GPUs: 55.2 % MFU (interleaving v = 2, 3, 4, 6, TP, DP and PP overlapped)', () => {
    for (const v of [2, 3, 4, 6]) within(megascale(v, true), 0.552);
  });
  it('MegaScale’s Megatron-LM baseline: 55.2 % / 1.34 = 41.2 % MFU (1F1B, DP not overlapped), below the modern recipe', () => {
    within(megascale(1, false), 0.552 / 1.34);
    expect(megascale(1, false)).toBeLessThan(megascale(6, true));
  });

  // BLOOM-176B (Le Scao et al. 2022; stas00/ml-engineering training/hparams.md: ≈ 150 TFLOP/s per A100 at global batch
  // 2,048): 384 A100-80GB, TP 4, PP 12, DP 8, micro-batch 2, ZeRO-1, full recompute, no FlashAttention, FP16.
  // Megatron-DeepSpeed counts FLOPs with the recompute forward (hardware FLOPs). Assumed: DeepSpeed's pipeline engine
  // waits on its send/recv (synchronous p2p), no interleaving.
  it('BLOOM-176B on 384 A100: ≈ 150 hardware TFLOP/s per GPU', () => {
    const e = estimate(
      'bloom-176b',
      a100,
      384,
      { tensorParallel: 4, pipelineParallel: 12, globalBatchSize: 2048, microBatchSize: 2, zeroStage: 1, recompute: 'FULL', flashAttention: false, precision: 'FP16' },
      { overlapPipelineCommunication: false },
    );
    within(e.performance.hardwareFlopsPerSecondPerGpu / 1e12, 150);
  });

  // OPT-175B (Zhang et al. 2022, §2.4): 992 A100-80GB, FSDP (ZeRO-3) with Megatron TP, "up to 147 TFLOP/s per GPU",
  // FP16, batch 2M tokens. Assumed: TP 8 (metaseq's 175B setting), DP 124, 992 sequences of 2,048 per step in one
  // micro-batch of 8, full recompute, no FlashAttention, hardware FLOPs (recompute counted, as BLOOM and Megatron).
  it('OPT-175B on 992 A100 with FSDP + TP 8: up to 147 hardware TFLOP/s per GPU; ideal overlap would be further off', () => {
    const input = {
      tensorParallel: 8,
      globalBatchSize: 992,
      microBatchSize: 8,
      zeroStage: 3 as const,
      recompute: 'FULL' as const,
      flashAttention: false,
      precision: 'FP16' as const,
    };
    const ours = estimate('opt-175b', a100, 992, input).performance.hardwareFlopsPerSecondPerGpu / 1e12;
    within(ours, 147);
    const ideal = estimate('opt-175b', a100, 992, input, { overlapComputeSlowdown: 0 }).performance.hardwareFlopsPerSecondPerGpu / 1e12;
    expect(Math.abs(ours - 147)).toBeLessThan(Math.abs(ideal - 147));
  });

  // FSDP (ZeRO-3) at moderate scale, tokens per second per GPU on A100-80GB. torchtitan docs/performance.md (64 GPUs,
  // FSDP2, local batch as listed; Llama 3 at seq 8,192, Llama 2 at 4,096) and foundation-model-stack/fms-fsdp
  // README (128 GPUs, FSDP full shard, SDPA FlashAttention v2). Assumed: our default A100 cluster network (8 × HDR
  // per node; these rows are compute-bound: a quarter of that bandwidth moves them < 8 %). torchtitan's 8B rows use
  // op-level selective checkpointing (every other matmul saved), which neither SELECTIVE nor FULL represents: left out.
  const fsdpRows: Array<[string, string, number, number, number, 'NONE' | 'FULL', number]> = [
    // source, preset, GPUs, global batch, micro-batch, recompute, published tokens/s/GPU
    ['torchtitan Llama 3 70B, full AC', 'llama3-70b', 64, 64, 1, 'FULL', 331],
    ['torchtitan Llama 2 70B, full AC', 'llama2-70b', 64, 128, 2, 'FULL', 353],
    ['torchtitan Llama 2 13B, no AC', 'llama2-13b', 64, 128, 2, 'NONE', 2162],
    ['fms-fsdp Llama 2 70B, full AC', 'llama2-70b', 128, 768, 6, 'FULL', 380],
  ];
  for (const [source, id, gpus, globalBatchSize, microBatchSize, recompute, published] of fsdpRows) {
    it(`${source} on ${gpus} A100 (ZeRO-3, batch ${microBatchSize} per GPU) → ${published} tokens/s per GPU`, () => {
      const e = estimate(id, a100, gpus, { globalBatchSize, microBatchSize, recompute, zeroStage: 3 });
      within(e.performance.tokensPerSecond / gpus, published);
    });
  }
});

describe('overlapped communication is not free', () => {
  it('the old ZeRO-3 optimum (GPT-3 on 1,024 A100, TP 4, DP 256, b 3): ≈ 14 s of gathers behind 16 s of compute cost ≥ σ/(1 + σ) of them', () => {
    const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
    const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 128 });
    const layout = resolveLayout(gpt3, cluster, {
      tensorParallel: 4,
      globalBatchSize: 1536,
      microBatchSize: 3,
      sequenceParallel: true,
      zeroStage: 3,
    });
    const e = evaluatePlan(gpt3, computeModelCounts(gpt3), cluster, layout);
    const { dataParallelSeconds, tensorParallelSeconds } = e.communication;
    expect(dataParallelSeconds).toBeGreaterThan(13);
    expect(dataParallelSeconds).toBeLessThan(e.performance.computeSeconds);
    const contention = (dataParallelSeconds * OVERLAP_COMPUTE_SLOWDOWN) / (1 + OVERLAP_COMPUTE_SLOWDOWN);
    expect(e.performance.exposedCommunicationSeconds - tensorParallelSeconds).toBeGreaterThanOrEqual(contention);
    // Ideal overlap (the model before this change) hid all of it but the per-micro-batch first gather and last reduce.
    const ideal = evaluatePlan(gpt3, computeModelCounts(gpt3), cluster, layout, { overlapComputeSlowdown: 0 });
    expect(ideal.performance.stepSeconds).toBeLessThan(e.performance.stepSeconds - 2);
  });
});

describe('dropout-free recipes move fewer element-wise bytes', () => {
  // Without dropout the two 1-byte hidden masks and the attention-dropout pass (read 2, write 2, mask 1 per score)
  // disappear (Korthikanti et al. 2022 §4.1 lists them); matmul FLOPs are unchanged.
  const llama = findModelPreset('llama2-7b') as ModelArchitecture;
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 1 });
  const step = (dropout: boolean, flashAttention: boolean, computeEfficiencyOverride?: number): number => {
    const arch = { ...llama, dropout };
    const layout = resolveLayout(arch, cluster, { globalBatchSize: 64, zeroStage: 1, flashAttention });
    const options = computeEfficiencyOverride === undefined ? {} : { computeEfficiencyOverride };
    return evaluatePlan(arch, computeModelCounts(arch), cluster, layout, options).performance.computeSeconds;
  };

  it('is faster without dropout, more so when the s×s scores are materialised', () => {
    const savedWithFlash = step(true, true) - step(false, true);
    const savedWithoutFlash = step(true, false) - step(false, false);
    expect(savedWithFlash).toBeGreaterThan(0);
    expect(savedWithoutFlash).toBeGreaterThan(savedWithFlash);
    // Dropout removes 5 of the 9 bytes per score element; FlashAttention removes all of them (and half the score
    // FLOPs), so dropping dropout must save less than switching FlashAttention on.
    expect(savedWithoutFlash).toBeLessThan(step(true, false) - step(true, true));
  });

  it('changes nothing when efficiency is a fixed fraction of peak (no memory-bound term)', () => {
    expect(step(false, false, 0.5)).toBe(step(true, false, 0.5));
  });
});

describe('context parallelism (Megatron-Core CP; Llama 3 paper §3.3.2 and Table 4)', () => {
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const llama = findModelPreset('llama3-405b') as ModelArchitecture;
  // 128K-token sequences; 126 layers mapped to 128 as in the 8K rows above (the two extra stand for embedding and head).
  const long = { ...llama, sequenceLength: 131_072, layers: 128 };
  const longCounts = computeModelCounts(long);
  const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 2048 });
  const plan = (contextParallel: number, extra: Record<string, unknown> = {}, options = {}) => {
    const layout = resolveLayout(long, cluster, {
      tensorParallel: 8, contextParallel, pipelineParallel: 16, pipelineInterleave: 4, globalBatchSize: 128,
      sequenceParallel: true, zeroStage: 1, ...extra,
    });
    return { layout, estimate: evaluatePlan(long, longCounts, cluster, layout, options) };
  };

  it('Table 4, 128K stage: TP 8, CP 16, PP 16, DP 8 on 16,384 H100 → 380 TFLOP/s per GPU (attention counted causal; 15 %)', () => {
    // The paper does not state its attention convention; FlashAttention executes the causal half, and only the causal
    // count puts its 8K rows (430/400, where attention is 8 % of the FLOPs) and this row on one model. With PaLM's
    // non-causal count this row would be ≈ 43 % above the paper — reported in docs/core-plan.md.
    const { layout, estimate } = plan(16);
    expect(layout.dataParallel).toBe(8);
    const real = computeModelCounts({ ...llama, sequenceLength: 131_072 });
    const tflops = (real.modelFlopsPerTokenCausal * estimate.performance.tokensPerSecond) / 16_384 / 1e12;
    expect(Math.abs(tflops / 380 - 1)).toBeLessThanOrEqual(0.15);
  });

  it('what CP is for: 16M tokens of 128K sequences are only 128 sequences — without CP, DP 128 leaves one micro-batch per pipeline', () => {
    const without = plan(1, { recompute: 'FULL', pipelineInterleave: 1 }).estimate;
    const withCp = plan(16, { recompute: 'FULL', pipelineInterleave: 1 }).estimate;
    // (p − 1)/m = 15 bubble slots for 1 micro-batch: > 90 % of the step idles.
    expect(without.performance.bubbleFraction).toBeGreaterThan(0.9);
    expect(withCp.fits).toBe(true);
    expect(without.performance.stepSeconds / withCp.performance.stepSeconds).toBeGreaterThan(5);
    // And without recompute the 128K activations of a stage do not fit without CP.
    expect(plan(1, { pipelineInterleave: 1 }).estimate.fits).toBe(false);
  });

  it('per rank: activations are 1/c plus the gathered K/V; GEMM and score work are 1/c (fixed-rate model: exact)', () => {
    const one = plan(1, { pipelineInterleave: 1 }, { computeEfficiencyOverride: 0.5 });
    const sixteen = plan(16, { pipelineInterleave: 1 }, { computeEfficiencyOverride: 0.5 });
    // Gathered K and V: 2 tensors × s·b × (8 KV heads × 128 / TP 8 = 128) × 2 bytes × (1 − 1/16) per layer.
    const gathered = 2 * 131_072 * 128 * 2 * (15 / 16);
    const perLayer = (e: ReturnType<typeof plan>) => activationBytesPerLayer(long, e.layout);
    expect(perLayer(sixteen)).toBeCloseTo(perLayer(one) / 16 + gathered, 0);
    // Same micro-batches (DP is what is left after TP × CP × PP: 128 vs 8), 1/16 of the tokens per rank each.
    const perMicroBatch = (e: ReturnType<typeof plan>) =>
      e.estimate.performance.computeSeconds / (128 / (e.layout.microBatchSize * e.layout.dataParallel));
    expect(perMicroBatch(sixteen)).toBeCloseTo(perMicroBatch(one) / 16, 9);
  });

  it('CP traffic: per layer and micro-batch an all-gather of K and V and a reduce-scatter of their gradients, (c − 1)/c of 2·s·b·kv·2 B each', () => {
    const { layout, estimate } = plan(16, { pipelineInterleave: 1 });
    const m = 128 / layout.dataParallel;
    const kvBytes = 2 * 131_072 * 128 * 2;
    expect(estimate.communication.contextParallelBytes).toBeCloseTo(m * 8 * 2 * (15 / 16) * kvBytes, 0);
    expect(estimate.communication.contextParallelSeconds).toBeGreaterThan(0);
    expect(plan(1, { pipelineInterleave: 1 }).estimate.communication.contextParallelBytes).toBe(0);
  });

  it('ZeRO shards over DP × CP: ZeRO-1 optimizer states per GPU are 1/(d·c) of the stage’s', () => {
    const { layout, estimate } = plan(16, { pipelineInterleave: 1 });
    const noZero = evaluatePlan(long, longCounts, cluster, { ...layout, zeroStage: 0 });
    expect(estimate.memory.optimizerStatesBytes).toBeCloseTo(noZero.memory.optimizerStatesBytes / (8 * 16), 0);
  });

  it('rejects a CP that does not split the sequence into 2·CP chunks, or the GPUs, naming contextParallel', () => {
    expect(fieldOf(() => resolveLayout({ ...long, sequenceLength: 8_200 }, cluster, { tensorParallel: 8, contextParallel: 16, pipelineParallel: 16, globalBatchSize: 128 })))
      .toBe('plan.contextParallel');
    expect(fieldOf(() => resolveLayout(long, cluster, { tensorParallel: 8, contextParallel: 3, globalBatchSize: 128 }))).toBe('plan.contextParallel');
  });
});

describe('sliding-window attention in the step (Mistral 7B, window 4,096)', () => {
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const node = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 1 });
  const step = (arch: ModelArchitecture) => {
    const layout = resolveLayout(arch, node, { globalBatchSize: 8, microBatchSize: 1, recompute: 'SELECTIVE', flashAttention: true, zeroStage: 1 });
    return evaluatePlan(arch, computeModelCounts(arch), node, layout).performance;
  };
  const at = (s: number) => ({ ...(findModelPreset('mistral-7b') as ModelArchitecture), sequenceLength: s });
  const withoutWindow = (arch: ModelArchitecture) => {
    const { slidingWindow: _omit, ...full } = arch;
    return full;
  };

  it('at 32K tokens: model FLOPs per step drop by exactly 3 · 32 · 4 · (32,768 − 4,096) · 4,096 per token, and the step by over a third', () => {
    const windowed = step(at(32_768));
    const full = step(withoutWindow(at(32_768)));
    const tokensPerStep = 8 * 32_768;
    expect((full.modelFlopsPerStep - windowed.modelFlopsPerStep) / (3 * 32 * 4 * (32_768 - 4096) * 4096 * tokensPerStep)).toBeCloseTo(1, 12);
    // FlashAttention executes the causal share: 4,096 − 4,096²/65,536 = 3,840 keys per query instead of 16,384.
    expect(full.stepSeconds / windowed.stepSeconds).toBeGreaterThan(1.5);
  });
  it('the saving grows with the sequence: nothing at 4K (window = context), more at 8K, most at 32K', () => {
    const saving = (s: number) => 1 - step(at(s)).stepSeconds / step(withoutWindow(at(s))).stepSeconds;
    expect(saving(4096)).toBe(0);
    expect(saving(8192)).toBeGreaterThan(0);
    expect(saving(32_768)).toBeGreaterThan(saving(8192));
  });
});

describe('MoE models with dense layers (DeepSeek-V3: 3 of 61)', () => {
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 8 });
  const v3 = findModelPreset('deepseek-v3') as ModelArchitecture;
  const { denseLayers: _d, ...allMoe } = v3;
  const evaluate = (arch: ModelArchitecture) => {
    const layout = resolveLayout(arch, cluster, { expertParallel: 64, globalBatchSize: 512, precision: 'BF16', recompute: 'FULL', zeroStage: 1 });
    return evaluatePlan(arch, computeModelCounts(arch), cluster, layout);
  };
  it('only MoE layers dispatch tokens: the all-to-all bytes are 58/61 of an all-MoE model\'s', () => {
    expect(evaluate(v3).communication.expertParallelBytes / evaluate(allMoe).communication.expertParallelBytes).toBeCloseTo(58 / 61, 12);
  });
  it('model FLOPs per step follow the counts (the mean layer): a dense MLP of 18,432 = 9 active experts of 2,048, less the router', () => {
    const withDense = evaluate(v3).performance;
    const tokens = 512 * 4096;
    expect(withDense.modelFlopsPerStep / (computeModelCounts(v3).modelFlopsPerToken * tokens)).toBeCloseTo(1, 12);
    // 3 · 7,168 · 18,432 = 9 · 3 · 7,168 · 2,048 (8 routed + 1 shared): the 3 dense layers only skip the h × 256 router,
    // 2 FLOPs per weight, × 3 for forward and backward.
    const saved = (evaluate(allMoe).performance.modelFlopsPerStep - withDense.modelFlopsPerStep) / tokens;
    expect(saved / (3 * 6 * 7168 * 256)).toBeCloseTo(1, 9);
  });
});

describe('overlapped MoE all-to-all (DeepSeek-V3 §3.2.1, DualPipe: "near-zero all-to-all communication overhead")', () => {
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 8 });
  const v3 = findModelPreset('deepseek-v3') as ModelArchitecture;
  const counts = computeModelCounts(v3);
  const layout = resolveLayout(v3, cluster, { pipelineParallel: 8, expertParallel: 8, globalBatchSize: 512, precision: 'BF16', recompute: 'FULL', zeroStage: 1 });
  it('charges only max(excess over the compute, contention share) per paired micro-batch, all of it in the p − 1 unpaired ones, and nothing else changes', () => {
    const exposed = evaluatePlan(v3, counts, cluster, layout).performance;
    const overlapped = evaluatePlan(v3, counts, cluster, layout, { overlapExpertParallelCommunication: true });
    const comm = overlapped.communication;
    const m = 512 / (1 * layout.dataParallel);
    expect(m).toBe(64);
    const perMicroBatch = comm.expertParallelSeconds / m;
    const computePerMicroBatch = overlapped.performance.computeSeconds / m;
    const sigma = 0.189;
    // 1F1B on rank 0: p − 1 = 7 warm-up forwards and 7 cool-down backwards of its 64 have no partner to hide under.
    const unpaired = 7 / 64;
    const cost =
      unpaired * perMicroBatch + (1 - unpaired) * Math.max(perMicroBatch - computePerMicroBatch, (perMicroBatch * sigma) / (1 + sigma));
    // The saving appears in the exposed communication (m micro-batches of the slowest rank: the first, 8 of the 61
    // layers, whose all-to-all outweighs the last rank's 129,280 × 7,168 head) …
    expect((exposed.exposedCommunicationSeconds - overlapped.performance.exposedCommunicationSeconds) / ((perMicroBatch - cost) * m)).toBeCloseTo(1, 9);
    // … and in the bubble (the fill and drain pass the other ranks, 53 layers, each with its own overlap window: the
    // last rank's head widens its window, so it saves at least as much per layer as the slowest rank does).
    const bubbleSaved = exposed.bubbleSeconds - overlapped.performance.bubbleSeconds;
    expect(bubbleSaved).toBeGreaterThanOrEqual(((61 - 8) / 8) * (perMicroBatch - cost) * (1 - 1e-9));
    expect(bubbleSaved).toBeLessThanOrEqual(((61 - 8) / 8) * perMicroBatch);
    expect(overlapped.performance.computeSeconds).toBe(exposed.computeSeconds);
    expect(overlapped.communication.expertParallelBytes).toBe(evaluatePlan(v3, counts, cluster, layout).communication.expertParallelBytes);
  });
  it('does nothing for dense models', () => {
    const llama = findModelPreset('llama2-7b') as ModelArchitecture;
    const node = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 1 });
    const l = resolveLayout(llama, node, { globalBatchSize: 64 });
    const c = computeModelCounts(llama);
    expect(evaluatePlan(llama, c, node, l, { overlapExpertParallelCommunication: true }).performance.stepSeconds).toBe(
      evaluatePlan(llama, c, node, l).performance.stepSeconds,
    );
  });
});
