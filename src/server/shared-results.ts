/**
 * Each simulation event executed once per operation, not once per subscriber. graphql-js runs a subscription's
 * selection on every event for every subscriber; with 1,000 subscribers replaying the same simulation that was
 * 1,000 identical executions per event (≈ 20 % of the server's CPU in the replay load test). A `simulationEvents`
 * result depends only on the event (simulation id, seq: stored events never change), the document, the operation
 * name and the variables — its resolvers read nothing from the context — so subscriptions with the same operation
 * share one result per event through a bounded cache (first in, first out: subscribers stream forward, so an
 * entry's readers come within a short time of each other; a hit need not reorder the map).
 *
 * Installed as a yoga plugin (both transports, SSE and WebSocket): for a qualifying subscription it replaces the
 * subscribe function with graphql-js's own two steps (source stream, then execute per event) with the cache in
 * between. Results are shared objects: nothing downstream may change them (graphql-ws and yoga build new objects
 * for errors and messages). Results with errors are not cached.
 */
import {
  createSourceEventStream,
  execute,
  Kind,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Root subscription fields whose results are a pure function of (simulationId, seq) and the operation. */
export const SHARED_RESULT_FIELDS: ReadonlySet<string> = new Set(['simulationEvents']);
/** Results kept: covers a 14,000-event replay for one operation, or subscribers spread over that many events. */
export const SHARED_RESULTS = 20_000;

export interface SharedResultCache {
  get(key: string): ExecutionResult | undefined;
  set(key: string, result: ExecutionResult): void;
  /** Entries held now. */
  size(): number;
  /** A small id for an operation (document, operation name and variables); ids are never reused. */
  operationId(args: Pick<ExecutionArgs, 'document' | 'operationName' | 'variableValues'>): number;
  readonly stats: { hits: number; misses: number };
}

export function createSharedResultCache(capacity = SHARED_RESULTS): SharedResultCache {
  const results = new Map<string, ExecutionResult>();
  const printed = new WeakMap<DocumentNode, string>();
  const operations = new Map<string, number>();
  let nextOperation = 0;
  const stats = { hits: 0, misses: 0 };
  return {
    get(key) {
      const hit = results.get(key);
      if (hit === undefined) {
        stats.misses += 1;
        return undefined;
      }
      stats.hits += 1;
      return hit;
    },
    set(key, result) {
      results.set(key, result);
      if (results.size > capacity) results.delete(results.keys().next().value!);
    },
    size: () => results.size,
    operationId({ document, operationName, variableValues }) {
      let text = printed.get(document);
      if (text === undefined) {
        text = print(document);
        printed.set(document, text);
      }
      const key = `${operationName ?? ''}\u0000${JSON.stringify(variableValues ?? null)}\u0000${text}`;
      let id = operations.get(key);
      if (id === undefined) {
        id = nextOperation++;
        // Bounded like the results: a forgotten operation gets a new id next time (its old entries age out).
        if (operations.size >= capacity) operations.clear();
        operations.set(key, id);
      }
      return id;
    },
    stats,
  };
}

/** The root field of a subscription document if it is one that may share results, else undefined. */
export function sharedRootField(document: DocumentNode, operationName: string | null | undefined): string | undefined {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? operations.find((d) => d.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (op?.operation !== 'subscription' || op.selectionSet.selections.length !== 1) return undefined;
  const field = op.selectionSet.selections[0]!;
  if (field.kind !== Kind.FIELD || (field.directives?.length ?? 0) > 0) return undefined;
  return SHARED_RESULT_FIELDS.has(field.name.value) ? field.name.value : undefined;
}

/** The event's identity if the payload is a stored simulation event. */
function eventKey(payload: unknown): string | undefined {
  const e = payload as { simulationId?: unknown; seq?: unknown } | null;
  return typeof e?.simulationId === 'string' && typeof e.seq === 'number' ? `${e.seq}\u0000${e.simulationId}` : undefined;
}

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as { then?: unknown } | null)?.then === 'function';

/** `source` mapped by `map`, passing return() and throw() on to the source (a client leaving unsubscribes). */
function mapStream<T, R>(source: AsyncIterator<T>, map: (value: T) => R | Promise<R>): AsyncIterableIterator<R> {
  const close = async (): Promise<IteratorResult<R>> => {
    await source.return?.();
    return { value: undefined, done: true };
  };
  const iterator: AsyncIterableIterator<R> = {
    async next() {
      const step = await source.next();
      if (step.done) return { value: undefined, done: true };
      try {
        return { value: await map(step.value), done: false };
      } catch (error) {
        await source.return?.();
        throw error;
      }
    },
    return: close,
    async throw(error?: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** Executes `args` on each event of `source`, sharing results through `cache`. */
export function sharedEventResults(source: AsyncIterator<unknown>, args: ExecutionArgs, cache: SharedResultCache): AsyncIterableIterator<ExecutionResult> {
  const operation = cache.operationId(args);
  return mapStream(source, (payload) => {
    const event = eventKey(payload);
    const key = event === undefined ? undefined : `${operation}\u0000${event}`;
    const hit = key === undefined ? undefined : cache.get(key);
    if (hit) return hit;
    const result = execute({ ...args, rootValue: payload });
    if (key === undefined || isPromise(result) || result.errors) return result;
    // graphql-js builds results from Object.create(null) objects (dictionary mode in V8); a plain copy is what every
    // subscriber's transport serialises, several times faster.
    const json = JSON.stringify(result);
    const shared = JSON.parse(json) as ExecutionResult;
    // Yoga's SSE (and HTTP) result writer uses a result's own `stringify` when it has one: every SSE subscriber then
    // sends the text made here instead of serialising the event again. Not enumerable, so graphql-ws's message
    // JSON and any copy leave it out.
    Object.defineProperty(shared, 'stringify', { value: (value: unknown) => (value === shared ? json : JSON.stringify(value)) });
    cache.set(key, shared);
    return shared;
  });
}

/** Yoga/envelop plugin: qualifying subscriptions execute each event once per operation (see above). */
export function useSharedSubscriptionResults(cache: SharedResultCache = createSharedResultCache()): Plugin {
  return {
    onSubscribe({ args, setSubscribeFn }) {
      if (!sharedRootField(args.document, args.operationName)) return;
      setSubscribeFn(async (subscribeArgs: ExecutionArgs) => {
        const source = await createSourceEventStream(subscribeArgs);
        if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
        return sharedEventResults((source as AsyncIterable<unknown>)[Symbol.asyncIterator](), subscribeArgs, cache);
      });
    },
  };
}
