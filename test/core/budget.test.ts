import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sizeArchitecture } from '../../src/core/architecture-sizing.js';
import { budgetGrid, effectiveTokens, failureCost, lossOptimalParameters, planBudget, type BudgetPlanRequest } from '../../src/core/budget.js';
import { evaluateCandidate, modelStatesCouldFit, normalize } from '../../src/core/budget-candidates.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { extrapolateNextGeneration } from '../../src/core/extrapolation.js';
import { findGpu, makeCluster, peakFlopsFor } from '../../src/core/hardware.js';
import { searchPlans } from '../../src/core/search.js';
import { computeOptimalAllocation, PF_DAY_FLOPS, predictedLoss, SCALING_LAW_NAMES, type ScalingLawName } from '../../src/core/scaling.js';
import { budgetFailureModel, simulateBudgetRun } from '../../src/simulation/budget-failures.js';
import { presetParams } from '../../src/simulation/presets.js';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);
const h100 = findGpu('h100-sxm')!;
const a100 = findGpu('a100-80gb')!;
const v100 = findGpu('v100-32gb')!;
const fleet = (gpu = h100, gpus = 64, gpuHourUsd?: number) =>
  makeCluster({ gpu, gpusPerNode: 8, nodes: gpus / 8, ...(gpuHourUsd !== undefined ? { gpuHourUsd } : {}) });
const llama3Failures = budgetFailureModel(presetParams('llama3-405b'));

describe('architecture sizing by the families’ published shapes', () => {
  const total = (c: { totalParameters: number }) => c.totalParameters;

  it('GPT-like at 175B is GPT-3 175B: 96 layers × 12,288, 96 heads of 128, FFN 4h (Brown et al. 2020 Table 2.1)', () => {
    const s = sizeArchitecture({ kind: 'GPT' }, 175e9, total);
    expect([s.arch.layers, s.arch.hiddenSize, s.arch.attentionHeads, s.arch.ffnHiddenSize]).toEqual([96, 12288, 96, 49152]);
    expect(rel(s.parameters, 175e9)).toBeLessThan(0.005);
  });

  it('Llama-like at 8B is Llama 3 8B: 32 × 4,096, 32 heads, 8 KV heads, FFN 14,336 (Dubey et al. 2024 Table 3)', () => {
    const s = sizeArchitecture({ kind: 'LLAMA' }, 8.03e9, total);
    expect([s.arch.layers, s.arch.hiddenSize, s.arch.attentionHeads, s.arch.kvHeads, s.arch.ffnHiddenSize]).toEqual([32, 4096, 32, 8, 14336]);
  });

  it('Llama-like at 70.6B: 64–72 heads of 128 in multiples of 8, 8 KV heads, FFN 3.5 × width, width/layers 100–160 (Llama 3 70B: 80 × 8,192, 102)', () => {
    const s = sizeArchitecture({ kind: 'LLAMA' }, 70.6e9, total);
    expect(s.arch.attentionHeads % 8).toBe(0);
    expect(s.arch.attentionHeads).toBeGreaterThanOrEqual(64);
    expect(s.arch.attentionHeads).toBeLessThanOrEqual(72);
    expect(s.arch.kvHeads).toBe(8);
    expect(s.arch.ffnHiddenSize).toBe(Math.round((3.5 * s.arch.hiddenSize) / 256) * 256);
    expect(s.arch.hiddenSize / s.arch.layers).toBeGreaterThanOrEqual(100);
    expect(s.arch.hiddenSize / s.arch.layers).toBeLessThanOrEqual(160);
    expect(rel(s.parameters, 70.6e9)).toBeLessThan(0.01);
  });

  it('MoE 8 experts top-2 at Mixtral’s 12.9B active: 4,096 wide, ≈ 46.7B total (Jiang et al. 2024: 32 × 4,096, 46.7B)', () => {
    const s = sizeArchitecture({ kind: 'MOE', experts: 8, expertsPerToken: 2 }, 12.9e9, (c) => c.activeParameters);
    expect(s.arch.hiddenSize).toBe(4096);
    expect(s.arch.experts).toBe(8);
    expect(rel(s.counts.totalParameters, 46.7e9)).toBeLessThan(0.08);
  });

  it('lands within 2.5 % of any target from 1B to 10T, with heads in multiples of 8 from width 4,096', () => {
    fc.assert(
      fc.property(fc.double({ min: 9, max: 13, noNaN: true }), fc.constantFrom('GPT', 'LLAMA') , (log10, kind) => {
        const target = 10 ** log10;
        const s = sizeArchitecture({ kind: kind as 'GPT' | 'LLAMA' }, target, total);
        expect(rel(s.parameters, target)).toBeLessThan(0.025);
        if (s.arch.hiddenSize >= 4096) expect(s.arch.attentionHeads % 8).toBe(0);
      }),
      { numRuns: 25 },
    );
  });
});

