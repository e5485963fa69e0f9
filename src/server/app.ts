/**
 * The application factory: one yoga instance (HTTP queries, mutations, SSE subscriptions, GraphiQL) and one
 * graphql-ws server (WebSocket subscriptions, graphql-transport-ws) on the same path, sharing one schema, one
 * database, one pubsub and — through `yoga.getEnveloped` — the same limits, error masking and context on both
 * transports. GraphiQL's own assets are served under /graphiql/ (graphiql.ts), not from a CDN.
 *
 * Extending (other areas): pass `modules` (see AppModule). A module may add migrations, services in the context,
 * and a close hook that runs on `stop()` before the database closes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { maskError } from '../schema/error-helpers.js';
import type { BoundedPubSub, PubSubTopics, SchemaContext } from '../schema/context.js';
import { schema } from '../schema/index.js';
import { CORE_MIGRATIONS, openDatabase, type Db, type Migration } from './db.js';
import { GRAPHIQL_EXAMPLES } from './examples.js';
import { createDashboardHandler } from './dashboard.js';
import { renderLocalGraphiQL, useGraphiQLAssets } from './graphiql.js';
import { checkDocumentSize, checkVariablesDepth, MAX_BODY_BYTES, useBodyLimits, useRequestLimits } from './limits.js';
import { createConsoleLogger, createErrorTriage, createJsonLogger, type Logger, type LogLevel } from './logging.js';
import { createOperations, type ModuleHealth, type Operations } from './operations.js';
import { createBoundedPubSub } from './pubsub.js';
import { createStallWatch, type StallWatch } from './stalled-streams.js';
import { openStores, type SharedStores, type WorkersMode } from './scale.js';
import { createRedisBoundedPubSub, type RedisSettings } from './redis-pubsub.js';
import { authorizationOf, identify, ownedServices, useApiKeys, type AuthPolicy } from './auth.js';
import { corsOptions, useCsrfPrevention, verifyUpgrade, type CorsPolicy } from './security.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './config.js';
import { createResponseCache } from './response-cache.js';
import { useSharedSubscriptionResults } from './shared-results.js';
import { batchWebSocketSends } from './ws-batching.js';
import { admitSubscription } from './fair-share.js';
import { batchSseWrites } from './sse-batching.js';

export const GRAPHQL_PATH = '/graphql';
export { MAX_BODY_BYTES };
/** How long stop() waits for clients to go before cutting connections. */
export const SHUTDOWN_GRACE_MS = 2_000;
/**
 * Connections the kernel may hold for accept() (capped by net.core.somaxconn). Node's default, 511, overflows when a
 * thousand clients connect at once while the event loop is busy: the kernel drops their handshakes and each
 * retries its SYN after 1 s — the 1.0–1.6 s probe latencies of the joining bursts in bench/load-replay.ts.
 */
export const LISTEN_BACKLOG = 4_096;
/** Most operations one WebSocket connection may run at once (each holds a bounded pubsub buffer). */
export const MAX_OPERATIONS_PER_SOCKET = 100;

export interface AppServices {
  /** The embedded SQLite database (always open: modules' own tables live there). */
  db: Db;
  pubsub: BoundedPubSub<PubSubTopics>;
  /** Saved items and simulations: SQLite, or PostgreSQL when `databaseUrl` is set (see scale.ts). Unset: SQLite on `db`. */
  stores?: SharedStores;
  /** Set when `redis` is: modules that queue jobs (simulations on external workers) use it. */
  redis?: RedisSettings;
  /** Where simulations run: in this process (default) or as jobs on `npm run worker` processes. */
  workers?: WorkersMode;
}

export interface AppModule {
  /** For logs and errors. */
  name: string;
  /** Run after the API's own migrations, in order (ids must be unique across modules). */
  migrations?: readonly Migration[];
  /** Called once when the app is created; may add context fields and a close hook. */
  setup?(services: AppServices): AppModuleInstance | undefined;
}

export interface AppModuleInstance {
  /** Merged into every request's context (HTTP and WebSocket). A new service is a new field of SchemaContext. */
  context?: Partial<SchemaContext>;
  /** Settles when the module is ready to serve (e.g. start-up recovery done); start() waits for it. */
  ready?: Promise<void>;
  /** Called by stop() before the database closes (stop workers, flush state). */
  close?(): Promise<void> | void;
  /** For /readyz and /metrics (operations.ts): healthy?, jobs running and queued. */
  health?(): ModuleHealth;
}

