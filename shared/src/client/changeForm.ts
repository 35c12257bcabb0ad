/**
 * How the 变更卡 form behaves, for the mini-app and the PC page alike: what the bank field shows as the person
 * types, which messages the fields carry, what is sent, and what a failed submission means.
 */
import type { Bank } from '../reference/banks.ts';
import { bankOfAccount, normalizeAccountNumber } from '../rules/accountNumber.ts';
import { checkChangeRequest } from '../rules/changeRequest.ts';
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

export function newChangeForm(districtCode = ''): ChangeFormState {
  return {
    cardType: '',
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
