/**
 * One replica of the run: the event loop over failures, planned stops, progress ticks and recoveries, with the
 * accounting of where the wall time went (compute, lost progress, checkpoint save/restore, recovery, node wait).
 * Between events a Walker advances training in closed form; each handler below changes the state for one kind of
 * event and returns the event to stream (detailed replicas only), or null.
 */
import type { FailureCause } from '../presets.js';
import { RandomStream } from '../rng.js';
import { type FailureSource, NodePool, PoissonFailures, WeibullNodeFailures } from './failures.js';
import { SpeedProfile } from './speed.js';
import type { ReplicaResult, ResolvedSimulation, SimulationEngineEvent } from './types.js';
import { US } from './types.js';
import { Walker } from './walker.js';

interface Phase {
  bucket: 0 | 1 | 2 | 3; // 0 recovery, 1 node wait (recovery), 2 restore, 3 checkpoint save
  start: number;
  end: number;
}

/** What happens next (see ReplicaRun.advance). */
const STOP = 0;
const RECOVERED = 1;
const FAILURE = 2;
const PLANNED = 3;
const TICK = 4;
const NOTHING = 5;

export function* simulateReplica(sim: ResolvedSimulation, replica: number): Generator<SimulationEngineEvent, ReplicaResult> {
  const run = new ReplicaRun(sim, replica);
  for (let next = run.advance(); next !== STOP; next = run.advance()) {
    let event: SimulationEngineEvent | null = null;
    if (next === RECOVERED) event = run.recover();
    else if (next === FAILURE) event = run.fail();
    else if (next === PLANNED) event = run.plannedStop();
    else if (next === TICK && run.tick()) {
      yield run.progressEvent();
      event = run.sampledCheckpoint();
    }
    if (event) yield event;
  }
  return run.result();
}

class ReplicaRun {
  private readonly r: ResolvedSimulation['reliability'];
  private readonly detailed: boolean;
  private readonly causes: FailureCause[];
  private readonly weights: number[];
  private readonly weightTotal: number;
  // Named streams: each random process has its own, so changing one knob leaves the others' draws in place.
  private readonly causeStream: RandomStream;
  private readonly plannedStream: RandomStream;
  private readonly restartStream: RandomStream;
  private readonly failures: FailureSource;
  private readonly nodes: NodePool;
  private readonly plannedMeanUs: number;
  private readonly speed: SpeedProfile;
  private readonly limitUs: number;
  private readonly tickUs: number;
  private readonly blockingUs: number;
  private readonly persistUs: number;
  private readonly restoreUs: number;

  // Where the run is.
  private t = 0;
  private running = true;
  private walker: Walker;
  private durableWork = 0;
  private finished = false;
  private nextPlanned: number;
  private nextTick: number;
  private lastSampledStep = -1;

  // Accounting (µs).
  private computeTotal = 0;
  private lostComputeTotal = 0;
  private lostWorkTotal = 0;
  private saveTotal = 0;
  private restoreTotal = 0;
  private recoveryTotal = 0;
  private nodeWaitTotal = 0;
  private checkpoints = 0;
  private planned = 0;
  private unexpected = 0;
  private readonly byCause: Record<string, number> = {};

  // The current outage.
  private phases: Phase[] = [];
  private recoveryEnd = 0;
  private outageStart = 0;
  private outageNodeWait = 0;
  private nodeReadyAt = 0;

  constructor(
    private readonly sim: ResolvedSimulation,
    private readonly replica: number,
  ) {
    const setup = sim.setup;
    this.r = sim.reliability;
    const r = this.r;
    this.detailed = replica < sim.detailedReplicas;
    const seed = setup.seed;
    this.causes = r.causes;
    this.weights = this.causes.map((c) => c.weight);
    this.weightTotal = this.weights.reduce((a, b) => a + b, 0);

    const failureStream = new RandomStream(seed, replica, 'failures');
    this.causeStream = new RandomStream(seed, replica, 'causes');
    this.plannedStream = new RandomStream(seed, replica, 'planned');
    this.restartStream = new RandomStream(seed, replica, 'restarts');
    this.nodes = new NodePool(sim.spareNodes, new RandomStream(seed, replica, 'repairs'), r);

    const jobMeanUs = sim.jobMtbfSeconds * US;
    this.failures =
      r.failureModel === 'WEIBULL' && Number.isFinite(jobMeanUs)
        ? new WeibullNodeFailures(failureStream, sim.nodes, r.weibullShape, jobMeanUs * sim.nodes, r.weibullStart === 'EQUILIBRIUM')
        : new PoissonFailures(failureStream, jobMeanUs);
    this.plannedMeanUs = r.plannedInterruptionsPerDay > 0 ? (86_400 * US) / r.plannedInterruptionsPerDay : Infinity;
    this.nextPlanned = Number.isFinite(this.plannedMeanUs) ? Math.round(this.plannedStream.exponential(this.plannedMeanUs)) : Infinity;

    this.speed = new SpeedProfile(sim, replica);
    this.limitUs = Math.round(sim.limitSeconds * US);
    this.tickUs = Math.max(1, Math.round(sim.progressIntervalSeconds * US));
    this.blockingUs = sim.checkpointBlockingSeconds * US;
    this.persistUs = sim.checkpointPersistSeconds * US;
    this.restoreUs = Math.round(sim.restoreSeconds * US);
    this.walker = new Walker(sim, this.speed, 0, 0);
    this.nextTick = this.tickUs;
  }

