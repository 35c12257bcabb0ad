import { Button } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { type AppButtonProps, ButtonContent, buttonClasses } from './buttonParts';

export type { AppButtonProps };

/**
 * A button sized by the app's tokens, as the platform's native Button: the mini-program's build.
 * H5 takes AppButton.h5.tsx instead (Taro's per-platform file names).
 */
export function AppButton(props: PropsWithChildren<AppButtonProps>) {
  const { disabled, loading, onClick, children } = props;
  return (
    <Button
      className={buttonClasses(props)}
      disabled={disabled || undefined}
      onClick={() => {
        if (!disabled && !loading) onClick();
      }}
    >
      <ButtonContent loading={loading}>{children}</ButtonContent>
    </Button>
  );
}
