import { LockFilled } from '@ant-design/icons';
import type { reviewEndpoints } from '@ykt/shared';
import { ACCOUNT_STATUS_LABELS, accountSourceLabel, cardTypeLabel, formatTime } from '@ykt/shared';
import { Button, Space, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactElement } from 'react';
import type { Paged, ReviewAccount } from '../api';
import { Grid } from '../Grid';
import { ToneTag } from '../ToneTag';

/** The BFF's own words for the lock (423), used for the tooltip before anyone tries. */
const LOCKED_TEXT = '存在渝快办账号变更待审核数据，不允许操作';

/**
 * A button that is disabled with a tooltip saying why. A disabled button gets no hover, so it is wrapped; the
 * same reason is written in the row (the lock label in 状态), so it is not told by hover alone.
 */
function Guarded({ reason, children }: { reason: string | null; children: ReactElement }) {
  if (!reason) return children;
  return (
    <Tooltip title={reason}>
      <span className="rv-guarded">{children}</span>
    </Tooltip>
  );
}

function StatusCell({ account: r, onOpenRequest }: { account: ReviewAccount; onOpenRequest(id: number): void }) {
  return (
    <div className="rv-status-cell">
      <ToneTag tone={r.status === 'valid' ? 'green' : 'red'}>{ACCOUNT_STATUS_LABELS[r.status]}</ToneTag>
      {r.status === 'invalid' && r.invalidReason && <div className="rv-small">原因：{r.invalidReason}</div>}
      {r.status === 'invalid' && r.invalidAt && <div className="rv-small rv-muted">{formatTime(r.invalidAt)}</div>}
      {r.locked &&
        (r.lockedByRequestId ? (
          // The lock says which request holds it, and opens it.
          <button
            type="button"
            className="rv-locked rv-locked-link"
            data-testid="locked"
            onClick={() => r.lockedByRequestId && onOpenRequest(r.lockedByRequestId)}
          >
            <span>
              <LockFilled aria-hidden /> 变更待审核，已锁定
            </span>
            <span className="rv-locked-open">查看申请 #{r.lockedByRequestId} ›</span>
          </button>
        ) : (
          <div className="rv-locked" data-testid="locked">
            <LockFilled aria-hidden /> 变更待审核，已锁定
          </div>
        ))}
    </div>
  );
}

/** What a row's buttons ask for. */
export type AccountAction = 'edit' | 'invalidate' | 'payments';

/**
 * The grid of 一卡通账号, with 发放记录, 修改 and 设为无效 on each row (the last two disabled, saying why, while
 * locked; the lock opens the pending request).
 */
export function AccountsGrid({
  accounts,
  onAction,
  onOpenRequest,
}: {
  accounts: Paged<typeof reviewEndpoints.accounts>;
  onAction(kind: AccountAction, account: ReviewAccount): void;
  onOpenRequest(requestId: number): void;
}) {
  const { page, pageSize } = accounts;
  const columns: ColumnsType<ReviewAccount> = [
    { title: '序号', key: 'seq', align: 'center', render: (_v, _r, i) => (page - 1) * pageSize + i + 1 },
    { title: '姓名', key: 'name', render: (_v, r) => r.beneficiary.name },
    { title: '身份证号码', key: 'id', render: (_v, r) => <span className="rv-mono">{r.beneficiary.idNumber}</span> },
    { title: '区县', dataIndex: 'districtName', width: 96, className: 'rv-wrap' },
    { title: '卡类型', dataIndex: 'cardType', render: (t: string) => cardTypeLabel(t) },
    { title: '银行名称', dataIndex: 'bankName' },
    { title: '银行账号', dataIndex: 'accountNumber', render: (a: string) => <span className="rv-mono">{a}</span> },
    {
      title: '来源',
      dataIndex: 'source',
      render: (s: string) => <ToneTag tone={s === 'yukuaiban' ? 'blue' : 'gray'}>{accountSourceLabel(s)}</ToneTag>,
    },
    {
      title: '状态',
      key: 'status',
      width: 196,
      className: 'rv-wrap',
      render: (_v, r) => <StatusCell account={r} onOpenRequest={onOpenRequest} />,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_v, r) => (
        <Space size={4}>
          <Button size="small" onClick={() => onAction('payments', r)}>
            发放记录
          </Button>
          <Guarded reason={r.locked ? LOCKED_TEXT : null}>
            <Button size="small" disabled={r.locked} onClick={() => onAction('edit', r)}>
              修改
            </Button>
          </Guarded>
          <Guarded reason={r.locked ? LOCKED_TEXT : r.status === 'invalid' ? '该账号已是无效状态' : null}>
            <Button
              size="small"
              danger
              disabled={r.locked || r.status === 'invalid'}
              onClick={() => onAction('invalidate', r)}
            >
              设为无效
            </Button>
          </Guarded>
        </Space>
      ),
    },
  ];
  return (
    <Grid<ReviewAccount>
      source={accounts}
      columns={columns}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (r.locked ? 'rv-row-locked' : '')}
      locale={{ emptyText: accounts.refused ? '查询条件有误，未查询' : '没有符合条件的账号' }}
      pagination={accounts.pagination()}
    />
  );
}
