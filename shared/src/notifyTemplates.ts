/**
 * Texts of the messages sent outside the app (SMS / 渝快办 message push), as templates filed with
 * the notification channel: the BFF sends a template id and its parameters, the channel renders the text (the
 * sandbox does it with this file). Plain words, like peers' SMS.
 *
 * A message names a bank and the last 4 digits of an account, never more (domain rule 11), and the parameters
 * themselves leave our system too: parameters are codes and `last4`, the sender cleans free text with
 * prepareNotifyParams (numbers reduced to their last 4), and the channel refuses any parameter or text with 8 or
 * more digits in a row (renderNotifyMessage: NUMBER_LEAK), to catch a leak rather than hide it.
 */
import { z } from 'zod';
import { bankName } from './reference/banks.ts';
import { districtName } from './reference/districts.ts';

/** The sender's signature, as SMS platforms require it at the start of every message. */
export const NOTIFY_SIGNATURE = '【重庆一卡通】';

export const NOTIFY_TEMPLATE_IDS = ['review_approved', 'review_rejected', 'account_invalid', 'payment_failed'] as const;
export type NotifyTemplateId = (typeof NOTIFY_TEMPLATE_IDS)[number];

/** A number typed into free text (ID, account, phone): 5 or more digits, maybe grouped by spaces. */
const DIGIT_RUN = /\d(?:[ \u3000]?\d){4,}/g;

/** Full-width digits and spaces to ASCII, so a check or mask cannot be dodged with them. */
const toAscii = (s: string) =>
  s.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/**
 * Free text for a message (an opinion, a bank's reason): one line, no signature brackets (a text that looks like
 * another sender), numbers of 5+ digits reduced to their last 4 ("尾号1234"), at most `max` characters.
 */
export function cleanMessageText(text: string, max: number): string {
  const one = toAscii(text)
    .replace(/[\s]+/g, ' ')
    .replace(/[【】[\]]/g, '')
    .trim()
    .replace(DIGIT_RUN, (m) => `尾号${m.replace(/ /g, '').slice(-4)}`);
  const chars = Array.from(one);
  return chars.length <= max ? one : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * True when a text carries 8 or more digits in a row (spaces between them count as in a row): what an account or
 * ID number leaking into a message looks like. Dates and amounts as rendered here never do.
 */
export function leaksLongNumber(text: string): boolean {
  return /\d(?:[ \u00a0]?\d){7,}/.test(toAscii(text));
}

/** '¥' omitted, as SMS do: 123456 -> '1,234.56'. */
export function formatYuan(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `${String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

const districtCode = z.string().refine((c) => districtName(c) !== undefined, '未知的区县代码');
const bankCode = z.string().refine((c) => bankName(c) !== undefined, '未知的银行代码');
const last4 = z.string().regex(/^\d{4}$/, '只能是账号的后4位数字');
/** Free text as cleanMessageText leaves it: one line, 1..max characters, no signature brackets. */
const freeText = (max: number) =>
  z
    .string()
    .min(1, '不能为空')
    .refine((t) => Array.from(t).length <= max, `不能超过${max}个字`)
    .refine((t) => !/[\r\n【】]/.test(t) && t === t.trim(), '须先经 cleanMessageText 整理');

/** Free-text parameters of each template, with their length limits: prepareNotifyParams cleans these. */
const FREE_TEXT: { [T in NotifyTemplateId]: Record<string, number> } = {
  review_approved: {},
  review_rejected: { opinion: 60 },
  account_invalid: { reason: 30 },
  payment_failed: { period: 12, reason: 30 },
};

/** Parameters of each template as the channel accepts them (zod, strict: no other keys). */
export const notifyParams = {
  /** 审核通过: the district whose account changed, and the new account's bank and last 4. */
  review_approved: z.object({ district: districtCode, bankCode, last4 }).strict(),
  /** 审核不通过: the district and the caseworker's opinion. */
  review_rejected: z.object({ district: districtCode, opinion: freeText(60) }).strict(),
  /** 无效卡: every district the account served (one message for them all), the account, the bank's reason. */
  account_invalid: z
    .object({
      districts: z.array(districtCode).min(1).max(8),
      bankCode,
      last4,
      reason: freeText(30),
    })
    .strict(),
  /** 上卡失败 of one payment: what was not paid, into which account, why. */
  payment_failed: z
    .object({
      itemName: z
        .string()
        .min(1)
        .max(20)
        .regex(/^[\u4e00-\u9fa5（）()·]+$/, '只能是补贴项目的中文名称'),
      period: freeText(12),
      amountFen: z.number().int().positive().max(100_000_000_00),
      bankCode,
      last4,
      reason: freeText(30),
    })
    .strict(),
} satisfies Record<NotifyTemplateId, z.ZodType>;

export type NotifyParams = { [T in NotifyTemplateId]: z.infer<(typeof notifyParams)[T]> };

const names = (codes: string[]) => [...new Set(codes)].map((c) => districtName(c)).join('、');

const render: { [T in NotifyTemplateId]: (p: NotifyParams[T]) => string } = {
  review_approved: (p) => `您申请的${districtName(p.district)}补贴账户变更已审核通过，新账户尾号${p.last4}。`,
  review_rejected: (p) =>
    `您申请的${districtName(p.district)}补贴账户变更未通过审核，原因：${p.opinion}。详情请登录渝快办"一卡通"查看。`,
  account_invalid: (p) =>
    `您用于${names(p.districts)}补贴的${bankName(p.bankCode)}尾号${p.last4}账户已成为无效卡（${p.reason}），` +
    `补贴将无法发放。请登录渝快办"一卡通"变更账户。`,
  payment_failed: (p) =>
    `您的${p.itemName}（${p.period}）${formatYuan(p.amountFen)}元未能发放到${bankName(p.bankCode)}尾号${p.last4}` +
    `的账户（${p.reason}）。请登录渝快办"一卡通"变更账户。`,
};

/** What each template is for, in words (for a caseworker's list of what was sent). */
export const NOTIFY_TEMPLATE_LABELS: Record<NotifyTemplateId, string> = {
  review_approved: '变更审核通过',
  review_rejected: '变更审核不通过',
  account_invalid: '账户成为无效卡',
  payment_failed: '补贴发放失败',
};

export type NotifyRefusal = {
  ok: false;
  code: 'UNKNOWN_TEMPLATE' | 'BAD_PARAMS' | 'NUMBER_LEAK';
  fields: Record<string, string>;
};
export type RenderedNotifyMessage = { ok: true; text: string } | NotifyRefusal;

const isTemplate = (t: string): t is NotifyTemplateId => (NOTIFY_TEMPLATE_IDS as readonly string[]).includes(t);

/** Every string inside a value (parameters are flat, lists of codes at most). */
function stringsOf(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path || 'params', value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, `${path}.${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringsOf(v, path ? `${path}.${k}` : k));
  }
  if (typeof value === 'number' && path !== 'amountFen') return [[path, String(value)]];
  return [];
}

