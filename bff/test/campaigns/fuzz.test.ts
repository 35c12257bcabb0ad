/**
 * Campaign: property-based fuzz of every route. For each route
 * the app registers, inputs are generated from its own zod schemas (params, querystring, body; arbitraries.ts) and
 * mixed with hostile values, and sent as a caller the authorization matrix lets through (so validation and handlers
 * are reached) or, now and then, as any caller. Every answer must be below 500, carry the security headers (and
 * no-store on /api/*), and be `{error: {code, message}}` in Chinese when it is an error. Nothing may pollute
 * Object.prototype, and the app must still be healthy at the end.
 *
 * The test command runs YKT_FUZZ_RUNS cases in all (default 3000); `pnpm exec tsx scripts/bench/fuzz.ts` runs many
 * more. A failure prints fast-check's seed and path: YKT_FUZZ_SEED=<seed> replays it; YKT_FUZZ_ONLY=<regex> picks
 * routes ("POST /api/me"), YKT_FUZZ_VERBOSE=1 reports each route, YKT_FUZZ_LOG=<file> logs each case.
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import type { HTTPMethods } from 'fastify';
import { describe, expect, it } from 'vitest';
import { anyJson, encode, jsonSchemaOf, objectFor, pathFrom, queryString, rawBody } from './arbitraries.ts';
import { CALLERS, type Caller, contractProblems, isCoveredTwin, MATRIX } from './matrix.ts';
import { useCampaignWorld } from './world.ts';

const world = useCampaignWorld();
const TOTAL_RUNS = Number(process.env.YKT_FUZZ_RUNS ?? 3000);
const SEED = process.env.YKT_FUZZ_SEED ? Number(process.env.YKT_FUZZ_SEED) : undefined;
const LOG = process.env.YKT_FUZZ_LOG;

/** The caller whose requests get furthest into a route: one the matrix lets through, the most privileged first. */
function deepCaller(routeKey: string): Caller {
  const row = MATRIX[routeKey];
  // Fuzzing a logout as a real session would end the sessions the other routes are fuzzed with.
  if (!row || row.endsSessions) return 'anonymous';
  const preference: Caller[] = ['municipal', 'cwInScope', 'citizen', 'serviceKey', 'anonymous'];
  return preference.find((c) => row.expect[c] < 400) ?? 'anonymous';
}

/** A `*` of a static route: file names, traversal attempts. */
const wildcard = fc.oneof(
  fc.constantFrom(
    'index.html',
    'portal.html',
    '../../../../etc/passwd',
    '..%2f..%2f..%2fpackage.json',
    '%2e%2e/%2e%2e/secrets.json',
    '.env',
    'a'.repeat(300),
    '%00.html',
    '%',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }).map(encode),
);

describe('fuzz of every route from its schemas', () => {
  it(
    `answers ${TOTAL_RUNS} generated requests without a 5xx, always in the contract`,
    async () => {
      const registered = new Set(world.routes.map((r) => `${r.method} ${r.url}`));
      const only = process.env.YKT_FUZZ_ONLY ? new RegExp(process.env.YKT_FUZZ_ONLY) : undefined;
      const routes = world.routes.filter(
        (r) => !isCoveredTwin(r.method, r.url, registered) && (!only || only.test(`${r.method} ${r.url}`)),
      );
      const perRoute = Math.max(5, Math.ceil(TOTAL_RUNS / routes.length));
      const failures: string[] = [];
      let cases = 0;
      let ipCounter = 0;
      const statuses = new Map<number, number>();

      for (const route of routes) {
        const routeKey = `${route.method} ${route.url}`;
        const schema = route.schema ?? {};
        const params = objectFor(jsonSchemaOf(schema.params));
        const query = schema.querystring
          ? objectFor(jsonSchemaOf(schema.querystring))
          : fc.oneof(fc.constant(null), anyJson);
        const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(route.method);
        const body = hasBody
          ? fc.oneof(
              { weight: 4, arbitrary: objectFor(jsonSchemaOf(schema.body)).map((json) => ({ json })) },
              { weight: 1, arbitrary: rawBody.map((raw) => ({ raw })) },
            )
          : fc.constant(undefined);
        const caller = fc.oneof(
          { weight: 6, arbitrary: fc.constant(deepCaller(routeKey)) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(...CALLERS.filter((c) => !MATRIX[routeKey]?.endsSessions || c === 'anonymous')),
          },
        );
        const fallback = world.paramsFor(route.url);

        const result = await fc.check(
          fc.asyncProperty(params, query, body, caller, wildcard, async (p, q, b, who, star) => {
            cases++;
            // The wildcard of the pattern (not a '*' a generated value happens to carry).
            const filled = pathFrom(route.url, p, fallback);
            const path = route.url.endsWith('*') ? `${filled.slice(0, -1)}${star}` : filled;
            const url = `${path}${queryString(q)}`;
            const headers: Record<string, string> = { ...world.headersOf(who) };
            let payload: string | undefined;
            if (b && 'raw' in b) {
              if (b.raw.contentType) headers['content-type'] = b.raw.contentType;
              payload = b.raw.body;
            } else if (b) {
              headers['content-type'] = 'application/json';
              payload = JSON.stringify(b.json);
            }
            ipCounter++;
            // YKT_FUZZ_LOG=<file>: each case before it is sent (to find a request that never answers).
            if (LOG)
              appendFileSync(LOG, `${route.method} ${url.slice(0, 200)} as ${who} ${String(payload).slice(0, 200)}\n`);
            const res = await world.env.app.inject({
              method: route.method as HTTPMethods,
              url,
              headers,
              remoteAddress: `10.99.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
              ...(payload !== undefined ? { payload } : {}),
            });
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            // Judged by the path the server sees ('/api/x/../../etc' is '/etc', not an API answer).
            const problems = contractProblems(res, new URL(url, 'http://bff').pathname);
            if (
              route.url.endsWith('*') &&
              res.statusCode < 300 &&
              /root:|"name":\s*"@ykt|YKT_DATA_KEY/.test(res.body)
            ) {
              problems.push('served a file from outside the front end');
            }
            if (problems.length > 0) {
              throw new Error(
                `${route.method} ${url.slice(0, 200)} as ${who} -> ${res.statusCode}: ${problems.join('; ')}`,
              );
            }
          }),
          { numRuns: perRoute, seed: SEED, endOnFailure: false },
        );
        if (process.env.YKT_FUZZ_VERBOSE) console.log(`${routeKey}: ${result.numRuns} runs, failed ${result.failed}`);
        if (result.failed) {
          if (process.env.YKT_FUZZ_VERBOSE) console.log((result.errorInstance as Error | undefined)?.stack);
          failures.push(
            `${routeKey}: ${(result.errorInstance as Error | undefined)?.message ?? 'no counterexample'} (seed ${result.seed}, path ${result.counterexamplePath})`,
          );
        }
      }

      // Nothing reached Object.prototype, and the app still answers.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect((await world.env.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      expect(failures, `fuzz failures (${cases} cases)`).toEqual([]);
      expect(cases).toBeGreaterThanOrEqual(TOTAL_RUNS * 0.9);
      console.log(
        `fuzz: ${cases} cases over ${routes.length} routes; statuses ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
      );
    },
    Math.max(300_000, TOTAL_RUNS * 100),
  );
});
