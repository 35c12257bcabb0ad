/**
 * The gateway clients against a misbehaving upstream: the real clients and the real app, over
 * real HTTP, through a fault proxy in front of a real sandbox. Every way an outside system can fail ends as
 * GatewayUnavailable (with `reached` telling whether the request may have got there), the citizen gets a 503 with
 * the contract's error shape, and nothing is recorded.
 */
import { type FaultProxy, type FaultProxyMode, type Sandbox, startFaultProxy, startSandbox } from '@ykt/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBankGateway } from '../src/gateways/bankGateway.ts';
import { createIdentityGateway, GatewayUnavailable } from '../src/gateways/identityGateway.ts';
import { createNotifyGateway, GatewayRejected } from '../src/gateways/notifyGateway.ts';
import { countRows, person, useTestEnv } from './helpers.ts';

const APP_KEY = 'sandbox-app-key';
/** The app's gateway timeout: long enough for a loaded machine, short enough for the hang cases. */
const APP_TIMEOUT_MS = 1500;
/** The clients driven directly. */
const CLIENT_TIMEOUT_MS = 1000;

type FailureMode = Exclude<FaultProxyMode, 'pass'>;
/**
 * Whether the request may have reached the upstream, per failure mode. `refuse` runs first: the proxy closes every
 * answered connection, but a hung one (`hang`) stays with the client until it is destroyed, and a client that writes
 * on it before seeing that is told "other side closed" (maybe reached), not "refused".
 */
const REACHED: Record<FailureMode, boolean> = {
  refuse: false,
  hang: true,
  truncate: true,
  garbage: true,
  'wrong-content-type': true,
  'wrong-shape': true,
};
const FAILURE_MODES = Object.keys(REACHED) as FailureMode[];

// One sandbox behind two proxies (identity, bank), so each outside system fails on its own. The app's config reads
// the proxies' URLs once they listen (useTestEnv's hook runs after this file's first one).
let upstream: Sandbox;
let identityProxy: FaultProxy;
let bankProxy: FaultProxy;
let notifyProxy: FaultProxy;

beforeAll(async () => {
  upstream = await startSandbox({ port: 0 });
  identityProxy = await startFaultProxy({ upstream: upstream.url });
  bankProxy = await startFaultProxy({ upstream: upstream.url });
  notifyProxy = await startFaultProxy({ upstream: upstream.url });
});

const env = useTestEnv({
  get identityUrl() {
    return identityProxy.url;
  },
  get bankUrl() {
    return bankProxy.url;
  },
  bankTimeoutMs: APP_TIMEOUT_MS,
  bankVerificationsPerAccountPerDay: 1000,
  bankVerificationsPerPersonPerDay: 1000,
});

afterAll(async () => {
  await identityProxy?.close();
  await bankProxy?.close();
  await notifyProxy?.close();
  await upstream?.close();
});

afterEach(async () => {
  await identityProxy.setMode('pass');
  await bankProxy.setMode('pass');
  await notifyProxy.setMode('pass');
});

/** What a failed call must not leave behind, read straight from the database. */
const recorded = async () => ({
  sessions: await countRows(env, 'sessions'),
  audit: await countRows(env, 'auditLog'),
  changeRequests: await countRows(env, 'changeRequests'),
});

