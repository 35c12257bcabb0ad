import { Text, View } from '@tarojs/components';
import { cx } from '../utils/cx';
import { setElderMode, useElderMode } from '../utils/elderMode';
import './ElderModeSwitch.scss';

/** 长辈版 switch: remembered in storage, applies to every page at once. */
export function ElderModeSwitch() {
  const elder = useElderMode();
  return (
    <View
      className={cx('elder-switch', elder && 'elder-switch-on')}
      role="switch"
      aria-checked={elder}
      aria-label="长辈版"
      onClick={() => setElderMode(!elder)}
    >
      <Text className="elder-switch-label">长辈版</Text>
      <View className="elder-switch-track">
        <View className="elder-switch-thumb" />
      </View>
      <Text className="elder-switch-state">{elder ? '开' : '关'}</Text>
    </View>
  );
}
