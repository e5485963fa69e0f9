/**
 * GPU catalog, custom GPUs and clusters.
 *
 * Conventions:
 * - `memoryBytes` is the datasheet capacity in decimal GB × 10⁹ (the unit the ZeRO paper computes with). Physical
 *   HBM is GiB-sized, so `nvidia-smi` shows ≈ 7 % more; that gap is the allocator's fragmentation reserve
 *   (memory.ts DEFAULT_MEMORY_HEADROOM_FRACTION), so plans fit up to `memoryBytes`.
 * - Peak FLOP/s are dense (no 2:4 sparsity) tensor-core figures. `FP32` is the non-tensor (CUDA-core) rate; FP32
 *   training uses TF32 tensor cores where the chip has them (see `peakFlopsFor`).
 * - Bandwidths are per GPU, one direction (NVIDIA quotes NVLink as bidirectional totals, so we halve them).
 * - Inter-node bandwidth is the usual server's NIC bandwidth divided by its GPUs (DGX A100: 8 × 200 Gb/s HDR for
 *   8 GPUs = 25·10⁹ B/s each; DGX H100/H200/B200: 8 × 400 Gb/s NDR = 50·10⁹ B/s each; HGX B300: 8 × 800 Gb/s).
 * - `gpuHourUsd` is an editable list/market assumption, not a quote: on-demand cloud prices vary 2–3× by provider
 *   and commitment. Override it per cluster with `makeCluster({ gpuHourUsd })`.
 */
import { InvalidInputError, requireFinite, requireInteger } from './errors.js';
import type { ClusterSpec, GpuSpec, Precision } from './types.js';

const GB = 1e9;
const TB = 1e12;
const TFLOPS = 1e12;
/** Gigabits per second → bytes per second. */
const gbit = (gigabitsPerSecond: number): number => (gigabitsPerSecond * 1e9) / 8;

// H100 datasheet (SXM), dense = half the "with sparsity" figures: FP32 67, TF32 494.7, BF16/FP16 989.4,
// FP8 1,978.9 TFLOPS. Shared by H100 SXM and H200 SXM (same Hopper tensor cores).
const HOPPER_SXM_DENSE_PEAKS = {
  FP32: 67 * TFLOPS,
  TF32: 494.7 * TFLOPS,
  BF16: 989.4 * TFLOPS,
  FP16: 989.4 * TFLOPS,
  FP8: 1978.9 * TFLOPS,
} as const;

// HGX B200 and HGX B300 datasheets (8 GPUs, sparse): FP32 600 TF, TF32 18 PF, FP16/BF16 36 PF, FP8 72 PF → per GPU
// dense: FP32 75 (not a tensor op, no sparsity), TF32 1,125, BF16/FP16 2,250, FP8 4,500 TFLOPS.
const BLACKWELL_HGX_DENSE_PEAKS = {
  FP32: 75 * TFLOPS,
  TF32: 1125 * TFLOPS,
  BF16: 2250 * TFLOPS,
  FP16: 2250 * TFLOPS,
  FP8: 4500 * TFLOPS,
} as const;

// GB200 and GB300 NVL72 specifications (72 GPUs, sparse): FP32 5,760 TF, TF32 180 PF, FP16/BF16 360 PF, FP8 720 PF →
// per GPU dense: FP32 80, TF32 1,250, BF16/FP16 2,500, FP8 5,000 TFLOPS (Blackwell Ultra adds FP4, not these).
const GRACE_BLACKWELL_NVL72_DENSE_PEAKS = {
  FP32: 80 * TFLOPS,
  TF32: 1250 * TFLOPS,
  BF16: 2500 * TFLOPS,
  FP16: 2500 * TFLOPS,
  FP8: 5000 * TFLOPS,
} as const;

