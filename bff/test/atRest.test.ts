/**
 * Personal data at rest and in logs (domain rule 10):
 * - a raw look at the database's FILES (SQLite: the file and its -wal/-shm; PostgreSQL: every file of the cluster,
 *   after a checkpoint, WAL included) finds no ID number and no account number in plaintext, neither as
 *   ASCII/UTF-8 nor as UTF-16; the blind index still lets the app find the person again;
 * - the columns kept in clear never narrow a person's ID number to fewer than 10,000 candidates;
 * - the log lines of logins, submissions and query strings carry no ID number, account number, name or token.
 */

import { randomInt } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@ykt/sandbox';
import { ID_CARD_AREA_CODES, idCheckDigit, luhnCheckDigit } from '@ykt/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seedDemo.ts';
import { generateDataKey } from '../src/lib/fieldCrypto.ts';
import { demoWorld, freshDatabase, person, type TestEnv, useTestEnv } from './helpers.ts';

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

/**
 * Every file under a folder, recursively (a PostgreSQL cluster: base/, global/, pg_wal/ ...), read. The cluster
 * keeps serving the other test files meanwhile, so a file listed may be gone a moment later (a relation cache
 * rewritten, a WAL segment recycled): a file that no longer exists holds nothing at rest, and is passed over.
 */
function bytesUnder(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    try {
      return statSync(path).isDirectory() ? bytesUnder(path) : [readFileSync(path)];
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  });
}

describe('the database files at rest', () => {
  const dataKey = generateDataKey();
  const env: TestEnv = useTestEnv({ dataKey, bankTimeoutMs: 3000 });
  let submittedAccount = '';
  let submittedId = 0;
  let reopened: App | undefined;

  afterAll(async () => {
    await reopened?.close();
  });

  /** The raw bytes the database keeps on disk, after everything was written there. */
  async function bytesOnDisk(): Promise<Buffer> {
    const { databaseUrl, databasePath } = env.app.config;
    if (databaseUrl) {
      // Dirty pages and the WAL reach the files: a checkpoint, then every file of the cluster.
      await env.app.db.unitOfWork((tx) => env.app.db.rows(tx, sql`select 1`));
      const admin = new (await import('pg')).default.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query('checkpoint');
      await admin.end();
      await env.app.close();
      const dataDir = inject('pgDataDir');
      expect(dataDir, 'the PostgreSQL data directory is known').not.toBe('');
      return Buffer.concat(bytesUnder(dataDir));
    }
    // Closing checkpoints the WAL into the file; whatever -wal/-shm is left is read too.
    await env.app.close();
    const files = [databasePath, `${databasePath}-wal`, `${databasePath}-shm`].filter((f) => existsSync(f));
    return Buffer.concat(files.map((f) => readFileSync(f)));
  }

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

    const bytes = await bytesOnDisk();
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
    const config = parseConfig({ ...env.app.config, dataKey });
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

/**
 * How many ID numbers are consistent with what a reader of the clear columns knows about a person: the area codes
 * of their districts, the birth date (or year) and the last 4 characters if stored, the gender (the parity of the
 * 17th digit). GB 11643: 6-digit area, 8-digit birth date, 3-digit sequence, check character (determined).
 */
function idCandidates(clear: Record<string, unknown>, districtCodes: string[]): number {
  const areas =
    districtCodes.flatMap((d) => [...ID_CARD_AREA_CODES].filter((a) => (d === '500000' ? a.startsWith('50') : a === d)))
      .length || [...ID_CARD_AREA_CODES].length;
  const year = Number(clear.birth_year ?? String(clear.birth_date ?? '').slice(0, 4));
  const days = clear.birth_date ? 1 : year % 4 === 0 ? 366 : 365;
  const last4 = clear.id_number_last4 as string | undefined;
  let sequences = 0;
  for (let seq = 0; seq < 1000; seq++) {
    if (clear.gender && (seq % 2 === 1 ? 'male' : 'female') !== clear.gender) continue;
    if (last4) {
      // Only the sequence's last 3 digits and the check character are in the last 4: one sequence fits, at best.
      const s = String(seq).padStart(3, '0');
      if (s !== last4.slice(0, 3)) continue;
      const date = String(clear.birth_date ?? '').replaceAll('-', '');
      if (date && idCheckDigit(`${districtCodes[0]}${date}${s}`) !== last4[3]) continue;
    }
    sequences++;
  }
  return areas * days * sequences;
}

describe('the columns kept in clear', () => {
  const env: TestEnv = useTestEnv();

  it('never narrow a person’s ID number to fewer than 10,000 candidates, and the console still finds and masks it', async () => {
    const { db } = env.app;
    const people = await db.rows<Record<string, unknown>>(db.read, sql`select * from beneficiaries`);
    const accounts = await db.rows<{ beneficiary_id: number; district_code: string }>(
      db.read,
      sql`select beneficiary_id, district_code from accounts`,
    );
    expect(people.length).toBeGreaterThan(4);
    for (const row of people) {
      // What anybody reading the table sees: every column that is neither ciphertext nor a keyed index.
      const clear = Object.fromEntries(Object.entries(row).filter(([k]) => !/_(enc|idx)$/.test(k)));
      const districts = accounts.filter((a) => a.beneficiary_id === row.id).map((a) => a.district_code);
      expect(
        idCandidates(clear, districts),
        `person ${row.id}: ${Object.keys(clear).join(', ')}`,
      ).toBeGreaterThanOrEqual(10_000);
    }
    // The search and the masks the console needs still work: the last 4 through their keyed index, masked lists.
    const token = await env.loginCaseworker('chongqing');
    const tan = person('tan-mei');
    const found = await env.app.inject({
      url: `/api/review/accounts?idNumber=${tan.idNumber.slice(-4)}`,
      headers: env.auth(token),
    });
    expect(found.json().items.map((i: { beneficiary: { idNumber: string } }) => i.beneficiary.idNumber)).toEqual([
      `**************${tan.idNumber.slice(-4)}`,
      `**************${tan.idNumber.slice(-4)}`,
    ]);
    // Her card face shows the birth year only, as the manual's screenshots do.
    const citizen = await env.loginCitizen('tan-mei');
    const card = (await env.app.inject({ url: '/api/me/card', headers: env.auth(citizen) })).json();
    expect(card.beneficiary).toMatchObject({ birthDate: '1980-**-**', idNumber: '**************1829' });
  });

  it('the old layout (birth date and last 4 in clear) would have narrowed 谭梅 to a single ID', () => {
    const tan = person('tan-mei');
    const old = { birth_date: '1980-03-19', id_number_last4: tan.idNumber.slice(-4), gender: 'female' };
    expect(idCandidates(old, ['500105'])).toBe(1);
  });
});

describe('the log', () => {
  const lines: string[] = [];
  let sandbox: Sandbox;
  let app: App;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    const config = parseConfig({
      ...(await freshDatabase()).config,
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
