import { startSandbox } from './index.ts';

const sandbox = await startSandbox({
  host: process.env.SANDBOX_HOST ?? '127.0.0.1',
  port: Number(process.env.SANDBOX_PORT ?? 3100),
  logger: process.env.SANDBOX_LOG === '1',
});
console.log(`sandbox (identity platform + bank gateway) listening on ${sandbox.url}`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await sandbox.close();
    process.exit(0);
  });
}
