/**
 * Communication volumes and α–β times of the collectives of one training step.
 *
 * Conventions:
 * - "Bytes" are what one GPU sends over its links for the collective (ring algorithms: an all-reduce of S bytes
 *   sends 2·(n−1)/n·S, a reduce-scatter or all-gather (n−1)/n·S; Patarasuk & Yuan 2009, NCCL's "bus bandwidth").
 * - Rank order is Megatron-LM's: tensor-parallel ranks are adjacent (inside a node when t ≤ GPUs per node),
 *   data-parallel ranks stride t, pipeline ranks stride t·d. A group whose ranks span nodes runs hierarchically:
 *   reduce-scatter inside each node over NVLink, the inter-node collective on 1/k of the data per GPU (every GPU
 *   has its own NIC, as on DGX/HGX), all-gather inside the node.
 * - Link bandwidths are per GPU and per direction (GpuSpec), multiplied by a collective efficiency
 *   (PlanOptions.intraNodeCollectiveEfficiency / interNodeCollectiveEfficiency, defaults below).
 */
import { type GpuGeneration, gpuGenerationOf } from './performance/efficiency.js';
import type { ClusterSpec, PlanOptions, ZeroStage } from './types.js';

/**
 * Achieved fraction of NVLink bandwidth for NCCL's ring collectives inside a node, by GPU generation: the bus bandwidth
 * one 8-GPU node measures at large payloads over its one-way NVLink figure — A100 234.9 of 300 GB/s (0.78), H200 367.6
 * of 450 (0.82: all-reduce with NVLink SHARP off; all-gather 0.80, reduce-scatter 0.81), B200 682.2 of 900 (0.76, SHARP
 * off) (stas00/ml-engineering network/README.md, all_reduce_bench.py and nccl-tests at 16 GiB / 8 GiB, NCCL 2.27.7; the
 * GB200 NVL72 all-reduce of NVIDIA's GTC25 talk S72583, 680 of 900 GB/s, is the same 0.76). Megatron's collectives
 * run the ring: reduce-scatter and all-gather, which NVLink SHARP does not accelerate.
 */
export const INTRA_NODE_COLLECTIVE_EFFICIENCY_BY_GENERATION: Readonly<Record<GpuGeneration, number>> = {
  AMPERE: 0.78,
  HOPPER: 0.82,
  BLACKWELL: 0.76,
  // No measurement: DGX A100's all-reduce rounded down, as every GPU had before the per-generation figures.
  OTHER: 0.75,
};
/** The default for GPUs of no measured generation (custom GPUs, MI300X, V100). */
export const DEFAULT_INTRA_NODE_COLLECTIVE_EFFICIENCY = INTRA_NODE_COLLECTIVE_EFFICIENCY_BY_GENERATION.OTHER;

// One-entry cache: a plan evaluation asks this for every collective, a search for one GPU thousands of times.
let cachedGpuId = '';
let cachedEfficiency = DEFAULT_INTRA_NODE_COLLECTIVE_EFFICIENCY;

/** The NVLink efficiency a plan on `gpuId` assumes unless options.intraNodeCollectiveEfficiency sets one. */
export function defaultIntraNodeCollectiveEfficiency(gpuId: string): number {
  if (gpuId !== cachedGpuId) {
    cachedEfficiency = INTRA_NODE_COLLECTIVE_EFFICIENCY_BY_GENERATION[gpuGenerationOf(gpuId)];
    cachedGpuId = gpuId;
  }
  return cachedEfficiency;
}
/** Default achieved fraction of InfiniBand/RoCE line rate across nodes (≈ 20 of 25 GB/s per HDR NIC): 0.8. */
export const DEFAULT_INTER_NODE_COLLECTIVE_EFFICIENCY = 0.8;
/** α per ring step inside a node (NVLink/NVSwitch, NCCL LL protocol ≈ 1 µs per hop). */
export const INTRA_NODE_LATENCY_SECONDS = 1e-6;
/** α per ring step across nodes (InfiniBand/RoCE verbs + switch hops ≈ 5 µs per hop). */
export const INTER_NODE_LATENCY_SECONDS = 5e-6;

