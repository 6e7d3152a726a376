import path from 'node:path'
import { defineConfig } from 'vitest/config'

const src = path.resolve(__dirname, 'src')

// One runner, five projects. `npm test` builds the three targets first, because the
// bundle and e2e projects exercise the compiled output, not the sources.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    // PGlite boots a WASM Postgres per test file: one fork per core, no more.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // A page's change (a dropdown's leave animation) or a background refund can take over
    // expect.poll's default 1 s on a loaded 2-core CI machine: one did. A poll still passes
    // the moment it matches; only a real failure waits the 10 s.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        resolve: {
          alias: [
            { find: /^@\//, replacement: `${src}/` },
            // The merchant console (console/) imports the shared rules as @domain/*.
            { find: /^@domain\//, replacement: `${src}/domain/` },
            // Unit tests render our components in jsdom: Taro's components and APIs are
            // replaced by small stand-ins that behave like the H5 ones.
            { find: /^@tarojs\/components$/, replacement: path.resolve(__dirname, 'test/shims/taro-components.tsx') },
            { find: /^@tarojs\/taro$/, replacement: path.resolve(__dirname, 'test/shims/taro.ts') },
          ],
        },
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}', 'console/src/**/*.test.{ts,tsx}'],
          setupFiles: ['test/shims/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Two server processes on one PostgreSQL (needs DATABASE_URL; skipped without it).
        extends: true,
        test: {
          name: 'cluster',
          environment: 'node',
          include: ['test/cluster/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'bundle',
          environment: 'node',
          include: ['test/bundle/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
