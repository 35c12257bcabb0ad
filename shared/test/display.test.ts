import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as display from '../src/client/display/index.ts';
import { maskAccountNumber } from '../src/rules/index.ts';
import { changeRequestStatus } from '../src/schemas/index.ts';

const {
  ACTOR_TYPE_LABELS,
  actorTypeLabel,
  auditActionLabel,
  CHANGE_REQUEST_STATUS_LABELS,
  cardTypeLabel,
  changeRequestStatusLabel,
  displayAccount,
  districtBracketed,
  districtLabel,
  districtNames,
  districtWithCode,
  districtWithCodeInParens,
  formatMoney,
  formatTime,
  genderLabel,
  NO_ACCOUNT_LINES,
  NO_ACCOUNT_TEXT,
  notificationKindLabel,
  paymentStatusLabel,
  REVIEW_STATUS_LABELS,
  reviewStatusLabel,
  sortDistricts,
} = display;

import { digits } from './helpers.ts';

describe('displayAccount: one grouping rule for every front end', () => {
  it('masked numbers read like a bank app, whatever their length', () => {
    expect(displayAccount('6212********2465')).toBe('6212 **** **** 2465'); // 16 digits
    expect(displayAccount('6222***********4737')).toBe('6222 **** **** 4737'); // 19 digits: same shape
    expect(displayAccount('6222 **** **** *** 4737')).toBe('6222 **** **** 4737'); // spaces do not matter
  });

  it('full numbers in groups of four', () => {
    expect(displayAccount('6212583000527313')).toBe('6212 5830 0052 7313');
    expect(displayAccount('6222023100025814737')).toBe('6222 0231 0002 5814 737');
    expect(displayAccount(' 6212 5830 ')).toBe('6212 5830');
    expect(displayAccount('')).toBe('');
    expect(displayAccount(null)).toBe('');
  });

  it('short masks (only the last 4 kept) are grouped as they are', () => {
    expect(displayAccount('****5678')).toBe('**** 5678');
  });

  it('property: a masked card number shows exactly its first and last four digits', () => {
    fc.assert(
      fc.property(digits(9, 30), (n) => {
        const shown = displayAccount(maskAccountNumber(n));
        expect(shown).toBe(`${n.slice(0, 4)} **** **** ${n.slice(-4)}`);
      }),
    );
  });

  it('property: a full number keeps its digits in order, at most four to a group', () => {
    fc.assert(
      fc.property(digits(1, 30), (n) => {
        const shown = displayAccount(n);
        expect(shown.replace(/ /g, '')).toBe(n);
        for (const g of shown.split(' ')) expect(g.length).toBeLessThanOrEqual(4);
      }),
    );
  });
});

describe('district labels', () => {
  const jiangbei = { code: '500105', name: '江北区' };
  const liangjiang = { code: '500190', name: '两江新区' };

  it('keep the official code apart from the name', () => {
    expect(districtLabel(jiangbei)).toEqual({ name: '江北区', code: '500105' });
    expect(districtLabel({ code: '500000', name: '重庆市' })).toEqual({ name: '重庆市', code: '500000' });
  });

  it("never print the product's own codes (500190-500192) as official ones", () => {
    for (const code of ['500190', '500191', '500192']) {
      const d = { code, name: 'x' };
      expect(districtLabel(d)).toEqual({ name: 'x' });
      expect(districtBracketed(d)).toBe('x');
      expect(districtWithCode(d)).toBe('x');
      expect(districtWithCodeInParens(d)).toBe('x');
    }
    expect(districtBracketed(liangjiang)).toBe('两江新区');
  });

  it('read as the manual prints them', () => {
    expect(districtBracketed(jiangbei)).toBe('[500105] 江北区');
    expect(districtWithCode(jiangbei)).toBe('江北区500105');
    expect(districtWithCodeInParens(jiangbei)).toBe('江北区（500105）');
  });

  it('sort the person’s own districts first, the municipal level last', () => {
    const sorted = sortDistricts([{ code: '500000', name: '重庆市' }, { code: '500112', name: '渝北区' }, jiangbei]);
    expect(sorted.map((d) => d.code)).toEqual(['500105', '500112', '500000']);
  });
});

