import { describe, expect, it } from 'vitest';
import { dalyCheckpointIntervalSeconds, dalyExpectedWallSeconds } from '../../src/core/checkpoint.js';
import { InvalidInputError } from '../../src/core/errors.js';
import {
  MAX_CHECKPOINTS_PER_RUN,
  resolveSimulation,
  runSimulation,
  type SimulationEngineEvent,
  type SimulationSetup,
  type InterruptionEvent,
} from '../../src/simulation/engine.js';
import { presetParams, type ReliabilityParams } from '../../src/simulation/presets.js';
import { DAY, llama3Setup } from './fixtures.js';

const MIN = 60;
const HOUR = 3600;


/** Daly's (2006) assumptions: exponential failures also during restart, fixed R, blocking δ, nothing else. */
function dalyReliability(mtbfSeconds: number): ReliabilityParams {
  return {
    ...presetParams('llama3-405b'),
    unexpectedFailuresPerGpuHour: HOUR / mtbfSeconds,
    causes: [{ id: 'FAILURE', label: 'failure', weight: 1, needsNodeReplacement: false }],
    plannedInterruptionsPerDay: 0,
    detectionSeconds: 0,
    restartMedianSeconds: 10 * MIN,
    restartSigma: 0,
    stragglerJitterFraction: 0,
    failSlowEpisodesPerGpuHour: 0,
    diurnalAmplitudeFraction: 0,
    checkpointMode: 'SYNC',
  };
}

function dalySetup(mtbfSeconds: number, intervalSeconds: number, replicas: number): SimulationSetup {
  return {
    nominalStepSeconds: 1,
    tokensPerStep: 1,
    totalSteps: 500 * HOUR, // T_s = 500 h of 1-second steps
    gpuCount: 1,
    gpusPerNode: 1,
    gpuHourUsd: 1,
    checkpointBytes: 0,
    reliability: dalyReliability(mtbfSeconds),
    checkpointIntervalSeconds: intervalSeconds,
    checkpointBlockingSeconds: 5 * MIN,
    checkpointPersistSeconds: 0,
    restoreSeconds: 0,
    seed: 2006,
    replicas,
    detailedReplicas: 0,
  };
}

describe('Llama-3-like preset reproduces the published 54-day snapshot', () => {
  const run = runSimulation(llama3Setup());
  const s = run.summary;

  it('mean interruptions 466 ± 5 % over 100 seeds (Llama 3 paper: 466 = 47 planned + 419 unexpected)', () => {
    expect(s.replicas).toBe(100);
    expect(Math.abs(s.interruptions / 466 - 1)).toBeLessThan(0.05);
    expect(Math.abs(s.unexpectedInterruptions / 419 - 1)).toBeLessThan(0.05);
    // 47 planned: Poisson σ of a 100-seed mean is ≈ 0.7, so ±15 % is > 9σ.
    expect(Math.abs(s.plannedInterruptions / 47 - 1)).toBeLessThan(0.15);
  });

  it('ETTR between 0.88 and 0.93 (published: > 90 % effective training time)', () => {
    expect(s.effectiveTrainingTimeRatio).toBeGreaterThan(0.88);
    expect(s.effectiveTrainingTimeRatio).toBeLessThan(0.93);
    // Goodput counts slow-downs (diurnal 1–2 %, stragglers) too, so it sits below ETTR.
    expect(s.goodput).toBeLessThan(s.effectiveTrainingTimeRatio);
    expect(s.goodput).toBeGreaterThan(0.85);
  });

  it('cause mix follows the paper: faulty GPU 148 and HBM3 72 of 419 (±15 %)', () => {
    const byCause = new Map(s.interruptionsByCause.map((c) => [c.cause, c.mean]));
    expect(Math.abs(byCause.get('FAULTY_GPU')! / 148 - 1)).toBeLessThan(0.15);
    expect(Math.abs(byCause.get('GPU_HBM3')! / 72 - 1)).toBeLessThan(0.15);
    expect(s.interruptionsByCause[0]!.cause).toBe('FAULTY_GPU');
  });

  it('badput buckets and productive time add up to the wall clock (54 days)', () => {
    const b = s.badput;
    const sum = s.productiveSeconds + b.checkpointSaveSeconds + b.checkpointRestoreSeconds + b.lostProgressSeconds + b.recoverySeconds;
    expect(s.simulatedSeconds).toBe(54 * DAY);
    expect(Math.abs(sum - s.simulatedSeconds)).toBeLessThan(1e-3);
    expect(s.finishedReplicas).toBe(0); // 1M steps do not fit in 54 days: the horizon stops the run
    expect(s.checkpointIntervalSource).toBe('DALY');
    // Daly's τ for δ = 6.48 TB / 2 TB/s = 3.24 s and M = 3.09 h, rounded to whole 6-second steps.
    expect(Math.abs(s.checkpointIntervalSeconds - dalyCheckpointIntervalSeconds(3.24, s.jobMtbfSeconds))).toBeLessThanOrEqual(3);
    expect(s.jobMtbfSeconds / HOUR).toBeCloseTo(3.09, 2);
  });
});

