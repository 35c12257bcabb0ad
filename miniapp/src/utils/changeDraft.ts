import {
  type ChangeDraftValues,
  type ChangeFormState,
  draftOwner,
  type MaskedBeneficiary,
  makeChangeDraft,
  readChangeDraft,
} from '@ykt/shared';
import { readString, writeString } from './storage';

/** Its key in Taro storage (kept here, not in STORAGE_KEYS, so the login page does not carry it). */
const KEY = 'ykt.changeDraft';

/**
 * The 变更卡 draft in Taro storage (this phone only): saved as the person types, read back when the form opens
 * again after a session expiry and face login. The rules (30 minutes, no consent, only for its owner) are
 * shared/src/client/changeDraft.ts. Nothing here logs: the draft holds the account number as typed.
 */
export function saveDraft(form: ChangeFormState, beneficiary: MaskedBeneficiary): void {
  const draft = makeChangeDraft(form, draftOwner(beneficiary), Date.now());
  writeString(KEY, draft ? JSON.stringify(draft) : '');
}

/** The draft for this person, if one is kept and fresh; anything else stored is removed. */
export function takeDraft(
  beneficiary: MaskedBeneficiary,
): { values: ChangeDraftValues; ageMinutes: number } | undefined {
  const reading = readChangeDraft(readString(KEY), draftOwner(beneficiary), Date.now());
  if (reading.kind === 'discard') clearDraft();
  return reading.kind === 'restore' ? reading : undefined;
}

/** On submit, logout and 退出所有设备. */
export function clearDraft(): void {
  writeString(KEY, '');
}
