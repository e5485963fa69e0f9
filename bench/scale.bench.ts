/**
 * Scale-out on real PostgreSQL and Redis (needs DATABASE_URL and REDIS_URL; prints one skip line otherwise).
 * scale.campaign.seedsPerSecond.workers{1,2,4}: a 1,000-seed campaign (GPT-3 175B on 1,024 A100s, 60-day horizon,
 *   Llama-3 reliability) from startCampaign to COMPLETED, run by 1, 2 and 4 `npm run worker` processes (one chunk at
 *   a time each). The machine's cores bound the speed-up (os.availableParallelism() is printed).
 * scale.subscribers.*: 2,000 WebSocket subscribers, half on each of 2 replicas, following one simulation run by a
 *   worker; lostEvents counts (subscriber, seq) pairs missing or duplicated (goal 0).
 * scale.redis.latency*: publish → delivery of a subscription message between two processes' pubsubs through Redis,
 *   against the in-process pubsub (added = Redis − in-process), p50 and p99 in milliseconds.
 */
import { availableParallelism } from 'node:os';
import type { Client } from 'graphql-ws';
import { createBoundedPubSub } from '../src/server/pubsub.js';
import { createRedisBoundedPubSub } from '../src/server/redis-pubsub.js';
import { startCluster } from '../test/scale/cluster.js';
import { DATABASE_URL, REDIS_URL, deleteRedisKeys, uniquePrefix } from '../test/scale/services.js';

type Report = (name: string, value: number | string) => void;

const DAY = 86_400;
const PLAN = { model: 'gpt3-175b', cluster: 'a100-80gb-x1024', globalBatchSize: 1536, tensorParallel: 8, pipelineParallel: 8, recompute: 'FULL', trainingTokens: 300e9 };
const CAMPAIGN_SEEDS = 1_000;
const SUBSCRIBERS = 2_000;
const OPERATIONS_PER_SOCKET = 100;

async function campaignSeedsPerSecond(workers: number): Promise<number> {
  const cluster = await startCluster({ replicas: 1, workers, workerEnv: { CAMPAIGN_CONCURRENCY: '1' } });
  try {
    const replica = cluster.replicas[0]!;
    const startedAt = performance.now();
    const r = await replica.gql<{ startCampaign: { id: string } }>('mutation ($input: CampaignInput!) { startCampaign(input: $input) { id } }', {
      input: { layouts: [PLAN], seeds: CAMPAIGN_SEEDS, horizonSeconds: 60 * DAY },
    });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    const id = r.data!.startCampaign.id;
    for await (const e of replica.ws().iterate<{ campaignProgress: { status: string; seedsDone: number } }>({
      query: 'subscription ($id: ID!) { campaignProgress(id: $id) { status seedsDone } }',
      variables: { id },
    })) {
      if (e.data!.campaignProgress.status !== 'RUNNING') {
        if (e.data!.campaignProgress.seedsDone !== CAMPAIGN_SEEDS) throw new Error(`campaign ended with ${JSON.stringify(e.data)}`);
        break;
      }
    }
    return CAMPAIGN_SEEDS / ((performance.now() - startedAt) / 1000);
  } finally {
    await cluster.dispose();
  }
}

