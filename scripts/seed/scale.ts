/**
 * `pnpm seed:scale -- --people 1000000 --requests 100000 --audit 1000000 --payments 10000000 [--seed N]
 *  [--db sqlite|postgres] [--as-of YYYY-MM-DD] [--workers N]`
 *
 * Grows the database named by the usual configuration (YKT_DATABASE_PATH, default data/ykt.db; or
 * YKT_DATABASE_URL=postgres://…) to Chongqing's size, after the demo people, who
 * stay usable:
 * - people: scaleWorld.ts's `scalePerson(seed, i)` for i < people (the sandbox started with SANDBOX_SCALE_SEED=seed
 *   and SANDBOX_SCALE_PEOPLE=people answers for the same people: face login, bank verification, validation runs);
 *   one account per district they are paid in (1–3), ID, mobile and account numbers encrypted and blind-indexed
 *   with the product's own crypto (YKT_DATA_KEY, else data/secrets.json as `bash scripts/start.sh` made it);
 * - change requests of every status (one per owner; owners spread evenly, see world.ts), each with its bank
 *   verification, 变更前 / 变更后, and for decided ones the reviewer, the outcome notice and (approved) the account
 *   moved onto the new card;
 * - about 1% of the other people with a 无效卡 (上卡失败, 定时验证 or 手动验证) and its notice;
 * - audit rows over the past year; payment lines (发放记录) over the past 36 months in batches of at most 10,000
 *   lines per district, 补贴项目 and period, monthly, quarterly and yearly items of payments.md, the 上卡失败 people's
 *   last month failed (with the notice linked).
 *
 * Deterministic from (seed, sizes, as-of date): the same rows every time, except the AES-GCM ciphertexts, whose IVs
 * are random as the product makes them. Refuses a database that already has this seed's people.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { seedDemo } from '@ykt/bff';
import { demoWorld, scalePerson } from '@ykt/sandbox';
import { ACCOUNT_UNUSABLE_MESSAGES, bankName, districtName, reviewOutcomeMessage } from '@ykt/shared';
import { openDataStore } from '../../bff/src/db/database.ts';
import { createFieldCrypto } from '../../bff/src/lib/fieldCrypto.ts';
import { systemClock } from '../../bff/src/lib/time.ts';
import { invalidationReason } from '../../bff/src/services/accounts.ts';
import { BANK_REFUSALS } from '../../bff/src/services/changeRequests.ts';
import type { PeopleChunk } from './peopleWorker.ts';
import { type Cell, postgresSink, type Sink, sqliteSink } from './sinks.ts';
import {
  invalidKindOf,
  keyOf,
  type RequestStatus,
  requestDistrictIndex,
  requestOf,
  requestStatusOf,
  type ScaleSizes,
  uniform,
} from './world.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

export interface ScaleOptions {
  people: number;
  requests: number;
  audit: number;
  payments: number;
  seed: string;
  db: 'sqlite' | 'postgres';
  databasePath: string;
  databaseUrl?: string;
  dataKey: string;
  /** The day the generated history ends (UTC midnight of it). */
  asOf: Date;
  workers: number;
  log?: (msg: string) => void;
}

const DAY = 86_400_000;
const isoAt = (ms: number) => new Date(ms).toISOString();

function dataKeyFromConfig(): string {
  if (process.env.YKT_DATA_KEY) return process.env.YKT_DATA_KEY;
  const secrets = join(repoRoot, 'data', 'secrets.json');
  if (existsSync(secrets)) return (JSON.parse(readFileSync(secrets, 'utf8')) as { YKT_DATA_KEY: string }).YKT_DATA_KEY;
  throw new Error('set YKT_DATA_KEY (32 bytes base64), or run `bash scripts/start.sh` once to make data/secrets.json');
}

