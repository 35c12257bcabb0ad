/**
 * `pnpm exec tsx scripts/bench/index.ts [seconds]`: load on the citizen's and caseworker's hottest reads, each
 * reported as a ratio against a baseline measured side by side in the same run (GET /healthz through the same
 * app: plugins, hooks and logger, but no session and no database). Ratios, not absolute numbers, carry from one
 * machine to another. Loopback only; bounded in time.
 */
import autocannon from 'autocannon';
import { caseworkerToken, citizenToken } from '../../e2e/harness.ts';
import { startStack } from '../stack.ts';

const seconds = Number(process.argv[2] ?? 5);
const stack = await startStack({ logLevel: 'silent' });
const tan = await citizenToken(stack, { name: '谭梅', idNumber: '500105198003191829' });
const cw = await caseworkerToken(stack, 'chongqing', 'chongqing-demo-2026');

async function load(title: string, path: string, token?: string) {
  const r = await autocannon({
    url: `${stack.baseUrl}${path}`,
    connections: 10,
    duration: seconds,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${title}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { title, path, rps: r.requests.average, p99: r.latency.p99 };
}

const rows = [
  await load('baseline: GET /healthz', '/healthz'),
  await load('citizen card face', '/api/me/card', tan),
  await load('citizen requests list', '/api/me/change-requests', tan),
  await load('review queue (municipal, page 1)', '/api/review/change-requests?showCompleted=true', cw),
];
await stack.close();

const base = rows[0].rps;
console.log(`\n${seconds} s each, 10 connections, ${new Date().toISOString()}`);
console.log('| what | req/s | ratio to baseline | p99 ms |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.title} | ${Math.round(r.rps)} | ${(r.rps / base).toFixed(2)} | ${r.p99} |`);
