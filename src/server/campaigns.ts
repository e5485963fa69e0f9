/**
 * The campaign service (src/schema/campaign.ts) as an app module, and its BullMQ worker.
 *
 * A campaign is split into chunks of CAMPAIGN_CHUNK_SEEDS seeds of one layout. Embedded: chunks run in this
 * process, one seed at a time with a turn of the event loop between seeds (a seed is one engine replica, a few
 * milliseconds to a few hundred). WORKERS=external: each chunk is a BullMQ job (`campaigns` queue, retried with
 * backoff, recovered when its worker dies) run by `npm run worker` processes. Either way a chunk writes its
 * results idempotently by (campaign, layout, seed), publishes `campaignProgress`, and whoever writes the last
 * result marks the campaign COMPLETED. Aggregates are computed from the stored results, so a re-run chunk never
 * counts twice.
 */
import { GraphQLError } from 'graphql';
import { Queue, Worker, type Job } from 'bullmq';
import type { CampaignLayout, CampaignLayoutView, CampaignQuantiles, CampaignService, CampaignView } from '../services/contracts.js';
import type { BoundedPubSub, PubSubTopics } from '../schema/context.js';
import { quantiles, runSimulation } from '../simulation/engine.js';
import type { AppModule, AppModuleInstance } from './app.js';
import {
  CAMPAIGN_MIGRATIONS,
  createSqliteCampaignStore,
  type CampaignRecord,
  type CampaignStore,
  type SeedResult,
} from './campaign-store.js';
import type { RedisSettings } from './redis-pubsub.js';
import { bullConnection, SIMULATION_JOB_OPTIONS } from './simulation-jobs.js';

export const CAMPAIGN_QUEUE = 'campaigns';
export const CAMPAIGN_CHUNK_SEEDS = 25;
const DAY_SECONDS = 86_400;

export interface CampaignChunk {
  campaignId: string;
  layout: number;
  /** Seeds [from, to). */
  from: number;
  to: number;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One seed of one layout: one engine replica with that seed (no events kept). */
export function runSeed(layout: CampaignLayout, index: number, seed: number): SeedResult {
  const { summary } = runSimulation({ ...layout.job.setup, seed, replicas: 1, detailedReplicas: 0, predictedLoss: null });
  return {
    layout: index,
    seed,
    effectiveTrainingTimeRatio: summary.effectiveTrainingTimeRatio,
    simulatedSeconds: summary.simulatedSeconds,
    costUsd: summary.costUsd,
    finished: summary.finishedReplicas === 1,
  };
}

export function chunksOf(record: CampaignRecord): CampaignChunk[] {
  const { layouts, firstSeed, seeds } = record.request;
  const out: CampaignChunk[] = [];
  for (let layout = 0; layout < layouts.length; layout++) {
    for (let from = firstSeed; from < firstSeed + seeds; from += CAMPAIGN_CHUNK_SEEDS) {
      out.push({ campaignId: record.id, layout, from, to: Math.min(from + CAMPAIGN_CHUNK_SEEDS, firstSeed + seeds) });
    }
  }
  return out;
}

function stats(values: number[]): CampaignQuantiles {
  const sorted = [...values].sort((a, b) => a - b);
  return quantiles(sorted, sorted.reduce((a, b) => a + b, 0));
}

/** The campaign with per-layout aggregates over its stored results. */
export function campaignView(record: CampaignRecord, results: readonly SeedResult[]): CampaignView {
  const { layouts, firstSeed, seeds } = record.request;
  const views: CampaignLayoutView[] = layouts.map((l, index) => {
    const mine = results.filter((r) => r.layout === index);
    return {
      index,
      label: l.label,
      seedsDone: mine.length,
      finishedSeeds: mine.filter((r) => r.finished).length,
      effectiveTrainingTimeRatio: stats(mine.map((r) => r.effectiveTrainingTimeRatio)),
      days: stats(mine.map((r) => r.simulatedSeconds / DAY_SECONDS)),
      costUsd: stats(mine.map((r) => r.costUsd)),
    };
  });
  return {
    id: record.id,
    status: record.status,
    firstSeed,
    seeds,
    seedsDone: results.length,
    seedsTotal: layouts.length * seeds,
    layouts: views,
    error: record.error,
    ownerKeyId: record.ownerKeyId,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
  };
}

/**
 * Runs one chunk (seed by seed, yielding between seeds), writes its results and publishes progress; marks the
 * campaign COMPLETED when it now has every result. Skips (false) if the campaign has ended (cancelled).
 */
export async function runChunk(store: CampaignStore, pubsub: BoundedPubSub<PubSubTopics>, chunk: CampaignChunk): Promise<boolean> {
  const record = await store.get(chunk.campaignId);
  if (record?.status !== 'RUNNING') return false;
  const layout = record.request.layouts[chunk.layout]!;
  const results: SeedResult[] = [];
  for (let seed = chunk.from; seed < chunk.to; seed++) {
    results.push(runSeed(layout, chunk.layout, seed));
    await tick();
  }
  const done = await store.writeResults(chunk.campaignId, results);
  const total = record.request.layouts.length * record.request.seeds;
  if (done >= total) await store.finish(chunk.campaignId, 'COMPLETED');
  pubsub.publish('campaignProgress', { campaignId: chunk.campaignId, seedsDone: done }, chunk.campaignId);
  return true;
}

export function createCampaignQueue(redis: RedisSettings): Queue<CampaignChunk> {
  return new Queue<CampaignChunk>(CAMPAIGN_QUEUE, { ...bullConnection(redis), defaultJobOptions: SIMULATION_JOB_OPTIONS });
}

/** A BullMQ worker for campaign chunks (in `npm run worker`). */
export function startCampaignWorker(options: {
  redis: RedisSettings;
  store: CampaignStore;
  pubsub: BoundedPubSub<PubSubTopics>;
  concurrency?: number;
  lockDurationMs?: number;
}): { worker: Worker<CampaignChunk>; close(): Promise<void> } {
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = new Worker<CampaignChunk>(
    CAMPAIGN_QUEUE,
    async (job: Job<CampaignChunk>) => ((await runChunk(options.store, options.pubsub, job.data)) ? 'done' : 'skipped'),
    {
      ...bullConnection(options.redis),
      concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)),
      lockDuration,
      stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
      maxStalledCount: 2,
    },
  );
  worker.on('error', () => undefined);
  return { worker, close: () => worker.close() };
}

