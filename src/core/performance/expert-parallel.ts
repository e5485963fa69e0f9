/**
 * Expert-parallel all-to-all: dispatch + combine forward and backward (+ the recomputed forward), MoE layers only.
 * Exposed unless the recipe overlaps it with compute (DualPipe, DeepSeek-V3 §3.2.1).
 * Two ways to move the tokens (PlanOptions.expertDispatch): a plain all-to-all sends one copy per routed expert, the
 * off-node ones over the NIC; the node-deduplicated dispatch (DeepEP, DeepSeek-V3 §3.2.2) sends a token over the NIC
 * once per destination node and forwards it over NVLink — with group-limited routing (DeepSeek-V3 §2.1.2: at most
 * M = 4 nodes per token) the destinations are fewer still.
 * With PER_EXPERT GEMM launches (PlanOptions.expertGemmLaunch; Megatron-Core's Transformer Engine GroupedLinear) the
 * term also carries the host work per local expert that the dispatcher's device-to-host sync leaves exposed.
 */
import type { ModelArchitecture, ParallelLayout, PlanOptions } from '../types.js';
import { type AllToAllLegs, allToAllLegs, allToAllLegsSeconds, deduplicatedDispatchLegs, expectedDestinationNodes, groupMembersPerNode, NO_LEGS } from '../communication.js';
import type { StepContext, StepTerm } from './context.js';
import { matmulPassesOf } from './compute.js';
import { overlappedCostSeconds } from './efficiency.js';

/**
 * Host seconds per per-expert operation of a PER_EXPERT launch — one local expert's GEMM or FP8 cast, per layer and
 * micro-batch — all exposed: Transformer Engine's GroupedLinear takes the tokens per expert as a host list (m_splits,
 * transformer_engine/pytorch/module/grouped_linear.py), so the dispatcher copies them to the host and the GPU, its
 * queue drained at that sync, waits on the per-expert work that follows. CALIBRATED (least absolute log deviations,
 * suite.ts calibrateExpertHostSeconds, which returns this value) on the validation suite's Megatron-Core MoE runs in
 * BF16 without expert-parallel overlap: Qwen3 30B-A3B (Megatron-Bridge's overlap card) and Qwen3 235B-A22B in three
 * layouts of the MoE model zoo set it; the zoo's Mixtral 8x22B pair (one local expert each) does not move it. The FP8
 * and overlapped Megatron-Core runs are predicted, not fitted. For scale: HolisticTraceAnalysis (docs,
 * cuda_kernel_launch_stats) puts a kernel launch at 5–20 µs of CPU time.
 */
export const EXPERT_HOST_SECONDS_PER_OPERATION = 49.5e-6;

/**
 * Per-expert operations of one MoE layer and micro-batch on a PER_EXPERT launch: fc1 and fc2 each run one GEMM per
 * pass (forward, input gradient, weight gradient, the recomputed forward) and, in FP8 with per-tensor scales, quantise
 * the new operand of every pass but the weight gradient's (the input forward, the output gradient backward): TE's
 * split_quantize (transformer_engine/pytorch/csrc/extensions/cast.cpp at v2.12 and v2.14, the NeMo 26.02 and 26.04
 * containers') allocates and quantises each expert's split apart. With block scales (MXFP8, FP8 blockwise) it allocates
 * every split in one bulk allocation (AllocationMethod BULK_MXFP8 / BULK_FP8_BLOCKWISE) and loops over the splits in
 * C++: no per-expert host work beyond a kernel launch, which the 50 µs-scale operations here do not count
 * (`perExpertCasts` false). Not modelled: experts with biases quantise their output gradients per expert with the bias
 * gradient (GroupedLinear's bgrad_quantize loop).
 */
/** Whether each local expert's FP8 casts are host work of their own: FP8 with per-tensor scales (not BLOCK). */
export function perExpertFp8Casts(layout: Pick<ParallelLayout, 'precision'>, options: PlanOptions | undefined): boolean {
  return layout.precision === 'FP8' && options?.fp8Scaling !== 'BLOCK';
}

