/**
 * The 变更卡 draft kept on the person's own device (Taro storage on the phone, localStorage on the PC), so a session
 * that expires while they type, and the face or QR login that follows, do not make them start over. What is kept, and for how long, is decided here once for both front ends:
 * - at most CHANGE_DRAFT_MAX_AGE_MS (30 minutes) after it was last saved; an older draft is thrown away unread;
 * - never the consent tick: the 授权 is asked again every time;
 * - only for the person who typed it: a draft names its owner by the masked beneficiary the BFF shows (name, ID
 *   number and birth date as masked on the card face), and another person logging in on the same device never
 *   gets it;
 * - the front ends clear it on submit, on logout (and 退出所有设备), and when it is found expired.
 * The draft holds the account number as typed: it stays on the device and is never written to a log.
 */
import type { MaskedBeneficiary } from '../schemas/auth.ts';
import type { ChangeFormState, ChangeFormValues } from './changeForm.ts';

export const CHANGE_DRAFT_MAX_AGE_MS = 30 * 60 * 1000;

/** What a draft restores: every field but the consent, and whether the person picked the bank themselves. */
export type ChangeDraftValues = Omit<ChangeFormValues, 'consent'> & { bankChosen: boolean };

export interface ChangeDraft {
  v: 1;
  /** Epoch ms of the last save. */
  savedAt: number;
  owner: string;
  values: ChangeDraftValues;
}

/** The owner stamp of a draft: the beneficiary as the card face shows them (masked; no full number). */
export function draftOwner(b: Pick<MaskedBeneficiary, 'name' | 'idNumber' | 'birthDate'>): string {
  return [b.name, b.idNumber, b.birthDate].join('|');
}

const TEXT_FIELDS = ['cardType', 'accountNumber', 'bankCode', 'districtCode', 'reason'] as const;

/** Nothing worth keeping: no number and no reason typed (a card type or district alone is one tap away). */
export function isDraftEmpty(values: Pick<ChangeFormValues, 'accountNumber' | 'reason'>): boolean {
  return values.accountNumber.trim() === '' && values.reason.trim() === '';
}

/** The draft to store for this form, or null when there is nothing worth keeping (then remove the stored one). */
export function makeChangeDraft(
  form: ChangeFormValues & Partial<Pick<ChangeFormState, 'bankChosen'>>,
  owner: string,
  now: number,
): ChangeDraft | null {
  if (isDraftEmpty(form) || owner === '') return null;
  return {
    v: 1,
    savedAt: now,
    owner,
    values: {
      cardType: form.cardType,
      accountNumber: form.accountNumber,
      bankCode: form.bankCode,
      districtCode: form.districtCode,
      reason: form.reason,
      bankChosen: form.bankChosen === true,
    },
  };
}

export type DraftReading =
  | { kind: 'none' }
  /** Thrown away: too old, malformed, or another person's. The stored copy should be removed. */
  | { kind: 'discard'; why: 'expired' | 'malformed' | 'otherOwner' }
  | { kind: 'restore'; values: ChangeDraftValues; savedAt: number; ageMinutes: number };

/**
 * What to do with a stored draft (a JSON string, or the parsed value storage gave back) for `owner` at `now`.
 * A draft from the future (the device's clock was set back) counts as expired: its age cannot be known.
 */
export function readChangeDraft(stored: unknown, owner: string, now: number): DraftReading {
  if (stored === null || stored === undefined || stored === '') return { kind: 'none' };
  let d: unknown = stored;
  if (typeof stored === 'string') {
    try {
      d = JSON.parse(stored);
    } catch {
      return { kind: 'discard', why: 'malformed' };
    }
  }
  const draft = d as Partial<ChangeDraft> | null;
  const values = draft?.values as Partial<Record<string, unknown>> | undefined;
  if (
    draft?.v !== 1 ||
    typeof draft.savedAt !== 'number' ||
    !Number.isFinite(draft.savedAt) ||
    typeof draft.owner !== 'string' ||
    !values ||
    TEXT_FIELDS.some((f) => typeof values[f] !== 'string')
  ) {
    return { kind: 'discard', why: 'malformed' };
  }
  const age = now - draft.savedAt;
  if (age < 0 || age > CHANGE_DRAFT_MAX_AGE_MS) return { kind: 'discard', why: 'expired' };
  if (draft.owner !== owner) return { kind: 'discard', why: 'otherOwner' };
  const restored: ChangeDraftValues = {
    cardType: values.cardType as string,
    accountNumber: values.accountNumber as string,
    bankCode: values.bankCode as string,
    districtCode: values.districtCode as string,
    reason: values.reason as string,
    bankChosen: values.bankChosen === true,
  };
  if (isDraftEmpty(restored)) return { kind: 'discard', why: 'malformed' };
  return { kind: 'restore', values: restored, savedAt: draft.savedAt, ageMinutes: Math.floor(age / 60_000) };
}

/** "刚才" / "5分钟前": when the restored draft was last changed, in words. */
export function draftAgeText(ageMinutes: number): string {
  return ageMinutes < 1 ? '刚才' : `${ageMinutes}分钟前`;
}
