import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '../utils/cx';
import { Radio } from './Choosable';
import './Field.scss';

/** A form row: visible label (required mark), the control, a hint, and the field's own error message. */
export function Field({
  label,
  required,
  error,
  hint,
  children,
  id,
}: {
  label: string;
  required?: boolean;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  return (
    <View className={cx('field', error && 'field-error')} id={id}>
      <View className="field-label">
        {required && (
          <Text className="field-required" aria-hidden>
            *
          </Text>
        )}
        <Text>{label}</Text>
        {required && <Text className="sr-only">（必填）</Text>}
      </View>
      {children}
      {hint && <View className="field-hint">{hint}</View>}
      {error && (
        <View className="field-message" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}

/** Big selectable chips for a short list (卡类型, 区县): everything visible, one tap. */
export function Choice<V extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: Array<{ value: V; label: string }>;
  value: string;
  onChange: (v: V) => void;
}) {
  return (
    <View className="choices" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <Radio key={o.value} chosen={o.value === value} look="choice" onChoose={() => onChange(o.value)}>
          {o.value === value ? '✓ ' : ''}
          {o.label}
        </Radio>
      ))}
    </View>
  );
}
