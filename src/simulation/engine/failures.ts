/**
 * Where interruptions come from and what they cost in nodes: unexpected failures as one cluster-level Poisson
 * process or one Weibull renewal clock per node, and the pool of hot spares that failed nodes leave for repair.
 */
import { detExp, detGamma, detLog } from '../detmath.js';
import type { ReliabilityParams } from '../presets.js';
import type { RandomStream } from '../rng.js';
import { insertSorted } from './summary.js';
import { US } from './types.js';

export interface FailureSource {
  peek(): number;
  pop(): void;
}

/** Cluster-level Poisson process (superposition of N independent exponential components). */
export class PoissonFailures implements FailureSource {
  private next: number;
  constructor(
    private readonly stream: RandomStream,
    private readonly meanUs: number,
  ) {
    this.next = Number.isFinite(meanUs) ? Math.round(stream.exponential(meanUs)) : Infinity;
  }
  peek(): number {
    return this.next;
  }
  pop(): void {
    this.next += Math.round(this.stream.exponential(this.meanUs));
  }
}

/** One Weibull renewal clock per node, in a binary min-heap. */
export class WeibullNodeFailures implements FailureSource {
  private readonly times: Float64Array;
  private readonly heap: Int32Array;
  private readonly scaleUs: number;
  constructor(
    private readonly stream: RandomStream,
    nodes: number,
    private readonly shape: number,
    nodeMeanUs: number,
    equilibrium: boolean,
  ) {
    // Mean of a Weibull(k, λ) is λ·Γ(1 + 1/k).
    this.scaleUs = nodeMeanUs / detGamma(1 + 1 / shape);
    this.times = new Float64Array(nodes);
    this.heap = new Int32Array(nodes);
    for (let i = 0; i < nodes; i++) {
      let first: number;
      if (equilibrium) {
        // Equilibrium residual life (reliability-data.md, traps): the interval covering t = 0 is length-biased,
        // G ~ Gamma(1 + 1/k), T = λ·G^(1/k); the time left is U·T.
        const g = stream.gamma(1 + 1 / shape);
        const total = this.scaleUs * detExp(detLog(g) / shape);
        first = stream.nextDouble() * total;
      } else {
        first = stream.weibull(shape, this.scaleUs);
      }
      this.times[i] = Math.round(first);
      this.heap[i] = i;
    }
    for (let i = (nodes >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }
  peek(): number {
    return this.heap.length === 0 ? Infinity : this.times[this.heap[0]!]!;
  }
  pop(): void {
    const node = this.heap[0]!;
    // The failed slot renews with a fresh (new or repaired) node.
    this.times[node] = this.times[node]! + Math.max(1, Math.round(this.stream.weibull(this.shape, this.scaleUs)));
    this.siftDown(0);
  }
  private siftDown(i: number): void {
    const heap = this.heap;
    const times = this.times;
    const n = heap.length;
    const item = heap[i]!;
    const t = times[item]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && times[heap[r]!]! < times[heap[l]!]!) c = r;
      if (times[heap[c]!]! >= t) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = item;
  }
}

/** Hot spares and nodes in repair (lognormal mixture of automatic and manual); repaired nodes become spares. */
export class NodePool {
  /** Completion times of nodes in repair, ascending (they return to the spare pool). */
  private readonly repairs: number[] = [];

  constructor(
    public spares: number,
    private readonly stream: RandomStream,
    private readonly r: ReliabilityParams,
  ) {}

  private drawRepairUs(): number {
    const manual = this.stream.nextDouble() < this.r.manualRepairFraction;
    const median = manual ? this.r.manualRepairMedianSeconds : this.r.repairMedianSeconds;
    return Math.max(1, Math.round(this.stream.lognormal(median * US, this.r.repairSigma)));
  }

  private returnRepairedNodes(now: number): void {
    while (this.repairs.length > 0 && this.repairs[0]! <= now) {
      this.repairs.shift();
      this.spares++;
    }
  }

  /** A replacement node for a failed one: a hot spare now, else the earliest repair; returns when it is ready. */
  acquireNode(now: number): number {
    this.returnRepairedNodes(now);
    const repairDone = now + this.drawRepairUs();
    if (this.spares > 0) {
      this.spares--;
      insertSorted(this.repairs, repairDone);
      return now;
    }
    insertSorted(this.repairs, repairDone);
    return this.repairs.shift()!; // the first node out of repair joins the job directly
  }
}
