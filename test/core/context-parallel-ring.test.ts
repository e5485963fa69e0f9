/**
 * options.contextParallelCommunication: ALL_GATHER (Llama 3 §3.3.2, the default — K/V gathered before attention and
 * reduce-scattered after, exposed) or RING (Megatron-Core's default cp_comm_type "p2p" — K/V chunks around the CP ring
 * under the attention of the chunk held; backward K/V and their gradients). Checked against the overlap law to 1e-12,
 * on the cases where the attention hides the ring and where it cannot, through the recipe and for bad values.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { layerCompute } from '../../src/core/performance/compute.js';
import { stepContext } from '../../src/core/performance/context.js';
import { contextParallelPerLayer } from '../../src/core/performance/context-parallel.js';
import { OVERLAP_COMPUTE_SLOWDOWN, overlappedCostSeconds } from '../../src/core/performance/efficiency.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import { applyRecipe, planAssumptions } from '../../src/core/recipes.js';
import type { ContextParallelCommunication, GpuSpec, ModelArchitecture, ParallelLayout } from '../../src/core/types.js';

const h100 = findGpu('h100-sxm') as GpuSpec;

/** Llama 3 8B at `sequence` tokens (with `kvHeads` K/V heads: 8, GQA, unless given), TP 1, CP `cp` over nodes of 8. */
function setup(sequence: number, cp: number, gpus: number, kvHeads = 8) {
  const arch = { ...(findModelPreset('llama3-8b') as ModelArchitecture), sequenceLength: sequence, kvHeads };
  const counts = computeModelCounts(arch);
  const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: gpus / 8 });
  const layout = resolveLayout(arch, cluster, { contextParallel: cp, globalBatchSize: gpus / cp, microBatchSize: 1, precision: 'BF16', recompute: 'NONE' });
  const perLayer = (communication: ContextParallelCommunication) => {
    const ctx = stepContext(arch, counts, cluster, layout, { contextParallelCommunication: communication });
    return contextParallelPerLayer(ctx, layerCompute(ctx).attentionSeconds);
  };
  const plan = (communication?: ContextParallelCommunication) =>
    evaluatePlan(arch, counts, cluster, layout, communication === undefined ? {} : { contextParallelCommunication: communication });
  // The ring's window: its attention, run as c kernels of 1/c of the keys each (compute.ts flashAttentionKeysOverhead).
  const attention = layerCompute(stepContext(arch, counts, cluster, layout, { contextParallelCommunication: 'RING' })).attentionSeconds;
  const gatheredAttention = layerCompute(stepContext(arch, counts, cluster, layout, {})).attentionSeconds;
  return { arch, cluster, layout, perLayer, plan, attention, gatheredAttention };
}

