/**
 * Speed and headline figures of the plan core:
 * - core.planEvaluationsPerSecond: full evaluatePlan calls (memory, communication, step time, run, fit,
 *   diagnostics) per second on one core, cycling through varied valid layouts of GPT-3 175B, Llama-3 70B and
 *   Mixtral 8×7B on 1,024 A100-80GB; warm-up first. Goal ≥ 1,000,000.
 * - core.standardCaseStepSeconds / core.standardCaseHardwareTflopsPerGpu / core.standardCaseDays300B: GPT-3 175B,
 *   1,024 A100-80GB, TP 8, PP 8, DP 16, global batch 1,536, micro-batch 1, full recompute, no SP, no FlashAttention
 *   (published ≈ 138–140 TFLOP/s and ≈ 34 days, Narayanan et al. 2021), with the 2021 Megatron-LM synchronous
 *   pipeline send/recv (overlapPipelineCommunication: false).
 */
import { findGpu, makeCluster } from '../src/core/hardware.js';
import { computeModelCounts } from '../src/core/model.js';
import { evaluatePlan, resolveLayout } from '../src/core/plan.js';
import { findModelPreset } from '../src/core/presets.js';
import type { ClusterSpec, ModelArchitecture, ModelCounts, ParallelLayout, PlanOptions, ZeroStage } from '../src/core/types.js';
import { STANDARD_CASE_LAYOUT } from '../test/core/search-fixtures.js';
import type { Report } from './run.js';

interface Case {
  arch: ModelArchitecture;
  counts: ModelCounts;
  cluster: ClusterSpec;
  layout: ParallelLayout;
}

function cases(): Case[] {
  const cluster = makeCluster({ gpu: findGpu('a100-80gb')!, gpusPerNode: 8, nodes: 128 });
  const out: Case[] = [];
  for (const id of ['gpt3-175b', 'llama3-70b', 'mixtral-8x7b']) {
    const arch = findModelPreset(id);
    if (!arch) continue;
    const counts = computeModelCounts(arch);
    for (const tensorParallel of [1, 2, 4, 8]) {
      for (const pipelineParallel of [1, 2, 4, 8]) {
        for (const zeroStage of [0, 1, 2, 3] as ZeroStage[]) {
          for (const recompute of ['NONE', 'SELECTIVE', 'FULL'] as const) {
            try {
              const layout = resolveLayout(arch, cluster, {
                tensorParallel,
                pipelineParallel,
                zeroStage,
                recompute,
                globalBatchSize: 2048,
                microBatchSize: 1,
                sequenceParallel: tensorParallel > 1,
                expertParallel: arch.experts > 1 ? Math.min(arch.experts, 1024 / (tensorParallel * pipelineParallel)) : 1,
              });
              out.push({ arch, counts, cluster, layout });
            } catch {
              // Skip layouts the planner rejects (e.g. TP not dividing the KV heads).
            }
          }
        }
      }
    }
  }
  return out;
}

export async function run(report: Report): Promise<void> {
  const all = cases();
  const options: PlanOptions = { trainingTokens: 300e9 };
  let sink = 0;
  for (let i = 0; i < 300_000; i++) {
    const c = all[i % all.length]!;
    sink += evaluatePlan(c.arch, c.counts, c.cluster, c.layout, options).performance.stepSeconds;
  }
  const calls = 3_000_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const c = all[i % all.length]!;
    const estimate = evaluatePlan(c.arch, c.counts, c.cluster, c.layout, options);
    sink += estimate.run!.costUsd + estimate.memory.totalBytes;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!Number.isFinite(sink)) throw new Error('non-finite estimate');
  report('core.planEvaluationsPerSecond', Math.round(calls / seconds));
  report('core.planBenchLayouts', all.length);

  const gpt3 = findModelPreset('gpt3-175b')!;
  const cluster = makeCluster({ gpu: findGpu('a100-80gb')!, gpusPerNode: 8, nodes: 128 });
  const layout = resolveLayout(gpt3, cluster, STANDARD_CASE_LAYOUT);
  const standard = evaluatePlan(gpt3, computeModelCounts(gpt3), cluster, layout, {
    trainingTokens: 300e9,
    overlapPipelineCommunication: false,
  });
  report('core.standardCaseStepSeconds', standard.performance.stepSeconds);
  report('core.standardCaseHardwareTflopsPerGpu', standard.performance.hardwareFlopsPerSecondPerGpu / 1e12);
  report('core.standardCaseModelFlopsUtilization', standard.performance.modelFlopsUtilization);
  report('core.standardCaseDays300B', standard.run!.days);
  report('core.standardCaseMemoryGiB', standard.memory.totalBytes / 2 ** 30);
}
