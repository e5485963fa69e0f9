/** Model-state memory by ZeRO stage (the ZeRO paper's Figure 1) and the largest trainable model (its Table 2). */
import { maxTrainableParameters, modelStateMemoryByZeroStage, type ZeroStageMemory } from '../core/memory.js';
import type { ZeroStage } from '../core/types.js';
import { builder } from './builder.js';
import { OptimizerEnum, PrecisionEnum } from './enums.js';
import { requireGpu } from './gpu.js';
import { floatIn, intIn, MAX_GPUS, MAX_PARAMETERS } from './validation.js';

export const ZeroStageMemoryRef = builder.objectRef<ZeroStageMemory>('ZeroStageMemory').implement({
  description:
    'Model-state bytes per GPU under one ZeRO stage (Rajbhandari et al. 2020, Figure 1): 16-bit parameters and gradients plus K bytes of optimizer state per parameter, each sharded over data parallelism from the stage on which ZeRO partitions it.',
  fields: (t) => ({
    stage: t.exposeInt('stage', { description: 'ZeRO stage: 0 none, 1 optimizer states, 2 + gradients, 3 + parameters partitioned.' }),
    parametersBytes: t.exposeFloat('parametersBytes', { description: 'Parameter bytes per GPU.' }),
    gradientsBytes: t.exposeFloat('gradientsBytes', { description: 'Gradient bytes per GPU.' }),
    optimizerStatesBytes: t.exposeFloat('optimizerStatesBytes', { description: 'Optimizer-state bytes per GPU (incl. fp32 master weights under mixed precision).' }),
    totalBytes: t.exposeFloat('totalBytes', { description: 'Sum of the three, in bytes per GPU.' }),
  }),
});

builder.queryFields((t) => ({
  modelStateMemory: t.field({
    type: [ZeroStageMemoryRef],
    description:
      'Model-state bytes per GPU for ZeRO stages 0–3 (the ZeRO paper\'s Figure 1: 7.5B parameters on 64 GPUs → 120, 31.4, 16.6, 1.88 GB). Activations and buffers are not included.',
    args: {
      parameters: t.arg.float({ required: true, description: 'Model parameters Ψ.', validate: floatIn(0, MAX_PARAMETERS) }),
      dataParallel: t.arg.int({ required: true, description: 'Data-parallel degree N_d the states are sharded over.', validate: intIn(1, MAX_GPUS) }),
      optimizer: t.arg({ type: OptimizerEnum, defaultValue: 'ADAM', description: 'Optimizer (sets K).' }),
      precision: t.arg({ type: PrecisionEnum, defaultValue: 'BF16', description: 'Training precision.' }),
    },
    resolve: (_root, args) => modelStateMemoryByZeroStage(args.parameters, args.dataParallel, args.optimizer ?? 'ADAM', args.precision ?? 'BF16'),
  }),
  maxTrainableParameters: t.float({
    description:
      'Largest parameter count whose model states fit in one GPU\'s memory (the ZeRO paper\'s max-model-size table: model states only, no activations).',
    args: {
      gpu: t.arg.id({ required: true, description: 'Catalog GPU id, e.g. `v100-32gb`.' }),
      gpus: t.arg.int({ required: true, description: 'GPUs in total (a multiple of tensorParallel × pipelineParallel).', validate: intIn(1, MAX_GPUS) }),
      zeroStage: t.arg.int({ required: true, description: 'ZeRO stage 0–3.', validate: intIn(0, 3) }),
      tensorParallel: t.arg.int({ defaultValue: 1, description: 'Tensor-parallel degree.', validate: intIn(1, MAX_GPUS) }),
      pipelineParallel: t.arg.int({ defaultValue: 1, description: 'Pipeline-parallel degree.', validate: intIn(1, MAX_GPUS) }),
      optimizer: t.arg({ type: OptimizerEnum, defaultValue: 'ADAM', description: 'Optimizer (sets K).' }),
      precision: t.arg({ type: PrecisionEnum, defaultValue: 'BF16', description: 'Training precision.' }),
    },
    resolve: (_root, args) =>
      maxTrainableParameters({
        gpu: requireGpu(args.gpu, 'gpu'),
        gpus: args.gpus,
        zeroStage: args.zeroStage as ZeroStage,
        tensorParallel: args.tensorParallel ?? 1,
        pipelineParallel: args.pipelineParallel ?? 1,
        optimizer: args.optimizer ?? 'ADAM',
        precision: args.precision ?? 'BF16',
      }),
  }),
}));
