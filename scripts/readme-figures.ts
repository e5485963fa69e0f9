/**
 * `npx tsx scripts/readme-figures.ts`: the model-computed figures of README.md's "Published figures it reproduces"
 * table (its third column, "zeroplan") that move with the step-time or memory model, recomputed with the current
 * src/core, one `readme.<name>: <value>` line each, printed the way the README prints them: run it after a change to
 * the model and carry the figures into the README. The rows the tests check to a printed digit (ZeRO's tables,
 * Korthikanti's activations, parameter counts) do not move with it and are not printed.
 *
 * Each figure is computed by the same core calls as the test that checks it (named in the comment above it); nothing
 * is copied from the README. Figures the README takes from the GraphQL layer (planSearch) are asked of the core the
 * way the resolver (src/schema/search.ts resolveSearchInput) asks it. Rows with no model-computed figure (parameter
 * counts, scaling laws, the budget at ideal utilisation, Daly's interval) and the Llama 3 54-day simulation (a fixed
 * 6 s step, src/simulation presets: no step-time or memory model in it) are not printed.
 */
import { findGpu, makeCluster } from '../src/core/hardware.js';
import { memoryByPipelineStage } from '../src/core/memory.js';
import { architectureWithDefaults, computeModelCounts } from '../src/core/model.js';
import { evaluatePlan, resolveLayout } from '../src/core/plan.js';
import { findModelPreset } from '../src/core/presets.js';
import { applyRecipe, applyRecipeToSearch, type TrainingRecipe } from '../src/core/recipes.js';
import { type PlanSearchOptions, searchPlans } from '../src/core/search.js';
import type { GpuSpec, LowRankAdapter, ModelArchitecture } from '../src/core/types.js';
import { LLAMA3_LAYOUT } from '../src/core/validation/runs.js';
import { type RunPrediction, runValidation } from '../src/core/validation/suite.js';
import { SC21_TABLE_1, sc21Run } from '../test/core/sc21-fixtures.js';
import {
  a100,
  cluster1024,
  gpt3,
  gpt3Counts,
  MEGATRON_LM_2021_SEARCH,
  STANDARD_CASE_LAYOUT,
} from '../test/core/search-fixtures.js';

// ─────────────────────────── printing ───────────────────────────

const GB = 1e9;
const GIB = 2 ** 30;

function print(name: string, value: string): void {
  console.log(`readme.${name}: ${value}`);
}
/** A signed percentage with the README's minus sign: +7.4 %, −2.7 %. */
function signedPct(fraction: number, digits = 1): string {
  const rounded = Number((100 * fraction).toFixed(digits));
  return `${rounded < 0 ? '−' : '+'}${Math.abs(rounded).toFixed(digits)} %`;
}
/** An unsigned percentage: 57.4 %. */
function pct(fraction: number, digits = 1): string {
  return `${(100 * fraction).toFixed(digits)} %`;
}

const h100 = findGpu('h100-sxm') as GpuSpec;
const h800 = findGpu('h800') as GpuSpec;
const llama405b = findModelPreset('llama3-405b') as ModelArchitecture;
const llama405bCounts = computeModelCounts(llama405b);

// ─────────────────────────── the validation suite (shared by several rows) ───────────────────────────

const report = runValidation();
const predictions = new Map(report.predictions.map((p) => [p.run.id, p]));
/** A suite row's prediction; undefined when the suite has no such row (at an older commit). */
const row = (id: string): RunPrediction | undefined => predictions.get(id);
const rowError = (id: string): string => {
  const p = row(id);
  return p === undefined ? `n/a (no run ${id})` : signedPct(p.error);
};

// ─────────────────────────── ZeRO (memory model: model states) ───────────────────────────

// ─────────────────────────── LoRA (Hu et al. 2021 §4.2) ───────────────────────────

// README row "LoRA on GPT-3 175B, r = 4 on W_q, W_v: checkpoint, and training speed against full fine-tuning".
// Mirrors test/core/adapter.test.ts 'LoRA on GPT-3 175B' (both its tests).
{
  const paperLora: LowRankAdapter = { method: 'LORA', rank: 4, targets: 'ATTENTION_QV' };
  const stepSeconds = (adapter?: LowRankAdapter) => {
    const layout = resolveLayout(gpt3, cluster1024, {
      tensorParallel: 8,
      pipelineParallel: 8,
      globalBatchSize: 1536,
      microBatchSize: 1,
      recompute: 'FULL',
      zeroStage: 1,
      ...(adapter === undefined ? {} : { adapter }),
    });
    return evaluatePlan(gpt3, gpt3Counts, cluster1024, layout).performance.stepSeconds;
  };
  print('lora_gpt3.speedup_over_full_fine_tuning', `${(stepSeconds() / stepSeconds(paperLora)).toFixed(2)}×`);
}

