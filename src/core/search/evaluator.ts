/** The planner bound for the search: plan.ts's validation, memory model and evaluatePlan. */
import { InvalidInputError } from '../errors.js';
import { DEFAULT_MEMORY_HEADROOM_FRACTION, estimateMemory, layoutGpus, offloadFits } from '../memory.js';
import { evaluatePlan, resolveLayout } from '../plan.js';
import type {
  ClusterSpec,
  ModelArchitecture,
  ModelCounts,
  ParallelLayout,
  PlanOptions,
} from '../types.js';
import { subCluster } from './space.js';
import type { LayoutEvaluator } from './types.js';

/**
 * The planner binding: resolveLayout for validity, estimateMemory with evaluatePlan's fit rule (total ≤ capacity ×
 * (1 − headroom), plan.ts) for the memory-first pass, and evaluatePlan for everything ranked. Layouts on fewer GPUs
 * than the cluster (gpuBudget) run on the matching sub-cluster.
 */
export function planLayoutEvaluator(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  options: PlanOptions = {},
): LayoutEvaluator {
  const clusters = new Map<number, ClusterSpec>();
  const total = cluster.gpusPerNode * cluster.nodes;
  const clusterFor = (layout: ParallelLayout): ClusterSpec => {
    const gpus = layoutGpus(layout);
    if (gpus === total) return cluster;
    let c = clusters.get(gpus);
    if (c === undefined) {
      c = subCluster(cluster, gpus);
      clusters.set(gpus, c);
    }
    return c;
  };
  const usableFraction = 1 - (options.memoryHeadroomFraction ?? DEFAULT_MEMORY_HEADROOM_FRACTION);
  return {
    isValid(layout) {
      let resolved: ParallelLayout;
      try {
        resolved = resolveLayout(arch, clusterFor(layout), layout);
      } catch (error) {
        if (error instanceof InvalidInputError) return false;
        throw error;
      }
      // A layout the planner would normalise (e.g. sequence parallel at TP 1) is a duplicate, not a new candidate.
      for (const key of Object.keys(layout) as (keyof ParallelLayout)[]) {
        if (key === 'pipelineStageLayers') {
          const a = resolved.pipelineStageLayers;
          const b = layout.pipelineStageLayers;
          if (a === undefined || b === undefined || a.length !== b.length || a.some((x, j) => x !== b[j])) return false;
        } else if (resolved[key] !== layout[key]) return false;
      }
      // (an EVEN list given explicitly resolves to none: a duplicate too)
      if (resolved.pipelineStageLayers !== undefined && layout.pipelineStageLayers === undefined) return false;
      return true;
    },
    memoryBytes(layout) {
      return estimateMemory(arch, counts, clusterFor(layout), layout, options).totalBytes;
    },
    offloadFits(layout) {
      if (layout.offload === 'NONE') return true;
      const c = clusterFor(layout);
      const fit = offloadFits(estimateMemory(arch, counts, c, layout, options), c, 1 - usableFraction);
      return fit.hostFits && fit.nvmeFits;
    },
    capacityBytes: cluster.gpu.memoryBytes,
    // evaluatePlan: fits = total ≤ capacity × (1 − headroom) (plan.ts).
    usableBytes: cluster.gpu.memoryBytes * usableFraction,
    evaluate(layout) {
      return evaluatePlan(arch, counts, clusterFor(layout), layout, options);
    },
  };
}
