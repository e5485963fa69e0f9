/** Gpu: the accelerator catalog (read-only, from src/core/hardware.ts). */
import { findGpu, GPU_CATALOG, peakFlopsFor } from '../core/hardware.js';
import type { GpuSpec, Precision } from '../core/types.js';
import { builder } from './builder.js';
import { PrecisionEnum } from './enums.js';
import { notFound } from './error-helpers.js';

export const GpuRef = builder.objectRef<GpuSpec>('Gpu').implement({
  description: 'One accelerator type from the catalog. Every figure is per GPU; bandwidths are one direction.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable lowercase id, e.g. `a100-80gb`, `h100-sxm`.' }),
    name: t.exposeString('name', { description: 'Marketing name, e.g. `NVIDIA A100-SXM4-80GB`.' }),
    vendor: t.exposeString('vendor', { description: 'Vendor, e.g. `NVIDIA`, `AMD`.' }),
    memoryBytes: t.exposeFloat('memoryBytes', {
      description: 'Device memory in bytes (datasheet decimal GB × 10⁹).',
    }),
    memoryBandwidthBytesPerSecond: t.exposeFloat('memoryBandwidthBytesPerSecond', {
      description: 'HBM bandwidth in bytes per second.',
    }),
    peakFlopsPerSecond: t.float({
      nullable: true,
      description:
        'Dense tensor-core peak in FLOP/s for training in `precision` (FP32 training uses TF32); null for FP8 on a GPU without FP8 tensor cores.',
      args: { precision: t.arg({ type: PrecisionEnum, defaultValue: 'BF16', description: 'Training precision.' }) },
      resolve: (gpu, { precision }) => trainingPeakOrNull(gpu, precision ?? 'BF16'),
    }),
    fp32PeakFlopsPerSecond: t.float({
      description: 'Non-tensor-core FP32 peak in FLOP/s.',
      resolve: (gpu) => gpu.peakFlopsPerSecond.FP32,
    }),
    tf32PeakFlopsPerSecond: t.float({
      description: 'Dense TF32 tensor-core peak in FLOP/s.',
      resolve: (gpu) => gpu.peakFlopsPerSecond.TF32,
    }),
    bf16PeakFlopsPerSecond: t.float({
      description: 'Dense BF16 tensor-core peak in FLOP/s.',
      resolve: (gpu) => gpu.peakFlopsPerSecond.BF16,
    }),
    fp16PeakFlopsPerSecond: t.float({
      description: 'Dense FP16 tensor-core peak in FLOP/s.',
      resolve: (gpu) => gpu.peakFlopsPerSecond.FP16,
    }),
    fp8PeakFlopsPerSecond: t.float({
      nullable: true,
      description: 'Dense FP8 tensor-core peak in FLOP/s; null when the GPU has no FP8 tensor cores.',
      resolve: (gpu) => gpu.peakFlopsPerSecond.FP8,
    }),
    intraNodeBandwidthBytesPerSecond: t.exposeFloat('intraNodeBandwidthBytesPerSecond', {
      description: 'NVLink / xGMI bandwidth per GPU in bytes per second, one direction.',
    }),
    interNodeBandwidthBytesPerSecond: t.exposeFloat('interNodeBandwidthBytesPerSecond', {
      description: 'Scale-out (InfiniBand / RoCE) bandwidth per GPU in bytes per second, one direction.',
    }),
    tdpWatts: t.exposeFloat('tdpWatts', { description: 'Board power (TDP) in watts.' }),
    gpuHourUsd: t.exposeFloat('gpuHourUsd', {
      description: 'Default rental price per GPU-hour in US dollars (an editable market assumption, not a quote).',
    }),
    gpusPerNode: t.exposeInt('gpusPerNode', { description: 'GPUs per node in the usual system — one NVLink domain (DGX/HGX: 8; GB200 / GB300 NVL72: the rack\'s 72).' }),
  }),
});

/** The training peak in FLOP/s, or null where the chip has no tensor cores for `precision` (FP8 before Hopper). */
export function trainingPeakOrNull(gpu: GpuSpec, precision: Precision): number | null {
  if (precision === 'FP8' && gpu.peakFlopsPerSecond.FP8 === null) return null;
  return peakFlopsFor(gpu, precision);
}

/** Catalog lookup that raises NOT_FOUND naming the known ids. */
export function requireGpu(id: string, field: string): GpuSpec {
  const gpu = findGpu(id);
  if (!gpu) throw notFound(field, id, `one of ${GPU_CATALOG.map((g) => g.id).join(', ')}`);
  return gpu;
}

builder.queryFields((t) => ({
  gpus: t.field({
    type: [GpuRef],
    description: 'The GPU catalog, in release order.',
    resolve: () => [...GPU_CATALOG],
  }),
  gpu: t.field({
    type: GpuRef,
    nullable: true,
    description: 'One GPU by id (case-insensitive); null when unknown.',
    args: { id: t.arg.id({ required: true, description: 'GPU id, e.g. `a100-80gb`.' }) },
    resolve: (_root, { id }) => findGpu(id) ?? null,
  }),
}));
