/**
 * What an evaluated plan reports beside its figures (PlanEstimate.diagnostics): errors that make it not fit, and
 * warnings on what dominates its step. Thresholds are exported for tests and docs; strings are built only when a
 * diagnostic triggers (evaluatePlan is on planSearch's hot path).
 */
import { hostMemoryBytesPerNodeOf, nvmeBytesPerNodeOf } from './hardware.js';
import { groupMembersPerNode } from './communication.js';
import { expertTensorParallelOf, type offloadFits } from './memory.js';
import {
  EXPERT_HOST_SECONDS_PER_OPERATION,
  GENERATIONS_FITTED_ON_OWN_RUNS,
  type GpuGeneration,
  gpuGenerationOf,
  MOE_STEP_TIME_MODEL_ACCURACY_FRACTION,
  perExpertFp8Casts,
  STEP_TIME_MODEL_ACCURACY_FRACTION,
  stepTimeModelAccuracyFractionFor,
} from './performance.js';
import { rankLayers } from './pipeline.js';
import type { ClusterSpec, Diagnostic, ModelArchitecture, ParallelLayout, PlanEstimate, PlanOptions } from './types.js';

const GIB = 2 ** 30;

/** Bubble fraction above which LARGE_BUBBLE is reported. */
export const LARGE_BUBBLE_FRACTION = 0.2;
/** MFU below which LOW_MFU is reported (well-tuned dense training reaches 0.35–0.55). */
export const LOW_MFU = 0.25;
/** Share of the step spent in exposed transfers (without the per-expert host work) above which COMMUNICATION_BOUND is reported. */
export const COMMUNICATION_BOUND_FRACTION = 0.3;
/**
 * Share of the step spent in per-expert host work (PER_EXPERT launches) above which EXPERT_HOST_BOUND is reported: the
 * step is then set by the host, and by the model's least certain term (one constant fitted on published MoE runs).
 */
export const EXPERT_HOST_BOUND_FRACTION = 0.2;

/**
 * UNCALIBRATED_GPU: a plan on a GPU whose generation the validation suite does not fit its GEMM share on. Static
 * messages (planSearch evaluates every candidate on the same GPU). OTHER GPUs (V100, MI300X, custom) run the 2021 A100
 * law with no published run to check it; Blackwell takes a share pooled over A100 and H100, checked on its dense rows,
 * and its mixture-of-experts rows are among the suite's largest errors (test/core/blackwell.test.ts keeps that true).
 */
const UNCALIBRATED_OTHER: Diagnostic = Object.freeze({
  severity: 'WARNING',
  code: 'UNCALIBRATED_GPU',
  message:
    'No published run on this GPU is in the validation suite: its GEMM efficiency is the 2021 A100 fit (at most 0.68 of ' +
    'peak, whatever its microbenchmark ceiling), and the stated accuracy was measured on A100, H100 and B200. Treat the ' +
    'step time as an estimate to check against a measurement.',
});

const uncalibratedMessages = new Map<string, Diagnostic>();

function uncalibratedGpuDiagnostic(generation: GpuGeneration, moe: boolean): Diagnostic | null {
  if (GENERATIONS_FITTED_ON_OWN_RUNS.includes(generation)) return null;
  if (generation === 'OTHER') return UNCALIBRATED_OTHER;
  const key = `${generation}:${moe}`;
  let diagnostic = uncalibratedMessages.get(key);
  if (diagnostic === undefined) {
    diagnostic = Object.freeze(
      moe
        ? {
            severity: 'WARNING',
            code: 'UNCALIBRATED_GPU',
            message:
              `Mixture-of-experts steps on ${generation} GPUs are predicted, not calibrated: the GEMM share is pooled over A100 ` +
              'and H100 (no 16-bit run of this generation to fit one) and the per-expert host time is fitted on H100 runs. ' +
              `The validation suite's MoE rows on it range from within the H100 MoE accuracy to its largest errors (query validation: ` +
              `the B200, B300, GB200 and GB300 rows): the stated ` +
              `accuracy here is ±${(stepTimeModelAccuracyFractionFor(2, generation) * 100).toFixed(0)} %, against ` +
              `±${(MOE_STEP_TIME_MODEL_ACCURACY_FRACTION * 100).toFixed(0)} % on H100.`,
          }
        : {
            severity: 'INFO',
            code: 'UNCALIBRATED_GPU',
            message:
              `${generation} step times are predicted, not calibrated: the GEMM law takes its microbenchmark ceiling × a share ` +
              'pooled over A100 and H100 (no 16-bit run of this generation to fit one); its published dense rows check it ' +
              `(query validation, family B200_MODERN_RECIPES): the stated accuracy here is ±${(stepTimeModelAccuracyFractionFor(1, generation) * 100).toFixed(0)} %, ` +
              `against ±${(STEP_TIME_MODEL_ACCURACY_FRACTION * 100).toFixed(0)} % on A100 and H100.`,
          },
    ) as Diagnostic;
    uncalibratedMessages.set(key, diagnostic);
  }
  return diagnostic;
}

