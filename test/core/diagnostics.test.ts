/**
 * performance.expertHostSeconds and the EXPERT_HOST_BOUND diagnostic: the host work of PER_EXPERT expert GEMM launches
 * (Transformer Engine's GroupedLinear after the dispatcher's device-to-host sync; expert-parallel.ts) that a plan leaves
 * on its critical path, said apart from the all-to-all it shares the EXPERT_PARALLEL term with. Checked on Qwen3
 * 30B-A3B on 16 H100 (48 MoE layers, 128 experts; EP 16 → 8 local experts; micro-batch 1 of 4,096 tokens, batch 1,024 →
 * 64 micro-batches a rank), Megatron-Bridge's H100 layout of that model (its performance summary's 26.04 row).
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { EXPERT_HOST_SECONDS_PER_OPERATION } from '../../src/core/performance.js';
import { COMMUNICATION_BOUND_FRACTION, EXPERT_HOST_BOUND_FRACTION, evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ModelArchitecture, PlanOptions } from '../../src/core/types.js';

const cluster = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 8, nodes: 2 });
const qwen = findModelPreset('qwen3-30b-a3b') as ModelArchitecture;
const counts = computeModelCounts(qwen);

function plan(options: PlanOptions, precision: 'BF16' | 'FP8' = 'BF16') {
  const layout = resolveLayout(qwen, cluster, { expertParallel: 16, globalBatchSize: 1024, microBatchSize: 1, precision, recompute: 'NONE' });
  return evaluatePlan(qwen, counts, cluster, layout, { expertDispatch: 'NODE_DEDUPLICATED', ...options });
}

describe('the per-expert host work a plan leaves exposed', () => {
  it('is micro-batches × MoE layers × local experts × operations × host seconds per operation', () => {
    // BF16, no recompute: fc1 and fc2 each forward, input gradient, weight gradient — 6 operations a local expert.
    const bf16 = plan({ expertGemmLaunch: 'PER_EXPERT' });
    expect(bf16.performance.expertHostSeconds).toBeCloseTo(64 * 48 * 8 * 6 * EXPERT_HOST_SECONDS_PER_OPERATION, 9);
    // 7.30 s of a 28.6 s step: over a quarter.
    expect(bf16.performance.expertHostSeconds).toBeCloseTo(7.30, 2);
    expect(bf16.performance.stepSeconds).toBeCloseTo(28.6, 1);
    // FP8 adds the casts of the two passes that quantise a new operand (forward input, output gradient): 10 a local expert.
    const fp8 = plan({ expertGemmLaunch: 'PER_EXPERT' }, 'FP8');
    expect(fp8.performance.expertHostSeconds).toBeCloseTo(64 * 48 * 8 * 10 * EXPERT_HOST_SECONDS_PER_OPERATION, 9);
    // It is the EXPERT_HOST term (never hidden), apart from the exposed communication: the parts add up to the step.
    expect(bf16.terms.find((t) => t.name === 'EXPERT_HOST')!.exposedSeconds).toBe(bf16.performance.expertHostSeconds);
    const p = bf16.performance;
    expect(p.computeSeconds + p.bubbleSeconds + p.exposedCommunicationSeconds + p.expertHostSeconds + p.optimizerSeconds).toBeCloseTo(p.stepSeconds, 9);
    const transfers = bf16.terms.filter((t) => ['TENSOR_PARALLEL', 'EXPERT_PARALLEL', 'CONTEXT_PARALLEL', 'PIPELINE_PARALLEL', 'DATA_PARALLEL', 'OFFLOAD'].includes(t.name));
    expect(transfers.reduce((sum, t) => sum + t.exposedSeconds, 0)).toBeCloseTo(p.exposedCommunicationSeconds, 9);
  });

  it('is 0 with grouped expert kernels and for a dense model', () => {
    expect(plan({ expertGemmLaunch: 'GROUPED_KERNEL' }).performance.expertHostSeconds).toBe(0);
    const llama = findModelPreset('llama3-8b') as ModelArchitecture;
    const dense = evaluatePlan(llama, computeModelCounts(llama), cluster, resolveLayout(llama, cluster, { globalBatchSize: 64 }));
    expect(dense.performance.expertHostSeconds).toBe(0);
  });

  it('over 20 % of the step reports EXPERT_HOST_BOUND, naming the local experts, the host time and the remedies', () => {
    const bf16 = plan({ expertGemmLaunch: 'PER_EXPERT' });
    const share = bf16.performance.expertHostSeconds / bf16.performance.stepSeconds;
    expect(share).toBeGreaterThan(EXPERT_HOST_BOUND_FRACTION);
    const d = bf16.diagnostics.find((x) => x.code === 'EXPERT_HOST_BOUND')!;
    expect(d.severity).toBe('WARNING');
    expect(d.message).toContain(`Per-expert host work is ${(share * 100).toFixed(0)} % of the step`);
    expect(d.message).toContain('launches the GEMMs of its 8 local experts');
    expect(plan({ expertGemmLaunch: 'PER_EXPERT' }, 'FP8').diagnostics.find((x) => x.code === 'EXPERT_HOST_BOUND')!.message).toContain(
      'launches the GEMMs and FP8 casts of its 8 local experts',
    );
    expect(d.message).toContain('49.5 µs of host time each');
    expect(d.message).toMatch(/GROUPED_KERNEL.*larger micro-batch.*more expert parallelism/);
    // A user's own host time scales the share: at 10 µs an operation it is under 20 % and not reported.
    const fast = plan({ expertGemmLaunch: 'PER_EXPERT', expertHostSecondsPerOperation: 10e-6 });
    expect(fast.performance.expertHostSeconds / fast.performance.stepSeconds).toBeLessThan(EXPERT_HOST_BOUND_FRACTION);
    expect(fast.diagnostics.map((x) => x.code)).not.toContain('EXPERT_HOST_BOUND');
    expect(plan({ expertGemmLaunch: 'GROUPED_KERNEL' }).diagnostics.map((x) => x.code)).not.toContain('EXPERT_HOST_BOUND');
  });

  it('COMMUNICATION_BOUND counts transfers only, not the per-expert host work', () => {
    const bf16 = plan({ expertGemmLaunch: 'PER_EXPERT' });
    const transfers = bf16.performance.exposedCommunicationSeconds;
    // Host work and transfers together pass the 30 % line; the transfers alone do not: no COMMUNICATION_BOUND.
    expect(transfers + bf16.performance.expertHostSeconds).toBeGreaterThan(COMMUNICATION_BOUND_FRACTION * bf16.performance.stepSeconds);
    expect(transfers).toBeLessThan(COMMUNICATION_BOUND_FRACTION * bf16.performance.stepSeconds);
    expect(bf16.diagnostics.map((x) => x.code)).not.toContain('COMMUNICATION_BOUND');
  });
});
