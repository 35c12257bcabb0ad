import { FormOutlined } from '@ant-design/icons';
import {
  accountMessageFor,
  accountNumberLabel,
  BANK_UNAVAILABLE_TEXT,
  BANKS,
  bankFromNumber,
  bankMismatchMessage,
  CARD_TYPE_LABELS,
  CARD_TYPES,
  type CardFace,
  CHANGE_REQUEST_MESSAGES,
  type ChangeFormValues,
  CONSENT_TEXT,
  changeFormMessages,
  changeRequestBodyOf,
  checkAccountNumber,
  checkBankCode,
  checkCardType,
  checkConsent,
  checkDistrict,
  checkReason,
  citizenEndpoints as citizen,
  DEFAULT_CARD_TYPE,
  displayAccount,
  draftAgeText,
  draftOwner,
  editChangeForm,
  groupDigits,
  HELP_TEXT,
  type MyCard,
  makeChangeDraft,
  normalizeAccountNumber,
  REASON_MAX_LENGTH,
  readChangeDraft,
  recognisedBank,
  sortDistricts,
  submitProblem,
} from '@ykt/shared';
import { Alert, Button, Checkbox, Form, Input, Select } from 'antd';
import { Fragment, type ReactNode, useMemo, useRef, useState } from 'react';
import { call, clearDraft, DRAFT_KEY, refresh } from '../api';
import { navigate } from '../route';
import { NoAccount, Section } from '../Section';

const IN_PROGRESS_TEXT = '您已有一条正在办理的变更申请';

/** What the number looks like on each kind of card, under the field until something is typed. */
const NUMBER_HINTS: Record<string, string> = {
  social_security_card: '请输入社会保障卡正面（有银行标志的一面）的16到19位卡号',
  bank_card: '请输入银行卡上的16到19位卡号',
  passbook: '请输入存折首页上的账号',
};

/** The 变更卡 draft on this PC (localStorage), by the shared rules: 30 minutes, no consent, only its owner. */
function readDraft(owner: string) {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(DRAFT_KEY);
  } catch {
    return undefined;
  }
  const reading = readChangeDraft(stored, owner, Date.now());
  if (reading.kind === 'discard') clearDraft();
  return reading.kind === 'restore' ? reading : undefined;
}
function saveDraft(values: ChangeFormValues & { bankChosen: boolean }, owner: string) {
  const draft = makeChangeDraft(values, owner, Date.now());
  try {
    if (draft) localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    else localStorage.removeItem(DRAFT_KEY);
  } catch {
    // Storage blocked or full: the form still works for this visit.
  }
}

type Values = Partial<ChangeFormValues>;

type Outcome =
  | { kind: 'failed'; reason: string }
  | { kind: 'unavailable' }
  | { kind: 'inProgress' }
  | { kind: 'error'; text: string };

/** A shared rule as an antd validator: the same message the app and the BFF give for the same mistake. */
const rule = (check: (v: unknown) => string | undefined) => ({
  validator: (_: unknown, v: unknown) => {
    const m = check(v);
    return m ? Promise.reject(new Error(m)) : Promise.resolve();
  },
});

const reasonLength = (t: string) => Array.from(t).length;

/** antd's values (undefined until touched) as the shared form's. */
const formValues = (v: Values): ChangeFormValues => ({
  cardType: v.cardType ?? '',
  accountNumber: v.accountNumber ?? '',
  bankCode: v.bankCode ?? '',
  districtCode: v.districtCode ?? '',
  reason: v.reason ?? '',
  consent: v.consent === true,
});
/** Only the fields present in `changed`, as the shared form's. */
const changedValues = (changed: Values): Partial<ChangeFormValues> => {
  const all = formValues(changed);
  return Object.fromEntries(Object.keys(changed).map((k) => [k, all[k as keyof ChangeFormValues]]));
};

interface Props {
  card: MyCard;
  initialDistrict: string | null;
}

/** 账户变更 (变更卡): only for a person with an account; the others are told where to declare one. */
export function ChangeForm(props: Props) {
  if (props.card.cards.length > 0) return <ChangeCardForm {...props} />;
  return (
    <div className="ykb-page">
      <Section icon={<FormOutlined />} title="变更卡">
        <NoAccount />
      </Section>
    </div>
  );
}

