/**
 * How the 变更卡 form behaves, for the mini-app and the PC page alike: what the bank field shows as the person
 * types, which messages the fields carry, what is sent, and what a failed submission means.
 */
import type { Bank } from '../reference/banks.ts';
import { bankOfAccount, normalizeAccountNumber } from '../rules/accountNumber.ts';
import { CHANGE_REQUEST_MESSAGES, checkAccountNumber, checkChangeRequest } from '../rules/changeRequest.ts';
import type { ChangeRequestBody } from '../schemas/changeRequests.ts';
import { BANK_UNAVAILABLE_TEXT } from './display/texts.ts';
import { ApiError, errorMessage } from './errors.ts';

export interface ChangeFormValues {
  cardType: string;
  accountNumber: string;
  bankCode: string;
  districtCode: string;
  reason: string;
  consent: boolean;
}
export type ChangeFormField = keyof ChangeFormValues;
export const CHANGE_FORM_FIELDS: readonly ChangeFormField[] = [
  'cardType',
  'accountNumber',
  'bankCode',
  'districtCode',
  'reason',
  'consent',
];

export interface ChangeFormState extends ChangeFormValues {
  /** The person picked the bank themselves: from then on the card number never changes it. */
  bankChosen: boolean;
}

/**
 * The card type a new form starts with: 社会保障卡. It is the kind most people have (every insured resident holds
 * one, and in Chongqing it carries a bank account), and the 惠民惠农 一卡通 policy names it the preferred carrier
 * of subsidy payments; the person taps 银行卡 or 存折 when theirs is another kind.
 */
export const DEFAULT_CARD_TYPE = 'social_security_card';

export function newChangeForm(districtCode = '', cardType = ''): ChangeFormState {
  return {
    cardType,
    accountNumber: '',
    bankCode: '',
    districtCode,
    reason: '',
    consent: false,
    bankChosen: false,
  };
}

/**
 * The bank a card number's BIN names. Passbooks have no BIN (their numbers are the bank's own), so none is
 * read from them, whatever the digits look like.
 */
export function bankFromNumber({ cardType, accountNumber }: Pick<ChangeFormValues, 'cardType' | 'accountNumber'>) {
  return cardType === 'passbook' ? undefined : bankOfAccount(accountNumber);
}

/**
 * The form after the person changed the fields in `edit`. Picking a bank is final; until then the bank follows
 * the card number: the BIN's bank, or nothing when the number (or a passbook) names none.
 */
export function editChangeForm(state: ChangeFormState, edit: Partial<ChangeFormValues>): ChangeFormState {
  const next = { ...state, ...edit };
  if (edit.bankCode !== undefined) return { ...next, bankChosen: edit.bankCode !== '' };
  if (next.bankChosen) return next;
  return { ...next, bankCode: bankFromNumber(next)?.code ?? '' };
}

/** The bank shown was read from the card number (worth saying so, and that it can be changed). */
export function bankWasDetected(state: ChangeFormState): boolean {
  return !state.bankChosen && state.bankCode !== '';
}

/** The detected bank, for hints next to the bank choices (also once the person picked another). */
export function detectedBank(state: ChangeFormValues): Bank | undefined {
  return bankFromNumber(state);
}

/**
 * Each field's message under the shared rules (the BFF's words), for the person's own districts. That the new
 * number differs from the current one is left to the BFF: the form only knows masked numbers.
 */
export function changeFormErrors(
  values: ChangeFormValues,
  districtCodes: readonly string[],
): Partial<Record<ChangeFormField, string>> {
  return checkChangeRequest(values, { districtCodes: [...districtCodes], currentAccountByDistrict: {} });
}

/** The body to send: the number without spaces, the reason trimmed (left out when blank). */
export function changeRequestBodyOf(values: ChangeFormValues): ChangeRequestBody {
  const reason = values.reason.trim();
  return {
    cardType: values.cardType,
    accountNumber: normalizeAccountNumber(values.accountNumber),
    bankCode: values.bankCode,
    districtCode: values.districtCode,
    ...(reason ? { reason } : {}),
    consent: values.consent,
  };
}

