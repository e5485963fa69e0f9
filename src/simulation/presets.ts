/**
 * Reliability presets for the run simulation, with their sources. Labels as in the project's reliability notes:
 * P = read in the primary source, Q = quoted by secondary pages, S = secondary summary, D = derived by arithmetic,
 * I = illustrative (no published figure; a plausible value the user should override).
 */

/** One cause of job-interrupting failures. `weight` is relative (counts or fractions). */
export interface FailureCause {
  id: string;
  label: string;
  weight: number;
  /** Hardware on one node: the node must be swapped for a hot spare (or repaired before the job restarts). */
  needsNodeReplacement: boolean;
  /** Time to detect this kind of failure, if it differs from the preset's default (e.g. hangs: NCCL watchdog). */
  detectionSeconds?: number;
}

export type FailureModel = 'POISSON' | 'WEIBULL';
export type WeibullStart = 'EQUILIBRIUM' | 'FRESH';
export type CheckpointMode = 'SYNC' | 'ASYNC';

/** Every reliability knob of the engine (all resolved; see `resolveReliability` for partial overrides). */
export interface ReliabilityParams {
  /** Job-interrupting unexpected failures per GPU-hour (all causes). */
  unexpectedFailuresPerGpuHour: number;
  causes: FailureCause[];
  /** POISSON: superposition of independent components (job MTTF = component MTBF / N). WEIBULL: one renewal clock per node. */
  failureModel: FailureModel;
  weibullShape: number;
  /** EQUILIBRIUM (correct for a fleet already in service) or FRESH (every node new at t = 0: the modelling trap). */
  weibullStart: WeibullStart;
  /** Planned stops (maintenance, firmware, configuration) per day, Poisson; they checkpoint first and lose no work. */
  plannedInterruptionsPerDay: number;
  /** Extra downtime of a planned stop beyond the restart itself. */
  plannedDowntimeSeconds: number;
  /** Default time from a failure to its detection. */
  detectionSeconds: number;
  /** Job re-initialisation (scheduling, process start, NCCL init), lognormal: median and log-space σ. */
  restartMedianSeconds: number;
  restartSigma: number;
  /** Hot spare nodes as a fraction of the job's nodes (rounded), unless `spareNodes` is given. */
  spareNodeFraction: number;
  spareNodes?: number;
  /** Node repair, lognormal mixture of automatic and manual repairs. */
  repairMedianSeconds: number;
  repairSigma: number;
  manualRepairFraction: number;
  manualRepairMedianSeconds: number;
  /** Per-rank excess step time, exponential with this mean (fraction of a step); the job waits for the slowest rank. */
  stragglerJitterFraction: number;
  /** Fail-slow episodes (one rank slows the whole synchronous job) per GPU-hour, their median length and slowdown. */
  failSlowEpisodesPerGpuHour: number;
  failSlowMedianSeconds: number;
  failSlowSlowdownFraction: number;
  /** Peak-to-trough throughput variation over a day (fraction; the step time is up to 1 + this). */
  diurnalAmplitudeFraction: number;
  /** SYNC: the whole write blocks. ASYNC: only the device→host copy blocks, the write persists in the background. */
  checkpointMode: CheckpointMode;
  /** Aggregate checkpoint write and read bandwidth of the storage. */
  storageWriteBytesPerSecond: number;
  storageReadBytesPerSecond: number;
  /** Device→host copy bandwidth per GPU, for the blocking part of an asynchronous checkpoint. */
  deviceToHostBytesPerSecondPerGpu: number;
  /** Checkpoint interval a preset prescribes (e.g. BLOOM's 3 h); null = Young/Daly optimum. */
  checkpointIntervalSeconds: number | null;
}

export interface ReliabilityPreset {
  id: string;
  name: string;
  description: string;
  sources: string[];
  params: ReliabilityParams;
}

const HOUR = 3600;
const DAY = 86_400;

/**
 * Llama 3 405B's 419 unexpected interruptions by cause (Llama 3 paper 2024, Table 5; counts Q — the paper prints
 * 30.1 % for "faulty GPU" but 148/419 = 35.3 %, so we calibrate on counts).
 */
