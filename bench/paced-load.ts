/**
 * An open-loop, evenly paced HTTP load generator, run as its own process by bench/load-query-mix.ts (so its work
 * does not share an event loop with anything else). Request i is due at start + i / rate, whatever happened to the
 * earlier ones (open loop: a slow server does not slow the generator down); it goes out on a free keep-alive
 * connection (at most `connections`), and its latency is counted from when it was DUE, so time spent waiting for a
 * connection is included (no coordinated omission). Bodies are sent round-robin.
 *
 *   node --import tsx bench/paced-load.ts <json: {url, rate, seconds, connections, bodies}>
 *
 * Prints one JSON object: sent, completed, errors, non2xx, achieved rate, latency percentiles in ms.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

interface Options {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  bodies: string[];
}

const options = JSON.parse(process.argv[2] ?? '{}') as Options;
const target = new URL(options.url);
const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
const total = Math.round(options.rate * options.seconds);
const latencies = new Float64Array(total);
/** How late each request left the generator (its own stalls: GC, being descheduled), in ms. */
const lateness = new Float64Array(total);
let completed = 0;
let errors = 0;
let non2xx = 0;
let sent = 0;
const start = performance.now() + 50;

function send(i: number): void {
  const due = start + (i * 1_000) / options.rate;
  lateness[i] = performance.now() - due;
  const body = options.bodies[i % options.bodies.length]!;
  const req = request(
    {
      agent,
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    },
    (res) => {
      if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode > 299) non2xx += 1;
      res.on('data', () => undefined);
      res.on('end', () => {
        latencies[completed++] = performance.now() - due;
      });
    },
  );
  req.on('error', () => {
    errors += 1;
  });
  req.end(body);
}

await new Promise<void>((resolve) => {
  // Every millisecond (the timer resolution), send whatever has fallen due since the last tick.
  const tick = (): void => {
    const now = performance.now();
    while (sent < total && start + (sent * 1_000) / options.rate <= now) send(sent++);
    if (sent < total) setTimeout(tick, 1);
    else resolve();
  };
  setTimeout(tick, 50);
});
const deadline = performance.now() + 10_000;
while (completed + errors < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
const elapsedSeconds = (performance.now() - start) / 1_000;
agent.destroy();

const sorted = Array.from(latencies.subarray(0, completed)).sort((a, b) => a - b);
const at = (p: number, values: number[] = sorted): number => values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;
const late = Array.from(lateness.subarray(0, sent)).sort((a, b) => a - b);
process.stdout.write(
  JSON.stringify({ sent, completed, errors, non2xx, achievedRps: completed / elapsedSeconds, cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6, elapsedSeconds, p50: at(50), p90: at(90), p99: at(99), max: sorted.at(-1) ?? NaN, sendLateP99: at(99, late), sendLateMax: late.at(-1) ?? NaN }),
);
