import { defineConfig } from 'vitest/config';

// One runner for every suite: pure rules, the sandbox, the BFF (inject + live HTTP), and the browser journeys.
export default defineConfig({
  test: {
    projects: [
      'shared',
      'scripts/sandbox',
      'bff',
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
