import { z } from 'zod';
import { changeRequestStatus } from './changeRequests.ts';
import { accountSource, accountStatus, cardType, isoTime, pageInfo, paging } from './common.ts';

const yesNo = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

/**
 * 账号变更审核 query panel: 开户银行, 姓名, 身份证号, 银行账号, 申请人姓名, and the view: 待审核 (`pending`, the
 * default), 显示完结 (`completed`: every request that reached review; `showCompleted=true` says the same) or
 * 申请失败 (`failed`: attempts the bank refused, read-only). 姓名 / 申请人姓名 match the whole name or its beginning.
 */
export const reviewQuery = paging.extend({
  bankName: z.string().trim().max(64).optional(),
  name: z.string().trim().max(32).optional(),
  idNumber: z.string().trim().max(18).optional(),
  accountNumber: z.string().trim().max(40).optional(),
  applicantName: z.string().trim().max(32).optional(),
  status: z.enum(['pending', 'completed', 'failed']).optional(),
  showCompleted: yesNo.default(false),
});
export type ReviewQuery = z.infer<typeof reviewQuery>;

export const reviewListItem = z.object({
  id: z.number().int(),
  source: z.literal('yukuaiban'),
  status: changeRequestStatus,
  /** Where the citizen applied: 手机 (mobile) or 电脑 (pc). */
  channel: z.enum(['mobile', 'pc']),
  applicantName: z.string(),
  appliedAt: isoTime,
  beneficiary: z.object({ name: z.string(), idNumber: z.string() }),
  bankName: z.string(),
  accountNumber: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
});
export const reviewList = z.object({ items: z.array(reviewListItem), ...pageInfo });

export const accountSnapshot = z.object({
  name: z.string(),
  idNumber: z.string(),
  cardType: cardType.nullable(),
  bankName: z.string(),
  accountNumber: z.string(),
});
export const reviewDetail = reviewListItem.extend({
  cardType,
  reason: z.string().nullable(),
  finishedAt: isoTime.nullable(),
  failureReason: z.string().nullable(),
  reviewOpinion: z.string().nullable(),
  reviewerName: z.string().nullable(),
  /** The bank's answer this request rests on: `ok` means the account exists, is normal and matches name and ID. */
  verification: z.object({ result: z.string(), at: isoTime.nullable() }).nullable(),
  before: accountSnapshot,
  after: accountSnapshot,
});
export type ReviewDetail = z.infer<typeof reviewDetail>;

export const decisionBody = z
  .object({
    result: z.enum(['approved', 'rejected'], { error: '请选择审核结果' }),
    opinion: z.string().trim().max(500, '审核意见不能超过500个字').optional().default(''),
  })
  .refine((b) => b.result === 'approved' || b.opinion.length > 0, {
    path: ['opinion'],
    message: '审核不通过时请填写审核意见',
  });
export const decisionAnswer = z.object({ id: z.number().int(), status: changeRequestStatus });

export const accountQuery = paging.extend({
  name: z.string().trim().max(32).optional(),
  idNumber: z.string().trim().max(18).optional(),
  accountNumber: z.string().trim().max(40).optional(),
  districtCode: z.string().trim().max(6).optional(),
});
export const reviewAccount = z.object({
  id: z.number().int(),
  beneficiary: z.object({ name: z.string(), idNumber: z.string() }),
  districtCode: z.string(),
  districtName: z.string(),
  cardType,
  bankCode: z.string(),
  bankName: z.string(),
  accountNumber: z.string(),
  status: accountStatus,
  source: accountSource,
  invalidReason: z.string().nullable(),
  invalidAt: isoTime.nullable(),
  locked: z.boolean(),
  /** The pending 渝快办 request that locks the account (the console links to it). */
  lockedByRequestId: z.number().int().nullable(),
  updatedAt: isoTime,
});
export const reviewAccountList = z.object({ items: z.array(reviewAccount), ...pageInfo });

export const accountEditBody = z
  .object({
    cardType: z.string().optional(),
    bankCode: z.string().max(32).optional(),
    accountNumber: z.string().max(64).optional(),
  })
  .refine((b) => b.cardType || b.bankCode || b.accountNumber, { message: '没有要修改的内容' });
export const messageBody = z.object({
  message: z.string().trim().min(1, '请填写说明').max(200, '说明不能超过200个字'),
});
/** 上卡失败 report of the 一卡通 system: the bank's words, and its code when it says the account is unusable. */
export const creditingFailureBody = messageBody.extend({
  failureCode: z.enum(['ACCOUNT_CLOSED', 'ACCOUNT_FROZEN', 'ACCOUNT_NOT_FOUND', 'NAME_MISMATCH', 'OTHER']).optional(),
});

export const validationRun = z.object({
  id: z.number().int(),
  trigger: z.enum(['schedule', 'manual']),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  status: z.enum(['running', 'completed', 'failed']),
  checked: z.number().int(),
  invalidated: z.number().int(),
  /** Accounts passed over because their owner has a pending 渝快办 change (locked, domain rule 6). */
  skipped: z.number().int(),
  error: z.string().nullable(),
  /** Why a failed run stopped: the bank out of reach, the service stopping, or an error of ours. */
  errorCode: z.enum(['BANK_UNAVAILABLE', 'INTERRUPTED', 'INTERNAL']).nullable(),
});
export const validationRunList = z.object({ items: z.array(validationRun) });

export const auditEntry = z.object({
  id: z.number().int(),
  at: isoTime,
  actorType: z.enum(['citizen', 'caseworker', 'system']),
  actor: z.string(),
  /** Who, in words: the caseworker's name, or the citizen's masked name. */
  actorName: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.string().nullable(),
  ip: z.string().nullable(),
});
export const auditQuery = paging.extend({ action: z.string().max(64).optional() });
export const auditList = z.object({ items: z.array(auditEntry), ...pageInfo });

/** 审核时限: the working days review usually takes in a district (default 5), as citizens are told. */
export const districtSetting = z.object({
  districtCode: z.string(),
  districtName: z.string(),
  reviewDays: z.number().int(),
});
export const districtSettingList = z.object({ items: z.array(districtSetting) });
export const districtSettingBody = z.object({
  reviewDays: z.coerce.number().int('请输入整数').min(1, '至少1个工作日').max(60, '最多60个工作日'),
});

/** 消息发送记录 (municipal caseworker): what went out by SMS / 渝快办 push, with the recipient masked. */
export const outboxEntry = z.object({
  id: z.number().int(),
  template: z.string(),
  to: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'failed', 'skipped']),
  attempts: z.number().int(),
  createdAt: isoTime,
  sentAt: isoTime.nullable(),
  nextAttemptAt: isoTime.nullable(),
  lastError: z.string().nullable(),
});
export const outboxQuery = paging.extend({ status: z.enum(['pending', 'sent', 'failed', 'skipped']).optional() });
export const outboxList = z.object({ items: z.array(outboxEntry), nextCursor: z.string().nullable() });
