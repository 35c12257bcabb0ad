/**
 * Campaign: the authorization matrix. Every route the app
 * registers (collected by an onRoute hook) × every kind of caller (matrix.ts CALLERS) is called, and must answer
 * exactly the status its row in matrix.ts MATRIX says — with the security headers, no-store on /api/*, and errors
 * in the contract's shape in Chinese. A route without a row, or a row without a route, fails the test.
 */
import { describe, expect, it } from 'vitest';
import { CALLERS, type Caller, contractProblems, isCoveredTwin, MATRIX } from './matrix.ts';
import { useCampaignWorld } from './world.ts';

const world = useCampaignWorld();
const key = (method: string, url: string) => `${method} ${url}`;

/** What a caller who must not see 江北区 rows finds in an answer. */
const JIANGBEI_ROW = /"districtCode":"500105"/;

describe('authorization matrix, generated from the route table', () => {
  it('has exactly one row per route (a new route needs its line in bff/test/campaigns/matrix.ts)', () => {
    const registered = new Set(world.routes.map((r) => key(r.method, r.url)));
    expect(registered.size).toBeGreaterThan(40);
    const missing = [...registered]
      .filter((k) => !(k in MATRIX))
      .filter((k) => {
        const [method, url] = k.split(' ');
        return !isCoveredTwin(method, url, registered);
      });
    expect(missing, `routes without a row in MATRIX (bff/test/campaigns/matrix.ts): add one line each`).toEqual([]);
    const stale = Object.keys(MATRIX).filter((k) => !registered.has(k));
    expect(stale, 'rows of MATRIX whose route no longer exists').toEqual([]);
  });

  it('answers every route × caller as the matrix says, with the headers and the error contract', async () => {
    const wrong: string[] = [];
    const leaks: string[] = [];
    const offContract: string[] = [];
    let cells = 0;
    for (const [routeKey, row] of Object.entries(MATRIX)) {
      const [method, pattern] = routeKey.split(' ');
      // The callers the row lets through go last, so a call that changes or ends something never decides
      // another caller's cell.
      const order = [...CALLERS].sort((a, b) => Number(row.expect[a] < 400) - Number(row.expect[b] < 400));
      for (const caller of order) {
        const call = await row.call(world.fixtures, caller);
        const res = await world.call(caller, method, pattern, call);
        cells++;
        const want = row.expect[caller];
        if (res.statusCode !== want) {
          wrong.push(`${routeKey} as ${caller}: ${res.statusCode} (want ${want}) ${res.body.slice(0, 160)}`);
        }
        for (const p of contractProblems(res, call.url ?? pattern)) offContract.push(`${routeKey} as ${caller}: ${p}`);
        if (row.scoped && caller === 'cwOutOfScope' && JIANGBEI_ROW.test(res.body)) {
          leaks.push(`${routeKey} as ${caller}: answer names a 江北区 row`);
        }
        const open = row.expect.anonymous < 400;
        if (!open && res.statusCode < 300 && caller === 'otherCitizen' && res.body.includes('*静')) {
          leaks.push(`${routeKey} as otherCitizen: answer names 陈静`);
        }
      }
      if (row.endsSessions) await world.relogin();
    }
    expect(wrong, 'cells answering another status than the matrix says').toEqual([]);
    expect(leaks, 'answers showing another district or person').toEqual([]);
    expect(offContract, 'answers off the contract').toEqual([]);
    expect(cells).toBe(Object.keys(MATRIX).length * CALLERS.length);
  }, 120_000);

  it('each kind of bad token is refused on every route that needs a login, and nothing else is', () => {
    // The matrix itself must say so: a row that lets a bad token through on an authenticated route is a typo.
    const badTokens: Caller[] = ['tampered', 'expired', 'loggedOut'];
    for (const [routeKey, row] of Object.entries(MATRIX)) {
      const open = row.expect.anonymous < 400;
      for (const c of badTokens) {
        if (!open) expect(row.expect[c], `${routeKey} as ${c}`).toBe(401);
        else expect(row.expect[c], `${routeKey} as ${c}`).toBe(row.expect.anonymous);
      }
    }
  });
});
