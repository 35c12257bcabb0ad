import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { cx } from '../utils/cx';

/** What AppButton takes, on both builds (AppButton.tsx for the mini-program, AppButton.h5.tsx for H5). */
export interface AppButtonProps {
  kind?: 'primary' | 'outline' | 'danger';
  big?: boolean;
  block?: boolean;
  disabled?: boolean;
  /** Shows a spinner; the button takes no taps meanwhile (one request for two quick taps). */
  loading?: boolean;
  className?: string;
  /** An explicit click handler (no form submit: a mouse click must work in the H5 preview too). */
  onClick: () => void;
}

/** The app's button classes: sized by its tokens (touch target >= 44 px, >= 52 px in 长辈版). */
export function buttonClasses({ kind = 'primary', big, block, disabled, loading, className }: AppButtonProps) {
  return cx(
    'btn',
    `btn-${kind}`,
    big && 'btn-big',
    block && 'btn-block',
    (disabled || loading) && 'btn-disabled',
    className,
  );
}

/** The label, after a spinner while loading. */
export function ButtonContent({ loading, children }: PropsWithChildren<{ loading?: boolean }>) {
  return (
    <>
      {loading && <View className="btn-spinner" aria-hidden />}
      <Text className={cx(loading && 'btn-text-after-spinner')}>{children}</Text>
    </>
  );
}
