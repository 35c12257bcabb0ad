import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANGE_DRAFT_MAX_AGE_MS,
  type ChangeFormState,
  draftAgeText,
  draftOwner,
  editChangeForm,
  makeChangeDraft,
  newChangeForm,
  readChangeDraft,
} from '../src/client/index.ts';

const TAN = draftOwner({ name: '*梅', idNumber: '**************1829', birthDate: '1980-**-**' });
const OTHER = draftOwner({ name: '*梅', idNumber: '**************4420', birthDate: '1980-**-**' });
const T0 = Date.UTC(2026, 11, 1, 6, 0, 0);

const typed: ChangeFormState = {
  ...editChangeForm(newChangeForm('500105', 'bank_card'), { accountNumber: '6212583000527313' }),
  reason: '停用旧卡',
  consent: true,
};

/** As the front ends store it: JSON in device storage. */
const stored = (form: ChangeFormState, owner = TAN, at = T0) => JSON.stringify(makeChangeDraft(form, owner, at));

describe('the 变更卡 draft kept on the device', () => {
  it('restores every field but the consent tick, which is asked again', () => {
    const r = readChangeDraft(stored(typed), TAN, T0 + 5 * 60_000);
    expect(r).toEqual({
      kind: 'restore',
      savedAt: T0,
      ageMinutes: 5,
      values: {
        cardType: 'bank_card',
        accountNumber: '6212583000527313',
        bankCode: 'CRCBANK',
        districtCode: '500105',
        reason: '停用旧卡',
        bankChosen: false,
      },
    });
    expect(JSON.parse(stored(typed))).not.toHaveProperty('values.consent');
    expect(stored(typed)).not.toContain('consent');
  });

  it('keeps it for 30 minutes at most: at 30:00 it is restored, a moment later thrown away', () => {
    expect(readChangeDraft(stored(typed), TAN, T0 + CHANGE_DRAFT_MAX_AGE_MS).kind).toBe('restore');
    expect(readChangeDraft(stored(typed), TAN, T0 + CHANGE_DRAFT_MAX_AGE_MS + 1)).toEqual({
      kind: 'discard',
      why: 'expired',
    });
    // A clock set back: the age cannot be known, so it is not trusted.
    expect(readChangeDraft(stored(typed), TAN, T0 - 1)).toEqual({ kind: 'discard', why: 'expired' });
  });

  it('property: restored exactly when 0 <= age <= 30 min and the owner is the same person', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -CHANGE_DRAFT_MAX_AGE_MS, max: 3 * CHANGE_DRAFT_MAX_AGE_MS }),
        fc.boolean(),
        (age, same) => {
          const r = readChangeDraft(stored(typed), same ? TAN : OTHER, T0 + age);
          expect(r.kind === 'restore').toBe(same && age >= 0 && age <= CHANGE_DRAFT_MAX_AGE_MS);
        },
      ),
    );
  });

  it('is never given to another person logging in on the same device', () => {
    expect(readChangeDraft(stored(typed), OTHER, T0 + 60_000)).toEqual({ kind: 'discard', why: 'otherOwner' });
  });

  it('keeps nothing when nothing was typed, and no draft without an owner', () => {
    expect(makeChangeDraft(newChangeForm('500105', 'social_security_card'), TAN, T0)).toBeNull();
    expect(makeChangeDraft(typed, '', T0)).toBeNull();
    expect(readChangeDraft(null, TAN, T0)).toEqual({ kind: 'none' });
    expect(readChangeDraft('', TAN, T0)).toEqual({ kind: 'none' });
  });

  it('throws away what it cannot read (another version, a damaged value)', () => {
    expect(readChangeDraft('{not json', TAN, T0)).toEqual({ kind: 'discard', why: 'malformed' });
    expect(readChangeDraft(JSON.stringify({ v: 2, savedAt: T0, owner: TAN, values: {} }), TAN, T0).kind).toBe(
      'discard',
    );
    const draft = makeChangeDraft(typed, TAN, T0);
    expect(readChangeDraft({ ...draft, values: { ...draft?.values, accountNumber: 42 } }, TAN, T0)).toEqual({
      kind: 'discard',
      why: 'malformed',
    });
    // Storage that hands back the parsed object works as well as the JSON string.
    expect(readChangeDraft(draft, TAN, T0).kind).toBe('restore');
  });

  it('remembers a bank the person picked, so the number does not change it after restoring', () => {
    const picked = editChangeForm(typed, { bankCode: 'ICBC' });
    const r = readChangeDraft(stored(picked), TAN, T0);
    expect(r.kind === 'restore' && r.values).toMatchObject({ bankCode: 'ICBC', bankChosen: true });
  });

  it('says its age in words', () => {
    expect(draftAgeText(0)).toBe('刚才');
    expect(draftAgeText(12)).toBe('12分钟前');
  });
});
