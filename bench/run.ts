/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or the ones named on the command line) in turn.
 * Each bench module exports `run(report)`; every figure is printed as one `name: value` line so that
 * figures can be compared across commits (`npm run bench > before.txt`, then diff).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Report = (name: string, value: number | string) => void;

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const report: Report = (name, value) => {
  const text = typeof value === 'number' ? formatNumber(value) : value;
  process.stdout.write(`${name}: ${text}\n`);
};

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return value.toFixed(0);
  if (magnitude >= 1) return value.toFixed(3);
  return value.toPrecision(4);
}

for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: (report: Report) => Promise<void> | void };
  await mod.run(report);
}
process.exit(0);
