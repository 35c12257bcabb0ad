/**
 * THE AUTHORIZATION MATRIX: every route of the BFF × every kind of caller, with the status each caller must get.
 * authz.test.ts calls every cell; fuzz.test.ts fuzzes every route as a caller the row lets through.
 *
 * A new route fails authz.test.ts until it has its row here: ONE line in MATRIX below, e.g.
 *
 *   'POST /api/review/payment-batches': row(serviceKeyOnly(200), (f) => ({ payload: f.batch() })),
 *
 * The key is the method and the route's URL pattern as registered (`:id`, `*`); the expectation comes from one of
 * the builders (everyone, citizenOnly, caseworkerOnly, municipalOnly, serviceKeyOnly) with overrides where a
 * caller differs; the call says what to send (url defaults to the pattern with its parameters filled in: `:id` is
 * the resource of the route's family, see RESOURCE_OF in world.ts).
 *
 * Callers (CALLERS): anonymous; citizen (陈静, 江北区, owns the citizen resources); otherCitizen (冉桂英, 酉阳县);
 * cwInScope (江北区 caseworker) and cwOutOfScope (万州区 caseworker, added by the test) on 江北区 data; municipal
 * (重庆市, every district); serviceKey (the 一卡通 system's credential, no token); tampered (the citizen's JWT with
 * its payload changed to the municipal caseworker's session, signature kept); expired (a valid JWT whose session
 * row expired); loggedOut (a valid JWT whose session was logged out).
 */
import { errorBody } from '@ykt/shared';
import type { LightMyRequestResponse } from 'fastify';

export const CALLERS = [
  'anonymous',
  'citizen',
  'otherCitizen',
  'cwInScope',
  'cwOutOfScope',
  'municipal',
  'serviceKey',
  'tampered',
  'expired',
  'loggedOut',
] as const;
export type Caller = (typeof CALLERS)[number];

/** The status every caller must get from a route. */
export type Expect = Record<Caller, number>;