export function campaignModule(): AppModule {
  return {
    name: 'campaign',
    migrations: CAMPAIGN_MIGRATIONS,
    setup({ db, pubsub, stores, redis, workers }): AppModuleInstance {
      const store = stores?.campaigns ?? createSqliteCampaignStore(db);
      const queue = workers === 'external' && redis ? createCampaignQueue(redis) : undefined;
      const local = new Set<Promise<void>>();
      let closing = false;

      const view = async (id: string): Promise<CampaignView | undefined> => {
        const record = await store.get(id);
        return record ? campaignView(record, await store.results(id)) : undefined;
      };
      const runLocally = (record: CampaignRecord): void => {
        const run = (async () => {
          try {
            for (const chunk of chunksOf(record)) {
              if (closing || !(await runChunk(store, pubsub, chunk))) return;
            }
          } catch (error) {
            await store.finish(record.id, 'FAILED', (error as Error).message);
            pubsub.publish('campaignProgress', { campaignId: record.id, seedsDone: -1 }, record.id);
          }
        })();
        local.add(run);
        void run.finally(() => local.delete(run));
      };

      const service: CampaignService = {
        async start(request, ownerKeyId) {
          const record = await store.create(request, ownerKeyId ?? null);
          if (queue) {
            await queue.addBulk(
              chunksOf(record).map((c) => ({ name: 'chunk', data: c, opts: { jobId: `${c.campaignId}-${c.layout}-${c.from}` } })),
            );
          } else {
            runLocally(record);
          }
          return campaignView(record, []);
        },
        get: view,
        async cancel(id) {
          if (await store.finish(id, 'CANCELLED')) pubsub.publish('campaignProgress', { campaignId: id, seedsDone: -1 }, id);
          const current = await view(id);
          if (!current) throw new GraphQLError(`id = ${JSON.stringify(id)} was not found`, { extensions: { code: 'NOT_FOUND', field: 'id' } });
          return current;
        },
        async subscribe(id) {
          return progress(id);
        },
      };

      /** The view now, then after each progress message (coalesced: one re-read per burst); ends when ended. */
      async function* progress(id: string): AsyncGenerator<CampaignView> {
        const live = pubsub.subscribe('campaignProgress', { key: id, bufferSize: 1 });
        try {
          for (;;) {
            const current = await view(id);
            if (!current) return;
            yield current;
            if (current.status !== 'RUNNING') return;
            const next = await Promise.race([live.next(), new Promise<'idle'>((r) => setTimeout(() => r('idle'), 2_000).unref())]);
            if (next !== 'idle' && next.done) return;
          }
        } finally {
          await live.return?.();
        }
      }

      return {
        context: { campaigns: service },
        async close() {
          closing = true;
          await Promise.allSettled([...local]);
          await queue?.close();
        },
      };
    },
  };
}
