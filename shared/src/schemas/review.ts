import { z } from 'zod';
import { changeRequestStatus } from './changeRequests.ts';
import { accountSource, accountStatus, cardType, isoTime, paging } from './common.ts';

const yesNo = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

/** 账号变更审核 query panel: 开户银行, 姓名, 身份证号, 银行账号, 申请人姓名, 显示完结. */
export const reviewQuery = paging.extend({
  bankName: z.string().trim().max(64).optional(),
  name: z.string().trim().max(32).optional(),
  idNumber: z.string().trim().max(18).optional(),
  accountNumber: z.string().trim().max(40).optional(),
  applicantName: z.string().trim().max(32).optional(),
  showCompleted: yesNo.default(false),
});
export type ReviewQuery = z.infer<typeof reviewQuery>;

export const reviewListItem = z.object({
  id: z.number().int(),
  source: z.literal('yukuaiban'),
  status: changeRequestStatus,
  applicantName: z.string(),
  appliedAt: isoTime,
  beneficiary: z.object({ name: z.string(), idNumber: z.string() }),
  bankName: z.string(),
  accountNumber: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
});
export const reviewList = z.object({ items: z.array(reviewListItem), total: z.number().int() });

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
  reviewOpinion: z.string().nullable(),
  reviewerName: z.string().nullable(),
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
  updatedAt: isoTime,
});
export const reviewAccountList = z.object({ items: z.array(reviewAccount), total: z.number().int() });

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
export const auditList = z.object({ items: z.array(auditEntry), total: z.number().int() });