/**
 * The form, with the shared behaviour of the phone's: the number field named after the card type (社保卡号 / 银行卡号
 * / 存折账号, 社会保障卡 first), a number of another bank said under 开户行, "已识别为…" only for a number that
 * passes the checks; what is typed kept on this PC for 30 minutes (not the consent), so an expired session and a
 * new QR login do not lose it.
 */
function ChangeCardForm({ card, initialDistrict }: Props) {
  const [form] = Form.useForm<Values>();
  const owner = draftOwner(card.beneficiary);
  const inFlight = useRef(false);
  /** The person picked the bank in the list: the card number no longer changes it (shared editChangeForm). */
  const bankChosen = useRef(false);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  /** District code -> the card it is paid to (a person's districts are grouped by card on the card face). */
  const cardByDistrict = useMemo(() => {
    const m = new Map<string, CardFace>();
    for (const c of card.cards) for (const d of c.districts) m.set(d.code, c);
    return m;
  }, [card]);
  const districts = useMemo(() => sortDistricts(card.cards.flatMap((c) => c.districts)), [card]);
  const districtCodes = useMemo(() => districts.map((d) => d.code), [districts]);

  // Only the first render's values: later card reloads must not reset what was typed. A fresh draft of this
  // person's (kept before a session expiry) comes back, without the consent tick.
  const [start] = useState<{ values: Values; restored: string | null }>(() => {
    const districtCode =
      initialDistrict && districtCodes.includes(initialDistrict)
        ? initialDistrict
        : districtCodes.length === 1
          ? districtCodes[0]
          : undefined;
    const fresh: Values = { cardType: DEFAULT_CARD_TYPE, districtCode, consent: false, reason: '' };
    const draft = readDraft(owner);
    if (!draft) return { values: fresh, restored: null };
    const { bankChosen: chosen, ...values } = draft.values;
    bankChosen.current = chosen;
    return {
      values: {
        ...values,
        bankCode: values.bankCode || undefined,
        districtCode: values.districtCode || districtCode,
        consent: false,
      },
      restored: `已恢复您${draftAgeText(draft.ageMinutes)}填写的内容，请核对，并重新勾选授权说明。`,
    };
  });
  const [restored, setRestored] = useState(start.restored);

  const accountNumber = Form.useWatch('accountNumber', form) ?? '';
  const cardType = Form.useWatch('cardType', form) ?? DEFAULT_CARD_TYPE;
  const districtCode = Form.useWatch('districtCode', form);
  const recognised = accountNumber ? recognisedBank({ cardType, accountNumber }) : undefined;
  const current = districtCode ? cardByDistrict.get(districtCode) : undefined;
  const numberLabel = accountNumberLabel(cardType);

  const pending = card.pendingRequestId !== null;

  function showOutcome(o: Outcome) {
    setOutcome(o);
    requestAnimationFrame(() => outcomeRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' }));
  }

  async function submit(v: Values) {
    // One request, even on a double click: the ref flips before React re-renders the disabled button.
    if (inFlight.current) return;
    inFlight.current = true;
    setSubmitting(true);
    setOutcome(null);
    try {
      // The channel goes into the record and the audit: this request came from the PC pages.
      const r = await call(citizen.submitChange, {
        body: changeRequestBodyOf(formValues(v)),
        headers: { 'x-ykt-channel': 'pc' },
      });
      clearDraft();
      setRestored(null);
      if (r.status === 'failed') {
        showOutcome({ kind: 'failed', reason: r.failureReason ?? '银行验证未通过' });
      } else {
        await refresh(citizen.myCard, citizen.changeRequests);
        // 办理中 opens with the confirmation: what happens next and how long review usually takes.
        navigate('pending', { submitted: String(r.id) });
      }
    } catch (e) {
      const problem = submitProblem(e);
      if (problem.kind === 'bankUnavailable') showOutcome({ kind: 'unavailable' });
      else if (problem.kind === 'inProgress') {
        showOutcome({ kind: 'inProgress' });
        void refresh(citizen.myCard);
      } else if (problem.kind === 'fields') {
        const fields = Object.entries(changeFormMessages(formValues(v), problem.fields));
        form.setFields(fields.map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })));
        form.scrollToField(fields[0][0]);
      } else if (problem.kind === 'other') {
        showOutcome({ kind: 'error', text: problem.message });
      }
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  function onValuesChange(changed: Values, all: Values) {
    // The bank follows the card number until the person picks one (the same rule as the app's form).
    const next = editChangeForm({ ...formValues(all), bankChosen: bankChosen.current }, changedValues(changed));
    bankChosen.current = next.bankChosen;
    if (next.bankCode !== (all.bankCode ?? '')) {
      form.setFieldValue('bankCode', next.bankCode || undefined);
      if (form.getFieldError('bankCode').length) void form.validateFields(['bankCode']);
    }
    // The account number is checked on blur; once it shows an error, the error goes as soon as it is fixed.
    if ('accountNumber' in changed && form.getFieldError('accountNumber').length) {
      void form.validateFields(['accountNumber']).catch(() => undefined);
    }
    // A number of another bank is said under 开户行: checked again when either changes, once it was shown.
    if (('accountNumber' in changed || 'cardType' in changed) && form.getFieldError('bankCode').length) {
      void form.validateFields(['bankCode']).catch(() => undefined);
    }
    saveDraft({ ...formValues({ ...all, bankCode: next.bankCode }), bankChosen: next.bankChosen }, owner);
  }

  function startOver() {
    clearDraft();
    setRestored(null);
    bankChosen.current = false;
    form.setFieldsValue({
      cardType: DEFAULT_CARD_TYPE,
      accountNumber: undefined,
      bankCode: undefined,
      reason: '',
      consent: false,
    });
  }

  return (
    <div className="ykb-page">
      <Section icon={<FormOutlined />} title="变更卡">
        {restored && !pending && (
          <Alert
            className="ykb-form-alert"
            type="info"
            showIcon
            title={restored}
            action={
              <Button size="small" onClick={startOver}>
                清空重填
              </Button>
            }
          />
        )}
        {pending && (
          <Alert
            className="ykb-form-alert"
            type="info"
            showIcon
            title={IN_PROGRESS_TEXT}
            description={
              <>
                办理中只能有一条变更申请，请等待审核完成，或在“办理中”撤销后重新申请。{' '}
                <a href="#/pending">查看办理中</a>
              </>
            }
          />
        )}
        <Form<Values>
          form={form}
          className="ykb-form"
          layout="horizontal"
          labelCol={{ flex: '130px' }}
          wrapperCol={{ flex: '1' }}
          labelWrap
          colon
          initialValues={start.values}
          onValuesChange={onValuesChange}
          onFinish={submit}
          scrollToFirstError
          disabled={submitting}
          requiredMark
        >
          <Form.Item label="卡类型" name="cardType" required rules={[rule(checkCardType)]}>
            <Select
              size="large"
              placeholder="请选择卡类型"
              options={CARD_TYPES.map((t) => ({ value: t, label: CARD_TYPE_LABELS[t] }))}
            />
          </Form.Item>
          <Form.Item
            label={numberLabel}
            name="accountNumber"
            required
            validateTrigger="onBlur"
            dependencies={['cardType']}
            rules={[
              ({ getFieldValue }) =>
                rule((v) => {
                  const type = getFieldValue('cardType') ?? '';
                  const m = checkAccountNumber(type, typeof v === 'string' ? v : '');
                  return m ? accountMessageFor(type, m) : undefined;
                }),
            ]}
            extra={accountHint(accountNumber, recognised?.name, NUMBER_HINTS[cardType])}
          >
            <Input
              size="large"
              inputMode="numeric"
              autoComplete="off"
              maxLength={40}
              placeholder={`请输入新的${numberLabel}`}
            />
          </Form.Item>
          <Form.Item
            label="开户行"
            name="bankCode"
            required
            dependencies={['cardType']}
            rules={[
              ({ getFieldValue }) =>
                rule((v) => {
                  const missing = checkBankCode(v);
                  if (missing) return missing;
                  const type = getFieldValue('cardType') ?? '';
                  const number = getFieldValue('accountNumber') ?? '';
                  if (checkAccountNumber(type, number, v as string) !== CHANGE_REQUEST_MESSAGES.cardBankMismatch) {
                    return undefined;
                  }
                  const of = bankFromNumber({ cardType: type, accountNumber: number });
                  return of ? bankMismatchMessage(type, of.name) : CHANGE_REQUEST_MESSAGES.cardBankMismatch;
                }),
            ]}
          >
            <Select
              size="large"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="请选择开户行"
              options={BANKS.map((b) => ({ value: b.code, label: b.name }))}
            />
          </Form.Item>
          <Form.Item label="区县" name="districtCode" required rules={[rule((v) => checkDistrict(v, districtCodes))]}>
            <Select
              size="large"
              placeholder="请选择要变更账户的区县"
              options={districts.map((d) => ({ value: d.code, label: d.name }))}
            />
          </Form.Item>
          {current && (
            <Form.Item label="该区县现账户">
              <span className="ykb-current">
                {current.bankName} {displayAccount(current.accountNumber)}
                {current.status === 'invalid' && <span className="ykb-invalid-reason">（无效卡）</span>}
              </span>
            </Form.Item>
          )}
          <Form.Item label="变更理由" name="reason" rules={[rule((v) => checkReason(v as string | undefined))]}>
            <Input.TextArea
              rows={3}
              placeholder="选填，例如：停用旧卡，启用新卡"
              count={{ show: true, max: REASON_MAX_LENGTH, strategy: reasonLength }}
            />
          </Form.Item>
          <Form.Item
            name="consent"
            valuePropName="checked"
            rules={[rule(checkConsent)]}
            wrapperCol={{ offset: 0, flex: '1' }}
            className="ykb-consent"
          >
            <Checkbox>{CONSENT_TEXT}</Checkbox>
          </Form.Item>

          <div ref={outcomeRef}>{outcome && <OutcomeAlert outcome={outcome} />}</div>

          <div className="ykb-form-actions">
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              loading={submitting}
              disabled={pending || submitting}
              className="ykb-submit"
            >
              {submitting ? '正在验证…' : '提交'}
            </Button>
            <Button size="large" disabled={false} onClick={() => navigate('basic')}>
              返回
            </Button>
          </div>
        </Form>
      </Section>
    </div>
  );
}

