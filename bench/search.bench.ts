/**
 * Plan-search speed (src/core/search.ts), on one core:
 * - search.gpt3On1024Seconds: wall time of the full GPT-3 175B / 1,024 A100-80GB search (global batch 1,536, the
 *   default space: TP within a node, any PP, ZeRO 0–3, every offload, recompute, sequence parallel, interleave,
 *   micro-batch), median of 15 runs after one cold run (reported as …ColdSeconds; …FastestSeconds is the quickest
 *   of the 15, the figure least disturbed by other processes on a shared machine). Goal < 5 s; Calculon's brute
 *   force needs ≈ 10 worker-hours for its ≈ 11.7M-candidate space.
 * - search.candidatesPerSecond: that search's full-space size / its median wall time. Goal ≥ 2,000,000.
 * - search.wide…: the same model on up to 1,024 GPUs (any whole number of nodes), TP across nodes allowed and
 *   FlashAttention on/off — a space of millions of candidates, median of 3 runs.
 * - search.mixtralOn64…: Mixtral 8×7B on 64 H100s (expert parallelism in the space), median of 11.
 * - search.gpt3On1024WorkerSeconds: the same search through the server's runner in a worker thread, start-up
 *   (loading TypeScript in the worker) included — what the first planSearch request costs end to end; …Warm… is
 *   the median of 5 later ones on the kept worker.
 * - search.gpt3MinGpus…: objective MIN_GPUS over every count up to 1,024 GPUs — the fewest A100-80GB that fit GPT-3 175B
 *   at batch 1,536 (any recipe, offload included), the layout, and the search's wall time.
 * - search.gpt3Megatron2021…: the optimum restricted to the Megatron-LM recipe of the published 1,024-GPU run (January
 *   2021: full recompute, no sequence parallel, no FlashAttention, ZeRO 0, FP16, plain 1F1B, synchronous pipeline
 *   p2p, gradients all-reduced after the backward): layout, hardware TFLOP/s per GPU (published: 138–140 at TP 8 ×
 *   PP 16), how many layouts lie within the model's accuracy of it, and the published layout's gap to it.
 */
import { findGpu, makeCluster } from '../src/core/hardware.js';
import { computeModelCounts } from '../src/core/model.js';
import { findModelPreset } from '../src/core/presets.js';
import { searchPlans, type PlanSearchOptions, type PlanSearchOutcome } from '../src/core/search.js';
import type { ParallelLayout } from '../src/core/types.js';
import { closeSearchWorkers, runPlanSearch } from '../src/server/search-runner.js';
import { MEGATRON_LM_2021_SEARCH } from '../test/core/search-fixtures.js';
import type { Report } from './run.js';

const now = (): number => performance.now() / 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function describe(l: ParallelLayout): string {
  const recompute = l.recomputeLayers === undefined ? `${l.recompute} recompute` : `FULL recompute of ${l.recomputeLayers} layer(s) per virtual stage`;
  return `TP ${l.tensorParallel} PP ${l.pipelineParallel} DP ${l.dataParallel} micro-batch ${l.microBatchSize} interleave ${l.pipelineInterleave} ZeRO-${l.zeroStage} ${recompute}${l.sequenceParallel ? ' SP' : ''}${l.offload === 'NONE' ? '' : ` offload ${l.offload}`}`;
}