describe("Monte Carlo against Daly's (2006) expected wall time", () => {
  // Published optimum intervals (T_s 500 h, R 10 min, δ 5 min); τ_opt from the core's formula.
  it.each([
    { mtbf: 24 * HOUR, published: 117 * MIN, replicas: 200 },
    { mtbf: 6 * HOUR, published: 57 * MIN, replicas: 200 },
    { mtbf: 15 * MIN, published: 9.1 * MIN, replicas: 60 },
  ])('M = $mtbf s: MC wall time within 1 % of T_w at τ_opt/2, τ_opt and 2·τ_opt, lowest at τ_opt', (c) => {
    const tau = dalyCheckpointIntervalSeconds(5 * MIN, c.mtbf);
    expect(Math.abs(tau - c.published)).toBeLessThan(0.01 * c.published);
    const walls = [tau / 2, tau, 2 * tau].map((interval) => {
      const mc = runSimulation(dalySetup(c.mtbf, interval, c.replicas)).summary.simulatedSeconds;
      const formula = dalyExpectedWallSeconds({
        solveSeconds: 500 * HOUR,
        intervalSeconds: interval,
        checkpointSeconds: 5 * MIN,
        restartSeconds: 10 * MIN,
        mtbfSeconds: c.mtbf,
      });
      expect(Math.abs(mc / formula - 1)).toBeLessThan(0.01);
      return mc;
    });
    // Common random numbers: the same failure times at every τ, so the comparison is paired.
    expect(walls[1]!).toBeLessThan(walls[0]!);
    expect(walls[1]!).toBeLessThan(walls[2]!);
  });
});

function collect(setup: SimulationSetup): { events: SimulationEngineEvent[]; hash: string } {
  const events: SimulationEngineEvent[] = [];
  const run = runSimulation(setup, { onEvent: (e) => events.push(e), hash: true });
  return { events, hash: run.eventLogHash! };
}

describe('determinism and common random numbers', () => {
  const base = llama3Setup({ replicas: 2, detailedReplicas: 2, seed: 42 });

  it('same seed and input → the same event-log hash; another seed → another hash', () => {
    const a = collect(base);
    const b = collect(base);
    expect(a.events.length).toBeGreaterThan(900);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.hash).toBe(a.hash);
    expect(collect({ ...base, seed: 43 }).hash).not.toBe(a.hash);
  });

  it('the event log is byte-identical to the pinned one (deterministic math: any engine, any platform)', () => {
    // Pinned from ENGINE_VERSION zeroplan-sim/1. If the model changes on purpose, bump ENGINE_VERSION and re-pin.
    const run = runSimulation(
      llama3Setup({
        reliability: { ...presetParams('llama3-405b'), failureModel: 'WEIBULL', weibullShape: 0.7 },
        seed: 2024,
        replicas: 3,
        detailedReplicas: 3,
      }),
      { hash: true },
    );
    expect(run.eventCount).toBe(3204);
    expect(run.eventLogHash).toBe('d53342bae2b022d3cb9c998c3fbe9d8b3e2c2e882cb8805b8acc2252e0f5bfc1');
  });

  it('changing only the checkpoint interval leaves every interruption time and cause unchanged', () => {
    const times = (setup: SimulationSetup) =>
      collect(setup)
        .events.filter((e): e is InterruptionEvent => e.type === 'INTERRUPTION')
        .map((e) => `${e.replica}:${e.simulatedSeconds}:${e.cause}`);
    const a = times({ ...base, checkpointIntervalSeconds: 120 });
    const b = times({ ...base, checkpointIntervalSeconds: 3600 });
    expect(a.length).toBeGreaterThan(800);
    expect(b).toEqual(a);
    // …while the work lost differs, as it must.
    const lost = (setup: SimulationSetup) => runSimulation(setup).summary.lostWorkSeconds;
    expect(lost({ ...base, checkpointIntervalSeconds: 3600 })).toBeGreaterThan(5 * lost({ ...base, checkpointIntervalSeconds: 120 }));
  });

  it('events are in time order per replica and end with one COMPLETED carrying the summary', () => {
    const { events } = collect(base);
    let last = -1;
    let replica = 0;
    for (const e of events.slice(0, -1)) {
      if (e.type === 'REPLICA_COMPLETED') {
        replica++;
        last = -1;
        continue;
      }
      expect((e as { replica: number }).replica).toBe(replica);
      expect(e.simulatedSeconds).toBeGreaterThanOrEqual(last);
      last = e.simulatedSeconds;
    }
    const final = events.at(-1)!;
    expect(final.type).toBe('COMPLETED');
    if (final.type === 'COMPLETED') expect(final.summary.replicas).toBe(2);
  });
});

