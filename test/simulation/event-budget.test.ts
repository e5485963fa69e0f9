/**
 * The pre-flight event budget (src/simulation/event-budget.ts) against real engine runs: the four presets at
 * Llama 3 scale and random valid inputs, then the check itself (field named, suggested bounds that pass).
 *
 * Tolerances, stated once:
 * - presets: the expected count is within ±20 % of the mean stored count of seeds 1–3, and the estimate (expected ×
 *   SAFETY_FACTOR) is at least every seed's count;
 * - random inputs: the expected count is within [0.6, 1.8]× the mean of 3 seeds (± 4√n + 10 for Poisson noise), and
 *   the estimate is never below a seed's count by more than 20 % (+ 4√n + 10). A single replica's time to train
 *   spreads widely when node waits dominate, hence the wider band there.
 * Set PRINT_EVENT_BUDGET=1 to print estimate vs actual.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation, simulationEvents, type SimulationSetup } from '../../src/simulation/engine.js';
import {
  checkEventBudget,
  estimateStoredEvents,
  MAX_STORED_EVENTS_PER_SIMULATION,
  SAFETY_FACTOR,
} from '../../src/simulation/event-budget.js';
import { presetParams, RELIABILITY_PRESETS } from '../../src/simulation/presets.js';
import { RandomStream } from '../../src/simulation/rng.js';
import { DAY, llama3Setup as llama3Fixture } from './fixtures.js';

const print = (line: string): void => {
  if (process.env.PRINT_EVENT_BUDGET) console.log(line);
};

/** The Llama 3 405B setup of test/simulation/fixtures.ts with one replica, detailed. */
function llama3Setup(overrides: Partial<SimulationSetup> = {}): SimulationSetup {
  return llama3Fixture({ replicas: 1, detailedReplicas: 1, ...overrides });
}

const storedCount = (setup: SimulationSetup): number => runSimulation(setup).eventCount;

describe('estimate vs actual stored events on the four presets (16,384 GPUs)', () => {
  for (const preset of RELIABILITY_PRESETS) {
    const variants: [string, Partial<SimulationSetup>][] = [
      // The Llama 3 snapshot: 54 days, 3 detailed replicas with a progress event every 10 minutes.
      ['54-day horizon, 3 detailed replicas, progress every 600 s', { replicas: 3, detailedReplicas: 3, progressIntervalSeconds: 600 }],
      // Train to the end (300k steps ≈ 21 days failure-free), progress every 5 minutes.
      ['to the end (300k steps), progress every 300 s', { horizonSeconds: null, totalSteps: 300_000, progressIntervalSeconds: 300 }],
    ];
    for (const [name, overrides] of variants) {
      it(`${preset.id}: ${name}`, () => {
        const setup = llama3Setup({ reliability: presetParams(preset.id), ...overrides });
        const estimate = estimateStoredEvents(setup);
        const actual = [1, 2, 3].map((seed) => storedCount({ ...setup, seed }));
        const mean = actual.reduce((a, b) => a + b, 0) / actual.length;
        print(`${preset.id} | ${name} | expected ${estimate.expectedEvents.toFixed(0)} | estimate ${estimate.events.toFixed(0)} | actual ${actual.join(' / ')} | expected/mean ${(estimate.expectedEvents / mean).toFixed(3)}`);
        expect(estimate.expectedEvents).toBeGreaterThan(mean * 0.8);
        expect(estimate.expectedEvents).toBeLessThan(mean * 1.2);
        for (const a of actual) expect(estimate.events).toBeGreaterThanOrEqual(a);
        // And they all pass the pre-flight check.
        expect(checkEventBudget(setup)).toBeNull();
      });
    }
  }
});

