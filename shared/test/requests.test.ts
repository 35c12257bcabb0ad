import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bankProblemAdvice,
  groupRequests,
  lastDigits,
  type RequestEntry,
  requestTimeline,
  reviewDaysText,
} from '../src/client/index.ts';
import type { ChangeRequest } from '../src/schemas/index.ts';

let nextId = 100;
function req(over: Partial<ChangeRequest> = {}): ChangeRequest {
  const id = over.id ?? nextId--;
  return {
    id,
    status: 'failed',
    channel: 'mobile',
    cardType: 'bank_card',
    bankCode: 'CRCBANK',
    bankName: '重庆农村商业银行',
    accountNumber: '6212********0024',
    districtCode: '500101',
    districtName: '万州区',
    reason: null,
    appliedAt: '2026-11-28T07:30:11.000Z',
    verifiedAt: '2026-11-28T07:30:12.000Z',
    finishedAt: '2026-11-28T07:30:12.000Z',
    failureReason: '银行验证未通过：该账户已销户，请换一张本人名下正常使用的银行卡',
    reviewOpinion: null,
    reviewDays: null,
    ...over,
  };
}

const ids = (entries: RequestEntry[]) =>
  entries.map((e) => (e.kind === 'failures' ? e.requests.map((r) => r.id) : e.request.id));

describe('requestTimeline: 提交 → 银行验证 → 审核 → 结果', () => {
  it('pending: submitted and verified, in review for the district’s usual time, no result yet', () => {
    const steps = requestTimeline(req({ status: 'pending', finishedAt: null, failureReason: null, reviewDays: 5 }));
    expect(steps.map((s) => [s.title, s.state, s.note])).toEqual([
      ['提交', 'done', '已提交'],
      ['银行验证', 'done', '通过'],
      ['审核', 'current', '审核中，通常需5个工作日'],
      ['结果', 'todo', '等待审核结果'],
    ]);
    expect(steps[1].at).toBe('2026-11-28T07:30:12.000Z');
  });

  it('failed at the bank: never reviewed', () => {
    expect(requestTimeline(req()).map((s) => [s.title, s.state, s.note])).toEqual([
      ['提交', 'done', '已提交'],
      ['银行验证', 'failed', '未通过'],
      ['审核', 'skipped', '未进入审核'],
      ['结果', 'failed', '申请失败'],
    ]);
  });

  it('approved, rejected and withdrawn end with their result at the time it was finished', () => {
    const finishedAt = '2026-12-01T06:07:00.000Z';
    const approved = requestTimeline(req({ status: 'approved', finishedAt, failureReason: null }));
    expect(approved.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done']);
    expect(approved[3]).toMatchObject({ note: '审核通过', at: finishedAt });
    const rejected = requestTimeline(req({ status: 'rejected', finishedAt, failureReason: null }));
    expect(rejected[3]).toMatchObject({ state: 'failed', note: '审核不通过' });
    const withdrawn = requestTimeline(req({ status: 'withdrawn', finishedAt, failureReason: null }));
    expect(withdrawn.slice(2).map((s) => [s.state, s.note])).toEqual([
      ['skipped', '未审核'],
      ['skipped', '已撤销'],
    ]);
  });

  it('says how long review usually takes', () => {
    expect(reviewDaysText(5)).toBe('审核通常需要5个工作日');
    expect(reviewDaysText(null)).toBe('审核通常需要几个工作日');
  });
});

describe('groupRequests: finished ones one line each, repeated failures of one card together', () => {
  it('groups failures of the same bank and number, where the newest one stands; a single failure stays single', () => {
    const items = [
      req({ id: 9, status: 'pending', failureReason: null, finishedAt: null }),
      req({ id: 8 }),
      req({ id: 7, accountNumber: '6212********0032' }),
      req({ id: 6 }),
      req({ id: 5, status: 'approved', failureReason: null }),
      req({ id: 4 }),
    ];
    const entries = groupRequests(items);
    expect(entries.map((e) => e.kind)).toEqual(['pending', 'failures', 'single', 'single']);
    expect(ids(entries)).toEqual([9, [8, 6, 4], 7, 5]);
  });

  it('the same number at another bank is another card', () => {
    const entries = groupRequests([req({ id: 2 }), req({ id: 1, bankCode: 'ICBC', bankName: '中国工商银行' })]);
    expect(entries.map((e) => e.kind)).toEqual(['single', 'single']);
  });

  it('property: every request appears exactly once, in the list’s order of first appearance', () => {
    const arb = fc.array(
      fc.record({
        status: fc.constantFrom('pending', 'approved', 'rejected', 'withdrawn', 'failed' as const),
        card: fc.constantFrom('0024', '0032', '0040'),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const items = rows.map((r, k) =>
          req({ id: rows.length - k, status: r.status, accountNumber: `6212********${r.card}` }),
        );
        const entries = groupRequests(items);
        const flat = entries.flatMap((e) => (e.kind === 'failures' ? e.requests : [e.request]));
        expect(flat.map((r) => r.id).sort((a, b) => a - b)).toEqual(items.map((r) => r.id).sort((a, b) => a - b));
        // Groups: only failures, two or more, one card, newest first.
        for (const e of entries) {
          if (e.kind !== 'failures') continue;
          expect(e.requests.length).toBeGreaterThan(1);
          expect(new Set(e.requests.map((r) => r.accountNumber)).size).toBe(1);
          expect(e.requests.every((r) => r.status === 'failed')).toBe(true);
          expect(e.requests.map((r) => r.id)).toEqual([...e.requests.map((r) => r.id)].sort((a, b) => b - a));
        }
        // The entries keep the order in which their first (newest) request appears.
        const firsts = entries.map((e) => items.indexOf(e.kind === 'failures' ? e.requests[0] : e.request));
        expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
      }),
    );
  });

  it('names a card by its last four digits', () => {
    expect(lastDigits('6212********0024')).toBe('…0024');
    expect(lastDigits('6212 **** **** 0024')).toBe('…0024');
  });
});

describe('bankProblemAdvice: what to do about the bank’s words', () => {
  it('names the next step for each refusal', () => {
    expect(bankProblemAdvice('上卡失败：该账户已冻结，补贴资金无法发放到此账户')).toBe('该账户已冻结 — 请联系开户银行');
    expect(bankProblemAdvice('账户已销户')).toBe('该账户已销户 — 请换一张本人名下正常使用的卡');
    expect(bankProblemAdvice('户名不符')).toBe('户名或身份证号与开户信息不符 — 请联系开户银行核对');
    expect(bankProblemAdvice('银行查无此账户')).toBe('银行查无此账户 — 请核对号码和开户行');
    expect(bankProblemAdvice('银行退回，该账户状态异常')).toBeUndefined();
    expect(bankProblemAdvice(null)).toBeUndefined();
  });
});