export interface AppOptions {
  /** SQLite file (its directory is created) or `:memory:`. */
  databasePath: string;
  /** `postgres://…`: saved items and simulations in PostgreSQL, shared by replicas (default: in SQLite). */
  databaseUrl?: string;
  /** PostgreSQL schema (default `public`; tests use one per run). */
  databaseSchema?: string;
  /** Redis for pub/sub across replicas (and the job queue with workers = 'external'). */
  redis?: RedisSettings;
  /** 'external' (needs redis): simulations run as jobs on `npm run worker` processes. Default 'embedded'. */
  workers?: WorkersMode;
  modules?: readonly AppModule[];
  /** Log level (true = 'info', false = 'silent'); default false (main.ts turns it on). See logging.ts. */
  logging?: boolean | LogLevel;
  /** Where log lines go (default: the console); tests pass their own. */
  logger?: Logger;
  /** Console log format when no logger is given: 'json' (one object per line; npm start) or 'text' (default). */
  logFormat?: 'json' | 'text';
  /** Serve GraphiQL on GET /graphql from a browser (default true). */
  graphiql?: boolean;
  /** Receives every unexpected (masked) error once; default: logged as an error with its stack. Expected errors
   * (BAD_USER_INPUT, NOT_FOUND, …) never come here and log at most a debug line. */
  onUnexpectedError?: (error: unknown) => void;
  /** The dashboard at `/` (dashboard.ts): the directory of its build (default `web/dist`), or false for none
   * (then `/` redirects to GraphiQL). */
  dashboard?: string | false;
  /** Origins other than the server's own that browsers may call from (CORS_ORIGINS); default none. */
  cors?: CorsPolicy;
  /** API keys (ZEROPLAN_API_KEYS); default none: every operation is open. See auth.ts. */
  auth?: AuthPolicy;
  /** An SSE response whose client reads nothing for this long is closed (stalled-streams.ts; default 24 s). */
  sseStallMs?: number;
  /** Serve repeated read-only queries from the response cache (response-cache.ts; default true). Benchmarks of the
   * execution path turn it off. */
  responseCache?: boolean;
}

export interface App {
  yoga: YogaServerInstance<Record<string, never>, SchemaContext>;
  db: Db;
  pubsub: BoundedPubSub<PubSubTopics>;
  /** Starts HTTP + WebSocket; port 0 picks a free port. An app starts once; create a new one to restart. */
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Graceful: closes WebSocket clients (1001), ends subscriptions, drains HTTP, closes modules and the database. */
  stop(): Promise<void>;
}