/** EXPERT_HOST_BOUND: what the per-expert host work is, why the model is least sure of it, and what shrinks it. */
function expertHostBoundDiagnostic(
  arch: ModelArchitecture,
  layout: ParallelLayout,
  options: PlanOptions | undefined,
  performance: PlanEstimate['performance'],
  generation: GpuGeneration,
): Diagnostic {
  const hostMicroseconds = (options?.expertHostSecondsPerOperation ?? EXPERT_HOST_SECONDS_PER_OPERATION) * 1e6;
  const casts = perExpertFp8Casts(layout, options);
  return {
    severity: 'WARNING',
    code: 'EXPERT_HOST_BOUND',
    message:
      `Per-expert host work is ${((performance.expertHostSeconds / performance.stepSeconds) * 100).toFixed(0)} % of the step: ` +
      `each rank launches the GEMMs${casts ? ' and FP8 casts' : ''} of its ${arch.experts / Math.max(1, layout.expertParallel)} local experts one by one ` +
      `(options.expertGemmLaunch PER_EXPERT: Transformer Engine's GroupedLinear after the dispatcher's device-to-host sync), ` +
      `${hostMicroseconds.toFixed(1)} µs of host time each per MoE layer and micro-batch. It is the model's least certain term ` +
      `(fitted on published MoE runs; ±${(stepTimeModelAccuracyFractionFor(arch.experts, generation) * 100).toFixed(0)} % for MoE models on this GPU): grouped ` +
      `expert kernels (GROUPED_KERNEL), a larger micro-batch or more expert parallelism (fewer local experts) shrink it` +
      (casts
        ? `, and so do block-scaled FP8 casts (options.fp8Scaling BLOCK: MXFP8, quantised for every expert at once).`
        : '.'),
  };
}

