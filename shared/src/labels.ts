import type { ChangeRequestStatus } from './schemas/changeRequests.ts';
import type { AccountSource } from './schemas/common.ts';
import type { NotificationKind } from './schemas/notifications.ts';

// Display words for the contract's codes. Kept apart from the zod schemas (types only from there), so a front
// end that needs the words does not ship zod: shared has no import-time side effects (package.json sideEffects).

export const ACCOUNT_SOURCE_LABELS: Record<AccountSource, string> = { yukuaiban: '渝快办', ykt: '一卡通系统' };

export const CHANGE_REQUEST_STATUS_LABELS: Record<ChangeRequestStatus, string> = {
  pending: '申请中',
  approved: '审核通过',
  rejected: '审核不通过',
  withdrawn: '已撤销',
  failed: '申请失败',
};

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  crediting_failure: '上卡失败',
  manual_validation: '手动验证',
  scheduled_validation: '定时验证',
  review_approved: '审核通过',
  review_rejected: '审核不通过',
};

/** A 系统通知's 说明: its kind's one wording, then what happened ('定时验证：该账户已销户，…'). */
export const noticeMessage = (kind: NotificationKind, detail: string) => `${NOTIFICATION_KIND_LABELS[kind]}：${detail}`;

/** What the bank's refusal of an account means for the citizen, in one wording wherever it is said. */
export const ACCOUNT_UNUSABLE_MESSAGES = {
  closed: '该账户已销户，补贴资金无法发放到此账户，请尽快申请变更账号',
  frozen: '该账户已冻结，补贴资金无法发放到此账户，请尽快申请变更账号',
  not_found: '银行查无此账户，补贴资金无法发放，请尽快申请变更账号',
} as const;

/** "…7313": the last 4 digits of a masked number, as the notices and messages name a card. */
export const lastFour = (masked: string) => `…${masked.replace(/\s+/g, '').slice(-4)}`;

export interface ReviewOutcome {
  result: 'approved' | 'rejected';
  districtName: string;
  /** The card the district pays into after the decision. */
  bankName: string;
  accountNumber: string;
  /** Whether that card is valid (a rejected change leaves the old card, which may be the invalid one). */
  accountValid: boolean;
  /** The person's other districts and the card each is paid into. */
  others: { districtName: string; accountNumber: string }[];
  opinion: string | null;
}

/**
 * The 系统通知 of a decision, in plain words, naming what changed and what did not:
 * '您申请的江北区补贴账户变更已审核通过。江北区补贴改发至 重庆农村商业银行 …7313；重庆市仍为 …2465。'
 */
export function reviewOutcomeMessage(o: ReviewOutcome): string {
  const others = o.others.map((x) => `；${x.districtName}仍为 ${lastFour(x.accountNumber)}`).join('');
  const opinion = o.opinion ? `审核意见：${o.opinion}。` : '';
  if (o.result === 'approved') {
    return `您申请的${o.districtName}补贴账户变更已审核通过。${o.districtName}补贴改发至 ${o.bankName} ${lastFour(o.accountNumber)}${others}。${opinion}`;
  }
  const stays = o.accountValid
    ? `${o.districtName}补贴仍发放到原账户 ${o.bankName} ${lastFour(o.accountNumber)}${others}。`
    : `${o.districtName}的原账户 ${lastFour(o.accountNumber)} 为无效卡，补贴暂时无法发放，请重新申请变更。`;
  return `您申请的${o.districtName}补贴账户变更审核不通过。${opinion}${stays}`;
}

/** 操作日志: every action in words, as the console shows it and filters by it. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.face_login': '人脸识别登录',
  'auth.qr_login': '扫码登录电脑端',
  'auth.logout': '退出登录',
  'auth.logout_all': '退出所有设备',
  'auth.caseworker_login': '经办人登录',
  'auth.caseworker_login_failed': '经办人登录失败',
  'auth.caseworker_login_limited': '经办人登录被限制',
  'auth.caseworker_login_disabled': '已停用账号尝试登录',
  'change_request.submit': '提交变更申请',
  'change_request.withdraw': '撤销变更申请',
  'change_request.view': '查看申请详情',
  'change_request.approve': '审核通过',
  'change_request.reject': '审核不通过',
  'account.edit': '柜台变更账号',
  'account.invalidate': '设为无效卡',
  'validation_run.start': '开始账户验证',
  'validation_run.complete': '账户验证完成',
  'validation_run.fail': '账户验证中断',
  'caseworker.disable': '停用经办人账号',
  'caseworker.enable': '启用经办人账号',
  'settings.review_days': '设置审核时限',
  'payment_batch.receive': '接收发放批次',
};

/** An action in words; an action nobody named yet shows as it is stored, so nothing is hidden. */
export const auditActionLabel = (action: string) => AUDIT_ACTION_LABELS[action] ?? action;

/** "change_request:13" -> "申请 #13", "account:5" -> "账号 #5": the target of an audit row in words. */
export function auditTargetLabel(target: string | null): string {
  if (!target) return '—';
  const [kind, id] = target.split(':');
  const words: Record<string, string> = {
    change_request: '申请',
    account: '账号',
    caseworker: '经办人',
    beneficiary: '享受人',
    validation_run: '验证批次',
    district: '区县',
    payment_batch: '发放批次',
  };
  return words[kind] ? `${words[kind]} ${kind === 'district' ? id : `#${id}`}` : target;
}