export function expertHostOperationsPerLocalExpert(matmulPasses: number, hasWeightGradient: boolean, perExpertCasts: boolean): number {
  const castsPerLinear = matmulPasses - (hasWeightGradient ? 1 : 0);
  return 2 * matmulPasses + (perExpertCasts ? 2 * castsPerLinear : 0);
}

export interface ExpertParallelLayer {
  allToAllsPerLayer: number;
  /** Bytes of one all-to-all per GPU: k routed copies of the micro-batch's tokens. */
  allToAllBytes: number;
  /** Bytes one GPU sends per all-to-all (over NVLink and the NIC). */
  sentBytes: number;
  /** Mean over the layers (the MoE share moeShare). */
  secondsPerLayer: number;
  /** One all-to-all's legs (NVLink, NIC, latency); secondsPerLayer = allToAllsPerLayerMean × their time. */
  legs: Readonly<AllToAllLegs>;
  /** All-to-alls per layer, mean over the layers, times the busiest rank's expert load. */
  allToAllsPerLayerMean: number;
  /** Host work per layer (mean over the layers) a PER_EXPERT launch leaves exposed; 0 otherwise. */
  hostSecondsPerLayer: number;
  /** Whether the EP group spans nodes (its all-to-all then goes through the NIC the DP collectives use too). */
  crossesNodes: boolean;
  /** Share of the compute time the overlapped DP collectives hold the NIC (withNetworkShare); 0 until set. */
  networkShare: number;
}

/**
 * The all-to-all beside DP collectives that run under every micro-batch on the same NIC (ZeRO-2's reduce-scatters,
 * ZeRO-3's gathers and reduce-scatters; NCCL and the dispatcher's RDMA traffic leave through the same port). Spread
 * over the micro-batches' compute and all-to-all time T, their D inter-node seconds (communication.ts
 * collectiveNetworkSeconds) hold the NIC a share u = D/T of it; two saturating flows share a link about evenly, so the
 * all-to-all's NIC leg moves at half speed for that share: the all-to-all takes max(NVLink leg, NIC leg × (1 + u)) plus
 * its latency (an all-to-all whose NVLink leg stays the longer does not slow). It can never lose more than D (the
 * all-to-all waiting for all of it), so overlapping DP never costs more than not overlapping it. No constant: u follows
 * from the DP term's own bytes. Within one node nothing changes.
 */
export function withNetworkShare(
  perLayer: ExpertParallelLayer,
  dataParallelNetworkSeconds: number,
  computeSeconds: number,
  allToAllSeconds: number,
): ExpertParallelLayer {
  if (!perLayer.crossesNodes || dataParallelNetworkSeconds <= 0 || perLayer.secondsPerLayer <= 0) return perLayer;
  const networkShare = Math.min(1, dataParallelNetworkSeconds / (computeSeconds + allToAllSeconds));
  const legs = { ...perLayer.legs, networkSeconds: perLayer.legs.networkSeconds * (1 + networkShare) };
  return { ...perLayer, legs, secondsPerLayer: perLayer.allToAllsPerLayerMean * allToAllLegsSeconds(legs), networkShare };
}

/** Exposed host seconds per layer (mean over dense and MoE layers) of PER_EXPERT expert GEMM launches. */
export function expertHostSecondsPerLayer(ctx: StepContext): number {
  const { arch, moe, e, moeShare, layout, options } = ctx;
  if (!moe || options?.expertGemmLaunch !== 'PER_EXPERT') return 0;
  const localExperts = arch.experts / e;
  const operations = expertHostOperationsPerLocalExpert(matmulPassesOf(layout, ctx.recomputed), layout.adapter === undefined, perExpertFp8Casts(layout, options));
  return moeShare * localExperts * operations * (options.expertHostSecondsPerOperation ?? EXPERT_HOST_SECONDS_PER_OPERATION);
}

/**
 * Nodes a token's experts may span under group-limited routing when the EP group spans `nodes` nodes: the experts are
 * placed in order, so a group covers nodes/groups nodes (at least part of one) and a token reaches at most
 * groupsPerToken of them (DeepSeek-V3 §2.1.2); without groups, every node.
 */
