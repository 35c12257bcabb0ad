import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  accountMessageFor,
  accountNumberLabel,
  bankMismatchMessage,
  bankWasDetected,
  type ChangeFormState,
  changeFormErrors,
  changeFormMessages,
  changeRequestBodyOf,
  DEFAULT_CARD_TYPE,
  detectedBank,
  editChangeForm,
  networkError,
  newChangeForm,
  recognisedBank,
  submitProblem,
} from '../src/client/index.ts';
import { BANKS } from '../src/reference/index.ts';
import { bankOfAccount } from '../src/rules/index.ts';
import { validCard } from './helpers.ts';

const CRC = '6212583000527313'; // 重庆农村商业银行 (CRCBANK)
const ICBC = '6222023100025814737'; // 中国工商银行

/** Types `number` digit by digit, as a person does. */
function type(state: ChangeFormState, number: string): ChangeFormState {
  let s = state;
  for (let i = 1; i <= number.length; i++) s = editChangeForm(s, { accountNumber: number.slice(0, i) });
  return s;
}

describe('editChangeForm: the bank follows the card number until the person picks one', () => {
  it('fills the bank from the BIN once the number is complete, and says it was detected', () => {
    const s = type(editChangeForm(newChangeForm(), { cardType: 'bank_card' }), CRC);
    expect(s.bankCode).toBe('CRCBANK');
    expect(bankWasDetected(s)).toBe(true);
  });

  it('follows a retyped number to another bank, and clears a bank the number no longer names', () => {
    let s = type(newChangeForm(), CRC);
    s = editChangeForm(s, { accountNumber: ICBC });
    expect(s.bankCode).toBe('ICBC');
    s = editChangeForm(s, { accountNumber: '6222' });
    expect(s.bankCode).toBe('');
    expect(bankWasDetected(s)).toBe(false);
  });

  it('never overwrites a bank the person picked, on any keystroke', () => {
    let s = editChangeForm(newChangeForm(), { bankCode: 'BOC' });
    s = type(s, CRC);
    expect(s.bankCode).toBe('BOC');
    expect(bankWasDetected(s)).toBe(false);
    // The detected bank is still known, for the hint next to it in the choices.
    expect(detectedBank(s)?.code).toBe('CRCBANK');
    // Picking after the number was typed is just as final.
    s = editChangeForm(type(newChangeForm(), CRC), { bankCode: 'ICBC' });
    s = editChangeForm(s, { accountNumber: CRC.slice(0, -1) });
    s = editChangeForm(s, { accountNumber: CRC });
    expect(s.bankCode).toBe('ICBC');
  });

  it('reads no bank from a passbook, and clears a detected one when the card type becomes 存折', () => {
    let s = editChangeForm(newChangeForm(), { cardType: 'passbook' });
    s = type(s, CRC);
    expect(s.bankCode).toBe('');
    expect(detectedBank(s)).toBeUndefined();
    s = editChangeForm(type(newChangeForm(), CRC), { cardType: 'passbook' });
    expect(s.bankCode).toBe('');
    s = editChangeForm(s, { cardType: 'bank_card' });
    expect(s.bankCode).toBe('CRCBANK');
    // A bank picked for a passbook stays.
    s = editChangeForm(editChangeForm(newChangeForm(), { cardType: 'passbook', bankCode: 'CRCBANK' }), {
      accountNumber: '12345678',
    });
    expect(s.bankCode).toBe('CRCBANK');
  });

  it('leaves the other fields alone', () => {
    const s = editChangeForm(newChangeForm('500105'), { reason: '换卡', consent: true });
    expect(s).toMatchObject({ districtCode: '500105', reason: '换卡', consent: true, bankCode: '' });
  });

  it('property: for any card, the bank shown is the BIN bank unless the person picked one', () => {
    fc.assert(
      fc.property(validCard(), fc.option(fc.constantFrom(...BANKS.map((b) => b.code))), ({ number }, picked) => {
        let s = newChangeForm();
        if (picked) s = editChangeForm(s, { bankCode: picked });
        s = type(editChangeForm(s, { cardType: 'bank_card' }), number);
        expect(s.bankCode).toBe(picked ?? bankOfAccount(number)?.code ?? '');
        expect(bankWasDetected(s)).toBe(!picked && s.bankCode !== '');
      }),
    );
  });
});

describe('changeFormErrors and the body sent', () => {
  const filled = {
    ...newChangeForm('500105'),
    cardType: 'bank_card',
    accountNumber: '6212 5830 0052 7313',
    bankCode: 'CRCBANK',
    reason: '  停用旧卡  ',
    consent: true,
  };

  it("uses the shared rules' words, for the person's districts only", () => {
    expect(changeFormErrors(filled, ['500105'])).toEqual({});
    expect(changeFormErrors(filled, ['500000'])).toEqual({ districtCode: '所选区县不在您的使用区县中' });
    expect(changeFormErrors({ ...filled, bankCode: 'ICBC' }, ['500105'])).toEqual({
      accountNumber: '卡号与开户行不符',
    });
    expect(changeFormErrors(newChangeForm(), [])).toMatchObject({
      cardType: '请选择卡类型',
      accountNumber: '请输入银行账号',
      consent: '请阅读并勾选授权说明',
    });
  });

  it('sends the number without spaces and a trimmed reason, none when blank', () => {
    expect(changeRequestBodyOf(filled)).toEqual({
      cardType: 'bank_card',
      accountNumber: '6212583000527313',
      bankCode: 'CRCBANK',
      districtCode: '500105',
      reason: '停用旧卡',
      consent: true,
    });
    expect(changeRequestBodyOf({ ...filled, reason: '   ' })).not.toHaveProperty('reason');
  });
});