/**
 * How many members of a communication group share one node, from the rank order (TP inner, then DP, then PP): for
 * the slowest group, which paces a synchronous collective. Groups aligned with the nodes hold min(n, G/stride) members
 * a node. A group whose span does not divide a node's GPUs, nor they it (EP 16 or TP 16 on 72-GPU NVL72 racks),
 * straddles a node boundary somewhere: group j starts at j·span and boundaries fall at multiples of G, so the members
 * a straddling group keeps on one side are multiples of gcd(span, G) and the fewest are gcd(span, G)/stride — the
 * side whose NICs carry the group's off-node traffic (counted as if every node held that few: exact for an even split
 * such as 8 | 8, pessimistic for 8 | 24).
 */
export function groupMembersPerNode(groupSize: number, stride: number, gpusPerNode: number): number {
  if (stride >= gpusPerNode) return 1;
  const nodeMembers = gpusPerNode / stride;
  // A stride that does not divide the node (the TP inside it already straddles): the node holds ⌊G/stride⌋ of them.
  if (!Number.isInteger(nodeMembers)) return Math.max(1, Math.min(groupSize, Math.floor(nodeMembers)));
  if (nodeMembers % groupSize === 0) return groupSize;
  if (groupSize % nodeMembers === 0) return nodeMembers;
  return greatestCommonDivisor(groupSize, nodeMembers);
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) {
    const remainder = a % b;
    a = b;
    b = remainder;
  }
  return a;
}

/** NVLink/xGMI bandwidth a collective achieves: the link's one-way figure × the stated efficiency. */
export function achievedIntraNodeBytesPerSecond(cluster: ClusterSpec, options: PlanOptions | undefined): number {
  return (
    cluster.gpu.intraNodeBandwidthBytesPerSecond *
    (options?.intraNodeCollectiveEfficiency ?? defaultIntraNodeCollectiveEfficiency(cluster.gpu.id))
  );
}

/** Network bandwidth per GPU a collective achieves: the NIC's one-way figure × the stated efficiency. */
export function achievedInterNodeBytesPerSecond(cluster: ClusterSpec, options: PlanOptions | undefined): number {
  return (
    cluster.gpu.interNodeBandwidthBytesPerSecond *
    (options?.interNodeCollectiveEfficiency ?? DEFAULT_INTER_NODE_COLLECTIVE_EFFICIENCY)
  );
}

/**
 * Time of a ring-style collective over `groupSize` ranks with `perNode` of them per node. `passes` = 2 for an
 * all-reduce (reduce-scatter + all-gather), 1 for a reduce-scatter or an all-gather. `bytes` is the full buffer S.
 * Hierarchical when the group spans nodes: intra-node passes on S, inter-node passes on S/k per GPU.
 */
export function collectiveSeconds(
  bytes: number,
  groupSize: number,
  perNode: number,
  passes: number,
  cluster: ClusterSpec,
  options: PlanOptions | undefined,
): number {
  if (groupSize <= 1 || bytes <= 0) return 0;
  const intraBw = achievedIntraNodeBytesPerSecond(cluster, options);
  const interBw = achievedInterNodeBytesPerSecond(cluster, options);
  const k = perNode >= groupSize ? groupSize : perNode;
  if (k >= groupSize) {
    // Ring inside one node: passes·(n−1)/n·S over NVLink (α–β, Thakur et al. 2005).
    return passes * ((groupSize - 1) / groupSize) * (bytes / intraBw + groupSize * INTRA_NODE_LATENCY_SECONDS);
  }
  const nodes = groupSize / k;
  // Hierarchical (NCCL tree/ring across nodes): intra part on S, inter part on S/k per GPU.
  const intra = k > 1 ? ((k - 1) / k) * (bytes / intraBw + k * INTRA_NODE_LATENCY_SECONDS) : 0;
  const inter = ((nodes - 1) / nodes) * (bytes / k / interBw + nodes * INTER_NODE_LATENCY_SECONDS);
  return passes * (intra + inter);
}

