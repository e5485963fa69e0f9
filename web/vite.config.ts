/**
 * The dashboard's build (`npm run build:web` → web/dist/, served at / by src/server/dashboard.ts).
 * Preact through Vite's own JSX transform; no plugin. `npm run dev:web` proxies /graphql (HTTP and WebSocket) to a
 * server started with `npm start`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } },
  },
});
