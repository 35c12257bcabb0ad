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
          // expect.poll gives up after 1 s by default: a grid that answers in 1.2 s on a busy machine is not a bug.
          // Polls end as soon as the condition holds; the bound is only for a condition that never will.
          expect: { poll: { timeout: 20_000, interval: 100 } },
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
