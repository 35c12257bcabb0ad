import { FormOutlined } from '@ant-design/icons';
import {
  BANK_UNAVAILABLE_TEXT,
  BANKS,
  bankFromNumber,
  CARD_TYPE_LABELS,
  CARD_TYPES,
  type CardFace,
  type ChangeFormValues,
  CONSENT_TEXT,
  changeRequestBodyOf,
  checkAccountNumber,
  checkBankCode,
  checkCardType,
  checkConsent,
  checkDistrict,
  checkReason,
  citizenEndpoints as citizen,
  displayAccount,
  districtBracketed,
  editChangeForm,
  groupDigits,
  type MyCard,
  normalizeAccountNumber,
  REASON_MAX_LENGTH,
  sortDistricts,
  submitProblem,
} from '@ykt/shared';
import { Alert, App, Button, Checkbox, Form, Input, Select } from 'antd';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { call, refresh } from '../api';
import { navigate } from '../route';
import { NoAccount, Section } from '../Section';

const IN_PROGRESS_TEXT = '您已有一条正在办理的变更申请';

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

/** 账号变更 (变更卡): only for a person with an account; the others are told where to declare one. */
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

function ChangeCardForm({ card, initialDistrict }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
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

  // Only the first render's values: later card reloads must not reset what was typed.
  const [initialValues] = useState<Values>(() => {
    const districtCode =
      initialDistrict && districtCodes.includes(initialDistrict)
        ? initialDistrict
        : districtCodes.length === 1
          ? districtCodes[0]
          : undefined;
    return { districtCode, consent: false, reason: '' };
  });

  const accountNumber = Form.useWatch('accountNumber', form) ?? '';
  const cardType = Form.useWatch('cardType', form) ?? '';
  const districtCode = Form.useWatch('districtCode', form);
  const detected = accountNumber ? bankFromNumber({ cardType, accountNumber }) : undefined;
  const current = districtCode ? cardByDistrict.get(districtCode) : undefined;

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
      if (r.status === 'failed') {
        showOutcome({ kind: 'failed', reason: r.failureReason ?? '银行验证未通过' });
      } else {
        message.success('变更申请已提交，请等待审核');
        await refresh(citizen.myCard, citizen.changeRequests);
        navigate('pending');
      }
    } catch (e) {
      const problem = submitProblem(e);
      if (problem.kind === 'bankUnavailable') showOutcome({ kind: 'unavailable' });
      else if (problem.kind === 'inProgress') {
        showOutcome({ kind: 'inProgress' });
        void refresh(citizen.myCard);
      } else if (problem.kind === 'fields') {
        const fields = Object.entries(problem.fields);
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
  }

  return (
    <div className="ykb-page">
      <Section icon={<FormOutlined />} title="变更卡">
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
          initialValues={initialValues}
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
            label="银行账号"
            name="accountNumber"
            required
            validateTrigger="onBlur"
            dependencies={['cardType', 'bankCode']}
            rules={[
              ({ getFieldValue }) =>
                rule((v) => {
                  const bank = getFieldValue('bankCode');
                  return checkAccountNumber(
                    getFieldValue('cardType'),
                    typeof v === 'string' ? v : '',
                    checkBankCode(bank) ? undefined : bank,
                  );
                }),
            ]}
            extra={accountHint(accountNumber, detected?.name)}
          >
            <Input
              size="large"
              inputMode="numeric"
              autoComplete="off"
              maxLength={40}
              placeholder="请输入新的银行账号"
            />
          </Form.Item>
          <Form.Item label="开户行" name="bankCode" required rules={[rule(checkBankCode)]}>
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
              placeholder="请选择要变更账号的区县"
              options={districts.map((d) => ({ value: d.code, label: districtBracketed(d) }))}
            />
          </Form.Item>
          {current && (
            <Form.Item label="该区县现账号">
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

function accountHint(value: string, bankName: string | undefined): ReactNode {
  const digits = normalizeAccountNumber(value);
  if (!digits) return '社会保障卡、银行卡请输入卡面上的16到19位卡号；存折请输入存折上的账号';
  return (
    <span className="ykb-account-hint">
      <span className="ykb-account-grouped">{groupDigits(digits)}</span>
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
              本次申请已记录在 <a href="#/finished">办理完结</a> 中。请核对账号信息后重新提交。
            </div>
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
