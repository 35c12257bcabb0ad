import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_TYPE_LABELS, CONSENT_TEXT } from '../src/client/display/index.ts';
import { BANKS, BINS } from '../src/reference/index.ts';
import {
  CARD_TYPES,
  type ChangeRequestDraft,
  checkAccountNumber,
  checkBankCode,
  checkCardType,
  checkChangeRequest,
  checkConsent,
  checkDistrict,
  checkReason,
} from '../src/rules/index.ts';
import { cardNumber, digits, validCard } from './helpers.ts';

const CURRENT = '6228850000000019'; // CRCBANK, used in both districts of the person
const ctx = { districtCodes: ['500105', '500112'], currentAccountByDistrict: { '500105': CURRENT, '500112': CURRENT } };
const good: ChangeRequestDraft = {
  cardType: 'bank_card',
  accountNumber: '6222 0200 0000 0000 018',
  bankCode: 'ICBC',
  districtCode: '500105',
  reason: '原卡已丢失',
  consent: true,
};

describe('labels', () => {
  it('has the three card types and the consent text of the manual', () => {
    expect(CARD_TYPES).toEqual(['social_security_card', 'bank_card', 'passbook']);
    expect(CARD_TYPE_LABELS).toEqual({ social_security_card: '社会保障卡', bank_card: '银行卡', passbook: '存折' });
    expect(CONSENT_TEXT).toBe('是否为本人持有账号且同意对当前账号进行状态查询等验证');
  });
});