// ----------------------------------------------------------------------------------------------------------------
// 补贴项目 (payments.md's reference list): which are paid when, how much, to how many people.
// ----------------------------------------------------------------------------------------------------------------
type Cadence = 'monthly' | 'quarterly' | 'yearly' | 'case';
interface Item {
  code: string;
  cadence: Cadence;
  /** Share of people enrolled (before scaling to the requested number of lines). */
  share: number;
  /** Pay month of a yearly item. */
  month?: number;
  /** Amount range in 分 (per person fixed within it). */
  fen: [number, number];
  /** Only people at least this old. */
  minAge?: number;
}
const ITEMS: Item[] = [
  { code: 'GDDL', cadence: 'yearly', share: 0.75, month: 5, fen: [80_000, 320_000] },
  { code: 'ZLNM', cadence: 'yearly', share: 0.45, month: 6, fen: [10_000, 40_000] },
  { code: 'JSFZ', cadence: 'yearly', share: 0.04, month: 3, fen: [96_000, 96_000] },
  { code: 'TGHL', cadence: 'yearly', share: 0.12, month: 11, fen: [20_000, 90_000] },
  { code: 'STGY', cadence: 'yearly', share: 0.1, month: 12, fen: [3_000, 20_000] },
  { code: 'TBFZ', cadence: 'quarterly', share: 0.01, fen: [135_000, 135_000] },
  { code: 'DBJ', cadence: 'monthly', share: 0.05, fen: [40_000, 70_000] },
  { code: 'TKGY', cadence: 'monthly', share: 0.01, fen: [90_000, 95_000] },
  { code: 'GLBT', cadence: 'monthly', share: 0.6, minAge: 80, fen: [10_000, 30_000] },
  { code: 'CJSH', cadence: 'monthly', share: 0.03, fen: [8_000, 8_000] },
  { code: 'CJHL', cadence: 'monthly', share: 0.015, fen: [8_000, 8_000] },
  { code: 'FYFX', cadence: 'monthly', share: 0.01, fen: [120_000, 180_000] },
  // 临时救助: one-off lines that make up the requested total exactly.
  { code: 'LSJZ', cadence: 'case', share: 0, fen: [50_000, 200_000] },
];
const LSJZ = ITEMS.length - 1;

/** Does `item` pay in calendar month `month` (1–12)? */
const paysIn = (item: Item, month: number) =>
  item.cadence === 'monthly' ||
  (item.cadence === 'quarterly' && month % 3 === 1) ||
  (item.cadence === 'yearly' && item.month === month);

const periodOf = (item: Item, year: number, month: number) =>
  item.cadence === 'yearly'
    ? { label: `${year}年度`, key: `${year}` }
    : item.cadence === 'quarterly'
      ? { label: `${year}年第${(month + 2) / 3}季度`, key: `${year}-Q${(month + 2) / 3}` }
      : { label: `${year}年${month}月`, key: `${year}-${String(month).padStart(2, '0')}` };

const FAILURES = [
  { code: 'ACCOUNT_CLOSED', reason: '账户已销户', state: 'closed' },
  { code: 'ACCOUNT_FROZEN', reason: '账户已冻结', state: 'frozen' },
] as const;

const OPINIONS_REJECTED = ['账户信息与申请人不符，请核实后重新申请', '请使用本人名下的一类银行账户重新申请'];
const REASONS = [null, '原卡丢失', '原卡已销户', '更换常用银行卡', '原卡被冻结', null];

// ----------------------------------------------------------------------------------------------------------------

