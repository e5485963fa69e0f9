/**
 * The optimizer step (a memory-bound update of this GPU's shard) and, with ZeRO-Offload/Infinity, the host and NVMe
 * traffic it adds.
 */
import { gradientReduceBytesOf, optimizerStateBytesOf, optimizerStepTrafficBytesOf, parameterBytesFor } from '../precision.js';
import type { StepContext, StepTerm } from './context.js';
import type { DataParallelShards } from './data-parallel.js';

/** Host (CPU) memory bandwidth per GPU the CPU optimizer achieves (DGX A100: 2 × 205 GB/s for 8 GPUs, ≈ 50 %). */
export const HOST_OPTIMIZER_BYTES_PER_SECOND = 25e9;
/** PCIe Gen4 x16 achieved per GPU and direction (32 GB/s theoretical). */
export const PCIE_BYTES_PER_SECOND = 24e9;
/** NVMe bandwidth per GPU (ZeRO-Infinity reports ≈ 25 GB/s per 16-GPU DGX-2 node of NVMe: ≈ 1.6 GB/s per GPU). */
export const NVME_BYTES_PER_SECOND = 2e9;

const ON_GPU = 'Update of this GPU’s shard: parameters × optimizer traffic bytes / achieved HBM bandwidth.';
const ON_HOST = 'ZeRO-Offload §4: gradients to the host over PCIe, CPU update at host bandwidth, parameters back (ZeRO-Infinity §5: + NVMe states).';
const OFFLOAD =
  'Parameters streamed in over PCIe (and NVMe) for forward and backward, gradients out, per micro-batch; chained with the ZeRO-3 gathers (ZeRO-Infinity §6), only what compute does not hide is exposed.';
const NO_OFFLOAD = 'No parameter offload.';

/** The optimizer step and the parameter-offload traffic of one step. */
export function optimizerTerms(
  ctx: StepContext,
  shards: DataParallelShards,
  computePerMicroBatch: number,
  zero3GatherSecondsPerMicroBatch: number,
): { optimizer: StepTerm; offload: StepTerm } {
  const { layout, m } = ctx;
  const precision = layout.precision;
  const pb = parameterBytesFor(precision);
  const gb = gradientReduceBytesOf(layout);
  const zero = layout.zeroStage;
  // The optimizer updates what is trained: every parameter, or the adapters.
  const trainedDense = layout.adapter === undefined ? shards.denseParams : shards.adapterParams;
  const shardParams =
    zero >= 1 ? trainedDense / shards.dpGroup + shards.expertParams / shards.expertDp : trainedDense + shards.expertParams;
  const traffic = optimizerStepTrafficBytesOf(layout);
  let optimizerSeconds: number;
  let offloadSeconds = 0;
  let offloadExposed = 0;
  const offload = layout.offload;
  if (offload === 'NONE') {
    optimizerSeconds = (shardParams * traffic) / ctx.hbmBytesPerSecond;
  } else {
    // ZeRO-Offload §4: gradients to the host, CPU update, parameters back over PCIe.
    optimizerSeconds = (shardParams * traffic) / HOST_OPTIMIZER_BYTES_PER_SECOND + (shardParams * (gb + pb)) / PCIE_BYTES_PER_SECOND;
    if (offload === 'OPTIMIZER_NVME' || offload === 'PARAMETERS_NVME') {
      // ZeRO-Infinity §5: optimizer states read and written from NVMe every step.
      const kBytes = optimizerStateBytesOf(layout);
      optimizerSeconds += (2 * kBytes * shardParams) / NVME_BYTES_PER_SECOND;
    }
    if (offload === 'PARAMETERS_CPU' || offload === 'PARAMETERS_NVME') {
      // Parameters streamed in for forward and backward, gradients out, every micro-batch (copy engines over PCIe:
      // no SMs, hence no contention charge). A layer's shard must arrive before its all-gather starts (ZeRO-Infinity
      // §6: fetch, then gather), so the fetch and the ZeRO-3 gathers form one chain that the pass's compute must hide;
      // only the part of the chain the gathers above did not already expose is added.
      // A micro-batch streams the weights of the stage it runs: under DualPipe 1/2 of the rank's two (data-parallel.ts).
      const streamedParams = shardParams / shards.stagesPerRank;
      let perMicroBatch = (streamedParams * (2 * pb + gb)) / PCIE_BYTES_PER_SECOND;
      if (offload === 'PARAMETERS_NVME') perMicroBatch += (2 * pb * streamedParams) / NVME_BYTES_PER_SECOND;
      const chain = perMicroBatch + 2 * zero3GatherSecondsPerMicroBatch;
      const gathersAlone = Math.max(0, 2 * zero3GatherSecondsPerMicroBatch - computePerMicroBatch);
      offloadSeconds = m * perMicroBatch;
      offloadExposed = m * Math.max(0, Math.max(0, chain - computePerMicroBatch) - gathersAlone);
    }
  }
  const parameterOffload = offloadSeconds > 0;
  return {
    optimizer: {
      name: 'OPTIMIZER',
      seconds: optimizerSeconds,
      exposedSeconds: optimizerSeconds,
      bytes: 0,
      explanation: offload === 'NONE' ? ON_GPU : ON_HOST,
    },
    offload: {
      name: 'OFFLOAD',
      seconds: offloadSeconds,
      exposedSeconds: offloadExposed,
      bytes: 0,
      explanation: parameterOffload ? OFFLOAD : NO_OFFLOAD,
    },
  };
}