export const LLAMA3_CAUSES: FailureCause[] = [
  { id: 'FAULTY_GPU', label: 'Faulty GPU (incl. NVLink)', weight: 148, needsNodeReplacement: true },
  { id: 'GPU_HBM3', label: 'GPU HBM3 memory', weight: 72, needsNodeReplacement: true },
  { id: 'SOFTWARE_BUG', label: 'Software bug', weight: 54, needsNodeReplacement: false },
  { id: 'NETWORK_SWITCH_CABLE', label: 'Network switch / cable', weight: 35, needsNodeReplacement: false },
  { id: 'HOST_MAINTENANCE', label: 'Host maintenance (unplanned)', weight: 32, needsNodeReplacement: true },
  { id: 'GPU_SRAM', label: 'GPU SRAM memory', weight: 19, needsNodeReplacement: true },
  { id: 'GPU_GSP', label: 'GPU system processor', weight: 17, needsNodeReplacement: true },
  { id: 'NIC', label: 'Network interface card', weight: 7, needsNodeReplacement: true },
  // A hang is only noticed when the PyTorch NCCL watchdog fires: 10 min default (PyTorch PR #110947, P).
  { id: 'NCCL_WATCHDOG', label: 'NCCL watchdog timeout', weight: 7, needsNodeReplacement: false, detectionSeconds: 600 },
  { id: 'SILENT_DATA_CORRUPTION', label: 'Silent data corruption', weight: 6, needsNodeReplacement: true },
  { id: 'GPU_THERMAL', label: 'GPU thermal interface + sensor', weight: 6, needsNodeReplacement: true },
  { id: 'SSD', label: 'SSD', weight: 3, needsNodeReplacement: true },
  { id: 'POWER_SUPPLY', label: 'Power supply', weight: 3, needsNodeReplacement: true },
  { id: 'SERVER_CHASSIS', label: 'Server chassis', weight: 2, needsNodeReplacement: true },
  { id: 'IO_EXPANSION_BOARD', label: 'IO expansion board', weight: 2, needsNodeReplacement: true },
  { id: 'DEPENDENCY', label: 'Dependency', weight: 2, needsNodeReplacement: false },
  { id: 'CPU', label: 'CPU', weight: 2, needsNodeReplacement: true },
  { id: 'SYSTEM_MEMORY', label: 'System memory', weight: 2, needsNodeReplacement: true },
];

/** Llama-3 calibration target: 419 unexpected interruptions on 16,384 GPUs in 54 days (Llama 3 paper, P/Q). */
export const LLAMA3_UNEXPECTED_PER_GPU_HOUR = 419 / (16_384 * 54 * 24); // ≈ 1.973e-5 (D)

const llama3: ReliabilityParams = {
  unexpectedFailuresPerGpuHour: LLAMA3_UNEXPECTED_PER_GPU_HOUR,
  causes: LLAMA3_CAUSES,
  failureModel: 'POISSON',
  weibullShape: 0.7,
  weibullStart: 'EQUILIBRIUM',
  // 47 planned interruptions in the 54-day snapshot (Llama 3 paper, P).
  plannedInterruptionsPerDay: 47 / 54,
  plannedDowntimeSeconds: 0,
  // Fast detection by inspection ≈ 30 s (ByteRobust, S); hangs use the watchdog's 10 min (per cause above).
  detectionSeconds: 30,
  // Retry interval: median 11 min (504-GPU B200 report, P); σ 0.3 is I.
  restartMedianSeconds: 11 * 60,
  restartSigma: 0.3,
  // Hot spares ≈ 2–5 % of nodes (Delta suggests ≈ 5 %, P): 3 % here (I within the published range).
  spareNodeFraction: 0.03,
  // Node repair lognormal: automatic ≈ 2 h, manual ≈ 2 days (Schroeder & Gibson; AIReSim, illustrative P).
  repairMedianSeconds: 2 * HOUR,
  repairSigma: 0.5,
  manualRepairFraction: 0.1,
  manualRepairMedianSeconds: 2 * DAY,
  // Straggler jitter and fail-slow episodes: I (no published rate for this run).
  stragglerJitterFraction: 0.0005,
  failSlowEpisodesPerGpuHour: 1e-6,
  failSlowMedianSeconds: 30 * 60,
  failSlowSlowdownFraction: 0.2,
  // Diurnal throughput variation 1–2 % (Llama 3 paper, P).
  diurnalAmplitudeFraction: 0.015,
  // Storage: 2 TB/s sustained, 7 TB/s peak (Llama 3 paper, Q). Sync writes at the sustained rate.
  checkpointMode: 'SYNC',
  storageWriteBytesPerSecond: 2e12,
  storageReadBytesPerSecond: 2e12,
  deviceToHostBytesPerSecondPerGpu: 25e9,
  checkpointIntervalSeconds: null,
};

