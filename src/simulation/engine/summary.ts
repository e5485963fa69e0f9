/** Sorted samples and the Monte Carlo summary: quantiles, running statistics and means over replicas. */
import type { Quantiles, ReplicaResult, ResolvedSimulation, SimulationSummary } from './types.js';

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function insertSorted(arr: number[], value: number): void {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  arr.splice(lo, 0, value);
}

export function quantiles(sorted: readonly number[], sum: number): Quantiles {
  return {
    mean: sorted.length > 0 ? sum / sorted.length : 0,
    p10: quantile(sorted, 0.1),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
  };
}

export function summarise(sim: ResolvedSimulation, results: ReplicaResult[], times: number[], goodputs: number[]): SimulationSummary {
  const n = results.length;
  const mean = (f: (r: ReplicaResult) => number): number => results.reduce((a, r) => a + f(r), 0) / n;
  const causeTotals = new Map<string, number>();
  for (const res of results) {
    for (const [k, v] of Object.entries(res.interruptionsByCause)) causeTotals.set(k, (causeTotals.get(k) ?? 0) + v);
  }
  const labels = new Map(sim.reliability.causes.map((c) => [c.id, c.label]));
  labels.set('PLANNED', 'Planned maintenance');
  const byCause = [...causeTotals.entries()]
    .map(([cause, total]) => ({ cause, label: labels.get(cause) ?? cause, mean: total / n }))
    .sort((a, b) => b.mean - a.mean || (a.cause < b.cause ? -1 : 1));
  const losses = results.map((r) => r.predictedLoss).filter((l): l is number => l !== null);
  return {
    replicas: n,
    finishedReplicas: results.filter((r) => r.finished).length,
    simulatedSeconds: mean((r) => r.simulatedSeconds),
    timeToTrainSeconds: quantiles(times, times.reduce((a, b) => a + b, 0)),
    goodputQuantiles: quantiles(goodputs, goodputs.reduce((a, b) => a + b, 0)),
    interruptions: mean((r) => r.interruptions),
    plannedInterruptions: mean((r) => r.plannedInterruptions),
    unexpectedInterruptions: mean((r) => r.unexpectedInterruptions),
    interruptionsByCause: byCause,
    lostWorkSeconds: mean((r) => r.lostWorkSeconds),
    badput: {
      checkpointSaveSeconds: mean((r) => r.badput.checkpointSaveSeconds),
      checkpointRestoreSeconds: mean((r) => r.badput.checkpointRestoreSeconds),
      lostProgressSeconds: mean((r) => r.badput.lostProgressSeconds),
      recoverySeconds: mean((r) => r.badput.recoverySeconds),
    },
    nodeWaitSeconds: mean((r) => r.nodeWaitSeconds),
    productiveSeconds: mean((r) => r.productiveSeconds),
    checkpointsWritten: mean((r) => r.checkpointsWritten),
    effectiveTrainingTimeRatio: mean((r) => r.effectiveTrainingTimeRatio),
    goodput: mean((r) => r.goodput),
    tokensTrained: mean((r) => r.tokensTrained),
    gpuHours: mean((r) => r.gpuHours),
    costUsd: mean((r) => r.costUsd),
    wastedCostUsd: mean((r) => r.wastedCostUsd),
    predictedLoss: losses.length > 0 ? losses.reduce((a, b) => a + b, 0) / losses.length : null,
    checkpointIntervalSeconds: sim.checkpointIntervalSeconds,
    checkpointIntervalSteps: sim.checkpointIntervalSteps,
    checkpointIntervalSource: sim.checkpointIntervalSource,
    checkpointBlockingSeconds: sim.checkpointBlockingSeconds,
    checkpointPersistSeconds: sim.checkpointPersistSeconds,
    restoreSeconds: sim.restoreSeconds,
    jobMtbfSeconds: sim.jobMtbfSeconds,
    spareNodes: sim.spareNodes,
  };
}