  /** Trains up to the next event and says which it is; STOP at the finish or the horizon / safety limit. */
  advance(): number {
    const tf = this.failures.peek();
    const tp = this.nextPlanned;
    let tNext = Math.min(tf, tp, this.nextTick, this.limitUs);
    if (!this.running) tNext = Math.min(tNext, this.recoveryEnd);
    if (this.running && this.walker.advanceTo(tNext)) {
      this.t = this.walker.t;
      this.finished = true;
      return STOP;
    }
    const t = tNext;
    this.t = t;
    if (t >= this.limitUs) return STOP; // events at exactly the limit are not processed
    if (!this.running && t === this.recoveryEnd && tf > t) return RECOVERED;
    if (t === tf) return FAILURE;
    if (t === tp) return PLANNED;
    if (t === this.nextTick) return TICK;
    return NOTHING;
  }

  /** Recovery complete: resume from the durable checkpoint. */
  recover(): SimulationEngineEvent | null {
    const t = this.t;
    this.accountPhases(t);
    this.running = true;
    this.walker = new Walker(this.sim, this.speed, t, this.durableWork);
    const event: SimulationEngineEvent | null = this.detailed
      ? {
          type: 'RECOVERY',
          simulatedSeconds: t / US,
          replica: this.replica,
          downtimeSeconds: (t - this.outageStart) / US,
          nodeWaitSeconds: this.outageNodeWait / US,
          step: this.stepOf(this.durableWork),
          spareNodes: this.nodes.spares,
        }
      : null;
    this.outageNodeWait = 0;
    this.nodeReadyAt = 0;
    return event;
  }

  /** An unexpected failure: roll back to the last durable checkpoint, then detect, wait for a node, restart, reload. */
  fail(): SimulationEngineEvent | null {
    const t = this.t;
    const r = this.r;
    this.failures.pop();
    const cause = this.causes[this.causeStream.categorical(this.weights, this.weightTotal)]!;
    this.unexpected++;
    this.byCause[cause.id] = (this.byCause[cause.id] ?? 0) + 1;
    let lostWork = 0;
    const duringRecovery = !this.running;
    if (this.running) {
      const walker = this.walker;
      walker.resolve(t);
      lostWork = walker.work - walker.durableWork;
      this.lostComputeTotal += walker.computeWall - walker.durableCompute;
      this.lostWorkTotal += lostWork;
      this.durableWork = walker.durableWork;
      this.closeWalker();
      this.running = false;
      this.outageStart = t;
    } else {
      this.accountPhases(t);
    }
    if (cause.needsNodeReplacement) this.nodeReadyAt = Math.max(this.nodeReadyAt, this.nodes.acquireNode(t));
    const detectUs = Math.round((cause.detectionSeconds ?? r.detectionSeconds) * US);
    const waitUs = Math.max(0, this.nodeReadyAt - (t + detectUs));
    const reinitUs = Math.round(this.restartStream.lognormal(r.restartMedianSeconds * US, r.restartSigma));
    this.startRecovery(t, [
      [0, detectUs],
      [1, waitUs],
      [0, reinitUs],
      [2, this.restoreUs],
    ]);
    return this.detailed ? this.interruption(cause.id, false, duringRecovery, lostWork) : null;
  }

  /** A planned stop: checkpoint (whole write, durable before stopping), stop, restart. No work is lost. */
  plannedStop(): SimulationEngineEvent | null {
    const t = this.t;
    const r = this.r;
    this.nextPlanned += Math.round(this.plannedStream.exponential(this.plannedMeanUs));
    this.planned++;
    this.byCause.PLANNED = (this.byCause.PLANNED ?? 0) + 1;
    const duringRecovery = !this.running;
    if (this.running) {
      this.durableWork = this.walker.work;
      this.closeWalker();
      this.running = false;
      this.outageStart = t;
      const reinitUs = Math.round(this.restartStream.lognormal(r.restartMedianSeconds * US, r.restartSigma));
      this.startRecovery(t, [
        [3, this.blockingUs + this.persistUs],
        [0, Math.round(r.plannedDowntimeSeconds * US)],
        [0, reinitUs],
        [2, this.restoreUs],
      ]);
    }
    return this.detailed ? this.interruption('PLANNED', true, duringRecovery, 0) : null;
  }

  private interruption(cause: string, planned: boolean, duringRecovery: boolean, lostWork: number): SimulationEngineEvent {
    return {
      type: 'INTERRUPTION',
      simulatedSeconds: this.t / US,
      replica: this.replica,
      index: this.planned + this.unexpected,
      cause,
      planned,
      duringRecovery,
      lostWorkSeconds: lostWork / US,
      rolledBackToStep: this.stepOf(this.durableWork),
      spareNodes: this.nodes.spares,
    };
  }

