/**
 * resolveLayout (defaults, validation) and evaluatePlan (breakdown consistency, fit, diagnostics).
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { memoryByPipelineStage } from '../../src/core/memory.js';
import { computeModelCounts } from '../../src/core/model.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ModelArchitecture } from '../../src/core/types.js';

const a100 = findGpu('a100-80gb') as GpuSpec;
const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
const llama70 = findModelPreset('llama3-70b') as ModelArchitecture;
const cluster1024 = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 128 });

function expectInvalid(fn: () => unknown, field: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe(field);
    return;
  }
  throw new Error(`expected InvalidInputError on ${field}`);
}

describe('resolveLayout defaults', () => {
  it('TP 1, PP 1, DP = all GPUs, ZeRO 0, micro-batch 1, BF16, Adam, no offload, FlashAttention on', () => {
    const layout = resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024 });
    expect(layout).toMatchObject({
      tensorParallel: 1,
      pipelineParallel: 1,
      dataParallel: 1024,
      expertParallel: 1,
      zeroStage: 0,
      microBatchSize: 1,
      sequenceParallel: false,
      pipelineInterleave: 1,
      recompute: 'NONE',
      precision: 'BF16',
      optimizer: 'ADAM',
      offload: 'NONE',
      flashAttention: true,
    });
  });
  it('V100 defaults to FP16 (no BF16 tensor cores)', () => {
    const v100 = makeCluster({ gpu: findGpu('v100-32gb') as GpuSpec, gpusPerNode: 16, nodes: 4 });
    expect(resolveLayout(gpt3, v100, { globalBatchSize: 64 }).precision).toBe('FP16');
  });
  it('sequence parallel with TP = 1 is a no-op', () => {
    expect(resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024, sequenceParallel: true }).sequenceParallel).toBe(false);
    expect(
      resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024, tensorParallel: 8, sequenceParallel: true }).sequenceParallel,
    ).toBe(true);
  });
});

describe('resolveLayout validation names the field', () => {
  it('TP must divide the attention heads (96)', () => {
    expectInvalid(() => resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024, tensorParallel: 5 }), 'plan.tensorParallel');
  });
  it('GQA: TP 16 over 8 KV heads replicates them (allowed); TP must still divide the heads', () => {
    const c = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 16 });
    expect(resolveLayout(llama70, c, { globalBatchSize: 64, tensorParallel: 16 }).tensorParallel).toBe(16);
  });
  it('TP·PP·DP must equal the cluster GPUs', () => {
    expectInvalid(
      () => resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024, tensorParallel: 8, pipelineParallel: 8, dataParallel: 8 }),
      'plan.dataParallel',
    );
    const c = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 3 });
    expectInvalid(() => resolveLayout(gpt3, c, { globalBatchSize: 96, tensorParallel: 16 }), 'plan.tensorParallel');
  });
  it('PP ≤ layers, global batch divisible by micro-batch × DP', () => {
    const c = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 16 });
    expectInvalid(() => resolveLayout(gpt3, c, { globalBatchSize: 128, pipelineParallel: 128 }), 'plan.pipelineParallel');
    expectInvalid(() => resolveLayout(gpt3, cluster1024, { globalBatchSize: 1000 }), 'plan.globalBatchSize');
  });
  it('interleaving needs PP ≥ 2 and a virtual stage per layer under EVEN; micro-batches need not be a multiple of PP', () => {
    expectInvalid(() => resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024, pipelineInterleave: 2 }), 'plan.pipelineInterleave');
    // 8 × 13 = 104 virtual stages for 96 layers: some would be empty.
    expectInvalid(
      () => resolveLayout(gpt3, cluster1024, { globalBatchSize: 1536, tensorParallel: 8, pipelineParallel: 8, pipelineInterleave: 13 }),
      'plan.pipelineInterleave',
    );
    // 8 × 5 = 40 virtual stages of 2 or 3 layers: any split of the layers (the first 16 take 3).
    const five = resolveLayout(gpt3, cluster1024, { globalBatchSize: 1536, tensorParallel: 8, pipelineParallel: 8, pipelineInterleave: 5 });
    expect(five.pipelineStageLayers).toBeUndefined();
    // Llama 3 §3.3.2: the interleaved schedule runs 12 micro-batches over 8 stages.
    const twelve = resolveLayout(gpt3, cluster1024, { globalBatchSize: 16 * 12, tensorParallel: 8, pipelineParallel: 8, pipelineInterleave: 2 });
    expect(twelve.globalBatchSize / (twelve.microBatchSize * twelve.dataParallel)).toBe(12);
  });
  it('parameter offload needs ZeRO-3; FP8 needs FP8 tensor cores; zeroStage in 0..3; NaN and zero rejected', () => {
    expectInvalid(() => resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024, offload: 'PARAMETERS_CPU', zeroStage: 2 }), 'plan.offload');
    expectInvalid(() => resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024, precision: 'FP8' }), 'plan.precision');
    expectInvalid(() => resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024, zeroStage: 4 as never }), 'plan.zeroStage');
    expectInvalid(() => resolveLayout(gpt3, cluster1024, { globalBatchSize: Number.NaN }), 'plan.globalBatchSize');
    expectInvalid(() => resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024, microBatchSize: 0 }), 'plan.microBatchSize');
    expectInvalid(() => resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024, tensorParallel: Infinity }), 'plan.tensorParallel');
  });
  it('expert parallel needs an MoE model and must divide DP and the experts', () => {
    expectInvalid(() => resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024, expertParallel: 2 }), 'plan.expertParallel');
    const mixtral = findModelPreset('mixtral-8x7b') as ModelArchitecture;
    expectInvalid(() => resolveLayout(mixtral, cluster1024, { globalBatchSize: 1024, expertParallel: 16 }), 'plan.expertParallel');
    expect(resolveLayout(mixtral, cluster1024, { globalBatchSize: 1024, expertParallel: 8 }).expertParallel).toBe(8);
  });
  it('evaluatePlan rejects a hand-built layout whose GPUs do not multiply out', () => {
    const layout = resolveLayout(gpt3, cluster1024, { globalBatchSize: 1536, tensorParallel: 8, pipelineParallel: 8 });
    expectInvalid(() => evaluatePlan(gpt3, computeModelCounts(gpt3), cluster1024, { ...layout, dataParallel: 8 }), 'plan.dataParallel');
    expectInvalid(
      () => evaluatePlan(gpt3, computeModelCounts(gpt3), cluster1024, layout, { computeEfficiencyOverride: Number.NaN }),
      'options.computeEfficiencyOverride',
    );
    expectInvalid(
      () =>
        evaluatePlan(gpt3, computeModelCounts(gpt3), cluster1024, layout, {
          overlapPipelineCommunication: 'no' as unknown as boolean,
        }),
      'options.overlapPipelineCommunication',
    );
  });
});

describe('evaluatePlan', () => {
  const counts = computeModelCounts(gpt3);
  const standard = resolveLayout(gpt3, cluster1024, {
    tensorParallel: 8,
    pipelineParallel: 8,
    globalBatchSize: 1536,
    recompute: 'FULL',
    flashAttention: false,
  });
  const estimate = evaluatePlan(gpt3, counts, cluster1024, standard, { trainingTokens: 300e9 });

  it('step = compute + bubble + exposed communication + optimizer', () => {
    const p = estimate.performance;
    expect(p.computeSeconds + p.bubbleSeconds + p.exposedCommunicationSeconds + p.optimizerSeconds).toBeCloseTo(p.stepSeconds, 9);
    expect(estimate.communication.exposedSeconds).toBeCloseTo(p.exposedCommunicationSeconds, 12);
  });
  it('exposed communication by source adds up to the exposed total; with overlap off, TP, PP and DP are exposed whole', () => {
    const sum = (c: typeof estimate.communication) =>
      c.exposedTensorParallelSeconds + c.exposedPipelineParallelSeconds + c.exposedDataParallelSeconds +
      c.exposedContextParallelSeconds + c.exposedExpertParallelSeconds + c.exposedOffloadSeconds;
    expect(sum(estimate.communication)).toBeCloseTo(estimate.communication.exposedSeconds, 12);
    // Overlapped by default (Megatron-Core): less than the transfers alone.
    expect(estimate.communication.exposedPipelineParallelSeconds).toBeLessThan(estimate.communication.pipelineParallelSeconds);
    // Megatron-LM 2021 (Narayanan et al.): synchronous p2p and the DP all-reduce after the backward — all exposed.
    const sync = evaluatePlan(gpt3, counts, cluster1024, standard, {
      trainingTokens: 300e9, overlapPipelineCommunication: false, overlapDataParallelCommunication: false,
    }).communication;
    expect(sum(sync)).toBeCloseTo(sync.exposedSeconds, 12);
    // All 2·m·v steady-state transfers (m = 96 micro-batches, v = 1) plus the 2·(p − 1) = 14 fill and drain ones: the
    // term's seconds count both, so blocking p2p exposes it whole.
    expect(sync.exposedPipelineParallelSeconds).toBeCloseTo(sync.pipelineParallelSeconds, 12);
    expect(sync.pipelineParallelSeconds).toBeCloseTo(estimate.communication.pipelineParallelSeconds, 12);
    expect(sync.exposedDataParallelSeconds).toBeCloseTo(sync.dataParallelSeconds, 12);
    expect(sync.exposedTensorParallelSeconds).toBeCloseTo(sync.tensorParallelSeconds, 12);
    expect(sync.exposedOffloadSeconds).toBe(0);
  });
  it('memory total = sum of the parts and equals the most-loaded stage of the breakdown', () => {
    const m = estimate.memory;
    expect(m.parametersBytes + m.gradientsBytes + m.optimizerStatesBytes + m.activationsBytes + m.temporaryBytes + m.overheadBytes).toBeCloseTo(m.totalBytes, 0);
    const stages = memoryByPipelineStage(gpt3, counts, cluster1024, standard);
    expect(Math.max(...stages.map((s) => s.totalBytes))).toBeCloseTo(m.totalBytes, 0);
    expect(stages[m.mostLoadedStage]!.totalBytes).toBeCloseTo(m.totalBytes, 0);
  });
  it('run: steps, GPU-hours, cost and energy follow from the step time', () => {
    const run = estimate.run!;
    expect(run.steps).toBe(Math.ceil(300e9 / (1536 * 2048)));
    expect(run.gpuHours).toBeCloseTo((1024 * run.seconds) / 3600, 6);
    expect(run.costUsd).toBeCloseTo(run.gpuHours * cluster1024.gpuHourUsd, 6);
    // kWh = GPUs × TDP × PUE × hours / 1000.
    expect(run.energyKwh).toBeCloseTo((1024 * 400 * cluster1024.pue * run.seconds) / 3600 / 1000, 3);
    expect(run.days).toBeCloseTo(run.seconds / 86400, 9);
  });
  it('no run without trainingTokens; fits on 80 GB; no diagnostics on the standard case', () => {
    expect(evaluatePlan(gpt3, counts, cluster1024, standard).run).toBeNull();
    expect(estimate.fits).toBe(true);
    expect(estimate.diagnostics.map((d) => d.code)).toEqual([]);
  });
  it('OUT_OF_MEMORY when GPT-3 runs without model parallelism', () => {
    const dpOnly = resolveLayout(gpt3, cluster1024, { globalBatchSize: 1024 });
    const e = evaluatePlan(gpt3, counts, cluster1024, dpOnly);
    expect(e.fits).toBe(false);
    const oom = e.diagnostics.find((d) => d.code === 'OUT_OF_MEMORY')!;
    expect(oom.severity).toBe('ERROR');
    expect(oom.message).toMatch(/GiB/);
  });
  it('TP_ACROSS_NODES and LARGE_BUBBLE', () => {
    const layout = resolveLayout(gpt3, cluster1024, { globalBatchSize: 64, tensorParallel: 16, pipelineParallel: 16 });
    const codes = evaluatePlan(gpt3, counts, cluster1024, layout).diagnostics.map((d) => d.code);
    expect(codes).toContain('TP_ACROSS_NODES');
    expect(codes).toContain('LARGE_BUBBLE');
  });
  it('UNEVEN_PIPELINE when the layers do not split evenly (96 layers over 64 stages)', () => {
    const layout = resolveLayout(gpt3, cluster1024, { globalBatchSize: 512, tensorParallel: 2, pipelineParallel: 64 });
    const uneven = evaluatePlan(gpt3, counts, cluster1024, layout).diagnostics.find((d) => d.code === 'UNEVEN_PIPELINE');
    expect(uneven?.severity).toBe('INFO');
    expect(uneven?.message).toMatch(/first 32 take one extra layer/);
  });
  it('a higher headroom can turn a fitting plan into OUT_OF_MEMORY', () => {
    const tight = evaluatePlan(gpt3, counts, cluster1024, standard, { memoryHeadroomFraction: 0.5 });
    expect(tight.fits).toBe(false);
  });
  it('computeEfficiencyOverride sets compute time to hardware FLOPs / (peak × override)', () => {
    const e = evaluatePlan(gpt3, counts, cluster1024, standard, { computeEfficiencyOverride: 0.5 });
    expect(e.performance.computeEfficiency).toBeCloseTo(0.5, 2);
    const scaled = evaluatePlan(gpt3, counts, cluster1024, standard, { computeEfficiencyScale: 0.5 });
    expect(scaled.performance.computeSeconds).toBeGreaterThan(estimate.performance.computeSeconds * 1.5);
  });
  it('offload moves optimizer states to the host and reports it', () => {
    const layout = resolveLayout(gpt3, cluster1024, {
      tensorParallel: 8, pipelineParallel: 8, globalBatchSize: 1536, recompute: 'FULL', zeroStage: 1, offload: 'OPTIMIZER_CPU',
    });
    const e = evaluatePlan(gpt3, counts, cluster1024, layout);
    expect(e.memory.optimizerStatesBytes).toBe(0);
    expect(e.memory.hostBytes).toBeGreaterThan(0);
    const nvme = evaluatePlan(gpt3, counts, cluster1024, { ...layout, offload: 'OPTIMIZER_NVME' });
    expect(nvme.memory.nvmeBytes).toBeCloseTo(e.memory.hostBytes, 0);
    expect(nvme.performance.optimizerSeconds).toBeGreaterThan(e.performance.optimizerSeconds);
  });
});

describe('offload must fit the node: CPU RAM and NVMe are finite (DGX A100 640GB datasheet: 2 TB RAM, 30 TB NVMe)', () => {
  const counts = computeModelCounts(gpt3);
  const single = makeCluster({ gpu: a100, gpusPerNode: 1, nodes: 1 });
  const plan = (offload: 'PARAMETERS_CPU' | 'PARAMETERS_NVME', cluster = single) =>
    evaluatePlan(gpt3, counts, cluster, resolveLayout(gpt3, cluster, { globalBatchSize: 8, zeroStage: 3, offload, recompute: 'FULL' }));

  it('GPT-3 175B with every state on the host needs 16 bytes × 175B ≈ 2.8 TB of CPU RAM: refused on a 2 TB node', () => {
    const cpu = plan('PARAMETERS_CPU');
    // ZeRO-Infinity §5: fp16 parameters (2) + fp16 gradients (2) + fp32 Adam states (12) per parameter on the host.
    expect(cpu.memory.hostBytes).toBeCloseTo(counts.totalParameters * 16, -9);
    expect(cpu.memory.hostBytes).toBeGreaterThan(2e12);
    expect(cpu.fits).toBe(false);
    expect(cpu.diagnostics.map((d) => d.code)).toContain('HOST_OUT_OF_MEMORY');
    expect(cpu.diagnostics.find((d) => d.code === 'HOST_OUT_OF_MEMORY')!.message).toMatch(/CPU RAM per node/);
    // The device side alone would fit: it is the host that refuses.
    expect(cpu.memory.totalBytes).toBeLessThan(a100.memoryBytes * 0.95);
  });
  it('with parameters and optimizer states on NVMe (2.4 TB of 30 TB) and only gradients on the host (0.35 TB) it fits', () => {
    const nvme = plan('PARAMETERS_NVME');
    expect(nvme.memory.nvmeBytes).toBeCloseTo(counts.totalParameters * 14, -9);
    expect(nvme.memory.hostBytes).toBeCloseTo(counts.totalParameters * 2, -9);
    expect(nvme.fits).toBe(true);
  });
  it('a node with more RAM (cluster hostMemoryBytesPerNode) takes it; with no NVMe the NVMe plan is refused', () => {
    const bigHost = makeCluster({ gpu: a100, gpusPerNode: 1, nodes: 1, hostMemoryBytesPerNode: 4e12 });
    expect(plan('PARAMETERS_CPU', bigHost).fits).toBe(true);
    const noNvme = makeCluster({ gpu: a100, gpusPerNode: 1, nodes: 1, nvmeBytesPerNode: 0 });
    const refused = plan('PARAMETERS_NVME', noNvme);
    expect(refused.fits).toBe(false);
    expect(refused.diagnostics.map((d) => d.code)).toContain('NVME_OUT_OF_SPACE');
  });
  it('eight GPUs of one node share its RAM: per node = 8 × the per-GPU host bytes', () => {
    const node = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 1 });
    const p = plan('PARAMETERS_CPU', node);
    // 2.8 TB / 8 per GPU (ZeRO-3 over DP 8), × 8 GPUs on the node: still 2.8 TB for the node — refused.
    expect(p.memory.hostBytes * 8).toBeGreaterThan(2e12);
    expect(p.fits).toBe(false);
    // On 16 nodes the per-node share is 175 GB: fits.
    const sixteen = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 16 });
    expect(evaluatePlan(gpt3, counts, sixteen, resolveLayout(gpt3, sixteen, { globalBatchSize: 128, zeroStage: 3, offload: 'PARAMETERS_CPU', recompute: 'FULL' })).fits).toBe(true);
  });
  it('rejects a nonsense node capacity naming the field', () => {
    expect(() => makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 1, hostMemoryBytesPerNode: -1 })).toThrow(InvalidInputError);
  });
});

describe('expertTensorParallel (Megatron-Core MoE parallel folding; Liu et al. 2025, arXiv 2504.14960)', () => {
  const v3 = findModelPreset('deepseek-v3') as ModelArchitecture;
  // 256 H100s as TP 2 × PP 8 × DP 16 (the shape of Megatron-Bridge's Qwen3-235B H100 recipe: EP 32 spans TP 2 × DP 16).
  const h100x256 = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 8, nodes: 32 });
  const shape = { tensorParallel: 2, pipelineParallel: 8, sequenceParallel: true, globalBatchSize: 1024 };

  function invalid(fn: () => unknown): InvalidInputError {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return error as InvalidInputError;
    }
    throw new Error('expected InvalidInputError');
  }

  it('omitted or = TP resolves to the same layout, without the field (its shape unchanged)', () => {
    const omitted = resolveLayout(v3, h100x256, { ...shape, expertParallel: 16 });
    expect(resolveLayout(v3, h100x256, { ...shape, expertParallel: 16, expertTensorParallel: 2 })).toEqual(omitted);
    expect('expertTensorParallel' in omitted).toBe(false);
  });

  it('EP 32 over TP 2 × DP 16 is accepted with ETP 1 (32 divides 2 × 16) and kept in the layout', () => {
    const layout = resolveLayout(v3, h100x256, { ...shape, expertParallel: 32, expertTensorParallel: 1 });
    expect([layout.tensorParallel, layout.dataParallel, layout.expertParallel, layout.expertTensorParallel]).toEqual([2, 16, 32, 1]);
  });

  it('EP 32 over TP 2 × DP 16 is refused with ETP = TP (EP must divide DP 16), naming the field, the value and the folding way out', () => {
    for (const etp of [undefined, 2]) {
      const error = invalid(() => resolveLayout(v3, h100x256, { ...shape, expertParallel: 32, ...(etp === undefined ? {} : { expertTensorParallel: etp }) }));
      expect(error.field).toBe('plan.expertParallel');
      expect(error.value).toBe(32);
      expect(error.message).toContain('a common divisor of dataParallel (16) and experts (256)');
      expect(error.message).toContain('expertTensorParallel 1');
    }
  });

  it('with ETP 1, EP × ETP must divide TP × CP × DP: EP 64 over 2 × 16 = 32 ranks is refused with the rule', () => {
    const error = invalid(() => resolveLayout(v3, h100x256, { ...shape, expertParallel: 64, expertTensorParallel: 1 }));
    expect(error.field).toBe('plan.expertParallel');
    expect(error.value).toBe(64);
    expect(error.message).toContain('expertParallel × expertTensorParallel (64 × 1) dividing tensorParallel × contextParallel × dataParallel (2 × 1 × 16 = 32)');
  });

  it('only 1 or TP; not on dense models; SP on when TP > 1', () => {
    const four = invalid(() => resolveLayout(v3, h100x256, { ...shape, tensorParallel: 8, pipelineParallel: 1, expertTensorParallel: 4 }));
    expect([four.field, four.value]).toEqual(['plan.expertTensorParallel', 4]);
    expect(four.message).toContain('1 or tensorParallel (8)');
    const dense = invalid(() => resolveLayout(llama70, cluster1024, { tensorParallel: 8, sequenceParallel: true, globalBatchSize: 1024, expertTensorParallel: 1 }));
    expect([dense.field, dense.value]).toEqual(['plan.expertTensorParallel', 1]);
    expect(dense.message).toContain('dense model');
    const noSp = invalid(() => resolveLayout(v3, h100x256, { ...shape, sequenceParallel: false, expertParallel: 32, expertTensorParallel: 1 }));
    expect([noSp.field, noSp.value]).toEqual(['plan.expertTensorParallel', 1]);
    expect(noSp.message).toContain('sequenceParallel');
    expect(() => resolveLayout(v3, h100x256, { ...shape, expertTensorParallel: 0 })).toThrow(InvalidInputError);
    expect(() => resolveLayout(v3, h100x256, { ...shape, expertTensorParallel: 1.5 })).toThrow(InvalidInputError);
  });

  it('ETP 1 with TP 1 is the default (nothing to fold)', () => {
    const layout = resolveLayout(v3, h100x256, { pipelineParallel: 8, expertParallel: 32, expertTensorParallel: 1, globalBatchSize: 1024 });
    expect('expertTensorParallel' in layout).toBe(false);
  });
});