describe('options.contextParallelCommunication', () => {
  it('RING moves the gather\'s bytes three times a layer (K/V forward; K/V and their gradients backward) under the attention', () => {
    // 128K tokens over CP 8 inside one node: the attention of a 16K chunk per rank dwarfs its K/V (GQA, 8 K/V heads).
    const { perLayer, attention } = setup(131_072, 8, 8);
    const gather = perLayer('ALL_GATHER');
    const ring = perLayer('RING');
    expect(gather.collectivesPerLayer).toBe(2);
    expect(ring.collectivesPerLayer).toBe(3);
    expect(ring.kvBytes).toBe(gather.kvBytes);
    const oneTransfer = gather.transferSecondsPerLayer / 2;
    expect(ring.transferSecondsPerLayer).toBeCloseTo(3 * oneTransfer, 15);
    // All-gather: exposed as it is; ring: the overlap law on the layer's attention.
    expect(gather.secondsPerLayer).toBe(gather.transferSecondsPerLayer);
    expect(ring.secondsPerLayer).toBeCloseTo(overlappedCostSeconds(3 * oneTransfer, attention, OVERLAP_COMPUTE_SLOWDOWN), 15);
    // Hidden: only the contention share σ/(1 + σ) of the transfer is left.
    expect(ring.transferSecondsPerLayer).toBeLessThan(attention);
    expect(ring.secondsPerLayer).toBeCloseTo((ring.transferSecondsPerLayer * OVERLAP_COMPUTE_SLOWDOWN) / (1 + OVERLAP_COMPUTE_SLOWDOWN), 15);
    expect(ring.secondsPerLayer).toBeLessThan(gather.secondsPerLayer);
  });

  it('where the attention is too short to hide it (4K tokens over CP 32 across nodes, full multi-head K/V), the ring\'s excess counts', () => {
    // With GQA's 8 K/V heads the ring's transfers stay under even its shortest kernels (each query meets 64 keys a
    // step, at 0.11 of the kernel's ceiling); 32 K/V heads move 4 × the bytes.
    const { perLayer, attention } = setup(4096, 32, 32, 32);
    const ring = perLayer('RING');
    expect(ring.transferSecondsPerLayer).toBeGreaterThan(attention * (1 + OVERLAP_COMPUTE_SLOWDOWN));
    expect(ring.secondsPerLayer).toBeCloseTo(ring.transferSecondsPerLayer - attention, 15);
    // Three transfers against the gather's two: here the ring is slower.
    expect(ring.secondsPerLayer).toBeGreaterThan(perLayer('ALL_GATHER').secondsPerLayer);
  });

  it('through the plan: the CONTEXT_PARALLEL term reports the ring\'s transfers and what is left of them; the default is ALL_GATHER', () => {
    const { plan } = setup(131_072, 8, 8);
    const term = (p: ReturnType<typeof plan>) => p.terms.find((x) => x.name === 'CONTEXT_PARALLEL')!;
    const byDefault = plan();
    const gather = plan('ALL_GATHER');
    const ring = plan('RING');
    expect(byDefault.performance.stepSeconds).toBe(gather.performance.stepSeconds);
    expect(term(gather).exposedSeconds).toBe(term(gather).seconds);
    expect(term(ring).seconds).toBeCloseTo(1.5 * term(gather).seconds, 9);
    expect(term(ring).exposedSeconds).toBeLessThan(term(ring).seconds);
    expect(term(ring).bytes).toBeCloseTo(1.5 * term(gather).bytes, 3);
    expect(term(ring).exposedSeconds).toBeLessThan(term(gather).exposedSeconds);
    // What the ring hides it pays back in kernels: 8 calls of 8K keys per query instead of one of 64K run at
    // 8,192 / 8,732 against 65,536 / 66,076 of the kernel's ceiling; inside one node the gather's exposed NVLink
    // transfers cost less than that, so the step is slower with the ring here.
    const { attention, gatheredAttention } = setup(131_072, 8, 8);
    expect(attention / gatheredAttention).toBeCloseTo((65_536 / 66_076) / (8_192 / 8_732), 12);
    expect(ring.performance.stepSeconds).toBeGreaterThan(gather.performance.stepSeconds);
    expect(term(ring).explanation).toContain('cp_comm_type "p2p"');
  });

  it('the MEGATRON_CORE recipe sets RING (Megatron-Core\'s cp_comm_type default), cited; a user\'s value wins', () => {
    const base: Partial<ParallelLayout> = { contextParallel: 2 };
    const recipe = applyRecipe('MEGATRON_CORE', base, {});
    expect(recipe.options.contextParallelCommunication).toBe('RING');
    expect(applyRecipe('MEGATRON_CORE', base, { contextParallelCommunication: 'ALL_GATHER' }).options.contextParallelCommunication).toBe('ALL_GATHER');
    const { arch, cluster } = setup(8192, 2, 8);
    const layout = resolveLayout(arch, cluster, { ...recipe.layout, globalBatchSize: 4, microBatchSize: 1 });
    const entry = planAssumptions('MEGATRON_CORE', base, {}, layout, recipe.options).find((a) => a.name === 'options.contextParallelCommunication')!;
    expect(entry).toMatchObject({ value: 'RING', origin: 'RECIPE' });
    expect(entry.source).toContain('cp_comm_type');
    const plain = planAssumptions(undefined, {}, {}, layout, {}).find((a) => a.name === 'options.contextParallelCommunication')!;
    expect(plain).toMatchObject({ value: 'ALL_GATHER', origin: 'DEFAULT' });
  });

  it('a bad value is refused with the field, the value and what is allowed', () => {
    const { arch, cluster, layout } = setup(8192, 2, 8);
    const bad = { contextParallelCommunication: 'ALLTOALL' as ContextParallelCommunication };
    expect(() => evaluatePlan(arch, computeModelCounts(arch), cluster, layout, bad)).toThrow(InvalidInputError);
    expect(() => evaluatePlan(arch, computeModelCounts(arch), cluster, layout, bad)).toThrow(/options\.contextParallelCommunication.*ALLTOALL.*ALL_GATHER.*RING/);
  });
});
