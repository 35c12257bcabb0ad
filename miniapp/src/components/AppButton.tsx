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

/**
 * A button sized by the app's tokens (touch target >= 44 px, >= 52 px in 长辈版).
 *
 * H5 builds with Taro's React components (config: `h5.useHtmlComponents`), whose Button is a plain div with
 * WeUI's look; here it is a View that says what it is (role, focus, Enter/Space, aria-disabled) and takes only
 * the app's styles. The mini-program keeps the platform's native Button.
 */
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
  const classes = cx(
    'btn',
    `btn-${kind}`,
    big && 'btn-big',
    block && 'btn-block',
    inactive && 'btn-disabled',
    className,
  );
  const tap = () => {
    if (!inactive) onClick();
  };
  const content = (
    <>
      {loading && <View className="btn-spinner" aria-hidden />}
      <Text className={cx(loading && 'btn-text-after-spinner')}>{children}</Text>
    </>
  );
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View
        className={classes}
        role="button"
        aria-disabled={inactive || undefined}
        aria-busy={loading || undefined}
        onClick={tap}
        // Taro's ViewProps has no tabIndex or keyboard events; the H5 View hands them to its div.
        {...({
          tabIndex: 0,
          onKeyDown: (e: KeyboardEvent) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              tap();
            }
          },
        } as object)}
      >
        {content}
      </View>
    );
  }
  return (
    <Button className={classes} disabled={disabled || undefined} onClick={tap}>
      {content}
    </Button>
  );
}
