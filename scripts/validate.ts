/**
 * `npm run validate`: the validation suite (src/core/validation) as a table, then one `name: value` line per figure.
 */
import { EXPERT_HOST_SECONDS_PER_OPERATION } from '../src/core/performance.js';
import { VALIDATION_RUNS } from '../src/core/validation/runs.js';
import { calibrateExpertHostSeconds, expertHostCalibrationRuns, runValidation, sourceName } from '../src/core/validation/suite.js';

const report = runValidation();
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} %`;
const abs = (x: number) => `${(100 * x).toFixed(1)} %`;
const fmt = (x: number) => (Math.abs(x) >= 1000 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(3));
const rows = report.predictions.map((p) => [
  p.run.id,
  sourceName(p.run.source),
  p.run.gpu + (p.run.gpuChanges?.id ? `→${p.run.gpuChanges.id}` : ''),
  `${p.run.gpus} GPUs TP${p.tensorParallel} PP${p.pipelineParallel}${p.pipelineInterleave > 1 ? `v${p.pipelineInterleave}` : ''} DP${p.dataParallel}${p.contextParallel > 1 ? ` CP${p.contextParallel}` : ''}${p.expertParallel > 1 ? ` EP${p.expertParallel}` : ''}${p.expertTensorParallel !== p.tensorParallel ? ` ETP${p.expertTensorParallel}` : ''} b${p.microBatchSize} B${p.globalBatchSize} s${p.sequenceLength}`,
  `${p.run.trainingRecipe ?? 'CUSTOM'} ${p.precision} ${p.recompute}`,
  `${fmt(p.run.published)} ${p.run.kind}`,
  fmt(p.predicted),
  pct(p.error),
]);
const header = ['run', 'source', 'GPU', 'layout', 'recipe', 'published', 'predicted', 'error'];
// --markdown: the table as Markdown (docs/validation.md is generated with it).
const markdown = process.argv.includes('--markdown');
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => (markdown ? '| ' : '') + cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ') + (markdown ? ' |' : '');
console.log(line(header));
console.log((markdown ? '|-' : '') + widths.map((w) => '-'.repeat(w)).join('-|-') + (markdown ? '-|' : ''));
for (const r of rows) console.log(line(r));
console.log('');
for (const f of report.families) {
  console.log(
    `family ${f.family}: runs ${f.runs}, mean |error| ${abs(f.meanAbsError)}, worst ${abs(f.maxAbsError)}, bias ${pct(f.meanError)}; ` +
      `left out: mean ${abs(f.leaveOut.meanAbsError)}, worst ${abs(f.leaveOut.maxAbsError)}`,
  );
}
// Held back (src/core/validation/held-back.ts): not suite runs; each under every reading of what its source leaves open.
for (const h of report.heldBack) {
  const first = h.run.readings[0]!.run;
  const readings = h.readings.map((r) => `${r.name}: ${fmt(r.prediction.predicted)} (${pct(r.prediction.error)})`).join('; ');
  console.log(`held back ${h.run.id} (published ${fmt(first.published)} ${first.kind}): ${readings}`);
}
const rounded = (x: object) => JSON.stringify(x, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(4)) : v));
console.log(`calibrated on the whole suite: shares of the GEMM ceiling ${rounded(report.calibratedShares)} (scales on the shipped constants ${rounded(report.calibratedScales)})`);
const hostRuns = expertHostCalibrationRuns(VALIDATION_RUNS).map((r) => r.id);
console.log(
  `host seconds per per-expert operation, fitted on ${hostRuns.join(', ')}: ${(calibrateExpertHostSeconds(VALIDATION_RUNS) * 1e6).toFixed(1)} µs (shipped ${(EXPERT_HOST_SECONDS_PER_OPERATION * 1e6).toFixed(1)} µs)`,
);
console.log('');
const f4 = (x: number) => x.toFixed(4);
console.log(`validation.runs: ${report.overall.runs}`);
console.log(`validation.sources: ${report.sources}`);
console.log(`validation.heldBack: ${report.heldBack.length}`);
console.log(`validation.meanAbsError: ${f4(report.overall.meanAbsError)}`);
console.log(`validation.maxAbsError: ${f4(report.overall.maxAbsError)}`);
console.log(`validation.leaveOneFamilyOutMeanAbsError: ${f4(report.leaveOneFamilyOutMeanAbsError)}`);
// Dense runs (every family but MoE): what the GEMM constants are fitted on.
console.log(`validation.dense.runs: ${report.dense.runs}`);
console.log(`validation.dense.meanAbsError: ${f4(report.dense.meanAbsError)}`);
console.log(`validation.dense.maxAbsError: ${f4(report.dense.maxAbsError)}`);
// What planSearch states as its accuracy (suite.ts statedAccuracies): the mean |error| of a class on a GPU generation.
for (const a of report.statedAccuracies) {
  const name = (a.generations.includes('BLACKWELL') ? ['blackwellDense', 'blackwellMoe'] : ['dense', 'moe'])[a.moe ? 1 : 0];
  console.log(`validation.statedAccuracy.${name}.runs: ${a.runs}`);
  console.log(`validation.statedAccuracy.${name}.meanAbsError: ${f4(a.meanAbsError)}`);
}
for (const f of report.families) {
  console.log(`validation.family.${f.family}.meanAbsError: ${f4(f.meanAbsError)}`);
  console.log(`validation.family.${f.family}.maxAbsError: ${f4(f.maxAbsError)}`);
}
