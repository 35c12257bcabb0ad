import { WalletOutlined } from '@ant-design/icons';
import {
  bankProblemAdvice,
  displayAccount,
  formatMoney,
  formatTime,
  HELP_TEXT,
  PAYMENTS_EMPTY_TITLE,
  type PaymentRecord,
  paymentStatusLabel,
  paymentsEmptyText,
} from '@ykt/shared';
import { Alert, Button, Empty, Segmented, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { usePayments } from '../api';
import { navigate } from '../route';
import { Section } from '../Section';

/**
 * 发放记录 (issue 14), as on the phone: a year at a time, the year's total and count, the totals per 补贴项目, then
 * every line newest first (项目, 期号, 金额, 发放时间, bank and masked account, district, 成功 / 失败 with the
 * reason). A failed line leads to its 无效卡 notice and to 账户变更.
 */
export function Payments() {
  const [year, setYear] = useState<number | undefined>(undefined);
  const { data, error, isLoading, mutate } = usePayments(year);
  const years = data ? (data.years.includes(data.year) ? data.years : [data.year, ...data.years]) : [];

  return (
    <div className="ykb-page">
      <Section
        icon={<WalletOutlined />}
        title="发放记录"
        extra={
          years.length > 1 && (
            <Segmented
              aria-label="年份"
              value={data?.year}
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
              onChange={(v) => setYear(Number(v))}
            />
          )
        }
      >
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.message}
            action={
              <Button size="small" onClick={() => void mutate()}>
                重试
              </Button>
            }
          />
        )}
        {!error && (isLoading || !data) && (
          <div className="ykb-loading" role="status">
            <Spin /> <span>正在查询发放记录…</span>
          </div>
        )}
        {data && !isLoading && data.items.length === 0 && (
          <Empty
            description={
              <>
                <p className="ykb-empty-title">{PAYMENTS_EMPTY_TITLE}</p>
                <p>{paymentsEmptyText(data.year)}</p>
                <p className="ykb-help">{HELP_TEXT}</p>
              </>
            }
          />
        )}
        {data && !isLoading && data.items.length > 0 && (
          <>
            <div className="ykb-pay-summary" data-testid="pay-summary">
              <div>
                <div className="ykb-muted">{data.year}年已发放</div>
                <div className="ykb-pay-total">{formatMoney(data.totalFen)}</div>
                <div>共 {data.count} 笔</div>
                {data.failedCount > 0 && (
                  <div className="ykb-pay-failed">
                    另有 {data.failedCount} 笔发放失败（{formatMoney(data.failedFen)}），未到账
                  </div>
                )}
              </div>
              <Table
                className="ykb-pay-items"
                size="small"
                pagination={false}
                rowKey="itemCode"
                dataSource={data.byItem}
                columns={[
                  { title: '补贴项目', dataIndex: 'itemName', width: 170 },
                  { title: '已发放', align: 'right', render: (_, i) => formatMoney(i.totalFen) },
                  { title: '笔数', align: 'right', dataIndex: 'count' },
                  {
                    title: '失败',
                    align: 'right',
                    render: (_, i) =>
                      i.failedCount > 0 ? <span className="ykb-pay-failed">{i.failedCount} 笔</span> : '—',
                  },
                ]}
              />
            </div>
            <Table<PaymentRecord>
              className="ykb-pay-lines"
              rowKey="id"
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              dataSource={data.items}
              rowClassName={(p) => (p.status === 'failed' ? 'ykb-pay-line-failed' : '')}
              columns={[
                { title: '补贴项目', dataIndex: 'itemName', width: 170 },
                { title: '期号', render: (_, p) => <span className="ykb-nowrap">{p.period}</span> },
                {
                  title: '金额',
                  align: 'right',
                  render: (_, p) => <span className="ykb-pay-amount">{formatMoney(p.amountFen)}</span>,
                },
                {
                  title: '发放时间',
                  render: (_, p) => {
                    const [day, time] = formatTime(p.paidAt, { seconds: false }).split(' ');
                    return (
                      <span className="ykb-nowrap">
                        {day}
                        <br />
                        {time}
                      </span>
                    );
                  },
                },
                {
                  title: '发放账户',
                  render: (_, p) => (
                    <>
                      <div>{p.bankName}</div>
                      <div className="ykb-account-number ykb-nowrap">{displayAccount(p.accountNumber)}</div>
                    </>
                  ),
                },
                { title: '区县', dataIndex: 'districtName', width: 120 },
                { title: '结果', width: 200, render: (_, p) => <Result p={p} /> },
              ]}
            />
          </>
        )}
      </Section>
    </div>
  );
}

function Result({ p }: { p: PaymentRecord }) {
  if (p.status === 'paid') {
    return (
      <Tag color="success" className="ykb-tag">
        {paymentStatusLabel(p.status)}
      </Tag>
    );
  }
  const advice = bankProblemAdvice(p.failureReason);
  return (
    <div className="ykb-pay-result">
      <Tag color="error" className="ykb-tag">
        {paymentStatusLabel(p.status)}
      </Tag>
      <div className="ykb-pay-failed">{p.failureReason ?? '银行退回'}，未到账</div>
      {advice && <div>{advice}</div>}
      <div className="ykb-pay-links">
        {p.notificationId !== null && (
          <Button type="link" size="small" onClick={() => navigate('basic', { notice: String(p.notificationId) })}>
            查看无效卡通知
          </Button>
        )}
        <Button type="link" size="small" onClick={() => navigate('change', { district: p.districtCode })}>
          变更卡
        </Button>
      </div>
    </div>
  );
}
