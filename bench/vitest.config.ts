// Runs the benchmark's own unit tests (`npx vitest run --config bench/vitest.config.ts`): the root
// vitest.config.ts does not include bench/ yet. No timing assertions here; the benchmark measures, tests prove.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['bench/**/*.test.ts'],
    pool: 'forks',
  },
});
