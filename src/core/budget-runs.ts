/**
 * Time, failures and money of budgetPlan's candidates: the failure cost (Daly 2006 with planned stops and slowdowns),
 * a candidate's run of a token count, the most tokens a budget and deadline allow, and the loss-vs-spend frontier.
 */
import { dalyCheckpointIntervalSeconds, dalyExpectedWallSeconds } from './checkpoint.js';
import { InvalidInputError } from './errors.js';
import { predictedLoss } from './scaling.js';
import { effectiveTokens } from './budget-loss.js';
import type { BindingConstraint, BudgetCandidate, BudgetFailureModel, BudgetPoint, BudgetRun, NormalizedRequest } from './budget-types.js';

interface FailureCost {
  wallFactor: number;
  jobMtbfSeconds: number | null;
  checkpointIntervalSeconds: number | null;
  checkpointSeconds: number;
  restartSeconds: number;
  slowdownFactor: number;
}

/**
 * Mean step-time multiplier of the slowdowns: diurnal 1 + a·(1 − cos)/2 averages 1 + a/2; the slowest of N ranks
 * with exponential excess of mean μ is late by μ·H_N on average (H_N ≈ ln N + 0.5772, the mean of the maximum of N
 * exponentials); fail-slow episodes slow the whole job by s for the fraction of time one is running.
 */
export function slowdownFactor(failures: BudgetFailureModel, gpus: number): number {
  const diurnal = 1 + (failures.diurnalAmplitudeFraction ?? 0) / 2;
  const harmonic = Math.log(gpus) + 0.5772156649 + 1 / (2 * gpus);
  const straggler = 1 + (failures.stragglerJitterFraction ?? 0) * harmonic;
  const busy = ((failures.failSlowEpisodesPerGpuHour ?? 0) * gpus * (failures.failSlowMeanSeconds ?? 0)) / 3600;
  const failSlow = 1 + (failures.failSlowSlowdownFraction ?? 0) * (busy / (1 + busy));
  return diurnal * straggler * failSlow;
}

/** Expected wall time per failure-free second (Daly 2006 eq. 20 at eq. 37's interval, planned stops added). */
export function failureCost(failures: BudgetFailureModel | null | undefined, gpus: number, totalParameters: number): FailureCost {
  if (!failures || failures.failuresPerGpuHour <= 0) {
    return { wallFactor: failures ? slowdownFactor(failures, gpus) : 1, jobMtbfSeconds: null, checkpointIntervalSeconds: null, checkpointSeconds: 0, restartSeconds: 0, slowdownFactor: failures ? slowdownFactor(failures, gpus) : 1 };
  }
  const bytes = failures.checkpointBytesPerParameter * totalParameters;
  // Blocking part of a checkpoint: the whole write (SYNC) or the device→host copy of each GPU's share (ASYNC), as the engine.
  const checkpointSeconds = failures.asyncCheckpoint
    ? bytes / (gpus * failures.deviceToHostBytesPerSecondPerGpu)
    : bytes / failures.storageWriteBytesPerSecond;
  const restartSeconds = failures.restartSeconds + bytes / failures.storageReadBytesPerSecond;
  // Superposed independent GPUs: job MTBF = 1/(λ·N) (Poisson).
  const mtbf = 3600 / (failures.failuresPerGpuHour * gpus);
  const interval = failures.checkpointIntervalSeconds ?? Math.max(1, dalyCheckpointIntervalSeconds(checkpointSeconds, mtbf));
  const daly = dalyExpectedWallSeconds({ solveSeconds: 1, intervalSeconds: interval, checkpointSeconds, restartSeconds, mtbfSeconds: mtbf });
  // Planned stops lose no work: each costs a restart (and its downtime) per day of wall time.
  const plannedFraction = (failures.plannedInterruptionsPerDay * (restartSeconds + failures.plannedDowntimeSeconds)) / 86_400;
  if (plannedFraction >= 1) throw new InvalidInputError('reliability.plannedInterruptionsPerDay', failures.plannedInterruptionsPerDay, 'fewer planned stops than fit in a day');
  // Slowdowns stretch the compute time Daly's formula is linear in.
  const slowdown = slowdownFactor(failures, gpus);
  return { wallFactor: (slowdown * daly) / (1 - plannedFraction), jobMtbfSeconds: mtbf, checkpointIntervalSeconds: interval, checkpointSeconds, restartSeconds, slowdownFactor: slowdown };
}

