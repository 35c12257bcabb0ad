/**
 * Personal data at rest and in logs (issue 2 item 8, domain rule 10):
 * - a raw look at the SQLite FILE (and its -wal/-shm) finds no ID number and no account number in plaintext,
 *   neither as ASCII/UTF-8 nor as UTF-16; the blind index still lets the app find the person again;
 * - the log lines of logins, submissions and query strings carry no ID number, account number, name or token.
 */

import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@ykt/sandbox';
import { luhnCheckDigit } from '@ykt/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seedDemo.ts';
import { generateDataKey } from '../src/lib/fieldCrypto.ts';
import { demoWorld, person, type TestEnv, useTestEnv } from './helpers.ts';

// ---------------------------------------------------------------- helpers

const tanMei = person('tan-mei');

/** Every full ID number and account number of the demo world. */
const demoIdNumbers = demoWorld.people.map((p) => p.idNumber);
const demoAccountNumbers = [
  ...demoWorld.people.flatMap((p) => p.accounts.map((a) => a.accountNumber)),
  ...demoWorld.testAccounts.map((a) => a.accountNumber),
];

/** Where `needle` occurs in `haystack`, as UTF-8/ASCII, UTF-16LE or UTF-16BE bytes. */
function encodingsFound(haystack: Buffer, needle: string): string[] {
  const utf16be = Buffer.from(needle, 'utf16le').swap16();
  const forms: Array<[string, Buffer]> = [
    ['utf8', Buffer.from(needle, 'utf8')],
    ['utf16le', Buffer.from(needle, 'utf16le')],
    ['utf16be', utf16be],
  ];
  return forms.filter(([, bytes]) => haystack.includes(bytes)).map(([name]) => name);
}

/** The secrets found in the bytes, with the encodings they were found in (empty when none). */
function plaintextIn(bytes: Buffer, secrets: string[]) {
  return secrets.map((s) => [s, encodingsFound(bytes, s)] as const).filter(([, found]) => found.length > 0);
}

/** A fresh Luhn-valid 重庆农商行 card, opened in the sandbox bank for its owner. */
async function openBankAccount(sandboxUrl: string, owner: { name: string; idNumber: string }) {
  const body = `621258${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  const accountNumber = body + luhnCheckDigit(body);
  const res = await fetch(`${sandboxUrl}/bank/accounts/${accountNumber}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bankCode: 'CRCBANK', status: 'normal', ...owner }),
  });
  expect(res.status).toBe(200);
  return accountNumber;
}

