import { ScrollView, Text, View } from '@tarojs/components';
import { cx } from '../utils/cx';
import { useElderMode } from '../utils/elderMode';
import { ListOption } from './Choosable';
import { Layer } from './Layer';
import './OptionSheet.scss';

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

/** A bottom sheet with one big row per option: easier for older people than a wheel picker. Tap outside to close. */
export function OptionSheet({
  visible,
  title,
  options,
  value,
  onSelect,
  onClose,
}: {
  visible: boolean;
  title: string;
  options: Option[];
  value?: string;
  onSelect: (value: string) => void;
  onClose: () => void;
}) {
  const elder = useElderMode();
  return (
    <Layer visible={visible} maskClassName="sheet-mask" onMaskClick={onClose}>
      <View className={cx('sheet', elder && 'elder')}>
        <View className="sheet-head">
          <Text className="sheet-title">{title}</Text>
          <View className="sheet-close" role="button" aria-label="关闭" onClick={onClose}>
            关闭
          </View>
        </View>
        <ScrollView scrollY className="sheet-list">
          <View role="listbox" aria-label={title}>
            {options.map((o) => (
              <ListOption
                key={o.value}
                chosen={o.value === value}
                look="sheet-option"
                onChoose={() => onSelect(o.value)}
              >
                <Text>{o.label}</Text>
                {o.hint && <Text className="sheet-hint">{o.hint}</Text>}
                {o.value === value && <Text className="sheet-check">✓</Text>}
              </ListOption>
            ))}
          </View>
        </ScrollView>
      </View>
    </Layer>
  );
}
