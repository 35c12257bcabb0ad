import { z } from 'zod';
import { isKnownBank } from '../reference/banks.ts';
import { isKnownDistrict } from '../reference/districts.ts';
import { isKnownSubsidyItem } from '../reference/subsidyItems.ts';
import { parseIdNumber } from '../rules/idNumber.ts';
import { isoTime } from './common.ts';

// 发放记录 (../shared/design/payments.md): the 一卡通 system's payment batches in, a person's year of payments out.
// Money is always an integer number of 分.

/** What the bank said about a failed line: 销户, 冻结, 不存在 (the account itself is unusable), 户名不符, other. */
export const PAYMENT_FAILURE_CODES = [
  'ACCOUNT_CLOSED',
  'ACCOUNT_FROZEN',
  'ACCOUNT_NOT_FOUND',
  'NAME_MISMATCH',
  'OTHER',
] as const;
export const paymentFailureCode = z.enum(PAYMENT_FAILURE_CODES, {
  error: '失败代码应为 ACCOUNT_CLOSED、ACCOUNT_FROZEN、ACCOUNT_NOT_FOUND、NAME_MISMATCH 或 OTHER',
});
export type PaymentFailureCode = z.infer<typeof paymentFailureCode>;

/** Lines in one batch, at most. */
export const MAX_BATCH_LINES = 10_000;
/** One line, at most: 1亿元. 10,000 of them still add up exactly in a JS number (well under 2^53). */
export const MAX_LINE_AMOUNT_FEN = 10_000_000_000;

const AMOUNT_MESSAGE = '金额应为正整数（分）';

/** One line of a batch: who, into which account, how much, and the bank's result. */
export const paymentLine = z
  .object({
    lineNo: z.number({ error: '行号应为正整数' }).int('行号应为正整数').positive('行号应为正整数'),
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .superRefine((id, ctx) => {
        const parsed = parseIdNumber(id);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
      }),
    name: z.string().trim().min(1, '缺少姓名').max(32, '姓名不能超过32个字'),
    bankCode: z.string().refine(isKnownBank, '未知的银行代码'),
    accountNumber: z.string().regex(/^\d{6,32}$/, '银行账号应为6-32位数字'),
    amountFen: z
      .number({ error: AMOUNT_MESSAGE })
      .int(AMOUNT_MESSAGE)
      .positive(AMOUNT_MESSAGE)
      .max(MAX_LINE_AMOUNT_FEN, '单笔金额不能超过1亿元'),
    result: z.enum(['paid', 'failed'], { error: '结果应为 paid 或 failed' }),
    failureCode: paymentFailureCode.nullish(),
    /** The bank's words, e.g. "账户已销户". */
    failureReason: z.string().trim().max(100, '失败原因不能超过100个字').nullish(),
  })
  .superRefine((line, ctx) => {
    if (line.result === 'failed') {
      if (!line.failureCode) ctx.addIssue({ code: 'custom', path: ['failureCode'], message: '失败行须有失败代码' });
      if (!line.failureReason) {
        ctx.addIssue({ code: 'custom', path: ['failureReason'], message: '失败行须有银行的失败原因' });
      }
    } else if (line.failureCode || line.failureReason) {
      ctx.addIssue({ code: 'custom', path: ['failureCode'], message: '成功行不应有失败代码或原因' });
    }
  });
export type PaymentLine = z.infer<typeof paymentLine>;

/**
 * `POST /api/review/payment-batches`: one district, one 补贴项目, one period, 1..10,000 lines. Lines are named by
 * their `lineNo` (unique within the batch); the batch's canonical content is its lines in lineNo order.
 */
export const paymentBatchBody = z
  .object({
    batchId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, '批次号应为1-64位字母、数字、-或_'),
    districtCode: z.string().refine(isKnownDistrict, '未知的区县代码'),
    itemCode: z.string().refine(isKnownSubsidyItem, '未知的补贴项目'),
    period: z.string().trim().min(1, '请填写期号').max(20, '期号不能超过20个字'),
    paidAt: z.iso.datetime({ offset: true, error: '发放时间应为 ISO 8601 时间' }),
    lines: z.array(paymentLine).min(1, '一批至少有1行').max(MAX_BATCH_LINES, `一批最多${MAX_BATCH_LINES}行`),
  })
  .superRefine((batch, ctx) => {
    const seen = new Set<number>();
    batch.lines.forEach((line, k) => {
      if (seen.has(line.lineNo)) ctx.addIssue({ code: 'custom', path: ['lines', k, 'lineNo'], message: '行号重复' });
      seen.add(line.lineNo);
    });
  });
export type PaymentBatchBody = z.infer<typeof paymentBatchBody>;

/** Fields listed in one 400 answer, at most (a batch of 10,000 bad lines is named by its first ones). */
export const MAX_BATCH_FIELD_ERRORS = 100;

