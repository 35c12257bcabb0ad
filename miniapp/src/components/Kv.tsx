import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** One "label: value" row of a request or a notification. */
export function Kv({ k, children }: { k: string; children: ReactNode }) {
  return (
    <View className="kv">
      <Text className="kv-key">{k}：</Text>
      <View className="kv-value">{children}</View>
    </View>
  );
}
