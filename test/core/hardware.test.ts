import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_PUE, GPU_CATALOG, customGpu, findGpu, makeCluster, peakFlopsFor } from '../../src/core/hardware.js';
import type { GpuSpec } from '../../src/core/types.js';
import { fieldOf } from './field-of.js';

function gpu(id: string): GpuSpec {
  const found = findGpu(id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
}

describe('GPU catalog', () => {
  it('has every required id, each once, lowercase', () => {
    const ids = GPU_CATALOG.map((g) => g.id);
    for (const id of ['v100-32gb', 'a100-40gb', 'a100-80gb', 'h100-sxm', 'h200', 'b200', 'b300', 'gb200', 'gb300', 'mi300x']) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toBe(id.toLowerCase());
  });

  it('matches vendor datasheets (dense tensor-core peaks, HBM)', () => {
    // NVIDIA A100 datasheet: BF16/FP16 312 TFLOPS dense, TF32 156, 80 GB HBM2e at 2,039 GB/s, no FP8.
    expect(gpu('a100-80gb').peakFlopsPerSecond.BF16).toBe(312e12);
    expect(gpu('a100-80gb').peakFlopsPerSecond.TF32).toBe(156e12);
    expect(gpu('a100-80gb').peakFlopsPerSecond.FP8).toBeNull();
    expect(gpu('a100-80gb').memoryBytes).toBe(80e9);
    expect(gpu('a100-40gb').memoryBytes).toBe(40e9);
    expect(gpu('a100-80gb').memoryBandwidthBytesPerSecond).toBe(2.039e12);
    // NVIDIA H100 SXM datasheet: 989.4 TFLOPS dense BF16 (1,979 sparse), 1,979 dense FP8, 80 GB, 3.35 TB/s.
    expect(gpu('h100-sxm').peakFlopsPerSecond.BF16 / 1e12).toBeCloseTo(989.4, 1);
    expect(gpu('h100-sxm').peakFlopsPerSecond.FP8! / 1e12).toBeCloseTo(1978.9, 1);
    expect(gpu('h100-sxm').memoryBytes).toBe(80e9);
    // H200: 141 GB HBM3e, same compute as H100 SXM.
    expect(gpu('h200').memoryBytes).toBe(141e9);
    expect(gpu('h200').peakFlopsPerSecond.BF16).toBe(gpu('h100-sxm').peakFlopsPerSecond.BF16);
    // V100: 32 GB, FP16 tensor 125 TFLOPS; no TF32/BF16 tensor cores (FP32 rate).
    expect(gpu('v100-32gb').memoryBytes).toBe(32e9);
    expect(gpu('v100-32gb').peakFlopsPerSecond.FP16).toBe(125e12);
    expect(gpu('v100-32gb').peakFlopsPerSecond.BF16).toBe(gpu('v100-32gb').peakFlopsPerSecond.FP32);
    // MI300X: 192 GB HBM3, 1,307.4 TFLOPS dense FP16/BF16.
    expect(gpu('mi300x').memoryBytes).toBe(192e9);
    expect(gpu('mi300x').peakFlopsPerSecond.BF16 / 1e12).toBeCloseTo(1307.4, 1);
    // Per-GPU scale-out: one 200 Gb/s HDR NIC per A100 (DGX A100), one 400 Gb/s NDR per H100 (DGX H100).
    expect(gpu('a100-80gb').interNodeBandwidthBytesPerSecond).toBe(25e9);
    expect(gpu('h100-sxm').interNodeBandwidthBytesPerSecond).toBe(50e9);
    // NVLink one direction: A100 600/2, H100 900/2 GB/s.
    expect(gpu('a100-80gb').intraNodeBandwidthBytesPerSecond).toBe(300e9);
    expect(gpu('h100-sxm').intraNodeBandwidthBytesPerSecond).toBe(450e9);
  });

  it('is internally consistent: tensor peaks ≥ FP32, FP16 = BF16 on chips with BF16 tensor cores, intra > inter', () => {
    for (const g of GPU_CATALOG) {
      const p = g.peakFlopsPerSecond;
      expect(p.TF32).toBeGreaterThanOrEqual(p.FP32);
      expect(p.FP16).toBeGreaterThan(p.TF32);
      if (g.id !== 'v100-32gb') expect(p.BF16).toBe(p.FP16);
      if (p.FP8 !== null) expect(p.FP8).toBeCloseTo(2 * p.BF16, -12);
      expect(g.intraNodeBandwidthBytesPerSecond).toBeGreaterThan(g.interNodeBandwidthBytesPerSecond);
      expect(g.memoryBandwidthBytesPerSecond).toBeGreaterThan(g.intraNodeBandwidthBytesPerSecond);
      expect(g.gpuHourUsd).toBeGreaterThan(0);
      expect(g.tdpWatts).toBeGreaterThanOrEqual(300);
      expect(Number.isInteger(g.gpusPerNode)).toBe(true);
    }
  });

  it('newer generations are faster and larger', () => {
    const order = ['v100-32gb', 'a100-80gb', 'h100-sxm', 'b200'].map(gpu);
    for (let i = 1; i < order.length; i++) {
      expect(order[i]!.peakFlopsPerSecond.BF16).toBeGreaterThan(order[i - 1]!.peakFlopsPerSecond.BF16);
      expect(order[i]!.memoryBandwidthBytesPerSecond).toBeGreaterThan(order[i - 1]!.memoryBandwidthBytesPerSecond);
    }
  });

  it('findGpu is case-insensitive and returns undefined for unknown ids', () => {
    expect(findGpu('H100-SXM')?.id).toBe('h100-sxm');
    expect(findGpu('tpu-v4')).toBeUndefined();
  });
});

describe('peakFlopsFor', () => {
  it('uses TF32 tensor cores for FP32 training, and the precision peak otherwise', () => {
    expect(peakFlopsFor(gpu('a100-80gb'), 'FP32')).toBe(156e12);
    expect(peakFlopsFor(gpu('a100-80gb'), 'BF16')).toBe(312e12);
    expect(peakFlopsFor(gpu('v100-32gb'), 'FP16')).toBe(125e12);
    expect(peakFlopsFor(gpu('v100-32gb'), 'FP32')).toBe(15.7e12);
    expect(peakFlopsFor(gpu('h100-sxm'), 'FP8')).toBe(gpu('h100-sxm').peakFlopsPerSecond.FP8);
  });

  it('rejects FP8 on chips without FP8 instead of silently falling back', () => {
    expect(fieldOf(() => peakFlopsFor(gpu('a100-80gb'), 'FP8'))).toBe('precision');
    expect(fieldOf(() => peakFlopsFor(gpu('v100-32gb'), 'FP8'))).toBe('precision');
    expect(() => peakFlopsFor(gpu('a100-80gb'), 'FP8')).toThrow(/no FP8/);
  });
});

describe('customGpu', () => {
  const base = {
    id: 'my-chip',
    name: 'My chip',
    memoryBytes: 96e9,
    peakFlopsPerSecond: { FP32: 50e12, TF32: 400e12, BF16: 800e12, FP16: 800e12, FP8: null },
  };

  it('fills documented defaults and keeps given fields', () => {
    const g = customGpu({ ...base, tdpWatts: 600 });
    expect(g.memoryBytes).toBe(96e9);
    expect(g.tdpWatts).toBe(600);
    expect(g.vendor).toBe('custom');
    expect(g.interNodeBandwidthBytesPerSecond).toBe(25e9);
    expect(g.gpusPerNode).toBe(8);
    expect(peakFlopsFor(g, 'BF16')).toBe(800e12);
  });

  it('names the offending field', () => {
    expect(fieldOf(() => customGpu({ ...base, id: '' }))).toBe('gpu.id');
    expect(fieldOf(() => customGpu({ ...base, memoryBytes: Number.NaN }))).toBe('gpu.memoryBytes');
    expect(fieldOf(() => customGpu({ ...base, memoryBytes: -1 }))).toBe('gpu.memoryBytes');
    expect(
      fieldOf(() => customGpu({ ...base, peakFlopsPerSecond: { ...base.peakFlopsPerSecond, BF16: 0 } })),
    ).toBe('gpu.peakFlopsPerSecond.BF16');
    expect(
      fieldOf(() => customGpu({ ...base, peakFlopsPerSecond: { ...base.peakFlopsPerSecond, FP8: Infinity } })),
    ).toBe('gpu.peakFlopsPerSecond.FP8');
    expect(fieldOf(() => customGpu({ ...base, gpusPerNode: 2.5 }))).toBe('gpu.gpusPerNode');
    expect(fieldOf(() => customGpu({ ...base, interNodeBandwidthBytesPerSecond: 0 }))).toBe(
      'gpu.interNodeBandwidthBytesPerSecond',
    );
  });
});

describe('makeCluster', () => {
  it('builds a cluster with the GPU price and the default PUE', () => {
    const c = makeCluster({ gpu: gpu('a100-80gb'), gpusPerNode: 8, nodes: 128 });
    expect(c.nodes * c.gpusPerNode).toBe(1024);
    expect(c.gpuHourUsd).toBe(gpu('a100-80gb').gpuHourUsd);
    expect(c.pue).toBe(DEFAULT_PUE);
    expect(c.pue).toBe(1.2);
    expect(makeCluster({ gpu: gpu('h100-sxm'), gpusPerNode: 8, nodes: 2, gpuHourUsd: 1.99, pue: 1.1 }).gpuHourUsd).toBe(1.99);
  });

  it('names the offending field', () => {
    const g = gpu('h100-sxm');
    expect(fieldOf(() => makeCluster({ gpu: g, gpusPerNode: 0, nodes: 1 }))).toBe('gpusPerNode');
    expect(fieldOf(() => makeCluster({ gpu: g, gpusPerNode: 8, nodes: 0 }))).toBe('nodes');
    expect(fieldOf(() => makeCluster({ gpu: g, gpusPerNode: 8, nodes: Number.NaN }))).toBe('nodes');
    expect(fieldOf(() => makeCluster({ gpu: g, gpusPerNode: 8, nodes: 1.5 }))).toBe('nodes');
    expect(fieldOf(() => makeCluster({ gpu: g, gpusPerNode: 8, nodes: 200_000 }))).toBe('nodes');
    expect(fieldOf(() => makeCluster({ gpu: g, gpusPerNode: 8, nodes: 1, gpuHourUsd: -1 }))).toBe('gpuHourUsd');
    expect(fieldOf(() => makeCluster({ gpu: g, gpusPerNode: 8, nodes: 1, pue: 0.9 }))).toBe('pue');
    expect(fieldOf(() => makeCluster({ gpu: g, gpusPerNode: 8, nodes: 1, pue: Number.NaN }))).toBe('pue');
    expect(fieldOf(() => makeCluster({ gpu: g, gpusPerNode: 8, nodes: 1, interNodeBandwidthBytesPerSecond: 5e7 }))).toBe('interNodeBandwidthBytesPerSecond');
    expect(fieldOf(() => makeCluster({ gpu: g, gpusPerNode: 8, nodes: 1, interNodeBandwidthBytesPerSecond: Number.POSITIVE_INFINITY }))).toBe(
      'interNodeBandwidthBytesPerSecond',
    );
  });

  it('takes a fabric other than the GPU\'s usual server, leaving the catalog GPU as it is', () => {
    // BLOOM's Jean Zay (Le Scao et al. 2022 §3.4.1): four 100 Gb/s Omni-Path links per node of 8 A100 → 6.25 GB/s per GPU.
    const a100 = gpu('a100-80gb');
    const jeanZay = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 48, interNodeBandwidthBytesPerSecond: (4 * 100e9) / 8 / 8 });
    expect(jeanZay.gpu.interNodeBandwidthBytesPerSecond).toBe(6.25e9);
    expect(jeanZay.gpu.id).toBe('a100-80gb');
    // DGX A100: one 200 Gb/s HDR InfiniBand NIC per GPU = 25 GB/s, untouched in the catalog.
    expect(findGpu('a100-80gb')!.interNodeBandwidthBytesPerSecond).toBe(25e9);
    expect(makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 48, interNodeBandwidthBytesPerSecond: null }).gpu).toBe(a100);
  });

  it('accepts every valid size up to 1,000,000 GPUs and rejects beyond (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 2_000_000 }), (perNode, nodes) => {
        const ok = perNode * nodes <= 1_000_000;
        const field = fieldOf(() => makeCluster({ gpu: gpu('b200'), gpusPerNode: perNode, nodes }));
        return ok ? field === undefined : field === 'nodes';
      }),
    );
  });
});
