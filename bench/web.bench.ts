/**
 * The dashboard (web/, served at /): page weight and time to interactive.
 *
 * - `web.pageWeightGzipBytes`: the JavaScript and CSS the page loads, as this server sends them (gzip), summed from
 *   the responses' content-length (goal < 250 KB = 256,000 bytes).
 * - `web.timeToInteractiveMs`: median of 5 cold loads (browser cache off) in Debian's headless Chromium, from
 *   navigation start to the `zeroplan:interactive` mark (the catalog has filled the forms; goal < 1,000 ms).
 * - `web.timeToFirstPlanMs`: the same loads, to the first plan's figures and charts on screen.
 *
 * Needs `npm run build:web` (done here when web/dist is missing) and /usr/bin/chromium (the TTI lines say
 * `skipped` without it; `npm run test:e2e` installs it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, launchBrowser, ROOT, startServer } from '../test/e2e/harness.js';
import type { Report } from './run.js';

const LOADS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function run(report: Report): Promise<void> {
  if (!existsSync(join(ROOT, 'web/dist/index.html'))) {
    const build = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'ignore' });
    if (build.status !== 0) throw new Error('npm run build:web failed');
  }
  const server = await startServer();
  try {
    const html = readFileSync(join(ROOT, 'web/dist/index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    let weight = 0;
    for (const asset of assets) {
      const response = await fetch(server.origin + asset, { headers: { 'accept-encoding': 'gzip' } });
      weight += Number(response.headers.get('content-length'));
      await response.arrayBuffer();
    }
    report('web.pageWeightGzipBytes', weight);

    if (!existsSync(CHROMIUM)) {
      report('web.timeToInteractiveMs', `skipped (no ${CHROMIUM})`);
      return;
    }
    const browser = await launchBrowser();
    try {
      const interactive: number[] = [];
      const firstPlan: number[] = [];
      for (let i = 0; i < LOADS + 1; i++) {
        const page = await browser.context.newPage();
        const cdp = await browser.context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await page.goto(`${server.origin}/`);
        await page.waitForFunction(() => performance.getEntriesByName('zeroplan:first-plan').length > 0, undefined, { timeout: 30_000 });
        const marks = await page.evaluate(() => ({
          interactive: performance.getEntriesByName('zeroplan:interactive')[0]!.startTime,
          firstPlan: performance.getEntriesByName('zeroplan:first-plan')[0]!.startTime,
        }));
        // The first load warms the server (JIT, preset caches); it is not counted.
        if (i > 0) {
          interactive.push(marks.interactive);
          firstPlan.push(marks.firstPlan);
        }
        await page.close();
      }
      report('web.timeToInteractiveMs', Math.round(median(interactive)));
      report('web.timeToFirstPlanMs', Math.round(median(firstPlan)));
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}
