/**
 * The step time as the sum of its terms, each computed by its own module and explaining itself:
 *   step = m·(stage compute + exposed TP + EP + CP per micro-batch) + bubble + exposed PP/DP/offload + optimizer step,
 *   the EP part split into its transfers (EXPERT_PARALLEL) and the host work of per-expert launches (EXPERT_HOST),
 *   m = global batch / (micro-batch · d) micro-batches per pipeline per step (Narayanan et al. 2021 §2.2).
 * Hot path of the plan search: scalar arithmetic and a few small result objects.
 */
import { adapterFlopsPerToken } from '../adapter.js';
import { hardwareFlopsPerToken } from '../model.js';
import type {
  ClusterSpec,
  CommunicationEstimate,
  ModelArchitecture,
  ModelCounts,
  ParallelLayout,
  PerformanceEstimate,
  PlanOptions,
} from '../types.js';
import { type LayerCompute, layerCompute } from './compute.js';
import { type StepContext, type StepTerm, stepContext } from './context.js';
import { type ContextParallelLayer, contextParallelPerLayer, contextParallelTerm } from './context-parallel.js';
import { dataParallelShards, dataParallelTerm } from './data-parallel.js';
import { type ExpertParallelLayer, expertHostTerm, expertParallelCostPerMicroBatch, expertParallelPerLayer, expertParallelTerm, withNetworkShare } from './expert-parallel.js';
import { optimizerTerms } from './optimizer.js';
import { pipelineBubbleTerm, pipelineTransferTerm } from './pipeline.js';
import { type ExposedCommunication, slowestStage } from './stage.js';
import { type TensorParallelLayer, tensorParallelCostPerMicroBatch, tensorParallelPerLayer, tensorParallelTerm } from './tensor-parallel.js';

export interface StepEstimate {
  performance: PerformanceEstimate;
  communication: CommunicationEstimate;
  /** The terms the step is the sum of (their exposedSeconds add up to stepSeconds), each with how it was computed. */
  terms: readonly StepTerm[];
}

const COMPUTE =
  'Slowest stage per micro-batch × m: GEMM FLOPs / (peak · e_mm) + attention scores / (peak · e_att) + element-wise bytes / HBM (compute.ts).';

/**
 * What a rank holding `rankLayers` layers leaves of its TP, EP and CP communication on the critical path per
 * micro-batch, given its compute (the overlap window) — by the same laws as the step's terms.
 */
function exposedCommunicationOf(
  ctx: StepContext,
  compute: LayerCompute,
  tpLayer: TensorParallelLayer,
  epLayer: ExpertParallelLayer,
  cpLayer: ContextParallelLayer,
): ExposedCommunication {
  const passes = compute.flops.matmulPasses;
  return (rankLayers, rankCompute) =>
    tensorParallelCostPerMicroBatch(ctx, tpLayer, rankLayers, rankCompute, passes) +
    expertParallelCostPerMicroBatch(ctx, epLayer, rankLayers, rankCompute) +
    rankLayers * cpLayer.secondsPerLayer;
}

/**
 * Steady-state seconds of one micro-batch's forward and backward on a pipeline rank holding `rankLayers` layers and
 * neither the embedding nor the head: their compute plus the TP/EP/CP communication left exposed; no pipeline
 * transfers, bubble or data-parallel sync. What a profile of one forward/backward chunk pair measures.
 */
export function rankMicroBatchSeconds(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  layout: ParallelLayout,
  options: PlanOptions | undefined,
  rankLayers: number,
): number {
  const ctx = stepContext(arch, counts, cluster, layout, options);
  const compute = layerCompute(ctx);
  const exposed = exposedCommunicationOf(ctx, compute, tensorParallelPerLayer(ctx), expertParallelPerLayer(ctx), contextParallelPerLayer(ctx, compute.attentionSeconds));
  const rankCompute = rankLayers * compute.layerSeconds;
  return rankCompute + exposed(rankLayers, rankCompute);
}

