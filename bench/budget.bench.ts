/**
 * budgetPlan speed (src/core/budget.ts), on one core: the whole question — sizes along the law's allocation, each
 * with its plan search on the fleet, the failure model, the frontier — for budgets of $10M to $1B on up to 16,384
 * H100s (Chinchilla, Llama-shaped, Llama 3's reliability preset). Goal < 10 s each.
 * - budget.planSecondsAt<budget>: wall time (median of 3 after one warm-up run).
 * - budget.parametersAt<budget>, budget.daysAt<budget>, budget.mfuAt<budget>: the answer, to follow across commits.
 * - budget.planSecondsAt10TOn64: $10¹³ on 64 H100 — memory caps the size, and the grid's larger sizes (to 10¹⁵
 *   parameters) end at the fleet-memory bound without a layout search (budget-candidates.ts modelStatesCouldFit).
 */
import { planBudget } from '../src/core/budget.js';
import { findGpu, makeCluster } from '../src/core/hardware.js';
import { budgetFailureModel } from '../src/simulation/budget-failures.js';
import { presetParams } from '../src/simulation/presets.js';
import type { Report } from './run.js';

const now = (): number => performance.now() / 1000;

export function run(report: Report): void {
  const cluster = makeCluster({ gpu: findGpu('h100-sxm')!, gpusPerNode: 8, nodes: 2048 });
  const failures = budgetFailureModel(presetParams('llama3-405b'));
  const ask = (budgetUsd: number) => planBudget({ budgetUsd, cluster, law: 'CHINCHILLA', family: { kind: 'LLAMA' }, failures }, { now });
  ask(1e8);
  for (const [label, budget] of [['10M', 1e7], ['100M', 1e8], ['1B', 1e9]] as const) {
    const times: number[] = [];
    let last = ask(budget);
    for (let i = 0; i < 3; i++) {
      const t0 = now();
      last = ask(budget);
      times.push(now() - t0);
    }
    times.sort((a, b) => a - b);
    report(`budget.planSecondsAt${label}`, times[1]!);
    const b = last.best!;
    report(`budget.parametersAt${label}`, b.candidate.lawParameters);
    report(`budget.daysAt${label}`, b.expectedDays);
    report(`budget.mfuAt${label}`, b.candidate.modelFlopsUtilization);
    report(`budget.gpusAt${label}`, b.candidate.gpus);
  }
  const small = makeCluster({ gpu: findGpu('h100-sxm')!, gpusPerNode: 8, nodes: 8 });
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = now();
    planBudget({ budgetUsd: 1e13, cluster: small, law: 'CHINCHILLA', family: { kind: 'LLAMA' } }, { now });
    times.push(now() - t0);
  }
  times.sort((a, b) => a - b);
  report('budget.planSecondsAt10TOn64', times[1]!);
}
