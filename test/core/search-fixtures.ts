/** The standard case the search tests share: GPT-3 175B on 1,024 A100-80GB, 8 per node (Narayanan et al. 2021 §5.1). */
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ModelArchitecture } from '../../src/core/types.js';

export const a100 = findGpu('a100-80gb') as GpuSpec;
export const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
export const gpt3Counts = computeModelCounts(gpt3);
export const cluster1024 = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 128 });
