import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url))

// Tests run against the TypeScript sources of every package, so `npm test`
// needs no build step and a failing test points at the line in src/.
export default defineConfig({
  resolve: {
    alias: {
      '@imtahan/domain': src('domain'),
      '@imtahan/adapters': src('adapters'),
      '@imtahan/http': src('http'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
