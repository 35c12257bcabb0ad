import {
  ACCOUNT_SOURCE_LABELS,
  CARD_TYPE_LABELS,
  CHANGE_REQUEST_STATUS_LABELS,
  formatChongqingTime,
  MUNICIPAL_CODE,
} from '@ykt/shared';

export { ACCOUNT_SOURCE_LABELS, MUNICIPAL_CODE };

/** 数据来源 column of the manual's grid: every request of this queue comes from 渝快办. */
export const REQUEST_SOURCE_LABEL = '渝快办-账号变更';

/**
 * 数据状态 as the caseworker reads it. The citizen sees a pending request as 申请中; on the review side the
 * same state is 待审核 (manual 1.3). The finished states read the same on both sides.
 */
export const REVIEW_STATUS_LABELS: Record<string, string> = { ...CHANGE_REQUEST_STATUS_LABELS, pending: '待审核' };

export function statusLabel(status: string): string {
  return REVIEW_STATUS_LABELS[status] ?? status;
}

const CARD_TYPES: Record<string, string> = CARD_TYPE_LABELS;
export const CARD_TYPE_OPTIONS = Object.entries(CARD_TYPES).map(([value, label]) => ({ value, label }));

export function cardTypeLabel(t: string | null | undefined): string {
  if (!t) return '—';
  return CARD_TYPES[t] ?? t;
}

export function sourceLabel(s: string): string {
  return (ACCOUNT_SOURCE_LABELS as Record<string, string>)[s] ?? s;
}

/** Audit actions as the BFF writes them (bff/src/services), in words an auditor reads; unknown ones are shown as they are. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.caseworker_login': '经办人登录',
  'auth.caseworker_login_failed': '经办人登录失败',
  'auth.caseworker_login_limited': '登录尝试过多被限制',
  'auth.face_login': '享受人人脸识别登录',
  'auth.qr_login': '享受人扫码登录',
  'auth.logout': '退出登录',
  'change_request.submit': '提交变更申请',
  'change_request.withdraw': '撤销变更申请',
  'change_request.view': '查看变更申请',
  'change_request.approve': '审核通过',
  'change_request.reject': '审核不通过',
  'account.edit': '修改一卡通账号',
  'account.invalidate': '设为无效',
  'validation_run.start': '账户验证开始',
  'validation_run.complete': '账户验证完成',
  'validation_run.fail': '账户验证失败',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export const ACTOR_TYPE_LABELS: Record<string, string> = { citizen: '享受人', caseworker: '经办人', system: '系统' };

/** `2026-03-01 14:05:09` (or without seconds), in Chongqing's time, whatever the PC's zone. */
export const formatTime = (iso: string | null | undefined, seconds = true) => formatChongqingTime(iso, { seconds });
