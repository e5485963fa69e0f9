/** `npm start`: serve the API (GraphiQL at /graphql) with settings from PORT, HOST, DATABASE_PATH and LOG_LEVEL. */
import { createApp } from './app.js';
import { isLoopbackHost, readConfig } from './config.js';
import { createJsonLogger } from './logging.js';
import { simulationModule } from './simulation-module.js';
import { budgetModule } from './budget-runner.js';
import { searchModule } from './search-runner.js';
import { validationModule } from './validation-runner.js';
import { campaignModule } from './campaigns.js';
import { externalSearchModule } from './search-jobs.js';

/** A start-up fault: one line on stderr, exit code 1 (no stack: the message says what to set). */
function fail(error: unknown): never {
  // Plain text, not JSON: this line is for the person starting the server.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`zeroplan cannot start: ${message.split('\n')[0]}`);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
  process.exit(1);
}

let config: ReturnType<typeof readConfig>;
let app: ReturnType<typeof createApp>;
try {
  config = readConfig();
  app = createApp({
    databasePath: config.databasePath,
    logging: config.logLevel,
    logFormat: 'json',
    cors: { origins: config.corsOrigins },
    auth: { keys: config.apiKeys, requireKeyForReads: config.requireKeyForReads },
    responseCache: config.responseCache,
    modules: [simulationModule(), searchModule(), externalSearchModule(), campaignModule(), budgetModule(), validationModule()],
    workers: config.workers,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    ...(config.databaseSchema ? { databaseSchema: config.databaseSchema } : {}),
    ...(config.redis ? { redis: config.redis } : {}),
  });
} catch (error) {
  fail(error);
}
let url: string;
try {
  ({ url } = await app.start(config.port, config.host));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  await app.stop().catch(() => undefined);
  fail(
    code === 'EADDRINUSE'
      ? `PORT = ${config.port} on HOST = ${config.host} is in use: stop the other server or set PORT`
      : `cannot listen on HOST = ${config.host}, PORT = ${config.port}: ${(error as Error).message}`,
  );
}
const log = createJsonLogger(config.logLevel);
if (config.apiKeys.length === 0 && !isLoopbackHost(config.host)) {
  log.warn(
    `WARNING: HOST = ${config.host} accepts connections from other machines and no API key is set: anyone who can reach this port can create, change and delete saved items and start simulations. Set ZEROPLAN_API_KEYS (docs/operations.md) or HOST=127.0.0.1.`,
  );
}
const where = config.databaseUrl ? 'PostgreSQL' : `database ${config.databasePath}`;
const scale = config.redis ? `, pub/sub on Redis, ${config.workers} workers` : '';
// Where the server listens is the one line a person (or a script waiting for the port) always needs: it is printed
// at any LOG_LEVEL but silent, while the rest of the log follows LOG_LEVEL.
const startupLog = config.logLevel === 'silent' ? log : createJsonLogger('info');
startupLog.info(`zeroplan listening on ${url} (dashboard at /, GraphiQL at /graphql; ${where}${scale})`, {
  url,
  databasePath: config.databaseUrl ? null : config.databasePath,
  apiKeys: config.apiKeys.length,
  // Process start to listening: wall clock and CPU (user + system), for the cold-start figure.
  startupMs: Math.round(process.uptime() * 1000),
  startupCpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
});

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info(`${signal} received: closing connections`);
  // A second signal, or a stuck close, ends the process anyway.
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await app.stop();
    log.info('zeroplan stopped');
    process.exit(0);
  } catch (error) {
    log.error('error during shutdown', error);
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
