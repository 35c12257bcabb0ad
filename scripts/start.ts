/**
 * `bash scripts/start.sh`: builds the front ends if they are missing, starts the sandbox of the outside systems
 * (its own process) and the BFF with the demo data, and prints every URL. Ctrl+C stops both.
 * Set-up on first start: data/secrets.json (data key, JWT secret, 一卡通 service key) and data/ykt.db.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, configFromEnv, generateDataKey, seedDemo } from '@ykt/bff';
import { demoWorld } from '@ykt/sandbox';
import { frontendDists, repoRoot } from './stack.ts';

const rebuild = process.argv.includes('--rebuild');
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

const sandboxPort = Number(process.env.SANDBOX_PORT ?? 3100);
const sandboxHost = process.env.SANDBOX_HOST ?? '127.0.0.1';
const sandboxUrl = `http://${sandboxHost}:${sandboxPort}`;
const useOwnSandbox = !process.env.YKT_IDENTITY_URL && !process.env.YKT_BANK_URL;
let sandbox: ChildProcess | undefined;
if (useOwnSandbox) {
  sandbox = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/sandbox/src/main.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, SANDBOX_PORT: String(sandboxPort), SANDBOX_HOST: sandboxHost },
  });
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${sandboxUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const config = configFromEnv({
  YKT_IDENTITY_URL: sandboxUrl,
  YKT_BANK_URL: sandboxUrl,
  YKT_FACE_MODE: 'preview',
  YKT_IDENTITY_PREVIEW_URL: sandboxUrl,
  YKT_DATABASE_PATH: join(dataDir, 'ykt.db'),
  YKT_MINIAPP_DIST: frontendDists.miniappDist,
  YKT_WEB_DIST: frontendDists.webDist,
  ...secrets,
  ...process.env,
});
const app = await buildApp({ config });
const seeded = await seedDemo(app.ctx, demoWorld);
await app.listen({ host: config.host, port: config.port });

const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
console.log(`
惠民惠农"一卡通"账户自助变更 is running${seeded ? ' (demo data loaded)' : ''}
  手机端 (渝快办 H5 preview)   ${base}/m/
  PC端 (扫码登录)              ${base}/pc
  一卡通审核 (caseworkers)     ${base}/review      jiangbei / jiangbei-demo-2026, chongqing / chongqing-demo-2026
  API docs (OpenAPI)           ${base}/docs
  Sandbox (identity + bank)    ${sandboxUrl}
Ctrl+C to stop.`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await app.close();
    sandbox?.kill('SIGTERM');
    process.exit(0);
  });
}
