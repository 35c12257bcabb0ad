import { Text, View } from '@tarojs/components';
import { Tab } from './Choosable';
import './Tabs.scss';

export interface TabDef<K extends string> {
  key: K;
  title: string;
  badge?: number;
}

/** Two big tabs under the card (事项办理 / 系统通知), with an unread count badge. */
export function Tabs<K extends string>({
  tabs,
  active,
  onChange,
}: {
  tabs: TabDef<K>[];
  active: K;
  onChange: (k: K) => void;
}) {
  return (
    <View className="tabs" role="tablist">
      {tabs.map((t) => (
        <Tab
          key={t.key}
          chosen={t.key === active}
          look="tab"
          label={t.badge ? `${t.title}，${t.badge}条未读` : t.title}
          onChoose={() => onChange(t.key)}
        >
          <Text>{t.title}</Text>
          {t.badge ? <Text className="tab-badge">{t.badge > 99 ? '99+' : t.badge}</Text> : null}
        </Tab>
      ))}
    </View>
  );
}