const leak = (field: string): NotifyRefusal => ({
  ok: false,
  code: 'NUMBER_LEAK',
  fields: { [field]: '消息中不能出现完整的账号或证件号（最多账号后4位）' },
});

function check(template: string, params: unknown): { ok: true; params: unknown } | NotifyRefusal {
  if (!isTemplate(template)) return { ok: false, code: 'UNKNOWN_TEMPLATE', fields: { template: '未知的消息模板' } };
  // A full number in any parameter has already left the building, whatever the text would show: refuse it.
  for (const [field, value] of stringsOf(params)) if (leaksLongNumber(value)) return leak(field);
  const parsed = notifyParams[template].safeParse(params);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'params'] ??= issue.message;
    return { ok: false, code: 'BAD_PARAMS', fields };
  }
  return { ok: true, params: parsed.data };
}

/**
 * For the sender: cleans the template's free-text parameters (cleanMessageText: one line, numbers reduced to their
 * last 4, cut to length), then checks them. What comes back ok is safe to send.
 */
export function prepareNotifyParams<T extends NotifyTemplateId>(
  template: T,
  raw: Record<string, unknown>,
): { ok: true; params: NotifyParams[T] } | NotifyRefusal {
  const cleaned: Record<string, unknown> = { ...raw };
  for (const [field, max] of Object.entries(FREE_TEXT[template] ?? {})) {
    if (typeof cleaned[field] === 'string') cleaned[field] = cleanMessageText(cleaned[field] as string, max);
  }
  const r = check(template, cleaned);
  return r.ok ? { ok: true, params: r.params as NotifyParams[T] } : r;
}

/**
 * For the channel: the text of a template with its parameters, signature first; or why it will not be sent: an
 * unknown template, parameters that fail the template's schema (free text not cleaned, unknown codes, more than
 * the last 4 digits), or 8+ digits in a row in any parameter or in the text (NUMBER_LEAK).
 */
export function renderNotifyMessage(template: string, params: unknown): RenderedNotifyMessage {
  const r = check(template, params);
  if (!r.ok) return r;
  const text = NOTIFY_SIGNATURE + (render[template as NotifyTemplateId] as (p: unknown) => string)(r.params);
  if (leaksLongNumber(text)) return leak('params');
  return { ok: true, text };
}