// ─────────────────────────── Megatron-LM 2021 on A100 ───────────────────────────

// README row "Megatron-LM 2021 (Narayanan et al., Table 1): all ten weak-scaling runs … hardware TFLOP/s per GPU":
// "−4.4 % … +3.3 % (every row)", the lowest and highest error of the suite's ten rows sc21-* (src/core/validation/
// runs.ts, the same published configurations; test/core/validation.test.ts runs them) — the README's digits are the
// suite's. test/core/performance.test.ts 'Megatron-LM 2021 weak-scaling table' asks the same rows through sc21Run (no
// recipe, the DDP overlap by row); its range is printed beside it.
{
  const suiteRows = report.predictions.filter((p) => p.run.id.startsWith('sc21-'));
  const suiteErrors = suiteRows.map((p) => p.error);
  print(
    'megatron_lm_2021_table1.error_range_pct',
    `${signedPct(Math.min(...suiteErrors))} … ${signedPct(Math.max(...suiteErrors))} (${suiteRows.length} suite rows)`,
  );
}

// README row "GPT-3 175B on 1,024 A100s as published: TP 8 × PP 16 × DP 8, batch 1,536": seconds per iteration and
// hardware TFLOP/s. Mirrors test/core/performance.test.ts 'the published GPT-3 175B example: 1,024 A100, TP 8 × PP 16
// × DP 8'.
{
  const layout = resolveLayout(gpt3, cluster1024, {
    tensorParallel: 8,
    pipelineParallel: 16,
    pipelineInterleave: 1,
    microBatchSize: 1,
    globalBatchSize: 1536,
    recompute: 'FULL',
    flashAttention: false,
    precision: 'FP16',
  });
  const e = evaluatePlan(gpt3, gpt3Counts, cluster1024, layout, {
    overlapPipelineCommunication: false,
    overlapDataParallelCommunication: false,
  });
  print('gpt3_1024_a100_tp8_pp16.iteration_s', `${e.performance.stepSeconds.toFixed(1)} s`);
  print(
    'gpt3_1024_a100_tp8_pp16.hardware_tflops_per_gpu',
    `${(e.performance.hardwareFlopsPerSecondPerGpu / 1e12).toFixed(1)} TFLOP/s`,
  );
}

// README row "The standard case of peer tools: GPT-3 175B on 1,024 A100s at TP 8 × PP 8, 300B tokens": hardware
// TFLOP/s, seconds per step, days, GiB per GPU (the most-loaded GPU). Mirrors test/core/performance.test.ts 'the
// standard case: GPT-3 175B on 1,024 A100-80GB, TP 8, PP 8, DP 16, batch 1,536, full recompute'.
{
  const layout = resolveLayout(gpt3, cluster1024, STANDARD_CASE_LAYOUT);
  const e = evaluatePlan(gpt3, gpt3Counts, cluster1024, layout, {
    trainingTokens: 300e9,
    overlapPipelineCommunication: false,
  });
  print(
    'gpt3_standard_case.hardware_tflops_per_gpu',
    `${(e.performance.hardwareFlopsPerSecondPerGpu / 1e12).toFixed(1)} TFLOP/s`,
  );
  print('gpt3_standard_case.step_s', `${e.performance.stepSeconds.toFixed(2)} s`);
  print('gpt3_standard_case.run_300b_tokens_days', `${e.run!.days.toFixed(1)} days`);
  print('gpt3_standard_case.memory_gib_per_gpu', `${(e.memory.totalBytes / GIB).toFixed(1)} GiB`);
}

// README row "1T model, 450B tokens on 3,072 A100s (same, the 1T row's configuration)": days. Mirrors
// test/core/performance.test.ts 'Megatron-LM 2021 end-to-end example: 1T parameters, 450B tokens, 3,072 GPUs'.
{
  const e = sc21Run(SC21_TABLE_1.find((r) => r.preset === 'megatron-1t')!, 450e9).estimate;
  print('megatron_1t_3072_a100.run_450b_tokens_days', `${e.run!.days.toFixed(1)} days`);
}

// ─────────────────────────── Llama 3 405B on H100 ───────────────────────────

