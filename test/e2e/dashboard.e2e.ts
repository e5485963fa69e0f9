/**
 * The dashboard in headless Chromium against the real server: load the page, compute a plan, run a search and
 * open a frontier point, read the validation suite as the API reports it, start a simulation and watch its chart
 * fill, cut the WebSocket and see the stream resume with no gap; no console errors and no request leaving the
 * server's origin. Screenshots: test-results/e2e/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { launchBrowser, ROOT, startServer, type Browser, type RunningServer } from './harness.js';

const SHOTS = join(ROOT, 'test-results', 'e2e');
let server: RunningServer;
let browser: Browser;
let page: Page;
let consoleErrors: string[] = [];
let offOrigin: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The WebSockets of the current page (when opened with `routeSockets`), so a test can cut them as a network would. */
let sockets: { close(): Promise<void> }[] = [];

async function open(path: string, options: { routeSockets?: boolean } = {}): Promise<Page> {
  consoleErrors = [];
  offOrigin = [];
  sockets = [];
  page = await browser.context.newPage();
  if (options.routeSockets) {
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      const upstream = ws.connectToServer();
      sockets.push({
        async close() {
          await ws.close({ code: 1012, reason: 'cut by the test' });
          await upstream.close({ code: 1000, reason: 'cut by the test' });
        },
      });
    });
  }
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(server.origin) && !url.startsWith(server.origin.replace('http', 'ws')) && !/^(data|blob):/.test(url)) offOrigin.push(url);
  });
  await page.goto(server.origin + path);
  return page;
}

