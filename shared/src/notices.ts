import { NOTIFICATION_KIND_LABELS } from './client/display/labels.ts';
import type { NotificationKind } from './schemas/notifications.ts';

// The words of the 系统通知 the BFF writes: one wording per kind, and the outcome of a decision in plain words.

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