  /** A progress tick; true when this replica streams progress (then progressEvent and sampledCheckpoint follow). */
  tick(): boolean {
    this.nextTick += this.tickUs;
    return this.detailed;
  }

  progressEvent(): SimulationEngineEvent {
    const t = this.t;
    const setup = this.sim.setup;
    const work = this.running ? this.walker.work : this.durableWork;
    const step = this.stepOf(work);
    const tokens = step * setup.tokensPerStep;
    return {
      type: 'PROGRESS',
      simulatedSeconds: t / US,
      replica: this.replica,
      step,
      tokens,
      fractionComplete: work / this.sim.totalWorkUs,
      effectiveTrainingTimeRatio: this.retainedCompute() / t,
      goodput: work / t,
      predictedLoss: setup.predictedLoss && tokens > 0 ? setup.predictedLoss(tokens) : null,
    };
  }

  /** The last durable checkpoint, when it moved since the previous sample. */
  sampledCheckpoint(): SimulationEngineEvent | null {
    if (this.running) this.walker.resolve(this.t);
    const durableStep = this.stepOf(this.running ? this.walker.durableWork : this.durableWork);
    if (durableStep === this.lastSampledStep) return null;
    this.lastSampledStep = durableStep;
    return {
      type: 'CHECKPOINT_SAMPLED',
      simulatedSeconds: this.t / US,
      replica: this.replica,
      step: durableStep,
      checkpointsWritten: this.checkpoints + (this.running ? this.walker.checkpointsDurable : 0),
    };
  }

  /** Closes the books at the finish (or at the horizon / safety limit). */
  result(): ReplicaResult {
    const { sim, replica } = this;
    const setup = sim.setup;
    if (this.running) this.closeWalker();
    else this.accountPhases(this.t);
    const finalWork = this.running ? this.walker.work : this.durableWork;
    const wallUs = this.t;
    const productive = this.computeTotal - this.lostComputeTotal;
    const steps = this.finished ? setup.totalSteps : this.stepOf(finalWork);
    const tokens = steps * setup.tokensPerStep;
    const wallSeconds = wallUs / US;
    const gpuHours = ((setup.gpuCount + sim.spareNodes * setup.gpusPerNode) * wallSeconds) / 3600;
    const costUsd = gpuHours * setup.gpuHourUsd;
    const goodput = wallUs > 0 ? finalWork / wallUs : 0;
    return {
      replica,
      simulatedSeconds: wallSeconds,
      finished: this.finished,
      stepsCompleted: steps,
      tokensTrained: tokens,
      interruptions: this.planned + this.unexpected,
      plannedInterruptions: this.planned,
      unexpectedInterruptions: this.unexpected,
      interruptionsByCause: this.byCause,
      lostWorkSeconds: this.lostWorkTotal / US,
      badput: {
        checkpointSaveSeconds: this.saveTotal / US,
        checkpointRestoreSeconds: this.restoreTotal / US,
        lostProgressSeconds: this.lostComputeTotal / US,
        recoverySeconds: this.recoveryTotal / US,
      },
      nodeWaitSeconds: this.nodeWaitTotal / US,
      productiveSeconds: productive / US,
      checkpointsWritten: this.checkpoints,
      effectiveTrainingTimeRatio: wallUs > 0 ? productive / wallUs : 0,
      goodput,
      gpuHours,
      costUsd,
      wastedCostUsd: costUsd * (1 - goodput),
      predictedLoss: setup.predictedLoss && tokens > 0 ? setup.predictedLoss(tokens) : null,
    };
  }

  private stepOf(work: number): number {
    return Math.floor(work / this.sim.stepUs + 1e-7);
  }

  private accountPhases(upTo: number): void {
    for (const p of this.phases) {
      const end = Math.min(p.end, upTo);
      if (end <= p.start) continue;
      const d = end - p.start;
      if (p.bucket === 0) this.recoveryTotal += d;
      else if (p.bucket === 1) {
        this.recoveryTotal += d;
        this.nodeWaitTotal += d;
        this.outageNodeWait += d;
      } else if (p.bucket === 2) this.restoreTotal += d;
      else this.saveTotal += d;
    }
    this.phases = [];
  }

  private closeWalker(): void {
    this.computeTotal += this.walker.computeWall;
    this.saveTotal += this.walker.blockingSpent;
    this.checkpoints += this.walker.checkpointsDurable;
  }

  private retainedCompute(): number {
    return this.computeTotal - this.lostComputeTotal + (this.running ? this.walker.computeWall : 0);
  }

  private startRecovery(now: number, phaseList: Array<[Phase['bucket'], number]>): void {
    let s = now;
    this.phases = phaseList.map(([bucket, d]) => {
      const p: Phase = { bucket, start: s, end: s + d };
      s += d;
      return p;
    });
    this.recoveryEnd = s;
  }
}