/** Under the number: how to find it (nothing typed yet), else the number read back in groups, and its bank once right. */
function accountHint(value: string, bankName: string | undefined, empty: string | undefined): ReactNode {
  const digits = normalizeAccountNumber(value);
  if (!digits) return empty ?? '社会保障卡、银行卡请输入卡面上的16到19位卡号；存折请输入存折上的账号';
  return (
    <span className="ykb-account-hint">
      <span className="ykb-account-grouped">
        {groupDigits(digits)
          .split(' ')
          .map((g, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the groups of one number, in their order
            <Fragment key={i}>
              {i > 0 && ' '}
              <span className="ykb-digit-group">{g}</span>
            </Fragment>
          ))}
      </span>
      {bankName && <span className="ykb-detected">已识别为：{bankName}</span>}
    </span>
  );
}

/** What the form says under its fields after a submission that did not become a pending request. */
function OutcomeAlert({ outcome }: { outcome: Outcome }) {
  const { type, title, description } = outcomeWords(outcome);
  return <Alert className="ykb-form-alert" type={type} showIcon role="alert" title={title} description={description} />;
}

function outcomeWords(outcome: Outcome): { type: 'error' | 'warning'; title: ReactNode; description?: ReactNode } {
  switch (outcome.kind) {
    case 'failed':
      return {
        type: 'error',
        title: '申请失败',
        description: (
          <>
            <div className="ykb-failure-reason">{outcome.reason}</div>
            <div>
              本次申请已记录在 <a href="#/finished">办理完结</a> 中。请核对账户信息后重新提交。
            </div>
            <div className="ykb-help">{HELP_TEXT}</div>
          </>
        ),
      };
    case 'unavailable':
      return {
        type: 'warning',
        title: BANK_UNAVAILABLE_TEXT,
        description: '您填写的内容已保留，本次申请没有提交，请稍后再点击“提交”。',
      };
    case 'inProgress':
      return {
        type: 'warning',
        title: IN_PROGRESS_TEXT,
        description: (
          <>
            请等待审核完成，或撤销后重新申请。 <a href="#/pending">查看办理中</a>
          </>
        ),
      };
    default:
      return { type: 'error', title: outcome.text };
  }
}