/** The app container's face scan, straight at the identity platform (not through the proxy). */
async function faceToken(who: { name: string; idNumber: string }) {
  const res = await fetch(`${upstream.url}/identity/face-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: who.name, idNumber: who.idNumber }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { faceToken: string }).faceToken;
}

const faceLogin = async (faceTokenValue: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/face', payload: { faceToken: faceTokenValue } });

/** The contract's error shape, exactly: `{error: {code, message}}` with a Chinese message. */
function expectError(res: { statusCode: number; json(): unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { error: { code: string; message: string } };
  expect(body).toEqual({ error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
}

async function thrown(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, it succeeded');
}

function expectUnavailable(err: unknown, reached: boolean) {
  expect(err).toBeInstanceOf(GatewayUnavailable);
  expect((err as GatewayUnavailable).reached).toBe(reached);
  // Short, English, no personal data: it may end up in a validation run's error text.
  expect((err as Error).message).toMatch(/^(identity platform|bank gateway|notification channel) [\w (),-]+$/);
}

const tanMei = person('tan-mei');

describe('identity platform behind the fault proxy', () => {
  const identity = () =>
    createIdentityGateway({ baseUrl: identityProxy.url, appKey: APP_KEY, timeoutMs: CLIENT_TIMEOUT_MS });

  it('pass: the client verifies the face token (with the mobile number) and face login records a session', async () => {
    const check = await identity().verifyFaceToken(await faceToken(tanMei));
    expect(check).toEqual({
      verified: true,
      person: { idNumber: tanMei.idNumber, name: tanMei.name, mobile: expect.stringMatching(/^1[3-9]\d{9}$/) },
    });

    const before = await recorded();
    const res = await faceLogin(await faceToken(tanMei));
    expect(res.statusCode).toBe(200);
    expect(await recorded()).toEqual({ ...before, sessions: before.sessions + 1, audit: before.audit + 1 });
  });

  it.each(FAILURE_MODES)(
    '%s: the client throws GatewayUnavailable; POST /api/auth/face answers 503 IDENTITY_UNAVAILABLE, nothing recorded',
    async (mode) => {
      const direct = await faceToken(tanMei);
      const viaApp = await faceToken(tanMei);
      await identityProxy.setMode(mode);

      expectUnavailable(await thrown(identity().verifyFaceToken(direct)), REACHED[mode]);

      const before = await recorded();
      const received = identityProxy.received;
      const res = await faceLogin(viaApp);
      expectError(res, 503, 'IDENTITY_UNAVAILABLE');
      expect(await recorded()).toEqual(before);
      // The app did ask (so the 503 is the upstream's doing, not a short cut), unless the port was closed.
      expect(identityProxy.received).toBe(mode === 'refuse' ? received : received + 1);
    },
  );

  it('a verified answer without a person, or with a malformed ID, is a malformed answer (503), not a login', async () => {
    // wrong-shape covers a foreign JSON; these are the platform's own shape gone wrong, served by a tiny upstream.
    const { createServer } = await import('node:http');
    const answers = [
      { verified: true },
      { verified: true, idNumber: '12345', name: tanMei.name },
      { verified: true, idNumber: `${tanMei.idNumber.slice(0, 17)}0`, name: tanMei.name }, // wrong check digit
      { verified: true, idNumber: tanMei.idNumber, name: '' },
      { verified: 'yes', idNumber: tanMei.idNumber, name: tanMei.name },
      [],
      null,
    ];
    let next = 0;
    const fake = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answers[next++]));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    try {
      const port = (fake.address() as { port: number }).port;
      const gw = createIdentityGateway({ baseUrl: `http://127.0.0.1:${port}`, appKey: APP_KEY, timeoutMs: 1000 });
      for (const _ of answers) expectUnavailable(await thrown(gw.verifyFaceToken('token')), true);
    } finally {
      fake.close();
    }
  });

  it('the mobile number is passed on when well-formed and dropped when not, never refusing the login over it', async () => {
    const { createServer } = await import('node:http');
    const mobiles = ['13912345678', '023-1234', 13912345678, '1391234567x'];
    let next = 0;
    const fake = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ verified: true, idNumber: tanMei.idNumber, name: tanMei.name, mobile: mobiles[next++] }),
      );
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    try {
      const port = (fake.address() as { port: number }).port;
      const gw = createIdentityGateway({ baseUrl: `http://127.0.0.1:${port}`, appKey: APP_KEY, timeoutMs: 1000 });
      const who = { idNumber: tanMei.idNumber, name: tanMei.name };
      expect(await gw.verifyFaceToken('t')).toEqual({ verified: true, person: { ...who, mobile: '13912345678' } });
      for (const _ of mobiles.slice(1)) expect(await gw.verifyFaceToken('t')).toEqual({ verified: true, person: who });
    } finally {
      fake.close();
    }
  });
});

