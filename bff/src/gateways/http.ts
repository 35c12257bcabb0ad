/**
 * What the gateway clients share: one JSON-over-HTTP call to an outside system, and the one error that says the
 * system could not be used. Every answer is checked against a zod schema: an outside system is trusted for its
 * facts, never for its shape (a proxy's error page, a truncated body or a changed API must not reach the services).
 */
import type { z } from 'zod';

/**
 * The outside system could not be used: no connection, a timeout, an error status, or an answer that is not the
 * documented JSON. Never the citizen's failure. Its message is short English without personal data (it may end up
 * in a run's error text).
 *
 * `reached` says whether the request may have reached the upstream, so may have been acted on there (a bank
 * verification counted against the card's daily limit, an SMS sent): false only when no connection was ever made
 * (refused, DNS failure, unreachable network, connect timeout); true for a timeout once connected or sending, a
 * connection dropped mid-answer, and any HTTP answer at all.
 */
export class GatewayUnavailable extends Error {
  readonly reached: boolean;
  constructor(message: string, opts: { reached: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'GatewayUnavailable';
    this.reached = opts.reached;
  }
}

/**
 * The upstream understood the request and refused it for good (400, 409, 422): sending it again will not help.
 * Only clients whose protocol has such answers throw it (the notification channel); the others map 4xx themselves.
 */
export class GatewayRejected extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayRejected';
  }
}

export interface GatewayOptions {
  baseUrl: string;
  appKey: string;
  timeoutMs: number;
}

/** Error codes (of the error or its cause) that mean no connection was ever made. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'ERR_INVALID_URL',
]);

function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  const visit = (e: unknown, depth: number) => {
    if (!e || typeof e !== 'object' || depth > 4) return;
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
    visit(cause, depth + 1);
  };
  visit(err, 0);
  return codes;
}

/**
 * Turns what `fetch` threw into a GatewayUnavailable. `fetch` rejects with a TypeError whose `cause` carries the
 * socket error code (an AggregateError with one per address when several were tried), with the signal's
 * TimeoutError when our deadline passed, and with a plain TypeError (no code) for a URL it refuses to fetch.
 */
export function unavailableFrom(err: unknown, what: string): GatewayUnavailable {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    // We cannot tell a timeout while connecting from one after sending: count it as possibly reached.
    return new GatewayUnavailable(`${what} timed out`, { reached: true, cause: err });
  }
  const codes = codesOf(err);
  if (codes.length > 0 && codes.every((c) => NEVER_CONNECTED.has(c))) {
    return new GatewayUnavailable(`${what} unreachable`, { reached: false, cause: err });
  }
  if (codes.length === 0 && err instanceof TypeError && !(err.cause instanceof Error && 'code' in err.cause)) {
    // fetch refusing before any connection: a bad or blocked URL (configuration).
    const cause = err.cause as { message?: string } | undefined;
    if (!cause || /bad port|invalid url|unsupported|not supported/i.test(cause.message ?? err.message)) {
      return new GatewayUnavailable(`${what} unreachable`, { reached: false, cause: err });
    }
  }
  return new GatewayUnavailable(`${what} connection failed`, { reached: true, cause: err });
}

/**
 * A page (a portal's login screen, a load balancer's error page) is never an answer, even with a 200 and even if it
 * happened to parse. Other content types are tolerated when the body is JSON (some platforms label JSON text/plain):
 * the schema is the real check.
 */
const PAGE_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml|text\/xml|application\/xml)\s*(?:;|$)/i;

export interface JsonAnswer {
  status: number;
  /** The parsed body; undefined for an empty body. */
  body: unknown;
}

/**
 * One call to an outside system: sends `body` as JSON with the app key, waits at most `timeoutMs` for the whole
 * answer (headers and body), and parses a JSON body. Throws GatewayUnavailable when there is no answer, or the
 * answer is not JSON (wrong content type, truncated, garbage). Any status comes back: the caller decides.
 */
export async function callJson(
  opts: GatewayOptions,
  what: string,
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> },
): Promise<JsonAnswer> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let res: Response;
  try {
    res = await fetch(new URL(path, opts.baseUrl), {
      method: init.method,
      headers: {
        accept: 'application/json',
        'x-app-key': opts.appKey,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal,
    });
  } catch (err) {
    throw unavailableFrom(err, what);
  }
  // From here on the request reached the upstream: every failure is `reached`.
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    // Body cut off (connection dropped) or the deadline passed while it trickled in.
    throw new GatewayUnavailable(`${what} answer cut off (${res.status})`, { reached: true, cause: err });
  }
  if (text === '') return { status: res.status, body: undefined };
  const type = res.headers.get('content-type') ?? '';
  if (PAGE_TYPE.test(type)) {
    throw new GatewayUnavailable(`${what} answered ${res.status} with a page, not JSON`, { reached: true });
  }
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch (err) {
    throw new GatewayUnavailable(`${what} answered ${res.status} with malformed JSON`, { reached: true, cause: err });
  }
}

/** The body checked against the documented answer; anything else is the upstream misbehaving. */
export function expectShape<S extends z.ZodType>(schema: S, answer: JsonAnswer, what: string): z.output<S> {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) {
    throw new GatewayUnavailable(`${what} answered ${answer.status} with an unexpected shape`, { reached: true });
  }
  return parsed.data;
}

/** GET /healthz within the timeout: the upstream is reachable and says so. */
export async function pingUpstream(opts: GatewayOptions): Promise<boolean> {
  try {
    const res = await fetch(new URL('/healthz', opts.baseUrl), { signal: AbortSignal.timeout(opts.timeoutMs) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}