async function faceToken(sandboxUrl: string, p: { name: string; idNumber: string }) {
  const res = await fetch(`${sandboxUrl}/identity/face-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: p.name, idNumber: p.idNumber }),
  });
  return ((await res.json()) as { faceToken: string }).faceToken;
}

async function faceLogin(app: App, sandboxUrl: string, p: { name: string; idNumber: string }) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/face',
    payload: { faceToken: await faceToken(sandboxUrl, p) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token as string;
}

// ---------------------------------------------------------------- the database file

describe('the SQLite file at rest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ykt-at-rest-'));
  const databasePath = join(dir, 'ykt.db');
  const dataKey = generateDataKey();
  const env: TestEnv = useTestEnv({ databasePath, dataKey, bankTimeoutMs: 3000 });
  let submittedAccount = '';
  let submittedId = 0;
  let reopened: App | undefined;

  afterAll(async () => {
    await reopened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds no ID number and no account number in plaintext after a submission', async () => {
    submittedAccount = await openBankAccount(env.sandbox.url, tanMei);
    const token = await env.loginCitizen('tan-mei');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: env.auth(token),
      payload: {
        cardType: 'bank_card',
        accountNumber: submittedAccount,
        bankCode: 'CRCBANK',
        districtCode: '500105',
        consent: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    submittedId = res.json().id;

    // Closing checkpoints the WAL into the file; whatever -wal/-shm is left is read too.
    await env.app.close();
    const files = [databasePath, `${databasePath}-wal`, `${databasePath}-shm`].filter((f) => existsSync(f));
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(bytes.length).toBeGreaterThan(10_000);

    // The scan does see what is stored in the clear (so a miss below means "not there", not "not looked at").
    expect(encodingsFound(bytes, '谭梅')).toContain('utf8');
    expect(encodingsFound(bytes, '6212********2465')).toContain('utf8');
    expect(encodingsFound(bytes, `${submittedAccount.slice(0, 4)}********${submittedAccount.slice(-4)}`)).toContain(
      'utf8',
    );

    expect(plaintextIn(bytes, demoIdNumbers)).toEqual([]);
    expect(plaintextIn(bytes, [...demoAccountNumbers, submittedAccount])).toEqual([]);
  });

  it('finds the person again by the blind index after a restart, with the same key only', async () => {
    const config = parseConfig({ ...env.app.ctx.config, databasePath, dataKey });
    reopened = await buildApp({ config });
    await reopened.ready();

    const found = await reopened.services.beneficiaries.byIdNumber(tanMei.idNumber);
    expect(found?.name).toBe('谭梅');
    // Her face login lands on the same person, who still has her pending request.
    const token = await faceLogin(reopened, env.sandbox.url, tanMei);
    const card = await reopened.inject({
      method: 'GET',
      url: '/api/me/card',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(card.json().pendingRequestId).toBe(submittedId);
    const reveal = await reopened.inject({
      method: 'GET',
      url: '/api/me/card/reveal',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(reveal.json().items[0].accountNumber).toBe(tanMei.accounts[0].accountNumber);

    // A different key neither finds her nor reads the numbers.
    const strangerConfig = parseConfig({ ...config, dataKey: generateDataKey() });
    const stranger = await buildApp({ config: strangerConfig });
    try {
      expect(await stranger.services.beneficiaries.byIdNumber(tanMei.idNumber)).toBeUndefined();
    } finally {
      await stranger.close();
    }
  });
});

// ---------------------------------------------------------------- the log

describe('the log', () => {
  const lines: string[] = [];
  let sandbox: Sandbox;
  let app: App;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    const config = parseConfig({
      databasePath: ':memory:',
      dataKey: generateDataKey(),
      jwtSecret: 'test-secret-test-secret-test-secret-123',
      identityUrl: sandbox.url,
      bankUrl: sandbox.url,
      gatewayAppKey: 'sandbox-app-key',
      validationSchedule: '',
      logLevel: 'silent',
    });
    // A logger of our own that writes into `lines`: the app's redaction must still apply to it.
    app = await buildApp({ config, logger: { level: 'trace', stream: { write: (line: string) => lines.push(line) } } });
    await seedDemo(app.ctx, demoWorld);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
  });

  it('carries no ID number, account number, name or token of a login, a submission and query strings', async () => {
    const face = await faceToken(sandbox.url, tanMei);
    const login = await app.inject({ method: 'POST', url: '/api/auth/face', payload: { faceToken: face } });
    expect(login.statusCode).toBe(200);
    const token = login.json().token as string;
    const auth = { authorization: `Bearer ${token}` };

    const newCard = tanMei.accounts[1].accountNumber;
    const query = `?idNumber=${tanMei.idNumber}&accountNumber=${newCard}&name=${encodeURIComponent(tanMei.name)}`;
    // A review-like search with personal values in the URL, on a citizen route, an unknown route and unauthenticated.
    expect((await app.inject({ method: 'GET', url: `/api/me/card${query}`, headers: auth })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/me/change-requests${query}` })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/api/no-such-route${query}` })).statusCode).toBe(404);
    // A submission (account number in the body), a refused one and a malformed one.
    const submitted = await app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: auth,
      payload: {
        cardType: 'bank_card',
        accountNumber: newCard,
        bankCode: 'CRCBANK',
        districtCode: '500105',
        consent: true,
      },
    });
    expect(submitted.statusCode).toBe(201);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: auth,
      payload: {
        cardType: 'bank_card',
        accountNumber: tanMei.accounts[2].accountNumber,
        bankCode: 'CRCBANK',
        districtCode: '500105',
        consent: true,
      },
    });
    expect(refused.statusCode).toBe(400);
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: `{"accountNumber": "${newCard}", "idNumber": "${tanMei.idNumber}"`,
    });
    expect(malformed.statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth })).statusCode).toBe(204);

    const log = lines.join('');
    // The log did record these requests (without their query strings).
    expect(log).toContain('"url":"/api/me/card"');
    expect(log).toContain('/api/no-such-route');
    expect(lines.length).toBeGreaterThanOrEqual(14);

    const secrets = [...demoIdNumbers, ...demoAccountNumbers, tanMei.name, token, face];
    expect(secrets.filter((s) => log.includes(s))).toEqual([]);
    // Nor URL-encoded forms of the name.
    expect(log).not.toContain(encodeURIComponent(tanMei.name));
  });
});