export const GPU_CATALOG: readonly GpuSpec[] = Object.freeze([
  {
    id: 'v100-32gb',
    name: 'NVIDIA V100-SXM2-32GB',
    vendor: 'NVIDIA',
    // NVIDIA V100 Tensor Core GPU datasheet (2020): 32 GB HBM2, 900 GB/s.
    memoryBytes: 32 * GB,
    memoryBandwidthBytesPerSecond: 900 * GB,
    peakFlopsPerSecond: {
      // V100 datasheet (SXM2): FP32 15.7 TFLOPS, Tensor (FP16) 125 TFLOPS.
      FP32: 15.7 * TFLOPS,
      // V100 has no TF32 tensor cores: FP32 training runs on the CUDA cores at the FP32 rate.
      TF32: 15.7 * TFLOPS,
      // V100 has no BF16 tensor cores either; BF16 math is executed through FP32 units (upcast), so its honest
      // peak is the FP32 rate, not the FP16 tensor-core rate. Use FP16 mixed precision on V100.
      BF16: 15.7 * TFLOPS,
      FP16: 125 * TFLOPS,
      FP8: null,
    },
    // V100 datasheet: NVLink 300 GB/s (bidirectional, 6 links × 50 GB/s) → 150 GB/s one direction.
    intraNodeBandwidthBytesPerSecond: 150 * GB,
    // DGX-2 (the ZeRO paper's node, 16 GPUs): 8 × 100 Gb/s EDR InfiniBand → 50 Gb/s per GPU.
    interNodeBandwidthBytesPerSecond: gbit(50),
    // V100 datasheet: SXM2 300 W.
    tdpWatts: 300,
    // Assumption: $1.50/GPU-hour, the lowest V100 cloud price behind Lambda's 2020 "$4.6M for GPT-3" estimate.
    gpuHourUsd: 1.5,
    // DGX-2: 16 V100 on NVSwitch, the node of the ZeRO paper's experiments (§10: 25 DGX-2 nodes = 400 GPUs).
    gpusPerNode: 16,
    // DGX-2 datasheet (16 × V100 32GB): 1.5 TB system memory, 30 TB NVMe (8 × 3.84 TB).
    hostMemoryBytesPerNode: 1.5 * TB,
    nvmeBytesPerNode: 30 * TB,
  },
  {
    id: 'a100-40gb',
    name: 'NVIDIA A100-SXM4-40GB',
    vendor: 'NVIDIA',
    // NVIDIA A100 Tensor Core GPU datasheet (2021): 40 GB HBM2, 1,555 GB/s.
    memoryBytes: 40 * GB,
    memoryBandwidthBytesPerSecond: 1555 * GB,
    // A100 datasheet: FP32 19.5, TF32 156, BF16 312, FP16 312 TFLOPS (dense); no FP8.
    peakFlopsPerSecond: { FP32: 19.5 * TFLOPS, TF32: 156 * TFLOPS, BF16: 312 * TFLOPS, FP16: 312 * TFLOPS, FP8: null },
    // A100 datasheet: NVLink 600 GB/s (bidirectional) → 300 GB/s one direction.
    intraNodeBandwidthBytesPerSecond: 300 * GB,
    // DGX A100 datasheet: 8 × 200 Gb/s HDR InfiniBand for 8 GPUs.
    interNodeBandwidthBytesPerSecond: gbit(200),
    // A100 datasheet: SXM 400 W.
    tdpWatts: 400,
    // Assumption: market on-demand price, 2024–2025.
    gpuHourUsd: 1.3,
    gpusPerNode: 8,
    // DGX A100 320GB datasheet: 1 TB system memory, 15 TB NVMe (4 × 3.84 TB).
    hostMemoryBytesPerNode: 1 * TB,
    nvmeBytesPerNode: 15 * TB,
    // NVIDIA A100 Tensor Core GPU Architecture whitepaper (2020): the A100 has 108 SMs.
    streamingMultiprocessors: 108,
  },
  {
    id: 'a100-80gb',
    name: 'NVIDIA A100-SXM4-80GB',
    vendor: 'NVIDIA',
    // NVIDIA A100 datasheet (2021): 80 GB HBM2e, 2,039 GB/s.
    memoryBytes: 80 * GB,
    memoryBandwidthBytesPerSecond: 2039 * GB,
    // A100 datasheet: FP32 19.5, TF32 156, BF16 312, FP16 312 TFLOPS (dense); no FP8.
    peakFlopsPerSecond: { FP32: 19.5 * TFLOPS, TF32: 156 * TFLOPS, BF16: 312 * TFLOPS, FP16: 312 * TFLOPS, FP8: null },
    // A100 datasheet: NVLink 600 GB/s (bidirectional) → 300 GB/s one direction.
    intraNodeBandwidthBytesPerSecond: 300 * GB,
    // DGX A100 datasheet: 8 × 200 Gb/s HDR InfiniBand for 8 GPUs (Narayanan et al. 2021 used this node).
    interNodeBandwidthBytesPerSecond: gbit(200),
    // A100 datasheet: SXM 400 W.
    tdpWatts: 400,
    // Assumption: market on-demand price, 2024–2025.
    gpuHourUsd: 1.8,
    gpusPerNode: 8,
    // DGX A100 640GB datasheet: 2 TB system memory, 30 TB NVMe (8 × 3.84 TB).
    hostMemoryBytesPerNode: 2 * TB,
    nvmeBytesPerNode: 30 * TB,
    // NVIDIA A100 Tensor Core GPU Architecture whitepaper (2020): the A100 has 108 SMs.
    streamingMultiprocessors: 108,
  },
  {
    id: 'h100-sxm',
    name: 'NVIDIA H100-SXM5-80GB',
    vendor: 'NVIDIA',
    // NVIDIA H100 Tensor Core GPU datasheet (SXM): 80 GB HBM3, 3.35 TB/s.
    memoryBytes: 80 * GB,
    memoryBandwidthBytesPerSecond: 3.35 * TB,
    peakFlopsPerSecond: HOPPER_SXM_DENSE_PEAKS,
    // H100 datasheet: NVLink 900 GB/s (bidirectional) → 450 GB/s one direction.
    intraNodeBandwidthBytesPerSecond: 450 * GB,
    // DGX H100 datasheet: 8 × 400 Gb/s ConnectX-7 (NDR) for 8 GPUs.
    interNodeBandwidthBytesPerSecond: gbit(400),
    // H100 datasheet: SXM up to 700 W.
    tdpWatts: 700,
    // Assumption: market on-demand price, 2025.
    gpuHourUsd: 2.5,
    gpusPerNode: 8,
    // DGX H100 datasheet: 2 TB system memory, 30 TB NVMe (8 × 3.84 TB).
    hostMemoryBytesPerNode: 2 * TB,
    nvmeBytesPerNode: 30 * TB,
    // NVIDIA H100 Tensor Core GPU Architecture whitepaper (2022): the H100 SXM5 has 132 SMs.
    streamingMultiprocessors: 132,
  },
  {
    id: 'h800',
    name: 'NVIDIA H800-SXM5-80GB',
    vendor: 'NVIDIA',
    // NVIDIA H800 SXM5 datasheet: the H100 SXM5's compute and memory (80 GB HBM3, 3.35 TB/s), NVLink cut to 400 GB/s.
    memoryBytes: 80 * GB,
    memoryBandwidthBytesPerSecond: 3.35 * TB,
    peakFlopsPerSecond: HOPPER_SXM_DENSE_PEAKS,
    // H800 datasheet: NVLink 400 GB/s (bidirectional) → 200 GB/s one direction (DeepSeek-V3 report §3.2.2 measures 160).
    intraNodeBandwidthBytesPerSecond: 200 * GB,
    // DeepSeek-V3 report §3.2.2: InfiniBand 50 GB/s per GPU (400 Gb/s ConnectX-7).
    interNodeBandwidthBytesPerSecond: gbit(400),
    // H800 datasheet: SXM up to 700 W.
    tdpWatts: 700,
    // DeepSeek-V3 report §1 (training costs): "assuming the rental price of the H800 GPU is $2 per GPU hour".
    gpuHourUsd: 2,
    gpusPerNode: 8,
    // HGX H800 servers as DGX H100: 2 TB system memory, 30 TB NVMe (assumed; no DGX H800 datasheet).
    hostMemoryBytesPerNode: 2 * TB,
    nvmeBytesPerNode: 30 * TB,
    // DeepSeek-V3 report §3.5.1: "20 out of the 132 SMs available in the H800 GPU" (the H100 SXM5's 132 SMs).
    streamingMultiprocessors: 132,
  },
  {
    id: 'h200',
    name: 'NVIDIA H200-SXM-141GB',
    vendor: 'NVIDIA',
    // NVIDIA H200 datasheet (SXM): 141 GB HBM3e, 4.8 TB/s.
    memoryBytes: 141 * GB,
    memoryBandwidthBytesPerSecond: 4.8 * TB,
    // H200 datasheet (SXM): the same tensor cores and dense peaks as H100 SXM.
    peakFlopsPerSecond: HOPPER_SXM_DENSE_PEAKS,
    // H200 datasheet: NVLink 900 GB/s (bidirectional) → 450 GB/s one direction.
    intraNodeBandwidthBytesPerSecond: 450 * GB,
    // HGX H200 / DGX H200: 8 × 400 Gb/s NDR for 8 GPUs.
    interNodeBandwidthBytesPerSecond: gbit(400),
    // H200 datasheet: SXM up to 700 W.
    tdpWatts: 700,
    // Assumption: market on-demand price, 2025.
    gpuHourUsd: 3.5,
    gpusPerNode: 8,
    // DGX H200 datasheet: 2 TB system memory, 30 TB NVMe (8 × 3.84 TB).
    hostMemoryBytesPerNode: 2 * TB,
    nvmeBytesPerNode: 30 * TB,
  },
  {
    id: 'b200',
    name: 'NVIDIA B200 (HGX/DGX B200)',
    vendor: 'NVIDIA',
    // DGX B200 datasheet: 1,440 GB HBM3e and 64 TB/s for 8 GPUs → 180 GB and 8 TB/s each.
    memoryBytes: 180 * GB,
    memoryBandwidthBytesPerSecond: 8 * TB,
    peakFlopsPerSecond: BLACKWELL_HGX_DENSE_PEAKS,
    // HGX B200 datasheet: fifth-generation NVLink 1.8 TB/s per GPU (bidirectional) → 900 GB/s one direction.
    intraNodeBandwidthBytesPerSecond: 900 * GB,
    // DGX B200 datasheet: 8 × 400 Gb/s ConnectX-7 for 8 GPUs.
    interNodeBandwidthBytesPerSecond: gbit(400),
    // HGX B200: 1,000 W per GPU.
    tdpWatts: 1000,
    // Assumption: market on-demand price, 2025.
    gpuHourUsd: 5,
    gpusPerNode: 8,
    // DGX B200 datasheet: 2 TB system memory (up to 4 TB), 30 TB NVMe (8 × 3.84 TB).
    hostMemoryBytesPerNode: 2 * TB,
    nvmeBytesPerNode: 30 * TB,
  },
  {
    id: 'b300',
    name: 'NVIDIA B300 (HGX/DGX B300, Blackwell Ultra)',
    vendor: 'NVIDIA',
    // HGX B300 datasheet: 2.3 TB HBM3e for 8 GPUs → 288 GB each, up to 8 TB/s each.
    memoryBytes: 288 * GB,
    memoryBandwidthBytesPerSecond: 8 * TB,
    // HGX B300 datasheet (8 GPUs, sparse): the HGX B200's training figures (Blackwell Ultra adds dense FP4 and
    // attention's exponentials, not 16-bit or FP8 tensor throughput).
    peakFlopsPerSecond: BLACKWELL_HGX_DENSE_PEAKS,
    // HGX B300 datasheet: fifth-generation NVLink 1.8 TB/s per GPU (bidirectional) → 900 GB/s one direction.
    intraNodeBandwidthBytesPerSecond: 900 * GB,
    // HGX B300 datasheet: 1.6 TB/s of networking for 8 GPUs (bidirectional) — one 800 Gb/s ConnectX-8 SuperNIC per GPU.
    interNodeBandwidthBytesPerSecond: gbit(800),
    // NVIDIA's B300 SXM maximum TGP: 1,000 W (as stas00/ml-engineering's accelerator power table lists it).
    tdpWatts: 1000,
    // Assumption: market on-demand price, 2026.
    gpuHourUsd: 6,
    gpusPerNode: 8,
    // Assumption: DGX B300-class host, like DGX B200's: 2 TB system memory, 30 TB NVMe (8 × 3.84 TB).
    hostMemoryBytesPerNode: 2 * TB,
    nvmeBytesPerNode: 30 * TB,
  },
  {
    // A node here is the NVLink domain: the rack's 72 GPUs (18 compute trays of 4) behind one NVLink Switch fabric, so
    // TP, EP and CP groups of up to 72 GPUs stay on NVLink. A job using 64 GPUs a rack is a custom cluster of 64 a node.
    id: 'gb200',
    name: 'NVIDIA GB200 (GB200 NVL72: 72 GPUs in one NVLink domain)',
    vendor: 'NVIDIA',
    // GB200 NVL72 specifications: 13.4 TB HBM3e for 72 GPUs → 186 GB each (NVIDIA's MIG table: 186 GB), 576 TB/s → 8 TB/s each.
    memoryBytes: 186 * GB,
    memoryBandwidthBytesPerSecond: 8 * TB,
    peakFlopsPerSecond: GRACE_BLACKWELL_NVL72_DENSE_PEAKS,
    // GB200 NVL72 specifications: fifth-generation NVLink 130 TB/s for 72 GPUs = 1.8 TB/s each (bidirectional) → 900 GB/s.
    intraNodeBandwidthBytesPerSecond: 900 * GB,
    // Between racks: one 400 Gb/s ConnectX-7 per GPU (four per compute tray).
    interNodeBandwidthBytesPerSecond: gbit(400),
    // Assumption: 1,200 W per GPU (the GB200 superchip's two GPUs and one Grace CPU, 2,700 W, less the CPU's share).
    tdpWatts: 1200,
    // Assumption: market on-demand price, 2026.
    gpuHourUsd: 7,
    gpusPerNode: 72,
    // GB200 NVL72 specifications: up to 17 TB LPDDR5X on its 36 Grace CPUs; assumption: 4 × 3.84 TB NVMe a compute tray.
    hostMemoryBytesPerNode: 17 * TB,
    nvmeBytesPerNode: 18 * 4 * 3.84 * TB,
  },
  {
    // Blackwell Ultra in the same rack: as GB200 NVL72, a node is the rack's 72-GPU NVLink domain.
    id: 'gb300',
    name: 'NVIDIA GB300 (GB300 NVL72: 72 GPUs in one NVLink domain)',
    vendor: 'NVIDIA',
    // Blackwell Ultra's 288 GB of HBM3e at 8 TB/s (the B300's; GB300 NVL72 specifications: ≈ 20 TB for 72 GPUs).
    memoryBytes: 288 * GB,
    memoryBandwidthBytesPerSecond: 8 * TB,
    peakFlopsPerSecond: GRACE_BLACKWELL_NVL72_DENSE_PEAKS,
    // GB300 NVL72 specifications: fifth-generation NVLink 130 TB/s for 72 GPUs → 900 GB/s one direction each.
    intraNodeBandwidthBytesPerSecond: 900 * GB,
    // GB300 NVL72 specifications: 72 ConnectX-8 SuperNICs, 800 Gb/s each — one per GPU.
    interNodeBandwidthBytesPerSecond: gbit(800),
    // NVIDIA's GB300 per-GPU maximum power: 1,400 W (stas00/ml-engineering's accelerator power table).
    tdpWatts: 1400,
    // Assumption: market on-demand price, 2026.
    gpuHourUsd: 8,
    gpusPerNode: 72,
    // As GB200 NVL72: up to 17 TB LPDDR5X on its 36 Grace CPUs; assumption: 4 × 3.84 TB NVMe a compute tray.
    hostMemoryBytesPerNode: 17 * TB,
    nvmeBytesPerNode: 18 * 4 * 3.84 * TB,
  },
  {
    id: 'mi300x',
    name: 'AMD Instinct MI300X',
    vendor: 'AMD',
    // AMD Instinct MI300X datasheet: 192 GB HBM3, 5.3 TB/s.
    memoryBytes: 192 * GB,
    memoryBandwidthBytesPerSecond: 5.3 * TB,
    // MI300X datasheet (dense): FP32 matrix 163.4, TF32 653.7, BF16/FP16 1,307.4, FP8 2,614.9 TFLOPS.
    peakFlopsPerSecond: {
      FP32: 163.4 * TFLOPS,
      TF32: 653.7 * TFLOPS,
      BF16: 1307.4 * TFLOPS,
      FP16: 1307.4 * TFLOPS,
      FP8: 2614.9 * TFLOPS,
    },
    // MI300X datasheet: 7 Infinity Fabric (xGMI) links × 128 GB/s bidirectional = 896 GB/s → 448 GB/s one
    // direction in aggregate. It is a full mesh: any single peer gets only 64 GB/s one way, so ring collectives
    // that use two neighbours see far less than this aggregate.
    intraNodeBandwidthBytesPerSecond: 448 * GB,
    // Typical MI300X platform: one 400 Gb/s NIC per GPU.
    interNodeBandwidthBytesPerSecond: gbit(400),
    // MI300X datasheet: 750 W.
    tdpWatts: 750,
    // Assumption: market on-demand price, 2025.
    gpuHourUsd: 2.5,
    gpusPerNode: 8,
    // Assumption: an 8 × MI300X platform with 2 TB DDR5 and 30 TB NVMe, like the DGX-class servers above.
    hostMemoryBytesPerNode: 2 * TB,
    nvmeBytesPerNode: 30 * TB,
  },
].map((gpu) => Object.freeze({ ...gpu, peakFlopsPerSecond: Object.freeze(gpu.peakFlopsPerSecond) }) as GpuSpec));