export function createApp(options: AppOptions): App {
  const modules = options.modules ?? [];
  const core = openCore(options, modules);
  const { db, pubsub, instances, setupDone } = core;

  const level: LogLevel = options.logging === true ? 'info' : options.logging === false || options.logging === undefined ? 'silent' : options.logging;
  const baseLogger = options.logger ?? (options.logFormat === 'json' ? createJsonLogger(level) : createConsoleLogger(level));
  const triage = createErrorTriage(baseLogger, options.onUnexpectedError);
  const ops = createOperations({
    db,
    logger: baseLogger,
    // Modules are set up after a networked database is migrated (setupDone), so both hooks look the instance up late.
    modules: modules.map((m, i) => ({
      name: m.name,
      ready: (setupDone ?? Promise.resolve()).then(() => instances[i]?.ready),
      health: () => instances[i]?.health?.() ?? { ok: true },
    })),
  });
  const masked = (error: unknown, message: string): Error => {
    const result = maskError(error, message);
    triage.classify(error, result);
    return result;
  };

  const corsPolicy: CorsPolicy = options.cors ?? { origins: [] };
  const authPolicy: AuthPolicy = options.auth ?? { keys: [], requireKeyForReads: false };
  const yoga = createYogaServer(options, { core, ops, triage, masked, corsPolicy, authPolicy });

  let server: Server | undefined;
  let ws: { wss: WebSocketServer; dispose: () => Promise<void> | void } | undefined;
  let stopping: Promise<void> | undefined;

  const stalls = createStallWatch(options.sseStallMs);
  stalls.register(ops.registry);
  const handle = createRequestHandler(options, ops, yoga, stalls);

  return {
    yoga,
    db,
    pubsub,

    async start(port = DEFAULT_PORT, host = DEFAULT_HOST) {
      if (server || stopping) throw new Error('this app was already started; create a new app to start again');
      await setupDone;
      await Promise.all(instances.map((i) => i.ready));
      const http = await listen(handle, port, host);
      server = http;
      // Attached once listening, so that a listen error is reported once (by start) rather than also by ws.
      const wss = new WebSocketServer({ server: http, path: GRAPHQL_PATH, maxPayload: MAX_BODY_BYTES, verifyClient: verifyUpgrade(corsPolicy) });
      frameErrorsToLogger(wss, baseLogger);
      // Before graphql-ws's own 'connection' listener, so its sends are batched (ws-batching.ts).
      batchWebSocketSends(wss);
      ws = { wss, dispose: startGraphqlWs(wss, yoga, masked, authPolicy).dispose };
      const address = http.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return { url: `http://${shownHost}:${address.port}${GRAPHQL_PATH}`, port: address.port };
    },

    stop() {
      stopping ??= (async () => {
        ops.markStopping();
        stalls.close();
        // 1. End live subscriptions so SSE responses and WebSocket operations complete cleanly.
        pubsub.close();
        await closeTransports(server, ws);
        await setupDone?.catch(() => undefined);
        for (const instance of instances.reverse()) await instance.close?.();
        await yoga.dispose();
        await core.redisPubSub?.quit();
        await core.shared.close();
        db.close();
      })();
      return stopping;
    },
  };
}

/** The database, the stores, the pubsub and the modules of one app, with the context they fill. */
interface AppCore {
  db: Db;
  shared: ReturnType<typeof openStores>;
  redisPubSub: ReturnType<typeof createRedisBoundedPubSub<PubSubTopics>> | undefined;
  pubsub: BoundedPubSub<PubSubTopics>;
  instances: AppModuleInstance[];
  /** Shared by every request (each adds its caller): filled by the modules' setup. */
  context: SchemaContext;
  /** Set when modules wait for a networked database's migrations. */
  setupDone: Promise<void> | undefined;
}

function openCore(options: AppOptions, modules: readonly AppModule[]): AppCore {
  const db = openDatabase(options.databasePath, [...CORE_MIGRATIONS, ...modules.flatMap((m) => m.migrations ?? [])]);
  const shared = openStores({ db, databaseUrl: options.databaseUrl, databaseSchema: options.databaseSchema });
  const redisPubSub = options.redis ? createRedisBoundedPubSub<PubSubTopics>(options.redis) : undefined;
  const pubsub = redisPubSub ?? createBoundedPubSub<PubSubTopics>();
  const workers = options.workers ?? 'embedded';
  if (workers === 'external' && !options.redis) throw new Error('WORKERS=external needs REDIS_URL (the job queue lives in Redis)');
  const services: AppServices = { db, pubsub, stores: shared.stores, workers, ...(options.redis ? { redis: options.redis } : {}) };
  const instances: AppModuleInstance[] = [];
  const context = { store: shared.stores.saved, pubsub } as SchemaContext;
  const setupModules = (): void => {
    for (const m of modules) instances.push(m.setup?.(services) ?? {});
    Object.assign(context, ...instances.map((i) => i.context ?? {}));
  };
  // SQLite is ready at once; a PostgreSQL database is set up (migrated) first, and requests wait for it.
  let setupDone: Promise<void> | undefined;
  if (shared.ready) setupDone = shared.ready.then(setupModules);
  else setupModules();
  return { db, shared, redisPubSub, pubsub, instances, context, setupDone };
}

