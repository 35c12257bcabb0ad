import {
  CHANGE_REQUEST_STATUS_LABELS,
  type ChangeRequest,
  cardTypeLabel,
  displayAccount,
  districtBracketed,
  formatTime,
} from '@ykt/shared';
import { Descriptions, Tag } from 'antd';

const STATUS_COLORS: Record<ChangeRequest['status'], string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
  failed: 'error',
};

export function StatusTag({ status }: { status: ChangeRequest['status'] }) {
  return (
    <Tag color={STATUS_COLORS[status]} className="ykb-tag">
      {CHANGE_REQUEST_STATUS_LABELS[status]}
    </Tag>
  );
}

/** One request as the manual lists it: 银行名称, 账户, 申请时间, 区县, 办理结果, 完结时间 (+ opinion or reason). */
export function RequestDetails({ r }: { r: ChangeRequest }) {
  const finished = r.status !== 'pending';
  const items = [
    { key: 'bank', label: '银行名称', children: r.bankName },
    {
      key: 'account',
      label: '账户',
      children: <span className="ykb-account-number">{displayAccount(r.accountNumber)}</span>,
    },
    { key: 'type', label: '卡类型', children: cardTypeLabel(r.cardType) },
    { key: 'district', label: '区县', children: districtBracketed({ code: r.districtCode, name: r.districtName }) },
    { key: 'applied', label: '申请时间', children: formatTime(r.appliedAt) },
    { key: 'status', label: finished ? '办理结果' : '办理状态', children: <StatusTag status={r.status} /> },
  ];
  if (finished) items.push({ key: 'finished', label: '完结时间', children: formatTime(r.finishedAt) });
  if (r.reason) items.push({ key: 'reason', label: '变更理由', children: r.reason });
  if (r.status === 'failed')
    items.push({ key: 'failure', label: '失败原因', children: r.failureReason ?? '银行验证未通过' });
  if (r.status === 'approved' || r.status === 'rejected')
    items.push({ key: 'opinion', label: '审核意见', children: r.reviewOpinion || '无' });
  return <Descriptions bordered column={2} styles={{ label: { width: 130 } }} items={items} />;
}
