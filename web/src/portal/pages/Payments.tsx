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
import { Alert, Button, Empty, Spin, Tag } from 'antd';
import { useState } from 'react';
import { usePayments } from '../api';
import { navigate } from '../route';
import { Section } from '../Section';

/**
 * 发放记录, as on the phone: a year at a time, the year's total and count, the totals per 补贴项目, then
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
            <div className="ykb-years" role="radiogroup" aria-label="年份">
              {years.map((y) => (
                <Button
                  key={y}
                  role="radio"
                  aria-checked={y === data?.year}
                  type={y === data?.year ? 'primary' : 'default'}
                  onClick={() => setYear(y)}
                >
                  {y}年
                </Button>
              ))}
            </div>
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
              <table className="ykb-table ykb-pay-items">
                <caption className="ykb-sr-only">按补贴项目</caption>
                <thead>
                  <tr>
                    <th scope="col">补贴项目</th>
                    <th scope="col" className="ykb-num">
                      已发放
                    </th>
                    <th scope="col" className="ykb-num">
                      笔数
                    </th>
                    <th scope="col" className="ykb-num">
                      失败
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.byItem.map((i) => (
                    <tr key={i.itemCode}>
                      <td>{i.itemName}</td>
                      <td className="ykb-num">{formatMoney(i.totalFen)}</td>
                      <td className="ykb-num">{i.count}</td>
                      <td className="ykb-num">
                        {i.failedCount > 0 ? <span className="ykb-pay-failed">{i.failedCount} 笔</span> : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {/* A plain table (no antd Table): the PC pages stay off the console's table code and chunks. */}
            <table className="ykb-table ykb-pay-lines">
              <caption className="ykb-sr-only">{data.year}年每笔发放，最新在前</caption>
              <thead>
                <tr>
                  <th scope="col">补贴项目</th>
                  <th scope="col">期号</th>
                  <th scope="col" className="ykb-num">
                    金额
                  </th>
                  <th scope="col">发放时间</th>
                  <th scope="col">发放账户</th>
                  <th scope="col">区县</th>
                  <th scope="col">结果</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => {
                  const [day, time] = formatTime(p.paidAt, { seconds: false }).split(' ');
                  return (
                    <tr key={p.id} className={p.status === 'failed' ? 'ykb-pay-line-failed' : undefined}>
                      <td className="ykb-pay-item">{p.itemName}</td>
                      <td className="ykb-nowrap">{p.period}</td>
                      <td className="ykb-num">
                        <span className="ykb-pay-amount">{formatMoney(p.amountFen)}</span>
                      </td>
                      <td className="ykb-nowrap">
                        {day}
                        <br />
                        {time}
                      </td>
                      <td>
                        <div>{p.bankName}</div>
                        <div className="ykb-account-number ykb-nowrap">{displayAccount(p.accountNumber)}</div>
                      </td>
                      <td>{p.districtName}</td>
                      <td className="ykb-pay-result-cell">
                        <Result p={p} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
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
