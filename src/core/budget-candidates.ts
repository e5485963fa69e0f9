/**
 * budgetPlan's candidates: the request checked, the fixed grid of sizes, and one size on one GPU count with its best
 * layout (the plan search), its MFU and its failure cost; a floor on the loss a size can reach.
 */
import { validateFamily } from './architecture-sizing.js';
import { InvalidInputError, requireFinite } from './errors.js';
import { makeCluster, peakFlopsFor } from './hardware.js';
import { modelStateBytesPerParameter } from './model-states.js';
import { predictedLoss, SCALING_LAW_NAMES } from './scaling.js';
import { searchPlans } from './search.js';
import { allocationComputeFor, effectiveTokens, lawParametersOf } from './budget-loss.js';
import { failureCost } from './budget-runs.js';
import { DEEPSEEK_BATCH_FIT, type BudgetCandidate, type BudgetHooks, type BudgetPlanRequest, type NormalizedRequest } from './budget-types.js';
import type { ClusterSpec, ModelArchitecture, ModelCounts, ParallelLayout, PlanEstimate } from './types.js';

export function normalize(r: BudgetPlanRequest): NormalizedRequest {
  const budgetUsd = r.budgetUsd ?? null;
  const deadlineDays = r.deadlineDays ?? null;
  const targetLoss = r.targetLoss ?? null;
  if (budgetUsd !== null) requireFinite('budgetUsd', budgetUsd, 1, 1e13);
  if (deadlineDays !== null) requireFinite('deadlineDays', deadlineDays, 0.01, 3650);
  if (targetLoss !== null) requireFinite('targetLoss', targetLoss, 0.01, 20);
  if (budgetUsd === null && deadlineDays === null && targetLoss === null) {
    throw new InvalidInputError('budgetUsd', null, 'a budget in USD, a deadlineDays or a targetLoss (at least one)');
  }
  if (!SCALING_LAW_NAMES.includes(r.law)) throw new InvalidInputError('law', r.law, `one of ${SCALING_LAW_NAMES.join(', ')}`);
  const availableTokens = r.availableTokens ?? null;
  if (availableTokens !== null) requireFinite('availableTokens', availableTokens, 1e6, 1e16);
  const total = r.cluster.gpusPerNode * r.cluster.nodes;
  let gpuCounts: number[];
  if (r.gpuCounts && r.gpuCounts.length > 0) {
    gpuCounts = [...new Set(r.gpuCounts)];
    for (const [i, g] of gpuCounts.entries()) {
      if (!Number.isInteger(g) || g < 1 || g > total) throw new InvalidInputError(`gpuCounts[${i}]`, g, `an integer in [1, ${total}]`);
    }
  } else {
    // The fleet, and the largest power of two within it (a batch of 2^k sequences splits evenly over it), its half
    // and its quarter, in whole nodes.
    const perNode = r.cluster.gpusPerNode;
    const pow2 = 2 ** Math.floor(Math.log2(total));
    gpuCounts = [...new Set([total, pow2, pow2 / 2, pow2 / 4])].filter((g) => g <= total && (g % perNode === 0 || g < perNode) && g >= 1);
    if (gpuCounts.length === 1 && total >= 2 * perNode) gpuCounts.push(Math.floor(total / 2 / perNode) * perNode);
  }
  if (r.failures) {
    const f = r.failures;
    requireFinite('reliability.failuresPerGpuHour', f.failuresPerGpuHour, 0, 1);
    requireFinite('reliability.plannedInterruptionsPerDay', f.plannedInterruptionsPerDay, 0, 1000);
    requireFinite('reliability.restartSeconds', f.restartSeconds, 0, 30 * 86_400);
    requireFinite('reliability.storageWriteBytesPerSecond', f.storageWriteBytesPerSecond, 1, 1e16);
    requireFinite('reliability.storageReadBytesPerSecond', f.storageReadBytesPerSecond, 1, 1e16);
  }
  return {
    budgetUsd,
    deadlineSeconds: deadlineDays === null ? null : deadlineDays * 86_400,
    cluster: r.cluster,
    gpuHourUsd: r.cluster.gpuHourUsd,
    law: r.law,
    family: validateFamily(r.family),
    availableTokens,
    failures: r.failures ?? null,
    targetLoss,
    ideal: r.idealUtilisation === true,
    precision: r.precision ?? 'BF16',
    gpuCounts,
    searchTimeLimitSeconds: requireFinite('searchTimeLimitSeconds', r.searchTimeLimitSeconds ?? 2, 0.01, 60),
    timeLimitSeconds: requireFinite('timeLimitSeconds', r.timeLimitSeconds ?? 30, 0.01, 3600),
  };
}