export function routedNodeLimit(arch: ModelArchitecture, nodes: number): number {
  const groups = arch.expertGroups ?? 0;
  const perToken = arch.expertGroupsPerToken ?? 0;
  if (groups <= 1 || perToken <= 0 || perToken >= groups) return nodes;
  return Math.min(nodes, perToken * alignedSpan(arch.experts / groups, arch.experts / nodes));
}

/**
 * GPUs a token's experts may span: its groups (all experts without groups), each over the GPUs its consecutive
 * experts are placed on (alignedSpan), at most the EP group.
 */
export function routedRankLimit(arch: ModelArchitecture, ranks: number): number {
  const groups = arch.expertGroups ?? 0;
  const perToken = arch.expertGroupsPerToken ?? 0;
  if (groups <= 1 || perToken <= 0 || perToken >= groups) return ranks;
  return Math.min(ranks, perToken * alignedSpan(arch.experts / groups, arch.experts / ranks));
}

/**
 * Mean number of blocks of `block` consecutive experts (one GPU's, or one node's) that a group of `group` consecutive
 * experts overlaps, the groups starting at multiples of their size: (g + b − gcd(g, b)) / b — a group of 8 over GPUs of
 * 12 spans 1, 2, 1 GPUs in turn (4/3 on average), over GPUs of 4 exactly 2; a group within one block, 1. Non-integer
 * sizes fall back to max(1, g/b).
 */
export function alignedSpan(group: number, block: number): number {
  if (!Number.isInteger(group) || !Number.isInteger(block) || group < 1 || block < 1) return Math.max(1, group / block);
  let a = group;
  let b = block;
  while (b > 0) [a, b] = [b, a % b];
  return (group + block - a) / block;
}

export function expertParallelPerLayer(ctx: StepContext): ExpertParallelLayer {
  const { arch, moe, e, etp, k, h, tokens, elementBytes, spDivisor, moeShare, cluster, options } = ctx;
  // Dispatch and combine forward and backward, and again in a recomputed forward (on the recomputed share of the layers).
  const allToAllsPerLayer = 4 + 2 * ctx.recomputed;
  const tokenBytes = (tokens * h * elementBytes) / spDivisor;
  const allToAllBytes = tokenBytes * k;
  const hostSecondsPerLayer = expertHostSecondsPerLayer(ctx);
  if (!moe || e <= 1) {
    return { allToAllsPerLayer, allToAllBytes, sentBytes: 0, secondsPerLayer: 0, legs: NO_LEGS, allToAllsPerLayerMean: 0, hostSecondsPerLayer, crossesNodes: false, networkShare: 0 };
  }
  // Megatron-Core orders the expert ranks ETP fastest, then EP, then expert-DP, over the stage's TP × CP × DP ranks
  // (parallel_state.py's expert rank generator, "tp-ep-dp-pp" with ETP as its tp): the EP group's members are ETP
  // ranks apart. ETP = t: stride t, as the dense TP groups (a node holds G/t of them); ETP = 1 (MoE parallel folding):
  // consecutive ranks, min(G, e) per node — EP 32 over TP 2 × DP 16 fills 4 nodes of 8, where stride 2 would need 8.
  const perNode = groupMembersPerNode(e, etp, ctx.gpusPerNode);
  let legs: AllToAllLegs;
  let sentBytes: number;
  if (options?.expertDispatch === 'NODE_DEDUPLICATED') {
    const ranksPerNode = Math.min(perNode, e);
    const nodes = e / ranksPerNode;
    const destinations = expectedDestinationNodes(k, nodes, routedNodeLimit(arch, nodes));
    // DeepEP sends a token once to each GPU holding any of its experts (the same occupancy law over GPUs).
    const destinationRanks = expectedDestinationNodes(k, e, routedRankLimit(arch, e));
    legs = deduplicatedDispatchLegs(tokenBytes, destinationRanks, destinations, e, perNode, cluster, options);
    sentBytes = tokenBytes * (destinations * ((nodes - 1) / nodes) + destinationRanks * ((ranksPerNode - 1) / ranksPerNode));
  } else {
    legs = allToAllLegs(allToAllBytes, e, perNode, cluster, options);
    sentBytes = ((e - 1) / e) * allToAllBytes;
  }
  // The all-to-all ends when the busiest rank has received (dispatch) and sent back (combine) its expertLoad × mean share.
  const allToAllsPerLayerMean = moeShare * allToAllsPerLayer * ctx.expertLoad;
  return {
    allToAllsPerLayer,
    allToAllBytes,
    sentBytes,
    // The same product withNetworkShare recomputes from the (shared) legs.
    secondsPerLayer: allToAllsPerLayerMean * allToAllLegsSeconds(legs),
    legs,
    allToAllsPerLayerMean,
    hostSecondsPerLayer,
    crossesNodes: perNode < e,
    networkShare: 0,
  };
}

