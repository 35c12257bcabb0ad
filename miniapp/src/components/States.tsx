import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { AppButton } from './AppButton';

export function LoadingState({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state" role="status" aria-live="polite">
      <View className="spinner" />
      <Text>{text}</Text>
    </View>
  );
}

export function ErrorState({
  message,
  onRetry,
  retryText = '重新加载',
}: {
  message: string;
  onRetry?: () => void;
  retryText?: string;
}) {
  return (
    <View className="state state-error" role="alert">
      <View className="state-icon">!</View>
      <Text>{message}</Text>
      {onRetry && (
        <AppButton kind="outline" onClick={onRetry}>
          {retryText}
        </AppButton>
      )}
    </View>
  );
}

export function EmptyState({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <View className="state">
      <View className="state-icon">○</View>
      <Text>{text}</Text>
      {children}
    </View>
  );
}
