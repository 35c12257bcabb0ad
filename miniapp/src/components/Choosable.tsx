import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '../utils/cx';

/**
 * One of a set to choose from, as assistive technology hears it: a radio (aria-checked), an option of a list
 * or a tab (aria-selected). Styled by `look`, and `${look}-on` when it is the chosen one.
 */
export function Choosable({
  role,
  chosen,
  look,
  label,
  onChoose,
  children,
}: {
  role: 'radio' | 'option' | 'tab';
  chosen: boolean;
  look: string;
  label?: string;
  onChoose: () => void;
  children: ReactNode;
}) {
  const state = role === 'radio' ? { 'aria-checked': chosen } : { 'aria-selected': chosen };
  return (
    <View className={cx(look, chosen && `${look}-on`)} role={role} {...state} aria-label={label} onClick={onChoose}>
      {children}
    </View>
  );
}

type Props = Omit<Parameters<typeof Choosable>[0], 'role'>;
/** A choice of a radiogroup. */
export const Radio = (props: Props) => <Choosable role="radio" {...props} />;
/** An option of a listbox. */
export const ListOption = (props: Props) => <Choosable role="option" {...props} />;
/** A tab of a tablist. */
export const Tab = (props: Props) => <Choosable role="tab" {...props} />;
