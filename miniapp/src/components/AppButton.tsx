import { Button } from '@nutui/nutui-react-taro';
import type { PropsWithChildren } from 'react';
import { cx } from '../utils/cx';

export interface AppButtonProps {
  kind?: 'primary' | 'outline' | 'danger';
  big?: boolean;
  block?: boolean;
  disabled?: boolean;
  loading?: boolean;
  className?: string;
  ariaLabel?: string;
  /**
   * An explicit click handler, never formType="submit": NutUI's submit fires on touchend only,
   * so a mouse click would never submit (stack-notes.md).
   */
  onClick: () => void;
}

/** NutUI Button sized by the app's tokens (touch target >= 44 px, >= 52 px in 长辈版). */
export function AppButton({
  kind = 'primary',
  big,
  block,
  disabled,
  loading,
  className,
  ariaLabel,
  onClick,
  children,
}: PropsWithChildren<AppButtonProps>) {
  return (
    <Button
      className={cx('btn', `btn-${kind}`, big && 'btn-big', block && 'btn-block', className)}
      type={kind === 'danger' ? 'danger' : 'primary'}
      fill={kind === 'primary' ? 'solid' : 'outline'}
      disabled={disabled}
      loading={loading}
      aria-label={ariaLabel}
      onClick={() => onClick()}
    >
      {children}
    </Button>
  );
}
