/**
 * `npm run worker`: a worker process for `WORKERS=external` deployments. Runs simulation jobs, large plan searches and campaign chunks
 * from the Redis queues
 * (BullMQ) and writes their events to the shared PostgreSQL store; as many of these as you like, on any machine.
 * Settings: DATABASE_URL and REDIS_URL (required), DATABASE_SCHEMA, REDIS_PREFIX, WORKER_CONCURRENCY (jobs at once,
 * default 2), SEARCH_CONCURRENCY (plan searches at once, default 1), CAMPAIGN_CONCURRENCY (campaign chunks at once, default 1: a chunk runs on this process's thread), WORKER_LOCK_MS (a dead worker's job is taken over after about this long, default 30000).
 */
import { readScaleConfig } from './config.js';
import { createRedisBoundedPubSub } from './redis-pubsub.js';
import type { PubSubTopics } from '../schema/context.js';
import { openStores } from './scale.js';
import { startSimulationWorker } from './simulation-jobs.js';
import { startCampaignWorker } from './campaigns.js';
import { startSearchWorker } from './search-jobs.js';

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} = ${JSON.stringify(raw)} is invalid: expected a positive integer`);
  return value;
}

const config = readScaleConfig();
if (!config.databaseUrl || !config.redis) {
  console.error('npm run worker needs DATABASE_URL (postgres://…) and REDIS_URL (redis://…): see docs/deploy.md');
  process.exit(1);
}
const concurrency = positiveInt('WORKER_CONCURRENCY', 2);
const lockDurationMs = positiveInt('WORKER_LOCK_MS', 30_000);
const opened = openStores({ databaseUrl: config.databaseUrl, ...(config.databaseSchema ? { databaseSchema: config.databaseSchema } : {}) });
await opened.ready;
const pubsub = createRedisBoundedPubSub<PubSubTopics>(config.redis);
const handle = startSimulationWorker({
  redis: config.redis,
  store: opened.stores.simulations,
  pubsub,
  concurrency,
  lockDurationMs,
  onJobStart: (id, attempt) => console.log(`job ${id} attempt ${attempt}`),
});
const campaigns = startCampaignWorker({
  redis: config.redis,
  store: opened.stores.campaigns,
  pubsub,
  concurrency: positiveInt('CAMPAIGN_CONCURRENCY', 1),
  lockDurationMs,
});
const searches = startSearchWorker({ redis: config.redis, pubsub, concurrency: positiveInt('SEARCH_CONCURRENCY', 1) });
searches.worker.on('active', (job) => console.log(`search ${job.id} started`));
await Promise.all([handle.worker.waitUntilReady(), campaigns.worker.waitUntilReady(), searches.worker.waitUntilReady()]);
console.log(`zeroplan worker ${process.pid} ready (concurrency ${concurrency})`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received: finishing running jobs`);
  const force = setTimeout(() => process.exit(1), 30_000);
  force.unref();
  await Promise.all([handle.close(), campaigns.close(), searches.close()]);
  await pubsub.quit();
  await opened.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
