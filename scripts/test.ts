/**
 * Runs every test stage and ends with one line CI reads: "N passed, N failed".
 * Stages, in two steps that keep both cores of this machine busy:
 * 1. the checks: type checks, lint and the front-end builds (mini-app H5 and weapp, web), two at a time (each is
 *    one process on one core, mostly);
 * 2. two lanes side by side: the unit + API tests (vitest: shared, sandbox, bff on SQLite) then the BFF suite again
 *    on a throwaway PostgreSQL 15; and the browser journeys (vitest e2e project: Playwright + Debian Chromium on the
 *    pages built in step 1).
 *
 * Why lanes in step 2: the browser journeys spend most of their time waiting for a page (a third of one core busy),
 * and the PostgreSQL suite waits on its database; side by side they fit the two cores instead of queueing, which
 * keeps the whole command under ten minutes here. A stage that runs beside another keeps its output and prints it
 * whole when it ends, so no two stages' lines interleave. `test.ts unit` or `test.ts e2e` runs one side alone: its
 * checks, then its lane (live).
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
type VitestOptions = RunOptions & { args?: string[] };

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

async function vitest(label: string, projects: string[], { args: extra = [], ...options }: VitestOptions = {}) {
  const out = join(tmp, `vitest-${label}.json`);
  const args = [
    'exec',
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    ...extra,
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

/**
 * The Node suites (unit + API on SQLite), then the whole BFF suite again on a real PostgreSQL 15 (a throwaway cluster, stopped at the end
 * whatever happens). `--no-isolate`: each worker imports the app once for all its files instead of once per file
 * (half of these suites' time went to imports); every file still builds its own app on its own database.
 */
async function nodeSuites(buffered: boolean) {
  await vitest('unit-and-api', ['shared', 'sandbox', 'bff'], { buffered, args: ['--no-isolate'] });
  let pg: Postgres | undefined;
  try {
    pg = await startPostgres();
    await vitest('bff-on-postgresql', ['bff'], {
      buffered,
      args: ['--no-isolate'],
      env: { YKT_TEST_DB: 'postgres', YKT_TEST_PG_URL: pg.url, YKT_TEST_PG_DATADIR: pg.dataDir },
    });
  } catch (err) {
    failed++;
    failures.push(`bff-on-postgresql (${(err as Error).message})`);
  } finally {
    await pg?.stop();
  }
}

/** Runs the jobs n at a time, in the order given (longest first keeps the tail short). */
async function inParallel(n: number, jobs: (() => Promise<void>)[]) {
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }),
  );
}

const only = process.argv[2];
const unit = !only || only === 'unit';
const e2e = !only || only === 'e2e';
/** A check that runs beside another: its output printed whole at the end. */
const job = (label: string, args: string[]) => () => check(label, 'pnpm', args, { buffered: true });
const checks: (() => Promise<void>)[] = [];
if (e2e) {
  checks.push(
    job('build mini-app H5', ['--filter', '@ykt/miniapp', 'build:h5']),
    job('build mini-app weapp (compile check)', ['--filter', '@ykt/miniapp', 'build:weapp']),
    job('build web (PC pages + review console)', ['--filter', '@ykt/web', 'build']),
  );
}
if (unit) {
  for (const pkg of ['bff', 'miniapp', 'scripts', 'e2e', 'web', 'scripts/sandbox', 'shared'])
    checks.push(job(`typecheck ${pkg}`, ['exec', 'tsc', '--noEmit', '-p', pkg]));
  checks.push(job('lint and format (biome)', ['exec', 'biome', 'check', '.']));
}
await inParallel(2, checks);
await Promise.all([unit ? nodeSuites(e2e) : undefined, e2e ? vitest('e2e', ['e2e']) : undefined]);

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
