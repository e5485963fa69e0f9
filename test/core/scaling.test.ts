import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHINCHILLA_APPROACH3,
  CHINCHILLA_APPROACH3_ROUNDED,
  EPOCH_2024,
  PF_DAY_FLOPS,
  SCALING_LAW_NAMES,
  chinchillaOptimalComputeFlops,
  chinchillaOptimalParameters,
  computeOptimalAllocation,
  flopsToPfDays,
  kaplanCriticalBatchTokens,
  kaplanLoss,
  kaplanLossFromComputePfDays,
  kaplanLossFromParameters,
  kaplanLossFromTokens,
  kaplanOptimalParameters,
  kaplanOptimalTokens,
  KAPLAN,
  lossAlongRun,
  parametricLoss,
  parametricOptimum,
  pfDaysToFlops,
  predictedLoss,
  sixNDComputeFlops,
} from '../../src/core/scaling.js';
import { fieldOf } from './field-of.js';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe('compute and PF-days', () => {
  it('1 PF-day = 8.64e19 FLOP; GPT-3 3.14e23 FLOPs = 3,640 PF-days (Brown et al. 2020 Table D.1, 3 %)', () => {
    expect(PF_DAY_FLOPS).toBe(8.64e19);
    expect(rel(flopsToPfDays(3.14e23), 3640)).toBeLessThan(0.03);
    expect(pfDaysToFlops(1)).toBe(8.64e19);
    // C = 6ND with GPT-3's 174.6B parameters and 300B tokens.
    expect(rel(sixNDComputeFlops(174.6e9, 300e9), 3.14e23)).toBeLessThan(0.03);
    expect(rel(flopsToPfDays(sixNDComputeFlops(174.6e9, 300e9)), 3640)).toBeLessThan(0.03);
  });
});

describe('Kaplan et al. 2020', () => {
  it('L(N, D) for 175B / 300B: 1.661 with the Eq. 1.5 fit, 1.732 with the single-variable constants (±0.002)', () => {
    expect(kaplanLoss(175e9, 300e9)).toBeCloseTo(1.661, 2);
    expect(Math.abs(kaplanLoss(175e9, 300e9) - 1.661)).toBeLessThan(0.002);
    expect(Math.abs(kaplanLoss(175e9, 300e9, KAPLAN) - 1.732)).toBeLessThan(0.002);
    expect(Math.abs(predictedLoss('KAPLAN', 175e9, 300e9) - 1.661)).toBeLessThan(0.002);
  });

  it("L(N) gives the article's 1.604 at 175B and 1.117 at 20.4T (2 %)", () => {
    expect(rel(kaplanLossFromParameters(175e9), 1.604)).toBeLessThan(0.02);
    expect(rel(kaplanLossFromParameters((175e9 * 175e9) / 1.5e9), 1.117)).toBeLessThan(0.02);
    // and to three decimals, since the article prints three
    expect(kaplanLossFromParameters(175e9)).toBeCloseTo(1.604, 3);
  });

  it('L(N, D) tends to L(N) as D → ∞ and to L(D) as N → ∞ (single-variable constants)', () => {
    expect(rel(kaplanLoss(1e9, 1e30, KAPLAN), kaplanLossFromParameters(1e9))).toBeLessThan(1e-6);
    expect(rel(kaplanLoss(1e30, 1e10, KAPLAN), kaplanLossFromTokens(1e10))).toBeLessThan(1e-6);
  });

  it('L(C_min) = (3.1e8 / C)^0.050; N_opt ∝ C^0.73: 10× compute → ≈ 5.5× parameters, ≈ 1.8× tokens (5 %)', () => {
    expect(kaplanLossFromComputePfDays(3.1e8)).toBeCloseTo(1, 12);
    expect(kaplanOptimalParameters(1)).toBe(1.3e9);
    // Hoffmann et al. 2022 §1 summarising Kaplan: "5.5× model size, 1.8× tokens" per 10× compute.
    expect(rel(kaplanOptimalParameters(1000) / kaplanOptimalParameters(100), 5.5)).toBeLessThan(0.05);
    expect(rel(kaplanOptimalTokens(1000) / kaplanOptimalTokens(100), 1.8)).toBeLessThan(0.05);
  });

  it('B_crit doubles for every ≈ 13 % decrease in loss (Kaplan et al. 2020 §5.1), B* = 2e8 (Eq. 1.4)', () => {
    const ratio = kaplanCriticalBatchTokens(0.87 * 3) / kaplanCriticalBatchTokens(3);
    expect(rel(ratio, 2)).toBeLessThan(0.05);
    expect(kaplanCriticalBatchTokens(1)).toBe(2e8);
    expect(kaplanCriticalBatchTokens(1, 2.1e8)).toBe(2.1e8);
  });
});

