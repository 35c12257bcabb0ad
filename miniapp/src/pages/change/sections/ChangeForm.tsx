import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  accountNumberLabel,
  BANKS,
  bankName,
  CARD_TYPE_LABELS,
  CARD_TYPES,
  CONSENT_TEXT,
  detectedBank,
  groupDigits,
  normalizeAccountNumber,
  REASON_MAX_LENGTH,
  recognisedBank,
} from '@ykt/shared';
import { useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { Digits } from '../../../components/Digits';
import { Choice, Field } from '../../../components/Field';
import { OptionSheet } from '../../../components/OptionSheet';
import { TextArea } from '../../../components/TextArea';
import { cx } from '../../../utils/cx';
import { PAGES } from '../../../utils/nav';
import type { ChangeFormModel } from './useChangeForm';

/** What the number looks like on each kind of card, said under the field until something is typed. */
const NUMBER_HINTS: Record<string, string> = {
  social_security_card: '社会保障卡正面的16到19位卡号（有银行标志的一面），只填数字',
  bank_card: '银行卡正面或背面的16到19位卡号，只填数字',
  passbook: '存折首页上的账号，只填数字',
};

/**
 * The 变更卡 form's fields (state and behaviour: useChangeForm). The number field is named after the card type
 * (社保卡号 / 银行卡号 / 存折账号); "已根据卡号识别" is said only of a number that passes the checks, and a number of
 * another bank is said under 开户行.
 */
export function ChangeForm({ model }: { model: ChangeFormModel }) {
  const { form, districts, formError, restored, submitting, shown, edit, touch, submit, reset } = model;
  const [bankSheet, setBankSheet] = useState(false);
  const account = form.accountNumber;
  const detected = detectedBank(form);
  const recognised = recognisedBank(form);
  const numberLabel = accountNumberLabel(form.cardType);
  const reasonLength = Array.from(form.reason).length;

  return (
    <View className="section change-form">
      {restored && (
        <View className="alert alert-info draft-restored" role="status">
          {restored}
          <View className="link-button" role="button" onClick={reset}>
            清空重填
          </View>
        </View>
      )}
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
          value={form.cardType}
          onChange={(v) => edit({ cardType: v }, 'cardType')}
        />
      </Field>

      <Field
        label={numberLabel}
        required
        error={shown('accountNumber')}
        id="field-accountNumber"
        hint={account ? undefined : (NUMBER_HINTS[form.cardType] ?? '请输入本人名下的卡号或存折账号，只填数字')}
      >
        <View className="input-box">
          <Input
            className="account-input"
            type={process.env.TARO_ENV === 'h5' ? 'text' : 'number'}
            value={account}
            maxlength={34}
            placeholder={`请输入${numberLabel}`}
            placeholderClass="input-placeholder"
            // H5 renders a plain <input> (Taro's React components) that takes HTML attributes as props.
            {...({
              'aria-label': numberLabel,
              inputMode: 'numeric',
              autoComplete: 'off',
              id: 'account-number',
            } as object)}
            onInput={(e) => edit({ accountNumber: normalizeAccountNumber(e.detail.value) })}
            onBlur={() => touch('accountNumber')}
          />
        </View>
        {account && <Digits className="account-grouped" text={groupDigits(account)} label={`您输入的${numberLabel}`} />}
      </Field>

      <Field label="开户行" required error={shown('bankCode')} id="field-bankCode">
        <View className="input-box select-box" role="button" onClick={() => setBankSheet(true)}>
          {/* Heard, not seen: the field's name before its value, so the button's name holds what it shows. */}
          <Text className="sr-only">开户行：</Text>
          <Text className={form.bankCode ? 'select-value' : 'select-placeholder'}>
            {form.bankCode ? (bankName(form.bankCode) ?? form.bankCode) : '请选择开户行'}
          </Text>
          <Text className="select-action">{form.bankCode ? '更换 ›' : '选择 ›'}</Text>
        </View>
        {recognised && recognised.code === form.bankCode && (
          <View className="field-hint">
            已根据{numberLabel}识别为{recognised.name}，如不正确可点击更换
          </View>
        )}
      </Field>

      <Field
        label="区县"
        required
        error={shown('districtCode')}
        id="field-districtCode"
        hint="只能变更您“使用区县”中的账户"
      >
        <Choice
          label="区县"
          options={districts.map((d) => ({ value: d.code, label: d.name }))}
          value={form.districtCode}
          onChange={(v) => edit({ districtCode: v }, 'districtCode')}
        />
      </Field>

      <Field label="变更理由" error={shown('reason')} id="field-reason">
        <View className="textarea-box">
          <TextArea
            value={form.reason}
            label="变更理由"
            maxLength={REASON_MAX_LENGTH}
            placeholder="选填，例如：停用旧卡，启用新卡"
            onInput={(reason) => edit({ reason })}
            onBlur={() => touch('reason')}
          />
          <View className={cx('counter', reasonLength > REASON_MAX_LENGTH && 'counter-over')} aria-live="polite">
            {reasonLength}/{REASON_MAX_LENGTH}
          </View>
        </View>
      </Field>

      <Field label="授权说明" required error={shown('consent')} id="field-consent">
        <View
          className={cx('consent', form.consent && 'consent-on')}
          role="checkbox"
          aria-checked={form.consent}
          aria-label={CONSENT_TEXT}
          onClick={() => edit({ consent: !form.consent }, 'consent')}
        >
          <View className="consent-box" aria-hidden>
            {form.consent ? '✓' : ''}
          </View>
          <Text className="consent-text">{CONSENT_TEXT}</Text>
        </View>
      </Field>

      <View className="muted submit-note">提交后将进行基本验证和银行验证，均通过后进入审核环节。</View>
      <AppButton big block loading={submitting} disabled={submitting} onClick={() => void submit()}>
        {submitting ? '正在提交，请稍候…' : '提交'}
      </AppButton>

      <OptionSheet
        visible={bankSheet}
        title="选择开户行"
        value={form.bankCode}
        options={BANKS.map((b) => ({
          value: b.code,
          label: b.name,
          hint: detected?.code === b.code && recognised ? `根据${numberLabel}识别` : undefined,
        }))}
        onSelect={(code) => {
          edit({ bankCode: code }, 'bankCode');
          setBankSheet(false);
        }}
        onClose={() => {
          setBankSheet(false);
          touch('bankCode');
        }}
      />
    </View>
  );
}