describe('field checkers', () => {
  it('card type', () => {
    for (const t of CARD_TYPES) expect(checkCardType(t)).toBeUndefined();
    expect(checkCardType('')).toBe('请选择卡类型');
    expect(checkCardType('credit_card')).toBe('请选择卡类型');
  });

  it('account number of a card', () => {
    expect(checkAccountNumber('bank_card', '')).toBe('请输入银行账号');
    expect(checkAccountNumber('bank_card', '   ')).toBe('请输入银行账号');
    expect(checkAccountNumber('bank_card', '6222 abcd')).toBe('银行账号只能包含数字');
    expect(checkAccountNumber('bank_card', '6222-0200')).toBe('银行卡号应为16到19位数字');
    expect(checkAccountNumber('bank_card', '６２２２０２')).toBe('银行卡号应为16到19位数字');
    expect(checkAccountNumber('bank_card', '６２２２ ０２００ ００００ ００００ ０１８', 'ICBC')).toBeUndefined();
    expect(checkAccountNumber('bank_card', '6222-0200-0000-0000-018', 'ICBC')).toBeUndefined();
    expect(checkAccountNumber('bank_card', '622202000000018')).toBe('银行卡号应为16到19位数字');
    expect(checkAccountNumber('bank_card', '62220200000000000180')).toBe('银行卡号应为16到19位数字');
    expect(checkAccountNumber('bank_card', '6222020000000000019')).toBe('银行卡号有误，请核对后重新输入');
    expect(checkAccountNumber('social_security_card', '6222020000000000019')).toBe('银行卡号有误，请核对后重新输入');
    expect(checkAccountNumber('bank_card', '6222 0200 0000 0000 018')).toBeUndefined();
    expect(checkAccountNumber('bank_card', '6222020000000000018', 'ICBC')).toBeUndefined();
    expect(checkAccountNumber('bank_card', '6222020000000000018', 'CRCBANK')).toBe('卡号与开户行不符');
    // Unknown BIN: nothing to contradict the chosen bank (bank verification decides).
    expect(checkAccountNumber('social_security_card', '1234567890123452', 'CRCBANK')).toBeUndefined();
  });

  it('account number of a card never starts with 0: "0" + a valid card is not another card', () => {
    const card = '6212583000527313'; // CRCBANK, Luhn-valid; "0" + it is Luhn-valid too
    expect(checkAccountNumber('bank_card', card, 'CRCBANK')).toBeUndefined();
    expect(checkAccountNumber('bank_card', `0${card}`, 'CRCBANK')).toBe('银行卡号不能以0开头，请核对后重新输入');
    expect(checkAccountNumber('social_security_card', `0${card}`)).toBe('银行卡号不能以0开头，请核对后重新输入');
    expect(checkAccountNumber('bank_card', `０ ${card}`)).toBe('银行卡号不能以0开头，请核对后重新输入');
    // A passbook number may start with 0 (some rural banks issue such).
    expect(checkAccountNumber('passbook', '0012345678')).toBeUndefined();
  });

  it('property: a card number written any way passes or fails exactly as its one form does', () => {
    const separators = fc.constantFrom('', ' ', '\u3000', '-', '－');
    fc.assert(
      fc.property(
        fc.constantFrom(...CARD_TYPES),
        fc.oneof(
          validCard().map((c) => c.number),
          digits(1, 32),
        ),
        fc.array(fc.tuple(separators, fc.boolean()), { minLength: 32, maxLength: 32 }),
        fc.constantFrom(undefined, ...BANKS.map((b) => b.code)),
        (cardType, n, style, bankCode) => {
          const w = [...n]
            .map((d, i) => style[i][0] + (style[i][1] ? String.fromCharCode(d.charCodeAt(0) + 0xfee0) : d))
            .join('');
          expect(checkAccountNumber(cardType, w, bankCode)).toBe(checkAccountNumber(cardType, n, bankCode));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: cards outside 16-19 digits or with a leading 0 are refused; passbooks outside 8-30 digits', () => {
    fc.assert(
      fc.property(fc.constantFrom('bank_card', 'social_security_card'), digits(1, 40), (cardType, n) => {
        const message = checkAccountNumber(cardType, n);
        if (n.startsWith('0')) expect(message).toBe('银行卡号不能以0开头，请核对后重新输入');
        else if (n.length < 16 || n.length > 19) expect(message).toBe('银行卡号应为16到19位数字');
        else expect(message === undefined || message === '银行卡号有误，请核对后重新输入').toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(digits(1, 40), (n) => {
        const ok = n.length >= 8 && n.length <= 30;
        expect(checkAccountNumber('passbook', n)).toBe(ok ? undefined : '存折账号应为8到30位数字');
      }),
      { numRuns: 1000 },
    );
  });

  it('account number of a passbook: 8-30 digits, no Luhn, no BIN', () => {
    expect(checkAccountNumber('passbook', '1234567')).toBe('存折账号应为8到30位数字');
    expect(checkAccountNumber('passbook', '1'.repeat(31))).toBe('存折账号应为8到30位数字');
    expect(checkAccountNumber('passbook', '12345678')).toBeUndefined();
    expect(checkAccountNumber('passbook', '6222020000000000019', 'CRCBANK')).toBeUndefined();
    expect(checkAccountNumber('passbook', '1234 abc')).toBe('银行账号只能包含数字');
  });

  it('bank, district, reason, consent', () => {
    expect(checkBankCode('')).toBe('请选择开户行');
    expect(checkBankCode(undefined)).toBe('请选择开户行');
    expect(checkBankCode('HSBC')).toBe('所选开户行不在可选范围内，请重新选择');
    expect(checkBankCode('CRCBANK')).toBeUndefined();
    expect(checkDistrict('', ['500105'])).toBe('请选择区县');
    expect(checkDistrict('500101', ['500105'])).toBe('所选区县不在您的使用区县中');
    expect(checkDistrict('500105', ['500105'])).toBeUndefined();
    expect(checkReason()).toBeUndefined();
    expect(checkReason('')).toBeUndefined();
    expect(checkReason('字'.repeat(200))).toBeUndefined();
    expect(checkReason('𠀾'.repeat(200))).toBeUndefined(); // 200 characters, 400 UTF-16 units
    expect(checkReason('字'.repeat(201))).toBe('变更理由不能超过200个字');
    expect(checkConsent(true)).toBeUndefined();
    expect(checkConsent(false)).toBe('请阅读并勾选授权说明');
    expect(checkConsent('true')).toBe('请阅读并勾选授权说明');
  });
});

describe('checkChangeRequest', () => {
  it('accepts a good draft', () => {
    expect(checkChangeRequest(good, ctx)).toEqual({});
    expect(checkChangeRequest({ ...good, reason: undefined }, ctx)).toEqual({});
  });

  it('reports every bad field at once', () => {
    expect(
      checkChangeRequest(
        { cardType: '', accountNumber: '', bankCode: '', districtCode: '', reason: '字'.repeat(201), consent: false },
        ctx,
      ),
    ).toEqual({
      cardType: '请选择卡类型',
      accountNumber: '请输入银行账号',
      bankCode: '请选择开户行',
      districtCode: '请选择区县',
      reason: '变更理由不能超过200个字',
      consent: '请阅读并勾选授权说明',
    });
  });

  it('refuses the account already used in that district, however it is spaced', () => {
    const same = { ...good, accountNumber: '6228 8500 0000 0019', bankCode: 'CRCBANK' };
    expect(checkChangeRequest(same, ctx)).toEqual({ accountNumber: '新账号与该区县当前账号相同' });
    expect(checkChangeRequest({ ...same, districtCode: '500112' }, ctx)).toEqual({
      accountNumber: '新账号与该区县当前账号相同',
    });
    const other = { districtCodes: ['500105'], currentAccountByDistrict: { '500105': '6228850000000027' } };
    expect(checkChangeRequest(same, other)).toEqual({});
  });

  it('gives one message for one mistake: an unknown bank is not also a card/bank mismatch', () => {
    expect(checkChangeRequest({ ...good, bankCode: 'HSBC' }, ctx)).toEqual({
      bankCode: '所选开户行不在可选范围内，请重新选择',
    });
    expect(checkChangeRequest({ ...good, bankCode: 'CCB' }, ctx)).toEqual({ accountNumber: '卡号与开户行不符' });
  });

  it('is not fooled by district codes that are Object keys', () => {
    expect(checkChangeRequest({ ...good, districtCode: 'constructor' }, ctx)).toEqual({
      districtCode: '所选区县不在您的使用区县中',
    });
  });

  // Each field is drawn good or bad; the result must name exactly the bad ones.
  it('property: returns exactly the bad fields', () => {
    const otherBankBin = (bank: string) => fc.constantFrom(...BINS.filter((b) => b.bank !== bank));
    const draft = fc
      .record({
        cardTypeOk: fc.boolean(),
        bankOk: fc.boolean(),
        districtOk: fc.boolean(),
        reasonOk: fc.boolean(),
        consentOk: fc.boolean(),
        accountOk: fc.boolean(),
      })
      .chain((f) =>
        fc.record({
          f: fc.constant(f),
          cardType: f.cardTypeOk ? fc.constantFrom(...CARD_TYPES) : fc.constantFrom('', 'credit_card', 'BANK_CARD'),
          bankCode: f.bankOk ? fc.constantFrom(...BANKS.map((b) => b.code)) : fc.constantFrom('', 'HSBC', 'boc'),
          districtCode: f.districtOk ? fc.constantFrom(...ctx.districtCodes) : fc.constantFrom('', '500101', '999999'),
          reason: f.reasonOk
            ? fc.option(fc.string({ unit: 'binary', maxLength: 200 }), { nil: undefined })
            : fc.string({ unit: 'binary', minLength: 201, maxLength: 260 }),
          consent: fc.constant(f.consentOk),
          fill: digits(30, 30),
          pick: fc.nat(),
        }),
      )
      .chain((d) => {
        const { f } = d;
        const isCard = d.cardType === 'bank_card' || d.cardType === 'social_security_card';
        let account: fc.Arbitrary<string>;
        if (f.accountOk) {
          if (d.cardType === 'passbook') account = digits(8, 30).filter((s) => s !== CURRENT);
          // A card of the chosen bank (or any bank when the bank is bad: no comparison then).
          else
            account = validCard(f.bankOk ? d.bankCode : undefined)
              .map((c) => c.number)
              .filter((s) => s !== CURRENT);
        } else {
          const bad: fc.Arbitrary<string>[] = [fc.constantFrom('', '  ', '6222_0200', 'abc12345678')];
          if (f.districtOk) bad.push(fc.constant(CURRENT.replace(/(\d{4})/g, '$1 ')));
          if (d.cardType === 'passbook') bad.push(digits(1, 7), digits(31, 40));
          if (isCard) {
            bad.push(digits(1, 15), digits(20, 30));
            // What no card network issues: a leading 0 (on a number that would otherwise pass).
            bad.push(validCard().map(({ number }) => `0${number}`));
            // Right length, wrong check digit.
            bad.push(validCard().map(({ number }) => number.slice(0, -1) + String((Number(number.at(-1)) + 1) % 10)));
            if (f.bankOk) bad.push(otherBankBin(d.bankCode).map((entry) => cardNumber(entry, d.fill)));
          }
          account = fc.oneof(...bad);
        }
        return account.map((accountNumber) => ({ d, accountNumber }));
      });

    fc.assert(
      fc.property(draft, ({ d, accountNumber }) => {
        const { f } = d;
        const errors = checkChangeRequest(
          {
            cardType: d.cardType,
            accountNumber,
            bankCode: d.bankCode,
            districtCode: d.districtCode,
            reason: d.reason,
            consent: d.consent,
          },
          ctx,
        );
        const expected = Object.entries({
          cardType: f.cardTypeOk,
          accountNumber: f.accountOk,
          bankCode: f.bankOk,
          districtCode: f.districtOk,
          reason: f.reasonOk,
          consent: f.consentOk,
        })
          .filter(([, ok]) => !ok)
          .map(([k]) => k)
          .sort();
        expect(Object.keys(errors).sort()).toEqual(expected);
        for (const message of Object.values(errors)) expect(message).toMatch(/^[^\s].*[^\s]$/);
      }),
      { numRuns: 3000 },
    );
  });
});