function createYogaServer(
  options: AppOptions,
  parts: {
    core: AppCore;
    ops: Operations;
    triage: ReturnType<typeof createErrorTriage>;
    masked: (error: unknown, message: string) => Error;
    corsPolicy: CorsPolicy;
    authPolicy: AuthPolicy;
  },
): App['yoga'] {
  const { core, ops, triage, masked, corsPolicy, authPolicy } = parts;
  const { context, setupDone } = core;
  // Read-only query responses served again (response-cache.ts) when they cannot depend on the caller or on
  // another process: no key needed for reads, saved items in this process's SQLite.
  const responseCache =
    authPolicy.requireKeyForReads || options.databaseUrl || options.responseCache === false
      ? undefined
      : createResponseCache({ onHit: (document, name, server, seconds) => ops.noteCached(document, name, server, seconds) });
  return createYoga<Record<string, never>, SchemaContext>({
    schema,
    cors: corsOptions(corsPolicy),
    // useBodyLimits (limits.ts) counts the bytes it reads against MAX_BODY_BYTES; yoga's own 25 MB check wrapped
    // every body in a stream pipeline on top of it (≈ 7 % of the server's CPU in the query-mix load test).
    maxRequestBodySize: false,
    graphqlEndpoint: GRAPHQL_PATH,
    // Per request: the shared services (once a networked database is set up) plus who is calling (auth.ts).
    context: (initial) => {
      const forRequest = (): SchemaContext => {
        const caller = identify(authPolicy, authorizationOf(initial as never));
        const requestId = ops.requestId((initial as { req?: IncomingMessage }).req);
        return { ...context, caller, requestId, ...ownedServices(context, caller, authPolicy) };
      };
      return setupDone ? setupDone.then(forRequest) : forRequest();
    },
    // Yoga logs every error whose masked form differs from the original; the triage logger demotes the expected.
    logging: triage.logger,
    landingPage: false,
    maskedErrors: { maskError: (error, message) => masked(error, message) },
    graphiql:
      options.graphiql === false
        ? false
        : { title: 'zeroplan', defaultQuery: GRAPHIQL_EXAMPLES, subscriptionsProtocol: 'WS' },
    // Assets from this server, not a CDN (works offline).
    renderGraphiQL: renderLocalGraphiQL,
    plugins: [
      ops.plugin,
      useCsrfPrevention(corsPolicy),
      useApiKeys(authPolicy),
      useBodyLimits(),
      useRequestLimits(),
      useSharedSubscriptionResults(),
      useSseAdmission(),
      ...(responseCache ? [responseCache.plugin] : []),
      ...(options.graphiql === false ? [] : [useGraphiQLAssets()]),
    ],
  });
}

/** SSE requests wait for a fair-share turn before yoga parses, validates and subscribes (as WebSocket subscribes do). */
function useSseAdmission(): Plugin {
  return {
    onParams({ request }) {
      if (request.headers.get('accept')?.includes('text/event-stream')) return admitSubscription();
    },
  };
}

/** The HTTP server's handler: operations endpoints, body limit, dashboard, then yoga. */
function createRequestHandler(options: AppOptions, ops: Operations, yoga: App['yoga'], stalls: StallWatch): (req: IncomingMessage, res: ServerResponse) => void {
  const dashboard = options.dashboard === false ? undefined : createDashboardHandler(options.dashboard);
  return (req, res) => {
    ops.begin(req, res);
    if (ops.serve(req, res)) return;
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > MAX_BODY_BYTES) {
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ errors: [{ message: `Request body of ${length} bytes exceeds the limit ${MAX_BODY_BYTES}`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }));
      return;
    }
    if (dashboard?.(req, res)) return;
    if (req.url === '/' && req.method === 'GET') {
      res.writeHead(302, { location: GRAPHQL_PATH });
      res.end();
      return;
    }
    // A response sent before the body was read to the end (413 on a chunked body) leaves the rest of the body on
    // the socket: close it rather than keep it alive. By 'finish' Node may already have detached the socket from the
    // request (req.socket is then null): nothing is left to close, and a throw here would be an uncaught exception.
    res.once('finish', () => {
      if (!req.complete) req.socket?.destroy();
    });
    if (req.headers.accept?.includes('text/event-stream')) {
      stalls.watch(res);
      batchSseWrites(res);
    }
    void yoga(req, res);
  };
}

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => void, port: number, host: string): Promise<Server> {
  const http = createServer(handle);
  // Keep-alive sockets of the bench and of browsers must not hold stop() open.
  http.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      http.off('error', reject);
      resolve();
    });
  });
  return http;
}

