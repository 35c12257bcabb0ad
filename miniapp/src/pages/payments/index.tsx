import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import {
  bankProblemAdvice,
  displayAccount,
  formatMoney,
  formatTime,
  HELP_TEXT,
  PAYMENTS_EMPTY_TITLE,
  type PaymentRecord,
  type PaymentYearPage,
  paymentStatusLabel,
  paymentsEmptyText,
} from '@ykt/shared';
import { useRef, useState } from 'react';
import { usePayments } from '../../api/reads';
import { AppButton } from '../../components/AppButton';
import { Radio } from '../../components/Choosable';
import { Digits } from '../../components/Digits';
import { Kv } from '../../components/Kv';
import { Loaded } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { PageHeader } from '../../components/PageHeader';
import { cx } from '../../utils/cx';
import { PAGES, withQuery } from '../../utils/nav';
import '../../components/Items.scss';
import './index.scss';

/**
 * 发放记录: what was paid into the person's 一卡通 account, for what, when and into which card, a year at a
 * time: the year's total and count, the totals per 补贴项目, then every line newest first. A failed line says the
 * bank's reason and leads to its 无效卡 notice and to 变更卡.
 */
export default function PaymentsPage() {
  const [year, setYear] = useState<number | undefined>(undefined);
  const read = usePayments(year);
  // Shown again (back from 变更卡 or a notice): read again, a new batch may have arrived meanwhile.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void read.mutate();
    shown.current = true;
  });
  return (
    <Page className="payments-page">
      <PageHeader title="发放记录" back />
      <Loaded read={read} loadingText="正在查询发放记录…">
        {(page) => <YearOfPayments page={page} onYear={setYear} />}
      </Loaded>
    </Page>
  );
}

function YearOfPayments({ page, onYear }: { page: PaymentYearPage; onYear: (year: number) => void }) {
  const years = page.years.includes(page.year) ? page.years : [page.year, ...page.years];
  return (
    <>
      {years.length > 1 && (
        <View className="year-switch" role="radiogroup" aria-label="年份">
          {years.map((y) => (
            <Radio key={y} chosen={y === page.year} look="year-chip" onChoose={() => onYear(y)}>
              {y}年
            </Radio>
          ))}
        </View>
      )}

      {page.items.length === 0 ? (
        <View className="section pay-empty" role="status">
          <View className="pay-empty-title">{PAYMENTS_EMPTY_TITLE}</View>
          <View className="pay-empty-text">{paymentsEmptyText(page.year)}</View>
          <View className="help-text">{HELP_TEXT}</View>
        </View>
      ) : (
        <>
          <View className="section pay-summary" aria-label={`${page.year}年合计`}>
            <View className="pay-summary-year">{page.year}年已发放</View>
            <View className="pay-summary-total">{formatMoney(page.totalFen)}</View>
            <View className="pay-summary-count">共 {page.count} 笔</View>
            {page.failedCount > 0 && (
              <View className="pay-summary-failed">
                另有 {page.failedCount} 笔发放失败（{formatMoney(page.failedFen)}），未到账
              </View>
            )}
            <View className="pay-items" role="list" aria-label="按补贴项目">
              {page.byItem.map((i) => (
                <View key={i.itemCode} className="pay-item" role="listitem">
                  <Text className="pay-item-name">{i.itemName}</Text>
                  <Text className="pay-item-total">
                    {formatMoney(i.totalFen)}
                    <Text className="pay-item-count">（{i.count}笔）</Text>
                  </Text>
                  {i.failedCount > 0 && <Text className="pay-item-failed">失败 {i.failedCount} 笔</Text>}
                </View>
              ))}
            </View>
          </View>

          <View className="pay-lines-title">每笔发放（最新在前）</View>
          {page.items.map((p) => (
            <PaymentLine key={p.id} p={p} />
          ))}
        </>
      )}
    </>
  );
}

function PaymentLine({ p }: { p: PaymentRecord }) {
  const failed = p.status === 'failed';
  const advice = failed ? bankProblemAdvice(p.failureReason) : undefined;
  const status = paymentStatusLabel(p.status);
  return (
    <View className={cx('item', 'pay-line', failed && 'pay-line-failed')}>
      <View className="item-head">
        <Text className="item-head-title">{p.itemName}</Text>
        <Text className={`tag ${failed ? 'tag-failed' : 'tag-approved'}`}>{status}</Text>
      </View>
      {/* Plain lines, no labels: what each says is plain from the words (期号, 金额, time, district, card). */}
      <View className="pay-row">
        <Text className="pay-period">期号：{p.period}</Text>
        <Text className="pay-amount">
          {formatMoney(p.amountFen)}
          {failed && <Text className="pay-amount-note">未到账</Text>}
        </Text>
      </View>
      <View className="pay-meta">
        <Text>{formatTime(p.paidAt, { seconds: false })}</Text>
        <Text>{p.districtName}</Text>
      </View>
      <View className="pay-meta">
        <Text>{p.bankName}</Text>
        <Digits className="pay-account" text={displayAccount(p.accountNumber)} />
      </View>
      {failed && (
        <View className="pay-failure">
          <Kv k="失败原因">{p.failureReason ?? '银行退回'}</Kv>
          {advice && <Kv k="下一步">{advice}</Kv>}
          <View className="pay-line-actions">
            {p.notificationId !== null && (
              <AppButton
                kind="outline"
                onClick={() =>
                  void Taro.reLaunch({
                    url: withQuery(PAGES.card, { tab: 'notices', notice: p.notificationId ?? undefined }),
                  })
                }
              >
                查看无效卡通知
              </AppButton>
            )}
            <AppButton
              onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.change, { district: p.districtCode }) })}
            >
              变更卡
            </AppButton>
          </View>
        </View>
      )}
    </View>
  );
}
