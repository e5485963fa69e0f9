/**
 * Test servers that are always disposed (the graphql-ws `tests/utils/tservers.ts` way): importing this module
 * registers one afterEach that runs every pushed cleanup, last first, whether the test passed or not.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTestApp, removeDir, type TestApp } from './helpers.js';

/** What each test left to undo (apps, clients, sockets, temp dirs); emptied after every test. */
export const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** createTestApp, stopped and its temp dir removed after the test. */
export function startTestApp(options: Parameters<typeof createTestApp>[0] = {}): TestApp {
  const t = createTestApp(options);
  cleanups.push(() => removeDir(t.dir));
  cleanups.push(() => t.dispose());
  return t;
}

/** One createTestApp for a whole file: started before its first test, stopped and its temp dir removed after the last. */
export function useSharedTestApp(options: Parameters<typeof createTestApp>[0] = {}): TestApp {
  const shared = {} as TestApp;
  beforeAll(() => {
    Object.assign(shared, createTestApp(options));
  });
  afterAll(async () => {
    await shared.dispose();
    removeDir(shared.dir);
  });
  return shared;
}