/** `lines[<lineNo>]`: a line as the 400 answer names it (its 1-based position when its lineNo is unusable). */
export function batchLineKey(rawLines: unknown, index: number): string {
  const raw = Array.isArray(rawLines) ? (rawLines[index] as { lineNo?: unknown } | undefined) : undefined;
  const lineNo = raw?.lineNo;
  return typeof lineNo === 'number' && Number.isSafeInteger(lineNo) && lineNo > 0
    ? `lines[${lineNo}]`
    : `lines[#${index + 1}]`;
}

/**
 * The `fields` of a refused batch from schema issues: `{"lines[3].idNumber": "身份证号校验位不正确", "itemCode": …}`,
 * lines named by their lineNo, at most MAX_BATCH_FIELD_ERRORS of them.
 */
export function paymentBatchFields(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  rawBody: unknown,
): Record<string, string> {
  const rawLines = (rawBody as { lines?: unknown } | null)?.lines;
  const fields: Record<string, string> = {};
  let n = 0;
  for (const issue of issues) {
    const [first, index, ...rest] = issue.path;
    let key: string;
    if (first === 'lines' && typeof index === 'number') {
      key = [batchLineKey(rawLines, index), ...rest.map(String)].join('.');
    } else {
      key = issue.path.map(String).join('.') || '_';
    }
    if (key in fields) continue;
    if (n++ >= MAX_BATCH_FIELD_ERRORS) break;
    fields[key] = issue.message;
  }
  return fields;
}

/** What the intake answers, the first time and every time the same batch is posted again. */
export const paymentBatchAnswer = z.object({
  batchId: z.string(),
  lines: z.number().int(),
  paid: z.number().int(),
  failed: z.number().int(),
  /** Accounts the batch's failed lines made 无效卡 (one line can invalidate several districts' accounts of a card). */
  invalidated: z.number().int(),
  /** Every line's amount, 分. */
  amountFen: z.number().int(),
  /** Extension: the paid lines' amount, 分. */
  paidFen: z.number().int(),
});
export type PaymentBatchAnswer = z.infer<typeof paymentBatchAnswer>;

export const paymentStatus = z.enum(['paid', 'failed']);
export type PaymentStatus = z.infer<typeof paymentStatus>;

/** One line of a person's 发放记录. */
export const paymentRecord = z.object({
  id: z.number().int(),
  itemCode: z.string(),
  itemName: z.string(),
  /** 主管部门. */
  department: z.string(),
  /** 期号, as the 一卡通 system names it ("2026年度", "2026年11月"). */
  period: z.string(),
  amountFen: z.number().int(),
  paidAt: isoTime,
  status: paymentStatus,
  /** The bank's words (numbers in them redacted); null when paid. */
  failureReason: z.string().nullable(),
  bankName: z.string(),
  /** Masked: first 4 and last 4 digits. */
  accountNumber: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  /** Extension: the bank's code for a failed line; null when paid. */
  failureCode: paymentFailureCode.nullable(),
  /** Extension. */
  bankCode: z.string(),
  /** Extension: the 无效卡 系统通知 this failed line caused (the page links to it); null when it caused none. */
  notificationId: z.number().int().nullable(),
});
export type PaymentRecord = z.infer<typeof paymentRecord>;

/** Per 补贴项目 of the year: `totalFen` / `count` of the paid lines (what arrived), failed ones apart. */
export const paymentItemTotal = z.object({
  itemCode: z.string(),
  itemName: z.string(),
  totalFen: z.number().int(),
  count: z.number().int(),
  /** Extension: failed lines of the item (not in totalFen / count). */
  failedCount: z.number().int(),
  failedFen: z.number().int(),
});

/**
 * A year of 发放记录 (the citizen's own, or one account's person and district for a caseworker). `totalFen` and
 * `count` are the paid lines of the year (money that arrived); failed lines are counted apart; `items` are every
 * line, newest first (at most PAYMENT_PAGE_MAX_ITEMS; the totals always cover the whole year).
 */
export const paymentYearPage = z.object({
  /** Years that have records, newest first. */
  years: z.array(z.number().int()),
  /** The year shown: the one asked for, else the latest with records, else the current year. */
  year: z.number().int(),
  totalFen: z.number().int(),
  count: z.number().int(),
  /** Extension. */
  failedCount: z.number().int(),
  failedFen: z.number().int(),
  byItem: z.array(paymentItemTotal),
  items: z.array(paymentRecord),
});
export type PaymentYearPage = z.infer<typeof paymentYearPage>;

/** Lines listed on one year page, at most (a person has a few dozen a year). */
export const PAYMENT_PAGE_MAX_ITEMS = 1000;

const year = z.coerce
  .number({ error: '年份应为4位数字' })
  .int('年份应为4位数字')
  .min(2000, '年份不正确')
  .max(2100, '年份不正确');

export const myPaymentsQuery = z.object({ year: year.optional() });
export const accountPaymentsQuery = myPaymentsQuery.extend({
  itemCode: z.string().refine(isKnownSubsidyItem, '未知的补贴项目').optional(),
});
