/**
 * Pipeline parallelism: the bubble and the point-to-point transfers between stages.
 * - Bubble = (p − 1)/v · (stage time per micro-batch) for equal stages (Narayanan et al. 2021 §2.2, interleaved 1F1B).
 * - Transfers (α + bytes/β over the NIC or NVLink, then the scatter-gather all-gather over NVLink) are exposed at the
 *   fill and drain (one activation and one gradient per stage edge: 2·(p − 1) transfers) and, by default, overlap in
 *   steady state (Megatron-Core `overlap_p2p_comm`). With PlanOptions.overlapPipelineCommunication = false (Megatron-LM
 *   2021: `_communicate` waits on its batched isend/irecv and synchronises the device before the next compute) every
 *   transfer is on the critical path as well: 2·m·v more (one forward, one backward per micro-batch and virtual
 *   stage), so interleaving pays v × the steady-state transfers (Narayanan et al. 2021 §2.2.2). The term's seconds count
 *   both kinds, 2·m·v + 2·(p − 1) per flush, so blocking p2p exposes it whole and overlap only hides part of it.
 */
import { collectiveSeconds, groupMembersPerNode, pointToPointSeconds } from '../communication.js';
import type { StepContext, StepTerm } from './context.js';

const OVERLAPPED =
  'Activation forward and gradient backward per micro-batch and virtual stage; steady-state transfers overlap compute (Megatron-Core overlap_p2p_comm), the 2·(p − 1) fill/drain ones are exposed.';
const BLOCKING =
  'Activation forward and gradient backward per micro-batch and virtual stage, each waited on (Megatron-LM 2021 p2p_communication.py): 2·m·v transfers plus the 2·(p − 1) fill/drain ones exposed.';

/** Point-to-point transfers of the step: with t > 1 each TP rank sends 1/t and the receivers all-gather over NVLink (Narayanan et al. 2021 §4.1). */
export function pipelineTransferTerm(ctx: StepContext): StepTerm {
  const { p, t, d, m, v, flushes, tokens, h, elementBytes, cluster, options, slowdown } = ctx;
  let transferSeconds = 0;
  let bytes = 0;
  if (p > 1) {
    const p2pBytes = (tokens * h * elementBytes) / t;
    const neighbourInNode = t * d < ctx.gpusPerNode;
    transferSeconds =
      pointToPointSeconds(p2pBytes, neighbourInNode, cluster, options) +
      (t > 1 ? collectiveSeconds(tokens * h * elementBytes, t, groupMembersPerNode(t, 1, ctx.gpusPerNode), 1, cluster, options) : 0);
    bytes = 2 * m * v * p2pBytes;
  }
  const steadySeconds = 2 * m * v * transferSeconds;
  // Fill and drain: one activation and one gradient per stage edge wait for their transfer in any schedule (once per
  // pipeline flush). Overlapped steady-state transfers still slow the compute beside them.
  const overlapped = options?.overlapPipelineCommunication ?? true;
  const fillDrainSeconds = flushes * 2 * (p - 1) * transferSeconds;
  // Before overlap the term is every transfer its exposed figure counts: the 2·m·v steady-state ones and the 2·(p − 1)
  // fill/drain ones per flush (StepTerm: exposedSeconds ≤ seconds); bytes stay what this GPU sends, the 2·m·v.
  const seconds = steadySeconds + fillDrainSeconds;
  const exposedSeconds = overlapped ? fillDrainSeconds + (steadySeconds * slowdown) / (1 + slowdown) : seconds;
  return { name: 'PIPELINE_PARALLEL', seconds, exposedSeconds, bytes, explanation: overlapped ? OVERLAPPED : BLOCKING };
}

const BUBBLE =
  'Fill and drain: (Σ stage − max stage)/v per pipeline schedule, (p − 1)/v stage times for equal stages, plus the unfilled share when m < p (Narayanan et al. 2021 §2.2.1–2.2.2); once per flush.';

/**
 * Narayanan et al. 2021 §2.2.1–2.2.2: bubble = (p − 1)/v micro-batch slots of a stage when all stages are equal. With
 * unequal ranks the fill and drain run through every rank once while the slowest sets the steady pace: bubble =
 * (Σ_i stage_i − max_i stage_i)/v, which is (p − 1)/v · stage for equal stages (p = 1: 0). Interleaving needs m ≥ p
 * micro-batches to fill the ranks: with m < p a micro-batch's p·v chunks run one after another (rank r idles while
 * the others hold chunks of the m), so the step is p·T + (m − 1)·T/v for equal stages T — the bubble gains
 * (p − m)·(1 − 1/v)·T (derived from the schedule's dependency chain). Unequal ranks scale it by (Σ − max)/(p − 1),
 * so that m = 1 gives Σ − max whatever v (one micro-batch passes every rank in turn). With gradient accumulation
 * over F separate pipeline schedules (PlanOptions.pipelineFlushesPerStep) each of m/F micro-batches fills and drains:
 * F bubbles, each with m/F in place of m.
 */
export function pipelineBubbleTerm(
  ctx: StepContext,
  stagePerMicroBatch: number,
  allRanksPerMicroBatch: number,
  computePerMicroBatch: number,
  matmulPasses: number,
): StepTerm {
  const { p, v, flushes } = ctx;
  if (ctx.layout.pipelineSchedule === 'DUALPIPE' && p > 1) return dualPipeBubbleTerm(ctx, stagePerMicroBatch, computePerMicroBatch, matmulPasses);
  const m = ctx.m / flushes;
  const fillDrain = Math.max(0, allRanksPerMicroBatch - stagePerMicroBatch);
  const unfilled = p > m ? ((p - m) / (p - 1)) * (1 - 1 / v) * fillDrain : 0;
  const seconds = flushes * (fillDrain / v + unfilled);
  return { name: 'PIPELINE_BUBBLE', seconds, exposedSeconds: seconds, bytes: 0, explanation: BUBBLE };
}

const DUALPIPE_BUBBLE =
  'DualPipe: (p/2 − 1)·(F&B + B − 3W) per pipeline schedule (DeepSeek-V3 §3.2.1, Table 2), F&B = a forward and a backward chunk overlapped (the stage time per micro-batch), B the backward and W its weight-gradient part.';

/**
 * DeepSeek-V3 §3.2.1, Table 2: DualPipe's bubble is (PP/2 − 1)·(F&B + B − 3W), against 1F1B's (PP − 1)·(F + B), where
 * F&B is the time of a forward and a backward chunk run together (each under the other's all-to-all: the stage's
 * compute and exposed communication per micro-batch here), B a backward chunk (input and weight gradients, with what
 * is recomputed) and W its weight-gradient part. With P GEMM passes per micro-batch (forward, input gradient, weight
 * gradient, + a recomputed forward) the compute splits as B = c·(P − 1)/P and W = c/P, so B − 3W = c·(P − 4)/P.
 */
function dualPipeBubbleTerm(ctx: StepContext, stagePerMicroBatch: number, computePerMicroBatch: number, matmulPasses: number): StepTerm {
  const { p, flushes } = ctx;
  const backwardMinusThreeWeight = (computePerMicroBatch * (matmulPasses - 4)) / matmulPasses;
  const seconds = flushes * (p / 2 - 1) * Math.max(0, stagePerMicroBatch + backwardMinusThreeWeight);
  return { name: 'PIPELINE_BUBBLE', seconds, exposedSeconds: seconds, bytes: 0, explanation: DUALPIPE_BUBBLE };
}
