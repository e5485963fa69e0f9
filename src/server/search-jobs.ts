/**
 * Large plan searches as BullMQ jobs (`WORKERS=external`): a replica enqueues the search (spaces larger than
 * INLINE_SEARCH_MAX_CANDIDATES; small ones still run inline where they were asked), a `npm run worker` process
 * runs it in its search worker thread, publishes progress on `searchProgress:<job id>` through Redis and returns
 * the outcome as the job's result, which the replica awaits through BullMQ's queue events (durable, unlike pub/sub).
 * Cancelling (the client leaves: AbortSignal) publishes `jobControl`; the worker stops the search, which resolves
 * truncated. An input error travels back as the job's failure reason and is rethrown as the core's InvalidInputError.
 */
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { InvalidInputError } from '../core/errors.js';
import { estimateSearchSpace, type PlanSearchOutcome } from '../core/search.js';
import type { BoundedPubSub, PubSubTopics } from '../schema/context.js';
import type { PlanSearchService } from '../services/contracts.js';
import type { AppModule } from './app.js';
import type { RedisSettings } from './redis-pubsub.js';
import { INLINE_SEARCH_MAX_CANDIDATES, runPlanSearch, type SearchJob } from './search-runner.js';
import { abortOnCancel, bullConnection } from './simulation-jobs.js';

export const SEARCH_QUEUE = 'searches';
const INVALID_INPUT = 'InvalidInput:';

interface SearchJobData {
  job: SearchJob;
}

/** A BullMQ worker for plan searches (in `npm run worker`): one search at a time per process by default. */
export function startSearchWorker(options: {
  redis: RedisSettings;
  pubsub: BoundedPubSub<PubSubTopics>;
  concurrency?: number;
}): { worker: Worker<SearchJobData, PlanSearchOutcome>; close(): Promise<void> } {
  const { pubsub } = options;
  const worker = new Worker<SearchJobData, PlanSearchOutcome>(
    SEARCH_QUEUE,
    async (job: Job<SearchJobData>, _token?: string, signal?: AbortSignal) => {
      try {
        return await runPlanSearch(job.data.job, {
          mode: 'worker',
          ...(signal ? { signal } : {}),
          onProgress: (progress) => pubsub.publish('searchProgress', progress, job.id!),
        });
      } catch (error) {
        if (error instanceof InvalidInputError) {
          throw new Error(INVALID_INPUT + JSON.stringify({ field: error.field, value: error.value, allowed: error.allowed }));
        }
        throw error;
      }
    },
    { ...bullConnection(options.redis), concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)) },
  );
  const stopListening = abortOnCancel(pubsub, worker);
  return {
    worker,
    async close() {
      await stopListening();
      await worker.close();
    },
  };
}

/** Replaces the in-process search service: large searches go to the workers. Install after searchModule(). */
export function externalSearchModule(): AppModule {
  return {
    name: 'plan-search-jobs',
    setup({ redis, pubsub, workers }) {
      if (workers !== 'external' || !redis) return {};
      const queue = new Queue<SearchJobData, PlanSearchOutcome>(SEARCH_QUEUE, {
        ...bullConnection(redis),
        defaultJobOptions: { attempts: 2, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: 3_600 }, removeOnFail: { age: 3_600 } },
      });
      const events = new QueueEvents(SEARCH_QUEUE, bullConnection(redis));
      const planSearches: PlanSearchService = {
        async run(job, hooks) {
          if (estimateSearchSpace(job.arch, job.cluster, job.options, INLINE_SEARCH_MAX_CANDIDATES) <= INLINE_SEARCH_MAX_CANDIDATES) {
            return runPlanSearch(job, { mode: 'inline', ...hooks });
          }
          const id = `search-${randomBytes(8).toString('hex')}`;
          const progress = hooks.onProgress ? pubsub.subscribe('searchProgress', { key: id, bufferSize: 4 }) : undefined;
          if (progress) {
            void (async () => {
              for await (const { payload } of progress) hooks.onProgress!(payload);
            })();
          }
          const cancel = (): void => pubsub.publish('jobControl', { id, action: 'cancel' });
          hooks.signal?.addEventListener('abort', cancel, { once: true });
          try {
            await events.waitUntilReady();
            const added = await queue.add('search', { job }, { jobId: id });
            return await added.waitUntilFinished(events);
          } catch (error) {
            const message = (error as Error).message ?? '';
            const at = message.indexOf(INVALID_INPUT);
            if (at >= 0) {
              const { field, value, allowed } = JSON.parse(message.slice(at + INVALID_INPUT.length)) as { field: string; value: unknown; allowed: string };
              throw new InvalidInputError(field, value, allowed);
            }
            throw error;
          } finally {
            hooks.signal?.removeEventListener('abort', cancel);
            await progress?.return?.();
          }
        },
      };
      return {
        context: { planSearches },
        async close() {
          await events.close();
          await queue.close();
        },
      };
    },
  };
}
