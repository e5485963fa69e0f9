/** Slowdowns: diurnal swing, stragglers (the slowest of N ranks per hour block) and fail-slow episodes. */
import { detCos, detExp, detLog } from '../detmath.js';
import { RandomStream } from '../rng.js';
import { HOUR_US, type ResolvedSimulation, US } from './types.js';

function detExpm1(x: number): number {
  if (Math.abs(x) < 1e-5) return x + (x * x) / 2 + (x * x * x) / 6;
  return detExp(x) - 1;
}

/**
 * Step-time multiplier over wall time: piecewise constant on hour blocks (diurnal × straggler tax) and fail-slow
 * episodes. Queried with non-decreasing times only (episodes are generated lazily, in order).
 */
export class SpeedProfile {
  private readonly hourly: boolean;
  private readonly diurnal: Float64Array;
  private cachedHour = -1;
  private cachedFactor = 1;
  private episodeStart = Infinity;
  private episodeEnd = Infinity;
  private readonly episodeGapUs: number;
  private readonly failSlowStream: RandomStream;

  constructor(
    private readonly sim: ResolvedSimulation,
    private readonly replica: number,
  ) {
    const r = sim.reliability;
    this.hourly = r.diurnalAmplitudeFraction > 0 || r.stragglerJitterFraction > 0;
    this.diurnal = new Float64Array(24);
    for (let h = 0; h < 24; h++) {
      // Diurnal throughput variation of 1–2 % (Llama 3 paper): slowest mid-day, raised cosine over 24 h.
      this.diurnal[h] = 1 + (r.diurnalAmplitudeFraction * (1 - detCos((2 * Math.PI * (h + 0.5)) / 24))) / 2;
    }
    this.failSlowStream = new RandomStream(sim.setup.seed, replica, 'fail-slow');
    const rate = r.failSlowEpisodesPerGpuHour * sim.setup.gpuCount;
    this.episodeGapUs = rate > 0 ? HOUR_US / rate : Infinity;
    if (Number.isFinite(this.episodeGapUs)) this.scheduleEpisode(0);
  }

  private scheduleEpisode(after: number): void {
    const r = this.sim.reliability;
    this.episodeStart = after + Math.round(this.failSlowStream.exponential(this.episodeGapUs));
    this.episodeEnd =
      this.episodeStart + Math.max(1, Math.round(this.failSlowStream.lognormal(r.failSlowMedianSeconds * US, 0.7)));
  }

  private hourFactor(hour: number): number {
    if (hour === this.cachedHour) return this.cachedFactor;
    const r = this.sim.reliability;
    let f = this.diurnal[hour % 24]!;
    if (r.stragglerJitterFraction > 0) {
      // Synchronous training waits for the slowest of N ranks: one draw of the maximum of N exponential excesses
      // per hour block, F⁻¹(U^(1/N)) = −μ·ln(1 − U^(1/N)) (reliability-data.md, traps).
      const u = RandomStream.uniformAt(this.sim.setup.seed, this.replica, 'stragglers', hour);
      const oneMinus = -detExpm1(detLog(u) / this.sim.setup.gpuCount);
      f *= 1 + r.stragglerJitterFraction * -detLog(oneMinus);
    }
    this.cachedHour = hour;
    this.cachedFactor = f;
    return f;
  }

  private advanceEpisodes(t: number): void {
    while (t >= this.episodeEnd) this.scheduleEpisode(this.episodeEnd);
  }

  factorAt(t: number): number {
    this.advanceEpisodes(t);
    const base = this.hourly ? this.hourFactor(Math.floor(t / HOUR_US)) : 1;
    return t >= this.episodeStart ? base * (1 + this.sim.reliability.failSlowSlowdownFraction) : base;
  }

  nextChangeAfter(t: number): number {
    this.advanceEpisodes(t);
    let next = this.hourly ? (Math.floor(t / HOUR_US) + 1) * HOUR_US : Infinity;
    if (t < this.episodeStart) next = Math.min(next, this.episodeStart);
    else next = Math.min(next, this.episodeEnd);
    return next;
  }
}
