/**
 * Replays of stored simulation events share the event loop (src/server/fair-share.ts): a long replay yields to
 * other work between slices, several replays take turns (none waits for another to finish), and each still gets
 * every seq exactly once, in order, ending with the terminal event. (The latency figures are in
 * bench/replay-load.ts, not here.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { SimulationEventRecord, SimulationRequest, SimulationService } from '../../src/services/contracts.js';
import { CORE_MIGRATIONS, openDatabase, type Db } from '../../src/server/db.js';
import { admitSubscription, SLICE_MS, takeTurn, waitingForTurn } from '../../src/server/fair-share.js';
import { createBoundedPubSub } from '../../src/server/pubsub.js';
import { simulationModule } from '../../src/server/simulation-module.js';
import { createSimulationStore, SIMULATION_MIGRATIONS } from '../../src/server/simulation-store.js';
import { removeDir } from './helpers.js';
import { cleanups } from './tservers.js';


/** Busy work of about `ms` milliseconds (so a loop of them outlasts a slice on any machine). */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('takeTurn', () => {
  it('lets other event-loop work run during a long loop, and two loops interleave', async () => {
    const order: string[] = [];
    let otherRanAt = -1;
    setImmediate(() => (otherRanAt = order.length));
    const loop = async (name: string): Promise<void> => {
      for (let i = 0; i < 300; i++) {
        const turn = takeTurn();
        if (turn) await turn;
        work(0.05);
        order.push(name);
      }
    };
    await Promise.all([loop('a'), loop('b')]);
    expect(order).toHaveLength(600);
    // The other callback ran before the loops were done (they yielded), and B started before A ended.
    expect(otherRanAt).toBeGreaterThanOrEqual(0);
    expect(otherRanAt).toBeLessThan(600);
    expect(order.indexOf('b')).toBeLessThan(order.lastIndexOf('a'));
    expect(order.indexOf('a')).toBeLessThan(order.lastIndexOf('b'));
    expect(waitingForTurn()).toBe(0);
  });
});

describe('admitSubscription', () => {
  it('a new subscription waits behind the loops already queued for a turn, then goes on', async () => {
    const order: string[] = [];
    // Spend the current slice, so the loop below has to queue for its turn.
    work(SLICE_MS + 1);
    const loop = takeTurn();
    expect(loop).toBeDefined();
    const done = [loop!.then(() => order.push('replay turn')), admitSubscription().then(() => order.push('subscription set-up'))];
    expect(waitingForTurn()).toBe(2);
    await Promise.all(done);
    // FIFO: the join did not jump the queue (a plain resolved promise would have run first, in this tick).
    expect(order).toEqual(['replay turn', 'subscription set-up']);
    expect(waitingForTurn()).toBe(0);
  });
});

describe('replaying stored events', () => {
  const EVENTS = 3_000;

  async function storedSimulation(): Promise<{ db: Db; service: SimulationService; id: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'zeroplan-replay-'));
    cleanups.push(() => removeDir(dir));
    const db = openDatabase(join(dir, 'r.db'), [...CORE_MIGRATIONS, ...SIMULATION_MIGRATIONS]);
    const pubsub = createBoundedPubSub();
    const instance = simulationModule().setup!({ db, pubsub: pubsub as never })!;
    await instance.ready;
    cleanups.push(() => {
      db.close();
    });
    cleanups.push(async () => instance.close?.());
    const store = createSimulationStore(db);
    const rec = await store.create({ job: {}, preset: 'test', plan: {} } as unknown as SimulationRequest);
    const batch = Array.from({ length: 500 }, (_, i) => ({ type: 'PROGRESS', simulatedSeconds: i, data: { step: i } }));
    for (let n = 0; n < EVENTS - 1; n += 500) await store.appendEvents(rec.id, batch.slice(0, Math.min(500, EVENTS - 1 - n)));
    await store.appendEvents(rec.id, [{ type: 'COMPLETED', simulatedSeconds: EVENTS, data: {} }]);
    await store.setStatus(rec.id, 'COMPLETED');
    return { db, service: instance.context!.simulations as SimulationService, id: rec.id };
  }

  it('three replays from after: 0 each get every seq once in order, take turns, and let other work run', async () => {
    const { service, id } = await storedSimulation();
    const progress = [0, 0, 0];
    let probes = 0;
    let replaying = true;
    const probe = (): void => {
      if (!replaying) return;
      probes++;
      setImmediate(probe);
    };
    setImmediate(probe);
    const firstDone: number[] = [];
    const collect = async (k: number): Promise<SimulationEventRecord[]> => {
      const out: SimulationEventRecord[] = [];
      for await (const e of await service.subscribe(id, 0)) {
        out.push(e);
        progress[k]!++;
        work(0.02);
      }
      firstDone.push(k);
      // When the first replay ends, the others are well under way (they were not waiting for it).
      if (firstDone.length === 1) for (const p of progress) expect(p).toBeGreaterThan(EVENTS / 10);
      return out;
    };
    const results = await Promise.all([collect(0), collect(1), collect(2)]);
    replaying = false;
    for (const events of results) {
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: EVENTS }, (_, i) => i + 1));
      expect(events.at(-1)!.type).toBe('COMPLETED');
    }
    // Other event-loop work ran many times during the replays (each slice ends with a turn of the loop).
    expect(probes).toBeGreaterThan(10);
  });
});
