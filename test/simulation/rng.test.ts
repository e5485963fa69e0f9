import { describe, expect, it } from 'vitest';
import { detCos, detExp, detGamma, detLog, detPow, detSqrt } from '../../src/simulation/detmath.js';
import { runSimulation } from '../../src/simulation/engine.js';
import { RELIABILITY_PRESETS, presetParams } from '../../src/simulation/presets.js';
import { RandomStream } from '../../src/simulation/rng.js';

describe('deterministic math', () => {
  it('exp, log, pow, sqrt, cos agree with the platform to ≈ 1 ulp over a wide range', () => {
    for (let i = -700; i <= 700; i += 0.37) {
      expect(Math.abs(detExp(i) / Math.exp(i) - 1)).toBeLessThan(5e-16);
    }
    for (const x of [1e-310, 1e-30, 0.001, 0.5, 0.99999, 1, 1.00001, 2, 10, 1e10, 1e300]) {
      const ref = Math.log(x);
      expect(Math.abs(detLog(x) - ref)).toBeLessThanOrEqual(Math.abs(ref) * 5e-16 + 5e-16);
      expect(Math.abs(detSqrt(x) / Math.sqrt(x) - 1)).toBeLessThan(5e-16);
    }
    expect(detPow(2, 10)).toBeCloseTo(1024, 10);
    expect(detCos(1)).toBeCloseTo(Math.cos(1), 15);
    expect(detCos(100)).toBeCloseTo(Math.cos(100), 13);
  });

  it('Γ: Γ(5) = 24, Γ(1/2) = √π, Γ(1 + 1/0.6) ≈ 1.5046', () => {
    expect(detGamma(5)).toBeCloseTo(24, 10);
    expect(detGamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(detGamma(1 + 1 / 0.6)).toBeCloseTo(1.50458, 4);
  });
});

describe('named random streams', () => {
  it('are reproducible and independent by name, seed and replica', () => {
    const draw = (seed: number, replica: number, name: string) => {
      const s = new RandomStream(seed, replica, name);
      return [s.nextUint32(), s.nextUint32(), s.nextUint32()];
    };
    expect(draw(1, 0, 'failures')).toEqual(draw(1, 0, 'failures'));
    expect(draw(1, 0, 'failures')).not.toEqual(draw(1, 0, 'repairs'));
    expect(draw(1, 0, 'failures')).not.toEqual(draw(2, 0, 'failures'));
    expect(draw(1, 0, 'failures')).not.toEqual(draw(1, 1, 'failures'));
  });

  it('uniformAt is the first draw of the named sub-stream, bit for bit, without allocating one', () => {
    for (let i = 0; i < 5000; i++) {
      expect(RandomStream.uniformAt(i * 7919, i % 13, 'stragglers', i)).toBe(
        new RandomStream(i * 7919, i % 13, 'stragglers', i).nextOpenDouble(),
      );
    }
  });

  it('uniforms have mean 1/2 and variance 1/12; exponential, gamma and Weibull have their means (±1 %)', () => {
    const s = new RandomStream(7, 0, 'moments');
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const u = s.nextDouble();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      sq += u * u;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 3);
    const mean = (f: () => number) => {
      let t = 0;
      for (let i = 0; i < 100_000; i++) t += f();
      return t / 100_000;
    };
    expect(Math.abs(mean(() => s.exponential(3)) / 3 - 1)).toBeLessThan(0.01);
    expect(Math.abs(mean(() => s.gamma(2.5)) / 2.5 - 1)).toBeLessThan(0.01);
    expect(Math.abs(mean(() => s.weibull(0.6, 1)) / detGamma(1 + 1 / 0.6) - 1)).toBeLessThan(0.02);
    expect(Math.abs(mean(() => s.normal()))).toBeLessThan(0.01);
  });
});

describe('reliability presets', () => {
  it.each(RELIABILITY_PRESETS.map((p) => [p.id, p] as const))('%s has sources and runs', (_id, preset) => {
    expect(preset.sources.length).toBeGreaterThan(1);
    const s = runSimulation({
      nominalStepSeconds: 10,
      tokensPerStep: 4e6,
      totalSteps: 50_000,
      gpuCount: 1024,
      gpusPerNode: 8,
      gpuHourUsd: 2,
      checkpointBytes: 16 * 70e9,
      reliability: presetParams(preset.id),
      seed: 3,
      replicas: 3,
    }).summary;
    expect(s.finishedReplicas).toBe(3);
    expect(s.effectiveTrainingTimeRatio).toBeGreaterThan(0.5);
    expect(s.effectiveTrainingTimeRatio).toBeLessThanOrEqual(1);
  });

  it('per-GPU rates: Llama 3 ≈ 1.973e-5/GPU-h (MTBF ≈ 50,700 h), OPT ≈ 11,900 h, modern 50,000 h', () => {
    expect(presetParams('llama3-405b').unexpectedFailuresPerGpuHour).toBeCloseTo(1.973e-5, 8);
    expect(1 / presetParams('opt-175b').unexpectedFailuresPerGpuHour).toBeCloseTo(11_904, -2);
    expect(1 / presetParams('modern-optimised').unexpectedFailuresPerGpuHour).toBeCloseTo(50_000, 6);
    const bloom = 1 / presetParams('bloom-176b').unexpectedFailuresPerGpuHour;
    expect(bloom).toBeGreaterThan(33_600);
    expect(bloom).toBeLessThan(67_200);
  });
});
