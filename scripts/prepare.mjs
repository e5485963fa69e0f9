// `npm ci` / `npm install` run this (`prepare`): bundle the server (src/ → dist/, so `npm start` runs compiled code)
// and build the dashboard (web/ → web/dist/, served at /). Both tools are dev dependencies: an install without them
// (`--omit=dev`) says what it skipped and goes on — build on a machine with dev dependencies and ship dist/.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function installed(name) {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

for (const [tool, script, what] of [
  ['esbuild', 'build:server', 'the server bundle (dist/) that `npm start` runs'],
  ['vite', 'build:web', 'the dashboard at /'],
]) {
  if (!installed(tool)) {
    console.warn(`zeroplan: ${tool} is not installed (dev dependencies omitted): ${what} is not built; \`npm run ${script}\` builds it.`);
    continue;
  }
  const result = spawnSync(npm, ['run', script], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