describe('Chinchilla (Hoffmann et al. 2022)', () => {
  // Table 3 (approach 1): parameters, FLOPs, tokens. Tolerance 10 % (published-figures.md §4).
  const TABLE3: readonly (readonly [number, number, number])[] = [
    [400e6, 1.92e19, 8.0e9],
    [1e9, 1.21e20, 20.2e9],
    [10e9, 1.23e22, 205.1e9],
    [67e9, 5.76e23, 1.5e12],
    [175e9, 3.85e24, 3.7e12],
    [280e9, 9.9e24, 5.9e12],
    [520e9, 3.43e25, 11.0e12],
    [1e12, 1.27e26, 21.2e12],
    [10e12, 1.3e28, 216.2e12],
  ];

  it.each(TABLE3)('Table 3: %d parameters ↔ %d FLOPs ↔ %d tokens (10 %)', (parameters, flops, tokens) => {
    // FLOPs and tokens given parameters
    const c = chinchillaOptimalComputeFlops(parameters);
    expect(rel(c, flops)).toBeLessThan(0.1);
    expect(rel(c / (6 * parameters), tokens)).toBeLessThan(0.1);
    // and the allocation for the printed budget
    const alloc = computeOptimalAllocation(flops, 'CHINCHILLA');
    expect(rel(alloc.parameters, parameters)).toBeLessThan(0.1);
    expect(rel(alloc.tokens, tokens)).toBeLessThan(0.1);
    expect(alloc.predictedLoss).toBe(parametricLoss(CHINCHILLA_APPROACH3, alloc.parameters, alloc.tokens));
  });

  it('N_opt ∝ C^a with a ≈ 0.5: 10× compute → √10× parameters and tokens (Table 2: a = 0.50, b = 0.50; 2 %)', () => {
    expect(rel(chinchillaOptimalParameters(1e24) / chinchillaOptimalParameters(1e23), Math.sqrt(10))).toBeLessThan(0.02);
  });

  it('approach 3 at the Gopher budget (5.76e23): ≈ 40B with unrounded exponents, ≈ 32B with α = 0.34, β = 0.28 (5 %)', () => {
    expect(rel(parametricOptimum(CHINCHILLA_APPROACH3, 5.76e23).parameters, 40e9)).toBeLessThan(0.05);
    expect(rel(parametricOptimum(CHINCHILLA_APPROACH3_ROUNDED, 5.76e23).parameters, 32e9)).toBeLessThan(0.05);
    expect(rel(computeOptimalAllocation(5.76e23, 'CHINCHILLA_PARAMETRIC').parameters, 40e9)).toBeLessThan(0.05);
    expect(CHINCHILLA_APPROACH3).toMatchObject({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.3392, beta: 0.2849 });
  });

  it('the analytic optimum is the minimum along the iso-FLOP curve', () => {
    for (const law of [CHINCHILLA_APPROACH3, EPOCH_2024]) {
      const c = 1e24;
      const { parameters } = parametricOptimum(law, c);
      const at = (n: number): number => parametricLoss(law, n, c / (6 * n));
      expect(at(parameters)).toBeLessThan(at(parameters * 1.05));
      expect(at(parameters)).toBeLessThan(at(parameters * 0.95));
    }
  });
});

