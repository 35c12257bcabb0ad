/**
 * Runs every test stage and ends with one line CI reads: "N passed, N failed".
 * Stages: type checks, lint, unit + API tests (vitest: shared, sandbox, bff), then two lanes side by side: the BFF
 * suite again on a throwaway PostgreSQL 15, and the front-end builds (mini-app H5 and weapp, web) followed by the
 * browser journeys (vitest e2e project: Playwright + Debian Chromium on the built pages).
 *
 * Why two lanes: the browser journeys spend most of their time waiting for a page (a third of one core busy), and
 * the PostgreSQL suite waits on its database; side by side they fit the two cores instead of queueing, which keeps
 * the whole command under ten minutes here. A lane that runs beside the one printing live keeps its output and
 * prints it whole when it ends, so no two stages' lines interleave.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Postgres, startPostgres } from './postgres.ts';
import { repoRoot } from './stack.ts';

const tmp = join(repoRoot, '.tmp');
mkdirSync(tmp, { recursive: true });
let passed = 0;
let failed = 0;
const failures: string[] = [];

type RunOptions = { env?: Record<string, string>; buffered?: boolean };

/** One stage as a child process; a buffered stage prints its output in one piece when it ends. */
function run(label: string, cmd: string, args: string[], { env = {}, buffered = false }: RunOptions = {}) {
  const started = Date.now();
  if (!buffered) console.log(`\n━━ ${label}`);
  const chunks: Buffer[] = [];
  const child = spawn(cmd, args, {
    cwd: repoRoot,
    stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  child.stdout?.on('data', (d: Buffer) => chunks.push(d));
  child.stderr?.on('data', (d: Buffer) => chunks.push(d));
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      if (buffered) process.stdout.write(`\n━━ ${label}\n${Buffer.concat(chunks).toString()}`);
      console.log(`━━ ${label}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      resolve(ok);
    };
    child.once('error', () => done(false));
    child.once('close', (code) => done(code === 0));
  });
}

/** A check that is not a vitest test (type check, build) counts as one test. */
async function check(label: string, cmd: string, args: string[], options?: RunOptions) {
  if (await run(label, cmd, args, options)) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

async function vitest(label: string, projects: string[], options?: RunOptions) {
  const out = join(tmp, `vitest-${label}.json`);
  const args = [
    'exec',
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  const ok = await run(label, 'pnpm', args, options);
  try {
    const report = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (report.numFailedTests > 0 || !ok) failures.push(label);
    if (!ok && report.numFailedTests === 0) failed++; // a suite that crashed before its tests ran
  } catch {
    failed++;
    failures.push(`${label} (no report)`);
  }
}

/** The whole BFF suite again on a real PostgreSQL 15: a throwaway cluster, stopped at the end whatever happens. */
async function bffOnPostgres(buffered: boolean) {
  let pg: Postgres | undefined;
  try {
    pg = await startPostgres();
    await vitest('bff-on-postgresql', ['bff'], {
      buffered,
      env: { YKT_TEST_DB: 'postgres', YKT_TEST_PG_URL: pg.url, YKT_TEST_PG_DATADIR: pg.dataDir },
    });
  } catch (err) {
    failed++;
    failures.push(`bff-on-postgresql (${(err as Error).message})`);
  } finally {
    await pg?.stop();
  }
}

async function buildsAndJourneys() {
  await check('build mini-app H5', 'pnpm', ['--filter', '@ykt/miniapp', 'build:h5']);
  await check('build mini-app weapp (compile check)', 'pnpm', ['--filter', '@ykt/miniapp', 'build:weapp']);
  await check('build web (PC pages + review console)', 'pnpm', ['--filter', '@ykt/web', 'build']);
  await vitest('e2e', ['e2e']);
}

const only = process.argv[2];
const unit = !only || only === 'unit';
const e2e = !only || only === 'e2e';
if (unit) {
  for (const pkg of ['shared', 'bff', 'scripts/sandbox', 'scripts', 'web', 'miniapp', 'e2e'])
    await check(`typecheck ${pkg}`, 'pnpm', ['exec', 'tsc', '--noEmit', '-p', pkg]);
  await check('lint and format (biome)', 'pnpm', ['exec', 'biome', 'check', '.']);
  await vitest('unit-and-api', ['shared', 'sandbox', 'bff']);
}
await Promise.all([unit ? bffOnPostgres(e2e) : undefined, e2e ? buildsAndJourneys() : undefined]);

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
