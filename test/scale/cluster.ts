/**
 * A small deployment for tests and benches: N server replicas (in this process, each with its own HTTP port and
 * SQLite file) and M worker processes (`src/server/worker-main.ts` under tsx, killable), all sharing one
 * PostgreSQL schema and one Redis key prefix that no other run uses; dispose() removes both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createApp, type App } from '../../src/server/app.js';
import { simulationModule } from '../../src/server/simulation-module.js';
import { campaignModule } from '../../src/server/campaigns.js';
import { searchModule } from '../../src/server/search-runner.js';
import { externalSearchModule } from '../../src/server/search-jobs.js';
import { removeDir } from '../server/helpers.js';
import { DATABASE_URL, REDIS_URL, deleteRedisKeys, dropSchema, uniquePrefix, uniqueSchema } from './services.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Replica {
  app: App;
  url: string;
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string }[] }>;
  ws(): Client;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed. */
  output(): string;
  exited: Promise<number | null>;
}

export interface TestCluster {
  schema: string;
  prefix: string;
  replicas: Replica[];
  workers: WorkerProcess[];
  startReplica(): Promise<Replica>;
  stopReplica(replica: Replica): Promise<void>;
  startWorker(env?: Record<string, string>): Promise<WorkerProcess>;
  dispose(): Promise<void>;
}

export async function startCluster(options: { replicas: number; workers: number; workerEnv?: Record<string, string> }): Promise<TestCluster> {
  if (!DATABASE_URL || !REDIS_URL) throw new Error('startCluster needs DATABASE_URL and REDIS_URL');
  const databaseUrl = DATABASE_URL;
  const redisUrl = REDIS_URL;
  const schema = uniqueSchema('cluster');
  const prefix = uniquePrefix('cluster');
  const dir = mkdtempSync(join(tmpdir(), 'zeroplan-cluster-'));
  const replicas: Replica[] = [];
  const workers: WorkerProcess[] = [];
  const clients: Client[] = [];
  let count = 0;

  const startReplica = async (): Promise<Replica> => {
    count += 1;
    const app = createApp({
      databasePath: join(dir, `replica-${count}.db`),
      databaseUrl,
      databaseSchema: schema,
      redis: { url: redisUrl, prefix },
      workers: 'external',
      modules: [simulationModule(), searchModule(), externalSearchModule(), campaignModule()],
    });
    const { url } = await app.start(0, '127.0.0.1');
    const replica: Replica = {
      app,
      url,
      async gql(query, variables = {}) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as never;
      },
      ws() {
        const client = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
        clients.push(client);
        return client;
      },
    };
    replicas.push(replica);
    return replica;
  };

  const startWorker = async (env: Record<string, string> = {}): Promise<WorkerProcess> => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/worker-main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATABASE_SCHEMA: schema,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: prefix,
        ...options.workerEnv,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const worker: WorkerProcess = { child, output: () => out, exited };
    workers.push(worker);
    const until = Date.now() + 30_000;
    while (!out.includes('ready')) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`worker did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return worker;
  };

  for (let i = 0; i < options.replicas; i++) await startReplica();
  await Promise.all(Array.from({ length: options.workers }, () => startWorker()));

  return {
    schema,
    prefix,
    replicas,
    workers,
    startReplica,
    async stopReplica(replica) {
      replicas.splice(replicas.indexOf(replica), 1);
      await replica.app.stop();
    },
    startWorker,
    async dispose() {
      await Promise.allSettled(clients.map((c) => c.dispose()));
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      await Promise.allSettled(workers.map((w) => w.exited));
      await Promise.allSettled(replicas.map((r) => r.app.stop()));
      await dropSchema(databaseUrl, schema);
      await deleteRedisKeys(redisUrl, prefix);
      removeDir(dir);
    },
  };
}
