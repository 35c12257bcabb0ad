import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ChangeRequest, MyCard } from '@ykt/shared';
import {
  BANKS,
  bankName,
  bankOfAccount,
  CARD_TYPE_LABELS,
  CARD_TYPES,
  CONSENT_TEXT,
  checkAccountNumber,
  checkBankCode,
  checkCardType,
  checkConsent,
  checkDistrict,
  checkReason,
  groupDigits,
  normalizeAccountNumber,
  REASON_MAX_LENGTH,
} from '@ykt/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api/client';
import { AppButton } from '../../components/AppButton';
import { Choice, Field } from '../../components/Field';
import { OptionSheet } from '../../components/OptionSheet';
import { Page } from '../../components/Page';
import { PageHeader } from '../../components/PageHeader';
import { RequestItem } from '../../components/RequestItem';
import { ErrorState, LoadingState } from '../../components/States';
import { cx } from '../../utils/cx';
import { districtLabel } from '../../utils/format';
import { PAGES } from '../../utils/nav';
import './index.scss';

type FieldName = 'cardType' | 'accountNumber' | 'bankCode' | 'districtCode' | 'reason' | 'consent';

interface Draft {
  cardType: string;
  accountNumber: string;
  bankCode: string;
  districtCode: string;
  reason: string;
  consent: boolean;
}

type Outcome = { kind: 'pending'; request: ChangeRequest } | { kind: 'failed'; request: ChangeRequest };

const NO_ACCOUNT_TEXT = '您尚未绑定“一卡通”账号，请联系所在村社/镇（乡）街道申报账号信息';

