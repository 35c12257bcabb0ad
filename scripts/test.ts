/**
 * Runs every test stage in order and ends with one line CI reads: "N passed, N failed".
 * Stages: type checks, lint, unit + API tests (vitest: shared, sandbox, bff), front-end builds (mini-app H5 and
 * weapp, web), then the browser journeys (vitest e2e project: Playwright + Debian Chromium on the built pages).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Postgres, startPostgres } from './postgres.ts';
import { repoRoot } from './stack.ts';

const tmp = join(repoRoot, '.tmp');
mkdirSync(tmp, { recursive: true });
let passed = 0;
let failed = 0;
const failures: string[] = [];

function run(label: string, cmd: string, args: string[], cwd = repoRoot, env: Record<string, string> = {}) {
  const started = Date.now();
  console.log(`\n━━ ${label}`);
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  const ok = r.status === 0;
  console.log(`━━ ${label}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

/** A check that is not a vitest test (type check, build) counts as one test. */
function check(label: string, cmd: string, args: string[], cwd?: string) {
  if (run(label, cmd, args, cwd)) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

function vitest(label: string, projects: string[], env: Record<string, string> = {}) {
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
  const ok = run(label, 'pnpm', args, repoRoot, env);
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

const only = process.argv[2];
if (!only || only === 'unit') {
  for (const pkg of ['shared', 'bff', 'scripts/sandbox', 'scripts', 'web', 'miniapp', 'e2e'])
    check(`typecheck ${pkg}`, 'pnpm', ['exec', 'tsc', '--noEmit', '-p', pkg]);
  check('lint and format (biome)', 'pnpm', ['exec', 'biome', 'check', '.']);
  vitest('unit-and-api', ['shared', 'sandbox', 'bff']);
  // The whole BFF suite again on a real PostgreSQL 15: a throwaway cluster, stopped at the end whatever happens.
  let pg: Postgres | undefined;
  try {
    pg = await startPostgres();
    vitest('bff-on-postgresql', ['bff'], {
      YKT_TEST_DB: 'postgres',
      YKT_TEST_PG_URL: pg.url,
      YKT_TEST_PG_DATADIR: pg.dataDir,
    });
  } catch (err) {
    failed++;
    failures.push(`bff-on-postgresql (${(err as Error).message})`);
  } finally {
    await pg?.stop();
  }
}
if (!only || only === 'e2e') {
  check('build mini-app H5', 'pnpm', ['--filter', '@ykt/miniapp', 'build:h5']);
  check('build mini-app weapp (compile check)', 'pnpm', ['--filter', '@ykt/miniapp', 'build:weapp']);
  check('build web (PC pages + review console)', 'pnpm', ['--filter', '@ykt/web', 'build']);
  vitest('e2e', ['e2e']);
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
