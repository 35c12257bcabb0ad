import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type App, buildApp, type Clock, generateDataKey, parseConfig, seedDemo } from '@ykt/bff';
import { demoWorld, type Sandbox, startSandbox } from '@ykt/sandbox';

export { demoPerson } from '@ykt/sandbox';

/** The 一卡通 system's credential for 上卡失败 reports in a stack started here (tests, demos). */
export const STACK_SERVICE_KEY = 'stack-ykt-service-key-0123456789';

export const repoRoot = resolve(import.meta.dirname, '..');
export const frontendDists = {
  miniappDist: join(repoRoot, 'miniapp', 'dist'),
  webDist: join(repoRoot, 'web', 'dist'),
};

export interface StackOptions {
  /** BFF port; 0 = ephemeral. */
  port?: number;
  /** An already running sandbox; otherwise one is started in this process on an ephemeral port. */
  sandboxUrl?: string;
  databasePath?: string;
  dataKey?: string;
  jwtSecret?: string;
  qrTtlSeconds?: number;
  bankTimeoutMs?: number;
  sessionTtlSeconds?: number;
  clock?: Clock;
  seed?: boolean;
  logLevel?: 'silent' | 'info' | 'warn';
  validationSchedule?: string;
}

export interface Stack {
  baseUrl: string;
  sandboxUrl: string;
  app: App;
  sandbox?: Sandbox;
  close(): Promise<void>;
}

/**
 * The BFF with the sandbox of the outside systems and the demo data, serving the built front ends: what
 * `pnpm start` runs and what the end-to-end tests drive. Without a databasePath it uses a fresh temporary file.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const sandbox = opts.sandboxUrl ? undefined : await startSandbox({ port: 0, slowDelayMs: 10_000 });
  const sandboxUrl = opts.sandboxUrl ?? (sandbox as Sandbox).url;
  const tmp = opts.databasePath ? undefined : mkdtempSync(join(tmpdir(), 'ykt-'));
  const config = parseConfig({
    port: opts.port ?? 0,
    databasePath: opts.databasePath ?? join(tmp as string, 'ykt.db'),
    dataKey: opts.dataKey ?? generateDataKey(),
    jwtSecret: opts.jwtSecret ?? generateDataKey() + generateDataKey(),
    identityUrl: sandboxUrl,
    bankUrl: sandboxUrl,
    gatewayAppKey: 'sandbox-app-key',
    bankTimeoutMs: opts.bankTimeoutMs,
    qrTtlSeconds: opts.qrTtlSeconds,
    sessionTtlSeconds: opts.sessionTtlSeconds,
    faceMode: 'preview',
    identityPreviewUrl: sandboxUrl,
    validationSchedule: opts.validationSchedule ?? '',
    yktServiceKey: STACK_SERVICE_KEY,
    logLevel: opts.logLevel ?? 'silent',
    ...frontendDists,
  });
  const app = await buildApp({ config, clock: opts.clock });
  if (opts.seed !== false) await seedDemo(app.ctx, demoWorld);
  await app.listen({ host: '127.0.0.1', port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sandboxUrl,
    app,
    sandbox,
    async close() {
      await app.close();
      await sandbox?.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}
