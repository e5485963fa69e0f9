/**
 * Plan search: the best parallel layout for a model on a cluster. The code lives in ./search/ (index.ts tells the
 * space and the pruning; options, space, rank, prune, explain, progress, evaluator, types); this module keeps the
 * public names where callers import them.
 */
export * from './search/index.js';
