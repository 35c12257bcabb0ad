import Taro from '@tarojs/taro';
import {
  type ChangeFormField,
  type ChangeFormValues,
  type ChangeRequest,
  changeFormErrors,
  changeFormMessages,
  changeRequestBodyOf,
  citizenEndpoints as citizen,
  DEFAULT_CARD_TYPE,
  draftAgeText,
  editChangeForm,
  type MyCard,
  newChangeForm,
  sortDistricts,
  submitProblem,
} from '@ykt/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../../../api/client';
import { clearDraft, saveDraft, takeDraft } from '../../../utils/changeDraft';

export type FormError = { text: string; code?: 'BANK_UNAVAILABLE' | 'REQUEST_IN_PROGRESS' };

const scrollTop = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);

/**
 * The 变更卡 form's state, kept by the page so it outlives the outcome view (修改后重新提交 brings it back as it
 * was). Its behaviour is the shared one: editChangeForm (the bank follows the card number until the person
 * picks one), changeFormErrors in the field's words (changeFormMessages), submitProblem (what a failed submission
 * means). Two quick taps make one request; the bank being down keeps everything typed. What is typed is also kept
 * on this phone (utils/changeDraft: 30 minutes, no consent tick), so a session that expires meanwhile and the face
 * login after it do not lose it; it is dropped on submit.
 */
export function useChangeForm({
  card,
  district,
  onSubmitted,
}: {
  card: MyCard | undefined;
  /** The district of the card the person came from, if it has only one. */
  district?: string;
  onSubmitted: (request: ChangeRequest) => void;
}) {
  const districts = useMemo(() => {
    const seen = new Map<string, string>();
    for (const c of card?.cards ?? []) for (const d of c.districts) seen.set(d.code, d.name);
    return sortDistricts([...seen].map(([code, name]) => ({ code, name })));
  }, [card]);
  const districtCodes = useMemo(() => districts.map((d) => d.code), [districts]);

  const [form, setForm] = useState(() => newChangeForm(district ?? '', DEFAULT_CARD_TYPE));
  // Only one district: nothing to choose.
  useEffect(() => {
    if (districtCodes.length === 1) setForm((f) => (f.districtCode ? f : { ...f, districtCode: districtCodes[0] }));
  }, [districtCodes]);

  // Once the person is known: what they typed before a session expiry comes back (not the consent tick).
  const beneficiary = card?.beneficiary;
  const [restored, setRestored] = useState<string | null>(null);
  const draftChecked = useRef(false);
  const justRestored = useRef(false);
  useEffect(() => {
    if (!beneficiary || draftChecked.current) return;
    draftChecked.current = true;
    const draft = takeDraft(beneficiary);
    if (!draft) return;
    justRestored.current = true; // not saved again as is: the 30 minutes run from when it was typed
    setForm((f) => ({ ...f, ...draft.values, consent: false }));
    setRestored(`已恢复您${draftAgeText(draft.ageMinutes)}填写的内容，请核对，并重新勾选授权说明。`);
  }, [beneficiary]);
  // Kept as it changes (after the check above, so an empty form never overwrites a draft not yet read).
  useEffect(() => {
    if (!beneficiary || !draftChecked.current) return;
    if (justRestored.current) justRestored.current = false;
    else saveDraft(form, beneficiary);
  }, [form, beneficiary]);
  const [touched, setTouched] = useState<Partial<Record<ChangeFormField, boolean>>>({});
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<ChangeFormField, string>>>({});
  const [formError, setFormError] = useState<FormError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const submittingRef = useRef(false);

  const errors = changeFormMessages(form, changeFormErrors(form, districtCodes));

  /** A field shows its message once it was left, once a full-length number is typed, or after 提交. */
  function shown(f: ChangeFormField): string | undefined {
    if (serverErrors[f]) return serverErrors[f];
    const account = form.accountNumber;
    const live = f === 'accountNumber' && (account.length >= 16 || /\D/.test(account));
    return attempted || touched[f] || live ? errors[f] : undefined;
  }

  function edit(changes: Partial<ChangeFormValues>, touch?: ChangeFormField) {
    setForm((s) => editChangeForm(s, changes));
    // A field the person changes loses the server's message; the number also takes the bank's along.
    const cleared = Object.keys(changes) as ChangeFormField[];
    if ('accountNumber' in changes) cleared.push('bankCode');
    setServerErrors((s) => ({ ...s, ...Object.fromEntries(cleared.map((f) => [f, undefined])) }));
    setFormError(null);
    if (touch) setTouched((t) => ({ ...t, [touch]: true }));
  }

  const touch = (f: ChangeFormField) => setTouched((t) => ({ ...t, [f]: true }));

  async function submit() {
    if (submittingRef.current) return; // tapped twice: still one request
    setAttempted(true);
    setFormError(null);
    const bad = (Object.keys(errors) as ChangeFormField[]).filter((f) => errors[f]);
    if (bad.length > 0) {
      setFormError({ text: '请按提示修改后再提交' });
      // At once, not animated: Taro's H5 animation moves the page in timer steps, and a tap meanwhile lands on
      // whatever has moved under the finger (a browser journey lost its consent tick that way).
      void Taro.pageScrollTo({ selector: `#field-${bad[0]}`, duration: 0 }).catch(() => undefined);
      return;
    }
    submittingRef.current = true;
    setSubmitting(true);
    try {
      const request = await call(citizen.submitChange, { body: changeRequestBodyOf(form) });
      clearDraft();
      setRestored(null);
      onSubmitted(request);
      scrollTop();
    } catch (e) {
      const problem = submitProblem(e);
      if (problem.kind === 'unauthenticated') return; // the client is taking the person to face login
      if (problem.kind === 'fields') {
        setServerErrors(changeFormMessages(form, problem.fields));
        setFormError({ text: problem.message || '请按提示修改后再提交' });
      } else if (problem.kind === 'bankUnavailable') {
        setFormError({ code: 'BANK_UNAVAILABLE', text: `${problem.message}。稍后可直接点击“提交”重试。` });
      } else {
        const code = problem.kind === 'inProgress' ? 'REQUEST_IN_PROGRESS' : undefined;
        setFormError({ code, text: `${problem.message}。您填写的内容已保留。` });
      }
      scrollTop();
    } finally {
      submittingRef.current = false;
      setSubmitting(false);
    }
  }

  /** 清空重填: the form as new, the kept draft dropped. */
  function reset() {
    clearDraft();
    setRestored(null);
    setForm(newChangeForm(districtCodes.length === 1 ? districtCodes[0] : (district ?? ''), DEFAULT_CARD_TYPE));
    setTouched({});
    setAttempted(false);
    setServerErrors({});
    setFormError(null);
  }

  return { form, districts, formError, restored, submitting, shown, edit, touch, submit, reset };
}

export type ChangeFormModel = ReturnType<typeof useChangeForm>;