describe('Weibull per-node failures', () => {
  const weibull = (start: 'EQUILIBRIUM' | 'FRESH') =>
    runSimulation(
      llama3Setup({
        replicas: 40,
        reliability: { ...presetParams('llama3-405b'), failureModel: 'WEIBULL', weibullShape: 0.6, weibullStart: start },
      }),
    ).summary.unexpectedInterruptions;

  it('equilibrium start gives ≈ the Poisson count (419 ± 5 %), not ≈ 895', () => {
    expect(Math.abs(weibull('EQUILIBRIUM') / 419 - 1)).toBeLessThan(0.05);
  });

  it('starting every node fresh (the modelling trap) inflates the count by > 1.5×', () => {
    expect(weibull('FRESH')).toBeGreaterThan(1.5 * 419);
  });
});

describe('asynchronous checkpoints, spares, slow-downs', () => {
  // M = 3 h ≫ τ = 600 s: failures land uniformly within a checkpoint period.
  const uniform = (reliability: Partial<ReliabilityParams>, persist: number) =>
    runSimulation({
      ...dalySetup(3 * HOUR, 600, 40),
      totalSteps: 20_000 * HOUR,
      horizonSeconds: 10_000 * HOUR, // same window for both, so the same failures
      // Restart ≈ 0: failures striking during a recovery lose nothing and would dilute the per-failure loss.
      reliability: { ...dalyReliability(3 * HOUR), restartMedianSeconds: 0.001, ...reliability },
      checkpointBlockingSeconds: 0.01,
      checkpointPersistSeconds: persist,
    }).summary;

  it('sync: lost work per failure ≈ τ/2; async with a 200 s persist window: ≈ τ/2 + 200 s (±5 %)', () => {
    const sync = uniform({ checkpointMode: 'SYNC' }, 0);
    const async = uniform({ checkpointMode: 'ASYNC' }, 200);
    expect(sync.unexpectedInterruptions).toBe(async.unexpectedInterruptions); // same failures (CRN)
    expect(Math.abs(sync.lostWorkSeconds / sync.unexpectedInterruptions / 300 - 1)).toBeLessThan(0.05);
    expect(Math.abs(async.lostWorkSeconds / async.unexpectedInterruptions / 500 - 1)).toBeLessThan(0.05);
  });

  it('without hot spares hardware failures wait for repairs, and ETTR drops', () => {
    const withSpares = runSimulation(llama3Setup({ replicas: 10 })).summary;
    const none = runSimulation(
      llama3Setup({ replicas: 10, reliability: { ...presetParams('llama3-405b'), spareNodes: 0 } }),
    ).summary;
    expect(withSpares.nodeWaitSeconds).toBe(0);
    // ≈ 78 % of 419 failures need a node; each waits ≈ a repair (median 2 h, 10 % manual ≈ 2 days).
    expect(none.nodeWaitSeconds).toBeGreaterThan(100 * HOUR);
    expect(none.effectiveTrainingTimeRatio).toBeLessThan(withSpares.effectiveTrainingTimeRatio - 0.05);
  });

  it('a diurnal swing of 1.5 % lowers goodput by its mean (0.75 %) but not ETTR', () => {
    const plain = { ...presetParams('llama3-405b'), stragglerJitterFraction: 0, failSlowEpisodesPerGpuHour: 0 };
    const flat = runSimulation(llama3Setup({ replicas: 5, reliability: { ...plain, diurnalAmplitudeFraction: 0 } })).summary;
    const diurnal = runSimulation(llama3Setup({ replicas: 5, reliability: { ...plain, diurnalAmplitudeFraction: 0.015 } })).summary;
    expect(flat.goodput / flat.effectiveTrainingTimeRatio).toBeCloseTo(1, 6);
    expect(Math.abs(diurnal.goodput / diurnal.effectiveTrainingTimeRatio - 1 / 1.0075)).toBeLessThan(3e-4);
  });

  it('stragglers at 16k ranks tax each step by ≈ μ·(ln N + γ) (max of N exponentials)', () => {
    const plain = { ...presetParams('llama3-405b'), failSlowEpisodesPerGpuHour: 0, diurnalAmplitudeFraction: 0 };
    const s = runSimulation(llama3Setup({ replicas: 5, reliability: { ...plain, stragglerJitterFraction: 0.001 } })).summary;
    const expected = 1 + 0.001 * (Math.log(16_384) + 0.5772);
    expect(Math.abs(s.effectiveTrainingTimeRatio / s.goodput / expected - 1)).toBeLessThan(1e-3);
  });

  it('a run that fits finishes with every token, a final checkpoint and a summary cost', () => {
    const s = runSimulation(llama3Setup({ totalSteps: 20_000, horizonSeconds: null, replicas: 5 })).summary;
    expect(s.finishedReplicas).toBe(5);
    expect(s.tokensTrained).toBe(20_000 * 16 * 2 ** 20);
    expect(s.simulatedSeconds).toBeGreaterThan(20_000 * 6);
    expect(s.timeToTrainSeconds.p10).toBeLessThanOrEqual(s.timeToTrainSeconds.p50);
    expect(s.timeToTrainSeconds.p50).toBeLessThanOrEqual(s.timeToTrainSeconds.p90);
    // Cost: job GPUs + 3 % spare nodes for the whole wall clock, at $2/GPU-hour.
    expect(s.costUsd).toBeCloseTo(((16_384 + 61 * 8) * s.simulatedSeconds) / HOUR * 2, 0);
    const one = runSimulation(llama3Setup({ totalSteps: 20_000, horizonSeconds: null, replicas: 1 })).summary;
    expect(one.wastedCostUsd).toBeCloseTo(one.costUsd * (1 - one.goodput), 3);
  });

  it('loss along the run comes from the injected function', () => {
    const events: SimulationEngineEvent[] = [];
    runSimulation(llama3Setup({ replicas: 1, detailedReplicas: 1, predictedLoss: (d) => 1e6 / d }), {
      onEvent: (e) => events.push(e),
    });
    const progress = events.filter((e) => e.type === 'PROGRESS' && e.step > 0);
    expect(progress.length).toBeGreaterThan(90);
    for (const e of progress) if (e.type === 'PROGRESS') expect(e.predictedLoss).toBeCloseTo(1e6 / e.tokens, 9);
  });

  it('rejects invalid input with InvalidInputError naming the field', () => {
    expect(() => runSimulation(llama3Setup({ gpuCount: 0 }))).toThrow(InvalidInputError);
    expect(() =>
      runSimulation(llama3Setup({ reliability: { ...presetParams('llama3-405b'), detectionSeconds: -1 } })),
    ).toThrow(/reliability\.detectionSeconds/);
  });
});

