/**
 * TrainingPlan: one model on one cluster with one parallel layout — memory, communication, performance, run and
 * scaling-law loss, from the core's planner. Also saved plans (ids `p_…`).
 *
 * Reuse (simulation, plan search): `TrainingPlanInputRef` is the input type to embed (e.g. `SimulationInput.plan`),
 * `resolvePlanInput(ctx, input, path)` turns it into model, cluster, layout and options (throwing input errors that
 * name `path.field`, mapped to BAD_USER_INPUT / NOT_FOUND once by maskError), `evaluatePlanInput` adds the estimate,
 * and `TrainingPlanRef` renders a `TrainingPlanView` — build one for any layout with `makeTrainingPlanView`.
 */
// The code lives in ./plan/ — inputs, resolve, types (with the trainingPlan queries), saved (saved plans) — loaded
// in that order; this module keeps the names callers import.
export * from './plan/inputs.js';
export * from './plan/resolve.js';
export * from './plan/types.js';
export * from './plan/saved.js';