const EXPOSED = 'Dispatch + combine all-to-alls per MoE layer (forward, backward, recomputed forward), exposed between the router and the experts.';
const OVERLAPPED =
  'All-to-all overlapped with the micro-batch’s compute (DualPipe, DeepSeek-V3 §3.2.1; Megatron-Core’s combined 1F1B): only its excess and the contention share σ/(1+σ) are exposed, and all of it in the warm-up and cool-down chunks that have no partner (1F1B and interleaved schedules).';
const OVERLAPPED_RESERVED_SMS =
  'All-to-all overlapped with the micro-batch’s compute (DualPipe, DeepSeek-V3 §3.2.1, Figure 4) on SMs reserved for it (§3.2.2: 20 of 132): the compute runs on the other SMs for the whole window (S/(S − S_comm) as long), and the transfers’ excess over that is exposed.';
const PER_EXPERT_HOST = `Host work of PER_EXPERT GEMM launches (Transformer Engine GroupedLinear’s host split sizes after the dispatcher’s device-to-host sync), never hidden: the pacing rank’s MoE layers × local experts × per-expert GEMMs and (FP8 with per-tensor scales) casts × host seconds per operation (${(EXPERT_HOST_SECONDS_PER_OPERATION * 1e6).toFixed(1)} µs calibrated; options.expertHostSecondsPerOperation) × micro-batches.`;

const networkShareSentence = (share: number): string =>
  ` Across nodes it shares the NIC with the DP collectives overlapping the compute, which hold it ${(share * 100).toFixed(0)} % of that time: its NIC leg × ${(1 + share).toFixed(2)} (half speed while both run).`;

/**
 * Critical-path cost of an all-to-all whose kernels hold a fixed partition of the SMs (σ = reserved/(total − reserved))
 * beside `windowSeconds` of compute: DualPipe pairs every compute part of a forward/backward chunk pair with a
 * communication part (DeepSeek-V3 §3.2.1, Figure 4: dispatch, MLP, combine, attention interleaved), so the partition
 * is held for the whole window, not only while bytes move — the compute runs on the other SMs throughout (w·σ more),
 * and the transfers' excess over that stretched window is exposed. DeepSeek's published training profile
 * (deepseek-ai/profile-data, train.json) shows it: the all-to-all kernels are resident 114.5 of the pair's 129.0 ms,
 * while their transfers (dispatch + combine kernels) take 80.4 ms.
 */
export function reservedSmOverlapCostSeconds(commSeconds: number, windowSeconds: number, slowdown: number): number {
  if (commSeconds <= 0) return 0;
  return Math.max(commSeconds - windowSeconds, windowSeconds * slowdown);
}

/**
 * Share of a rank's chunks whose all-to-all has no chunk of another micro-batch to hide under when EP overlap pairs a
 * forward with a backward (Megatron-Core's combined 1F1B, overlap_moe_expert_parallel_comm): only the steady state pairs
 * them; the warm-up forwards and the cool-down backwards run alone. Rank 0 has the most, per pipeline schedule: max(1,
 * p − 1) under 1F1B (without pipelining the first forward and the last backward), 2(p − 1) + (v − 1)·p chunks under the
 * interleaved schedule (Megatron-Core schedules.py get_num_warmup_microbatches, groups of p micro-batches), at most all
 * of its m·v. DualPipe pairs its own way (DeepSeek-V3 §3.2.1, its warm-up inside the bubble term): 0.
 */
