import type { z } from 'zod';
import type { CARD_TYPES } from '../../rules/changeRequest.ts';
import type { MaskedBeneficiary } from '../../schemas/auth.ts';
import type { ChangeRequestStatus } from '../../schemas/changeRequests.ts';
import type { AccountSource, AccountStatus } from '../../schemas/common.ts';
import type { NotificationKind } from '../../schemas/notifications.ts';
import type { auditEntry, validationRun } from '../../schemas/review.ts';

// Display words for the contract's codes, one map each. Types only from the zod schemas, so a front end that
// shows these words does not ship zod (shared has no import-time side effects: package.json sideEffects).
// Every `...Label(code)` shows an unknown code as it came, so a code added to the BFF is never hidden.

type Labels<K extends string> = Readonly<Record<K, string>>;
type AuditEntry = z.output<typeof auditEntry>;
type ValidationRun = z.output<typeof validationRun>;

function labelOf<K extends string>(labels: Labels<K>, code: string | null | undefined, empty = '—'): string {
  if (code === null || code === undefined || code === '') return empty;
  return (labels as Readonly<Record<string, string>>)[code] ?? code;
}

export const GENDER_LABELS: Labels<MaskedBeneficiary['gender']> = { male: '男', female: '女' };
export const genderLabel = (gender: string | null | undefined) => labelOf(GENDER_LABELS, gender);

export const CARD_TYPE_LABELS: Labels<(typeof CARD_TYPES)[number]> = {
  social_security_card: '社会保障卡',
  bank_card: '银行卡',
  passbook: '存折',
};
export const cardTypeLabel = (cardType: string | null | undefined) => labelOf(CARD_TYPE_LABELS, cardType);

/** 来源: 渝快办 (self-service) or 一卡通系统 (counter / bulk import). */
export const ACCOUNT_SOURCE_LABELS: Labels<AccountSource> = { yukuaiban: '渝快办', ykt: '一卡通系统' };
export const accountSourceLabel = (source: string | null | undefined) => labelOf(ACCOUNT_SOURCE_LABELS, source);

export const ACCOUNT_STATUS_LABELS: Labels<AccountStatus> = { valid: '有效', invalid: '无效' };

/** A change request's state as the citizen reads it (the mini-app, the PC pages). */
export const CHANGE_REQUEST_STATUS_LABELS: Labels<ChangeRequestStatus> = {
  pending: '申请中',
  approved: '审核通过',
  rejected: '审核不通过',
  withdrawn: '已撤销',
  failed: '申请失败',
};
export const changeRequestStatusLabel = (status: string | null | undefined) =>
  labelOf(CHANGE_REQUEST_STATUS_LABELS, status);

/** The same states as the caseworker reads them: a pending request is 待审核 there (manual 1.3). */
export const REVIEW_STATUS_LABELS: Labels<ChangeRequestStatus> = { ...CHANGE_REQUEST_STATUS_LABELS, pending: '待审核' };
export const reviewStatusLabel = (status: string | null | undefined) => labelOf(REVIEW_STATUS_LABELS, status);

/** 数据来源 of the review queue: every request there comes from 渝快办. */
export const REQUEST_SOURCE_LABEL = '渝快办-账号变更';

export const NOTIFICATION_KIND_LABELS: Labels<NotificationKind> = {
  crediting_failure: '上卡失败',
  manual_validation: '手动验证',
  scheduled_validation: '定时验证',
  review_approved: '审核通过',
  review_rejected: '审核不通过',
};
/** Kinds added later read as 账户通知 until they get a word of their own. */
export const notificationKindLabel = (kind: string | null | undefined) =>
  (kind && (NOTIFICATION_KIND_LABELS as Readonly<Record<string, string>>)[kind]) || '账户通知';

/** Who acted, in the 操作日志 (the console and the CSV export). */
export const ACTOR_TYPE_LABELS: Labels<AuditEntry['actorType']> = {
  citizen: '享受人',
  caseworker: '经办人',
  system: '系统',
};
export const actorTypeLabel = (actorType: string | null | undefined) => labelOf(ACTOR_TYPE_LABELS, actorType);

/** Audit actions as the BFF writes them (bff/src/services), in words an auditor reads. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.caseworker_login': '经办人登录',
  'auth.caseworker_login_failed': '经办人登录失败',
  'auth.caseworker_login_limited': '登录尝试过多被限制',
  'auth.face_login': '享受人人脸识别登录',
  'auth.qr_login': '享受人扫码登录',
  'auth.logout': '退出登录',
  'auth.logout_all': '退出所有设备',
  'auth.caseworker_login_disabled': '已停用账号尝试登录',
  'change_request.submit': '提交变更申请',
  'change_request.withdraw': '撤销变更申请',
  'change_request.view': '查看变更申请',
  'change_request.approve': '审核通过',
  'change_request.reject': '审核不通过',
  'account.edit': '修改一卡通账号',
  'account.invalidate': '设为无效',
  'validation_run.start': '账户验证开始',
  'validation_run.complete': '账户验证完成',
  'validation_run.fail': '账户验证中断',
  'caseworker.disable': '停用经办人账号',
  'caseworker.enable': '启用经办人账号',
  'settings.review_days': '设置审核时限',
  'payment_batch.receive': '接收发放批次',
};
export const auditActionLabel = (action: string | null | undefined) => labelOf(AUDIT_ACTION_LABELS, action);

export const VALIDATION_RUN_STATUS_LABELS: Labels<ValidationRun['status']> = {
  running: '进行中',
  completed: '已完成',
  failed: '失败',
};
export const validationRunStatusLabel = (status: string | null | undefined) =>
  labelOf(VALIDATION_RUN_STATUS_LABELS, status);
export const VALIDATION_TRIGGER_LABELS: Labels<ValidationRun['trigger']> = { manual: '手动验证', schedule: '定时验证' };
export const validationTriggerLabel = (trigger: string | null | undefined) =>
  labelOf(VALIDATION_TRIGGER_LABELS, trigger);

/** "change_request:13" -> "申请 #13", "account:5" -> "账号 #5": the target of an audit row in words. */
export function auditTargetLabel(target: string | null | undefined): string {
  if (!target) return '—';
  const [kind, id] = target.split(':');
  const words: Readonly<Record<string, string>> = {
    change_request: '申请',
    account: '账号',
    caseworker: '经办人',
    beneficiary: '享受人',
    validation_run: '验证批次',
    district: '区县',
    payment_batch: '发放批次',
  };
  return words[kind] ? `${words[kind]} ${kind === 'district' || kind === 'payment_batch' ? id : `#${id}`}` : target;
}

/** A payment line's result (发放记录). */
export const PAYMENT_STATUS_LABELS: Labels<'paid' | 'failed'> = { paid: '成功', failed: '失败' };
export const paymentStatusLabel = (status: string | null | undefined) => labelOf(PAYMENT_STATUS_LABELS, status);