// README row "Llama 3 405B's 128K stage with context parallelism: TP 8, CP 16, PP 16, DP 8 on 16,384 H100s":
// (a) "336.4 with the 126 layers rounded to 128 and v 4": mirrors test/core/performance.test.ts 'context parallelism
// … Table 4, 128K stage' (128 layers, v 4, ZeRO-1, SP; model TFLOP/s with the real 126-layer model's causal FLOPs).
{
  const long = { ...llama405b, sequenceLength: 131_072, layers: 128 };
  const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 2048 });
  const layout = resolveLayout(long, cluster, {
    tensorParallel: 8,
    contextParallel: 16,
    pipelineParallel: 16,
    pipelineInterleave: 4,
    globalBatchSize: 128,
    sequenceParallel: true,
    zeroStage: 1,
  });
  const e = evaluatePlan(long, computeModelCounts(long), cluster, layout);
  const real = computeModelCounts({ ...llama405b, sequenceLength: 131_072 });
  const tflops = (real.modelFlopsPerTokenCausal * e.performance.tokensPerSecond) / 16_384 / 1e12;
  print('llama3_405b_128k_128_layers_v4.model_tflops_per_gpu', `${tflops.toFixed(1)} TFLOP/s`);
}
// (b) "369.6, −2.7 %, as the validation suite asks it": the suite's row llama3-405b-128k (src/core/validation/runs.ts;
// test/core/validation.test.ts runs it).
{
  const p = row('llama3-405b-128k');
  print('llama3_405b_128k_suite.model_tflops_per_gpu', p === undefined ? 'n/a' : `${p.predicted.toFixed(1)} TFLOP/s`);
  print('llama3_405b_128k_suite.error_pct', rowError('llama3-405b-128k'));
}

// README rows "Llama 3 405B as published (126 layers, FIRST_LAST_ONE_FEWER, v 8, ZeRO-2) on 8,192 / 16,384 H100s:
// model TFLOP/s" and "Modern recipes: Llama 3 405B on 8,192 / 16,384 H100s (model TFLOP/s)" (the same two figures).
// Mirrors test/core/performance.test.ts 'cross-check: modern large-scale recipes … Llama 3 405B on ${gpus} H100'
// (LLAMA3_LAYOUT, causal model FLOPs × tokens per second per GPU).
{
  const tflops = ([8192, 16384] as const).map((gpus) => {
    const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: gpus / 8 });
    const e = evaluatePlan(
      llama405b,
      llama405bCounts,
      cluster,
      resolveLayout(llama405b, cluster, { ...LLAMA3_LAYOUT }),
    );
    return (llama405bCounts.modelFlopsPerTokenCausal * e.performance.tokensPerSecond) / gpus / 1e12;
  });
  print('llama3_405b_8192_16384.model_tflops_per_gpu', `${tflops.map((x) => x.toFixed(1)).join(' / ')} TFLOP/s`);
  // The same two runs as the validation suite predicts them (rows llama3-405b-8192 / -16384): their errors.
  print('llama3_405b_8192_16384_suite.error_pct', `${rowError('llama3-405b-8192')} / ${rowError('llama3-405b-16384')}`);
}

// Same README row: "first stage, and at 16,384 the fullest stage, in 80 GB": 69.6 / 69.2 GB (first stage at 8,192 /
// 16,384), fullest 78.1 GB at 16,384, 85.3 at 8,192 (≈ 7 % high). Mirrors test/core/published-memory.test.ts
// llama3Published and its two 'Llama 3 405B, 16,384 / 8,192 H100, the published layout' blocks (GB = 10⁹ B).
{
  const stagesOn = (nodes: number) => {
    const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes });
    const layout = resolveLayout(llama405b, cluster, LLAMA3_LAYOUT);
    return memoryByPipelineStage(llama405b, llama405bCounts, cluster, layout);
  };
  const at8192 = stagesOn(1024);
  const at16384 = stagesOn(2048);
  print(
    'llama3_405b_first_stage_gb_8192_16384',
    `${(at8192[0]!.totalBytes / GB).toFixed(1)} / ${(at16384[0]!.totalBytes / GB).toFixed(1)} GB`,
  );
  const fullest16384 = Math.max(...at16384.map((s) => s.totalBytes));
  print('llama3_405b_16384.fullest_stage_gb', `${(fullest16384 / GB).toFixed(1)} GB`);
  // The 8,192-GPU test pins rank 1 (stages[1], 8 layers, 141 layer-micro-batches): its bytes and their excess over 80 GB.
  print('llama3_405b_8192.rank1_stage_gb', `${(at8192[1]!.totalBytes / GB).toFixed(1)} GB`);
  print('llama3_405b_8192.rank1_over_80gb_pct', signedPct(at8192[1]!.totalBytes / h100.memoryBytes - 1));
}

/**
 * What planSearch's resolver hands the core for an input with a recipe and no pins of the recipe's fields: GraphQL's
 * defaults (objective TIME, no TP across nodes, uneven stages allowed), the API's candidate cap, then the recipe's pins
 * and plan options through the resolver's own applyRecipeToSearch (src/core/recipes.ts).
 */