export function unpairedChunkFraction(ctx: Pick<StepContext, 'p' | 'v' | 'm' | 'flushes' | 'layout'>): number {
  if (ctx.layout.pipelineSchedule === 'DUALPIPE') return 0;
  const { p, v } = ctx;
  const chunksPerSchedule = (ctx.m / ctx.flushes) * v;
  const warmup = v > 1 ? 2 * (p - 1) + (v - 1) * p : Math.max(1, p - 1);
  return chunksPerSchedule > 0 ? Math.min(1, warmup / chunksPerSchedule) : 1;
}

/** All-to-all seconds a rank of `stageLayers` layers leaves on the critical path per micro-batch beside its compute. */
export function expertParallelCostPerMicroBatch(
  ctx: StepContext,
  perLayer: ExpertParallelLayer,
  stageLayers: number,
  computePerMicroBatch: number,
): number {
  const { options, expertParallelSlowdown } = ctx;
  const secondsPerMicroBatch = stageLayers * perLayer.secondsPerLayer;
  const hostSeconds = stageLayers * perLayer.hostSecondsPerLayer;
  // With the all-to-all overlapped only its excess over the micro-batch's compute and the contention share stay on the
  // critical path, as for TP overlap — except in the chunks with no partner (unpairedChunkFraction), where all of it
  // does. The host work after the sync is never hidden.
  if (options?.overlapExpertParallelCommunication !== true) return secondsPerMicroBatch + hostSeconds;
  const reservedSms = options.communicationStreamingMultiprocessors !== undefined && ctx.cluster.gpu.streamingMultiprocessors !== undefined;
  const unpaired = unpairedChunkFraction(ctx);
  return (
    hostSeconds +
    unpaired * secondsPerMicroBatch +
    (1 - unpaired) *
      (reservedSms
        ? reservedSmOverlapCostSeconds(secondsPerMicroBatch, computePerMicroBatch, expertParallelSlowdown)
        : overlappedCostSeconds(secondsPerMicroBatch, computePerMicroBatch, expertParallelSlowdown))
  );
}

/**
 * The EXPERT_PARALLEL term: the all-to-all transfers alone (seconds) and what they leave on the critical path
 * (exposedSeconds). The host work of PER_EXPERT launches is its own term (expertHostTerm), though it paces the rank with
 * the transfers: `costPerMicroBatch` carries both, for the stage time and the bubble.
 */
export function expertParallelTerm(
  ctx: StepContext,
  perLayer: ExpertParallelLayer,
  stageLayers: number,
  computePerMicroBatch: number,
): StepTerm & { costPerMicroBatch: number; hostSeconds: number } {
  const { moe, e, m, moeShare, options } = ctx;
  const hostPerMicroBatch = stageLayers * perLayer.hostSecondsPerLayer;
  const overlapped = options?.overlapExpertParallelCommunication === true;
  const costPerMicroBatch = expertParallelCostPerMicroBatch(ctx, perLayer, stageLayers, computePerMicroBatch);
  const explanation = overlapped
    ? options?.communicationStreamingMultiprocessors !== undefined && ctx.cluster.gpu.streamingMultiprocessors !== undefined
      ? OVERLAPPED_RESERVED_SMS
      : OVERLAPPED
    : EXPOSED;
  return {
    name: 'EXPERT_PARALLEL',
    seconds: m * stageLayers * perLayer.secondsPerLayer,
    // The host work is never hidden (expertParallelCostPerMicroBatch adds it whole): what is left is the transfers'.
    exposedSeconds: m * (costPerMicroBatch - hostPerMicroBatch),
    bytes: moe && e > 1 ? m * stageLayers * moeShare * perLayer.allToAllsPerLayer * perLayer.sentBytes : 0,
    explanation: explanation + (perLayer.networkShare > 0 ? networkShareSentence(perLayer.networkShare) : ''),
    costPerMicroBatch,
    // The host work per step, reported by expertHostTerm.
    hostSeconds: m * hostPerMicroBatch,
  };
}

/** The EXPERT_HOST term: the host work of PER_EXPERT expert GEMM launches per step, never hidden (0 otherwise). */
export function expertHostTerm(hostSeconds: number): StepTerm {
  return { name: 'EXPERT_HOST', seconds: hostSeconds, exposedSeconds: hostSeconds, bytes: 0, explanation: PER_EXPERT_HOST };
}
