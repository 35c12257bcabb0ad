import { Text, View } from '@tarojs/components';
import {
  type ChangeRequest,
  cardTypeLabel,
  changeRequestStatusLabel,
  displayAccount,
  formatTime,
  lastDigits,
  type RequestEntry,
} from '@ykt/shared';
import { type ReactNode, useState } from 'react';
import { cx } from '../utils/cx';
import { AppButton } from './AppButton';
import { Kv } from './Kv';
import { HelpLine } from './NoAccount';
import { Timeline } from './Timeline';
import './Items.scss';

/** What was applied for, when, and the result (manual 1.1 "查看变更业务办理结果"), as label: value rows. */
function RequestDetails({ item }: { item: ChangeRequest }) {
  const label = changeRequestStatusLabel(item.status);
  return (
    <>
      <Kv k="银行名称">{item.bankName}</Kv>
      <Kv k="账号">{displayAccount(item.accountNumber)}</Kv>
      <Kv k="卡类型">{cardTypeLabel(item.cardType)}</Kv>
      <Kv k="申请时间">{formatTime(item.appliedAt)}</Kv>
      <Kv k="区县">{item.districtName}</Kv>
      <Kv k="办理结果">{label}</Kv>
      {item.finishedAt && <Kv k="完结时间">{formatTime(item.finishedAt)}</Kv>}
      {item.failureReason && <Kv k="失败原因">{item.failureReason}</Kv>}
      {item.reviewOpinion && <Kv k="审核意见">{item.reviewOpinion}</Kv>}
      {item.reason && <Kv k="变更理由">{item.reason}</Kv>}
    </>
  );
}

/** A request in full: the pending one in 事项办理, and the one just submitted. */
export function RequestItem({
  item,
  note,
  onWithdraw,
  withdrawing,
}: {
  item: ChangeRequest;
  /** What happens meanwhile (the pending one): where the subsidies go until the decision. */
  note?: ReactNode;
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
      <Timeline request={item} />
      {note && <View className="item-note">{note}</View>}
      <RequestDetails item={item} />
      {item.status === 'failed' && <HelpLine />}
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

/** A finished request, or a group of failed attempts with one card: one line, opened on a tap. */
export function RequestLine({ entry }: { entry: Exclude<RequestEntry, { kind: 'pending' }> }) {
  const [open, setOpen] = useState(false);
  const first = entry.kind === 'failures' ? entry.requests[0] : entry.request;
  const count = entry.kind === 'failures' ? entry.requests.length : 1;
  const label = changeRequestStatusLabel(first.status);
  const when = formatTime(first.finishedAt ?? first.appliedAt, { seconds: false }).slice(0, 10);
  return (
    <View className={cx('item', 'item-line', open && 'item-open')}>
      <View className="item-line-head" role="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Text className={`tag tag-${first.status}`}>
          {label}
          {count > 1 ? ` ${count}次` : ''}
        </Text>
        <Text className="item-line-summary">
          {first.bankName} <Text className="nowrap">{lastDigits(first.accountNumber)}</Text> · {first.districtName}
        </Text>
        <Text className="item-line-date">{when}</Text>
        <Text className="item-line-toggle">{open ? '收起' : '详情'}</Text>
      </View>
      {open &&
        (entry.kind === 'failures' ? (
          <View className="item-line-body">
            <View className="item-note">这张卡已申请 {count} 次，都未通过银行验证。</View>
            <Kv k="失败原因">{first.failureReason ?? '银行验证未通过'}</Kv>
            <Kv k="银行名称">{first.bankName}</Kv>
            <Kv k="账号">{displayAccount(first.accountNumber)}</Kv>
            <Kv k="区县">{first.districtName}</Kv>
            <View className="attempts" role="list" aria-label="每次申请">
              {entry.requests.map((r) => (
                <View key={r.id} className="attempt" role="listitem">
                  <Text>{formatTime(r.appliedAt)}</Text>
                  <Text className="attempt-result">申请失败</Text>
                </View>
              ))}
            </View>
            <HelpLine />
          </View>
        ) : (
          <View className="item-line-body">
            <Timeline request={first} />
            <RequestDetails item={first} />
            {first.status === 'failed' && <HelpLine />}
          </View>
        ))}
    </View>
  );
}