/** Why a submission did not go through, and what the form does about it. */
export type SubmitProblem =
  /** 400 with field messages: show them on the fields. */
  | { kind: 'fields'; message: string; fields: Partial<Record<ChangeFormField, string>> }
  /** 503 BANK_UNAVAILABLE: nothing was recorded; keep everything and let the person submit again later. */
  | { kind: 'bankUnavailable'; message: string }
  /** 409 REQUEST_IN_PROGRESS: another request is pending (made elsewhere, or a moment ago). */
  | { kind: 'inProgress'; message: string }
  /** 401: the session is over; the API client is already taking the person to log in. */
  | { kind: 'unauthenticated' }
  | { kind: 'other'; message: string };

export function submitProblem(e: unknown): SubmitProblem {
  if (!(e instanceof ApiError)) return { kind: 'other', message: errorMessage(e) };
  if (e.code === 'BANK_UNAVAILABLE') return { kind: 'bankUnavailable', message: e.message || BANK_UNAVAILABLE_TEXT };
  if (e.status === 401) return { kind: 'unauthenticated' };
  if (e.code === 'REQUEST_IN_PROGRESS') return { kind: 'inProgress', message: e.message };
  const fields: Partial<Record<ChangeFormField, string>> = {};
  for (const f of CHANGE_FORM_FIELDS) if (e.fields[f]) fields[f] = e.fields[f];
  if (Object.keys(fields).length > 0) return { kind: 'fields', message: e.message, fields };
  return { kind: 'other', message: e.message };
}

/**
 * What the number field is called for the chosen card type: 社保卡号, 银行卡号 or 存折账号 (卡号或账号 before a
 * type is chosen). The field's label, placeholder and messages all use it.
 */
export function accountNumberLabel(cardType: string): string {
  switch (cardType) {
    case 'social_security_card':
      return '社保卡号';
    case 'bank_card':
      return '银行卡号';
    case 'passbook':
      return '存折账号';
    default:
      return '卡号或账号';
  }
}

const M = CHANGE_REQUEST_MESSAGES;

/**
 * A message about the number (the shared rule's, or the BFF's with the same words) in the words of the field as
 * it is labelled: "请输入社保卡号", "社保卡号有误，请核对后重新输入". Other messages are returned as they are.
 */
export function accountMessageFor(cardType: string, message: string): string {
  const label = accountNumberLabel(cardType);
  switch (message) {
    case M.accountMissing:
      return `请输入${label}`;
    case M.accountNotDigits:
      return `${label}只能包含数字`;
    case M.cardLength:
      return `${label}应为16到19位数字`;
    case M.cardLuhn:
      return `${label}有误，请核对后重新输入`;
    default:
      return message;
  }
}

/** Said under 开户行 when the number belongs to another bank than the one chosen: names the number's bank. */
export function bankMismatchMessage(cardType: string, detectedBankName: string): string {
  return `此${accountNumberLabel(cardType)}属于${detectedBankName}，与所选开户行不符`;
}

/**
 * The bank a number was recognised as: only for a number that passes the checks of its card type (length, check
 * digit), so "已识别为…" is never said about a number that is wrong.
 */
export function recognisedBank(values: Pick<ChangeFormValues, 'cardType' | 'accountNumber'>): Bank | undefined {
  if (checkAccountNumber(values.cardType, values.accountNumber) !== undefined) return undefined;
  return bankFromNumber(values);
}

/**
 * Each field's message as the form shows it: the shared rules (changeFormErrors) in the words of the field's label,
 * and a number that belongs to another bank said under 开户行, naming that bank (not under the number, which is
 * right). `fields` from the BFF (submitProblem) are read the same way.
 */
export function changeFormMessages(
  values: ChangeFormValues,
  errors: Partial<Record<ChangeFormField, string>>,
): Partial<Record<ChangeFormField, string>> {
  const out: Partial<Record<ChangeFormField, string>> = { ...errors };
  if (out.accountNumber === M.cardBankMismatch) {
    delete out.accountNumber;
    const detected = bankFromNumber(values);
    out.bankCode ??= detected ? bankMismatchMessage(values.cardType, detected.name) : M.cardBankMismatch;
  } else if (out.accountNumber) {
    out.accountNumber = accountMessageFor(values.cardType, out.accountNumber);
  }
  return out;
}