/**
 * graphql-ws reports every socket 'error' on the console as an internal error ("Please check your implementation"),
 * outside the JSON log. The frame errors of ws (codes WS_ERR_*: a message over maxPayload, invalid UTF-8, a bad
 * opcode) are the client's, and ws has already closed the socket with their code (1009, 1007, 1002): they become
 * one debug line of our logger instead. Registered before graphql-ws, whose `once('error')` it wraps.
 */
function frameErrorsToLogger(wss: WebSocketServer, logger: Logger): void {
  wss.on('connection', (socket) => {
    const once = socket.once.bind(socket);
    socket.once = ((event: string, listener: (...args: unknown[]) => void) =>
      event !== 'error'
        ? once(event, listener)
        : once('error', (error: Error & { code?: string }) => {
            if (error.code?.startsWith('WS_ERR_')) logger.debug({ msg: 'WebSocket frame refused', code: error.code, reason: error.message });
            else listener(error);
          })) as typeof socket.once;
  });
}

/** Closes WebSocket clients (1001) and drains HTTP: idle keep-alive sockets at once, the rest after the grace period. */
async function closeTransports(server: Server | undefined, ws: { wss: WebSocketServer; dispose: () => Promise<void> | void } | undefined): Promise<void> {
  if (ws) {
    for (const client of ws.wss.clients) client.close(1001, 'Server shutting down');
    await ws.dispose();
  }
  if (!server) return;
  const http = server;
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  // Keep-alive sockets become idle as their last response ends: close them as they do, cut the rest
  // after the grace period.
  http.closeIdleConnections();
  const sweep = setInterval(() => http.closeIdleConnections(), 25);
  const timer = setTimeout(() => {
    http.closeAllConnections();
    for (const client of ws?.wss.clients ?? []) client.terminate();
  }, SHUTDOWN_GRACE_MS);
  timer.unref();
  await closed;
  clearInterval(sweep);
  clearTimeout(timer);
}

type EnvelopedArgs = ExecutionArgs & {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
};

/** graphql-ws over yoga's envelop, so WebSocket operations get the same plugins as HTTP (after yoga's example). */
function startGraphqlWs(
  wss: WebSocketServer,
  yoga: App['yoga'],
  masked: (error: unknown, message: string) => Error,
  authPolicy: AuthPolicy,
): { dispose: () => void | Promise<void> } {
  return useServer(
    {
      execute: (args) => (args as EnvelopedArgs).execute(args) as never,
      subscribe: (args) => (args as EnvelopedArgs).subscribe(args) as never,
      // A key presented in connection_init that matches none is refused at once (4403); a missing key is checked
      // per operation (reads may be open).
      onConnect: (ctx) => !identify(authPolicy, authorizationOf({ connectionParams: ctx.connectionParams, extra: ctx.extra })).invalidKey,
      onSubscribe: async (ctx, _id, payload) => {
        // Set-up in turns with the replays (fair-share.ts): a burst of joins does not hold the event loop.
        await admitSubscription();
        if (Object.keys(ctx.subscriptions).length > MAX_OPERATIONS_PER_SOCKET) {
          return [new GraphQLError(`Too many operations on this connection: at most ${MAX_OPERATIONS_PER_SOCKET} at once`, { extensions: { code: 'QUERY_TOO_COMPLEX' } })];
        }
        const sizeError = checkDocumentSize(payload.query) ?? checkVariablesDepth(payload.variables);
        if (sizeError) return [sizeError];
        try {
          const { schema: envelopedSchema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
            ...ctx,
            req: ctx.extra.request,
            socket: ctx.extra.socket,
            params: payload,
          });
          let document: ReturnType<typeof parse>;
          try {
            document = parse(payload.query);
          } catch (error) {
            if (error instanceof GraphQLError) {
              return [new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
            }
            throw error;
          }
          const errors = validate(envelopedSchema, document);
          if (errors.length > 0) return errors;
          const args: EnvelopedArgs = {
            schema: envelopedSchema,
            operationName: payload.operationName ?? null,
            document,
            variableValues: payload.variables ?? null,
            contextValue: await contextFactory(),
            execute,
            subscribe,
          };
          return args;
        } catch (error) {
          return [masked(error, 'Unexpected error.') as GraphQLError];
        }
      },
    },
    wss,
  );
}
