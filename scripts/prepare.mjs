// `npm ci` / `npm install` run this (`prepare`): build the dashboard (web/ → web/dist/) so that `npm start` serves
// it at /. An install without dev dependencies (`--omit=dev`) has no Vite: then say so and go on — the API and
// GraphiQL work without the page, and / explains how to build it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('vite/package.json');
} catch {
  console.warn('zeroplan: Vite is not installed (dev dependencies omitted): the dashboard at / is not built; `npm run build:web` builds it.');
  process.exit(0);
}
const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:web'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
