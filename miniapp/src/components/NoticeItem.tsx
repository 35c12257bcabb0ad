import { Text, View } from '@tarojs/components';
import {
  bankProblemAdvice,
  displayAccount,
  districtNames,
  formatTime,
  type Notification,
  notificationKindLabel,
} from '@ykt/shared';
import { cx } from '../utils/cx';
import { AppButton } from './AppButton';
import { Kv } from './Kv';
import './Items.scss';

const OUTCOMES = new Set(['review_approved', 'review_rejected']);

/**
 * One 系统通知: an account became unusable (上卡失败, 手动/定时验证) or a change request was decided (审核通过 /
 * 审核不通过), with 说明 and 操作时间; the districts it is about by name. `focused`: opened from a link (a failed
 * payment's 查看通知).
 */
export function NoticeItem({
  item,
  onRead,
  reading,
  focused,
}: {
  item: Notification;
  onRead: () => void;
  reading?: boolean;
  focused?: boolean;
}) {
  const unread = !item.readAt;
  const kind = notificationKindLabel(item.kind);
  const outcome = OUTCOMES.has(item.kind);
  const advice = outcome ? undefined : bankProblemAdvice(item.message);
  const districts = item.districts.length > 0 ? item.districts : [{ code: item.districtCode, name: item.districtName }];
  return (
    <View
      className={cx('item', unread && 'item-unread', focused && 'item-focus')}
      id={`notice-${item.id}`}
      aria-label={`系统通知 ${kind}${unread ? ' 未读' : ''}`}
    >
      <View className="item-head">
        <Text className={cx('item-head-title', outcome && `tag tag-${item.kind}`)}>{kind}</Text>
        <Text className={`tag ${unread ? 'tag-unread' : 'tag-read'}`}>{unread ? '未读' : '已读'}</Text>
      </View>
      <Kv k="说明">{item.message}</Kv>
      {advice && <Kv k="下一步">{advice}</Kv>}
      <Kv k="银行名称">{item.bankName}</Kv>
      <Kv k="账号">{displayAccount(item.accountNumber)}</Kv>
      <Kv k="区县">{districtNames(districts)}</Kv>
      <Kv k="操作时间">{formatTime(item.occurredAt)}</Kv>
      {unread && (
        <View className="item-actions">
          <AppButton kind="outline" loading={reading} onClick={onRead}>
            我知道了
          </AppButton>
        </View>
      )}
    </View>
  );
}
