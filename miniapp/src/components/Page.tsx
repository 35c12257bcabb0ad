import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { cx } from '../utils/cx';
import { useElderMode } from '../utils/elderMode';

/** Root of every page: applies 长辈版 (class "elder") and the page background. */
export function Page({ children, className }: PropsWithChildren<{ className?: string }>) {
  const elder = useElderMode();
  return <View className={cx('page', elder && 'elder', className)}>{children}</View>;
}