function searchOptionsAsTheResolverBuildsThem(recipe: TrainingRecipe, arch: ModelArchitecture, asked: PlanSearchOptions): PlanSearchOptions {
  const options: PlanSearchOptions = {
    objective: 'TIME',
    allowTensorParallelAcrossNodes: false,
    evenPipelineStages: false,
    maxCandidates: 20_000_000, // src/schema/search.ts MAX_API_SEARCH_CANDIDATES (the schema module is not loaded here)
    ...asked,
  };
  applyRecipeToSearch(recipe, options, {}, arch);
  return options;
}

// Same README row: "planSearch pinned to TP 8 / PP 16 / DP 64 with MEGATRON_CORE finds v 4 with one of each stage's
// two layers recomputed: 65.4 GB, 418.6 TFLOP/s". Mirrors test/schema/plan-terms.test.ts 'planSearch pinned to Llama 3
// 405B's published layouts … 8,192 H100, recipe MEGATRON_CORE' (best[0]: memory.totalBytes, and modelTflopsPerGpu ×
// flopsPerTokenCausal / flopsPerToken), through the core calls its resolver makes.
{
  const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 1024 });
  const options = searchOptionsAsTheResolverBuildsThem('MEGATRON_CORE', llama405b, {
    globalBatchSize: 2048,
    tensorParallel: [8],
    pipelineParallel: [16],
    dataParallel: [64],
    top: 1,
  });
  const best = searchPlans(llama405b, llama405bCounts, cluster, options).best[0]!;
  const l = best.layout;
  print(
    'llama3_405b_8192_search_megatron_core.layout',
    `v ${l.pipelineInterleave}, recompute ${l.recompute}, recomputeLayers ${l.recomputeLayers ?? 'all'}, ZeRO ${l.zeroStage}, fits ${best.estimate.fits}`,
  );
  print('llama3_405b_8192_search_megatron_core.memory_gb', `${(best.estimate.memory.totalBytes / GB).toFixed(1)} GB`);
  const causalTflops =
    ((best.estimate.performance.modelFlopsPerSecondPerGpu / 1e12) * llama405bCounts.modelFlopsPerTokenCausal) /
    llama405bCounts.modelFlopsPerToken;
  print('llama3_405b_8192_search_megatron_core.model_tflops_per_gpu', `${causalTflops.toFixed(1)} TFLOP/s`);
}

// ─────────────────────────── DeepSeek-V3 on 2,048 H800 ───────────────────────────

// README row "DeepSeek-V3 on 2,048 H800 (recipe: DEEPSEEK_V3, PP 16, EP 64 …): GPU-hours per trillion tokens": 167.5K,
// −7.0 % against the published 180K. Mirrors test/core/recipes.test.ts 'DeepSeek-V3 on 2,048 H800 with the DEEPSEEK_V3
// recipe' (run.gpuHours with trainingTokens 10¹²).
{
  const v3 = findModelPreset('deepseek-v3') as ModelArchitecture;
  const cluster = makeCluster({ gpu: h800, gpusPerNode: 8, nodes: 256 });
  const applied = applyRecipe(
    'DEEPSEEK_V3',
    {
      pipelineParallel: 16,
      expertParallel: 64,
      globalBatchSize: 15360,
      pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER' as const,
    },
    { trainingTokens: 1e12 },
  );
  const e = evaluatePlan(
    v3,
    computeModelCounts(v3),
    cluster,
    resolveLayout(v3, cluster, applied.layout),
    applied.options,
  );
  print('deepseek_v3_h800.gpu_hours_per_1t_tokens', `${(e.run!.gpuHours / 1e3).toFixed(1)}K`);
  print('deepseek_v3_h800.error_vs_180k_pct', signedPct(e.run!.gpuHours / 180e3 - 1));
}
// Same README row: "the suite's row, with SELECTIVE recompute: 172.8K, −4.0 %" and "one profiled chunk pair of 4 MoE
// layers: 125.9 ms, −2.4 %": the suite's rows deepseek-v3-h800 and deepseek-v3-profile-chunk-pair (test/core/
// validation.test.ts 'DeepSeek-V3: the profiled chunk pair within 5 % and the pre-training GPU-hours within 15 %').
{
  const suiteRun = row('deepseek-v3-h800');
  print(
    'deepseek_v3_h800_suite.gpu_hours_per_1t_tokens',
    suiteRun === undefined ? 'n/a' : `${(suiteRun.predicted / 1e3).toFixed(1)}K`,
  );
  print('deepseek_v3_h800_suite.error_pct', rowError('deepseek-v3-h800'));
  const chunkPair = row('deepseek-v3-profile-chunk-pair');
  print(
    'deepseek_v3_profile_chunk_pair.ms',
    chunkPair === undefined ? 'n/a' : `${(chunkPair.predicted * 1e3).toFixed(1)} ms`,
  );
  print('deepseek_v3_profile_chunk_pair.error_pct', rowError('deepseek-v3-profile-chunk-pair'));
}

