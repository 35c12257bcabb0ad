import { Text, View } from '@tarojs/components';
import { AppButton } from './AppButton';

export function LoadingState({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state" role="status" aria-live="polite">
      <View className="spinner" />
      <Text>{text}</Text>
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="state state-error" role="alert">
      <View className="state-icon">!</View>
      <Text>{message}</Text>
      {onRetry && (
        <AppButton kind="outline" onClick={onRetry}>
          重新加载
        </AppButton>
      )}
    </View>
  );
}

export function EmptyState({ text }: { text: string }) {
  return (
    <View className="state">
      <View className="state-icon">○</View>
      <Text>{text}</Text>
    </View>
  );
}
