import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanMessageText,
  formatYuan,
  leaksLongNumber,
  NOTIFY_SIGNATURE,
  NOTIFY_TEMPLATE_IDS,
  NOTIFY_TEMPLATE_LABELS,
  prepareNotifyParams,
  renderNotifyMessage,
} from '../src/notifyTemplates.ts';
import { BANKS, DISTRICTS } from '../src/reference/index.ts';

const text = (template: string, params: unknown) => {
  const r = renderNotifyMessage(template, params);
  if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r.fields)}`);
  return r.text;
};

describe('notification templates', () => {
  it('review approved: the example text the product was given', () => {
    expect(text('review_approved', { district: '500105', bankCode: 'CRCBANK', last4: '7313' })).toBe(
      '【重庆一卡通】您申请的江北区补贴账户变更已审核通过，新账户尾号7313。',
    );
  });

  it('review rejected: district and opinion', () => {
    expect(text('review_rejected', { district: '500242', opinion: '所填银行卡不是本人名下，请核对后重新申请' })).toBe(
      '【重庆一卡通】您申请的酉阳土家族苗族自治县补贴账户变更未通过审核，原因：所填银行卡不是本人名下，请核对后重新申请。' +
        '详情请登录渝快办"一卡通"查看。',
    );
  });

  it('account invalid: one message naming every district the card served', () => {
    expect(
      text('account_invalid', {
        districts: ['500105', '500000', '500105'],
        bankCode: 'CRCBANK',
        last4: '2465',
        reason: '账户已销户',
      }),
    ).toBe(
      '【重庆一卡通】您用于江北区、重庆市补贴的重庆农村商业银行尾号2465账户已成为无效卡（账户已销户），' +
        '补贴将无法发放。请登录渝快办"一卡通"变更账户。',
    );
  });

  it('payment failed: item, period, amount in yuan, account, reason', () => {
    expect(
      text('payment_failed', {
        itemName: '耕地地力保护补贴',
        period: '2026年度',
        amountFen: 123456,
        bankCode: 'CRCBANK',
        last4: '1184',
        reason: '账户已销户',
      }),
    ).toBe(
      '【重庆一卡通】您的耕地地力保护补贴（2026年度）1,234.56元未能发放到重庆农村商业银行尾号1184的账户（账户已销户）。' +
        '请登录渝快办"一卡通"变更账户。',
    );
  });

  it('every template has a label', () => {
    for (const id of NOTIFY_TEMPLATE_IDS) expect(NOTIFY_TEMPLATE_LABELS[id]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses an unknown template, unknown codes, more than 4 digits for last4, extra parameters', () => {
    expect(renderNotifyMessage('welcome', {})).toMatchObject({ ok: false, code: 'UNKNOWN_TEMPLATE' });
    const base = { district: '500105', bankCode: 'CRCBANK', last4: '7313' };
    expect(renderNotifyMessage('review_approved', { ...base, district: '110105' })).toMatchObject({
      ok: false,
      code: 'BAD_PARAMS',
      fields: { district: expect.any(String) },
    });
    expect(renderNotifyMessage('review_approved', { ...base, bankCode: 'NOPE' })).toMatchObject({
      code: 'BAD_PARAMS',
      fields: { bankCode: expect.any(String) },
    });
    expect(renderNotifyMessage('review_approved', { ...base, last4: '6212583000527313' })).toMatchObject({
      code: 'NUMBER_LEAK',
      fields: { last4: expect.any(String) },
    });
    expect(renderNotifyMessage('review_approved', { ...base, last4: '27313' })).toMatchObject({
      code: 'BAD_PARAMS',
      fields: { last4: expect.any(String) },
    });
    expect(renderNotifyMessage('review_approved', { ...base, extra: '多余' })).toMatchObject({ code: 'BAD_PARAMS' });
    expect(renderNotifyMessage('review_approved', { ...base, accountNumber: '6212583000527313' })).toMatchObject({
      code: 'NUMBER_LEAK',
    });
    expect(renderNotifyMessage('review_rejected', { district: '500105', opinion: '   ' })).toMatchObject({
      code: 'BAD_PARAMS',
      fields: { opinion: expect.any(String) },
    });
    expect(
      renderNotifyMessage('payment_failed', {
        itemName: '耕地地力保护补贴',
        period: '2026年度',
        amountFen: 12.5,
        bankCode: 'CRCBANK',
        last4: '1184',
        reason: '账户已销户',
      }),
    ).toMatchObject({ code: 'BAD_PARAMS', fields: { amountFen: expect.any(String) } });
  });

  it('free text keeps only the last 4 digits of a number typed into it, full-width and grouped ones too', () => {
    expect(cleanMessageText('所填账号6212583000527313与身份证500105198003191829不符', 60)).toBe(
      '所填账号尾号7313与身份证尾号1829不符',
    );
    expect(cleanMessageText('卡号 6212 5830 0052 7313 有误', 60)).toBe('卡号 尾号7313 有误');
    expect(cleanMessageText('卡号６２１２５８３０００５２７３１３', 60)).toBe('卡号尾号7313');
    expect(cleanMessageText('【工商银行】请回复', 60)).toBe('工商银行请回复');
    expect(cleanMessageText('一二三四五六七八九十', 5)).toBe('一二三四…');
    const prepared = prepareNotifyParams('review_rejected', {
      district: '500105',
      opinion: ' 账号6212583000527313\n不对 ',
    });
    expect(prepared).toEqual({ ok: true, params: { district: '500105', opinion: '账号尾号7313 不对' } });
    expect(prepared.ok && renderNotifyMessage('review_rejected', prepared.params)).toEqual({
      ok: true,
      text: '【重庆一卡通】您申请的江北区补贴账户变更未通过审核，原因：账号尾号7313 不对。详情请登录渝快办"一卡通"查看。',
    });
  });

  it('the channel refuses a full number in any parameter (NUMBER_LEAK), and free text that was not cleaned', () => {
    expect(renderNotifyMessage('review_rejected', { district: '500105', opinion: '账号6212583000527313不对' })).toEqual(
      {
        ok: false,
        code: 'NUMBER_LEAK',
        fields: { opinion: expect.stringMatching(/后4位/) },
      },
    );
    expect(
      renderNotifyMessage('account_invalid', {
        districts: ['500105'],
        bankCode: 'CRCBANK',
        last4: '2465',
        reason: '户名不符 6212 5830 0018 2465',
      }),
    ).toMatchObject({ code: 'NUMBER_LEAK', fields: { reason: expect.any(String) } });
    expect(
      renderNotifyMessage('review_approved', { district: '500105', bankCode: 'CRCBANK', last4: 62125830 }),
    ).toMatchObject({ code: 'NUMBER_LEAK', fields: { last4: expect.any(String) } });
    expect(renderNotifyMessage('review_rejected', { district: '500105', opinion: '第一行\n第二行' })).toMatchObject({
      code: 'BAD_PARAMS',
      fields: { opinion: expect.any(String) },
    });
    expect(renderNotifyMessage('review_rejected', { district: '500105', opinion: '长'.repeat(61) })).toMatchObject({
      code: 'BAD_PARAMS',
    });
  });

  it('leaksLongNumber: 8+ digits in a row (spaces between them too); dates and amounts are fine', () => {
    expect(leaksLongNumber('尾号12345678')).toBe(true);
    expect(leaksLongNumber('6212 5830 0052 7313')).toBe(true);
    expect(leaksLongNumber('１２３４５６７８')).toBe(true);
    expect(leaksLongNumber('尾号1234567')).toBe(false);
    expect(leaksLongNumber('2026-11-28 12,345,678.90元')).toBe(false);
  });

  it('formatYuan groups thousands and keeps 分', () => {
    expect(formatYuan(1)).toBe('0.01');
    expect(formatYuan(123456)).toBe('1,234.56');
    expect(formatYuan(10_000_000_000)).toBe('100,000,000.00');
  });

  // Property: whatever the caller puts into the parameters, the rendered text carries no 8-digit run and at most
  // 2 SMS segments (134 characters), or the message is refused.
  const freeText = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...'0123456789０１２３４５６７８９ 　【】'),
      fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
    ),
    maxLength: 200,
  });
  const code = fc.constantFrom(...DISTRICTS.map((d) => d.code));
  const bank = fc.constantFrom(...BANKS.map((b) => b.code));
  const last4 = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));
  const cases = fc.oneof(
    fc.record({ t: fc.constant('review_approved'), p: fc.record({ district: code, bankCode: bank, last4 }) }),
    fc.record({ t: fc.constant('review_rejected'), p: fc.record({ district: code, opinion: freeText }) }),
    fc.record({
      t: fc.constant('account_invalid'),
      p: fc.record({
        districts: fc.array(code, { minLength: 1, maxLength: 8 }),
        bankCode: bank,
        last4,
        reason: freeText,
      }),
    }),
    fc.record({
      t: fc.constant('payment_failed'),
      p: fc.record({
        itemName: fc.constantFrom('耕地地力保护补贴', '城乡居民最低生活保障金', '农村部分计划生育家庭奖励扶助金'),
        period: freeText,
        amountFen: fc.integer({ min: 1, max: 10_000_000_000 }),
        bankCode: bank,
        last4,
        reason: freeText,
      }),
    }),
  );

  it('prepared parameters render without 8 digits in a row, signed, within 2 SMS segments for 1-2 districts', () => {
    fc.assert(
      fc.property(cases, ({ t, p }) => {
        const prepared = prepareNotifyParams(t as 'review_approved', p);
        if (!prepared.ok) {
          // Only free text that cleans down to nothing is refused.
          expect(prepared.code).toBe('BAD_PARAMS');
          return;
        }
        const r = renderNotifyMessage(t, prepared.params);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.text.startsWith(NOTIFY_SIGNATURE)).toBe(true);
        expect(/\d{8,}/.test(r.text)).toBe(false);
        expect(leaksLongNumber(r.text)).toBe(false);
        const districts = (p as { districts?: string[] }).districts;
        if (!districts || new Set(districts).size <= 2) expect(Array.from(r.text).length).toBeLessThanOrEqual(134);
      }),
      { numRuns: 2000 },
    );
  });
});
