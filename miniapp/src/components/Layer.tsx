import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useLockScroll } from '../utils/lockScroll';

/** What floats over the page (a dialog, a sheet): a dimming mask, the page under it held still. */
export function Layer({
  visible,
  maskClassName,
  onMaskClick,
  children,
}: {
  visible: boolean;
  maskClassName: string;
  onMaskClick?: () => void;
  children: ReactNode;
}) {
  useLockScroll(visible);
  if (!visible) return null;
  return (
    <View catchMove>
      <View className={maskClassName} onClick={onMaskClick} />
      {children}
    </View>
  );
}