/** 变更卡 (manual 1.1 变更个人账户): the shared rules check each field as it is typed, with the BFF's words. */
export default function ChangePage() {
  const { params } = useRouter();
  const [load, setLoad] = useState<
    { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; data: MyCard }
  >({
    kind: 'loading',
  });
  const [draft, setDraft] = useState<Draft>({
    cardType: '',
    accountNumber: '',
    bankCode: '',
    districtCode: params.district ?? '',
    reason: '',
    consent: false,
  });
  /** The bank was filled in from the card number's BIN (not chosen by the person). */
  const [bankFromBin, setBankFromBin] = useState(false);
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<{ text: string; code?: string } | null>(null);
  const [bankSheet, setBankSheet] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const submittingRef = useRef(false);

  const loadCard = useCallback(async () => {
    setLoad({ kind: 'loading' });
    try {
      const data = await api.myCard();
      setLoad({ kind: 'ok', data });
      const codes = data.cards.flatMap((c) => c.districts.map((d) => d.code));
      // Only one district: nothing to choose.
      if (codes.length === 1) setDraft((d) => (d.districtCode ? d : { ...d, districtCode: codes[0] }));
    } catch (e) {
      setLoad({ kind: 'error', message: errorMessage(e) });
    }
  }, []);

  useEffect(() => {
    void loadCard();
  }, [loadCard]);

  const districts = useMemo(() => {
    if (load.kind !== 'ok') return [];
    const seen = new Map<string, string>();
    for (const c of load.data.cards) for (const d of c.districts) seen.set(d.code, d.name);
    return [...seen].map(([code, name]) => ({ code, name }));
  }, [load]);
  const districtCodes = useMemo(() => districts.map((d) => d.code), [districts]);

  const account = draft.accountNumber;
  const detectedBank = useMemo(() => bankOfAccount(account), [account]);

  const errors: Partial<Record<FieldName, string>> = {
    cardType: checkCardType(draft.cardType),
    accountNumber: checkAccountNumber(
      draft.cardType,
      account,
      checkBankCode(draft.bankCode) ? undefined : draft.bankCode,
    ),
    bankCode: checkBankCode(draft.bankCode),
    districtCode: checkDistrict(draft.districtCode, districtCodes),
    reason: checkReason(draft.reason),
    consent: checkConsent(draft.consent),
  };
  /** A field shows its message once it was left, once a full-length number is typed, or after 提交. */
  function shown(f: FieldName): string | undefined {
    if (serverErrors[f]) return serverErrors[f];
    const live = f === 'accountNumber' && (account.length >= 16 || /\D/.test(account));
    return attempted || touched[f] || live ? errors[f] : undefined;
  }

  function update<K extends keyof Draft>(field: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [field]: value }));
    setServerErrors((s) => ({ ...s, [field]: undefined }));
    setFormError(null);
  }

  function onAccountInput(value: string) {
    const next = normalizeAccountNumber(value);
    const bank = bankOfAccount(next);
    // The BIN picks the bank, unless the person chose one themself; they can still change it.
    const autoFill = bank !== undefined && (bankFromBin || !draft.bankCode);
    const autoClear = bank === undefined && bankFromBin;
    setDraft((d) => ({ ...d, accountNumber: next, bankCode: autoFill ? bank.code : autoClear ? '' : d.bankCode }));
    if (autoFill !== bankFromBin && (autoFill || autoClear)) setBankFromBin(autoFill);
    setServerErrors((s) => ({ ...s, accountNumber: undefined, bankCode: undefined }));
    setFormError(null);
  }

  async function submit() {
    if (submittingRef.current) return; // tapped twice: still one request
    setAttempted(true);
    setFormError(null);
    const bad = (Object.keys(errors) as FieldName[]).filter((f) => errors[f]);
    if (bad.length > 0) {
      setFormError({ text: '请按提示修改后再提交' });
      scrollToField(bad[0]);
      return;
    }
    submittingRef.current = true;
    setSubmitting(true);
    try {
      const reason = draft.reason.trim();
      const request = await api.submitChange({
        cardType: draft.cardType,
        accountNumber: draft.accountNumber,
        bankCode: draft.bankCode,
        districtCode: draft.districtCode,
        reason: reason ? reason : undefined,
        consent: draft.consent,
      });
      setOutcome(request.status === 'failed' ? { kind: 'failed', request } : { kind: 'pending', request });
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && Object.keys(e.fields).length > 0) {
        setServerErrors(e.fields as Partial<Record<FieldName, string>>);
        setFormError({ text: e.message || '请按提示修改后再提交' });
      } else if (e instanceof ApiError && e.code === 'BANK_UNAVAILABLE') {
        setFormError({
          code: e.code,
          text: `${e.message || '银行系统暂时无法连接，请稍后再试'}。稍后可直接点击“提交”重试。`,
        });
      } else if (e instanceof ApiError && e.status === 401) {
        return; // the client is taking the person to face login
      } else {
        setFormError({
          code: e instanceof ApiError ? e.code : 'NETWORK',
          text: `${errorMessage(e)}。您填写的内容已保留。`,
        });
      }
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } finally {
      submittingRef.current = false;
      setSubmitting(false);
    }
  }

  function scrollToField(f: FieldName) {
    void Taro.pageScrollTo({ selector: `#field-${f}`, duration: 200 }).catch(() => undefined);
  }

  const reasonLength = Array.from(draft.reason).length;

  if (outcome) {
    const failed = outcome.kind === 'failed';
    return (
      <Page>
        <PageHeader title="变更卡" />
        <View className={cx('outcome section', failed ? 'outcome-failed' : 'outcome-pending')} role="status">
          <View className="outcome-icon" aria-hidden>
            {failed ? '!' : '✓'}
          </View>
          <View className="outcome-title">{failed ? '申请失败' : '申请已提交，等待审核'}</View>
          <View className="outcome-text">
            {failed
              ? (outcome.request.failureReason ?? '银行验证未通过，请核对账号信息')
              : '基本验证和银行验证均已通过，已进入审核环节。审核完成前，卡面仍显示原账号。'}
          </View>
        </View>
        <RequestItem item={outcome.request} />
        <View className="btn-stack">
          {failed && (
            <AppButton block big onClick={() => setOutcome(null)}>
              修改后重新提交
            </AppButton>
          )}
          <AppButton
            block
            big
            kind={failed ? 'outline' : 'primary'}
            onClick={() => void Taro.reLaunch({ url: PAGES.card })}
          >
            返回首页
          </AppButton>
        </View>
      </Page>
    );
  }

  return (
    <Page className="change-page">
      <PageHeader title="变更卡" back />
      {load.kind === 'loading' && <LoadingState />}
      {load.kind === 'error' && <ErrorState message={load.message} onRetry={() => void loadCard()} />}
      {load.kind === 'ok' && load.data.cards.length === 0 && (
        <View className="alert alert-warning">{NO_ACCOUNT_TEXT}</View>
      )}
      {load.kind === 'ok' && load.data.cards.length > 0 && load.data.pendingRequestId !== null && (
        <View className="alert alert-info" role="status">
          <View className="alert-title">您的变更申请正在审核中</View>
          <View>同一时间只能有一条变更申请。如需修改，请先在首页“事项办理”中撤销。</View>
          <View className="btn-row">
            <AppButton kind="outline" onClick={() => void Taro.reLaunch({ url: PAGES.card })}>
              返回首页
            </AppButton>
          </View>
        </View>
      )}
      {load.kind === 'ok' && load.data.cards.length > 0 && load.data.pendingRequestId === null && (
        <View className="section change-form">
          {formError && (
            <View
              className={cx('alert', formError.code === 'BANK_UNAVAILABLE' ? 'alert-warning' : 'alert-error')}
              role="alert"
            >
              {formError.text}
              {formError.code === 'REQUEST_IN_PROGRESS' && (
                <View className="btn-row">
                  <AppButton kind="outline" onClick={() => void Taro.reLaunch({ url: PAGES.card })}>
                    返回首页查看
                  </AppButton>
                </View>
              )}
            </View>
          )}

          <Field label="卡类型" required error={shown('cardType')} id="field-cardType">
            <Choice
              label="卡类型"
              options={CARD_TYPES.map((t) => ({ value: t, label: CARD_TYPE_LABELS[t] }))}
              value={draft.cardType}
              onChange={(v) => {
                update('cardType', v);
                setTouched((t) => ({ ...t, cardType: true }));
              }}
            />
          </Field>

          <Field
            label="银行账号"
            required
            error={shown('accountNumber')}
            id="field-accountNumber"
            hint={account ? undefined : '请输入本人名下的卡号或存折账号，只填数字'}
          >
            <View className="input-box">
              <Input
                className="account-input"
                type={process.env.TARO_ENV === 'h5' ? 'text' : 'number'}
                value={account}
                maxlength={34}
                placeholder="请输入银行账号"
                placeholderClass="input-placeholder"
                nativeProps={{
                  'aria-label': '银行账号',
                  inputMode: 'numeric',
                  autoComplete: 'off',
                  id: 'account-number',
                }}
                onInput={(e) => onAccountInput(e.detail.value)}
                onBlur={() => setTouched((t) => ({ ...t, accountNumber: true }))}
              />
            </View>
            {account && (
              <View className="account-grouped" aria-label="您输入的账号">
                {groupDigits(account)}
              </View>
            )}
          </Field>

          <Field label="开户行" required error={shown('bankCode')} id="field-bankCode">
            <View className="input-box select-box" role="button" onClick={() => setBankSheet(true)}>
              {/* Heard, not seen: the field's name before its value, so the button's name holds what it shows. */}
              <Text className="sr-only">开户行：</Text>
              <Text className={draft.bankCode ? 'select-value' : 'select-placeholder'}>
                {draft.bankCode ? (bankName(draft.bankCode) ?? draft.bankCode) : '请选择开户行'}
              </Text>
              <Text className="select-action">{draft.bankCode ? '更换 ›' : '选择 ›'}</Text>
            </View>
            {bankFromBin && detectedBank && draft.bankCode === detectedBank.code && (
              <View className="field-hint">已根据卡号识别开户行，如不正确可点击更换</View>
            )}
          </Field>

          <Field
            label="区县"
            required
            error={shown('districtCode')}
            id="field-districtCode"
            hint="只能变更您“使用区县”中的账号"
          >
            <Choice
              label="区县"
              options={districts.map((d) => ({ value: d.code, label: districtLabel(d.code, d.name) }))}
              value={draft.districtCode}
              onChange={(v) => {
                update('districtCode', v);
                setTouched((t) => ({ ...t, districtCode: true }));
              }}
            />
          </Field>

          <Field label="变更理由" error={shown('reason')} id="field-reason">
            <View className="textarea-box">
              <Textarea
                value={draft.reason}
                maxlength={REASON_MAX_LENGTH}
                placeholder="选填，例如：停用旧卡，启用新卡"
                nativeProps={{ 'aria-label': '变更理由' }}
                onInput={(e) => update('reason', e.detail.value)}
                onBlur={() => setTouched((t) => ({ ...t, reason: true }))}
              />
              <View className={cx('counter', reasonLength > REASON_MAX_LENGTH && 'counter-over')} aria-live="polite">
                {reasonLength}/{REASON_MAX_LENGTH}
              </View>
            </View>
          </Field>

          <Field label="授权说明" required error={shown('consent')} id="field-consent">
            <View
              className={cx('consent', draft.consent && 'consent-on')}
              role="checkbox"
              aria-checked={draft.consent}
              aria-label={CONSENT_TEXT}
              onClick={() => {
                update('consent', !draft.consent);
                setTouched((t) => ({ ...t, consent: true }));
              }}
            >
              <View className="consent-box" aria-hidden>
                {draft.consent ? '✓' : ''}
              </View>
              <Text className="consent-text">{CONSENT_TEXT}</Text>
            </View>
          </Field>

          <View className="muted submit-note">提交后将进行基本验证和银行验证，均通过后进入审核环节。</View>
          <AppButton big block loading={submitting} disabled={submitting} onClick={() => void submit()}>
            {submitting ? '正在提交，请稍候…' : '提交'}
          </AppButton>
        </View>
      )}

      <OptionSheet
        visible={bankSheet}
        title="选择开户行"
        value={draft.bankCode}
        options={BANKS.map((b) => ({
          value: b.code,
          label: b.name,
          hint: detectedBank?.code === b.code ? '根据卡号识别' : undefined,
        }))}
        onSelect={(code) => {
          update('bankCode', code);
          setBankFromBin(false);
          setTouched((t) => ({ ...t, bankCode: true }));
          setBankSheet(false);
        }}
        onClose={() => {
          setBankSheet(false);
          setTouched((t) => ({ ...t, bankCode: true }));
        }}
      />
    </Page>
  );
}