describe('data-constrained scaling (Muennighoff et al. 2023, Eq. 5, R* = 15.4)', () => {
  it('one epoch is all unique; four epochs are worth ≈ 3.7 unique (the paper: up to ≈ 4 epochs are almost as good as new data)', () => {
    expect(effectiveTokens(1e12, 1e12)).toBe(1e12);
    // U + U·15.4·(1 − e^(−3/15.4)) = 3.73·U
    expect(effectiveTokens(4e12, 1e12) / 1e12).toBeCloseTo(1 + 15.4 * (1 - Math.exp(-3 / 15.4)), 12);
    expect(effectiveTokens(4e12, 1e12) / 4e12).toBeGreaterThan(0.93);
  });

  it('repeating forever approaches U·(1 + R*) = 16.4·U', () => {
    expect(rel(effectiveTokens(1e16, 1e12), 16.4e12)).toBeLessThan(1e-6);
  });

  it('a plan short of data says so: epochs > 1, fewer effective tokens, binding constraint DATA', () => {
    const out = planBudget({ budgetUsd: 5e6, cluster: fleet(h100, 512), law: 'CHINCHILLA', family: { kind: 'LLAMA' }, availableTokens: 1e11 });
    const b = out.best!;
    expect(b.epochs).toBeGreaterThan(1);
    expect(b.effectiveTokens).toBeLessThan(b.trainingTokens);
    expect(out.bindingConstraint).toBe('DATA');
    expect(out.notes.join(' ')).toMatch(/epochs/);
    // Less data than the unconstrained answer wants: the model gets larger than without the data limit, or equal.
    const free = planBudget({ budgetUsd: 5e6, cluster: fleet(h100, 512), law: 'CHINCHILLA', family: { kind: 'LLAMA' } });
    expect(b.predictedLoss).toBeGreaterThan(free.best!.predictedLoss);
  });
});

describe('ideal utilisation equals computeOptimal', () => {
  // Gopher's budget, 5.76e23 FLOPs (Hoffmann et al. 2022 Table 3: 67B parameters, 1.5T tokens) bought on 1,024 A100s at full peak.
  const computeFlops = 5.76e23;
  const price = 2;
  const budgetUsd = (computeFlops / (1024 * peakFlopsFor(a100, 'BF16')) / 3600) * 1024 * price;

  it.each(SCALING_LAW_NAMES)('%s: the sized model within 1 % of computeOptimal’s parameters, tokens = C/(6N)', (law) => {
    const out = planBudget({ budgetUsd, cluster: fleet(a100, 1024, price), law, family: { kind: 'LLAMA' }, idealUtilisation: true });
    const ideal = computeOptimalAllocation(computeFlops, law);
    const b = out.best!;
    expect(rel(b.candidate.lawParameters, ideal.parameters)).toBeLessThan(0.01);
    expect(rel(b.computeFlops, computeFlops)).toBeLessThan(1e-9);
    expect(rel(b.costUsd, budgetUsd)).toBeLessThan(1e-9);
    expect(b.candidate.ettr).toBe(1);
  });

  it('CHINCHILLA at Gopher’s budget: ≈ 67B parameters and ≈ 1.5T tokens (Table 3; 2 % / 7 %: its 1.5T is 4.5 % above C/(6·67B))', () => {
    const b = planBudget({ budgetUsd, cluster: fleet(a100, 1024, price), law: 'CHINCHILLA', family: { kind: 'LLAMA' }, idealUtilisation: true }).best!;
    expect(rel(b.candidate.lawParameters, 67e9)).toBeLessThan(0.02);
    expect(rel(b.trainingTokens, 1.5e12)).toBeLessThan(0.07);
    // The plan search finds a layout for it on the fleet.
    expect(b.candidate.layout).not.toBeNull();
  });

  it('Kaplan Eq. 1.5’s closed-form minimum along C = 6ND is the numerical one', () => {
    const c = 1e24;
    const n = lossOptimalParameters('KAPLAN', c);
    for (const f of [0.9, 0.99, 1.01, 1.1]) expect(predictedLoss('KAPLAN', n * f, c / (6 * n * f))).toBeGreaterThan(predictedLoss('KAPLAN', n, c / (6 * n)));
  });

});