describe('bank gateway behind the fault proxy', () => {
  const bank = () => createBankGateway({ baseUrl: bankProxy.url, appKey: APP_KEY, timeoutMs: CLIENT_TIMEOUT_MS });
  const newCard = tanMei.accounts[1];
  const verifyQuery = {
    accountNumber: newCard.accountNumber,
    bankCode: newCard.bankCode,
    name: tanMei.name,
    idNumber: tanMei.idNumber,
  };
  const change = {
    cardType: 'bank_card',
    accountNumber: newCard.accountNumber,
    bankCode: newCard.bankCode,
    districtCode: '500105',
    consent: true,
  };
  let token = '';
  beforeAll(async () => {
    const res = await faceLogin(await faceToken(tanMei));
    expect(res.statusCode).toBe(200);
    token = res.json().token;
  });
  const submit = () =>
    env.app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: env.auth(token),
      payload: change,
    });

  it('pass: both calls answer through the proxy', async () => {
    expect(await bank().verifyAccount(verifyQuery)).toEqual({ result: 'ok', message: '账户验证通过' });
    expect(await bank().accountStatus([{ accountNumber: newCard.accountNumber, bankCode: 'CRCBANK' }])).toEqual([
      { accountNumber: newCard.accountNumber, status: 'normal' },
    ]);
  });

  it.each(FAILURE_MODES)(
    '%s: verifyAccount and accountStatus throw GatewayUnavailable; a submission answers 503 BANK_UNAVAILABLE, no request recorded',
    async (mode) => {
      await bankProxy.setMode(mode);
      expectUnavailable(await thrown(bank().verifyAccount(verifyQuery)), REACHED[mode]);
      expectUnavailable(
        await thrown(bank().accountStatus([{ accountNumber: newCard.accountNumber, bankCode: 'CRCBANK' }])),
        REACHED[mode],
      );

      const before = await recorded();
      const res = await submit();
      expectError(res, 503, 'BANK_UNAVAILABLE');
      expect((await recorded()).changeRequests).toBe(before.changeRequests);
      const mine = await env.app.inject({ method: 'GET', url: '/api/me/change-requests', headers: env.auth(token) });
      expect(mine.json().items).toEqual([]);
    },
  );

  it('a status answer about other accounts than asked is a malformed answer', async () => {
    const { createServer } = await import('node:http');
    const fake = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [{ accountNumber: '6212583990000016', status: 'closed' }] }));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    try {
      const port = (fake.address() as { port: number }).port;
      const gw = createBankGateway({ baseUrl: `http://127.0.0.1:${port}`, appKey: APP_KEY, timeoutMs: 1000 });
      expectUnavailable(
        await thrown(gw.accountStatus([{ accountNumber: newCard.accountNumber, bankCode: 'CRCBANK' }])),
        true,
      );
    } finally {
      fake.close();
    }
  });
});

describe('notification channel behind the fault proxy', () => {
  const notify = () => createNotifyGateway({ baseUrl: notifyProxy.url, appKey: APP_KEY, timeoutMs: CLIENT_TIMEOUT_MS });
  const approved = (to: string) => ({
    to,
    template: 'review_approved',
    params: { district: '500105', bankCode: 'CRCBANK', last4: '7313' },
  });
  const sentTo = async (to: string) =>
    ((await (await fetch(`${upstream.url}/notify/messages?to=${to}`)).json()) as { items: { messageId: string }[] })
      .items;

  it('pass: the channel answers a message id and shows the message; one message per idempotency key', async () => {
    const to = '13800001001';
    const { messageId } = await notify().send(approved(to));
    expect(messageId).toMatch(/^sbx-/);
    expect((await sentTo(to)).map((m) => m.messageId)).toEqual([messageId]);

    const keyed = await notify().send({ ...approved(to), key: 'outbox-1' });
    expect(await notify().send({ ...approved(to), key: 'outbox-1' })).toEqual(keyed);
    expect(await sentTo(to)).toHaveLength(2);
  });

  it('a message the channel refuses for good throws GatewayRejected (not retried), and nothing is sent', async () => {
    const to = '13800001002';
    const leak = await thrown(
      notify().send({
        to,
        template: 'review_rejected',
        params: { district: '500105', opinion: '账号6212583000527313' },
      }),
    );
    expect(leak).toBeInstanceOf(GatewayRejected);
    expect(leak).toMatchObject({ status: 400, code: 'NUMBER_LEAK' });
    expect(await thrown(notify().send({ to, template: 'hello', params: {} }))).toMatchObject({
      code: 'UNKNOWN_TEMPLATE',
    });
    expect(await sentTo(to)).toEqual([]);
  });

  it('the channel down (503) is GatewayUnavailable, reached', async () => {
    const to = '13800001003';
    const fault = (mode: string) =>
      fetch(`${upstream.url}/notify/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode }),
      });
    await fault('down');
    try {
      expectUnavailable(await thrown(notify().send(approved(to))), true);
    } finally {
      await fault('normal');
    }
    expect(await sentTo(to)).toEqual([]);
  });

  it.each(FAILURE_MODES)('%s: send throws GatewayUnavailable', async (mode) => {
    const to = '13800001004';
    await notifyProxy.setMode(mode);
    const before = (await sentTo(to)).length;
    expectUnavailable(await thrown(notify().send({ ...approved(to), key: `fault-${mode}` })), REACHED[mode]);
    // Only truncate forwards: the channel did send, though the client never learnt it...
    expect((await sentTo(to)).length).toBe(before + (mode === 'truncate' ? 1 : 0));
    // ...so the retry with the same key sends nothing twice.
    await notifyProxy.setMode('pass');
    await notify().send({ ...approved(to), key: `fault-${mode}` });
    expect((await sentTo(to)).length).toBe(before + 1);
  });
});
