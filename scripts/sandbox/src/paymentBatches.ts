/**
 * The sandbox playing the 一卡通 system's payment side: builds a payment batch as
 * ../shared/design/payments.md documents it and posts it to the BFF's `POST /api/review/payment-batches` with the
 * service key (header `x-ykt-service-key`), so a demo can show a payment arriving and a failed one invalidating a
 * card. Pure building here (tested), one fetch for posting; the command is postBatch.ts, the sandbox endpoint
 * `POST /ykt/payment-batches/demo` is in routes.ts.
 */
import {
  isKnownBank,
  isKnownDistrict,
  isKnownSubsidyItem,
  MAX_BATCH_LINES,
  PAYMENT_FAILURE_CODES,
  parseIdNumber,
} from '@ykt/shared';
import { demoWorld } from './demoWorld.ts';

/** Failure codes and the batch size limit: the contract's, from shared/. */
export const FAILURE_CODES = PAYMENT_FAILURE_CODES;
export type FailureCode = (typeof FAILURE_CODES)[number];
export { MAX_BATCH_LINES };

/** One line as the caller describes it; lineNo is given by buildPaymentBatch. */
export interface PaymentLineInput {
  idNumber: string;
  name: string;
  bankCode: string;
  accountNumber: string;
  /** Integer 分, positive. */
  amountFen: number;
  result: 'paid' | 'failed';
  failureCode?: FailureCode;
  /** The bank's words, e.g. "账户已销户". */
  failureReason?: string;
}

export interface PaymentLine {
  lineNo: number;
  idNumber: string;
  name: string;
  bankCode: string;
  accountNumber: string;
  amountFen: number;
  result: 'paid' | 'failed';
  failureCode?: FailureCode;
  failureReason?: string;
}

/** The body of POST /api/review/payment-batches (payments.md). */
export interface PaymentBatch {
  batchId: string;
  districtCode: string;
  itemCode: string;
  period: string;
  paidAt: string;
  lines: PaymentLine[];
}

export interface PaymentBatchInput {
  /** Default: `${districtCode}-${itemCode}-${period key}-SBX` (see batchIdFor). */
  batchId?: string;
  districtCode: string;
  itemCode: string;
  /** e.g. "2026年度", "2026年11月". */
  period: string;
  /** ISO time. Default: the period's usual pay date (see payDateOf). */
  paidAt?: string;
  lines: PaymentLineInput[];
}

export class PaymentBatchError extends Error {
  constructor(
    message: string,
    /** Field -> message; line problems under `lines.<index in the input>`. */
    readonly fields: Record<string, string>,
  ) {
    super(message);
    this.name = 'PaymentBatchError';
  }
}