// ─────────────────────────── MegaScale ───────────────────────────

// README row "Modern recipes: … MegaScale 175B on 12,288 GPUs and its Megatron-LM baseline (MFU)": 57.4 % / 43.8 %.
// Mirrors test/core/performance.test.ts 'cross-check: modern large-scale recipes' megascale(v, overlapped): the modern
// recipe at v = 6 (MegaScale's, and the suite's row megascale-175b) with TP and DP overlapped; the baseline at v = 1 with
// both exposed. The suite's rows (MEGATRON_CORE recipe) read otherwise; their errors are printed beside.
{
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 12288 / 8 });
  const mfu = (pipelineInterleave: number, overlapped: boolean) =>
    evaluatePlan(
      gpt3,
      gpt3Counts,
      cluster,
      resolveLayout(gpt3, cluster, {
        tensorParallel: 8,
        pipelineParallel: 8,
        pipelineInterleave,
        globalBatchSize: 6144,
        sequenceParallel: true,
        zeroStage: 1,
      }),
      { overlapDataParallelCommunication: overlapped, overlapTensorParallelCommunication: overlapped },
    ).performance.modelFlopsUtilization;
  print('megascale_175b_12288.mfu_modern_v6_baseline_v1', `${pct(mfu(6, true))} / ${pct(mfu(1, false))}`);
  print(
    'megascale_175b_12288_suite.error_pct',
    `${rowError('megascale-175b')} / ${rowError('megascale-megatron-baseline')}`,
  );
}

// ─────────────────────────── layouts the model ranks ───────────────────────────

// README row "Narayanan et al. 2021 Fig. 13: TP 8 × PP 8 beats TP 4 × PP 16 for 162.2B on 64 GPUs at batch 32 and
// 128": the best (TP, PP) at each batch. Mirrors test/core/performance.test.ts 'Narayanan et al. 2021 Fig. 13 /
// Takeaway #1'.
{
  const arch = architectureWithDefaults({
    layers: 32,
    hiddenSize: 20480,
    attentionHeads: 128,
    vocabSize: 51200,
    sequenceLength: 2048,
  });
  const archCounts = computeModelCounts(arch);
  const c64 = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 8 });
  const shapes = [
    [2, 32],
    [4, 16],
    [8, 8],
    [16, 4],
    [32, 2],
  ] as const;
  const bestAt = (globalBatchSize: number) => {
    const tflops = shapes.map(
      ([tensorParallel, pipelineParallel]) =>
        evaluatePlan(
          arch,
          archCounts,
          c64,
          resolveLayout(arch, c64, {
            tensorParallel,
            pipelineParallel,
            globalBatchSize,
            recompute: 'FULL',
            flashAttention: false,
          }),
          { overlapPipelineCommunication: false },
        ).performance.hardwareFlopsPerSecondPerGpu,
    );
    const [t, p] = shapes[tflops.indexOf(Math.max(...tflops))]!;
    return `(${t}, ${p})`;
  };
  print('narayanan_fig13_162b_64_gpus.best_tp_pp_batch_32_128', `${bestAt(32)} / ${bestAt(128)}`);
}

