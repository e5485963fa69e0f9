/** Explanations in words: why the winner beats the runner-up, and why nothing was returned. */
import { expertTensorParallelOf } from '../memory.js';
import type { ParallelLayout } from '../types.js';
import type { SearchState } from './progress.js';
import type { Ranked } from './rank.js';
import type { LayoutEvaluator, NormalizedSearch, SearchCandidate, SearchObjective, WinnerComparison } from './types.js';

const GIB = 1024 ** 3;

export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

export function describeLayout(l: ParallelLayout): string {
  const parts = [`TP ${l.tensorParallel}`, `PP ${l.pipelineParallel}`, `DP ${l.dataParallel}`];
  if (l.expertParallel > 1) parts.push(`EP ${l.expertParallel}`);
  if (l.expertTensorParallel !== undefined && l.expertTensorParallel !== l.tensorParallel) parts.push(`expert TP ${l.expertTensorParallel}`);
  if ((l.contextParallel ?? 1) > 1) parts.push(`CP ${l.contextParallel}`);
  parts.push(`micro-batch ${l.microBatchSize}`);
  if (l.pipelineInterleave > 1) parts.push(`interleave ${l.pipelineInterleave}`);
  parts.push(`ZeRO-${l.zeroStage}`, l.recomputeLayers === undefined ? `recompute ${l.recompute}` : `recompute FULL on ${l.recomputeLayers} layer${l.recomputeLayers === 1 ? '' : 's'} per virtual stage`);
  if (l.sequenceParallel) parts.push('sequence parallel');
  if (l.offload !== 'NONE') parts.push(`offload ${l.offload}`);
  return parts.join(', ');
}

const LAYOUT_FIELDS: readonly (keyof ParallelLayout)[] = [
  'globalBatchSize',
  'tensorParallel',
  'pipelineParallel',
  'dataParallel',
  'expertParallel',
  'expertTensorParallel',
  'contextParallel',
  'microBatchSize',
  'pipelineInterleave',
  'pipelineSchedule',
  'zeroStage',
  'recompute',
  'recomputeLayers',
  'sequenceParallel',
  'offload',
  'flashAttention',
];

/** Seconds with 4 significant digits (steps range from milliseconds to minutes). */
function seconds(value: number): string {
  return Math.abs(value) >= 1000 ? value.toFixed(0) : value.toPrecision(4);
}

/** A run's wall time in the unit a reader would use: 1.599e+6 s reads 18.51 days. */
export function duration(value: number): string {
  if (value >= 86_400) return `${(value / 86_400).toPrecision(4)} days`;
  if (value >= 3_600) return `${(value / 3_600).toPrecision(4)} h`;
  return `${seconds(value)} s`;
}

function signed(value: number): string {
  return value === 0 ? '0' : `${value > 0 ? '+' : '−'}${seconds(Math.abs(value))}`;
}

/** Why the winner beats the runner-up, from their evaluatePlan breakdowns. */
export function compareWinner(
  winner: SearchCandidate,
  runnerUp: SearchCandidate,
  objective: SearchObjective,
  label = 'the runner-up',
): { comparison: WinnerComparison; reason: string } {
  const w = winner.estimate.performance;
  const r = runnerUp.estimate.performance;
  // contextParallel is absent when 1, pipelineSchedule when ONE_F_ONE_B and expertTensorParallel when TP (resolveLayout's shape).
  const field = (l: ParallelLayout, f: keyof ParallelLayout) =>
    f === 'contextParallel'
      ? (l.contextParallel ?? 1)
      : f === 'pipelineSchedule'
        ? (l.pipelineSchedule ?? 'ONE_F_ONE_B')
        : f === 'recomputeLayers'
          ? (l.recomputeLayers ?? (l.recompute === 'FULL' ? 'all' : 'none'))
        : f === 'expertTensorParallel'
          ? expertTensorParallelOf(l)
          : l[f];
  // Expert TP differs only where a layout folds it (else it follows tensorParallel, which the list already names).
  const folded = winner.layout.expertTensorParallel !== undefined || runnerUp.layout.expertTensorParallel !== undefined;
  const layoutDifferences = LAYOUT_FIELDS.filter(
    (f) => (f !== 'expertTensorParallel' || folded) && field(winner.layout, f) !== field(runnerUp.layout, f),
  ).map(
    (f) => `${f}: ${String(field(winner.layout, f))} vs ${String(field(runnerUp.layout, f))}`,
  );
  if (winner.gpus !== runnerUp.gpus) layoutDifferences.unshift(`gpus: ${winner.gpus} vs ${runnerUp.gpus}`);
  const comparison: WinnerComparison = {
    layoutDifferences,
    stepSecondsDelta: w.stepSeconds - r.stepSeconds,
    computeSecondsDelta: w.computeSeconds - r.computeSeconds,
    bubbleSecondsDelta: w.bubbleSeconds - r.bubbleSeconds,
    exposedCommunicationSecondsDelta: w.exposedCommunicationSeconds - r.exposedCommunicationSeconds,
    expertHostSecondsDelta: w.expertHostSeconds - r.expertHostSeconds,
    optimizerSecondsDelta: w.optimizerSeconds - r.optimizerSeconds,
    memoryBytesDelta: winner.estimate.memory.totalBytes - runnerUp.estimate.memory.totalBytes,
    timeSecondsDelta: winner.timeSeconds - runnerUp.timeSeconds,
    costUsdDelta: winner.costUsd - runnerUp.costUsd,
  };
  const terms: [string, number][] = [
    ['compute', comparison.computeSecondsDelta],
    ['pipeline bubble', comparison.bubbleSecondsDelta],
    ['exposed communication', comparison.exposedCommunicationSecondsDelta],
    // Only where either layout launches its experts one GEMM at a time (the rest of the time it is 0 on both sides).
    ...(w.expertHostSeconds > 0 || r.expertHostSeconds > 0 ? [['per-expert host work', comparison.expertHostSecondsDelta] as [string, number]] : []),
    ['optimizer step', comparison.optimizerSecondsDelta],
  ];
  const decisive = [...terms].sort((a, b) => a[1] - b[1])[0]!;
  const metric =
    objective === 'MIN_GPUS'
      ? `${winner.gpus} vs ${runnerUp.gpus} GPUs, time ${duration(winner.timeSeconds)} vs ${duration(runnerUp.timeSeconds)}`
      : objective === 'MFU'
      ? `MFU ${(w.modelFlopsUtilization * 100).toFixed(1)} % vs ${(r.modelFlopsUtilization * 100).toFixed(1)} %`
      : objective === 'COST'
        ? `cost $${winner.costUsd.toFixed(2)} vs $${runnerUp.costUsd.toFixed(2)}`
        : `time ${duration(winner.timeSeconds)} vs ${duration(runnerUp.timeSeconds)}`;
  const differs = layoutDifferences.length > 0 ? layoutDifferences.join('; ') : 'nothing (equal layouts)';
  const verb = winner.score === runnerUp.score ? 'ties on the objective with' : 'beats';
  const reason =
    `${describeLayout(winner.layout)} ${verb} ${label} (${differs}): ${metric}. ` +
    `Step ${seconds(w.stepSeconds)} s vs ${seconds(r.stepSeconds)} s = ` +
    terms.map(([name, delta]) => `${name} ${signed(delta)} s`).join(', ') +
    (decisive[1] < 0
      ? `; the largest gain is ${decisive[0]}. `
      : `; no term of its step is shorter — it wins on ${objective === 'MIN_GPUS' ? 'GPU count' : objective === 'COST' ? 'cost' : objective === 'MFU' ? 'MFU' : 'the objective'}. `) +
    `Memory ${(winner.estimate.memory.totalBytes / GIB).toFixed(1)} GiB vs ${(runnerUp.estimate.memory.totalBytes / GIB).toFixed(1)} GiB per GPU.`;
  return { comparison, reason };
}

