import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { extrapolateNextGeneration } from '../../src/core/extrapolation.js';
import { computeModelCounts } from '../../src/core/model.js';
import { findModelPreset } from '../../src/core/presets.js';
import { predictedLoss } from '../../src/core/scaling.js';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

// The article's figures (published-figures.md §7), tolerance 2 %.
describe("the article's GPT-2 → GPT-3 → GPT-4 extrapolation", () => {
  const r = extrapolateNextGeneration();

  it.each([
    ['parameters ≈ 20.4T', r.nextParameters, 20.4e12],
    ['L(175B) ≈ 1.604', r.currentLoss, 1.604],
    ['L(20.4T) ≈ 1.117', r.nextLoss, 1.117],
    ['C₃ ≈ 18,300 PF-days', r.currentComputePfDays, 18_300],
    ['C₄ ≈ 3.43e7 PF-days', r.nextComputePfDays, 3.43e7],
    ['compute ratio ≈ 1,874', r.computeRatio, 1874],
    ['C₄ ≈ 2.97e27 FLOPs', r.nextComputeFlops, 2.97e27],
    ['tokens ≈ 16.8T', r.nextTokens, 16.8e12],
    ['dataset ≈ 23.9 TB', r.nextDatasetBytes, 23.9e12],
    ['cost on V100 ≈ $8.6B', r.nextCostV100Usd, 8.6e9],
    // the article's "$1.4B" is its $8.6B ÷ 6 = $1.43B rounded to two digits
    ['cost on A100 (6×) ≈ $8.6B / 6 ≈ $1.4B', r.nextCostA100Usd, 8.6e9 / 6],
    ['tokens ≈ 1.9 × all printed books (9T)', r.nextTokensOverAllBooks, 16.8e12 / 9e12],
  ] as const)('%s', (_name, ours, article) => {
    expect(rel(ours, article)).toBeLessThan(0.02);
  });

  it('the same compute under the Chinchilla allocation: a ≈ 4.8T model on ≈ 103T tokens (≈ 21.6 tokens/parameter)', () => {
    // Chinchilla approach 1 (Table-3 fit) at 2.97e27 FLOPs: N ≈ 0.0992·C^0.498; tokens = C/(6N).
    expect(rel(r.chinchilla.parameters, 4.79e12)).toBeLessThan(0.02);
    expect(rel(r.chinchilla.tokens, 1.03e14)).toBeLessThan(0.02);
    expect(r.chinchilla.parameters).toBeLessThan(r.nextParameters / 4);
    expect(r.chinchilla.tokens).toBeGreaterThan(r.nextTokens * 6);
    expect(r.chinchilla.tokensPerParameter).toBeGreaterThan(19);
    expect(r.chinchilla.tokensPerParameter).toBeLessThan(23);
    expect(r.chinchilla.predictedLoss).toBeCloseTo(predictedLoss('CHINCHILLA', r.chinchilla.parameters, r.chinchilla.tokens), 12);
    // …and a lower Chinchilla-law loss than the article's 20T model trained on its 16.8T tokens.
    expect(r.chinchilla.predictedLoss).toBeLessThan(predictedLoss('CHINCHILLA', r.nextParameters, r.nextTokens));
    expect(r.chinchillaParametric.parameters).toBeLessThan(r.chinchilla.parameters);
  });

  it("the 20T preset's model FLOPs for 16.8T tokens are within 10 % of 6·N·D", () => {
    const arch = findModelPreset('gpt4-20t-article')!;
    const counts = computeModelCounts(arch);
    const sixND = 6 * counts.totalParameters * r.nextTokens;
    expect(rel(counts.modelFlopsPerTokenCausal * r.nextTokens, sixND)).toBeLessThan(0.1);
  });

  it('assumptions are named and overridable', () => {
    const at3x = extrapolateNextGeneration({ a100SpeedupOverV100: 3 });
    expect(rel(at3x.nextCostA100Usd, 2 * r.nextCostA100Usd)).toBeLessThan(1e-12);
    const cheaper = extrapolateNextGeneration({ currentCostUsd: 2.3e6 });
    expect(rel(cheaper.nextCostV100Usd, r.nextCostV100Usd / 2)).toBeLessThan(1e-12);
    // GPT-3 → a 10× bigger model instead of the full GPT-2→GPT-3 factor
    const smaller = extrapolateNextGeneration({ previousParameters: 17.5e9 });
    expect(rel(smaller.nextParameters, 1.75e12)).toBeLessThan(1e-12);
    expect(smaller.computeRatio).toBeLessThan(r.computeRatio);
    expect(r.assumptions.bytesPerToken).toBeCloseTo(1.425, 12);
  });

  it('rejects a non-positive assumption naming it', () => {
    try {
      extrapolateNextGeneration({ currentParameters: 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).field).toBe('assumptions.currentParameters');
    }
  });
});
