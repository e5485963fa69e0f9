/**
 * `npm run test:e2e`: installs Debian's chromium if it is missing, builds the dashboard, and runs the end-to-end
 * tests (each file starts the server on an ephemeral port with a temp database and stops it). Screenshots go to
 * test-results/e2e/ (gitignored).
 */
import { spawnSync } from 'node:child_process';
import { ensureChromium, ROOT } from './harness.js';

ensureChromium();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const test = spawnSync(process.execPath, [`${ROOT}/node_modules/vitest/vitest.mjs`, 'run', '--config', 'test/e2e/vitest.config.ts', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(test.status ?? 1);
