import { Text, View } from '@tarojs/components';
import { Fragment } from 'react';
import { cx } from '../utils/cx';
import './Digits.scss';

/**
 * A number read back in groups ("6212 5830 0052 7313", "6212 **** **** 2465") that a line may break between
 * groups, never inside one (narrow phones, 长辈版). The text is the groups joined by single spaces.
 */
export function Digits({ text, className, label }: { text: string; className?: string; label?: string }) {
  const groups = text.split(/\s+/).filter(Boolean);
  return (
    <View className={cx('digits', className)} aria-label={label}>
      {groups.map((g, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the groups of one number, in their order
        <Fragment key={i}>
          {i > 0 && ' '}
          <Text className="digit-group">{g}</Text>
        </Fragment>
      ))}
    </View>
  );
}
