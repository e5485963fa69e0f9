/**
 * estimateStep as the sum of its terms (src/core/performance/step.ts): on every published run of the validation
 * suite the terms' exposed seconds add up to the step time, and the per-source communication figures are the terms'.
 * Tolerance: 1e-12 relative (floating-point reassociation only).
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../../src/core/hardware.js';
import { computeModelCounts } from '../../../src/core/model.js';
import { estimateStep } from '../../../src/core/performance.js';
import { resolveLayout } from '../../../src/core/plan.js';
import { findModelPreset } from '../../../src/core/presets.js';
import { applyRecipe } from '../../../src/core/recipes.js';
import { VALIDATION_RUNS } from '../../../src/core/validation/runs.js';
import { validationGpusPerNode } from '../../../src/core/validation/suite.js';

function stepOf(id: string) {
  const run = VALIDATION_RUNS.find((r) => r.id === id)!;
  const gpu = { ...findGpu(run.gpu)!, ...run.gpuChanges };
  const arch = { ...findModelPreset(run.model)!, ...run.modelChanges };
  const gpusPerNode = validationGpusPerNode(run);
  const cluster = makeCluster({ gpu, gpusPerNode, nodes: run.gpus / gpusPerNode });
  const withRecipe = applyRecipe(run.trainingRecipe, run.layout, run.options ?? {}, arch);
  const layout = resolveLayout(arch, cluster, withRecipe.layout, 'test');
  return estimateStep(arch, computeModelCounts(arch), cluster, layout, withRecipe.options);
}

describe('the step is the sum of its terms', () => {
  it.each(VALIDATION_RUNS.map((r) => r.id))('%s', (id) => {
    const step = stepOf(id);
    const exposed = step.terms.reduce((sum, term) => sum + term.exposedSeconds, 0);
    expect(exposed / step.performance.stepSeconds).toBeCloseTo(1, 12);
    const byName = Object.fromEntries(step.terms.map((term) => [term.name, term]));
    expect(byName.EXPERT_PARALLEL?.exposedSeconds).toBe(step.communication.exposedExpertParallelSeconds);
    expect(byName.DATA_PARALLEL?.seconds).toBe(step.communication.dataParallelSeconds);
    expect(byName.PIPELINE_BUBBLE?.seconds).toBe(step.performance.bubbleSeconds);
    for (const term of step.terms) {
      expect(term.exposedSeconds, term.name).toBeGreaterThanOrEqual(0);
      expect(term.explanation.length, term.name).toBeGreaterThan(20);
    }
  });
});
