/**
 * `bash scripts/start.sh [--postgres] [--rebuild]`: builds the front ends if they are missing, starts the sandbox of
 * the outside systems, loads the demo data, starts the BFF and prints every URL. Ctrl+C stops everything it started.
 *
 * - default: one BFF on SQLite (data/ykt.db), the embedded default;
 * - `--postgres`: a local PostgreSQL cluster (data/pg/) and TWO BFF instances on it, on YKT_PORT and YKT_PORT+1
 *   (default 3000 and 3001): what production looks like, behind its gateway.
 *
 * Set-up on first start: data/secrets.json (data key, JWT secret, 一卡通 service key).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, configFromEnv, generateDataKey, seedDemo } from '@ykt/bff';
import { demoWorld } from '@ykt/sandbox';
import { type Postgres, startPostgres } from './postgres.ts';
import { frontendDists, repoRoot } from './stack.ts';

const args = process.argv.slice(2);
const rebuild = args.includes('--rebuild');
const onPostgres = args.includes('--postgres');
const dataDir = join(repoRoot, 'data');
mkdirSync(dataDir, { recursive: true });

// Demo secrets, generated once and kept beside the database. Production sets the YKT_* variables instead.
const secretsFile = join(dataDir, 'secrets.json');
if (!existsSync(secretsFile)) {
  const secrets = {
    YKT_DATA_KEY: generateDataKey(),
    YKT_JWT_SECRET: generateDataKey() + generateDataKey(),
    YKT_SERVICE_KEY: `demo-ykt-${generateDataKey().slice(0, 16)}`,
  };
  writeFileSync(secretsFile, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
}
const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;

function build(label: string, dist: string, filter: string, script: string) {
  if (!rebuild && existsSync(join(dist, label === 'web' ? 'portal.html' : 'index.html'))) return;
  console.log(`› building ${label} …`);
  const r = spawnSync('pnpm', ['--filter', filter, script], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building ${label} failed`);
}
build('mini-app', frontendDists.miniappDist, '@ykt/miniapp', 'build:h5');
build('web', frontendDists.webDist, '@ykt/web', 'build');

const children: ChildProcess[] = [];
let pg: Postgres | undefined;
let closing = false;
async function stopAll(code = 0) {
  if (closing) return;
  closing = true;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  await pg?.stop();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll());

const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
function startChild(label: string, script: string, env: Record<string, string>) {
  const child = spawn(tsx, [script], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  child.once('exit', (code) => {
    if (!closing) {
      console.error(`${label} stopped (exit ${code}); stopping everything`);
      void stopAll(1);
    }
  });
  children.push(child);
}

async function waitFor(url: string, what: string) {
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up at ${url}`);
}

const port = Number(process.env.YKT_PORT ?? 3000);
const host = process.env.YKT_HOST ?? '127.0.0.1';
const instances = onPostgres ? [port, port + 1] : [port];
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 3100);
const sandboxHost = process.env.SANDBOX_HOST ?? '127.0.0.1';
const sandboxUrl = `http://${sandboxHost}:${sandboxPort}`;
const useOwnSandbox = !process.env.YKT_IDENTITY_URL && !process.env.YKT_BANK_URL;

try {
  if (useOwnSandbox) {
    startChild('sandbox', 'scripts/sandbox/src/main.ts', {
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_HOST: sandboxHost,
      // The sandbox's 一卡通 system posts demo payment batches to the first instance.
      YKT_BFF_URL: `http://${host}:${port}`,
      YKT_SERVICE_KEY: secrets.YKT_SERVICE_KEY,
    });
    await waitFor(`${sandboxUrl}/healthz`, 'the sandbox');
  }
  if (onPostgres) {
    pg = await startPostgres({
      dataDir: join(dataDir, 'pg'),
      port: Number(process.env.YKT_PG_PORT ?? 5433),
      durable: true,
    });
  }

  const env: Record<string, string> = {
    YKT_IDENTITY_URL: sandboxUrl,
    YKT_BANK_URL: sandboxUrl,
    YKT_FACE_MODE: 'preview',
    YKT_IDENTITY_PREVIEW_URL: sandboxUrl,
    YKT_DATABASE_PATH: join(dataDir, 'ykt.db'),
    YKT_MINIAPP_DIST: frontendDists.miniappDist,
    YKT_WEB_DIST: frontendDists.webDist,
    YKT_PUBLIC_URL: process.env.YKT_PUBLIC_URL ?? `http://${host}:${port}`,
    // Requests are not logged one by one in the demo; set YKT_LOG_LEVEL=info to see them.
    YKT_LOG_LEVEL: 'warn',
    ...secrets,
    ...(pg ? { YKT_DATABASE_URL: pg.url } : {}),
    ...(process.env as Record<string, string>),
  };

  // The demo data, once, before any instance serves (migrations run here too).
  const seeder = await buildApp({
    config: configFromEnv({ ...env, YKT_VALIDATION_SCHEDULE: '', YKT_OUTBOX_INTERVAL_MS: '0', YKT_LOG_LEVEL: 'warn' }),
  });
  const seeded = await seedDemo(seeder.ctx, demoWorld);
  await seeder.close();

  for (const p of instances) startChild(`BFF :${p}`, 'bff/src/server.ts', { ...env, YKT_PORT: String(p) });
  await Promise.all(instances.map((p) => waitFor(`http://${host}:${p}/healthz`, `the BFF on port ${p}`)));

  const base = env.YKT_PUBLIC_URL;
  const others = instances.slice(1).map((p) => `http://${host}:${p}`);
  console.log(`
惠民惠农"一卡通"账户自助变更 is running on ${pg ? `PostgreSQL (${pg.url}, data in data/pg)` : 'SQLite (data/ykt.db)'}${seeded ? ', demo data loaded' : ''}
  手机端 (渝快办 H5 preview)   ${base}/m/
  PC端 (扫码登录)              ${base}/pc
  一卡通审核 (caseworkers)     ${base}/review      jiangbei / jiangbei-demo-2026, chongqing / chongqing-demo-2026
  API docs (OpenAPI)           ${base}/docs
  Sandbox (identity, bank, SMS) ${sandboxUrl}      a payment batch: curl -X POST -H 'content-type: application/json' -d '{}' ${sandboxUrl}/ykt/payment-batches/demo${
    others.length
      ? `\n  second BFF instance          ${others.join(', ')} (same database; put both behind one gateway)`
      : ''
  }
Ctrl+C to stop.`);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  console.error(message);
  if (/already exists|no such column|duplicate column/i.test(message)) {
    console.error('data/ was made by an earlier build of this demo: remove data/ (demo data only) and start again.');
  }
  await stopAll(1);
}
