/**
 * What an operator runs the server by (docs/operations.md):
 * - `GET /healthz`: liveness — 200 while the process serves requests.
 * - `GET /readyz`: readiness — 200 when the database answers, every module finished starting (start-up recovery)
 *   and reports healthy, and the server is not shutting down; 503 with the failing checks otherwise.
 * - `GET /metrics`: Prometheus text (prom-client): GraphQL operations by name, type and result with latency
 *   histograms, HTTP responses by status, active subscriptions, running and queued simulations and searches, and
 *   the process metrics (event-loop lag, RSS, heap, GC).
 * - Request ids: `x-request-id` is taken from the request (if it is 1–128 safe characters) or generated, returned
 *   on the response, and written on the request's structured log line.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from './db.js';
import type { Logger } from './logging.js';

/** What a module reports to /readyz and /metrics. */
export interface ModuleHealth {
  ok: boolean;
  /** Why not ok (shown by /readyz). */
  detail?: string;
  /** Jobs running and waiting (simulations, searches), exported as zeroplan_jobs{module,state}. */
  running?: number;
  queued?: number;
}

export interface OperationsModule {
  name: string;
  ready?: Promise<void>;
  health?(): ModuleHealth;
}

interface RequestInfo {
  id: string;
  operation?: string;
}

/** Most distinct operation labels kept; further names count as "other" (clients choose names: bound the series). */
export const MAX_OPERATION_LABELS = 200;
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SAFE_OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Process-wide metrics (event-loop lag, memory, GC) are collected once per process, whatever the number of apps. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 10 });
  }
  return processRegistry;
}

function selectedOperation(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION && (!name || d.name?.value === name)) return d;
  }
  return undefined;
}

export interface Operations {
  /** Yoga/envelop plugin: operation metrics and the operation name for the request log line. */
  plugin: Plugin;
  /** Starts tracking an HTTP request (request id, log line and counters when it ends). */
  begin(req: IncomingMessage, res: ServerResponse): void;
  /** Counts an operation answered from the response cache (response-cache.ts), which the plugin never sees. */
  noteCached(document: DocumentNode, operationName: string | null | undefined, serverContext: unknown, seconds: number): void;
  /** Answers /healthz, /readyz and /metrics; false for any other path. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  /** The request id of an HTTP request (undefined for one not seen by begin). */
  requestId(req: IncomingMessage | undefined): string | undefined;
  /** Readiness turns false from here on (shutdown). */
  markStopping(): void;
  readiness(): { ready: boolean; checks: Record<string, string> };
  registry: Registry;
}

export function createOperations(options: { db: Db; modules: readonly OperationsModule[]; logger: Logger }): Operations {
  const { db, modules, logger } = options;
  const log = createRequestLog(logger);
  const metrics = createMetrics(modules, log.noteOperation);
  log.onEnd((status) => metrics.httpResponses.inc({ status: String(status) }));
  const ready = createReadiness(db, modules);
  return {
    plugin: metrics.plugin,
    registry: metrics.registry,
    begin: log.begin,
    noteCached: metrics.noteCached,
    serve: (req, res) => serveOperations(req, res, { registry: metrics.registry, readiness: ready.readiness, logger }),
    requestId: log.requestId,
    markStopping: ready.markStopping,
    readiness: ready.readiness,
  };
}