/** Step time, throughput and communication of one plan. */
export function estimateStep(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  layout: ParallelLayout,
  options?: PlanOptions,
): StepEstimate {
  const ctx = stepContext(arch, counts, cluster, layout, options);
  const { m, p, s, gpus, peakMatmul } = ctx;
  const compute = layerCompute(ctx);
  // Per-layer communication of one micro-batch, exposed (before any overlap): it grows with a rank's layers, so it
  // counts towards which rank is slowest.
  const tpLayer = tensorParallelPerLayer(ctx);
  const epLayer = expertParallelPerLayer(ctx);
  const cpLayer = contextParallelPerLayer(ctx, compute.attentionSeconds);
  const stage = slowestStage(ctx, compute, exposedCommunicationOf(ctx, compute, tpLayer, epLayer, cpLayer));
  const { stageLayers, computePerMicroBatch } = stage;
  const tp = tensorParallelTerm(ctx, tpLayer, stageLayers, computePerMicroBatch, compute.flops.matmulPasses);
  const shards = dataParallelShards(ctx, stage, compute.flops.adapterPerLayer);
  const dp = dataParallelTerm(ctx, shards, compute.flops);
  // The all-to-all shares the NIC with the DP collectives hidden under the same compute (expert-parallel.ts): its term
  // carries that; the stage time that sets the bubble does not (DP, as its overlap, stays outside the pace).
  const epUnshared = expertParallelTerm(ctx, epLayer, stageLayers, computePerMicroBatch);
  const epShared = withNetworkShare(epLayer, dp.overlappedNetworkSeconds, m * computePerMicroBatch, m * stageLayers * epLayer.secondsPerLayer);
  const ep = epShared === epLayer ? epUnshared : expertParallelTerm(ctx, epShared, stageLayers, computePerMicroBatch);
  const cp = contextParallelTerm(ctx, cpLayer, stageLayers);
  const pp = pipelineTransferTerm(ctx);
  const { optimizer, offload } = optimizerTerms(ctx, shards, computePerMicroBatch, dp.zero3GatherSecondsPerMicroBatch);

  const layerCommunication =
    stageLayers > 0 ? (tp.costPerMicroBatch + epUnshared.costPerMicroBatch + cp.costPerMicroBatch) / stageLayers : 0;
  const stagePerMicroBatch = computePerMicroBatch + layerCommunication * stageLayers;
  const computeSeconds = m * computePerMicroBatch;
  const allRanksPerMicroBatch = p > 1 ? stage.allRanksTimePerMicroBatch : stagePerMicroBatch;
  const bubble = pipelineBubbleTerm(ctx, stagePerMicroBatch, allRanksPerMicroBatch, computePerMicroBatch, compute.flops.matmulPasses);
  const bubbleSeconds = bubble.seconds;
  // Transfers only: the per-expert host work the EP cost per micro-batch carries is its own term.
  const expertHost = expertHostTerm(ep.hostSeconds);
  const exposedCommunicationSeconds =
    m * (tp.costPerMicroBatch + cp.costPerMicroBatch) +
    ep.exposedSeconds +
    pp.exposedSeconds +
    dp.exposedSeconds +
    offload.exposedSeconds;
  const optimizerSeconds = optimizer.seconds;
  const stepSeconds = computeSeconds + bubbleSeconds + exposedCommunicationSeconds + expertHost.exposedSeconds + optimizerSeconds;

  const tokensPerStep = layout.globalBatchSize * s;
  const adapterFlops = layout.adapter === undefined ? null : adapterFlopsPerToken(arch, counts, layout.adapter, layout.recompute, ctx.recomputed);
  const modelFlopsPerStep = (adapterFlops === null ? counts.modelFlopsPerToken : adapterFlops.model) * tokensPerStep;
  const hardwareFlopsPerStep =
    (adapterFlops === null ? hardwareFlopsPerToken(counts, arch, layout.recompute, layout.cheapRecompute === true, ctx.recomputed, ctx.recomputedGemms) : adapterFlops.hardware) *
    tokensPerStep;
  const modelFlopsPerSecondPerGpu = modelFlopsPerStep / (stepSeconds * gpus);
  const hardwareFlopsPerSecondPerGpu = hardwareFlopsPerStep / (stepSeconds * gpus);
  const computeTerm: StepTerm = { name: 'COMPUTE', seconds: computeSeconds, exposedSeconds: computeSeconds, bytes: 0, explanation: COMPUTE };

  return {
    performance: {
      stepSeconds,
      computeSeconds,
      bubbleSeconds,
      exposedCommunicationSeconds,
      optimizerSeconds,
      expertHostSeconds: expertHost.exposedSeconds,
      bubbleFraction: bubbleSeconds / stepSeconds,
      // Achieved fraction of peak on the slowest stage's compute (GEMMs, attention and element-wise time).
      computeEfficiency: stage.stageFlopsPerMicroBatch / (peakMatmul * computePerMicroBatch),
      tokensPerSecond: tokensPerStep / stepSeconds,
      modelFlopsPerStep,
      hardwareFlopsPerStep,
      modelFlopsPerSecondPerGpu,
      hardwareFlopsPerSecondPerGpu,
      modelFlopsUtilization: modelFlopsPerSecondPerGpu / peakMatmul,
      hardwareFlopsUtilization: hardwareFlopsPerSecondPerGpu / peakMatmul,
    },
    communication: {
      dataParallelBytes: dp.bytes,
      tensorParallelBytes: tp.bytes,
      pipelineParallelBytes: pp.bytes,
      expertParallelBytes: ep.bytes,
      contextParallelBytes: cp.bytes,
      dataParallelSeconds: dp.seconds,
      tensorParallelSeconds: tp.seconds,
      pipelineParallelSeconds: pp.seconds,
      expertParallelSeconds: ep.seconds,
      contextParallelSeconds: cp.seconds,
      exposedSeconds: exposedCommunicationSeconds,
      // The terms of exposedCommunicationSeconds above, one per source.
      exposedTensorParallelSeconds: tp.exposedSeconds,
      exposedPipelineParallelSeconds: pp.exposedSeconds,
      exposedDataParallelSeconds: dp.exposedSeconds,
      exposedContextParallelSeconds: cp.exposedSeconds,
      exposedExpertParallelSeconds: ep.exposedSeconds,
      exposedOffloadSeconds: offload.exposedSeconds,
    },
    terms: [computeTerm, bubble, tp, ep, expertHost, cp, pp, dp, offload, optimizer],
  };
}
