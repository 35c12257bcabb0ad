import {
  CHANGE_REQUEST_STATUS_LABELS,
  type ChangeRequest,
  cardTypeLabel,
  displayAccount,
  formatTime,
  requestTimeline,
  type StepState,
} from '@ykt/shared';
import { Descriptions, Tag } from 'antd';

const STATUS_COLORS: Record<ChangeRequest['status'], string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
  failed: 'error',
};

export function StatusTag({ status, count }: { status: ChangeRequest['status']; count?: number }) {
  return (
    <Tag color={STATUS_COLORS[status]} className="ykb-tag">
      {CHANGE_REQUEST_STATUS_LABELS[status]}
      {count && count > 1 ? ` ${count}次` : ''}
    </Tag>
  );
}

const STATE_WORDS: Record<StepState, string> = {
  done: '已完成',
  current: '进行中',
  todo: '未开始',
  failed: '未通过',
  skipped: '未进行',
};

/**
 * 提交 → 银行验证 → 审核 → 结果, as on the phone: where the request stands, with the time of each step. A plain list
 * (antd's Steps would add its weight to every page after login for four dots).
 */
export function RequestTimeline({ r }: { r: ChangeRequest }) {
  return (
    <ol className="ykb-timeline" aria-label="办理进度">
      {requestTimeline(r).map((s) => (
        <li key={s.key} className={`ykb-step ykb-step-${s.state}`}>
          <span className="ykb-step-dot" aria-hidden>
            {s.state === 'done' ? '✓' : s.state === 'failed' ? '×' : ''}
          </span>
          <span className="ykb-step-title">{s.title}</span>
          <span className="ykb-step-note">
            {s.note}
            <span className="ykb-sr-only">（{STATE_WORDS[s.state]}）</span>
          </span>
          {s.at && <span className="ykb-step-time">{formatTime(s.at, { seconds: false })}</span>}
        </li>
      ))}
    </ol>
  );
}

/** One request as the manual lists it: 银行名称, 账号, 申请时间, 区县, 办理结果, 完结时间 (+ opinion or reason). */
export function RequestDetails({ r }: { r: ChangeRequest }) {
  const finished = r.status !== 'pending';
  const items = [
    { key: 'bank', label: '银行名称', children: r.bankName },
    {
      key: 'account',
      label: '账号',
      children: <span className="ykb-account-number">{displayAccount(r.accountNumber)}</span>,
    },
    { key: 'type', label: '卡类型', children: cardTypeLabel(r.cardType) },
    { key: 'district', label: '区县', children: r.districtName },
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