afterEach(async () => {
  await page?.close();
  expect(consoleErrors, 'console errors').toEqual([]);
  expect(offOrigin, 'requests that left the origin').toEqual([]);
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

it('loads the page and computes the default plan (GPT-3 175B on 1,024 A100s) with its figures and charts', async () => {
  await open('/');
  await page.getByTestId('figures').waitFor();
  await expect.poll(() => page.getByTestId('fits').textContent()).toBe('fits');
  const mfu = Number((await page.getByTestId('mfu').textContent())!.replace(/[^\d.]/g, ''));
  // The README's figure for this layout with ZeRO-1 and FlashAttention: MFU ≈ 37 % (not pinned: the planner may move).
  expect(mfu).toBeGreaterThan(20);
  expect(mfu).toBeLessThan(60);
  expect(await page.getByTestId('days').textContent()).toMatch(/^\d+(\.\d)? days$/);
  expect(await page.locator('figure svg[role=img]').count()).toBeGreaterThanOrEqual(3);
  // The step term by term (performance.terms): a captioned table with a row header per term that costs time here
  // (TP 8, PP 8, DP 16 on a dense model: no EP, CP or offload rows).
  const terms = page.getByTestId('step-terms');
  await expect.poll(() => terms.locator('caption').textContent()).toMatch(/^Step time term by term/);
  const rowHeads = await terms.locator('tbody th[scope=row]').allTextContents();
  expect(rowHeads).toEqual(['compute', 'pipeline bubble', 'tensor parallel (TP)', 'pipeline transfers (PP)', 'data parallel (DP / ZeRO)', 'optimizer step']);
  expect(await terms.locator('tbody td.explanation').first().textContent()).toMatch(/GEMM FLOPs/);
  // The plan's own assumptions (TrainingPlan.assumptions): every input the answer rests on, with where it comes from.
  await page.getByText('Assumptions', { exact: true }).click();
  const assumptions = page.getByTestId('plan-assumptions');
  const launch = assumptions.locator('tbody tr', { hasText: 'options.expertGemmLaunch' });
  expect(await launch.locator('td').allTextContents()).toEqual(['GROUPED_KERNEL', 'default', expect.stringMatching(/^planner default/)]);
  expect(await assumptions.locator('tbody tr').count()).toBeGreaterThanOrEqual(20);
  await shot('plan-default');
  // A named recipe fills what the form leaves open, goes into the URL, and the assumptions say which came from it.
  await page.locator('select[name=recipe]').selectOption('MEGATRON_CORE');
  await page.getByRole('button', { name: 'Compute plan' }).click();
  await expect.poll(() => page.url()).toContain('recipe=MEGATRON_CORE');
  await expect.poll(() => launch.locator('td').allTextContents()).toEqual(['PER_EXPERT', 'recipe', expect.stringMatching(/GroupedLinear/)]);
  await page.locator('select[name=recipe]').selectOption('CUSTOM');
  await page.getByRole('button', { name: 'Compute plan' }).click();
  await expect.poll(() => launch.locator('td').allTextContents()).toEqual(['GROUPED_KERNEL', 'default', expect.stringMatching(/^planner default/)]);

  // A changed input recomputes and goes into the URL; reopening the URL gives the same view.
  await page.locator('input[name=tp]').fill('4');
  await page.locator('input[name=pp]').fill('16');
  await page.getByRole('button', { name: 'Compute plan' }).click();
  await expect.poll(() => page.url()).toContain('tp=4');
  await expect.poll(() => page.locator('.layout').textContent()).toContain('TP 4 × PP 16');
  const shared = page.url();
  await page.goto(shared);
  await expect.poll(() => page.locator('.layout').textContent()).toContain('TP 4 × PP 16');
  // A layout that cannot exist comes back as the API's message, naming the field.
  await page.locator('input[name=tp]').fill('7');
  await page.getByRole('button', { name: 'Compute plan' }).click();
  await expect.poll(() => page.getByTestId('plan-error').textContent()).toContain('tensorParallel');
  await shot('plan-invalid');

  // A pasted config.json (Llama 2 7B's shape) is saved as a model, selected, and planned.
  await page.getByRole('button', { name: 'Paste a config.json…' }).click();
  await page.locator('textarea[name=config]').fill(JSON.stringify({
    architectures: ['LlamaForCausalLM'], model_type: 'llama', hidden_size: 4096, intermediate_size: 11008,
    num_attention_heads: 32, num_hidden_layers: 32, num_key_value_heads: 32, vocab_size: 32000,
    max_position_embeddings: 4096, rms_norm_eps: 1e-5, tie_word_embeddings: false,
  }));
  await page.locator('input[name=config-name]').fill('Pasted Llama 2 7B');
  await page.getByRole('button', { name: 'Import and use' }).click();
  // Llama 2 7B: 6.74B parameters (Touvron et al. 2023, Table 1 rounds it to 7B).
  await expect.poll(() => page.locator('select[name=model] option:checked').textContent()).toBe('Pasted Llama 2 7B (6.7B)');
  await page.locator('input[name=tp]').fill('8');
  await page.locator('input[name=pp]').fill('1');
  await page.getByRole('button', { name: 'Compute plan' }).click();
  await expect.poll(() => page.locator('h2').textContent()).toContain('Pasted Llama 2 7B');
  await expect.poll(() => new URL(page.url()).searchParams.get('model')).toMatch(/^m_/);
});

it('an MoE plan with per-expert launches shows its host work apart from the communication, and the diagnostic saying so', async () => {
  // Qwen3 30B-A3B on 16 H100 (EP 8: 16 local experts) with Megatron-Core's PER_EXPERT launches: host-bound.
  await open('/?view=plan&model=qwen3-30b-a3b&cluster=h100-sxm-x16384&gpus=16&gbs=1024&mbs=1&tp=1&pp=1&ep=8&precision=BF16&recompute=NONE&recipe=MEGATRON_CORE');
  await page.getByTestId('figures').waitFor();
  const steps = page.locator('figure', { hasText: 'Step time breakdown' }).first();
  await expect.poll(() => steps.textContent()).toContain('per-expert host work');
  await expect.poll(() => page.locator('ul.diagnostics').textContent()).toMatch(/Per-expert host work is \d+ % of the step: each rank launches the GEMMs of its 16 local experts/);
  const caption = page.locator('figure', { hasText: 'Communication per step' }).first().locator('figcaption');
  await expect.poll(() => caption.textContent()).toMatch(/EP's per-expert host work, [\d.]+ s, is in the step breakdown/);
  await shot('plan-moe-host');
  // A dense plan has no such part.
  await page.goto(`${server.origin}/?view=plan`);
  await page.getByTestId('figures').waitFor();
  await expect.poll(() => page.locator('figure', { hasText: 'Step time breakdown' }).first().textContent()).toContain('compute');
  expect(await page.locator('figure', { hasText: 'Step time breakdown' }).first().textContent()).not.toContain('per-expert host work');
});

it('runs a plan search with live progress, shows ties as such, and opens a frontier point in the Plan view', async () => {
  await open('/?view=search');
  await page.getByRole('button', { name: 'Run search' }).click();
  await expect.poll(() => page.getByTestId('search-status').getAttribute('data-done'), { timeout: 60_000 }).toBe('1');
  // GPT-3 175B on 1,024 A100s: several layouts lie within the planner's stated accuracy of the best (docs/search.md).
  await expect.poll(() => page.getByTestId('search-summary').textContent()).toMatch(/\d+ layouts are within it of the best/);
  expect(await page.locator('[data-testid=ranked] tbody tr').count()).toBeGreaterThan(1);
  expect(await page.locator('[data-testid=ranked] tbody tr.tie').count()).toBeGreaterThan(0);
  const frontierPoint = page.locator('svg .point[aria-label^="Frontier"]').first();
  const label = (await frontierPoint.getAttribute('aria-label'))!;
  await shot('search-done');
  // Keyboard: one point is in the tab order; the arrow keys move between points, Enter opens one.
  expect(await page.locator('svg .point[tabindex="0"]').count()).toBe(1);
  await page.locator('svg .point').nth(1).focus();
  await page.keyboard.press('ArrowLeft');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(label);
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('plan');
  const tp = /TP (\d+) × PP (\d+)/.exec(label)!;
  await expect.poll(() => page.locator('.layout').textContent(), { timeout: 30_000 }).toContain(`TP ${tp[1]} × PP ${tp[2]}`);
  await page.getByTestId('figures').waitFor();
  // The plan opened is the layout the search evaluated (its split of the layers and its recompute included): the
  // same cost as the point's.
  const pointCost = /— [^,]+, (\$[\d.,]+[kMB]?)/.exec(label)![1]!;
  await expect.poll(() => page.getByTestId('cost').textContent()).toBe(pointCost);
  await shot('search-opened-plan');
});

it('with fewer GPUs allowed, opens a cheaper frontier layout on part of the cluster in the Plan view', async () => {
  await open('/?view=search&upto=1');
  expect(await page.locator('input[name=upto]').isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Run search' }).click();
  await expect.poll(() => page.getByTestId('search-status').getAttribute('data-done'), { timeout: 90_000 }).toBe('1');
  const labels = await page.locator('svg .point[aria-label^="Frontier"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));
  const fewer = labels.findIndex((l) => Number(/on ([\d,]+) GPUs/.exec(l)![1]!.replace(/,/g, '')) < 1024);
  expect(fewer).toBeGreaterThanOrEqual(0);
  const gpus = /on ([\d,]+) GPUs/.exec(labels[fewer]!)![1]!;
  await page.locator('svg .point[aria-label^="Frontier"]').nth(fewer).click();
  await expect.poll(() => page.locator('.layout').textContent(), { timeout: 30_000 }).toContain(`· ${gpus} GPUs`);
  await expect.poll(() => new URL(page.url()).searchParams.get('gpus')).toBe(gpus.replace(/,/g, ''));
  await shot('search-fewer-gpus-plan');
});

it('shows compute-optimal allocations and curves for the four laws, and the article\'s extrapolation in one click', async () => {
  await open('/?view=scaling');
  await expect.poll(() => page.locator('[data-testid=allocation] tbody tr').count()).toBe(4);
  await expect.poll(() => page.locator('.uplot-host canvas').count()).toBe(2);
  await page.getByTestId('extrapolate').click();
  // The article: N₄ = N₃² / N₂ = 20.4T parameters (README table; test/core checks the figure itself).
  await expect.poll(() => page.getByTestId('next-parameters').textContent()).toMatch(/^20\.4\dT$/);
  await expect.poll(() => new URL(page.url()).searchParams.get('x')).toBe('1');
  await shot('scaling');
  // The view tabs work from the keyboard (arrow keys move between them, focus follows).
  await page.locator('#tab-scaling').focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('simulate');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-simulate');
});

it('plans a small budget with live progress: the sized model, its layout, the loss-vs-spend frontier, and opens it in the Plan view', async () => {
  // $20k over 30 days on one HGX H100 at $2.50 per GPU-hour, no failures: a small grid the API answers in seconds.
  await open('/?view=budget&usd=20000&days=30&cluster=h100-sxm-x8&price=2.5&law=CHINCHILLA&family=LLAMA&reliability=none');
  expect(await page.locator('input[name=budget-usd]').inputValue()).toBe('20000');
  expect(await page.locator('input[name=budget-maxgpus]').inputValue()).toBe('');
  // A field that is not a number is named, not sent as null (JSON has no NaN).
  await page.locator('input[name=budget-days]').fill('a month');
  await page.getByRole('button', { name: 'Plan the budget' }).click();
  await expect.poll(() => page.locator('.results [role=alert]').textContent()).toContain('Deadline (days): "a month" is not a number');
  // An out-of-range value gets the API's message naming the field (budgetUsd is validated to 1–10¹³).
  await page.locator('input[name=budget-days]').fill('30');
  await page.locator('input[name=budget-usd]').fill('-5');
  await page.getByRole('button', { name: 'Plan the budget' }).click();
  await expect.poll(() => page.locator('.results [role=alert]').textContent(), { timeout: 30_000 }).toContain('budgetUsd');
  await page.locator('input[name=budget-usd]').fill('20000');
  // Live progress: the subscription's events before the last (done: false) reach the page over the WebSocket.
  let progressEvents = 0;
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
    if (typeof payload === 'string' && payload.includes('"budgetPlanProgress"') && payload.includes('"done":false')) progressEvents += 1;
  }));
  await page.getByRole('button', { name: 'Plan the budget' }).click();
  await expect.poll(() => page.getByTestId('budget-status').getAttribute('data-done'), { timeout: 60_000 }).toBe('1');
  expect(progressEvents).toBeGreaterThan(0);
  await page.getByTestId('budget-answer').waitFor();
  // 8 GPUs × 24 h × $2.50 = $480 a day: $20k buys ≈ 41.7 days, so the 30-day deadline binds (docs/budget.md, step 6).
  expect(await page.getByTestId('budget-binding-constraint').textContent()).toContain('the deadline');
  expect(await page.getByTestId('budget-layout').textContent()).toMatch(/TP \d+ × PP \d+ × DP \d+.* on 8 GPUs/);
  expect(await page.getByTestId('budget-model').textContent()).toMatch(/\d+ layers × [\d,]+ wide, \d+ heads/);
  const loss = Number(/([\d.]+) nats/.exec((await page.getByTestId('budget-predicted-loss').textContent())!)![1]);
  // Chinchilla-family losses for 10⁸–10¹⁰-parameter runs lie between E = 1.69 and ≈ 4 nats (Hoffmann et al. 2022, eq. 10).
  expect(loss).toBeGreaterThan(1.69);
  expect(loss).toBeLessThan(4);
  // The frontier: predicted loss falls as spend grows; every point is a keyboard-reachable button.
  const points = page.locator('svg .point');
  expect(await points.count()).toBeGreaterThan(3);
  expect(await page.locator('svg .point[tabindex="0"]').count()).toBe(1);
  expect(await page.locator('svg[aria-label^="Loss-vs-spend frontier"]').count()).toBe(1);
  const losses = await points.evaluateAll((els) => els.map((e) => Number(/loss ([\d.]+) nats/.exec(e.getAttribute('aria-label')!)![1])));
  expect(losses[losses.length - 1]!).toBeLessThan(losses[0]!);
  await page.locator('svg .point[tabindex="0"]').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('budget-pick').textContent()).toMatch(/loss [\d.]+ nats\/token/);
  await shot('budget');
  // The link reproduces the inputs; the chosen plan opens in the Plan view on the saved sized model.
  await expect.poll(() => new URL(page.url()).searchParams.get('usd')).toBe('20000');
  const layout = /TP (\d+) × PP (\d+)/.exec((await page.getByTestId('budget-layout').textContent())!)!;
  await page.getByRole('button', { name: 'Open this plan in the Plan view' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('plan');
  await expect.poll(() => page.locator('.layout').textContent(), { timeout: 30_000 }).toContain(`TP ${layout[1]} × PP ${layout[2]}`);
  await page.getByTestId('figures').waitFor();
  await shot('budget-opened-plan');
});

it('shows the validation suite as the API reports it: every run, its summary figures, a family filter and |error| sorting', async () => {
  // The figures come from the API here too (none is pinned: the model and the suite may move).
  const response = await fetch(`${server.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ validation { summary { meanAbsError } runs { id predictedFits } families { family runs } } }' }),
  });
  const { validation } = ((await response.json()) as { data: { validation: ValidationFigures } }).data;
  const percent = (fraction: number) =>
    `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(fraction * 100)} %`;

  await open('/?view=validation');
  const rows = page.locator('[data-testid=validation-runs] tbody tr');
  await expect.poll(() => rows.count()).toBe(validation.runs.length);
  expect(await page.getByTestId('validation-mean').textContent()).toBe(percent(validation.summary.meanAbsError));
  expect(await rows.locator('th[scope=row] .run-id').allTextContents()).toEqual(validation.runs.map((r) => r.id));
  // What planSearch states, per model class and GPU generation (dense / MoE on A100 and H100, then on Blackwell).
  expect(await page.getByTestId('validation-stated-accuracy').textContent()).toMatch(/^\d+ % \/ \d+ %on A100 and H100 \(\d+ \/ \d+ runs\); on Blackwell \(B200, B300, GB200, GB300\) \d+ % \/ \d+ %/);
  // Runs the memory model does not fit are stated, not hidden.
  const noFit = validation.runs.filter((r) => !r.predictedFits).length;
  expect(await page.locator('[data-testid=validation-runs] tbody tr.nofit').count()).toBe(noFit);
  // The runs checked but held back (unpublished inputs decide them): a row per reading, apart from the suite's.
  const heldBack = page.locator('[data-testid=validation-held-back] tbody tr');
  expect(await heldBack.count()).toBeGreaterThan(0);
  expect(await page.locator('[data-testid=validation-held-back] th[scope=row]').first().textContent()).toMatch(/^megatron-core-0\.8-16b/);
  expect(await page.getByText(/^does not fit \(\d+\.\d GB\)$/).count()).toBe(noFit);
  await shot('validation');

  // The family filter narrows the table to that family's runs and goes into the URL.
  const family = validation.families.find((x) => x.runs < validation.runs.length)!;
  await page.locator('select[name=family]').selectOption(family.family);
  await expect.poll(() => rows.count()).toBe(family.runs);
  // The link is written by an effect after the render, and Playwright learns of replaceState asynchronously: poll.
  await expect.poll(() => new URL(page.url()).searchParams.get('family')).toBe(family.family);
  // Largest |error| first.
  await page.getByRole('button', { name: 'Largest |error| first' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Largest |error| first' }).getAttribute('aria-pressed')).toBe('true');
  const errors = (await page.locator('[data-testid=validation-runs] td.error-cell').allTextContents()).map((t) => Math.abs(Number(/^[+-]?[\d.]+/.exec(t)![0])));
  expect(errors).toEqual([...errors].sort((a, b) => b - a));
  await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('error');
  await shot('validation-family-sorted');

  // The worst run of the family, replayed through trainingPlan: its step time term by term, the open row in the URL.
  const worst = (await rows.first().locator('.run-id').textContent())!;
  await rows.first().getByTestId('validation-run-toggle').click();
  const terms = page.getByTestId('validation-run-terms');
  await terms.waitFor();
  expect(await terms.locator('[data-testid=step-terms] tbody th').allTextContents()).toContain('compute');
  expect(await terms.textContent()).toContain(`${worst} replayed through trainingPlan`);
  await expect.poll(() => new URL(page.url()).searchParams.get('run')).toBe(worst);
  await shot('validation-run-terms');
  // Closing it takes it out of the table and the URL.
  await rows.first().getByTestId('validation-run-toggle').click();
  await expect.poll(() => terms.count()).toBe(0);
  await expect.poll(() => new URL(page.url()).searchParams.get('run')).toBeNull();
});

interface ValidationFigures {
  summary: { meanAbsError: number };
  runs: { id: string; predictedFits: boolean }[];
  families: { family: string; runs: number }[];
}

async function streamState(): Promise<{ events: number; lastSeq: number; gaps: number; duplicates: number; done: boolean }> {
  const el = page.getByTestId('stream');
  const attr = async (name: string) => Number(await el.getAttribute(name));
  return { events: await attr('data-events'), lastSeq: await attr('data-last-seq'), gaps: await attr('data-gaps'), duplicates: await attr('data-duplicates'), done: (await attr('data-done')) === 1 };
}

it('starts a simulation, fills its charts, survives a cut connection with no gap, and reopens from the store', async () => {
  await open('/?view=simulate', { routeSockets: true });
  // 10 simulated days at a day per second: long enough to cut the connection mid-run on a loaded machine.
  await page.locator('select[name=pace]').selectOption('86400');
  await page.locator('input[name=horizon]').fill('10');
  await page.locator('input[name=replicas]').fill('4');
  await page.getByRole('button', { name: 'Start simulation' }).click();
  await page.getByTestId('stream').waitFor();
  await expect.poll(async () => (await streamState()).events, { timeout: 30_000 }).toBeGreaterThan(5);
  await shot('simulate-running');

  // Cut the live connection mid-run; graphql-ws reconnects and the subscription resumes after the last seq.
  const before = await streamState();
  expect(before.done).toBe(false);
  expect(sockets.length).toBe(1);
  for (const socket of sockets.splice(0)) await socket.close();
  await expect.poll(() => page.locator('.conn').getAttribute('data-reconnects'), { timeout: 30_000 }).toBe('1');
  await expect.poll(async () => (await streamState()).done, { timeout: 90_000 }).toBe(true);
  const after = await streamState();
  expect(after.lastSeq).toBeGreaterThan(before.lastSeq);
  expect(after.gaps).toBe(0);
  expect(after.duplicates).toBe(0); // resumed with `after`, not replayed from the start
  expect(after.events).toBe(after.lastSeq); // seq 1 … last, each once
  await expect.poll(() => page.getByTestId('sim-status').textContent()).toBe('completed');
  expect(await page.locator('.uplot-host canvas').count()).toBeGreaterThanOrEqual(2);
  await page.getByTestId('sim-summary').waitFor();
  await shot('simulate-completed');

  // The stored run reopens from its URL: every event again, in order.
  await page.goto(page.url());
  await expect.poll(async () => (await streamState()).done, { timeout: 30_000 }).toBe(true);
  const replay = await streamState();
  expect(replay.lastSeq).toBe(after.lastSeq);
  expect(replay.events).toBe(after.lastSeq);
  expect(replay.gaps).toBe(0);

  // Replayed as fast as possible: a new run with the same input and seed gives the same events.
  const firstId = new URL(page.url()).searchParams.get('sim');
  await page.locator('select[name=pace]').selectOption('');
  await page.getByRole('button', { name: 'Replay at this pace' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('sim')).not.toBe(firstId);
  await expect.poll(async () => (await streamState()).done, { timeout: 60_000 }).toBe(true);
  const rerun = await streamState();
  expect(rerun.lastSeq).toBe(after.lastSeq);
  expect(rerun.gaps).toBe(0);
  await expect.poll(() => page.getByTestId('sim-status').textContent()).toBe('completed');
});