describe('estimate vs actual stored events on random valid inputs', () => {
  // Inputs around the presets: failure rate × 0.1–100, restarts 10 s – 3 h, Poisson or Weibull (fresh or equilibrium),
  // sync or async checkpoints, planned stops, spares 0–10 %, 8–16,384 GPUs, 1–60 days of nominal compute, horizon
  // or not, default or 10 s – 3 h progress interval, 0–2 detailed of 1–4 replicas.
  const rs = new RandomStream(2024, 0, 'event-budget-test');
  const u = () => rs.nextDouble();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(u() * xs.length)]!;
  const logUniform = (lo: number, hi: number) => Math.exp(Math.log(lo) + u() * (Math.log(hi) - Math.log(lo)));
  const cases: SimulationSetup[] = [];
  while (cases.length < 30) {
    const reliability = presetParams(pick(RELIABILITY_PRESETS).id);
    reliability.unexpectedFailuresPerGpuHour *= logUniform(0.1, 100);
    reliability.restartMedianSeconds = logUniform(10, 1e4);
    if (u() < 0.3) {
      reliability.failureModel = 'WEIBULL';
      reliability.weibullShape = 0.5 + u();
      reliability.weibullStart = u() < 0.3 ? 'FRESH' : 'EQUILIBRIUM';
    }
    reliability.checkpointMode = u() < 0.5 ? 'SYNC' : 'ASYNC';
    reliability.plannedInterruptionsPerDay = u() < 0.5 ? 0 : logUniform(0.1, 5);
    reliability.spareNodeFraction = u() * 0.1;
    const step = logUniform(0.5, 20);
    const replicas = 1 + Math.floor(u() * 4);
    const setup: SimulationSetup = {
      nominalStepSeconds: step,
      tokensPerStep: 1e6,
      totalSteps: Math.ceil((logUniform(1, 60) * DAY) / step),
      gpuCount: pick([8, 64, 512, 4096, 16_384]),
      gpusPerNode: 8,
      gpuHourUsd: 2,
      checkpointBytes: logUniform(1e10, 1e13),
      reliability,
      horizonSeconds: u() < 0.4 ? logUniform(1, 90) * DAY : null,
      checkpointIntervalSeconds: u() < 0.3 ? logUniform(100, 1e4) : null,
      seed: 1,
      replicas,
      detailedReplicas: Math.min(replicas, Math.floor(u() * 3)),
      progressIntervalSeconds: u() < 0.5 ? logUniform(10, 1e4) : null,
    };
    const e = estimateStoredEvents(setup);
    // Keep the test quick: skip what the check refuses anyway and runs with very many failures to simulate.
    if (e.events > MAX_STORED_EVENTS_PER_SIMULATION || e.perDetailedReplica.unexpectedInterruptions * replicas > 20_000) continue;
    cases.push(setup);
  }

  it('30 inputs: expected within [0.6, 1.8]× the mean of 3 seeds, estimate never more than 20 % below a seed', () => {
    let worstLow = Infinity;
    let worstHigh = 0;
    for (const setup of cases) {
      const estimate = estimateStoredEvents(setup);
      const actual = [1, 2, 3].map((seed) => storedCount({ ...setup, seed }));
      const mean = actual.reduce((a, b) => a + b, 0) / actual.length;
      const noise = 4 * Math.sqrt(mean) + 10;
      print(`gpus ${setup.gpuCount} detailed ${setup.detailedReplicas}/${setup.replicas} | expected ${estimate.expectedEvents.toFixed(0)} | actual ${actual.join(' / ')} | ${(estimate.expectedEvents / mean).toFixed(2)}`);
      expect(estimate.expectedEvents).toBeGreaterThanOrEqual(0.6 * mean - noise);
      expect(estimate.expectedEvents).toBeLessThanOrEqual(1.8 * mean + noise);
      for (const a of actual) expect(estimate.events).toBeGreaterThanOrEqual(0.8 * a - (4 * Math.sqrt(a) + 10));
      worstLow = Math.min(worstLow, estimate.expectedEvents / mean);
      worstHigh = Math.max(worstHigh, estimate.expectedEvents / mean);
    }
    print(`expected/mean actual over ${cases.length} random inputs: ${worstLow.toFixed(2)}–${worstHigh.toFixed(2)}`);
  });
});

