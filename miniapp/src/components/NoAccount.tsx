import { View } from '@tarojs/components';
import { HELP_TEXT, NO_ACCOUNT_STEPS, NO_ACCOUNT_TITLE } from '@ykt/shared';
import './NoAccount.scss';

/** A person without a 一卡通 account (manual 1.1): what it means and where to go, never a dead end. */
export function NoAccount() {
  return (
    <View className="no-card section" role="status">
      <View className="no-card-title">{NO_ACCOUNT_TITLE}</View>
      {NO_ACCOUNT_STEPS.map((line) => (
        <View key={line} className="no-card-text">
          {line}
        </View>
      ))}
    </View>
  );
}

/** Where to ask, under every dead end: the 12345 hotline and the village or town office. */
export function HelpLine() {
  return <View className="help-line">{HELP_TEXT}</View>;
}