/** "1234.56" (元, at most 2 decimals) -> 123456 分, exactly (no floating point). */
export function yuanToFen(yuan: string): number {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(yuan.trim().replace(/,/g, ''));
  if (!m) throw new RangeError(`not an amount of 元: ${yuan}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** "2026年度" -> "2026", "2026年11月" -> "2026-11", "2026年第3季度" -> "2026-Q3", otherwise the digits and letters. */
export function periodKey(period: string): string {
  const year = /^(\d{4})年度$/.exec(period);
  if (year) return year[1];
  const month = /^(\d{4})年(\d{1,2})月$/.exec(period);
  if (month) return `${month[1]}-${month[2].padStart(2, '0')}`;
  const quarter = /^(\d{4})年第([1-4])季度$/.exec(period);
  if (quarter) return `${quarter[1]}-Q${quarter[2]}`;
  const plain = period.replace(/[^0-9A-Za-z]+/g, '-').replace(/^-|-$/g, '');
  return plain || 'P';
}

/** The sandbox's batch ids: like the 一卡通 system's ("500242-GDDL-2026"), marked -SBX so they never meet its own. */
export function batchIdFor(districtCode: string, itemCode: string, period: string): string {
  return `${districtCode}-${itemCode}-${periodKey(period)}-SBX`;
}

/**
 * The usual pay date of a period, 10:00 Chongqing time: yearly items mid-January of that year, monthly ones the
 * 15th of the month, quarterly ones the 15th of the quarter's first month. Deterministic, so the same scenario
 * posted twice is the same batch (idempotent at the BFF).
 */
export function payDateOf(period: string): string | undefined {
  const key = periodKey(period);
  let m = /^(\d{4})$/.exec(key);
  if (m) return `${m[1]}-01-15T02:00:00.000Z`;
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `${m[1]}-${m[2]}-15T02:00:00.000Z`;
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-15T02:00:00.000Z`;
  return undefined;
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Canonical line order: by ID number, account number, amount, paid before failed, then the remaining fields. */
function compareLines(a: PaymentLineInput, b: PaymentLineInput): number {
  return (
    cmp(a.idNumber, b.idNumber) ||
    cmp(a.accountNumber, b.accountNumber) ||
    a.amountFen - b.amountFen ||
    (a.result === b.result ? 0 : a.result === 'paid' ? -1 : 1) ||
    cmp(a.failureCode ?? '', b.failureCode ?? '') ||
    cmp(a.failureReason ?? '', b.failureReason ?? '') ||
    cmp(a.name, b.name) ||
    cmp(a.bankCode, b.bankCode)
  );
}

/**
 * A batch in canonical form, checked against the contract: lines sorted (compareLines) and numbered 1..n, every
 * field in the documented order, failure fields only on failed lines. The same lines in any order give the same
 * batch, so re-posting is idempotent. Throws PaymentBatchError naming every bad field.
 */
export function buildPaymentBatch(input: PaymentBatchInput): PaymentBatch {
  const fields: Record<string, string> = {};
  if (!isKnownDistrict(input.districtCode)) fields.districtCode = '未知的区县代码';
  if (!isKnownSubsidyItem(input.itemCode)) fields.itemCode = '未知的补贴项目';
  const period = input.period.trim();
  if (period === '' || period.length > 20) fields.period = '期号应为1-20个字符';
  const paidAt = input.paidAt ?? payDateOf(period);
  if (!paidAt || Number.isNaN(Date.parse(paidAt))) fields.paidAt = '发放时间应为 ISO 时间';
  if (input.lines.length === 0 || input.lines.length > MAX_BATCH_LINES) {
    fields.lines = `一批应有1-${MAX_BATCH_LINES}行`;
  }
  input.lines.forEach((l, k) => {
    const at = `lines.${k}`;
    const id = l.idNumber.trim().toUpperCase();
    if (!parseIdNumber(id).ok) fields[`${at}.idNumber`] = '身份证号不正确';
    if (l.name.trim() === '') fields[`${at}.name`] = '缺少姓名';
    if (!isKnownBank(l.bankCode)) fields[`${at}.bankCode`] = '未知的银行代码';
    if (!/^\d{6,32}$/.test(l.accountNumber)) fields[`${at}.accountNumber`] = '账号应为数字';
    if (!Number.isSafeInteger(l.amountFen) || l.amountFen <= 0) fields[`${at}.amountFen`] = '金额应为正整数（分）';
    if (l.result === 'failed') {
      if (!l.failureCode || !FAILURE_CODES.includes(l.failureCode)) fields[`${at}.failureCode`] = '失败行须有失败代码';
      if (!l.failureReason?.trim()) fields[`${at}.failureReason`] = '失败行须有银行的失败原因';
    } else if (l.result === 'paid') {
      if (l.failureCode !== undefined || l.failureReason !== undefined) {
        fields[`${at}.failureCode`] = '成功行不应有失败代码或原因';
      }
    } else {
      fields[`${at}.result`] = '结果应为 paid 或 failed';
    }
  });
  if (Object.keys(fields).length > 0) throw new PaymentBatchError('发放批次不符合接口约定', fields);

  const lines = input.lines
    .map((l) => ({ ...l, idNumber: l.idNumber.trim().toUpperCase(), name: l.name.trim() }))
    .sort(compareLines)
    .map(
      (l, k): PaymentLine => ({
        lineNo: k + 1,
        idNumber: l.idNumber,
        name: l.name,
        bankCode: l.bankCode,
        accountNumber: l.accountNumber,
        amountFen: l.amountFen,
        result: l.result,
        ...(l.result === 'failed' ? { failureCode: l.failureCode, failureReason: l.failureReason?.trim() } : {}),
      }),
    );
  return {
    batchId: input.batchId ?? batchIdFor(input.districtCode, input.itemCode, period),
    districtCode: input.districtCode,
    itemCode: input.itemCode,
    period,
    paidAt: new Date(paidAt as string).toISOString(),
    lines,
  };
}

/** Line count, paid and failed counts, and sums in 分 (all lines; paid lines only). */
export function summarizeBatch(batch: PaymentBatch) {
  let paid = 0;
  let paidFen = 0;
  let totalFen = 0;
  for (const l of batch.lines) {
    totalFen += l.amountFen;
    if (l.result === 'paid') {
      paid++;
      paidFen += l.amountFen;
    }
  }
  return { lines: batch.lines.length, paid, failed: batch.lines.length - paid, paidFen, totalFen };
}

// ---------------------------------------------------------------------------------------------------------------
// Demo scenarios: batches about the demo people, as the BFF's demo data has them (their current accounts).
// ---------------------------------------------------------------------------------------------------------------

export const PAYMENT_SCENARIOS = {
  paid: '江北区 耕地地力保护补贴：谭梅、陈静各一笔，发放成功',
  'closed-card': '酉阳县 耕地地力保护补贴：冉桂英的重庆农商行卡已销户，上卡失败（ACCOUNT_CLOSED）',
  demo: '以上两批：一批发放成功，一批上卡失败',
} as const;
export type PaymentScenario = keyof typeof PAYMENT_SCENARIOS;

const demoPerson = (key: string) => {
  const p = demoWorld.people.find((x) => x.key === key);
  if (!p) throw new Error(`no demo person ${key}`);
  return p;
};

/** Line of a demo person paid into (or failing on) their current account, accounts[0]. */
function demoLine(key: string, amountFen: number, failure?: { code: FailureCode; reason: string }): PaymentLineInput {
  const p = demoPerson(key);
  const a = p.accounts[0];
  return {
    idNumber: p.idNumber,
    name: p.name,
    bankCode: a.bankCode,
    accountNumber: a.accountNumber,
    amountFen,
    ...(failure
      ? { result: 'failed' as const, failureCode: failure.code, failureReason: failure.reason }
      : { result: 'paid' as const }),
  };
}

/** The batches a scenario posts. `period` defaults to the current year ("2026年度"). */
export function scenarioBatches(
  scenario: PaymentScenario,
  opts: { period?: string; paidAt?: string; now?: Date } = {},
): PaymentBatch[] {
  const year = new Date((opts.now ?? new Date()).getTime() + 8 * 3600_000).getUTCFullYear();
  const period = opts.period ?? `${year}年度`;
  const common = { itemCode: 'GDDL', period, paidAt: opts.paidAt };
  const paid = () =>
    buildPaymentBatch({
      ...common,
      districtCode: '500105',
      lines: [demoLine('tan-mei', 46_800), demoLine('chen-jing', 31_250)],
    });
  const closedCard = () =>
    buildPaymentBatch({
      ...common,
      districtCode: '500242',
      lines: [demoLine('ran-guiying', 52_300, { code: 'ACCOUNT_CLOSED', reason: '账户已销户' })],
    });
  switch (scenario) {
    case 'paid':
      return [paid()];
    case 'closed-card':
      return [closedCard()];
    case 'demo':
      return [paid(), closedCard()];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Posting.
// ---------------------------------------------------------------------------------------------------------------

export const SERVICE_KEY_HEADER = 'x-ykt-service-key';
export const PAYMENT_BATCHES_PATH = '/api/review/payment-batches';

export interface BffTarget {
  /** The BFF's base URL, e.g. http://127.0.0.1:3000. */
  bffUrl: string;
  /** The 一卡通 system's service key (the BFF's YKT_SERVICE_KEY). */
  serviceKey: string;
  /** Default 30 s: a 10,000-line batch is designed to take up to 2 s. */
  timeoutMs?: number;
}

export interface PostedBatch {
  batchId: string;
  /** The BFF's HTTP status. */
  status: number;
  /** The BFF's JSON answer ({batchId, lines, paid, failed, invalidated, amountFen} or {error}). */
  answer: unknown;
}

/** POSTs one batch (its canonical JSON) to the BFF. Resolves with whatever the BFF answered; rejects when unreachable. */
export async function postPaymentBatch(target: BffTarget, batch: PaymentBatch): Promise<PostedBatch> {
  const res = await fetch(new URL(PAYMENT_BATCHES_PATH, target.bffUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SERVICE_KEY_HEADER]: target.serviceKey },
    body: JSON.stringify(batch),
    signal: AbortSignal.timeout(target.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  let answer: unknown = text;
  try {
    answer = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { batchId: batch.batchId, status: res.status, answer };
}
