/**
 * Basic validation (基本验证) of a change request, shared by the mobile form, the PC form and the
 * BFF so the same mistake gets the same words everywhere. Each checker returns a message in plain
 * Chinese, or undefined when the value is fine. Bank verification (银行验证) is not done here.
 */
import { isKnownBank } from '../reference/banks.ts';
import { ACCOUNT_NUMBER_LENGTHS, bankOfAccount, normalizeAccountNumber } from './accountNumber.ts';
import { luhnValid } from './luhn.ts';

export const CARD_TYPES = ['social_security_card', 'bank_card', 'passbook'] as const;
type CardKind = (typeof CARD_TYPES)[number];

export const REASON_MAX_LENGTH = 200;

export const CHANGE_REQUEST_MESSAGES = {
  cardTypeMissing: '请选择卡类型',
  accountMissing: '请输入银行账号',
  accountNotDigits: '银行账号只能包含数字',
  cardLength: '银行卡号应为16到19位数字',
  cardLeadingZero: '银行卡号不能以0开头，请核对后重新输入',
  cardLuhn: '银行卡号有误，请核对后重新输入',
  passbookLength: '存折账号应为8到30位数字',
  cardBankMismatch: '卡号与开户行不符',
  bankMissing: '请选择开户行',
  bankUnknown: '所选开户行不在可选范围内，请重新选择',
  districtMissing: '请选择区县',
  districtNotOwn: '所选区县不在您的使用区县中',
  reasonTooLong: `变更理由不能超过${REASON_MAX_LENGTH}个字`,
  consentMissing: '请阅读并勾选授权说明',
  sameAsCurrent: '新账号与该区县当前账号相同',
} as const;
const M = CHANGE_REQUEST_MESSAGES;

const isCardType = (v: unknown): v is CardKind => (CARD_TYPES as readonly unknown[]).includes(v);

export function checkCardType(v: unknown): string | undefined {
  return isCardType(v) ? undefined : M.cardTypeMissing;
}

/**
 * Checked in its one normal form (normalizeAccountNumber: spaces, hyphens and full-width digits tolerated).
 * Cards (bank card, social security card) are 16-19 digits with a Luhn check digit and never start with 0 (no
 * card network issues such a number: "0" + a card number would otherwise be another, Luhn-valid card); passbooks
 * are 8-30 digits with no check digit and no BIN, so they are not matched to a bank. With an unknown card type
 * only "present and digits" is checked (the card type gets its own message).
 */
export function checkAccountNumber(cardType: unknown, accountNumber: string, bankCode?: string): string | undefined {
  const s = normalizeAccountNumber(accountNumber);
  if (s === '') return M.accountMissing;
  if (!/^\d+$/.test(s)) return M.accountNotDigits;
  const { card, passbook } = ACCOUNT_NUMBER_LENGTHS;
  if (cardType === 'passbook') {
    return s.length >= passbook.min && s.length <= passbook.max ? undefined : M.passbookLength;
  }
  if (!isCardType(cardType)) return undefined;
  if (s.startsWith('0')) return M.cardLeadingZero;
  if (s.length < card.min || s.length > card.max) return M.cardLength;
  if (!luhnValid(s)) return M.cardLuhn;
  // Only a known BIN can contradict the chosen bank; an unknown BIN is left to bank verification.
  const bank = bankCode ? bankOfAccount(s) : undefined;
  if (bank && bank.code !== bankCode) return M.cardBankMismatch;
  return undefined;
}

export function checkBankCode(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.trim() === '') return M.bankMissing;
  return isKnownBank(v) ? undefined : M.bankUnknown;
}

/** The district must be one of the person's 使用区县 (a change targets an existing account). */
export function checkDistrict(code: unknown, districtCodesOfPerson: readonly string[]): string | undefined {
  if (typeof code !== 'string' || code.trim() === '') return M.districtMissing;
  return districtCodesOfPerson.includes(code) ? undefined : M.districtNotOwn;
}

/** Optional; at most 200 characters (counted as characters people see, not UTF-16 units). */
export function checkReason(v?: string | null): string | undefined {
  if (v == null) return undefined;
  return Array.from(String(v)).length > REASON_MAX_LENGTH ? M.reasonTooLong : undefined;
}

export function checkConsent(v: unknown): string | undefined {
  return v === true ? undefined : M.consentMissing;
}

export interface ChangeRequestDraft {
  cardType: string;
  accountNumber: string;
  bankCode: string;
  districtCode: string;
  reason?: string;
  consent: boolean;
}

export interface ChangeRequestContext {
  /** The person's 使用区县. */
  districtCodes: string[];
  /** District code -> that district's current account number. */
  currentAccountByDistrict: Record<string, string>;
}

/** Every bad field with its message; an empty object when the draft passes basic validation. */
export function checkChangeRequest(draft: ChangeRequestDraft, ctx: ChangeRequestContext): Record<string, string> {
  const errors: Record<string, string> = {};
  const set = (field: keyof ChangeRequestDraft, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  const bankError = checkBankCode(draft.bankCode);
  const districtError = checkDistrict(draft.districtCode, ctx.districtCodes);
  set('cardType', checkCardType(draft.cardType));
  // Compare with the bank only when the bank itself is valid, so one mistake gives one message.
  set('accountNumber', checkAccountNumber(draft.cardType, draft.accountNumber, bankError ? undefined : draft.bankCode));
  set('bankCode', bankError);
  set('districtCode', districtError);
  set('reason', checkReason(draft.reason));
  set('consent', checkConsent(draft.consent));

  if (!errors.accountNumber && !districtError && Object.hasOwn(ctx.currentAccountByDistrict, draft.districtCode)) {
    const current = normalizeAccountNumber(ctx.currentAccountByDistrict[draft.districtCode]);
    if (current === normalizeAccountNumber(draft.accountNumber)) errors.accountNumber = M.sameAsCurrent;
  }
  return errors;
}