/** Global batch in sequences: DeepSeek's B_opt for the compute, rounded down to a power of two. */
export function batchSequencesFor(computeFlops: number, sequenceLength: number): number {
  const tokens = DEEPSEEK_BATCH_FIT.coefficient * computeFlops ** DEEPSEEK_BATCH_FIT.exponent;
  return 2 ** Math.max(0, Math.min(16, Math.floor(Math.log2(Math.max(1, tokens / sequenceLength)))));
}

function clusterOf(fleet: ClusterSpec, gpus: number): ClusterSpec {
  if (gpus === fleet.gpusPerNode * fleet.nodes) return fleet;
  const perNode = Math.min(fleet.gpusPerNode, gpus);
  return makeCluster({
    gpu: fleet.gpu,
    gpusPerNode: perNode,
    nodes: Math.ceil(gpus / perNode),
    gpuHourUsd: fleet.gpuHourUsd,
    pue: fleet.pue,
    ...(fleet.hostMemoryBytesPerNode !== undefined ? { hostMemoryBytesPerNode: fleet.hostMemoryBytesPerNode } : {}),
    ...(fleet.nvmeBytesPerNode !== undefined ? { nvmeBytesPerNode: fleet.nvmeBytesPerNode } : {}),
  });
}

/**
 * Whether a model's weights, gradients and Adam states could fit on `gpus` GPUs at all: spread perfectly over every GPU
 * (ZeRO §3.1: 2 + 2 + 12 bytes a parameter under mixed precision, 4 + 4 + 8 in FP32), before any activation — a bound no
 * layout of the budget's search (ZeRO-1, no offload) can beat. A size past it is answered "does not fit" without a layout
 * search: the budget grid reaches 10¹⁵ parameters, and a search that finds nothing on a small fleet costs as much as one
 * that finds a layout. Adam's 12 B because the budget's search leaves the optimizer at its default (ADAM): a lighter
 * optimizer there would need its own bytes here.
 */
export function modelStatesCouldFit(totalParameters: number, gpus: number, precision: ParallelLayout['precision'], gpuMemoryBytes: number): boolean {
  // ZeRO-3 over every GPU: the most any layout could shard the states.
  return modelStateBytesPerParameter(3, gpus, 'ADAM', precision) * totalParameters <= gpuMemoryBytes;
}