/** Catalog lookup by stable id (case-insensitive). */
export function findGpu(id: string): GpuSpec | undefined {
  const key = id.toLowerCase();
  return GPU_CATALOG.find((gpu) => gpu.id === key);
}

/**
 * Defaults for fields a custom GPU leaves out: the A100-80GB / DGX A100 values (the most common training node of
 * 2020–2023), so a custom chip described only by memory and FLOP/s behaves like a mainstream node.
 */
const CUSTOM_DEFAULTS = {
  vendor: 'custom',
  memoryBandwidthBytesPerSecond: 2039 * GB,
  intraNodeBandwidthBytesPerSecond: 300 * GB,
  interNodeBandwidthBytesPerSecond: gbit(200),
  tdpWatts: 400,
  gpuHourUsd: 2,
  gpusPerNode: 8,
  // DGX A100 640GB datasheet: 2 TB system memory, 30 TB NVMe.
  hostMemoryBytesPerNode: 2 * TB,
  nvmeBytesPerNode: 30 * TB,
} as const;

/** CPU RAM per node the offload check uses: the cluster's, else its GPU's usual server, else a DGX A100's. */
export function hostMemoryBytesPerNodeOf(cluster: ClusterSpec): number {
  return cluster.hostMemoryBytesPerNode ?? cluster.gpu.hostMemoryBytesPerNode ?? CUSTOM_DEFAULTS.hostMemoryBytesPerNode;
}

