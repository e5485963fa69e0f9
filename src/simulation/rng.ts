/**
 * A small deterministic PRNG with named streams (common random numbers).
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"), 128-bit
 * state, 32-bit outputs, only 32-bit integer ops (Math.imul, shifts) — bit-identical on every JS engine.
 * Seeding: SplitMix32-style mixing of (seed, replica, FNV-1a hash of the stream name), so each process of the model
 * (failures, causes, planned stops, restarts, repairs, stragglers…) draws from its own stream. Changing one part
 * of the model (e.g. the checkpoint interval) therefore leaves every other stream — failure times included — as
 * it was (reliability-data.md: named random streams give common random numbers).
 * Continuous variates use the deterministic functions of detmath.ts, not Math.log/exp.
 */
import { detExp, detLog, detSqrt } from './detmath.js';

/** FNV-1a, 32 bit, over the UTF-16 code units of a name. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A strong 32-bit finaliser (murmur3 fmix32). */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const nameHashes = new Map<string, number>();

/** The 32-bit key of stream (seed, replica, name, index): every input mixed in through fmix32. */
function streamKey(seed: number, replica: number, name: string, index: number): number {
  const s = Math.abs(Math.trunc(seed));
  const lo = s >>> 0;
  const hi = Math.floor(s / 4294967296) >>> 0;
  let nameHash = nameHashes.get(name);
  if (nameHash === undefined) {
    nameHash = fnv1a32(name);
    nameHashes.set(name, nameHash);
  }
  let key = fmix32(lo ^ fmix32(hi + 0x9e3779b9));
  key = fmix32(key ^ fmix32((replica >>> 0) + 0x7f4a7c15));
  key = fmix32(key ^ nameHash);
  return fmix32(key ^ fmix32((index >>> 0) + 0x632be5ab));
}

export class RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream for (seed, replica, name); `index` derives sub-streams (e.g. one per hour block). */
  constructor(seed: number, replica: number, name: string, index = 0) {
    let key = streamKey(seed, replica, name, index);
    // SplitMix32-style: an additive Weyl sequence over the key, finalised by fmix32.
    const next = (): number => {
      key = (key + 0x9e3779b9) >>> 0;
      return fmix32(key);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the all-zero state is a fixed point
  }

  /**
   * The first `nextOpenDouble()` of the stream (seed, replica, name, index), without allocating a stream:
   * bit-identical to `new RandomStream(seed, replica, name, index).nextOpenDouble()`. For per-block draws.
   */
  static uniformAt(seed: number, replica: number, name: string, index: number): number {
    const key = streamKey(seed, replica, name, index);
    let a = fmix32((key + 0x9e3779b9) >>> 0);
    let b = fmix32((key + 0x3c6ef372) >>> 0);
    let c = fmix32((key + 0xdaa66d2b) >>> 0);
    let d = fmix32((key + 0x78dde6e4) >>> 0);
    if ((a | b | c | d) === 0) a = 1;
    // Two xoshiro128** steps (see nextUint32).
    const r1 = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    const r2 = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    return 1 - ((r1 >>> 5) * 67108864 + (r2 >>> 6)) / 9007199254740992;
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in (0, 1]: safe for logarithms. */
  nextOpenDouble(): number {
    return 1 - this.nextDouble();
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * detLog(this.nextOpenDouble());
  }

  /** Standard normal (Marsaglia polar method: needs only log and sqrt). */
  normal(): number {
    for (;;) {
      const u = 2 * this.nextDouble() - 1;
      const v = 2 * this.nextDouble() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * detSqrt((-2 * detLog(s)) / s);
    }
  }

  /** Lognormal with the given median and log-space σ (σ = 0 → the median itself). */
  lognormal(median: number, sigma: number): number {
    if (sigma === 0) return median;
    return median * detExp(sigma * this.normal());
  }

  /** Weibull with shape k and scale λ: λ·(−ln U)^(1/k). */
  weibull(shape: number, scale: number): number {
    const e = -detLog(this.nextOpenDouble());
    return scale * detExp(detLog(e) / shape);
  }

  /** Gamma(shape ≥ 1, scale 1), Marsaglia & Tsang (2000). */
  gamma(shape: number): number {
    if (shape < 1) throw new RangeError(`gamma shape ${shape} < 1 is not supported`);
    const d = shape - 1 / 3;
    const c = 1 / detSqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v0 = 1 + c * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const u = this.nextOpenDouble();
      if (detLog(u) < 0.5 * x * x + d - d * v + d * detLog(v)) return d * v;
    }
  }

  /** Index drawn with probability proportional to `weights` (all ≥ 0, sum > 0). */
  categorical(weights: readonly number[], total: number): number {
    let u = this.nextDouble() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i]!;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
