// Test configuration: unit tests sit beside their modules (project "unit", `npm run test:fast`), cross-module
// tests under test/, task/ and bench/ (project "integration": real servers on 127.0.0.1, child processes, bundles).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    env: { NO_PROXY: '127.0.0.1,localhost', HTTP_PROXY: '', HTTPS_PROXY: '' },
    // `npm test` runs with --coverage: in-process code only (a CLI run in a child process does not count).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts'],
      reporter: ['text-summary', 'json-summary'],
      // A floor, so coverage can only rise: measured 2026-12-02 over the unit project alone (statements 64.48 %,
      // branches 59.09 %, functions 60.69 %, lines 64.98 %), about a point below for noise. The full suite
      // covers more; raise these once a full run's figures are in.
      thresholds: { statements: 63, branches: 58, functions: 59, lines: 64 },
    },
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', 'task/**/*.test.ts', 'bench/**/*.test.ts'],
        },
      },
    ],
  },
});