/** Local NVMe per node the offload check uses: the cluster's, else its GPU's usual server, else a DGX A100's. */
export function nvmeBytesPerNodeOf(cluster: ClusterSpec): number {
  return cluster.nvmeBytesPerNode ?? cluster.gpu.nvmeBytesPerNode ?? CUSTOM_DEFAULTS.nvmeBytesPerNode;
}

/** A user-described GPU, validated; missing fields default to A100-80GB node values (see CUSTOM_DEFAULTS). */
export function customGpu(
  input: Partial<GpuSpec> & Pick<GpuSpec, 'id' | 'name' | 'memoryBytes' | 'peakFlopsPerSecond'>,
): GpuSpec {
  if (typeof input.id !== 'string' || input.id.trim() === '' || input.id.length > 100) {
    throw new InvalidInputError('gpu.id', input.id, 'a non-empty string of at most 100 characters');
  }
  if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 200) {
    throw new InvalidInputError('gpu.name', input.name, 'a non-empty string of at most 200 characters');
  }
  // Bounds: 1 MB … 100 TB of device memory; up to 10 PB/s of bandwidth and 10 EFLOP/s — far beyond any chip, but
  // they keep nonsense (negative, NaN, Infinity) out of the planner.
  const memoryBytes = requirePositive('gpu.memoryBytes', input.memoryBytes, 1e6, 1e14);
  const peak = input.peakFlopsPerSecond as GpuSpec['peakFlopsPerSecond'] | undefined;
  if (peak === null || typeof peak !== 'object') {
    throw new InvalidInputError('gpu.peakFlopsPerSecond', peak, 'an object with FP32, TF32, BF16, FP16 and FP8 (or null)');
  }
  const peakFlopsPerSecond = {
    FP32: requirePositive('gpu.peakFlopsPerSecond.FP32', peak.FP32, 1e9, 1e19),
    TF32: requirePositive('gpu.peakFlopsPerSecond.TF32', peak.TF32, 1e9, 1e19),
    BF16: requirePositive('gpu.peakFlopsPerSecond.BF16', peak.BF16, 1e9, 1e19),
    FP16: requirePositive('gpu.peakFlopsPerSecond.FP16', peak.FP16, 1e9, 1e19),
    FP8: peak.FP8 === null || peak.FP8 === undefined ? null : requirePositive('gpu.peakFlopsPerSecond.FP8', peak.FP8, 1e9, 1e19),
  };
  return {
    id: input.id,
    name: input.name,
    vendor: input.vendor ?? CUSTOM_DEFAULTS.vendor,
    memoryBytes,
    memoryBandwidthBytesPerSecond: requirePositive(
      'gpu.memoryBandwidthBytesPerSecond',
      input.memoryBandwidthBytesPerSecond ?? CUSTOM_DEFAULTS.memoryBandwidthBytesPerSecond,
      1e6,
      1e16,
    ),
    peakFlopsPerSecond,
    intraNodeBandwidthBytesPerSecond: requirePositive(
      'gpu.intraNodeBandwidthBytesPerSecond',
      input.intraNodeBandwidthBytesPerSecond ?? CUSTOM_DEFAULTS.intraNodeBandwidthBytesPerSecond,
      1e6,
      1e16,
    ),
    interNodeBandwidthBytesPerSecond: requirePositive(
      'gpu.interNodeBandwidthBytesPerSecond',
      input.interNodeBandwidthBytesPerSecond ?? CUSTOM_DEFAULTS.interNodeBandwidthBytesPerSecond,
      1e6,
      1e16,
    ),
    tdpWatts: requirePositive('gpu.tdpWatts', input.tdpWatts ?? CUSTOM_DEFAULTS.tdpWatts, 1, 100_000),
    gpuHourUsd: requireFinite('gpu.gpuHourUsd', input.gpuHourUsd ?? CUSTOM_DEFAULTS.gpuHourUsd, 0, 10_000),
    gpusPerNode: requireInteger('gpu.gpusPerNode', input.gpusPerNode ?? CUSTOM_DEFAULTS.gpusPerNode, 1, 1024),
    // 1 GB … 1 PB of host memory / NVMe per node.
    hostMemoryBytesPerNode: requirePositive('gpu.hostMemoryBytesPerNode', input.hostMemoryBytesPerNode ?? CUSTOM_DEFAULTS.hostMemoryBytesPerNode, 1e9, 1e15),
    nvmeBytesPerNode: requireFinite('gpu.nvmeBytesPerNode', input.nvmeBytesPerNode ?? CUSTOM_DEFAULTS.nvmeBytesPerNode, 0, 1e15),
  };
}

