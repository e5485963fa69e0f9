/**
 * Whole responses of read-only queries kept and served again without parsing, validating, building a context,
 * executing or serialising (yoga's `onParams`: the request's parameters are known, nothing else has run). Those
 * fields are functions of their arguments and of the saved items (models, clusters, plans) alone — the presets and
 * the core model never change while the server runs — so a response is keyed by the query text, the operation
 * name and the variables, and every entry is dropped when any mutation starts or ends (all saved-item changes are
 * mutations). A query that was running while a mutation started or ended is not kept.
 *
 * Kept only when the answer cannot depend on who asks or on another process: the request carries no
 * Authorization header, reads need no key, and the saved items live in this process's SQLite (with PostgreSQL,
 * replicas change them behind our back). Responses with errors are never kept. Bounded by entries and by size.
 */
import { Kind, parse, type DefinitionNode, type DocumentNode, type ExecutionResult, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { performance } from 'node:perf_hooks';
import { MAX_DOCUMENT_CHARS } from './limits.js';

/** Root query fields answered from arguments and saved items only. */
export const CACHEABLE_QUERY_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'gpu',
  'gpus',
  'model',
  'models',
  'cluster',
  'clusters',
  'plan',
  'plans',
  'trainingPlan',
  'trainingPlanOrError',
  'modelStateMemory',
  'maxTrainableParameters',
  'computeOptimal',
  'scalingLawLoss',
  'extrapolation',
  'reliabilityPresets',
]);
/** Responses kept (least recently used dropped first). */
export const RESPONSE_CACHE_ENTRIES = 1_000;
/** Largest response kept, in characters of JSON (a long `models` list is ≈ 20 kB): with keys of at most
 * MAX_DOCUMENT_CHARS, at most ≈ 85 MB in all (typical entries are well under 1 kB). */
export const RESPONSE_CACHE_MAX_BYTES = 64_000;
/** Query texts remembered as cacheable or not (each parsed once). */
const DOCUMENTS = 1_000;

interface Entry {
  result: ExecutionResult & { stringify: () => string };
}

export interface ResponseCache {
  plugin: Plugin;
  /** Entries held now. */
  size(): number;
  readonly stats: { hits: number; misses: number };
}

/** Only query operations whose root selections are all cacheable fields (inline fragments allowed). */
function cacheableRoot(set: SelectionSetNode): boolean {
  return set.selections.every((s) =>
    s.kind === Kind.FIELD ? CACHEABLE_QUERY_FIELDS.has(s.name.value) : s.kind === Kind.INLINE_FRAGMENT && cacheableRoot(s.selectionSet),
  );
}

/** The document if its selected operation may be cached, else null (also for text that does not parse). */
function cacheableDocument(query: string, operationName: string | null | undefined): DocumentNode | null {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return null;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? operations.find((d) => d.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  return op?.operation === 'query' && cacheableRoot(op.selectionSet) ? document : null;
}

export function createResponseCache(options: {
  /** Called for every answer from the cache (operation metrics and the request's log line), with the seconds the
   * cache took to find it (from the request's parameters to the answer: what execution takes on a miss). */
  onHit?(document: DocumentNode, operationName: string | null | undefined, serverContext: unknown, seconds: number): void;
  entries?: number;
}): ResponseCache {
  const capacity = options.entries ?? RESPONSE_CACHE_ENTRIES;
  const entries = new Map<string, Entry>();
  const documents = new Map<string, DocumentNode | null>();
  const stats = { hits: 0, misses: 0 };
  // Bumped when any mutation starts and when it ends: a query overlapping one is not kept.
  let generation = 0;
  const invalidate = (): void => {
    generation += 1;
    entries.clear();
  };
  const documentFor = (query: string, operationName: string | null | undefined): DocumentNode | null => {
    const key = `${operationName ?? ''}\u0000${query}`;
    let document = documents.get(key);
    if (document === undefined) {
      document = cacheableDocument(query, operationName);
      if (documents.size >= DOCUMENTS) documents.delete(documents.keys().next().value!);
      documents.set(key, document);
    }
    return document;
  };

  const plugin: Plugin = {
    onParams({ params, request, paramsHandler, setParamsHandler, setResult, context }) {
      const started = performance.now();
      if (typeof params.query !== 'string' || params.extensions || request.headers.has('authorization')) return;
      // Longer documents are refused by the limits (limits.ts); they are not parsed here first.
      if (params.query.length > MAX_DOCUMENT_CHARS) return;
      const document = documentFor(params.query, params.operationName);
      if (!document) return;
      const key = `${params.operationName ?? ''}\u0000${JSON.stringify(params.variables ?? null)}\u0000${params.query}`;
      const hit = entries.get(key);
      if (hit) {
        stats.hits += 1;
        entries.delete(key);
        entries.set(key, hit);
        options.onHit?.(document, params.operationName, context, (performance.now() - started) / 1_000);
        setResult(hit.result);
        return;
      }
      stats.misses += 1;
      const generationAtStart = generation;
      setParamsHandler(async (payload) => {
        const result = await paramsHandler(payload);
        if (generationAtStart !== generation || Symbol.asyncIterator in result) return result;
        const { data, ...rest } = result as ExecutionResult;
        if (Object.keys(rest).length > 0 || !data) return result;
        const json = JSON.stringify({ data });
        if (json.length > RESPONSE_CACHE_MAX_BYTES) return result;
        entries.set(key, { result: { data, stringify: () => json } });
        if (entries.size > capacity) entries.delete(entries.keys().next().value!);
        return result;
      });
    },
    onExecute({ args }) {
      const op = args.document.definitions.find(
        (d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
      );
      if (op?.kind !== Kind.OPERATION_DEFINITION || op.operation !== 'mutation') return;
      invalidate();
      return { onExecuteDone: invalidate };
    },
  };
  return { plugin, size: () => entries.size, stats };
}
