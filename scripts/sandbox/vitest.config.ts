import { defineConfig } from 'vitest/config';

// The sandbox over real HTTP, run beside the browser journeys: 20 s, as the BFF's suite, for a busy machine.
export default defineConfig({
  test: { name: 'sandbox', environment: 'node', include: ['test/**/*.test.ts'], testTimeout: 20_000 },
});
