/**
 * `pnpm exec tsx scripts/bench/fuzz.ts [--runs 30000] [--db sqlite|postgres] [--seed N] [--only REGEX]`: the fuzz
 * campaign of the test command (bff/test/campaigns/fuzz.test.ts: every route, inputs from its zod schemas plus
 * hostile values, no 5xx, answers in the contract) with many more cases than the test command's 3000. On PostgreSQL
 * it starts a throwaway cluster (bff/test/globalSetup.ts) unless YKT_TEST_PG_URL names one. Prints the route
 * summary and any counterexample with its seed (replay: --seed N --only 'ROUTE').
 */
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../stack.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg('runs') ?? 30_000);
const db = arg('db') ?? 'sqlite';
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db must be sqlite or postgres');

const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  FORCE_COLOR: '0',
  YKT_FUZZ_RUNS: String(runs),
  YKT_FUZZ_VERBOSE: '1',
  ...(db === 'postgres' ? { YKT_TEST_DB: 'postgres' } : {}),
  ...(arg('seed') ? { YKT_FUZZ_SEED: arg('seed') as string } : {}),
  ...(arg('only') ? { YKT_FUZZ_ONLY: arg('only') as string } : {}),
};
const started = Date.now();
console.log(`fuzz: ${runs} cases on ${db}`);
const r = spawnSync('pnpm', ['exec', 'vitest', 'run', '--project', 'bff', 'test/campaigns/fuzz.test.ts'], {
  cwd: repoRoot,
  stdio: 'inherit',
  env,
});
console.log(`fuzz: ${r.status === 0 ? 'no failures' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(r.status ?? 1);