/** The metrics of this app (process metrics are shared) and the plugin that counts operations. */
function createMetrics(
  modules: readonly OperationsModule[],
  noteOperation: (contextValue: unknown, operation: string) => void,
): { registry: Registry; plugin: Plugin; httpResponses: Counter<'status'>; noteCached: Operations['noteCached'] } {
  const registry = new Registry();
  const operations = new Counter({
    name: 'zeroplan_graphql_operations_total',
    help: 'GraphQL operations executed, by operation name (or "(rootField)" when unnamed), type and result.',
    labelNames: ['operation', 'type', 'result'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'zeroplan_graphql_operation_duration_seconds',
    help: 'Execution time of queries and mutations (subscriptions: time to the first result), by operation and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const httpResponses = new Counter({
    name: 'zeroplan_http_responses_total',
    help: 'HTTP responses by status code.',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const cacheHits = new Counter({
    name: 'zeroplan_graphql_response_cache_hits_total',
    help: 'Queries answered from the response cache (also counted in zeroplan_graphql_operations_total).',
    registers: [registry],
  });
  const subscriptions = new Gauge({
    name: 'zeroplan_active_subscriptions',
    help: 'GraphQL subscriptions streaming now (SSE and WebSocket).',
    registers: [registry],
  });
  new Gauge({
    name: 'zeroplan_jobs',
    help: 'Simulations and plan searches by state (running, queued).',
    labelNames: ['module', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const m of modules) {
        const health = m.health?.();
        if (health?.running !== undefined) this.set({ module: m.name, state: 'running' }, health.running);
        if (health?.queued !== undefined) this.set({ module: m.name, state: 'queued' }, health.queued);
      }
    },
  });
  const labelOf = operationLabels();
  const hasErrors = (result: unknown): boolean => Array.isArray((result as { errors?: unknown[] } | undefined)?.errors);
  const isStream = (result: unknown): boolean => typeof (result as AsyncIterable<unknown> | undefined)?.[Symbol.asyncIterator] === 'function';

  const plugin: Plugin = {
    onExecute({ args }) {
      const l = labelOf(args.document, args.operationName);
      noteOperation(args.contextValue, l.operation);
      const end = latency.startTimer(l);
      return {
        onExecuteDone({ result }) {
          end();
          operations.inc({ ...l, result: !isStream(result) && hasErrors(result) ? 'error' : 'ok' });
        },
      };
    },
    onSubscribe({ args }) {
      const l = labelOf(args.document, args.operationName);
      noteOperation(args.contextValue, l.operation);
      const end = latency.startTimer(l);
      return {
        onSubscribeResult({ result }) {
          end();
          if (!isStream(result)) {
            operations.inc({ ...l, result: 'error' });
            return undefined;
          }
          operations.inc({ ...l, result: 'ok' });
          subscriptions.inc();
          let ended = false;
          return {
            onEnd() {
              if (ended) return;
              ended = true;
              subscriptions.dec();
            },
          };
        },
      };
    },
  };
  const noteCached: Operations['noteCached'] = (document, operationName, serverContext, seconds) => {
    const l = labelOf(document, operationName);
    noteOperation(serverContext, l.operation);
    operations.inc({ ...l, result: 'ok' });
    // Observed, with the time the cache took to find the answer (what execution takes on a miss): left out, the
    // histogram would count only the slow, executed answers of an operation and overstate its latency; observed as
    // 0, its sum would understate it. Its count stays equal to the operations counted.
    latency.observe(l, seconds);
    cacheHits.inc();
  };
  return { registry, plugin, httpResponses, noteCached };
}

/** Operation name and type for metric labels: bounded (clients choose names) and sanitised. */
function operationLabels(): (document: DocumentNode, operationName: string | null | undefined) => { operation: string; type: string } {
  const labels = new Set<string>();
  return (document, operationName) => {
    const op = selectedOperation(document, operationName);
    let name = op?.name?.value;
    if (!name) {
      const first = op?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
      name = first && first.kind === Kind.FIELD ? `(${first.name.value})` : '(anonymous)';
    } else if (!SAFE_OPERATION_NAME.test(name)) name = '(invalid)';
    if (!labels.has(name)) {
      if (labels.size >= MAX_OPERATION_LABELS) name = '(other)';
      else labels.add(name);
    }
    return { operation: name, type: op?.operation ?? 'unknown' };
  };
}

/** Readiness: the database answers, every module started and is healthy, and the server is not stopping. */
function createReadiness(db: Db, modules: readonly OperationsModule[]): Pick<Operations, 'readiness' | 'markStopping'> {
  const settled = new Map<string, 'pending' | 'ok' | string>();
  for (const m of modules) {
    if (!m.ready) continue;
    settled.set(m.name, 'pending');
    m.ready.then(
      () => settled.set(m.name, 'ok'),
      (error: unknown) => settled.set(m.name, `start-up failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  let stopping = false;
  const readiness = (): { ready: boolean; checks: Record<string, string> } => {
    const checks: Record<string, string> = {};
    try {
      checks.database = db.open && db.prepare('SELECT 1').pluck().get() === 1 ? 'ok' : 'closed';
    } catch (error) {
      checks.database = `error: ${(error as Error).message}`;
    }
    for (const m of modules) {
      const start = settled.get(m.name) ?? 'ok';
      const health = m.health?.();
      checks[m.name] = start !== 'ok' ? (start === 'pending' ? 'starting' : start) : health && !health.ok ? (health.detail ?? 'unhealthy') : 'ok';
    }
    if (stopping) checks.server = 'shutting down';
    return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
  };
  return {
    readiness,
    markStopping() {
      stopping = true;
    },
  };
}

/** Request ids and the one structured log line per request (with the operations it ran). */
function createRequestLog(logger: Logger): Pick<Operations, 'begin' | 'requestId'> & {
  noteOperation(contextValue: unknown, operation: string): void;
  /** Called with the status of every response that ends (for the HTTP response counter). */
  onEnd(listener: (status: number) => void): void;
} {
  const info = new WeakMap<IncomingMessage, RequestInfo>();
  let ended: (status: number) => void = () => undefined;
  return {
    noteOperation(contextValue, operation) {
      const req = (contextValue as { req?: IncomingMessage } | undefined)?.req;
      const entry = req ? info.get(req) : undefined;
      if (entry) entry.operation = entry.operation ? `${entry.operation},${operation}` : operation;
    },
    onEnd(listener) {
      ended = listener;
    },
    begin(req, res) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
      const entry: RequestInfo = { id };
      info.set(req, entry);
      res.setHeader('x-request-id', id);
      const started = process.hrtime.bigint();
      res.once('close', () => {
        ended(res.statusCode);
        const path = (req.url ?? '').split('?')[0];
        logger.info({
          msg: 'request',
          requestId: id,
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
          ...(entry.operation ? { operation: entry.operation } : {}),
          ...(res.writableFinished ? {} : { aborted: true }),
        });
      });
    },
    requestId: (req) => (req ? info.get(req)?.id : undefined),
  };
}

/** Answers /healthz, /readyz and /metrics; false for any other path. */
function serveOperations(
  req: IncomingMessage,
  res: ServerResponse,
  parts: { registry: Registry; readiness: Operations['readiness']; logger: Logger },
): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = (req.url ?? '').split('?')[0];
  if (path === '/healthz') {
    json(res, 200, { status: 'ok' });
    return true;
  }
  if (path === '/readyz') {
    const r = parts.readiness();
    json(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', checks: r.checks });
    return true;
  }
  if (path === '/metrics') {
    void Promise.all([parts.registry.metrics(), processMetrics().metrics()]).then(
      ([own, process]) => {
        res.writeHead(200, { 'content-type': parts.registry.contentType, 'cache-control': 'no-store' });
        res.end(`${own}\n${process}`);
      },
      (error: unknown) => {
        parts.logger.error('metrics collection failed', error);
        json(res, 503, { errors: [{ message: 'metrics unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      },
    );
    return true;
  }
  return false;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