async function subscribers(report: Report): Promise<void> {
  const cluster = await startCluster({ replicas: 2, workers: 1 });
  const clients: Client[] = [];
  try {
    const [a, b] = cluster.replicas as [(typeof cluster.replicas)[0], (typeof cluster.replicas)[0]];
    // 10 simulated days at 4 days per wall second, a progress event every 6 simulated hours (≈ 40 + interruptions).
    const started = await b.gql<{ startSimulation: { id: string } }>('mutation ($input: SimulationInput!) { startSimulation(input: $input) { id } }', {
      input: { plan: PLAN, horizonSeconds: 10 * DAY, seed: 5, pace: 4 * DAY, progressIntervalSeconds: 6 * 3600 },
    });
    if (started.errors) throw new Error(JSON.stringify(started.errors));
    const id = started.data!.startSimulation.id;
    const seen: number[][] = [];
    const runs: Promise<void>[] = [];
    const startedAt = performance.now();
    for (let i = 0; i < SUBSCRIBERS; i++) {
      if (i % OPERATIONS_PER_SOCKET === 0) clients.push((i % (2 * OPERATIONS_PER_SOCKET) < OPERATIONS_PER_SOCKET ? a : b).ws());
      const client = clients.at(-1)!;
      const mine: number[] = [];
      seen.push(mine);
      runs.push(
        (async () => {
          for await (const r of client.iterate<{ simulationEvents: { seq: number } }>({
            query: 'subscription ($id: ID!) { simulationEvents(id: $id) { seq } }',
            variables: { id },
          })) {
            if (r.errors) throw new Error(JSON.stringify(r.errors));
            mine.push(r.data!.simulationEvents.seq);
          }
        })(),
      );
    }
    await Promise.all(runs);
    const seconds = (performance.now() - startedAt) / 1000;
    const status = await a.gql<{ simulation: { status: string; lastSeq: number } }>('query ($id: ID!) { simulation(id: $id) { status lastSeq } }', { id });
    const { lastSeq } = status.data!.simulation;
    let lost = 0;
    // Missing seqs plus duplicates, over every subscriber.
    for (const mine of seen) {
      const distinct = new Set(mine);
      lost += lastSeq - distinct.size + (mine.length - distinct.size);
    }
    report('scale.subscribers.count', SUBSCRIBERS);
    report('scale.subscribers.replicas', 2);
    report('scale.subscribers.eventsPerSubscriber', lastSeq);
    report('scale.subscribers.deliveredEventsPerSecond', (SUBSCRIBERS * lastSeq) / seconds);
    report('scale.subscribers.lostEvents', lost);
    report('scale.subscribers.outOfOrder', seen.filter((mine) => mine.some((seq, i) => seq !== i + 1)).length);
  } finally {
    await Promise.allSettled(clients.map((c) => c.dispose()));
    await cluster.dispose();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function latency(report: Report): Promise<void> {
  const N = 2_000;
  type Topics = { ping: number };
  const measure = async (publisher: { publish(t: 'ping', v: number): void }, receiver: ReturnType<typeof createBoundedPubSub<Topics>>): Promise<number[]> => {
    const sub = receiver.subscribe('ping', { bufferSize: 10 });
    await new Promise((r) => setTimeout(r, 200));
    const out: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      publisher.publish('ping', i);
      const got = await sub.next();
      if (got.value?.payload !== i) throw new Error('out of order');
      out.push(performance.now() - t0);
    }
    await sub.return!();
    return out.sort((x, y) => x - y);
  };
  const local = createBoundedPubSub<Topics>();
  const inProcess = await measure(local, local);
  const prefix = uniquePrefix('bench');
  const publisher = createRedisBoundedPubSub<Topics>({ url: REDIS_URL!, prefix });
  const receiver = createRedisBoundedPubSub<Topics>({ url: REDIS_URL!, prefix });
  try {
    const viaRedis = await measure(publisher, receiver);
    report('scale.redis.latencyP50Ms', percentile(viaRedis, 0.5));
    report('scale.redis.latencyP99Ms', percentile(viaRedis, 0.99));
    report('scale.inProcess.latencyP50Ms', percentile(inProcess, 0.5));
    report('scale.inProcess.latencyP99Ms', percentile(inProcess, 0.99));
    report('scale.redis.addedLatencyP50Ms', percentile(viaRedis, 0.5) - percentile(inProcess, 0.5));
    report('scale.redis.addedLatencyP99Ms', percentile(viaRedis, 0.99) - percentile(inProcess, 0.99));
  } finally {
    await Promise.all([publisher.quit(), receiver.quit()]);
    await deleteRedisKeys(REDIS_URL!, prefix);
  }
}

export async function run(report: Report): Promise<void> {
  if (!DATABASE_URL || !REDIS_URL) {
    report('scale', 'skipped (DATABASE_URL and REDIS_URL unset)');
    return;
  }
  report('scale.cores', availableParallelism());
  await latency(report);
  for (const workers of (process.env.BENCH_WORKERS ?? '1,2,4').split(',').map(Number)) {
    report(`scale.campaign.seedsPerSecond.workers${workers}`, await campaignSeedsPerSecond(workers));
  }
  await subscribers(report);
}