describe('realistic runs', () => {
  const base = (over: Partial<BudgetPlanRequest> = {}): BudgetPlanRequest => ({
    cluster: fleet(h100, 64),
    law: 'CHINCHILLA',
    family: { kind: 'LLAMA' },
    failures: llama3Failures,
    ...over,
  });

  // The candidates (sizes × GPU counts × layouts) are the same for every budget and each trains at least as many tokens
  // with more money, so the lowest predicted loss can only fall; this holds for the loss the answer reports, every law.
  it('more budget never gives a higher predicted loss (property, all four laws), and neither overspends', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 5, max: 7.5, noNaN: true }),
        fc.double({ min: 1.01, max: 4, noNaN: true }),
        fc.constantFrom<ScalingLawName>(...SCALING_LAW_NAMES),
        fc.constantFrom<number | undefined>(undefined, 30, 365),
        (log10Budget, factor, law, deadlineDays) => {
          const ask = (budgetUsd: number) => planBudget(base({ budgetUsd, law, ...(deadlineDays ? { deadlineDays } : {}) })).best!;
          const small = ask(10 ** log10Budget);
          const large = ask(10 ** log10Budget * factor);
          expect(large.predictedLoss).toBeLessThanOrEqual(small.predictedLoss);
          expect(large.rankingLoss).toBe(large.predictedLoss);
          for (const [run, budget] of [[small, 10 ** log10Budget], [large, 10 ** log10Budget * factor]] as const) {
            expect(run.costUsd).toBeLessThanOrEqual(budget * (1 + 1e-9));
            if (deadlineDays) expect(run.expectedDays).toBeLessThanOrEqual(deadlineDays * (1 + 1e-9));
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);

  it('neighbouring budgets (2 % apart from $1M on 64 H100s): KAPLAN’s and CHINCHILLA’s predicted loss never rises', () => {
    for (const law of ['KAPLAN', 'CHINCHILLA'] as const) {
      let previous = Infinity;
      for (let k = 0; k <= 8; k++) {
        const loss = planBudget(base({ budgetUsd: 1e6 * 1.02 ** k, law })).best!.predictedLoss;
        expect(loss).toBeLessThanOrEqual(previous);
        previous = loss;
      }
    }
  }, 120_000);

  it('the size grid does not depend on the budget (only its order does), and the loss floor’s MFU ≤ 1 holds for every size evaluated', () => {
    const sorted = (c: number) => [...budgetGrid(c)].sort((a, b) => a - b);
    expect(sorted(1e9)).toEqual(sorted(1e12));
    expect(sorted(1e9)[0]).toBeCloseTo(2 ** (Math.ceil(4 * Math.log2(1e7)) / 4), 3);
    const peak = peakFlopsFor(h100, 'BF16');
    const out = planBudget(base({ budgetUsd: 3e6 }));
    const evaluated = out.sizes.filter((s) => s.fits);
    expect(evaluated.length).toBeGreaterThan(4);
    // The floor assumes no candidate trains faster than the law's 6·N FLOPs per token at the GPUs' peak.
    for (const s of evaluated) expect(s.modelFlopsUtilization).toBeLessThanOrEqual(1);
    const b = out.best!;
    expect(b.computeFlops).toBeLessThanOrEqual(b.candidate.gpus * peak * b.solveDays * 86_400);
  });

  it('a binding deadline is never exceeded, and the budget never overspent (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 120, noNaN: true }), fc.double({ min: 5, max: 8, noNaN: true }), (days, log10Budget) => {
        const out = planBudget(base({ deadlineDays: days, budgetUsd: 10 ** log10Budget }));
        const b = out.best!;
        expect(b.expectedDays).toBeLessThanOrEqual(days * (1 + 1e-9));
        expect(b.costUsd).toBeLessThanOrEqual(10 ** log10Budget * (1 + 1e-9));
        if (out.bindingConstraint === 'DEADLINE') expect(rel(b.expectedDays, days)).toBeLessThan(1e-9);
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  it('cost = GPUs × expected wall hours × price, failures included', () => {
    const b = planBudget(base({ budgetUsd: 3e6 })).best!;
    expect(rel(b.costUsd, b.candidate.gpus * b.expectedDays * 24 * b.candidate.cluster.gpuHourUsd)).toBeLessThan(1e-12);
    expect(b.expectedDays).toBeGreaterThan(b.solveDays);
    expect(b.candidate.ettr).toBeLessThan(1);
  });

  it('a tight deadline on a large fleet moves the optimum below the ideal N (the model that trains faster wins)', () => {
    const out = planBudget({ deadlineDays: 10, cluster: fleet(h100, 4096), law: 'CHINCHILLA', family: { kind: 'LLAMA' }, failures: llama3Failures });
    expect(out.bindingConstraint).toBe('DEADLINE');
    expect(out.best!.expectedDays).toBeLessThanOrEqual(10 * (1 + 1e-9));
    expect(Number.isFinite(out.shiftFraction)).toBe(true);
    expect(Math.abs(out.shiftFraction)).toBeLessThan(0.6);
    expect(out.frontier.length).toBeGreaterThan(5);
    // The frontier: loss falls as spend grows.
    for (let i = 1; i < out.frontier.length; i++) expect(out.frontier[i]!.predictedLoss).toBeLessThanOrEqual(out.frontier[i - 1]!.predictedLoss);
  });

  it('Llama 3’s failure rate on 16,384 H100s: analytic ETTR > 90 % (Llama 3 paper §3.3.4: "higher than 90 %") and the Monte Carlo mean within 1 % of the analytic days', () => {
    const out = planBudget({ budgetUsd: 2e8, deadlineDays: 54, cluster: fleet(h100, 16384), law: 'CHINCHILLA', family: { kind: 'LLAMA' }, failures: llama3Failures, gpuCounts: [16384] });
    const b = out.best!;
    expect(b.candidate.ettr).toBeGreaterThan(0.9);
    expect(b.candidate.ettr).toBeLessThan(0.93);
    const mc = simulateBudgetRun(b, presetParams('llama3-405b'), 8, 7)!;
    expect(Math.abs(mc.differenceFraction)).toBeLessThan(0.01);
    expect(Math.abs(mc.ettr - b.candidate.ettr)).toBeLessThan(0.01);
  });

  it('failure cost without failures is 1, and grows with the fleet', () => {
    expect(failureCost(null, 1024, 1e11).wallFactor).toBe(1);
    expect(failureCost(llama3Failures, 16384, 4e11).wallFactor).toBeGreaterThan(failureCost(llama3Failures, 1024, 4e11).wallFactor);
  });

  it('refuses input without a budget, deadline or target, and names the field', () => {
    expect(() => planBudget({ cluster: fleet(), law: 'CHINCHILLA', family: { kind: 'LLAMA' } })).toThrow(InvalidInputError);
    expect(() => planBudget({ budgetUsd: -1, cluster: fleet(), law: 'CHINCHILLA', family: { kind: 'LLAMA' } })).toThrow(/budgetUsd/);
    expect(() => planBudget({ budgetUsd: 1e6, cluster: fleet(), law: 'CHINCHILLA', family: { kind: 'MOE', experts: 1 } })).toThrow(/family\.experts/);
  });
});

describe('the target loss: the cheapest run that reaches it', () => {
  it('reaches the target at the lowest cost among the sizes tried', () => {
    const out = planBudget({ targetLoss: 2.2, cluster: fleet(h100, 64), law: 'CHINCHILLA_PARAMETRIC', family: { kind: 'LLAMA' }, failures: llama3Failures });
    const b = out.best!;
    expect(out.targetReached).toBe(true);
    expect(b.predictedLoss).toBeLessThanOrEqual(2.2 + 1e-9);
    expect(b.predictedLoss).toBeGreaterThan(2.2 - 1e-6);
  });

  it('an unreachable target (below the law’s irreducible loss E = 1.69) is reported, not invented', () => {
    const out = planBudget({ targetLoss: 1.6, cluster: fleet(h100, 64), law: 'CHINCHILLA', family: { kind: 'LLAMA' } });
    expect(out.best).toBeNull();
    expect(out.targetReached).toBe(false);
  });
});

describe("the article's question through budgetPlan", () => {
  const article = extrapolateNextGeneration();
  // Its 2020 assumptions: V100s at $1.5 per GPU-hour (the price behind the $4.6M GPT-3 estimate), Kaplan's law, and
  // the loss its "GPT-4" reaches, L(20.4T) = 1.117; at full utilisation (the article scales cost with compute).
  const out = planBudget({
    targetLoss: article.nextLoss,
    cluster: fleet(v100, 1024, 1.5),
    law: 'KAPLAN',
    family: { kind: 'GPT' },
    idealUtilisation: true,
    precision: 'FP16',
  });
  const b = out.best!;

  it('the cheapest run to the article’s loss costs ≈ $8.6B (10 %) for ≈ 3.43·10⁷ PF-days (10 %) on ≈ 16.8T tokens (10 %)', () => {
    expect(rel(b.costUsd, 8.6e9)).toBeLessThan(0.1);
    expect(rel(b.computeFlops / PF_DAY_FLOPS, 3.43e7)).toBeLessThan(0.1);
    expect(rel(b.trainingTokens, 16.8e12)).toBeLessThan(0.1);
  });

  it('its model is ≈ 30T parameters: the article’s 20T reaches 1.117 only with infinite data (L(N)); with finite data Eq. 1.5 needs ≈ 1.45× more', () => {
    expect(b.candidate.lawParameters / article.nextParameters).toBeGreaterThan(1.2);
    expect(b.candidate.lawParameters / article.nextParameters).toBeLessThan(1.7);
  });

  it('the same $8.6B on today’s H100s under Chinchilla, in a year with Llama 3’s failures: a model past GPT-3, within the budget and year', () => {
    const today = planBudget({ budgetUsd: 8.6e9, deadlineDays: 365, cluster: fleet(h100, 16384), law: 'CHINCHILLA', family: { kind: 'LLAMA' }, failures: llama3Failures });
    const t = today.best!;
    expect(t.costUsd).toBeLessThanOrEqual(8.6e9);
    expect(t.expectedDays).toBeLessThanOrEqual(365 * (1 + 1e-9));
    // A year of 16,384 H100s costs far less than $8.6B at $2.5/h: the deadline binds.
    expect(today.bindingConstraint).toBe('DEADLINE');
    expect(t.computeFlops).toBeGreaterThan(10 * 3.14e23);
  });
});

/**
 * Sizes no layout could hold are answered without a layout search (budget-candidates.ts modelStatesCouldFit): weights,
 * gradients and Adam states spread over every GPU (ZeRO §3.1: 16 B a parameter under mixed precision) already exceed one
 * GPU's memory. The bound must never skip a size a search would have placed.
 */
describe('sizes past the fleet\'s memory are skipped without a search', () => {
  it('is 16 B a parameter over every GPU against one GPU\'s memory: 3.2 × 10¹¹ parameters on 64 H100 (80 GB)', () => {
    expect(modelStatesCouldFit(3.2e11, 64, 'BF16', 80e9)).toBe(true);
    expect(modelStatesCouldFit(3.21e11, 64, 'BF16', 80e9)).toBe(false);
    // FP32 training: 4 + 4 + 8 = 16 B as well; FP8 keeps BF16 weights and gradients and the fp32 master: 16 B.
    expect(modelStatesCouldFit(3.2e11, 64, 'FP32', 80e9)).toBe(true);
    expect(modelStatesCouldFit(3.21e11, 64, 'FP32', 80e9)).toBe(false);
    expect(modelStatesCouldFit(3.2e11, 64, 'FP8', 80e9)).toBe(true);
    expect(modelStatesCouldFit(3.21e11, 64, 'FP8', 80e9)).toBe(false);
  });

  it('never skips a size the layout search places: on 64 H100 every Llama-shaped size the search fits is within the bound, and the first size past it has no layout', () => {
    // Up to the bound (3.2 × 10¹¹) and past it.
    const sizes = [1e11, 2e11, 2.8e11, 3.1e11, 3.3e11, 4e11].map((n) => sizeArchitecture({ kind: 'LLAMA' }, n, (c) => c.totalParameters));
    let placed = 0;
    let past = 0;
    for (const sized of sizes) {
      const outcome = searchPlans(sized.arch, sized.counts, makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 8 }), {
        globalBatchSize: 512, objective: 'TIME', top: 1, gpuBudgetMode: 'EXACT', zeroStages: [1], offloads: ['NONE'], flashAttention: [true], timeLimitSeconds: 5,
      });
      if (outcome.best.length > 0) expect(modelStatesCouldFit(sized.counts.totalParameters, 64, 'BF16', h100.memoryBytes), `${sized.counts.totalParameters}`).toBe(true);
      if (!modelStatesCouldFit(sized.counts.totalParameters, 64, 'BF16', h100.memoryBytes)) expect(outcome.best).toHaveLength(0);
      if (outcome.best.length > 0) placed++;
      if (!modelStatesCouldFit(sized.counts.totalParameters, 64, 'BF16', h100.memoryBytes)) past++;
    }
    // Both sides of the bound are exercised.
    expect(placed).toBeGreaterThan(0);
    expect(past).toBeGreaterThan(0);
  });

  it('answers 10¹³ USD on 64 H100 as before: memory caps the size (2.7 × 10¹¹ law parameters), and the sizes past the bound cost no search', () => {
    const answer = planBudget({ budgetUsd: 1e13, cluster: fleet(h100, 64), law: 'CHINCHILLA', family: { kind: 'LLAMA' } });
    expect(answer.bindingConstraint).toBe('MEMORY');
    expect(answer.best!.candidate.lawParameters).toBeGreaterThan(2.5e11);
    expect(answer.best!.candidate.lawParameters).toBeLessThan(3e11);
    const pastBound = answer.sizes.filter((s) => !s.fits);
    expect(pastBound.length).toBeGreaterThan(40);
  });

  it('runs no layout search for a size past the bound (the search polls shouldStop; it is never called), and does for one within it', () => {
    const request = normalize({ budgetUsd: 1e7, cluster: fleet(h100, 64), law: 'CHINCHILLA', family: { kind: 'LLAMA' } });
    const polls = (parameters: number) => {
      let calls = 0;
      const candidate = evaluateCandidate(request, sizeArchitecture({ kind: 'LLAMA' }, parameters, (c) => c.totalParameters), 64, {
        shouldStop: () => {
          calls++;
          return false;
        },
      });
      return { calls, fits: candidate.fits };
    };
    expect(polls(4e11)).toEqual({ calls: 0, fits: false });
    const within = polls(1e11);
    expect(within.calls).toBeGreaterThan(0);
    expect(within.fits).toBe(true);
  });
});