export interface Call {
  /** Default: the route's pattern with its parameters filled in (the 江北区 / the citizen's resource of its family). */
  url?: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** What the rows need: fresh resources made on demand (for calls that change or use them up). */
export interface Fixtures {
  /** A new pending request of the citizen (陈静, 江北区); any earlier one withdrawn. */
  freshPending(): Promise<number>;
  /** A new face token of the citizen, from the sandbox identity platform. */
  faceToken(): Promise<string>;
  /** A new QR ticket and its PC secret. */
  ticket(): Promise<{ ticket: string; secret: string }>;
  /** A new QR ticket the citizen has scanned. */
  scannedTicket(): Promise<{ ticket: string; secret: string }>;
  /** The 万州区 caseworker's username and password (a login that always works). */
  login: { username: string; password: string };
}

export interface Row {
  expect: Expect;
  call: (f: Fixtures, caller: Caller) => Call | Promise<Call>;
  /** The call ends the caller's sessions (logout): the test logs everyone in again after the row. */
  endsSessions?: boolean;
  /** A list filtered to the caller's districts: cwOutOfScope's answer must not name a 江北区 row. */
  scoped?: boolean;
}

const TOKEN_CALLERS_DENIED = { anonymous: 401, serviceKey: 401, tampered: 401, expired: 401, loggedOut: 401 } as const;

/** Public: every caller gets `status` (a token, good or bad, changes nothing). */
export const everyone = (status: number): Expect =>
  Object.fromEntries(CALLERS.map((c) => [c, status])) as unknown as Expect;
/** A citizen's own things: caseworkers 403, no/bad token 401; `other`: another citizen on this citizen's resource. */
export const citizenOnly = (ok: number, other = ok): Expect => ({
  ...TOKEN_CALLERS_DENIED,
  citizen: ok,
  otherCitizen: other,
  cwInScope: 403,
  cwOutOfScope: 403,
  municipal: 403,
});
/** The review console on 江北区 data: citizens 403; `outOfScope`: the 万州区 caseworker's answer. */
export const caseworkerOnly = (ok: number, outOfScope = ok): Expect => ({
  ...TOKEN_CALLERS_DENIED,
  citizen: 403,
  otherCitizen: 403,
  cwInScope: ok,
  cwOutOfScope: outOfScope,
  municipal: ok,
});
/** Municipal (重庆市) caseworkers only: district caseworkers 403. */
export const municipalOnly = (ok: number): Expect => ({ ...caseworkerOnly(403), municipal: ok });
/** The 一卡通 system's calls: its service key only; a caseworker's token is no credential there (401). */
export const serviceKeyOnly = (ok: number): Expect => ({ ...everyone(401), serviceKey: ok });

const row = (expect: Expect, call: Row['call'] = () => ({}), more: Partial<Row> = {}): Row => ({
  expect,
  call,
  ...more,
});
const body = (payload: unknown) => () => ({ payload });

// biome-ignore format: one line per route
export const MATRIX: Record<string, Row> = {
  // operations, docs, front ends
  'GET /healthz': row(everyone(200)),
  'GET /readyz': row(everyone(200)),
  'GET /docs': row(everyone(200)),
  'GET /docs/json': row(everyone(200)),
  'GET /docs/yaml': row(everyone(200)),
  'GET /docs/static/*': row(everyone(200), () => ({ url: '/docs/static/swagger-ui.css' })),
  'GET /docs/static/index.html': row(everyone(302)),
  'GET /docs/static/swagger-initializer.js': row(everyone(200)),
  'GET /m': row(everyone(302)),
  'GET /m/*': row(everyone(200), () => ({ url: '/m/index.html' })),
  'GET /web/*': row(everyone(200), () => ({ url: '/web/portal.html' })),
  'GET /pc': row(everyone(302)),
  'GET /review': row(everyone(302)),
  // reference data
  'GET /api/districts': row(everyone(200)),
  'GET /api/banks': row(everyone(200)),
  'GET /api/client-config': row(everyone(200)),
  // citizen login, logout, PC login by QR code
  'POST /api/auth/face': row(everyone(200), async (f) => ({ payload: { faceToken: await f.faceToken() } })),
  'POST /api/auth/logout': row(citizenOnly(204), undefined, { endsSessions: true }),
  'POST /api/auth/logout-all': row(citizenOnly(200), undefined, { endsSessions: true }),
  'POST /api/auth/qr-tickets': row(everyone(201)),
  'GET /api/auth/qr-tickets/:ticket': row(everyone(200), async (f) => { const t = await f.ticket(); return { url: `/api/auth/qr-tickets/${t.ticket}`, headers: { 'x-qr-secret': t.secret } }; }),
  'POST /api/auth/qr-tickets/:ticket/scan': row(citizenOnly(200), async (f) => ({ url: `/api/auth/qr-tickets/${(await f.ticket()).ticket}/scan` })),
  'POST /api/auth/qr-tickets/:ticket/confirm': row(citizenOnly(200, 410), async (f) => ({ url: `/api/auth/qr-tickets/${(await f.scannedTicket()).ticket}/confirm` })),
  'POST /api/auth/qr-tickets/:ticket/cancel': row(citizenOnly(200, 404), async (f) => ({ url: `/api/auth/qr-tickets/${(await f.scannedTicket()).ticket}/cancel` })),
  // the citizen's own things
  'GET /api/me/card': row(citizenOnly(200)),
  'GET /api/me/card/reveal': row(citizenOnly(200)),
  'GET /api/me/change-requests': row(citizenOnly(200)),
  'POST /api/me/change-requests': row(citizenOnly(400), body({ cardType: 'bank_card', accountNumber: '6212583990000016', bankCode: 'CRCBANK', districtCode: '500105', consent: false })),
  'POST /api/me/change-requests/:id/withdraw': row(citizenOnly(200, 404), async (f) => ({ url: `/api/me/change-requests/${await f.freshPending()}/withdraw` })),
  'GET /api/me/notifications': row(citizenOnly(200)),
  'POST /api/me/notifications/:id/read': row(citizenOnly(200, 404)),
  // the review console
  'POST /api/review/auth/login': row(everyone(200), (f) => ({ payload: f.login })),
  'POST /api/review/auth/logout': row(caseworkerOnly(204), undefined, { endsSessions: true }),
  'POST /api/review/auth/logout-all': row(caseworkerOnly(200), undefined, { endsSessions: true }),
  'GET /api/review/me': row(caseworkerOnly(200)),
  'GET /api/review/change-requests': row(caseworkerOnly(200), () => ({ url: '/api/review/change-requests?status=completed' }), { scoped: true }),
  'GET /api/review/change-requests/:id': row(caseworkerOnly(200, 404)),
  'POST /api/review/change-requests/:id/decision': row(caseworkerOnly(200, 404), async (f) => ({ url: `/api/review/change-requests/${await f.freshPending()}/decision`, payload: { result: 'rejected', opinion: '授权矩阵测试' } })),
  'GET /api/review/accounts': row(caseworkerOnly(200), undefined, { scoped: true }),
  'GET /api/review/accounts/:id': row(caseworkerOnly(200, 404)),
  'PATCH /api/review/accounts/:id': row(caseworkerOnly(200, 404), body({ bankCode: 'CRCBANK' })),
  'POST /api/review/accounts/:id/invalidate': row(caseworkerOnly(200, 404), body({ message: '人工验证：授权矩阵测试' })),
  'POST /api/review/accounts/:id/crediting-failures': row(serviceKeyOnly(200), body({ message: '上卡失败：授权矩阵测试' })),
  'POST /api/review/validation-runs': row(municipalOnly(200)),
  'GET /api/review/validation-runs': row(caseworkerOnly(200)),
  'GET /api/review/audit': row(municipalOnly(200)),
  'GET /api/review/audit.csv': row(municipalOnly(200)),
  'GET /api/review/caseworkers': row(municipalOnly(200)),
  'POST /api/review/caseworkers/:id/disable': row(municipalOnly(200)),
  'POST /api/review/caseworkers/:id/enable': row(municipalOnly(200)),
  'GET /api/review/settings/review-days': row(caseworkerOnly(200)),
  'PUT /api/review/settings/review-days/:districtCode': row(municipalOnly(200), body({ reviewDays: 5 })),
  'GET /api/review/outbox': row(municipalOnly(200)),
  'GET /api/me/payments': row(citizenOnly(200)),
  'GET /api/review/accounts/:id/payments': row(caseworkerOnly(200, 404)),
  'POST /api/review/payment-batches': row(serviceKeyOnly(400), body({})),
};

/**
 * Routes the matrix leaves out: the HEAD twins Fastify adds to GET routes (same hooks, same handler, no body), also
 * the one of a prefixed plugin's '/' route (registered as '/docs' and '/docs/', reported once as GET /docs).
 */
export const isCoveredTwin = (method: string, url: string, keys: Set<string>) =>
  method === 'HEAD' && (keys.has(`GET ${url}`) || keys.has(`GET ${url.replace(/(.)\/$/, '$1')}`));

/** The route's pattern with its parameters filled in. */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no fixture for :${name} in ${pattern}`);
    return encodeURIComponent(v);
  });
}

/** What every answer of the BFF carries, whoever asks: the security headers; errors in the contract's shape. */
export function contractProblems(res: LightMyRequestResponse, url: string): string[] {
  const problems: string[] = [];
  if (res.headers['x-content-type-options'] !== 'nosniff') problems.push('no x-content-type-options: nosniff');
  if (!res.headers['content-security-policy']) problems.push('no content-security-policy');
  if (url.startsWith('/api/') && res.headers['cache-control'] !== 'no-store') {
    problems.push(`cache-control ${res.headers['cache-control']} (want no-store)`);
  }
  if (res.statusCode >= 500) problems.push(`${res.statusCode}`);
  if (res.statusCode >= 400) {
    let parsed: unknown;
    try {
      parsed = res.json();
    } catch {
      problems.push(`error body is not JSON: ${res.body.slice(0, 80)}`);
    }
    const shape = errorBody.strict().safeParse(parsed);
    if (parsed !== undefined && !shape.success) problems.push(`error body off the contract: ${res.body.slice(0, 120)}`);
    else if (shape.success && !/\p{Script=Han}/u.test(shape.data.error.message)) {
      problems.push(`error message not in Chinese: ${shape.data.error.message}`);
    }
  }
  return problems;
}