/** A candidate's run of `tokens` tokens: days, dollars (GPUs × wall hours × price), loss. */
export function runFor(request: NormalizedRequest, candidate: BudgetCandidate, tokens: number, limitedBy: BindingConstraint): BudgetRun {
  const solveSeconds = tokens * candidate.secondsPerToken;
  const wallSeconds = solveSeconds * candidate.wallFactor;
  const eff = effectiveTokens(tokens, request.availableTokens);
  // The law's own loss at the effective data: what the answer reports and what the candidates are ranked by.
  const loss = predictedLoss(request.law, candidate.lawParameters, eff);
  return {
    candidate,
    trainingTokens: tokens,
    effectiveTokens: eff,
    epochs: request.availableTokens === null ? null : tokens / request.availableTokens,
    solveDays: solveSeconds / 86_400,
    expectedDays: wallSeconds / 86_400,
    costUsd: (candidate.gpus * request.gpuHourUsd * wallSeconds) / 3600,
    computeFlops: 6 * candidate.lawParameters * tokens,
    predictedLoss: loss,
    rankingLoss: loss,
    limitedBy,
  };
}

/** The most tokens a candidate can train within `budgetUsd` and the deadline, and which of the two caps it. */
export function maxTokens(request: NormalizedRequest, c: BudgetCandidate, budgetUsd: number | null): { tokens: number; limitedBy: BindingConstraint } {
  const wallSecondsPerToken = c.secondsPerToken * c.wallFactor;
  const byBudget = budgetUsd === null ? Infinity : (budgetUsd * 3600) / (c.gpus * request.gpuHourUsd * wallSecondsPerToken);
  const byDeadline = request.deadlineSeconds === null ? Infinity : request.deadlineSeconds / wallSecondsPerToken;
  return byBudget <= byDeadline ? { tokens: byBudget, limitedBy: 'BUDGET' } : { tokens: byDeadline, limitedBy: 'DEADLINE' };
}

/**
 * The run of a candidate with the lowest loss the budget and deadline allow: all the tokens they pay for (the law's loss
 * falls with data, and Muennighoff's effective data grows with the tokens trained).
 */
export function bestRunWithin(r: NormalizedRequest, c: BudgetCandidate, budgetUsd: number | null): BudgetRun {
  const cap = maxTokens(r, c, budgetUsd);
  return runFor(r, c, cap.tokens, cap.limitedBy);
}

/** Loss against spend: for spends from 1/64 of the answer's to the answer's, the best candidate at each. */
export function buildFrontier(r: NormalizedRequest, candidates: BudgetCandidate[], chosen: BudgetRun): BudgetPoint[] {
  const points: BudgetPoint[] = [];
  const top = chosen.costUsd;
  for (let k = 12; k >= 0; k--) {
    const spend = top * 2 ** (-k / 2);
    let bestRun: BudgetRun | null = null;
    for (const c of candidates) {
      if (!c.fits) continue;
      const run = bestRunWithin(r, c, spend);
      if (bestRun === null || run.predictedLoss < bestRun.predictedLoss) bestRun = run;
    }
    if (bestRun) {
      points.push({
        spendUsd: bestRun.costUsd,
        predictedLoss: bestRun.predictedLoss,
        rankingLoss: bestRun.rankingLoss,
        parameters: bestRun.candidate.lawParameters,
        trainingTokens: bestRun.trainingTokens,
        expectedDays: bestRun.expectedDays,
        gpus: bestRun.candidate.gpus,
      });
    }
  }
  return points;
}