describe('a free checkpoint does not make the engine walk billions of segments', () => {
  // A checkpoint with no bytes costs nothing, so Daly's interval tends to zero; with 7.8 billion one-second steps the
  // engine would step checkpoint by checkpoint for hours. At most MAX_CHECKPOINTS_PER_RUN checkpoints per run.
  const freeCheckpoint = (overrides: Partial<SimulationSetup> = {}): SimulationSetup =>
    llama3Setup({ nominalStepSeconds: 1e-3, totalSteps: 7.8e9, checkpointBytes: 0, horizonSeconds: 2 * DAY, replicas: 2, ...overrides });

  it('floors the interval at run / MAX_CHECKPOINTS_PER_RUN and still completes the replicas', () => {
    const resolved = resolveSimulation(freeCheckpoint());
    // 2 days of 1 ms steps are simulated (the horizon): 172.8 million steps, at most a million checkpoints.
    expect(resolved.checkpointIntervalSteps).toBe(Math.ceil((2 * DAY * 1000) / MAX_CHECKPOINTS_PER_RUN));
    expect(resolved.checkpointIntervalSource).toBe('DALY');
    const { summary } = runSimulation(freeCheckpoint());
    expect(summary.replicas).toBe(2);
  });
  it('a user interval that would need more checkpoints is refused naming checkpointIntervalSeconds', () => {
    let caught: unknown;
    try {
      resolveSimulation(freeCheckpoint({ checkpointIntervalSeconds: 0.01 }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).field).toBe('checkpointIntervalSeconds');
    expect((caught as InvalidInputError).message).toMatch(/at most 1,000,000 checkpoints/);
  });
});