/** The reason when no layout is returned: an empty space, nothing fits, or nothing within the budget. */
export function whyNothing(state: SearchState, front: Ranked[], evaluator: LayoutEvaluator, s: NormalizedSearch): string {
  if (state.candidates === 0) {
    // The usual cause: too few sequences per step for this many GPUs (DP × micro-batch must divide the batch).
    const largestModelParallel = Math.max(...s.tensorParallel) * Math.max(...s.contextParallel) * Math.max(...s.pipelineParallel);
    const smallestDataParallel = Math.ceil(s.gpuBudget / largestModelParallel);
    const largestBatch = Math.max(...s.globalBatchSizes);
    const batchHint =
      s.gpuBudgetMode === 'EXACT' && largestBatch < smallestDataParallel
        ? ` With exactly ${s.gpuBudget} GPUs and ${Math.max(...s.contextParallel) > 1 ? 'TP × CP × PP' : 'TP × PP'} at most ${largestModelParallel}, data parallelism is at ` +
          `least ${smallestDataParallel}, more than a global batch of ${largestBatch} sequences per step can feed: raise ` +
          `the global batch, or search up to ${s.gpuBudget} GPUs (gpuBudgetMode UP_TO).`
        : ' Relax the pins (tensor/pipeline/data parallel, micro-batch sizes) or change the global batch.';
    return `No candidate: the pins and the planner's rules leave an empty space.${batchHint}`;
  }
  if (state.feasible === 0 && state.minMemoryBytes <= evaluator.usableBytes) {
    // Something fits the GPU, so the node refused it: only offloading layouts fit the device, and their host/NVMe
    // bytes exceed the node's (memory.ts offloadFits).
    return (
      `No layout fits: the smallest needs ${(state.minMemoryBytes / GIB).toFixed(1)} GiB per GPU, which the GPU holds, but ` +
      `the layouts that fit the GPU offload more than a node's CPU RAM or NVMe holds (all GPUs of a node share them); ` +
      `add GPUs, or describe nodes with more RAM/NVMe (cluster hostMemoryBytesPerNode, nvmeBytesPerNode).`
    );
  }
  if (state.feasible === 0) {
    return (
      `No layout fits: the smallest needs ${(state.minMemoryBytes / GIB).toFixed(1)} GiB per GPU and ` +
      `${(evaluator.usableBytes / GIB).toFixed(1)} GiB are usable (capacity × (1 − headroom)); add GPUs, allow ` +
      `recompute, ZeRO or offload, or lower the headroom.`
    );
  }
  if (s.deadlineSeconds !== null) {
    // The fastest feasible layout is on the frontier (nothing is faster, so nothing dominates it).
    const fastest = front.reduce((a, b) => (b.timeSeconds < a.timeSeconds ? b : a));
    if (fastest.timeSeconds > s.deadlineSeconds) {
      return (
        `No feasible layout finishes within ${(s.deadlineSeconds / 86_400).toPrecision(3)} days: the fastest ` +
        `(${describeLayout(fastest.layout)}, ${fastest.gpus} GPUs) takes ${(fastest.timeSeconds / 86_400).toPrecision(3)} days; ` +
        `add GPUs or relax the deadline.`
      );
    }
  }
  // The cheapest feasible layout is on the frontier (nothing is cheaper, so nothing dominates it).
  const cheapest = front.reduce((a, b) => (b.costUsd < a.costUsd ? b : a));
  return `No feasible layout costs at most $${s.budgetUsd!.toFixed(2)}: the cheapest (${describeLayout(cheapest.layout)}) costs $${cheapest.costUsd.toFixed(2)}.`;
}