/**
 * The part of collectiveSeconds during which the collective moves bytes through the GPU's NIC: the inter-node passes
 * on S/k (latency excluded); 0 for a group inside one node. Other inter-node traffic running meanwhile shares it.
 */
export function collectiveNetworkSeconds(...[bytes, groupSize, perNode, passes, cluster, options]: Parameters<typeof collectiveSeconds>): number {
  const k = perNode >= groupSize ? groupSize : perNode;
  if (groupSize <= 1 || bytes <= 0 || k >= groupSize) return 0;
  const nodes = groupSize / k;
  return (passes * ((nodes - 1) / nodes) * (bytes / k)) / achievedInterNodeBytesPerSecond(cluster, options);
}

/** Bytes one GPU sends in a ring collective of S bytes over n ranks (`passes` as above). */
export function collectiveBytes(bytes: number, groupSize: number, passes: number): number {
  return groupSize <= 1 ? 0 : passes * ((groupSize - 1) / groupSize) * bytes;
}

/**
 * The two legs of an all-to-all, which run concurrently (its time is the slower leg plus the latency): NVLink
 * seconds, NIC seconds and the α terms. Kept apart so that traffic sharing one link slows only that leg.
 */
export interface AllToAllLegs {
  nvlinkSeconds: number;
  networkSeconds: number;
  latencySeconds: number;
}

/** No all-to-all (a group of one, no bytes): shared, never mutated. */
export const NO_LEGS: Readonly<AllToAllLegs> = Object.freeze({ nvlinkSeconds: 0, networkSeconds: 0, latencySeconds: 0 });

/** Time of an all-to-all from its legs: the slower leg, plus its latency. */
export function allToAllLegsSeconds(legs: AllToAllLegs): number {
  return Math.max(legs.nvlinkSeconds, legs.networkSeconds) + legs.latencySeconds;
}

/**
 * All-to-all of S bytes per GPU over n ranks (MoE dispatch/combine): (n−1)/n·S leaves the GPU; the off-node share
 * (n−k)/n goes over the NIC, the rest over NVLink, concurrently (time = the slower of the two + n·α).
 */
export function allToAllLegs(
  bytes: number,
  groupSize: number,
  perNode: number,
  cluster: ClusterSpec,
  options: PlanOptions | undefined,
): AllToAllLegs {
  if (groupSize <= 1 || bytes <= 0) return NO_LEGS;
  const intraBw = achievedIntraNodeBytesPerSecond(cluster, options);
  const interBw = achievedInterNodeBytesPerSecond(cluster, options);
  const k = Math.min(perNode, groupSize);
  return {
    nvlinkSeconds: (((k - 1) / groupSize) * bytes) / intraBw,
    networkSeconds: (((groupSize - k) / groupSize) * bytes) / interBw,
    latencySeconds: (groupSize - 1) * (k < groupSize ? INTER_NODE_LATENCY_SECONDS : INTRA_NODE_LATENCY_SECONDS),
  };
}

/** allToAllLegs' time (the slower leg + n·α). */
export function allToAllSeconds(...args: Parameters<typeof allToAllLegs>): number {
  return allToAllLegsSeconds(allToAllLegs(...args));
}

/**
 * Expected number of distinct nodes holding a token's `experts` routed experts when they fall uniformly over `nodes`
 * nodes, confined to at most `nodeLimit` of them (group-limited routing): L·(1 − (1 − 1/L)^k) with L = min(nodes,
 * limit) — the occupancy of L bins by k draws.
 */
export function expectedDestinationNodes(experts: number, nodes: number, nodeLimit: number): number {
  const reachable = Math.max(1, Math.min(nodes, nodeLimit));
  return reachable * (1 - (1 - 1 / reachable) ** experts);
}