export const RELIABILITY_PRESETS: readonly ReliabilityPreset[] = [
  {
    id: 'llama3-405b',
    name: 'Llama-3-like (16k H100, 2024)',
    description:
      'Calibrated on Llama 3 405B pre-training: 419 unexpected + 47 planned interruptions in 54 days on 16,384 ' +
      'H100s, cause mix of the paper, fast detection, 11-minute restarts, synchronous checkpoints at 2 TB/s.',
    sources: [
      'Llama 3 paper (Dubey et al. 2024), §3.3.4 and Table 5: 466 interruptions (47 planned, 419 unexpected) in 54 days on 16,384 H100; >90% effective training time; diurnal 1–2%; storage 2 TB/s sustained',
      'PyTorch PR #110947: NCCL watchdog timeout 10 min',
      'ByteRobust (ByteDance 2025): detection by inspection ≈ 30 s',
      '504-GPU B200 training report: median retry interval 11 min',
      'Schroeder & Gibson (DSN 2006); AIReSim: lognormal repairs, ≈ 2 h automatic / ≈ 2 days manual',
      'NCSA Delta: ≈ 5% hot spares suggested; 2–5% typical',
    ],
    params: llama3,
  },
  {
    id: 'bloom-176b',
    name: 'BLOOM-like (≈ 400 A100, 2022)',
    description:
      'BLOOM-176B on Jean Zay: 1–2 GPU failures per week on ≈ 400 A100s, checkpoint every 3 h, 8% spare nodes; ' +
      'hang detection by the NCCL watchdog.',
    sources: [
      'BigScience BLOOM training chronicles / paper (2022): 384 A100 in 48 nodes + 4 spare nodes (8%), 1–2 GPU failures per week, checkpoint every 3 h, checkpoint 2.3 TB',
      'PyTorch PR #110947: NCCL watchdog timeout 10 min',
      'Restart time, storage bandwidth and repair times: illustrative',
    ],
    params: {
      ...llama3,
      // 1.5 failures per week on ≈ 400 GPUs → per-GPU MTBF ≈ 44,800 h (D; range 33,600–67,200 h).
      unexpectedFailuresPerGpuHour: 1.5 / (7 * 24 * 400),
      causes: LLAMA3_CAUSES,
      plannedInterruptionsPerDay: 0,
      detectionSeconds: 600,
      restartMedianSeconds: 30 * 60,
      restartSigma: 0.4,
      spareNodeFraction: 0.08,
      repairMedianSeconds: DAY,
      repairSigma: 0.7,
      manualRepairFraction: 0,
      stragglerJitterFraction: 0,
      failSlowEpisodesPerGpuHour: 0,
      diurnalAmplitudeFraction: 0,
      storageWriteBytesPerSecond: 10e9,
      storageReadBytesPerSecond: 10e9,
      checkpointIntervalSeconds: 3 * HOUR,
    },
  },
  {
    id: 'opt-175b',
    name: 'OPT-like (992 cloud A100, 2021)',
    description:
      'OPT-175B on 124 cloud nodes: ≈ 2 machines lost per day, 10–15% spares, hours to replace a node, ' +
      'hang detection by the NCCL watchdog and slow manual restarts.',
    sources: [
      'OPT-175B logbook and paper (Zhang et al. 2022): 992 A100 80GB in 124 nodes, ≈ 2 machines per day failing (per-GPU MTBF ≈ 11,900 h, D), node replacement took hours, 10–15% spares, checkpoint 1.6 TB',
      'PyTorch PR #110947: NCCL watchdog timeout 10 min',
      'Restart time and storage bandwidth: illustrative',
    ],
    params: {
      ...llama3,
      unexpectedFailuresPerGpuHour: 2 / (24 * 992),
      causes: LLAMA3_CAUSES,
      plannedInterruptionsPerDay: 0,
      detectionSeconds: 600,
      restartMedianSeconds: 45 * 60,
      restartSigma: 0.5,
      spareNodeFraction: 0.12,
      repairMedianSeconds: 4 * HOUR,
      repairSigma: 0.6,
      manualRepairFraction: 0.2,
      manualRepairMedianSeconds: 2 * DAY,
      stragglerJitterFraction: 0,
      failSlowEpisodesPerGpuHour: 0,
      diurnalAmplitudeFraction: 0,
      storageWriteBytesPerSecond: 5e9,
      storageReadBytesPerSecond: 5e9,
    },
  },
  {
    id: 'modern-optimised',
    name: 'Modern optimised stack',
    description:
      'Per-GPU MTBF 50,000 h, 30 s detection, 150 s whole recovery, asynchronous checkpoints (only the ' +
      'device→host copy blocks), 5% hot spares.',
    sources: [
      'Epoch AI: H100 per-GPU MTBF assumption 50,000 h (P)',
      'ByteRobust (2025): detection ≈ 30 s (S)',
      'FlashRecovery (2025): whole recovery 150 s at 4,800 devices (P)',
      'ml-goodput-measurement / Epoch: only the device→host copy blocks an async checkpoint (P/S)',
      'NCSA Delta: ≈ 5% hot spares (P)',
      'Device→host 25 GB/s per GPU: I (≈ 40% of PCIe 5.0 x16, 63 GB/s per direction)',
    ],
    params: {
      ...llama3,
      unexpectedFailuresPerGpuHour: 1 / 50_000,
      restartMedianSeconds: 150,
      restartSigma: 0.2,
      spareNodeFraction: 0.05,
      checkpointMode: 'ASYNC',
    },
  },
];

export function findReliabilityPreset(id: string): ReliabilityPreset | undefined {
  return RELIABILITY_PRESETS.find((p) => p.id === id);
}

/** A deep copy of a preset's parameters (callers may mutate it). */
export function presetParams(id: string): ReliabilityParams {
  const preset = findReliabilityPreset(id);
  if (!preset) throw new RangeError(`unknown reliability preset ${id}`);
  return { ...preset.params, causes: preset.params.causes.map((c) => ({ ...c })) };
}
