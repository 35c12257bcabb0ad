/**
 * Payment batches as the 一卡通 system sends them (payments.md): building (numbering, canonical order, integer 分,
 * the contract's rules) and posting, to a stand-in for the BFF's POST /api/review/payment-batches (the real
 * endpoint is being built; this receiver checks what the contract says a request must look like).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseIdNumber } from '@ykt/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPaymentBatch,
  demoPerson,
  PaymentBatchError,
  type PaymentLineInput,
  postPaymentBatch,
  type Sandbox,
  scenarioBatches,
  startSandbox,
  summarizeBatch,
  yuanToFen,
} from '../src/index.ts';
import { batchIdFor, payDateOf, periodKey } from '../src/paymentBatches.ts';

const tan = demoPerson('tan-mei');
const chen = demoPerson('chen-jing');
const ran = demoPerson('ran-guiying');
const line = (p: typeof tan, amountFen: number, extra: Partial<PaymentLineInput> = {}): PaymentLineInput => ({
  idNumber: p.idNumber,
  name: p.name,
  bankCode: p.accounts[0].bankCode,
  accountNumber: p.accounts[0].accountNumber,
  amountFen,
  result: 'paid',
  ...extra,
});
const base = { districtCode: '500105', itemCode: 'GDDL', period: '2026年度' };

function fieldsOf(f: () => unknown): Record<string, string> {
  try {
    f();
  } catch (err) {
    if (err instanceof PaymentBatchError) return err.fields;
    throw err;
  }
  throw new Error('expected a PaymentBatchError');
}

describe('buildPaymentBatch', () => {
  it('numbers lines 1..n in canonical order, fields in the documented order, failure fields only when failed', () => {
    const batch = buildPaymentBatch({
      ...base,
      lines: [
        line(chen, 31_250),
        line(tan, 46_800, { result: 'failed', failureCode: 'ACCOUNT_FROZEN', failureReason: ' 账户已冻结 ' }),
      ],
    });
    expect(JSON.stringify(batch)).toBe(
      JSON.stringify({
        batchId: '500105-GDDL-2026-SBX',
        districtCode: '500105',
        itemCode: 'GDDL',
        period: '2026年度',
        paidAt: '2026-01-15T02:00:00.000Z',
        lines: [
          {
            lineNo: 1,
            idNumber: tan.idNumber,
            name: '谭梅',
            bankCode: 'CRCBANK',
            accountNumber: '6212583000182465',
            amountFen: 46_800,
            result: 'failed',
            failureCode: 'ACCOUNT_FROZEN',
            failureReason: '账户已冻结',
          },
          {
            lineNo: 2,
            idNumber: chen.idNumber,
            name: '陈静',
            bankCode: 'ABC',
            accountNumber: '6228480270014366529',
            amountFen: 31_250,
            result: 'paid',
          },
        ],
      }),
    );
  });

  it('the same lines in any order make the same body (so a re-post is idempotent at the BFF)', () => {
    const arbLine = fc.record({
      idNumber: fc.constantFrom(tan.idNumber, chen.idNumber, ran.idNumber),
      name: fc.constantFrom('谭梅', '陈静'),
      bankCode: fc.constantFrom('CRCBANK', 'ABC'),
      accountNumber: fc.constantFrom('6212583000182465', '6228480270014366529'),
      amountFen: fc.integer({ min: 1, max: 10_000_000 }),
      result: fc.constant('paid' as const),
    });
    fc.assert(
      fc.property(fc.array(arbLine, { minLength: 1, maxLength: 30 }), fc.integer(), (lines, salt) => {
        const shuffled = [...lines].sort((a, b) => ((a.amountFen * 31 + salt) % 7) - ((b.amountFen * 31 + salt) % 7));
        const one = buildPaymentBatch({ ...base, lines });
        expect(JSON.stringify(buildPaymentBatch({ ...base, lines: shuffled }))).toBe(JSON.stringify(one));
        expect(one.lines.map((l) => l.lineNo)).toEqual(lines.map((_, k) => k + 1));
        expect(summarizeBatch(one).totalFen).toBe(lines.reduce((s, l) => s + l.amountFen, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('amounts are positive integers of 分: fractions, zero, negatives and unsafe numbers are refused', () => {
    for (const amountFen of [0.5, 0, -100, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) {
      expect(fieldsOf(() => buildPaymentBatch({ ...base, lines: [line(tan, amountFen)] }))).toEqual({
        'lines.0.amountFen': '金额应为正整数（分）',
      });
    }
    expect(yuanToFen('1234.56')).toBe(123_456);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('1,000')).toBe(100_000);
    expect(yuanToFen('0.07')).toBe(7);
    expect(() => yuanToFen('1.234')).toThrow(RangeError);
    expect(() => yuanToFen('-1')).toThrow(RangeError);
  });

  it('a failed line needs a failure code and the bank’s reason; a paid line has neither', () => {
    expect(
      fieldsOf(() =>
        buildPaymentBatch({
          ...base,
          lines: [
            line(tan, 100, { result: 'failed' }),
            line(chen, 100, { result: 'failed', failureCode: 'GONE' as never, failureReason: '  ' }),
            line(chen, 100, { failureCode: 'OTHER' }),
          ],
        }),
      ),
    ).toEqual({
      'lines.0.failureCode': '失败行须有失败代码',
      'lines.0.failureReason': '失败行须有银行的失败原因',
      'lines.1.failureCode': '失败行须有失败代码',
      'lines.1.failureReason': '失败行须有银行的失败原因',
      'lines.2.failureCode': '成功行不应有失败代码或原因',
    });
  });

  it('refuses unknown district, item, bank, a bad ID, no lines or more than 10,000', () => {
    expect(
      fieldsOf(() =>
        buildPaymentBatch({
          districtCode: '110105',
          itemCode: 'NOPE',
          period: '',
          lines: [line(tan, 100, { idNumber: '500105198003191828', bankCode: 'XX' })],
        }),
      ),
    ).toEqual({
      districtCode: '未知的区县代码',
      itemCode: '未知的补贴项目',
      period: '期号应为1-20个字符',
      paidAt: '发放时间应为 ISO 时间',
      'lines.0.idNumber': '身份证号不正确',
      'lines.0.bankCode': '未知的银行代码',
    });
    expect(fieldsOf(() => buildPaymentBatch({ ...base, lines: [] }))).toEqual({ lines: '一批应有1-10000行' });
    const many = Array.from({ length: 10_001 }, () => line(tan, 1));
    expect(fieldsOf(() => buildPaymentBatch({ ...base, lines: many }))).toEqual({ lines: '一批应有1-10000行' });
    expect(buildPaymentBatch({ ...base, lines: many.slice(1) }).lines.at(-1)?.lineNo).toBe(10_000);
  });

  it('derives batch ids and pay dates from the period; both can be given', () => {
    expect(periodKey('2026年度')).toBe('2026');
    expect(periodKey('2026年3月')).toBe('2026-03');
    expect(periodKey('2026年第2季度')).toBe('2026-Q2');
    expect(batchIdFor('500242', 'DBJ', '2026年3月')).toBe('500242-DBJ-2026-03-SBX');
    expect(payDateOf('2026年3月')).toBe('2026-03-15T02:00:00.000Z');
    expect(payDateOf('2026年第2季度')).toBe('2026-04-15T02:00:00.000Z');
    const given = buildPaymentBatch({
      ...base,
      batchId: 'X-1',
      paidAt: '2026-11-28T10:00:00+08:00',
      lines: [line(tan, 1)],
    });
    expect(given).toMatchObject({ batchId: 'X-1', paidAt: '2026-11-28T02:00:00.000Z' });
  });
});

describe('demo scenarios', () => {
  const now = new Date('2026-11-28T02:00:00Z');

  it('demo: 江北区 pays 谭梅 and 陈静 into their current cards; 酉阳县 fails on 冉桂英’s closed card', () => {
    const [paid, failed] = scenarioBatches('demo', { now });
    expect(paid).toMatchObject({ batchId: '500105-GDDL-2026-SBX', districtCode: '500105', period: '2026年度' });
    expect(paid.lines.map((l) => [l.lineNo, l.name, l.accountNumber, l.result])).toEqual([
      [1, '谭梅', '6212583000182465', 'paid'],
      [2, '陈静', '6228480270014366529', 'paid'],
    ]);
    expect(failed).toMatchObject({ batchId: '500242-GDDL-2026-SBX', districtCode: '500242' });
    expect(failed.lines).toEqual([
      {
        lineNo: 1,
        idNumber: ran.idNumber,
        name: '冉桂英',
        bankCode: 'CRCBANK',
        accountNumber: '6212583020401184',
        amountFen: 52_300,
        result: 'failed',
        failureCode: 'ACCOUNT_CLOSED',
        failureReason: '账户已销户',
      },
    ]);
    // The card really is closed at the sandbox bank, and every ID is valid.
    expect(ran.accounts[0].status).toBe('closed');
    for (const b of [paid, failed]) for (const l of b.lines) expect(parseIdNumber(l.idNumber).ok).toBe(true);
    expect(scenarioBatches('paid', { now })).toEqual([paid]);
    expect(scenarioBatches('closed-card', { now, period: '2025年度' })[0].batchId).toBe('500242-GDDL-2025-SBX');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Posting, to a stand-in receiver.
// ---------------------------------------------------------------------------------------------------------------

const SERVICE_KEY = 'test-ykt-service-key-0123';
interface Received {
  method?: string;
  url?: string;
  key?: string | string[];
  type?: string;
  body: string;
}
let received: Received[] = [];
let receiver: http.Server;
let receiverUrl = '';
let sb: Sandbox;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      received.push({
        method: req.method,
        url: req.url,
        key: req.headers['x-ykt-service-key'],
        type: req.headers['content-type'],
        body,
      });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.headers['x-ykt-service-key'] !== SERVICE_KEY) {
        return send(401, { error: { code: 'UNAUTHENTICATED', message: '缺少或无效的服务凭证' } });
      }
      const batch = JSON.parse(body);
      const failed = batch.lines.filter((l: { result: string }) => l.result === 'failed').length;
      send(200, {
        batchId: batch.batchId,
        lines: batch.lines.length,
        paid: batch.lines.length - failed,
        failed,
        invalidated: failed,
        amountFen: batch.lines.reduce((s: number, l: { amountFen: number }) => s + l.amountFen, 0),
      });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  sb = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sb.close();
  await new Promise((resolve) => receiver.close(resolve));
});

/** A loopback URL where nothing listens. */
async function closedPortUrl(): Promise<string> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** The command, run as a user would (tsx), with its exit code and output. */
function runCommand(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../src/postBatch.ts', import.meta.url)), ...args],
      {
        env: { ...process.env, YKT_SERVICE_KEY: '', YKT_BFF_URL: '', ...env },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('posting', () => {
  it('the command posts a scenario with the key from the environment, and exits 1 when refused', async () => {
    received = [];
    const ok = await runCommand(['--scenario', 'closed-card', '--period', '2024年度', '--bff', receiverUrl], {
      YKT_SERVICE_KEY: SERVICE_KEY,
    });
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^accepted 500242-GDDL-2024-SBX: 1 lines \(0 paid, 1 failed\), 52300 分 -> 200 /);
    expect(received.map((x) => JSON.parse(x.body).batchId)).toEqual(['500242-GDDL-2024-SBX']);

    const refused = await runCommand(['--scenario', 'paid', '--bff', receiverUrl, '--key', 'wrong']);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^refused .* -> 401 /);
    const noKey = await runCommand(['--bff', receiverUrl]);
    expect(noKey.code).toBe(1);
    expect(noKey.err).toMatch(/no service key/);
    // Three Node processes started through tsx, one after the other: seconds each when the other lane of the test
    // command (the browser journeys) keeps a core busy.
  }, 60_000);

  it('postPaymentBatch sends the canonical JSON with the service key and returns the BFF’s answer', async () => {
    received = [];
    const batch = scenarioBatches('closed-card', { now: new Date('2026-11-28T02:00:00Z') })[0];
    const posted = await postPaymentBatch({ bffUrl: receiverUrl, serviceKey: SERVICE_KEY }, batch);
    expect(posted).toEqual({
      batchId: '500242-GDDL-2026-SBX',
      status: 200,
      answer: { batchId: '500242-GDDL-2026-SBX', lines: 1, paid: 0, failed: 1, invalidated: 1, amountFen: 52_300 },
    });
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/api/review/payment-batches',
        key: SERVICE_KEY,
        type: 'application/json',
        body: JSON.stringify(batch),
      },
    ]);
    const refused = await postPaymentBatch({ bffUrl: receiverUrl, serviceKey: 'wrong' }, batch);
    expect(refused.status).toBe(401);
  });

  it('POST /ykt/payment-batches/demo posts the scenario’s batches to the configured BFF', async () => {
    const call = (body: unknown) =>
      fetch(`${sb.url}/ykt/payment-batches/demo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

    sb.configureYkt(undefined);
    const unconfigured = await call({ scenario: 'demo' });
    expect(unconfigured.status).toBe(503);
    expect(unconfigured.body).toMatchObject({ error: { code: 'YKT_NOT_CONFIGURED' } });

    received = [];
    sb.configureYkt({ bffUrl: receiverUrl, serviceKey: SERVICE_KEY });
    const r = await call({ scenario: 'demo', period: '2025年度' });
    expect(r.status).toBe(200);
    expect(r.body.batches).toEqual([
      {
        batchId: '500105-GDDL-2025-SBX',
        status: 200,
        answer: expect.objectContaining({ paid: 2, failed: 0 }),
        summary: { lines: 2, paid: 2, failed: 0, paidFen: 78_050, totalFen: 78_050 },
      },
      {
        batchId: '500242-GDDL-2025-SBX',
        status: 200,
        answer: expect.objectContaining({ paid: 0, failed: 1, invalidated: 1 }),
        summary: { lines: 1, paid: 0, failed: 1, paidFen: 0, totalFen: 52_300 },
      },
    ]);
    expect(received.map((x) => [x.url, x.key, JSON.parse(x.body).batchId])).toEqual([
      ['/api/review/payment-batches', SERVICE_KEY, '500105-GDDL-2025-SBX'],
      ['/api/review/payment-batches', SERVICE_KEY, '500242-GDDL-2025-SBX'],
    ]);

    expect((await call({ scenario: 'nope' })).status).toBe(400);
    const scenarios = await fetch(`${sb.url}/ykt/payment-batches/scenarios`).then((x) => x.json());
    expect(scenarios).toContainEqual({ scenario: 'closed-card', description: expect.stringMatching(/冉桂英/) });

    sb.configureYkt({ bffUrl: await closedPortUrl(), serviceKey: SERVICE_KEY });
    const down = await call({ scenario: 'paid' });
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ error: { code: 'BFF_UNREACHABLE' } });
  });
});