/**
 * Node-deduplicated dispatch or combine (DeepSeek-V3 §3.2.2; DeepEP normal kernels): each token is sent over the NIC
 * once per remote destination node, to the GPU with the same in-node index, which forwards it over NVLink to the GPUs
 * holding its experts; the two legs are pipelined, so the slower one sets the time. `tokenBytes` is one copy of the
 * GPU's tokens; `destinationNodes` the expected distinct nodes per token (the sender's own is one of the group's nodes
 * as likely as any other); `copies` the routed experts per token, of which those on another GPU of the node cross NVLink.
 */
export function deduplicatedDispatchLegs(
  tokenBytes: number,
  copies: number,
  destinationNodes: number,
  groupSize: number,
  perNode: number,
  cluster: ClusterSpec,
  options: PlanOptions | undefined,
): AllToAllLegs {
  if (groupSize <= 1 || tokenBytes <= 0) return NO_LEGS;
  const k = Math.min(perNode, groupSize);
  const nodes = groupSize / k;
  const interBytes = tokenBytes * destinationNodes * ((nodes - 1) / nodes);
  const intraBytes = tokenBytes * copies * ((k - 1) / k);
  return {
    nvlinkSeconds: intraBytes / achievedIntraNodeBytesPerSecond(cluster, options),
    networkSeconds: interBytes / achievedInterNodeBytesPerSecond(cluster, options),
    latencySeconds: nodes > 1 ? (nodes - 1) * INTER_NODE_LATENCY_SECONDS + (k - 1) * INTRA_NODE_LATENCY_SECONDS : (k - 1) * INTRA_NODE_LATENCY_SECONDS,
  };
}

/** deduplicatedDispatchLegs' time (the slower leg + latency). */
export function deduplicatedDispatchSeconds(...args: Parameters<typeof deduplicatedDispatchLegs>): number {
  return allToAllLegsSeconds(deduplicatedDispatchLegs(...args));
}

/** Point-to-point transfer of S bytes to a neighbour, over NVLink when it shares the node, else the network. */
export function pointToPointSeconds(
  bytes: number,
  sameNode: boolean,
  cluster: ClusterSpec,
  options: PlanOptions | undefined,
): number {
  if (bytes <= 0) return 0;
  if (sameNode) {
    const bw = achievedIntraNodeBytesPerSecond(cluster, options);
    return bytes / bw + INTRA_NODE_LATENCY_SECONDS;
  }
  return bytes / achievedInterNodeBytesPerSecond(cluster, options) + INTER_NODE_LATENCY_SECONDS;
}

/**
 * Data-parallel elements moved per device per step for Ψ parameters over N_d ranks (ZeRO paper §7):
 * baseline all-reduce 2Ψ, P_os and P_os+g 2Ψ (reduce-scatter of gradients + all-gather of parameters),
 * P_os+g+p 3Ψ (parameter all-gather in forward and in backward + gradient reduce-scatter): 1.5×. Exact ring
 * volumes carry the (N_d − 1)/N_d factor. With gradient accumulation over m micro-batches, stage 2 reduce-scatters
 * every micro-batch's gradients (m·Ψ + Ψ) and stage 3 repeats all three per micro-batch (3·m·Ψ), because the
 * partitioned gradients/parameters cannot be held in full between micro-batches.
 */
export function zeroCommunicationElements(
  parameters: number,
  dataParallel: number,
  zeroStage: ZeroStage,
  microBatchesPerStep = 1,
): number {
  if (dataParallel <= 1) return 0;
  const ring = ((dataParallel - 1) / dataParallel) * parameters;
  switch (zeroStage) {
    case 0:
    case 1:
      return 2 * ring;
    case 2:
      return (microBatchesPerStep + 1) * ring;
    case 3:
      return 3 * microBatchesPerStep * ring;
    default:
      return 2 * ring;
  }
}
