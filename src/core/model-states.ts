/**
 * Model states per GPU under ZeRO (Rajbhandari et al. 2020, Figure 1 and §5): parameters, gradients and optimizer
 * states by stage, precision and optimizer. Units: bytes. Pure.
 */
import { InvalidInputError, requireFinite, requireInteger } from './errors.js';
import { gradientBytesFor, optimizerStateBytesFor, parameterBytesFor } from './precision.js';
import type { OptimizerKind, Precision, ZeroStage } from './types.js';

export interface ZeroStageMemory {
  stage: ZeroStage;
  parametersBytes: number;
  gradientsBytes: number;
  optimizerStatesBytes: number;
  totalBytes: number;
}

/**
 * Model-state bytes per device for each ZeRO stage (ZeRO paper Figure 1): (2+2+K)Ψ, 2Ψ+2Ψ+KΨ/N_d,
 * 2Ψ+(2+K)Ψ/N_d, (2+2+K)Ψ/N_d — with the byte counts of `precision` and `optimizer` (K = 12 for mixed Adam).
 */
export function modelStateMemoryByZeroStage(
  parameters: number,
  dataParallel: number,
  optimizerKind?: OptimizerKind | null,
  precisionKind?: Precision | null,
): ZeroStageMemory[] {
  requireFinite('parameters', parameters, 0);
  requireInteger('dataParallel', dataParallel, 1);
  // null (an omitted GraphQL argument) means the default, as undefined does.
  const optimizer = optimizerKind ?? 'ADAM';
  const precision = requirePrecision(precisionKind ?? 'BF16');
  const pb = parameterBytesFor(precision);
  const gb = gradientBytesFor(precision);
  const k = optimizerStateBytesFor(optimizer, precision);
  const out: ZeroStageMemory[] = [];
  for (const stage of [0, 1, 2, 3] as const) {
    const parametersBytes = (pb * parameters) / (stage >= 3 ? dataParallel : 1);
    const gradientsBytes = (gb * parameters) / (stage >= 2 ? dataParallel : 1);
    const optimizerStatesBytes = (k * parameters) / (stage >= 1 ? dataParallel : 1);
    out.push({
      stage,
      parametersBytes,
      gradientsBytes,
      optimizerStatesBytes,
      totalBytes: parametersBytes + gradientsBytes + optimizerStatesBytes,
    });
  }
  return out;
}

export function requirePrecision(precision: Precision): Precision {
  if (precision !== 'FP32' && precision !== 'FP16' && precision !== 'BF16' && precision !== 'FP8') {
    throw new InvalidInputError('precision', precision, 'one of FP32, FP16, BF16, FP8');
  }
  return precision;
}

/** Model-state bytes per parameter held by a GPU (before sharding) after ZeRO sharding over `dataParallel`. */
export function modelStateBytesPerParameter(
  zeroStage: ZeroStage,
  dataParallel: number,
  optimizer: OptimizerKind = 'ADAM',
  precision: Precision = 'BF16',
): number {
  // ZeRO paper §5: P_os shards K, P_g also the 2 gradient bytes, P_p also the 2 parameter bytes.
  return (
    parameterBytesFor(precision) / (zeroStage >= 3 ? dataParallel : 1) +
    gradientBytesFor(precision) / (zeroStage >= 2 ? dataParallel : 1) +
    optimizerStateBytesFor(optimizer, precision) / (zeroStage >= 1 ? dataParallel : 1)
  );
}