export async function seedScale(o: ScaleOptions) {
  const log = o.log ?? ((m: string) => console.log(m));
  const sizes: ScaleSizes = { people: o.people, requests: o.requests };
  if (o.requests > o.people) throw new Error('--requests must not exceed --people (one request per person)');
  const crypto = createFieldCrypto(o.dataKey);
  const seedKey = keyOf(o.seed, 'rows');
  const asOf = Date.UTC(o.asOf.getUTCFullYear(), o.asOf.getUTCMonth(), o.asOf.getUTCDate());
  const started = performance.now();

  // The BFF's migrations (and the demo people, first) through its own DataStore.
  const store = await openDataStore({ url: o.db === 'postgres' ? o.databaseUrl : undefined, path: o.databasePath });
  try {
    await seedDemo({ db: store, crypto, clock: systemClock }, demoWorld);
  } finally {
    await store.close();
  }

  const sink: Sink = o.db === 'postgres' ? await postgresSink(o.databaseUrl as string) : sqliteSink(o.databasePath);
  if (o.people > 0) {
    // A blind index is base64url: safe inside a literal.
    const idx = crypto.blindIndex(scalePerson(o.seed, 0).idNumber);
    if ((await sink.scalar(`select count(*) from beneficiaries where id_number_idx = '${idx}'`)) > 0) {
      log(`this database already has the generated people of seed ${o.seed}: nothing to do`);
      await sink.close();
      return { skipped: true };
    }
  }
  const tables = [
    'beneficiaries',
    'accounts',
    'bank_verifications',
    'change_requests',
    'notifications',
    'audit_log',
    'payment_batches',
    'payments',
  ];
  const base = {
    ben: await sink.maxId('beneficiaries'),
    acc: await sink.maxId('accounts'),
    ver: await sink.maxId('bank_verifications'),
    cr: await sink.maxId('change_requests'),
    notice: await sink.maxId('notifications'),
    audit: await sink.maxId('audit_log'),
    pay: await sink.maxId('payments'),
  };
  const municipalReviewer = await sink.scalar(`select id from caseworkers where username = 'chongqing'`);
  const districtReviewer = await sink.scalar(`select id from caseworkers where username = 'jiangbei'`);
  const reviewerOf = (district: string) => (district === '500105' ? districtReviewer : municipalReviewer);

  const counts: Record<string, number> = {};
  const timed = async (label: string, fn: () => Promise<number>) => {
    const t = performance.now();
    const n = await fn();
    const s = (performance.now() - t) / 1000;
    counts[label] = n;
    log(
      `${label}: ${n.toLocaleString('en')} rows in ${s.toFixed(1)} s (${Math.round(n / s).toLocaleString('en')} rows/s)`,
    );
  };

  await sink.beginLoad(tables);
  let failed = true;
  try {
    // -------------------------------------------------------------------------------------------------------------
    // People and their accounts; requests, verifications and notices buffered (one COPY at a time on PostgreSQL).
    // -------------------------------------------------------------------------------------------------------------
    const verifications: Cell[][] = [];
    const requests: Cell[][] = [];
    const notices: Cell[][] = [];
    const wantPayments = o.payments > 0;
    // Per person, for the payment lines: birth year, and each district's card.
    const birthYear = new Int16Array(o.people);
    const personDistricts: string[][] = wantPayments ? new Array(o.people) : [];
    const card = wantPayments
      ? {
          bank: new Array<string>(o.people),
          enc: new Array<string>(o.people),
          idx: new Array<string>(o.people),
          masked: new Array<string>(o.people),
        }
      : undefined;
    /** Person -> [district index, bank, enc, idx, masked] of the account an approved request moved. */
    const moved = new Map<number, [number, string, string, string, string]>();
    /** 上卡失败 people -> their notice id (linked from the failed payment line). */
    const creditingNotice = new Map<number, number>();
    let accountId = base.acc;
    let noticeId = base.notice;
    const lastPayDay = Date.UTC(new Date(asOf).getUTCFullYear(), new Date(asOf).getUTCMonth() - 1, 15, 2);

    await timed('beneficiaries + accounts', async () => {
      const benW = sink.table('beneficiaries', [
        'id',
        'name',
        'gender',
        'birth_year',
        'id_number_enc',
        'id_number_idx',
        'id_last4_idx',
        'mobile_enc',
        'created_at',
      ]);
      const accRows: Cell[][] = [];
      const createdAt = isoAt(asOf - 400 * DAY);
      let rows = 0;
      const onChunk = async (c: PeopleChunk) => {
        for (let j = 0, i = c.start; i < c.end; i++, j++) {
          const benId = base.ben + i + 1;
          const name = c.name[j];
          const districts = c.districts[j];
          birthYear[i] = c.birthYear[j];
          const p = benW.add([
            benId,
            name,
            c.gender[j],
            c.birthYear[j],
            c.idEnc[j],
            c.idIdx[j],
            c.last4Idx[j],
            c.mobileEnc[j],
            createdAt,
          ]);
          if (p) await p;
          rows++;
          const firstAccount = accountId + 1;
          const k = requestOf(i, sizes);
          const invalid = invalidKindOf(seedKey, i, sizes);
          const failure = FAILURES[Math.floor(uniform(seedKey, i, 103) * FAILURES.length)];
          const invalidAt =
            invalid === 'crediting_failure' && wantPayments
              ? lastPayDay
              : asOf - Math.floor(uniform(seedKey, i, 104) * 60 * DAY);
          const reason = invalid ? invalidationReason(invalid, ACCOUNT_UNUSABLE_MESSAGES[failure.state]) : null;

          // The request (if any) decides whether one district's account is on the new card.
          let status: RequestStatus | undefined;
          let reqDistrict = -1;
          let appliedAt = 0;
          let finishedAt: number | null = null;
          if (k >= 0) {
            status = requestStatusOf(seedKey, k);
            reqDistrict = requestDistrictIndex(seedKey, i, districts.length);
            appliedAt =
              status === 'pending'
                ? asOf - Math.floor(uniform(seedKey, i, 106) * 20 * DAY)
                : asOf - 20 * DAY - Math.floor(uniform(seedKey, i, 106) * 345 * DAY);
            finishedAt =
              status === 'pending'
                ? null
                : status === 'failed'
                  ? appliedAt
                  : status === 'withdrawn'
                    ? appliedAt + Math.floor(uniform(seedKey, i, 107) * 2 * DAY)
                    : appliedAt + DAY + Math.floor(uniform(seedKey, i, 107) * 4 * DAY);
          }
          for (let d = 0; d < districts.length; d++) {
            accountId++;
            const onNew = status === 'approved' && d === reqDistrict;
            accRows.push([
              accountId,
              benId,
              districts[d],
              'bank_card',
              onNew ? c.spareBank[j] : c.bank[j],
              onNew ? c.spareEnc[j] : c.enc[j],
              onNew ? c.spareIdx[j] : c.idx[j],
              onNew ? c.spareMasked[j] : c.masked[j],
              invalid ? 'invalid' : 'valid',
              onNew ? 'yukuaiban' : 'ykt',
              reason,
              invalid ? isoAt(invalidAt) : null,
              createdAt,
              onNew ? isoAt(finishedAt as number) : createdAt,
            ]);
          }
          if (wantPayments && card) {
            personDistricts[i] = districts;
            card.bank[i] = c.bank[j];
            card.enc[i] = c.enc[j];
            card.idx[i] = c.idx[j];
            card.masked[i] = c.masked[j];
            if (status === 'approved') {
              moved.set(i, [reqDistrict, c.spareBank[j], c.spareEnc[j], c.spareIdx[j], c.spareMasked[j]]);
            }
          }
          if (invalid) {
            noticeId++;
            if (invalid === 'crediting_failure') creditingNotice.set(i, noticeId);
            notices.push([
              noticeId,
              benId,
              firstAccount,
              null,
              invalid,
              c.bank[j],
              c.masked[j],
              districts[0],
              districts.join(','),
              reason,
              isoAt(invalidAt),
              uniform(seedKey, i, 108) < 0.4 ? isoAt(invalidAt + DAY) : null,
            ]);
          }
          if (k >= 0 && status) {
            const requestId = base.cr + k + 1;
            const verificationId = base.ver + verifications.length + 1;
            const district = districts[reqDistrict];
            const bankResult =
              status === 'failed'
                ? (['mismatch', 'closed', 'not_found'] as const)[Math.floor(uniform(seedKey, i, 109) * 3)]
                : 'ok';
            verifications.push([
              verificationId,
              benId,
              c.spareIdx[j],
              bankResult,
              isoAt(appliedAt - 2000),
              isoAt(appliedAt - 1000),
            ]);
            const decided = status === 'approved' || status === 'rejected';
            const opinion =
              status === 'approved'
                ? '同意'
                : status === 'rejected'
                  ? OPINIONS_REJECTED[Math.floor(uniform(seedKey, i, 110) * 2)]
                  : null;
            requests.push([
              requestId,
              benId,
              firstAccount + reqDistrict,
              district,
              name,
              uniform(seedKey, i, 111) < 0.7 ? 'mobile' : 'pc',
              'bank_card',
              c.spareBank[j],
              c.spareEnc[j],
              c.spareIdx[j],
              c.spareMasked[j],
              'bank_card',
              c.bank[j],
              c.enc[j],
              c.masked[j],
              REASONS[Math.floor(uniform(seedKey, i, 112) * REASONS.length)],
              isoAt(appliedAt),
              status,
              status === 'failed' ? BANK_REFUSALS[bankResult] : null,
              verificationId,
              isoAt(appliedAt),
              finishedAt === null ? null : isoAt(finishedAt),
              decided ? reviewerOf(district) : null,
              opinion,
            ]);
            if (decided) {
              const approved = status === 'approved';
              const cardBank = approved ? c.spareBank[j] : c.bank[j];
              const cardMasked = approved ? c.spareMasked[j] : c.masked[j];
              noticeId++;
              notices.push([
                noticeId,
                benId,
                firstAccount + reqDistrict,
                requestId,
                approved ? 'review_approved' : 'review_rejected',
                cardBank,
                cardMasked,
                district,
                district,
                reviewOutcomeMessage({
                  result: approved ? 'approved' : 'rejected',
                  districtName: districtName(district) ?? district,
                  bankName: bankName(cardBank) ?? cardBank,
                  accountNumber: cardMasked,
                  accountValid: true,
                  others: districts
                    .filter((_, d) => d !== reqDistrict)
                    .map((d) => ({ districtName: districtName(d) ?? d, accountNumber: c.masked[j] })),
                  opinion: approved ? null : opinion,
                }),
                isoAt(finishedAt as number),
                uniform(seedKey, i, 113) < 0.7 ? isoAt((finishedAt as number) + 3600_000) : null,
              ]);
            }
          }
        }
      };
      await runWorkers(o, sizes, onChunk);
      await benW.end();
      const accW = sink.table('accounts', [
        'id',
        'beneficiary_id',
        'district_code',
        'card_type',
        'bank_code',
        'account_number_enc',
        'account_number_idx',
        'account_number_masked',
        'status',
        'source',
        'invalid_reason',
        'invalid_at',
        'created_at',
        'updated_at',
      ]);
      for (const r of accRows) {
        const p = accW.add(r);
        if (p) await p;
      }
      await accW.end();
      counts.accounts = accRows.length;
      return rows + accRows.length;
    });

    await timed('bank verifications + change requests + notifications', async () => {
      const write = async (name: string, columns: string[], rows: Cell[][]) => {
        const w = sink.table(name, columns);
        for (const r of rows) {
          const p = w.add(r);
          if (p) await p;
        }
        await w.end();
        return rows.length;
      };
      return (
        (await write(
          'bank_verifications',
          ['id', 'beneficiary_id', 'account_number_idx', 'result', 'at', 'answered_at'],
          verifications,
        )) +
        (await write(
          'change_requests',
          [
            'id',
            'beneficiary_id',
            'account_id',
            'district_code',
            'applicant_name',
            'channel',
            'card_type',
            'bank_code',
            'account_number_enc',
            'account_number_idx',
            'account_number_masked',
            'prev_card_type',
            'prev_bank_code',
            'prev_account_number_enc',
            'prev_account_number_masked',
            'reason',
            'consent_at',
            'status',
            'failure_reason',
            'verification_id',
            'applied_at',
            'finished_at',
            'reviewer_id',
            'review_opinion',
          ],
          requests,
        )) +
        (await write(
          'notifications',
          [
            'id',
            'beneficiary_id',
            'account_id',
            'request_id',
            'kind',
            'bank_code',
            'account_number_masked',
            'district_code',
            'district_codes',
            'message',
            'occurred_at',
            'read_at',
          ],
          notices,
        ))
      );
    });
    verifications.length = 0;
    requests.length = 0;
    notices.length = 0;

    await timed('audit log', async () =>
      writeAudit(sink, o, seedKey, base, { municipalReviewer, districtReviewer }, asOf),
    );

    if (wantPayments && card) {
      await timed('payment batches + payments', async () =>
        writePayments(sink, o, seedKey, base, asOf, { birthYear, personDistricts, card, moved, creditingNotice }),
      );
    }

    const t = performance.now();
    await sink.finishLoad(log);
    log(`indexes, sequences, statistics: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    failed = false;
  } finally {
    if (failed) await sink.finishLoad(() => undefined).catch(() => undefined);
    await sink.close();
  }
  const total = (performance.now() - started) / 1000;
  log(`done in ${total.toFixed(1)} s`);
  return { skipped: false, seconds: total, counts };
}

/** People chunks from worker threads, handed to `onChunk` in order. */
async function runWorkers(o: ScaleOptions, sizes: ScaleSizes, onChunk: (c: PeopleChunk) => Promise<void>) {
  const CHUNK = 5_000;
  const chunks = Math.ceil(o.people / CHUNK);
  if (chunks === 0) return;
  const workers = Array.from(
    { length: Math.max(1, Math.min(o.workers, chunks)) },
    () =>
      // TypeScript in the worker too: it registers tsx's loader, then loads the worker module.
      new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(
          new URL('./peopleWorker.ts', import.meta.url).href,
        )}); });`,
        { eval: true, workerData: { seed: o.seed, dataKey: o.dataKey, sizes } },
      ),
  );
  const ready = new Map<number, PeopleChunk>();
  let next = 0;
  let handed = 0;
  let wake: (() => void) | undefined;
  const assign = (w: Worker) => {
    if (next >= chunks) return;
    const start = next * CHUNK;
    next++;
    w.postMessage({ start, end: Math.min(o.people, start + CHUNK) });
  };
  const pending: Worker[] = [];
  try {
    await new Promise<void>((resolvePromise, reject) => {
      for (const w of workers) {
        w.on('error', reject);
        w.on('message', (c: PeopleChunk) => {
          ready.set(c.start / CHUNK, c);
          wake?.();
          // Keep the workers at most a few chunks ahead of the writer.
          if (next - handed < workers.length * 3) assign(w);
          else pending.push(w);
        });
      }
      for (const w of workers) {
        assign(w);
        assign(w);
      }
      (async () => {
        while (handed < chunks) {
          const c = ready.get(handed);
          if (!c) {
            await new Promise<void>((r) => {
              wake = r;
            });
            continue;
          }
          ready.delete(handed);
          handed++;
          while (pending.length > 0 && next < chunks) assign(pending.shift() as Worker);
          await onChunk(c);
        }
      })().then(resolvePromise, reject);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function writeAudit(
  sink: Sink,
  o: ScaleOptions,
  seedKey: number,
  base: { ben: number; cr: number; acc: number; audit: number },
  caseworkers: { municipalReviewer: number; districtReviewer: number },
  asOf: number,
): Promise<number> {
  const w = sink.table('audit_log', ['id', 'at', 'actor_type', 'actor', 'action', 'target', 'detail', 'ip']);
  const span = 365 * DAY;
  const people = Math.max(1, o.people);
  const requests = Math.max(1, o.requests);
  for (let j = 0; j < o.audit; j++) {
    const at = isoAt(asOf - span + Math.floor(((j + 0.5) * span) / o.audit));
    const u = uniform(seedKey, j, 201);
    const who = base.ben + 1 + Math.floor(uniform(seedKey, j, 202) * people);
    const req = base.cr + 1 + Math.floor(uniform(seedKey, j, 203) * requests);
    const cw = uniform(seedKey, j, 204) < 0.7 ? caseworkers.municipalReviewer : caseworkers.districtReviewer;
    const ip = `10.${(j >>> 16) & 255}.${(j >>> 8) & 255}.${j & 255}`;
    let row: Cell[];
    if (u < 0.5) row = ['citizen', `beneficiary:${who}`, 'auth.face_login', `beneficiary:${who}`, null, ip];
    else if (u < 0.58) row = ['citizen', `beneficiary:${who}`, 'auth.logout', null, null, ip];
    else if (u < 0.66)
      row = [
        'citizen',
        `beneficiary:${who}`,
        'change_request.submit',
        `change_request:${req}`,
        '{"outcome":"pending","bankResult":"ok","channel":"mobile"}',
        ip,
      ];
    else if (u < 0.68)
      row = ['citizen', `beneficiary:${who}`, 'change_request.withdraw', `change_request:${req}`, null, ip];
    else if (u < 0.83)
      row = [
        'caseworker',
        `caseworker:${cw}`,
        'change_request.view',
        `change_request:${req}`,
        '{"districtCode":"500105"}',
        ip,
      ];
    else if (u < 0.9)
      row = [
        'caseworker',
        `caseworker:${cw}`,
        'change_request.approve',
        `change_request:${req}`,
        '{"districtCode":"500105","opinion":"同意"}',
        ip,
      ];
    else if (u < 0.92)
      row = [
        'caseworker',
        `caseworker:${cw}`,
        'change_request.reject',
        `change_request:${req}`,
        '{"districtCode":"500105","opinion":"账户信息与申请人不符"}',
        ip,
      ];
    else if (u < 0.95) row = ['caseworker', `caseworker:${cw}`, 'auth.caseworker_login', `caseworker:${cw}`, null, ip];
    else if (u < 0.99) {
      const acc = base.acc + 1 + Math.floor(uniform(seedKey, j, 205) * people);
      row = [
        'system',
        'validation-run',
        'account.invalidate',
        `account:${acc}`,
        '{"kind":"scheduled_validation"}',
        null,
      ];
    } else
      row = [
        'caseworker',
        `caseworker:${cw}`,
        'account.edit',
        `account:${base.acc + 1}`,
        '{"districtCode":"500105"}',
        ip,
      ];
    const p = w.add([base.audit + j + 1, at, ...row.slice(0, 5), row[5]]);
    if (p) await p;
  }
  await w.end();
  return o.audit;
}

interface PeopleForPayments {
  birthYear: Int16Array;
  personDistricts: string[][];
  card: { bank: string[]; enc: string[]; idx: string[]; masked: string[] };
  moved: Map<number, [number, string, string, string, string]>;
  creditingNotice: Map<number, number>;
}

/**
 * Payment lines over the 36 months before the as-of month, batch by batch (month, then 补贴项目, then people):
 * each person's enrolment in each item is a coin with the item's share, scaled so the expected total is the
 * requested one; the exact total is reached by 临时救助 one-offs (or the last month cut short).
 */
async function writePayments(
  sink: Sink,
  o: ScaleOptions,
  seedKey: number,
  base: { ben: number; pay: number },
  asOf: number,
  people: PeopleForPayments,
): Promise<number> {
  const asOfDate = new Date(asOf);
  const months: { year: number; month: number }[] = [];
  for (let m = 36; m >= 1; m--) {
    const d = new Date(Date.UTC(asOfDate.getUTCFullYear(), asOfDate.getUTCMonth() - m, 1));
    months.push({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });
  }
  const asOfYear = asOfDate.getUTCFullYear();
  const eligible = (item: Item, i: number) => !item.minAge || asOfYear - people.birthYear[i] >= item.minAge;
  const periodsOf = (item: Item) => months.filter((m) => paysIn(item, m.month)).length;
  // Expected lines at share × 1, then the scale that gives the requested total.
  let expected = 0;
  for (const item of ITEMS) {
    if (item.share === 0) continue;
    let n = 0;
    for (let i = 0; i < o.people; i++) if (eligible(item, i)) n++;
    expected += n * item.share * periodsOf(item);
  }
  const scale = expected > 0 ? o.payments / expected : 0;
  const enrolled = new Uint16Array(o.people);
  let total = 0;
  for (let i = 0; i < o.people; i++) {
    let bits = 0;
    for (let t = 0; t < ITEMS.length; t++) {
      const item = ITEMS[t];
      if (item.share === 0 || !eligible(item, i)) continue;
      if (uniform(seedKey, i, 300 + t) < Math.min(1, item.share * scale)) {
        bits |= 1 << t;
        total += periodsOf(item);
      }
    }
    enrolled[i] = bits;
  }
  const oneOffs = Math.max(0, o.payments - total);
  const cap = o.payments;

  /** Calls `emit` for every line in order; the same order in both passes. */
  function* lines() {
    let emitted = 0;
    for (let m = 0; m < months.length; m++) {
      const { year, month } = months[m];
      const last = m === months.length - 1;
      const paidAt = Date.UTC(year, month - 1, 15, 2);
      for (let t = 0; t < ITEMS.length; t++) {
        const item = ITEMS[t];
        const isCase = t === LSJZ;
        if (!isCase && !paysIn(item, month)) continue;
        const period = periodOf(item, year, month);
        const persons = isCase
          ? (function* () {
              for (let q = m; q < oneOffs; q += months.length) yield Math.floor(uniform(seedKey, q, 399) * o.people);
            })()
          : (function* () {
              const bit = 1 << t;
              for (let i = 0; i < o.people; i++) if (enrolled[i] & bit) yield i;
            })();
        for (const i of persons) {
          if (emitted >= cap) return;
          emitted++;
          yield { i, t, item, period, paidAt, year, last };
        }
      }
    }
  }

  const amountOf = (item: Item, i: number, t: number) => {
    const [lo, hi] = item.fen;
    return lo === hi ? lo : lo + Math.floor(uniform(seedKey, i, 320 + t) * (hi - lo + 1));
  };
  const districtOf = (i: number, t: number) => {
    const ds = people.personDistricts[i];
    return ds.length === 1 ? 0 : Math.floor(uniform(seedKey, i, 340 + t) * ds.length);
  };
  const failureOf = (i: number, last: boolean) =>
    last && people.creditingNotice.has(i)
      ? FAILURES[Math.floor(uniform(seedKey, i, 103) * FAILURES.length)]
      : undefined;

  // Pass 1: the batches (10,000 lines at most each) and their totals.
  type Batch = {
    id: string;
    district: string;
    item: string;
    period: string;
    paidAt: number;
    lines: number;
    paid: number;
    failed: number;
    invalidated: number;
    fen: number;
    paidFen: number;
  };
  const batches = new Map<string, Batch>();
  const batchOrder: Batch[] = [];
  const counters = new Map<string, number>();
  const batchOf = (district: string, item: Item, period: { label: string; key: string }, paidAt: number) => {
    const key = `${district}-${item.code}-${period.key}`;
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    const part = Math.floor(n / 10_000) + 1;
    const id = `${key}-S${String(part).padStart(2, '0')}`;
    let b = batches.get(id);
    if (!b) {
      b = {
        id,
        district,
        item: item.code,
        period: period.label,
        paidAt,
        lines: 0,
        paid: 0,
        failed: 0,
        invalidated: 0,
        fen: 0,
        paidFen: 0,
      };
      batches.set(id, b);
      batchOrder.push(b);
    }
    return { b, lineNo: (n % 10_000) + 1 };
  };
  for (const l of lines()) {
    const d = districtOf(l.i, l.t);
    const { b } = batchOf(people.personDistricts[l.i][d], l.item, l.period, l.paidAt);
    const fail = failureOf(l.i, l.last);
    b.lines++;
    const fen = amountOf(l.item, l.i, l.t);
    b.fen += fen;
    if (fail) {
      b.failed++;
      b.invalidated++;
    } else {
      b.paid++;
      b.paidFen += fen;
    }
  }
  const bw = sink.table('payment_batches', [
    'batch_id',
    'district_code',
    'item_code',
    'period',
    'paid_at',
    'content_hash',
    'lines',
    'paid',
    'failed',
    'invalidated',
    'amount_fen',
    'paid_fen',
    'received_at',
  ]);
  const { createHash } = await import('node:crypto');
  for (const b of batchOrder) {
    const p = bw.add([
      b.id,
      b.district,
      b.item,
      b.period,
      isoAt(b.paidAt),
      createHash('sha256').update(`scale:${o.seed}:${b.id}`).digest('hex'),
      b.lines,
      b.paid,
      b.failed,
      b.invalidated,
      b.fen,
      b.paidFen,
      isoAt(b.paidAt + DAY),
    ]);
    if (p) await p;
  }
  await bw.end();

  // Pass 2: the lines.
  counters.clear();
  const pw = sink.table('payments', [
    'id',
    'batch_id',
    'line_no',
    'beneficiary_id',
    'district_code',
    'item_code',
    'period',
    'year',
    'paid_at',
    'amount_fen',
    'status',
    'failure_code',
    'failure_reason',
    'bank_code',
    'account_number_enc',
    'account_number_idx',
    'account_number_masked',
    'notification_id',
  ]);
  let id = base.pay;
  const paidAtIso = new Map<number, string>();
  for (const l of lines()) {
    const d = districtOf(l.i, l.t);
    const district = people.personDistricts[l.i][d];
    const { b, lineNo } = batchOf(district, l.item, l.period, l.paidAt);
    const fail = failureOf(l.i, l.last);
    const mv = people.moved.get(l.i);
    const onNew = mv !== undefined && mv[0] === d;
    let at = paidAtIso.get(l.paidAt);
    if (!at) {
      at = isoAt(l.paidAt);
      paidAtIso.set(l.paidAt, at);
    }
    id++;
    const p = pw.add([
      id,
      b.id,
      lineNo,
      base.ben + l.i + 1,
      district,
      l.item.code,
      l.period.label,
      l.year,
      at,
      amountOf(l.item, l.i, l.t),
      fail ? 'failed' : 'paid',
      fail?.code ?? null,
      fail?.reason ?? null,
      onNew ? mv[1] : people.card.bank[l.i],
      onNew ? mv[2] : people.card.enc[l.i],
      onNew ? mv[3] : people.card.idx[l.i],
      onNew ? mv[4] : people.card.masked[l.i],
      fail ? (people.creditingNotice.get(l.i) ?? null) : null,
    ]);
    if (p) await p;
  }
  await pw.end();
  return batchOrder.length + (id - base.pay);
}

// ----------------------------------------------------------------------------------------------------------------

if (process.argv[1]?.endsWith('scale.ts')) {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      people: { type: 'string', default: '1000000' },
      requests: { type: 'string', default: '100000' },
      audit: { type: 'string', default: '1000000' },
      payments: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      db: { type: 'string' },
      'as-of': { type: 'string' },
      workers: { type: 'string' },
    },
  });
  const url = process.env.YKT_DATABASE_URL || undefined;
  const db = (values.db ?? (url ? 'postgres' : 'sqlite')) as 'sqlite' | 'postgres';
  if (db === 'postgres' && !url) throw new Error('--db postgres needs YKT_DATABASE_URL=postgres://…');
  const asOf = values['as-of'] ? new Date(`${values['as-of']}T00:00:00Z`) : new Date();
  await seedScale({
    people: Number(values.people),
    requests: Number(values.requests),
    audit: Number(values.audit),
    payments: Number(values.payments),
    seed: values.seed as string,
    db,
    databasePath: resolve(process.env.YKT_DATABASE_PATH ?? join(repoRoot, 'data', 'ykt.db')),
    databaseUrl: url,
    dataKey: dataKeyFromConfig(),
    asOf,
    workers: Number(values.workers ?? Math.max(1, Math.min(2, cpus().length))),
  });
}
