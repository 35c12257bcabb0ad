import {
  type AnswerOf,
  displayAccount,
  formatMoney,
  formatTime,
  reviewEndpoints as review,
  SUBSIDY_ITEMS,
} from '@ykt/shared';
import { Alert, Button, Form, Modal, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { type ReviewAccount, useCall } from '../api';
import { ToneTag } from '../ToneTag';

type YearPage = AnswerOf<typeof review.accountPayments>;
type Line = YearPage['items'][number];
type ItemTotal = YearPage['byItem'][number];

const ITEM_OPTIONS = SUBSIDY_ITEMS.map((i) => ({ value: i.code, label: i.name }));

const lineColumns: ColumnsType<Line> = [
  { title: '发放时间', dataIndex: 'paidAt', width: 140, render: (t: string) => formatTime(t, { seconds: false }) },
  { title: '补贴项目', dataIndex: 'itemName', className: 'rv-wrap' },
  { title: '期号', dataIndex: 'period', width: 100 },
  {
    title: '金额',
    dataIndex: 'amountFen',
    width: 112,
    align: 'right',
    render: (f: number) => <span className="rv-mono">{formatMoney(f)}</span>,
  },
  {
    title: '发放账户',
    key: 'account',
    width: 262,
    render: (_v, r) => (
      <span>
        {r.bankName} <span className="rv-mono">{displayAccount(r.accountNumber)}</span>
      </span>
    ),
  },
  {
    title: '结果',
    key: 'status',
    width: 170,
    className: 'rv-wrap',
    render: (_v, r) =>
      r.status === 'paid' ? (
        <ToneTag tone="green">成功</ToneTag>
      ) : (
        <span>
          <ToneTag tone="red">失败</ToneTag> <span className="rv-small">{r.failureReason ?? ''}</span>
        </span>
      ),
  },
];

const itemColumns: ColumnsType<ItemTotal> = [
  { title: '补贴项目', dataIndex: 'itemName' },
  { title: '已发放笔数', dataIndex: 'count', width: 100, align: 'right' },
  {
    title: '已发放金额',
    dataIndex: 'totalFen',
    width: 130,
    align: 'right',
    render: (f: number) => <span className="rv-mono">{formatMoney(f)}</span>,
  },
  { title: '失败笔数', dataIndex: 'failedCount', width: 90, align: 'right' },
  {
    title: '失败金额',
    dataIndex: 'failedFen',
    width: 120,
    align: 'right',
    render: (f: number) => <span className="rv-mono">{formatMoney(f)}</span>,
  },
];

/**
 * 发放记录 of one 一卡通账号's person in that account's district: a year at a time, optionally one
 * 补贴项目; the year's total of what arrived, failed payments apart, totals per 项目, then every line newest first.
 */
export function PaymentsModal({ account, onClose }: { account: ReviewAccount; onClose(): void }) {
  const [year, setYear] = useState<number | undefined>(undefined);
  const [itemCode, setItemCode] = useState<string | undefined>(undefined);
  const { data, error, isLoading, isValidating, mutate } = useCall(
    review.accountPayments,
    { params: { id: account.id }, query: { year, itemCode } },
    { keepPreviousData: true },
  );
  const shown = error ? undefined : data;
  const years = shown ? Array.from(new Set([...shown.years, shown.year])).sort((a, b) => b - a) : [];

  return (
    <Modal
      open
      title={`发放记录 — ${account.beneficiary.name}（${account.districtName}）`}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
      ]}
      width={1000}
      destroyOnHidden
      mask={{ closable: false }}
      className="rv-payments"
    >
      <p className="rv-muted rv-mb">
        {account.districtName}发放给{account.beneficiary.name}的补贴（含此前账户）。当前账户：{account.bankName}{' '}
        <span className="rv-mono">{displayAccount(account.accountNumber)}</span>
      </p>
      <Form layout="inline" name="payments" className="rv-mb">
        <Form.Item label="年度" htmlFor="payments_year">
          <Select
            id="payments_year"
            style={{ width: 120 }}
            value={shown?.year ?? year}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(y: number) => setYear(y)}
            loading={isLoading}
          />
        </Form.Item>
        <Form.Item label="补贴项目" htmlFor="payments_item">
          <Select
            id="payments_item"
            style={{ width: 260 }}
            allowClear
            placeholder="全部项目"
            value={itemCode}
            options={ITEM_OPTIONS}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(c: string | undefined) => setItemCode(c ?? undefined)}
          />
        </Form.Item>
      </Form>
      {error && (
        <Alert
          type="error"
          showIcon
          className="rv-mb"
          title={`发放记录加载失败：${error.message}`}
          action={
            <Button size="small" onClick={() => void mutate()}>
              重试
            </Button>
          }
        />
      )}
      {shown && shown.years.length === 0 && (
        <div className="rv-pay-summary" role="status" data-testid="payments-summary">
          暂无发放记录：{account.districtName}尚未向{account.beneficiary.name}发放过补贴{itemCode ? '（所选项目）' : ''}
          。
        </div>
      )}
      {shown && shown.years.length > 0 && (
        <div className="rv-pay-summary" role="status" data-testid="payments-summary">
          <span>
            {shown.year}年已发放 <strong className="rv-mono">{formatMoney(shown.totalFen)}</strong>（{shown.count} 笔）
          </span>
          {shown.failedCount > 0 && (
            <span className="rv-pay-failed">
              发放失败 {shown.failedCount} 笔，<span className="rv-mono">{formatMoney(shown.failedFen)}</span>
            </span>
          )}
        </div>
      )}
      {shown && shown.byItem.length > 0 && (
        <Table<ItemTotal>
          className="rv-mb"
          size="small"
          bordered
          rowKey="itemCode"
          columns={itemColumns}
          dataSource={shown.byItem}
          pagination={false}
          aria-label="按补贴项目合计"
        />
      )}
      <Table<Line>
        size="small"
        bordered
        rowKey="id"
        columns={lineColumns}
        dataSource={shown?.items ?? []}
        loading={isValidating}
        pagination={false}
        locale={{ emptyText: '该年度暂无发放记录' }}
        aria-label="发放明细"
      />
    </Modal>
  );
}