describe('submitProblem: the same reading of a failed submission on both forms', () => {
  it('bank down is told by its code, not by the status', () => {
    expect(submitProblem(new ApiError(503, 'BANK_UNAVAILABLE', '银行系统暂时无法连接'))).toEqual({
      kind: 'bankUnavailable',
      message: '银行系统暂时无法连接',
    });
    expect(submitProblem(new ApiError(503, 'BANK_UNAVAILABLE', ''))).toEqual({
      kind: 'bankUnavailable',
      message: '银行系统暂时无法连接，请稍后再试',
    });
    // Another 503 is not the bank.
    expect(submitProblem(new ApiError(503, 'IDENTITY_UNAVAILABLE', '身份平台暂时无法连接'))).toEqual({
      kind: 'other',
      message: '身份平台暂时无法连接',
    });
  });

  it('field messages, a pending request elsewhere, an ended session, no network', () => {
    const fields = new ApiError(400, 'VALIDATION_FAILED', '请按提示修改', { accountNumber: '银行卡号有误', x: 'y' });
    expect(submitProblem(fields)).toEqual({
      kind: 'fields',
      message: '请按提示修改',
      fields: { accountNumber: '银行卡号有误' },
    });
    expect(submitProblem(new ApiError(409, 'REQUEST_IN_PROGRESS', '已有申请'))).toEqual({
      kind: 'inProgress',
      message: '已有申请',
    });
    expect(submitProblem(new ApiError(401, 'UNAUTHENTICATED', '请重新登录'))).toEqual({ kind: 'unauthenticated' });
    expect(submitProblem(networkError())).toEqual({ kind: 'other', message: '网络连接失败，请检查网络后重试' });
    expect(submitProblem(new TypeError('boom'))).toEqual({ kind: 'other', message: '系统繁忙，请稍后再试' });
  });
});

describe('the number field follows the card type', () => {
  const values = (over: Partial<ChangeFormState>) => ({ ...newChangeForm('500105', DEFAULT_CARD_TYPE), ...over });

  it('starts with 社会保障卡, labelled 社保卡号', () => {
    expect(newChangeForm('500105', DEFAULT_CARD_TYPE).cardType).toBe('social_security_card');
    expect(accountNumberLabel('social_security_card')).toBe('社保卡号');
    expect(accountNumberLabel('bank_card')).toBe('银行卡号');
    expect(accountNumberLabel('passbook')).toBe('存折账号');
    expect(accountNumberLabel('')).toBe('卡号或账号');
  });

  it('says the rule’s messages in the words of the label, the BFF’s too', () => {
    const m = (v: Partial<ChangeFormState>) =>
      changeFormMessages(values(v), changeFormErrors(values(v), ['500105'])).accountNumber;
    expect(m({})).toBe('请输入社保卡号');
    expect(m({ accountNumber: '6212583000527314' })).toBe('社保卡号有误，请核对后重新输入');
    expect(m({ cardType: 'bank_card', accountNumber: '621258' })).toBe('银行卡号应为16到19位数字');
    expect(m({ cardType: 'passbook', accountNumber: '12' })).toBe('存折账号应为8到30位数字');
    expect(changeFormMessages(values({}), { accountNumber: '银行卡号有误，请核对后重新输入' })).toEqual({
      accountNumber: '社保卡号有误，请核对后重新输入',
    });
    expect(accountMessageFor('bank_card', '新账号与该区县当前账号相同')).toBe('新账号与该区县当前账号相同');
  });

  it('a number of another bank is said under 开户行, naming the number’s bank', () => {
    const v = values({ cardType: 'bank_card', accountNumber: CRC, bankCode: 'ICBC', bankChosen: true });
    expect(changeFormMessages(v, changeFormErrors(v, ['500105']))).toEqual({
      bankCode: '此银行卡号属于重庆农村商业银行，与所选开户行不符',
      consent: '请阅读并勾选授权说明',
    });
    expect(bankMismatchMessage('social_security_card', '中国工商银行')).toBe(
      '此社保卡号属于中国工商银行，与所选开户行不符',
    );
  });

  it('recognises a bank only for a number that passes the checks', () => {
    expect(recognisedBank({ cardType: 'bank_card', accountNumber: CRC })?.name).toBe('重庆农村商业银行');
    expect(recognisedBank({ cardType: 'bank_card', accountNumber: '6212583000527314' })).toBeUndefined();
    expect(recognisedBank({ cardType: 'bank_card', accountNumber: '621258300052' })).toBeUndefined();
    expect(recognisedBank({ cardType: 'passbook', accountNumber: CRC })).toBeUndefined();
    // The bank field may still follow the BIN of a mistyped number; only the claim waits for a right one.
    expect(editChangeForm(values({ cardType: 'bank_card' }), { accountNumber: '6212583000527314' }).bankCode).toBe(
      'CRCBANK',
    );
  });
});
