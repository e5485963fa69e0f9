/**
 * Checkpoint/restart interval formulas. Pure functions, seconds in and out.
 *
 * Vocabulary (Daly 2006): M = job mean time between (work-losing) interruptions, δ = blocking checkpoint cost,
 * R = restart time, τ = compute time between checkpoints, T_s = failure-free solve time.
 */
import { InvalidInputError, requireFinite } from './errors.js';

/** Young (1974), "A first order approximation to the optimum checkpoint interval": τ = √(2δM). */
export function youngCheckpointIntervalSeconds(checkpointSeconds: number, mtbfSeconds: number): number {
  requireFinite('checkpointSeconds', checkpointSeconds, 0);
  requireFinite('mtbfSeconds', mtbfSeconds, Number.MIN_VALUE);
  return Math.sqrt(2 * checkpointSeconds * mtbfSeconds);
}

/**
 * Daly (2006), "A higher order estimate of the optimum checkpoint interval for restart dumps", eq. 37:
 * τ = √(2δM)·[1 + ⅓√(δ/(2M)) + (1/9)(δ/(2M))] − δ for δ < 2M, else τ = M.
 */
export function dalyCheckpointIntervalSeconds(checkpointSeconds: number, mtbfSeconds: number): number {
  requireFinite('checkpointSeconds', checkpointSeconds, 0);
  requireFinite('mtbfSeconds', mtbfSeconds, Number.MIN_VALUE);
  if (checkpointSeconds >= 2 * mtbfSeconds) return mtbfSeconds;
  const x = checkpointSeconds / (2 * mtbfSeconds);
  return Math.sqrt(2 * checkpointSeconds * mtbfSeconds) * (1 + Math.sqrt(x) / 3 + x / 9) - checkpointSeconds;
}

/**
 * Daly (2006) eq. 20, expected wall time of a job with exponential interruptions (failures may also strike during
 * the restart and the checkpoint): T_w(τ) = M·e^(R/M)·(e^((τ+δ)/M) − 1)·T_s/τ.
 */
export function dalyExpectedWallSeconds(input: {
  solveSeconds: number;
  intervalSeconds: number;
  checkpointSeconds: number;
  restartSeconds: number;
  mtbfSeconds: number;
}): number {
  const { solveSeconds, intervalSeconds, checkpointSeconds, restartSeconds, mtbfSeconds } = input;
  requireFinite('solveSeconds', solveSeconds, 0);
  requireFinite('checkpointSeconds', checkpointSeconds, 0);
  requireFinite('restartSeconds', restartSeconds, 0);
  requireFinite('mtbfSeconds', mtbfSeconds, Number.MIN_VALUE);
  if (!(intervalSeconds > 0) || !Number.isFinite(intervalSeconds)) {
    throw new InvalidInputError('intervalSeconds', intervalSeconds, 'a finite number > 0');
  }
  const m = mtbfSeconds;
  return (
    m *
    Math.exp(restartSeconds / m) *
    Math.expm1((intervalSeconds + checkpointSeconds) / m) *
    (solveSeconds / intervalSeconds)
  );
}

/**
 * First-order effective training time ratio (reliability-data.md, after Young 1974 / Meta's ETTR):
 * ETTR ≈ 1/(1 + δ/τ + Λ·(R + (τ+δ)/2)), Λ = 1/M. Each interruption costs the restart plus, on average, half a
 * checkpoint period of lost work. Planned stops (checkpoint then stop) lose no work: pass them via
 * `plannedPerSecond` and they cost R only.
 */
export function firstOrderEttr(input: {
  intervalSeconds: number;
  checkpointSeconds: number;
  restartSeconds: number;
  mtbfSeconds: number;
  plannedPerSecond?: number;
}): number {
  const { intervalSeconds, checkpointSeconds, restartSeconds, mtbfSeconds } = input;
  const planned = input.plannedPerSecond ?? 0;
  requireFinite('checkpointSeconds', checkpointSeconds, 0);
  requireFinite('restartSeconds', restartSeconds, 0);
  requireFinite('mtbfSeconds', mtbfSeconds, Number.MIN_VALUE);
  requireFinite('plannedPerSecond', planned, 0);
  if (!(intervalSeconds > 0) || !Number.isFinite(intervalSeconds)) {
    throw new InvalidInputError('intervalSeconds', intervalSeconds, 'a finite number > 0');
  }
  const lambda = 1 / mtbfSeconds;
  return (
    1 /
    (1 +
      checkpointSeconds / intervalSeconds +
      lambda * (restartSeconds + (intervalSeconds + checkpointSeconds) / 2) +
      planned * restartSeconds)
  );
}

/**
 * The τ on a grid that minimises Daly's T_w (a numerical argmin, to compare with the closed-form τ_opt).
 * Grid: `lowSeconds + k·stepSeconds` up to `highSeconds`.
 */
export function dalyArgminIntervalSeconds(input: {
  checkpointSeconds: number;
  restartSeconds: number;
  mtbfSeconds: number;
  lowSeconds: number;
  highSeconds: number;
  stepSeconds: number;
}): number {
  const { lowSeconds, highSeconds, stepSeconds } = input;
  requireFinite('stepSeconds', stepSeconds, Number.MIN_VALUE);
  requireFinite('lowSeconds', lowSeconds, Number.MIN_VALUE);
  requireFinite('highSeconds', highSeconds, lowSeconds);
  let best = lowSeconds;
  let bestWall = Infinity;
  const steps = Math.floor((highSeconds - lowSeconds) / stepSeconds + 1e-9);
  for (let k = 0; k <= steps; k++) {
    const tau = lowSeconds + k * stepSeconds;
    const wall = dalyExpectedWallSeconds({ ...input, solveSeconds: 1, intervalSeconds: tau });
    if (wall < bestWall) {
      bestWall = wall;
      best = tau;
    }
  }
  return best;
}
