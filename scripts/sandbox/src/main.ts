import { startSandbox } from './index.ts';

// SANDBOX_SCALE_SEED: answer for the scale generator's people too (SANDBOX_SCALE_PEOPLE of them, default 1,000,000).
const scaleSeed = process.env.SANDBOX_SCALE_SEED;
const sandbox = await startSandbox({
  host: process.env.SANDBOX_HOST ?? '127.0.0.1',
  port: Number(process.env.SANDBOX_PORT ?? 3100),
  logger: process.env.SANDBOX_LOG === '1',
  scale: scaleSeed ? { seed: scaleSeed, people: Number(process.env.SANDBOX_SCALE_PEOPLE ?? 1_000_000) } : undefined,
  // POST /ykt/payment-batches/demo posts to this BFF with its service key.
  ykt: process.env.YKT_SERVICE_KEY
    ? { bffUrl: process.env.YKT_BFF_URL ?? 'http://127.0.0.1:3000', serviceKey: process.env.YKT_SERVICE_KEY }
    : undefined,
});
console.log(
  `sandbox (identity platform, bank gateway, notification channel) listening on ${sandbox.url}` +
    (scaleSeed ? ` with generated people of seed ${scaleSeed}` : ''),
);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await sandbox.close();
    process.exit(0);
  });
}
