import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { backOrHome } from '../utils/nav';
import './PageHeader.scss';

/** Title row of a page, with a visible 返回 on sub-pages (no reliance on the host's back gesture). */
export function PageHeader({ title, back, right }: { title: string; back?: boolean; right?: ReactNode }) {
  return (
    <View className="page-header">
      {back && (
        <View className="page-header-back" role="button" aria-label="返回上一页" onClick={backOrHome}>
          <Text className="page-header-chevron">‹</Text>
          <Text>返回</Text>
        </View>
      )}
      <View className="page-header-title" role="heading" aria-level={1}>
        {title}
      </View>
      {right && <View className="page-header-right">{right}</View>}
    </View>
  );
}
