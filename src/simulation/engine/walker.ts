/** Progress between interruptions: closed form over piecewise-constant speed, with lazy (a)synchronous checkpoints. */
import type { SpeedProfile } from './speed.js';
import { type ResolvedSimulation, US } from './types.js';

const COMPUTE = 0;
const BLOCK = 1;
const FINAL = 2;
const DONE = 3;

/** One uninterrupted stretch of training, from a durable checkpoint. */
export class Walker {
  t: number;
  work: number;
  computeWall = 0;
  blockingSpent = 0;
  phase = COMPUTE;
  private segRemaining: number;
  private blockEnd = 0;
  private snapWork = 0;
  private snapCompute = 0;
  durableWork: number;
  durableCompute = 0;
  private pendingWork = 0;
  private pendingCompute = 0;
  private pendingAt = -1;
  checkpointsDurable = 0;
  private readonly blockingUs: number;
  private readonly persistUs: number;
  private readonly intervalWork: number;

  constructor(
    private readonly sim: ResolvedSimulation,
    private readonly speed: SpeedProfile,
    t0: number,
    startWork: number,
  ) {
    this.t = t0;
    this.work = startWork;
    this.durableWork = startWork;
    this.blockingUs = sim.checkpointBlockingSeconds * US;
    this.persistUs = sim.checkpointPersistSeconds * US;
    this.intervalWork = sim.checkpointIntervalSteps * sim.stepUs;
    this.segRemaining = Math.min(this.intervalWork, sim.totalWorkUs - startWork);
    if (this.segRemaining <= 0) this.startFinal();
  }

  /** Makes the pending asynchronous checkpoint durable if its persist window has ended by `t`. */
  resolve(t: number): void {
    if (this.pendingAt >= 0 && this.pendingAt <= t) {
      this.durableWork = this.pendingWork;
      this.durableCompute = this.pendingCompute;
      this.pendingAt = -1;
      this.checkpointsDurable++;
    }
  }

  private startFinal(): void {
    // The run ends with a synchronous checkpoint of the final state (after any pending persist).
    const start = this.pendingAt >= 0 ? Math.max(this.t, this.pendingAt) : this.t;
    this.phase = FINAL;
    this.blockEnd = start + this.blockingUs + this.persistUs;
  }

  private startCheckpoint(): void {
    // A checkpoint waits for the previous one to persist, then blocks for the device→host copy (or whole write).
    const start = this.pendingAt >= 0 ? Math.max(this.t, this.pendingAt) : this.t;
    this.snapWork = this.work;
    this.snapCompute = this.computeWall;
    this.phase = BLOCK;
    this.blockEnd = start + this.blockingUs;
  }

  /** Advances to time T, or until the run is finished (returns true; `t` is then the finish time). */
  advanceTo(T: number): boolean {
    const sim = this.sim;
    for (;;) {
      if (this.phase === COMPUTE) {
        if (this.t >= T) return false;
        const f = this.speed.factorAt(this.t);
        const change = this.speed.nextChangeAfter(this.t);
        const limit = change < T ? change : T;
        const need = this.segRemaining * f;
        if (this.t + need <= limit) {
          this.t += need;
          this.computeWall += need;
          this.work += this.segRemaining;
          this.segRemaining = 0;
          if (this.work >= sim.totalWorkUs - 1e-6) {
            this.work = sim.totalWorkUs;
            this.startFinal();
          } else {
            this.startCheckpoint();
          }
        } else {
          const dt = limit - this.t;
          this.t = limit;
          this.computeWall += dt;
          const done = dt / f;
          this.work += done;
          this.segRemaining -= done;
        }
      } else if (this.phase === BLOCK || this.phase === FINAL) {
        if (this.blockEnd > T) {
          if (T > this.t) {
            this.blockingSpent += T - this.t;
            this.t = T;
          }
          return false;
        }
        this.blockingSpent += this.blockEnd - this.t;
        this.t = this.blockEnd;
        this.resolve(this.t);
        if (this.phase === FINAL) {
          if (this.pendingAt >= 0) this.pendingAt = -1;
          this.durableWork = this.work;
          this.durableCompute = this.computeWall;
          this.checkpointsDurable++;
          this.phase = DONE;
          return true;
        }
        this.pendingWork = this.snapWork;
        this.pendingCompute = this.snapCompute;
        this.pendingAt = this.t + this.persistUs;
        this.resolve(this.t);
        this.segRemaining = Math.min(this.intervalWork, sim.totalWorkUs - this.work);
        this.phase = COMPUTE;
      } else {
        return true;
      }
    }
  }
}
