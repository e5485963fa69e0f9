/**
 * The server listens with a deep accept queue (LISTEN_BACKLOG, src/server/app.ts). With Node's default of 511, a
 * thousand clients connecting at once overflowed it (the kernel's ListenOverflows counter rose by 801 in one run of
 * `SUBSCRIBERS=1000 EVENTS=39 npx tsx bench/load-replay.ts one`) and each dropped handshake waited 1 s to retry. The
 * queue length a listening socket was given is what `ss -ltn` shows as its Send-Q (Linux: the backlog, capped by
 * net.core.somaxconn).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LISTEN_BACKLOG } from '../../src/server/app.js';
import { startTestApp } from './tservers.js';

describe('listen backlog', () => {
  it('the listening socket gets LISTEN_BACKLOG (capped by somaxconn), not Node’s 511', async () => {
    const { app } = startTestApp();
    const { port } = await app.start(0, '127.0.0.1');
    const line = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim();
    // State Recv-Q Send-Q Local Peer
    const sendQ = Number(line.split(/\s+/)[2]);
    const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
    expect(sendQ).toBe(Math.min(LISTEN_BACKLOG, somaxconn));
  });
});