/** The diagnostics of an evaluated plan (strings built only when one triggers). */
export function planDiagnostics(
  arch: ModelArchitecture,
  cluster: ClusterSpec,
  layout: ParallelLayout,
  options: PlanOptions | undefined,
  memory: PlanEstimate['memory'],
  performance: PlanEstimate['performance'],
  offload: ReturnType<typeof offloadFits> | null,
  headroom: number,
  usableBytes: number,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const gpus = cluster.gpusPerNode * cluster.nodes;
  const generation = gpuGenerationOf(cluster.gpu.id);
  if (offload !== null && !offload.hostFits) {
    diagnostics.push({
      severity: 'ERROR',
      code: 'HOST_OUT_OF_MEMORY',
      message:
        `Offloading needs ${(offload.hostBytesPerNode / 1e9).toFixed(0)} GB of CPU RAM per node ` +
        `(${Math.min(cluster.gpusPerNode, gpus)} GPUs × ${(memory.hostBytes / 1e9).toFixed(1)} GB) but a node has ` +
        `${(hostMemoryBytesPerNodeOf(cluster) / 1e9).toFixed(0)} GB (× (1 − ${headroom}) usable): use more GPUs, offload to NVMe, or less offload.`,
    });
  }
  if (offload !== null && !offload.nvmeFits) {
    diagnostics.push({
      severity: 'ERROR',
      code: 'NVME_OUT_OF_SPACE',
      message:
        `NVMe offload needs ${(offload.nvmeBytesPerNode / 1e12).toFixed(2)} TB per node ` +
        `(${Math.min(cluster.gpusPerNode, gpus)} GPUs × ${(memory.nvmeBytes / 1e9).toFixed(1)} GB) but a node has ` +
        `${(nvmeBytesPerNodeOf(cluster) / 1e12).toFixed(2)} TB (× (1 − ${headroom}) usable): use more GPUs or offload less.`,
    });
  }
  if (memory.totalBytes > usableBytes) {
    diagnostics.push({
      severity: 'ERROR',
      code: 'OUT_OF_MEMORY',
      message:
        `The most-loaded GPU (pipeline stage ${memory.mostLoadedStage}) needs ${(memory.totalBytes / GIB).toFixed(1)} GiB ` +
        `but ${(usableBytes / GIB).toFixed(1)} GiB are usable (${(memory.capacityBytes / GIB).toFixed(1)} GiB × ` +
        `(1 − ${headroom} headroom)): raise ZeRO stage, TP/PP, recompute, or lower the micro-batch.`,
    });
  }
  if (layout.tensorParallel > cluster.gpusPerNode) {
    diagnostics.push({
      severity: 'WARNING',
      code: 'TP_ACROSS_NODES',
      message: `Tensor parallel ${layout.tensorParallel} exceeds the ${cluster.gpusPerNode} GPUs of a node: its per-layer all-reduces cross the network.`,
    });
  }
  const straddle = straddleDiagnostic(cluster, layout);
  if (straddle !== null) diagnostics.push(straddle);
  if (performance.bubbleFraction > LARGE_BUBBLE_FRACTION) {
    diagnostics.push({
      severity: 'WARNING',
      code: 'LARGE_BUBBLE',
      message:
        `Pipeline bubble is ${(performance.bubbleFraction * 100).toFixed(0)} % of the step ((p − 1)/(v·m) with ` +
        `p = ${layout.pipelineParallel}, m = ${layout.globalBatchSize / (layout.microBatchSize * layout.dataParallel)}): ` +
        `more micro-batches or interleaving would shrink it.`,
    });
  }
  if (performance.modelFlopsUtilization < LOW_MFU) {
    diagnostics.push({
      severity: 'WARNING',
      code: 'LOW_MFU',
      message: `Model FLOPs utilization is ${(performance.modelFlopsUtilization * 100).toFixed(1)} % (below ${LOW_MFU * 100} %).`,
    });
  }
  // Transfers only: the per-expert host work is its own term (EXPERT_HOST_BOUND below).
  const exposedTransfersSeconds = performance.exposedCommunicationSeconds;
  if (exposedTransfersSeconds > COMMUNICATION_BOUND_FRACTION * performance.stepSeconds) {
    diagnostics.push({
      severity: 'WARNING',
      code: 'COMMUNICATION_BOUND',
      message: `Exposed communication is ${((exposedTransfersSeconds / performance.stepSeconds) * 100).toFixed(0)} % of the step.`,
    });
  }
  if (performance.expertHostSeconds > EXPERT_HOST_BOUND_FRACTION * performance.stepSeconds) {
    diagnostics.push(expertHostBoundDiagnostic(arch, layout, options, performance, generation));
  }
  if (layout.zeroStage >= 2 && layout.pipelineParallel > 1) {
    diagnostics.push({
      severity: 'WARNING',
      code: 'ZERO_WITH_PIPELINE',
      message:
        `ZeRO stage ${layout.zeroStage} with pipeline parallelism reduces gradients every micro-batch; DeepSpeed's ` +
        `pipeline engine supports only stages 0–1.`,
    });
  }
  if (layout.pipelineStageLayers === undefined && arch.layers % (layout.pipelineParallel * layout.pipelineInterleave) !== 0) {
    const n = layout.pipelineParallel * layout.pipelineInterleave;
    diagnostics.push({
      severity: 'INFO',
      code: 'UNEVEN_PIPELINE',
      message:
        `${arch.layers} layers do not split evenly over ${n} ${layout.pipelineInterleave > 1 ? 'virtual ' : ''}stages: the first ` +
        `${arch.layers % n} take one extra layer (rank 0 holds ${rankLayers(arch.layers, layout, 0)}); ` +
        `pipelineLayerSplit FIRST_LAST_ONE_FEWER or BALANCED, or pipelineStageLayers, give the embedding and head stages fewer.`,
    });
  }
  const uncalibrated = uncalibratedGpuDiagnostic(generation, arch.experts > 1);
  if (uncalibrated !== null) diagnostics.push(uncalibrated);
  if (layout.offload !== 'NONE' && performance.optimizerSeconds > 0.2 * performance.stepSeconds) {
    diagnostics.push({
      severity: 'WARNING',
      code: 'OFFLOAD_BOUND',
      message: `The offloaded optimizer step takes ${(performance.optimizerSeconds / performance.stepSeconds * 100).toFixed(0)} % of the step.`,
    });
  }
  return diagnostics;
}