export async function run(report: Report): Promise<void> {
  const arch = findModelPreset('gpt3-175b')!;
  const counts = computeModelCounts(arch);
  const cluster = makeCluster({ gpu: findGpu('a100-80gb')!, gpusPerNode: 8, nodes: 128 });
  const timed = (options: PlanSearchOptions): { outcome: PlanSearchOutcome; seconds: number } => {
    const start = now();
    const outcome = searchPlans(arch, counts, cluster, { timeLimitSeconds: 600, ...options }, { now });
    return { outcome, seconds: now() - start };
  };

  const standard: PlanSearchOptions = { globalBatchSize: 1536 };
  const cold = timed(standard);
  const runs = Array.from({ length: 15 }, () => timed(standard));
  const seconds = median(runs.map((r) => r.seconds));
  const out = cold.outcome;
  report('search.gpt3On1024Candidates', out.candidates);
  report('search.gpt3On1024Evaluated', out.evaluated);
  report('search.gpt3On1024MemoryChecked', out.memoryChecked);
  report('search.gpt3On1024Feasible', out.feasible);
  report('search.gpt3On1024ColdSeconds', cold.seconds);
  report('search.gpt3On1024Seconds', seconds);
  report('search.gpt3On1024FastestSeconds', Math.min(...runs.map((r) => r.seconds)));
  report('search.candidatesPerSecond', out.candidates / seconds);
  report('search.gpt3On1024Best', describe(out.best[0]!.layout));
  report('search.gpt3On1024BestHardwareTflopsPerGpu', out.best[0]!.estimate.performance.hardwareFlopsPerSecondPerGpu / 1e12);

  const wideOptions: PlanSearchOptions = {
    globalBatchSize: 1536,
    gpuBudgetMode: 'UP_TO',
    allowTensorParallelAcrossNodes: true,
    flashAttention: [false, true],
  };
  const wide = Array.from({ length: 3 }, () => timed(wideOptions));
  const wideSeconds = median(wide.map((r) => r.seconds));
  report('search.wideCandidates', wide[0]!.outcome.candidates);
  report('search.wideEvaluated', wide[0]!.outcome.evaluated);
  report('search.wideSeconds', wideSeconds);
  report('search.wideCandidatesPerSecond', wide[0]!.outcome.candidates / wideSeconds);

  // MIN_GPUS: every GPU count up to 1,024 (UP_TO) for the fewest that fit.
  const fewest = Array.from({ length: 3 }, () => timed({ globalBatchSize: 1536, objective: 'MIN_GPUS' }));
  report('search.gpt3MinGpusCandidates', fewest[0]!.outcome.candidates);
  report('search.gpt3MinGpusSeconds', median(fewest.map((r) => r.seconds)));
  report('search.gpt3MinGpus', fewest[0]!.outcome.best[0]!.gpus);
  report('search.gpt3MinGpusBest', describe(fewest[0]!.outcome.best[0]!.layout));

  const megatron = timed(MEGATRON_LM_2021_SEARCH).outcome;
  report('search.gpt3Megatron2021Best', describe(megatron.best[0]!.layout));
  report('search.gpt3Megatron2021BestHardwareTflopsPerGpu', megatron.best[0]!.estimate.performance.hardwareFlopsPerSecondPerGpu / 1e12);
  report('search.gpt3Megatron2021NearOptimal', megatron.nearOptimal);
  const published = megatron.best.find((c) => c.layout.tensorParallel === 8 && c.layout.pipelineParallel === 16 && c.layout.microBatchSize === 1);
  report('search.gpt3Megatron2021PublishedLayoutGap', published ? published.gapToBest : 'not in the top 60');

  // A mixture of experts: Mixtral 8×7B on 64 H100s (expert parallel joins the space).
  const mixtral = findModelPreset('mixtral-8x7b');
  if (mixtral) {
    const h100 = makeCluster({ gpu: findGpu('h100-sxm')!, gpusPerNode: 8, nodes: 8 });
    const mixtralCounts = computeModelCounts(mixtral);
    const moeRuns = Array.from({ length: 11 }, () => {
      const t0 = now();
      const outcome = searchPlans(mixtral, mixtralCounts, h100, { globalBatchSize: 512 }, { now });
      return { outcome, seconds: now() - t0 };
    });
    report('search.mixtralOn64Candidates', moeRuns[0]!.outcome.candidates);
    report('search.mixtralOn64Seconds', median(moeRuns.map((r) => r.seconds)));
    report('search.mixtralOn64Best', `${describe(moeRuns[0]!.outcome.best[0]!.layout)} EP ${moeRuns[0]!.outcome.best[0]!.layout.expertParallel}`);
  }

  const start = now();
  await runPlanSearch({ arch, counts, cluster, options: standard }, { mode: 'worker' });
  report('search.gpt3On1024WorkerSeconds', now() - start);
  // The runner keeps the worker: later requests run on warm code.
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = now();
    await runPlanSearch({ arch, counts, cluster, options: standard }, { mode: 'worker' });
    warm.push(now() - t0);
  }
  report('search.gpt3On1024WarmWorkerSeconds', median(warm));
  await closeSearchWorkers();
}
