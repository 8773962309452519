import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (pkg: string, entry = 'index') =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${entry}.ts`, import.meta.url))

// Tests run against the TypeScript sources of every package, so `npm test`
// needs no build step and a failing test points at the line in src/.
export default defineConfig({
  resolve: {
    // Exact matches (a bare string would also rewrite `@imtahan/adapters/postgres` as a prefix).
    alias: [
      { find: /^@imtahan\/domain$/, replacement: src('domain') },
      { find: /^@imtahan\/domain\/testing$/, replacement: src('domain', 'testing/index') },
      { find: /^@imtahan\/adapters$/, replacement: src('adapters') },
      { find: /^@imtahan\/adapters\/testing$/, replacement: src('adapters', 'testing/index') },
      {
        find: /^@imtahan\/adapters\/(memory|pglite|postgres|eventstoredb)$/,
        replacement: src('adapters', '$1'),
      },
      { find: /^@imtahan\/http$/, replacement: src('http') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