/**
 * Communication groups laid out on consecutive ranks (TP inner, CP over TP, EP over its expert TP — the spans the step
 * model's groupMembersPerNode uses) whose span neither divides a node's GPUs nor is a multiple of them: on a cluster
 * of several such nodes (72-GPU NVL72 racks, say) some of them straddle a node boundary.
 */
export function straddlingGroups(cluster: ClusterSpec, layout: ParallelLayout): readonly { name: string; span: number }[] {
  const gpn = cluster.gpusPerNode;
  const t = layout.tensorParallel;
  const c = layout.contextParallel ?? 1;
  const e = layout.expertParallel;
  const expertSpan = e > 1 ? e * expertTensorParallelOf(layout) : 1;
  // Hot path (evaluatePlan runs this for every searched layout): no closure, nothing allocated unless a group straddles.
  const tp = straddles(t, gpn);
  const cp = c > 1 && straddles(c * t, gpn);
  const ep = straddles(expertSpan, gpn);
  if (!tp && !cp && !ep) return NO_STRADDLE;
  return [
    ...(tp ? [{ name: `TP ${t}`, span: t }] : []),
    ...(cp ? [{ name: `CP ${c}`, span: c * t }] : []),
    ...(ep ? [{ name: `EP ${e}`, span: expertSpan }] : []),
  ];
}

/**
 * A group of `span` consecutive GPUs on nodes of `gpusPerNode` straddles a node boundary somewhere: its slowest group
 * keeps fewer GPUs on one node than an aligned group would (the step model's own rule, groupMembersPerNode).
 */
function straddles(span: number, gpusPerNode: number): boolean {
  return span > 1 && groupMembersPerNode(span, 1, gpusPerNode) < Math.min(span, gpusPerNode);
}

const NO_STRADDLE: readonly { name: string; span: number }[] = Object.freeze([]);

/** GROUPS_STRADDLE_NODES: the groups straddlingGroups finds, what the model assumes of them, and the way out. */
function straddleDiagnostic(cluster: ClusterSpec, layout: ParallelLayout): Diagnostic | null {
  const straddling = straddlingGroups(cluster, layout);
  if (straddling.length === 0) return null;
  const gpn = cluster.gpusPerNode;
  return {
    severity: 'WARNING',
    code: 'GROUPS_STRADDLE_NODES',
    message:
      `${straddling.map((g) => `${g.name} groups span ${g.span} consecutive GPUs (the slowest keeps ${groupMembersPerNode(g.span, 1, gpn)} of them on one node)`).join(', ')}, ` +
      `which neither divides the ${gpn} GPUs of a node (an NVLink domain) nor is a multiple of them: some groups straddle a ` +
      `node boundary, and the slowest one paces every collective of its kind — the model charges that group, its off-node ` +
      `traffic through the NICs of the GPUs on the smaller side. Use groups whose span divides ${gpn}, or fewer GPUs a node ` +
      `(an NVL72 rack used 64 at a time: gpusPerNode 64).`,
  };
}
