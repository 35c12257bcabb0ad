import { Button, Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { cx } from '../utils/cx';

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

/** Taro's Button sized by the app's tokens (touch target >= 44 px, >= 52 px in 长辈版). */
export function AppButton({
  kind = 'primary',
  big,
  block,
  disabled,
  loading,
  className,
  onClick,
  children,
}: PropsWithChildren<AppButtonProps>) {
  const inactive = disabled || loading;
  return (
    <Button
      className={cx(
        'btn',
        `btn-${kind}`,
        big && 'btn-big',
        block && 'btn-block',
        inactive && 'btn-disabled',
        className,
      )}
      // Taro's H5 button writes disabled="false" when given false, and its stylesheet greys [disabled] out.
      disabled={disabled || undefined}
      onClick={() => {
        if (!inactive) onClick();
      }}
    >
      {loading && <View className="btn-spinner" aria-hidden />}
      <Text className={cx(loading && 'btn-text-after-spinner')}>{children}</Text>
    </Button>
  );
}