function requirePositive(field: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidInputError(field, value, `a finite number in [${min}, ${max}]`);
  }
  return value;
}

/** Most GPUs a cluster may have: ≈ 10× the largest announced training clusters (≈ 100k GPUs). */
export const MAX_CLUSTER_GPUS = 1_000_000;

/**
 * Default PUE 1.2: modern GPU data centres run ≈ 1.1 (hyperscale, Patterson et al. 2021 "Carbon Emissions and Large
 * Neural Network Training", Table 4) to ≈ 1.2 (Jean Zay, used for BLOOM: Luccioni et al. 2022), while the industry
 * average is ≈ 1.58 (Uptime Institute survey 2023). 1.2 is a representative figure for a dedicated training cluster.
 */
export const DEFAULT_PUE = 1.2;

/** A validated cluster of `nodes × gpusPerNode` identical GPUs. */
export function makeCluster(input: {
  id?: string;
  name?: string;
  gpu: GpuSpec;
  gpusPerNode: number;
  nodes: number;
  gpuHourUsd?: number;
  pue?: number;
  /** CPU RAM per node (default: the GPU's usual server). */
  hostMemoryBytesPerNode?: number;
  /** Local NVMe per node (default: the GPU's usual server; 0 = none). */
  nvmeBytesPerNode?: number;
  /**
   * Inter-node (NIC) bandwidth per GPU in bytes/s, one direction, when the fabric differs from the GPU's usual server
   * (e.g. BLOOM's Jean Zay: four 100 Gb/s Omni-Path links per node of 8, 6.25 GB/s per GPU). Default: the GPU's.
   */
  interNodeBandwidthBytesPerSecond?: number | null;
}): ClusterSpec {
  if (input.gpu === null || typeof input.gpu !== 'object' || typeof input.gpu.id !== 'string') {
    throw new InvalidInputError('gpu', input.gpu, 'a GpuSpec (from GPU_CATALOG or customGpu)');
  }
  const gpusPerNode = requireInteger('gpusPerNode', input.gpusPerNode, 1, 1024);
  const nodes = requireInteger('nodes', input.nodes, 1, MAX_CLUSTER_GPUS);
  if (gpusPerNode * nodes > MAX_CLUSTER_GPUS) {
    throw new InvalidInputError('nodes', nodes, `at most ${Math.floor(MAX_CLUSTER_GPUS / gpusPerNode)} nodes of ${gpusPerNode} GPUs (≤ ${MAX_CLUSTER_GPUS} GPUs in total)`);
  }
  const gpuHourUsd = requireFinite('gpuHourUsd', input.gpuHourUsd ?? input.gpu.gpuHourUsd, 0, 10_000);
  // PUE ≥ 1 by definition (total facility power / IT power); 3 is far above any reported data centre.
  const pue = requireFinite('pue', input.pue ?? DEFAULT_PUE, 1, 3);
  const total = gpusPerNode * nodes;
  // 0.1 GB/s (below any data-centre NIC) to 10 TB/s per GPU (far above NVLink).
  const nic = input.interNodeBandwidthBytesPerSecond;
  const gpu =
    nic === undefined || nic === null
      ? input.gpu
      : { ...input.gpu, interNodeBandwidthBytesPerSecond: requirePositive('interNodeBandwidthBytesPerSecond', nic, 1e8, 1e13) };
  const spec: ClusterSpec = {
    id: input.id ?? `${input.gpu.id}-x${total}`,
    name: input.name ?? `${nodes} × ${gpusPerNode} ${input.gpu.name}`,
    gpu,
    gpusPerNode,
    nodes,
    gpuHourUsd,
    pue,
  };
  if (input.hostMemoryBytesPerNode !== undefined && input.hostMemoryBytesPerNode !== null) {
    spec.hostMemoryBytesPerNode = requirePositive('hostMemoryBytesPerNode', input.hostMemoryBytesPerNode, 1e9, 1e15);
  }
  if (input.nvmeBytesPerNode !== undefined && input.nvmeBytesPerNode !== null) {
    spec.nvmeBytesPerNode = requireFinite('nvmeBytesPerNode', input.nvmeBytesPerNode, 0, 1e15);
  }
  return spec;
}

/**
 * The dense peak a training run in `precision` can reach. FP32 training uses TF32 tensor cores (PyTorch/Megatron
 * default on Ampere+; on V100 TF32 equals the FP32 rate). FP8 on a chip without FP8 is an input error, not a silent
 * fallback to BF16.
 */
export function peakFlopsFor(gpu: GpuSpec, precision: Precision): number {
  switch (precision) {
    case 'FP32':
      return gpu.peakFlopsPerSecond.TF32;
    case 'BF16':
      return gpu.peakFlopsPerSecond.BF16;
    case 'FP16':
      return gpu.peakFlopsPerSecond.FP16;
    case 'FP8': {
      const fp8 = gpu.peakFlopsPerSecond.FP8;
      if (fp8 === null) {
        throw new InvalidInputError('precision', precision, `FP32, BF16 or FP16 (${gpu.name} has no FP8 tensor cores)`);
      }
      return fp8;
    }
    default:
      throw new InvalidInputError('precision', precision, 'one of FP32, BF16, FP16, FP8');
  }
}