// README row "Plan search, GPT-3 175B on 1,024 A100s under that 2021 recipe: best layout, and the layouts the model
// cannot tell apart from it": "TP 4 × PP 16 at 150.3 (+7.4 %); near-optimal (within 4 %): TP 8 × PP 8 (1.7 %), the
// published TP 8 × PP 16 (3.1 %), … — all TP 4–8 × PP ≥ 8". Mirrors test/core/search.test.ts 'GPT-3 175B on 1,024
// A100-80GB, global batch 1,536' (recipe2021, its `restricted` search; ≈ 140 TFLOP/s published).
{
  const recipe2021: PlanSearchOptions = MEGATRON_LM_2021_SEARCH;
  const restricted = searchPlans(gpt3, gpt3Counts, cluster1024, recipe2021);
  const best = restricted.best[0]!;
  const bestTflops = best.estimate.performance.hardwareFlopsPerSecondPerGpu / 1e12;
  print(
    'plan_search_gpt3_1024_a100_2021.best',
    `TP ${best.layout.tensorParallel} × PP ${best.layout.pipelineParallel} at ${bestTflops.toFixed(1)} TFLOP/s (${signedPct(bestTflops / 140 - 1)})`,
  );
  const near = restricted.best.filter((c) => c.gapToBest <= restricted.modelAccuracyFraction);
  print('plan_search_gpt3_1024_a100_2021.near_optimal_band_pct', pct(restricted.modelAccuracyFraction, 0));
  const gapOf = (t: number, p: number) => {
    const c = near.find((x) => x.layout.tensorParallel === t && x.layout.pipelineParallel === p);
    return c === undefined ? 'not near-optimal' : pct(c.gapToBest);
  };
  print('plan_search_gpt3_1024_a100_2021.gap_tp8_pp8_pct', gapOf(8, 8));
  print('plan_search_gpt3_1024_a100_2021.gap_tp8_pp16_pct', gapOf(8, 16));
  const tps = near.map((c) => c.layout.tensorParallel);
  const pps = near.map((c) => c.layout.pipelineParallel);
  print(
    'plan_search_gpt3_1024_a100_2021.near_optimal_shapes',
    `${near.length} layouts, all TP ${Math.min(...tps)}–${Math.max(...tps)} × PP ≥ ${Math.min(...pps)}`,
  );
  // The search's own copy of the published layout (the README's prose repeats its step time beside the gap).
  const published = restricted.best.find(
    (c) => c.layout.tensorParallel === 8 && c.layout.pipelineParallel === 16 && c.layout.microBatchSize === 1,
  );
  print(
    'plan_search_gpt3_1024_a100_2021.published_tp8_pp16_step_s',
    published === undefined ? 'n/a' : `${published.estimate.performance.stepSeconds.toFixed(1)} s`,
  );
}

// ─────────────────────────── the validation suite row ───────────────────────────

