import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '../utils/cx';

/**
 * One of a set to choose from, as assistive technology hears it: a radio (aria-checked), an option of a list
 * or a tab (aria-selected). `className` always, `chosenClassName` on the chosen one.
 */
export function Choosable({
  role,
  chosen,
  className,
  chosenClassName,
  label,
  onChoose,
  children,
}: {
  role: 'radio' | 'option' | 'tab';
  chosen: boolean;
  className: string;
  chosenClassName: string;
  label?: string;
  onChoose: () => void;
  children: ReactNode;
}) {
  const state = role === 'radio' ? { 'aria-checked': chosen } : { 'aria-selected': chosen };
  return (
    <View
      className={cx(className, chosen && chosenClassName)}
      role={role}
      {...state}
      aria-label={label}
      onClick={onChoose}
    >
      {children}
    </View>
  );
}