describe('formatTime', () => {
  it("is Chongqing's time, with or without seconds", () => {
    expect(formatTime('2023-07-17T06:59:20Z')).toBe('2023-07-17 14:59:20');
    expect(formatTime('2023-07-17T06:59:20Z', { seconds: false })).toBe('2023-07-17 14:59');
    expect(formatTime(null)).toBe('—');
  });
});

describe('labels', () => {
  // [what is shown, for which code, the words]
  const cases: Array<[(code: string | null) => string, string | null, string]> = [
    [genderLabel, 'female', '女'],
    [genderLabel, 'male', '男'],
    [cardTypeLabel, 'social_security_card', '社会保障卡'],
    [cardTypeLabel, 'bank_card', '银行卡'],
    [cardTypeLabel, 'passbook', '存折'],
    [cardTypeLabel, null, '—'],
    [actorTypeLabel, 'caseworker', '经办人'],
    [changeRequestStatusLabel, 'pending', '申请中'],
    [reviewStatusLabel, 'pending', '待审核'],
    [auditActionLabel, 'change_request.approve', '审核通过'],
    // Unknown codes are shown as they came (never an empty cell); a new kind of notice is an 账户通知.
    [cardTypeLabel, 'credit_card', 'credit_card'],
    [actorTypeLabel, 'robot', 'robot'],
    [auditActionLabel, 'payment.create', 'payment.create'],
    [notificationKindLabel, 'something_new', '账户通知'],
  ];
  it.each(cases)('%o(%s) is %s', (label, code, words) => {
    expect(label(code)).toBe(words);
  });

  it('names the three kinds of actor of the 操作日志', () => {
    expect(ACTOR_TYPE_LABELS).toEqual({ citizen: '享受人', caseworker: '经办人', system: '系统' });
  });

  it('a pending request is 申请中 to the citizen and 待审核 to the caseworker; the rest read the same', () => {
    for (const s of changeRequestStatus.options.filter((x) => x !== 'pending'))
      expect(REVIEW_STATUS_LABELS[s]).toBe(CHANGE_REQUEST_STATUS_LABELS[s]);
  });

  it('"尚未绑定" is one sentence, with the product\'s quotation marks', () => {
    expect(NO_ACCOUNT_TEXT).toBe('您尚未绑定“一卡通”账号，请联系所在村社/镇（乡）街道申报账号信息');
    expect(NO_ACCOUNT_LINES.join('')).toBe(NO_ACCOUNT_TEXT);
  });
});

describe('formatMoney (integer 分)', () => {
  it('examples', () => {
    expect(formatMoney(0)).toBe('¥0.00');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(100)).toBe('¥1.00');
    expect(formatMoney(123456)).toBe('¥1,234.56');
    expect(formatMoney(100000000)).toBe('¥1,000,000.00');
    expect(formatMoney(-123456)).toBe('-¥1,234.56');
  });

  it('refuses anything but whole 分', () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoney(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });

  it('property: reading the text back gives the same 分', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (fen) => {
        const shown = formatMoney(fen);
        expect(shown).toMatch(/^-?¥\d{1,3}(,\d{3})*\.\d{2}$/);
        const back = BigInt(shown.replace(/[¥,.]/g, ''));
        expect(back).toBe(BigInt(fen));
      }),
    );
  });
});

describe('districtNames and payment words', () => {
  it('names a card’s districts, the person’s own first, 重庆市 last', () => {
    expect(
      districtNames([
        { code: '500000', name: '重庆市' },
        { code: '500105', name: '江北区' },
      ]),
    ).toBe('江北区、重庆市');
    expect(districtNames([])).toBe('');
  });
  it('says 成功 / 失败 for a payment line', () => {
    expect(paymentStatusLabel('paid')).toBe('成功');
    expect(paymentStatusLabel('failed')).toBe('失败');
  });
});