// README row "Validation suite (npm run validate, query validation)": runValidation() (src/core/validation/suite.ts),
// as test/core/validation.test.ts and scripts/validate.ts read it. Groups as the README names them (and as
// test/core/validation.test.ts's stated-accuracy test filters them): dense = every family but MOE; Blackwell = the
// BLACKWELL generation.
{
  const meanAbs = (ps: RunPrediction[]) => ps.reduce((a, p) => a + Math.abs(p.error), 0) / ps.length;
  const worstOf = (ps: RunPrediction[]) => ps.reduce((w, p) => (Math.abs(p.error) > Math.abs(w.error) ? p : w));
  const all = report.predictions;
  const isMoe = (p: RunPrediction) => p.run.family === 'MOE';
  const isBlackwell = (p: RunPrediction) => p.generation === 'BLACKWELL';
  const range = (ps: RunPrediction[]) =>
    ps.length === 0
      ? 'n/a'
      : `${signedPct(Math.min(...ps.map((p) => p.error)))} … ${signedPct(Math.max(...ps.map((p) => p.error)))} (${ps.length} runs)`;
  const errors = (...ids: string[]) => ids.map(rowError).join(' / ');

  // "all 116: mean |error| 9.1 %, leave-one-family-out 9.3 %, worst 70.3 % (… gpt-oss-120b on 64 GB200, +70.3 %)".
  const worst = worstOf(all);
  print('validation.runs_sources', `${report.overall.runs} runs, ${report.sources} sources`);
  print('validation.mean_abs_error_pct', pct(report.overall.meanAbsError));
  print('validation.leave_one_family_out_mean_abs_error_pct', pct(report.leaveOneFamilyOutMeanAbsError));
  print(
    'validation.worst_abs_error_pct',
    `${pct(report.overall.maxAbsError)} (${worst.run.id}, ${signedPct(worst.error)})`,
  );

  // "dense runs on A100 and H100 (52): mean 3.8 %, worst 14.0 % (Megatron-Core r0.8.0's GPT 1.7B … +14.0 %, and 7.1B
  // +11.4 % …; Megatron-Bridge's Llama 3 70B −10.0 %; NeMo AutoModel's Llama 3.1 70B +0.8 %; torchtitan's five A100
  // rows −2.8 … +3.4 %".
  const denseFitted = all.filter((p) => !isMoe(p) && !isBlackwell(p));
  const denseWorst = worstOf(denseFitted);
  print('validation.dense_a100_h100.runs', String(denseFitted.length));
  print('validation.dense_a100_h100.mean_abs_error_pct', pct(meanAbs(denseFitted)));
  print(
    'validation.dense_a100_h100.worst',
    `${pct(Math.abs(denseWorst.error))} (${denseWorst.run.id}, ${signedPct(denseWorst.error)})`,
  );
  print(
    'validation.megatron_core_0_8_gpt_1_7b_7_1b.error_pct',
    errors('megatron-core-0.8-1.7b', 'megatron-core-0.8-7.1b'),
  );
  print('validation.megatron_bridge_llama3_70b.error_pct', errors('megatron-bridge-26.04-llama3-70b'));
  print('validation.automodel_llama3_1_70b.error_pct', errors('automodel-llama3.1-70b-64'));
  print('validation.torchtitan_a100.error_range_pct', range(all.filter((p) => p.run.id.startsWith('torchtitan-') && p.run.gpu === 'a100-80gb')));

  // "dense runs on Blackwell (16 …): mean 12.0 % — Megatron-Bridge 25.11's Llama 3 8B −2.5 % and Llama 3.1 405B +5.0 %
  // on B200, 26.04.01's Llama 3.1 405B on 256 GB200 / GB300 −9.2 / −18.3 %, NeMo 25.02's early-software rows −0.7 …
  // +19.2 % (Nemotron-4 340B −12.0 %), NeMo 25.04's long-sequence rows +8.8 … +17.1 %".
  const denseBlackwell = all.filter((p) => !isMoe(p) && isBlackwell(p));
  print('validation.dense_blackwell.runs', String(denseBlackwell.length));
  print(
    'validation.dense_blackwell.mean_abs_error_pct',
    denseBlackwell.length === 0 ? 'n/a' : pct(meanAbs(denseBlackwell)),
  );
  print(
    'validation.bridge_25_11_b200_llama3_8b_405b.error_pct',
    errors('megatron-bridge-25.11-b200-llama3-8b', 'megatron-bridge-25.11-b200-llama3.1-405b'),
  );
  print(
    'validation.bridge_26_04_llama3_1_405b_gb200_gb300.error_pct',
    errors('megatron-bridge-26.04-gb200-llama3.1-405b', 'megatron-bridge-26.04-gb300-llama3.1-405b'),
  );
  // The range is over the early-software rows other than Nemotron-4 340B, which the README quotes apart.
  const nemo2502 = all.filter(
    (p) => p.run.id.startsWith('nemo-25.02-b200-') && p.run.id !== 'nemo-25.02-b200-nemotron-4-340b',
  );
  print('validation.nemo_25_02_b200_but_nemotron_340b.error_range_pct', range(nemo2502));
  print('validation.nemo_25_02_b200_nemotron_4_340b.error_pct', errors('nemo-25.02-b200-nemotron-4-340b'));
  print(
    'validation.nemo_25_04_b200_long_sequence.error_range_pct',
    range(all.filter((p) => p.run.id.startsWith('nemo-25.04-b200-') && p.run.family === 'LONG_CONTEXT')),
  );
  print('validation.nemo_25_04_b200_8k_16k_without_cp.error_pct', errors('nemo-25.04-b200-llama3-8b-8k', 'nemo-25.04-b200-llama3-8b-16k'));

  // "mixture of experts (48): mean 13.9 % — on Blackwell (27: 18.1 %; the current 26.08 recipes on GB300 / GB200: …)".
  const moe = all.filter(isMoe);
  const moeBlackwell = moe.filter(isBlackwell);
  const moeFitted = moe.filter((p) => !isBlackwell(p));
  print('validation.moe.runs', String(moe.length));
  print('validation.moe.mean_abs_error_pct', pct(meanAbs(moe)));
  print('validation.moe_blackwell.runs', String(moeBlackwell.length));
  print('validation.moe_blackwell.mean_abs_error_pct', moeBlackwell.length === 0 ? 'n/a' : pct(meanAbs(moeBlackwell)));
  // Megatron-Bridge 26.08 on GB300 / GB200.
  for (const model of ['qwen3-30b-a3b', 'qwen3-235b-a22b', 'deepseek-v3', 'gpt-oss-120b']) {
    print(
      `validation.bridge_26_08_${model.replaceAll(/[-.]/g, '_')}_gb300_gb200.error_pct`,
      errors(`megatron-bridge-26.08-gb300-${model}`, `megatron-bridge-26.08-gb200-${model}`),
    );
  }
  // Megatron-Bridge 26.04.01 on Blackwell: "gpt-oss-120b +31.2 / +70.3 / +33.7 / +37.4 % and Qwen3 30B −12.5 / −7.7 /
  // −7.3 / −5.5 % on B200 / GB200 / B300 / GB300, Qwen3 235B −2.9 / −8.0 / −26.0 % on GB200 / GB300 / B300,
  // DeepSeek-V3 −2.4 / −10.9 % on GB200 / GB300".
  const on = (model: string, gpus: string[]) => errors(...gpus.map((g) => `megatron-bridge-26.04-${g}-${model}`));
  print(
    'validation.bridge_26_04_gpt_oss_120b_b200_gb200_b300_gb300.error_pct',
    on('gpt-oss-120b', ['b200', 'gb200', 'b300', 'gb300']),
  );
  print(
    'validation.bridge_26_04_qwen3_30b_b200_gb200_b300_gb300.error_pct',
    on('qwen3-30b-a3b', ['b200', 'gb200', 'b300', 'gb300']),
  );
  print(
    'validation.bridge_26_04_qwen3_235b_gb200_gb300_b300.error_pct',
    on('qwen3-235b-a22b', ['gb200', 'gb300', 'b300']),
  );
  print('validation.bridge_26_04_deepseek_v3_gb200_gb300.error_pct', on('deepseek-v3', ['gb200', 'gb300']));
  // Megatron-Bridge 26.02's layouts since dropped: "Qwen3 30B at micro-batch 1 +15.5 %, Qwen3 235B −5.1 % on B200 and
  // +50.8 % on B300 (VP 4 …), DeepSeek-V3 +0.2 % on B200, gpt-oss-120b with EP 64 over eight servers +11.7 / +60.9 %".
  print(
    'validation.bridge_26_02_b200_qwen3_30b_mbs1.error_pct',
    errors('megatron-bridge-26.02-b200-qwen3-30b-a3b-mbs1'),
  );
  print(
    'validation.bridge_26_02_qwen3_235b_b200_b300_vp4.error_pct',
    errors('megatron-bridge-26.02-b200-qwen3-235b-a22b', 'megatron-bridge-26.02-b300-qwen3-235b-a22b-vp4-overlap'),
  );
  print('validation.bridge_26_02_b200_deepseek_v3.error_pct', errors('megatron-bridge-26.02-b200-deepseek-v3'));
  print(
    'validation.bridge_26_02_gpt_oss_120b_ep64_b200_b300.error_pct',
    errors('megatron-bridge-26.02-b200-gpt-oss-120b-ep64', 'megatron-bridge-26.02-b300-gpt-oss-120b-ep64'),
  );

  // "on H100 (21: 8.6 %) DeepSeek-V3 −0.6 %, its profiled rank +3.3 %, Mixtral 8x22B +1.6 %, gpt-oss-120b +12.2 %,
  // Megatron-Core's eleven Qwen3 runs −22.2 … +25.6 % (… the −22.2 % runs micro-batch 2 with token drop) and
  // DeepSeek-V3 +17.6 % …; the FP8 rows, predicted, −4.8 / −5.4 %), NeMo AutoModel's DeepSeek-V3 +3.5 / +5.5 %, Kimi
  // K2 +15.2 % and Qwen3 30B −3.3 %".
  print('validation.moe_h100.runs', String(moeFitted.length));
  print('validation.moe_h100.mean_abs_error_pct', pct(meanAbs(moeFitted)));
  print('validation.deepseek_v3_h800.error_pct', errors('deepseek-v3-h800'));
  print('validation.deepseek_v3_profile_chunk_pair.error_pct', errors('deepseek-v3-profile-chunk-pair'));
  print(
    'validation.moe_zoo_mixtral_8x22b_forced_balance.error_pct',
    errors('moe-model-zoo-mixtral-8x22b-forced-balance'),
  );
  print('validation.bridge_26_04_gpt_oss_120b_h100.error_pct', errors('megatron-bridge-26.04-gpt-oss-120b'));
  // Megatron-Core's Qwen3 runs on H100: Megatron-Bridge's and the MoE model zoo's (not NeMo AutoModel's).
  const qwenCore = moeFitted.filter((p) => p.run.model.startsWith('qwen3') && !p.run.id.startsWith('automodel-'));
  print('validation.megatron_core_qwen3_h100.error_range_pct', range(qwenCore));
  print(
    'validation.bridge_25_09_qwen3_30b_token_drop.error_pct',
    errors('megatron-bridge-25.09-qwen3-30b-a3b-tokendrop'),
  );
  print('validation.bridge_25_09_deepseek_v3.error_pct', errors('megatron-bridge-25.09-deepseek-v3'));
  print(
    'validation.bridge_26_04_fp8_qwen3_30b_235b.error_pct',
    errors('megatron-bridge-26.04-qwen3-30b-a3b', 'megatron-bridge-26.04-qwen3-235b-a22b'),
  );
  print(
    'validation.automodel_deepseek_v3_256_1024.error_pct',
    errors('automodel-deepseek-v3-256', 'automodel-deepseek-v3-1024'),
  );
  print('validation.automodel_kimi_k2.error_pct', errors('automodel-kimi-k2-256'));
  print('validation.automodel_qwen3_30b.error_pct', errors('automodel-qwen3-30b-a3b-8'));
}