/** Shape `target` law-parameters into the family and find its best layout on `gpus` GPUs. */
export function evaluateCandidate(
  r: NormalizedRequest,
  sized: { arch: ModelArchitecture; counts: ModelCounts },
  gpus: number,
  hooks: BudgetHooks,
): BudgetCandidate {
  const { arch, counts } = sized;
  const cluster = clusterOf(r.cluster, gpus);
  const lawParameters = lawParametersOf(r.law, counts);
  // The batch for the compute at which this size is the law's allocation: a property of the size, not of the budget.
  const globalBatchSize = batchSequencesFor(allocationComputeFor(r.law, lawParameters), arch.sequenceLength);
  const fail = failureCost(r.ideal ? null : r.failures, gpus, counts.totalParameters);
  const base = { arch, counts, lawParameters, gpus, cluster, globalBatchSize, ...fail };
  const peak = peakFlopsFor(r.cluster.gpu, r.precision);
  let layout: ParallelLayout | null = null;
  let estimate: PlanEstimate | null = null;
  if ((gpus % cluster.gpusPerNode === 0 || gpus < cluster.gpusPerNode) && modelStatesCouldFit(counts.totalParameters, gpus, r.precision, cluster.gpu.memoryBytes)) {
    const outcome = searchPlans(
      arch,
      counts,
      cluster,
      {
        globalBatchSize,
        // DeepSeek's B_opt rounded down to a power of two, its half and its quarter.
        globalBatchSizes: [globalBatchSize, globalBatchSize / 2, globalBatchSize / 4].filter((b) => b >= 1),
        objective: 'TIME',
        top: 1,
        maxPareto: 1,
        gpuBudgetMode: 'EXACT',
        zeroStages: [1],
        offloads: ['NONE'],
        flashAttention: [true],
        sequenceParallel: [true, false],
        contextParallel: [1],
        precision: r.precision,
        timeLimitSeconds: r.searchTimeLimitSeconds,
      },
      { ...(hooks.now ? { now: hooks.now } : {}), ...(hooks.shouldStop ? { shouldStop: hooks.shouldStop } : {}) },
    );
    const top = outcome.best[0];
    if (top) {
      layout = top.layout;
      estimate = top.estimate;
    }
  }
  if (r.ideal) {
    // Full utilisation: the law's C = 6·N·D at the GPUs' peak.
    const secondsPerToken = (6 * lawParameters) / (gpus * peak);
    return { ...base, layout, estimate, fits: true, secondsPerToken, modelFlopsUtilization: 1, wallFactor: 1, ettr: 1 };
  }
  if (!estimate) {
    return { ...base, layout, estimate, fits: false, secondsPerToken: Infinity, modelFlopsUtilization: 0, ettr: fail.slowdownFactor / fail.wallFactor };
  }
  const p = estimate.performance;
  return {
    ...base,
    layout,
    estimate,
    fits: true,
    secondsPerToken: 1 / p.tokensPerSecond,
    modelFlopsUtilization: p.modelFlopsUtilization,
    ettr: fail.slowdownFactor / fail.wallFactor,
  };
}

/** Smallest and largest model sizes of the grid (law parameters). */
export const BUDGET_GRID_MIN_PARAMETERS = 1e7;
export const BUDGET_GRID_MAX_PARAMETERS = 1e15;

/**
 * The fixed grid of sizes 2^(j/4) (quarter octaves) from 10^7 to 10^15 law-parameters, the same for every budget,
 * ordered outward from `center` (the law's allocation at the nominal MFU) so the best is found early and the sizes
 * that cannot beat it are skipped by their floor.
 */
export function budgetGrid(center: number): number[] {
  const jLo = Math.ceil(4 * Math.log2(BUDGET_GRID_MIN_PARAMETERS));
  const jHi = Math.floor(4 * Math.log2(BUDGET_GRID_MAX_PARAMETERS));
  const jc = Math.min(jHi, Math.max(jLo, Math.round(4 * Math.log2(center))));
  const order: number[] = [];
  for (let j = jLo; j <= jHi; j++) order.push(j);
  order.sort((a, b) => Math.abs(a - jc) - Math.abs(b - jc) || a - b);
  return order.map((j) => 2 ** (j / 4));
}

/**
 * A floor on the loss any run of a size can reach: every token at the fleet's peak (the law's 6·N FLOPs per token at
 * MFU 1; the step-time model's FLOPs per token include attention and embeddings, so its MFU of 6·N is lower), no
 * failures, all the budget or the whole deadline (Kaplan et al. 2020 §2.1 C = 6ND; loss falls with data).
 */
export function lossFloor(r: NormalizedRequest, lawParameters: number, fleetGpus: number, peakFlops: number): number {
  const tokensPerGpuSecond = peakFlops / (6 * lawParameters);
  const byBudget = r.budgetUsd === null ? Infinity : ((r.budgetUsd * 3600) / r.gpuHourUsd) * tokensPerGpuSecond;
  const byDeadline = r.deadlineSeconds === null ? Infinity : r.deadlineSeconds * fleetGpus * tokensPerGpuSecond;
  return predictedLoss(r.law, lawParameters, effectiveTokens(Math.min(byBudget, byDeadline), r.availableTokens));
}