describe('Epoch AI replication (Besiroglu et al. 2024)', () => {
  it('uses E = 1.82, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658', () => {
    const n = 70e9;
    const d = 1.4e12;
    const literal = 1.82 + 482.01 / n ** 0.3478 + 2085.43 / d ** 0.3658;
    expect(predictedLoss('EPOCH', n, d)).toBeCloseTo(literal, 12);
    expect(predictedLoss('EPOCH', n, d)).not.toBeCloseTo(predictedLoss('CHINCHILLA', n, d), 2);
  });

  it('implies ≈ 20 tokens per parameter at the optimum, consistent with approach 1 (15–25 at Gopher budget)', () => {
    const alloc = computeOptimalAllocation(5.76e23, 'EPOCH');
    expect(alloc.tokens / alloc.parameters).toBeGreaterThan(15);
    expect(alloc.tokens / alloc.parameters).toBeLessThan(25);
    // whereas Chinchilla's approach 3 (as published) wants far more tokens per parameter
    const a3 = computeOptimalAllocation(5.76e23, 'CHINCHILLA_PARAMETRIC');
    expect(a3.tokens / a3.parameters).toBeGreaterThan(50);
  });
});

describe('computeOptimalAllocation, predictedLoss, lossAlongRun', () => {
  it('KAPLAN allocation uses N_opt = 1.3e9·C^0.73 (C in PF-days) and L(N, D)', () => {
    const c = 3640 * PF_DAY_FLOPS;
    const alloc = computeOptimalAllocation(c, 'KAPLAN');
    expect(rel(alloc.parameters, 1.3e9 * 3640 ** 0.73)).toBeLessThan(1e-12);
    expect(alloc.predictedLoss).toBe(kaplanLoss(alloc.parameters, alloc.tokens));
  });

  it('every law keeps C = 6ND and a finite loss (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e18, max: 1e30, noNaN: true }), fc.constantFrom(...SCALING_LAW_NAMES), (c, law) => {
        const a = computeOptimalAllocation(c, law);
        return (
          rel(6 * a.parameters * a.tokens, c) < 1e-9 &&
          a.predictedLoss !== null &&
          Number.isFinite(a.predictedLoss) &&
          a.predictedLoss > 0
        );
      }),
    );
  });

  it('loss decreases in N and in D for every law (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e6, max: 1e14, noNaN: true }),
        fc.double({ min: 1e8, max: 1e15, noNaN: true }),
        fc.double({ min: 1.01, max: 100, noNaN: true }),
        fc.constantFrom(...SCALING_LAW_NAMES),
        (n, d, k, law) =>
          predictedLoss(law, n * k, d) < predictedLoss(law, n, d) && predictedLoss(law, n, d * k) < predictedLoss(law, n, d),
      ),
    );
  });

  it('lossAlongRun is decreasing along a run and ends at predictedLoss', () => {
    const tokens = [1e10, 1e11, 5e11, 1.4e12];
    for (const law of SCALING_LAW_NAMES) {
      const curve = lossAlongRun(law, 70e9, tokens);
      for (let i = 1; i < curve.length; i++) expect(curve[i]!).toBeLessThan(curve[i - 1]!);
      expect(curve[curve.length - 1]).toBe(predictedLoss(law, 70e9, 1.4e12));
    }
  });

  it('rejects bad input naming the field', () => {
    expect(fieldOf(() => predictedLoss('CHINCHILLA', Number.NaN, 1e9))).toBe('parameters');
    expect(fieldOf(() => predictedLoss('EPOCH', 1e9, 0))).toBe('tokens');
    expect(fieldOf(() => predictedLoss('GPT' as never, 1e9, 1e9))).toBe('law');
    expect(fieldOf(() => computeOptimalAllocation(-1, 'KAPLAN'))).toBe('computeFlops');
    expect(fieldOf(() => computeOptimalAllocation(Infinity, 'KAPLAN'))).toBe('computeFlops');
    expect(fieldOf(() => lossAlongRun('KAPLAN', 1e9, [1e9, Number.NaN]))).toBe('tokensTrained[1]');
    expect(fieldOf(() => sixNDComputeFlops(-1, 1))).toBe('parameters');
  });
});