describe('the pre-flight check', () => {
  // Llama-3-like, 54 days, one detailed replica with a progress event every simulated second: 4.7 million
  // progress events (54 × 86,400 ticks) — the engine would emit them, and the server would fail past 200,000.
  const everySecond = llama3Setup({ progressIntervalSeconds: 1 });

  it('the engine really emits more than the cap for it (the run used to start and end FAILED)', () => {
    let count = 0;
    for (const event of simulationEvents(everySecond)) {
      void event;
      if (++count > MAX_STORED_EVENTS_PER_SIMULATION) break;
    }
    expect(count).toBeGreaterThan(MAX_STORED_EVENTS_PER_SIMULATION);
  });

  it('names progressIntervalSeconds, its value, the limit, and bounds that each pass alone', () => {
    const excess = checkEventBudget(everySecond, { path: 'input' })!;
    expect(excess).not.toBeNull();
    expect(excess.field).toBe('input.progressIntervalSeconds');
    expect(excess.value).toBe(1);
    expect(excess.message).toMatch(/^input\.progressIntervalSeconds: 1 s would emit ≈ [\d.]+ million progress events over 5\d days/);
    expect(excess.message).toContain('the limit is 200,000 per simulation');
    // 54 days of ticks: the estimate counts each one (the horizon caps the run, no finish before it).
    expect(excess.estimate.perDetailedReplica.progress).toBe(54 * DAY - 1);
    const minInterval = Number(/progressIntervalSeconds ≥ ([\d,.]+) s/.exec(excess.allowed)![1]!.replace(/,/g, ''));
    expect(checkEventBudget({ ...everySecond, progressIntervalSeconds: minInterval })).toBeNull();
    expect(checkEventBudget({ ...everySecond, progressIntervalSeconds: minInterval * 0.9 })).not.toBeNull();
    expect(excess.allowed).toContain('detailedReplicas ≤ 0');
    expect(checkEventBudget({ ...everySecond, detailedReplicas: 0 })).toBeNull();
    const horizon = Number(/horizonSeconds ≤ ([\d,.]+)/.exec(excess.allowed)![1]!.replace(/,/g, ''));
    expect(checkEventBudget({ ...everySecond, horizonSeconds: horizon })).toBeNull();
  });

  it('names the failure rate when failures dominate (1 per GPU-hour on 16,384 GPUs: one every 0.22 s)', () => {
    const setup = llama3Setup({ reliability: { ...presetParams('llama3-405b'), unexpectedFailuresPerGpuHour: 1 } });
    const excess = checkEventBudget(setup, { path: 'input' })!;
    expect(excess.field).toBe('input.reliability.unexpectedFailuresPerGpuHour');
    expect(excess.message).toContain('a failure every 0.22 s');
    // Poisson failures at rate N·λ over 54 days: 16,384 × 54 × 24 ≈ 21 million interruptions alone.
    expect(excess.estimate.perDetailedReplica.unexpectedInterruptions).toBeCloseTo(16_384 * 54 * 24, -3);
    const rate = Number(/unexpectedFailuresPerGpuHour ≤ ([\d.e-]+)/.exec(excess.allowed)![1]);
    expect(checkEventBudget({ ...setup, reliability: { ...setup.reliability, unexpectedFailuresPerGpuHour: rate } })).toBeNull();
  });

  it('names the restart when recoveries outlast the time between failures and the run cannot finish', () => {
    // Day-long restarts with a failure every 3.1 h: the run never finishes and goes to the engine's safety limit
    // (50 × the nominal run + 30 days), ≈ 27,000 failures per detailed replica.
    const setup = llama3Setup({
      horizonSeconds: null,
      replicas: 10,
      detailedReplicas: 10,
      reliability: { ...presetParams('llama3-405b'), restartMedianSeconds: DAY },
    });
    const excess = checkEventBudget(setup, { path: 'input' })!;
    expect(excess.field).toBe('input.reliability.restartMedianSeconds');
    expect(excess.estimate.capped).toBe(true);
    expect(excess.message).toContain('cannot finish');
    const restart = Number(/restartMedianSeconds ≤ ([\d,.]+) s/.exec(excess.allowed)![1]!.replace(/,/g, ''));
    expect(checkEventBudget({ ...setup, reliability: { ...setup.reliability, restartMedianSeconds: restart } })).toBeNull();
  });

  it('the safety factor is what the check compares', () => {
    const e = estimateStoredEvents(llama3Setup());
    expect(e.events).toBeCloseTo(e.expectedEvents * SAFETY_FACTOR, 6);
  });
});
