import { Text, View } from '@tarojs/components';
import { displayAccount, districtBracketed, formatTime, type Notification, notificationKindLabel } from '@ykt/shared';
import { AppButton } from './AppButton';
import { Kv } from './Kv';
import './Items.scss';

/** One 系统通知: an account became unusable (上卡失败, 手动/定时验证), with 说明 and 操作时间. */
export function NoticeItem({ item, onRead, reading }: { item: Notification; onRead: () => void; reading?: boolean }) {
  const unread = !item.readAt;
  const kind = notificationKindLabel(item.kind);
  return (
    <View className={`item${unread ? ' item-unread' : ''}`} aria-label={`系统通知 ${kind}${unread ? ' 未读' : ''}`}>
      <View className="item-head">
        <Text className="item-head-title">{kind}</Text>
        <Text className={`tag ${unread ? 'tag-unread' : 'tag-read'}`}>{unread ? '未读' : '已读'}</Text>
      </View>
      <Kv k="银行名称">{item.bankName}</Kv>
      <Kv k="账户">{displayAccount(item.accountNumber)}</Kv>
      <Kv k="区县">{districtBracketed({ code: item.districtCode, name: item.districtName })}</Kv>
      <Kv k="说明">{item.message}</Kv>
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
