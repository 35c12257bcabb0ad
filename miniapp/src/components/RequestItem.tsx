import { Text, View } from '@tarojs/components';
import {
  type ChangeRequest,
  cardTypeLabel,
  changeRequestStatusLabel,
  displayAccount,
  districtBracketed,
  formatTime,
} from '@ykt/shared';
import { AppButton } from './AppButton';
import { Kv } from './Kv';
import './Items.scss';

/** One entry of 事项办理: what was applied for, when, and the result (manual 1.1 "查看变更业务办理结果"). */
export function RequestItem({
  item,
  onWithdraw,
  withdrawing,
}: {
  item: ChangeRequest;
  onWithdraw?: () => void;
  withdrawing?: boolean;
}) {
  const pending = item.status === 'pending';
  const label = changeRequestStatusLabel(item.status);
  return (
    <View className="item" aria-label={`变更申请 ${label}`}>
      <View className="item-head">
        <Text className="item-head-title">{pending ? '办理中' : '已办理'}</Text>
        <Text className={`tag tag-${item.status}`}>{label}</Text>
      </View>
      <Kv k="银行名称">{item.bankName}</Kv>
      <Kv k="账户">{displayAccount(item.accountNumber)}</Kv>
      <Kv k="卡类型">{cardTypeLabel(item.cardType)}</Kv>
      <Kv k="申请时间">{formatTime(item.appliedAt)}</Kv>
      <Kv k="区县">{districtBracketed({ code: item.districtCode, name: item.districtName })}</Kv>
      <Kv k="办理结果">{label}</Kv>
      {item.finishedAt && <Kv k="完结时间">{formatTime(item.finishedAt)}</Kv>}
      {item.failureReason && <Kv k="失败原因">{item.failureReason}</Kv>}
      {item.reviewOpinion && <Kv k="审核意见">{item.reviewOpinion}</Kv>}
      {item.reason && <Kv k="变更理由">{item.reason}</Kv>}
      {pending && onWithdraw && (
        <View className="item-actions">
          <AppButton kind="danger" loading={withdrawing} onClick={onWithdraw}>
            撤销
          </AppButton>
        </View>
      )}
    </View>
  );
}
