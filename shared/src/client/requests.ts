/**
 * 事项办理 as the citizen reads it, the same on the phone and the PC: each request's short
 * timeline (提交 → 银行验证 → 审核 → 结果), and the list as entries: the pending request in full, every finished
 * one as one line to open, and repeated failures of the same card as one group.
 */
import type { ChangeRequest } from '../schemas/changeRequests.ts';

export type StepState = 'done' | 'current' | 'todo' | 'failed' | 'skipped';

export interface TimelineStep {
  key: 'submitted' | 'verified' | 'review' | 'result';
  title: '提交' | '银行验证' | '审核' | '结果';
  state: StepState;
  /** When the step happened (ISO), if it did and the time is known. */
  at: string | null;
  /** A word on the step: 通过, 未通过, 通常需5个工作日, 审核通过 … */
  note: string;
}

type TimelineInput = Pick<ChangeRequest, 'status' | 'appliedAt' | 'verifiedAt' | 'finishedAt' | 'reviewDays'>;

/** "审核通常需要5个工作日" (or without a figure when the district's is unknown). */
export function reviewDaysText(reviewDays: number | null | undefined): string {
  return reviewDays ? `审核通常需要${reviewDays}个工作日` : '审核通常需要几个工作日';
}

/** The four steps of a request and where it stands. */
export function requestTimeline(r: TimelineInput): TimelineStep[] {
  const submitted: TimelineStep = { key: 'submitted', title: '提交', state: 'done', at: r.appliedAt, note: '已提交' };
  if (r.status === 'failed') {
    return [
      submitted,
      { key: 'verified', title: '银行验证', state: 'failed', at: r.verifiedAt ?? r.finishedAt, note: '未通过' },
      { key: 'review', title: '审核', state: 'skipped', at: null, note: '未进入审核' },
      { key: 'result', title: '结果', state: 'failed', at: r.finishedAt, note: '申请失败' },
    ];
  }
  const verified: TimelineStep = { key: 'verified', title: '银行验证', state: 'done', at: r.verifiedAt, note: '通过' };
  switch (r.status) {
    case 'pending':
      return [
        submitted,
        verified,
        {
          key: 'review',
          title: '审核',
          state: 'current',
          at: null,
          note: r.reviewDays ? `审核中，通常需${r.reviewDays}个工作日` : '审核中',
        },
        { key: 'result', title: '结果', state: 'todo', at: null, note: '等待审核结果' },
      ];
    case 'withdrawn':
      return [
        submitted,
        verified,
        { key: 'review', title: '审核', state: 'skipped', at: null, note: '未审核' },
        { key: 'result', title: '结果', state: 'skipped', at: r.finishedAt, note: '已撤销' },
      ];
    case 'approved':
    case 'rejected':
      return [
        submitted,
        verified,
        { key: 'review', title: '审核', state: 'done', at: r.finishedAt, note: '已审核' },
        {
          key: 'result',
          title: '结果',
          state: r.status === 'approved' ? 'done' : 'failed',
          at: r.finishedAt,
          note: r.status === 'approved' ? '审核通过' : '审核不通过',
        },
      ];
    default:
      return [submitted];
  }
}

/** One entry of 事项办理. */
export type RequestEntry =
  /** The request under review: shown in full, with 撤销. */
  | { kind: 'pending'; key: string; request: ChangeRequest }
  /** A finished request: one line, opened on a tap. */
  | { kind: 'single'; key: string; request: ChangeRequest }
  /** Two or more failed attempts with the same card (bank and number), newest first: one line, opened on a tap. */
  | { kind: 'failures'; key: string; requests: ChangeRequest[] };

/** The card an attempt was made with: bank and the number as listed (masked: first 4 and last 4 digits). */
const cardOf = (r: Pick<ChangeRequest, 'bankCode' | 'accountNumber'>) =>
  `${r.bankCode}|${r.accountNumber.replace(/\s+/g, '')}`;

/**
 * The list as entries, in the list's order (newest first): a group of failures stands where its newest attempt
 * stands. Works on every page loaded so far, so a group that spans two pages is still one group.
 */
export function groupRequests(items: readonly ChangeRequest[]): RequestEntry[] {
  const failuresByCard = new Map<string, ChangeRequest[]>();
  for (const r of items) {
    if (r.status !== 'failed') continue;
    const k = cardOf(r);
    const list = failuresByCard.get(k) ?? [];
    list.push(r);
    failuresByCard.set(k, list);
  }
  const entries: RequestEntry[] = [];
  const placed = new Set<string>();
  for (const r of items) {
    if (r.status === 'pending') {
      entries.push({ kind: 'pending', key: `r${r.id}`, request: r });
      continue;
    }
    if (r.status === 'failed') {
      const k = cardOf(r);
      const group = failuresByCard.get(k) ?? [r];
      if (group.length > 1) {
        if (placed.has(k)) continue;
        placed.add(k);
        entries.push({ kind: 'failures', key: `f${group[0].id}`, requests: group });
        continue;
      }
    }
    entries.push({ kind: 'single', key: `r${r.id}`, request: r });
  }
  return entries;
}

/** "…7313": the last four digits of a (masked) number, as a one-line summary names a card. */
export function lastDigits(accountNumber: string): string {
  return `…${accountNumber.replace(/\s+/g, '').slice(-4)}`;
}

/**
 * What to do next about a bank's words on an account (an invalid card's reason, a failed payment's reason), when
 * the words alone do not say it: '该账户已冻结 — 请联系开户银行'. Undefined when there is nothing specific to add.
 */
export function bankProblemAdvice(text: string | null | undefined): string | undefined {
  const t = text ?? '';
  if (t.includes('冻结')) return '该账户已冻结 — 请联系开户银行';
  if (t.includes('销户')) return '该账户已销户 — 请换一张本人名下正常使用的卡';
  if (t.includes('户名') || t.includes('不符')) return '户名或身份证号与开户信息不符 — 请联系开户银行核对';
  if (t.includes('不存在') || t.includes('查无')) return '银行查无此账户 — 请核对号码和开户行';
  return undefined;
}
