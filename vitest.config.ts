import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Without this alias vitest can load graphql's ESM and CJS builds side by side, and graphql 16 then
    // refuses to mix schema objects from the two copies ("Cannot use GraphQLSchema from another module").
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // One line naming the suites skipped for want of PostgreSQL / Redis (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
