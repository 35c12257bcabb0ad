/**
 * 发放记录 on the phone (375×812, normal and 长辈版) and on the PC (1366×768). The journey: the
 * 一卡通 system posts a batch with a failed line for 谭梅 (her card is frozen) → her phone shows the 失败 line and the
 * 无效卡 notice it caused → from the line she changes the card → the caseworker approves (API) → the next batch pays
 * into the new card and the page shows it. Also: the year switcher and totals (冉桂英's three years), the empty,
 * loading and error states. Screenshots: docs/screenshots/mobile-payments*.png, pc-payments.png.
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildPaymentBatch, postPaymentBatch } from '../scripts/sandbox/src/paymentBatches.ts';
import { STACK_SERVICE_KEY } from '../scripts/stack.ts';
import {
  caseworkerToken,
  citizenToken,
  newDesktopPage,
  screenshotDir,
  settled,
  TAN_MEI,
  useStackAndBrowser,
} from './harness.ts';
import { button, fillChange, login, openPhone, shot, text } from './mobileApp.ts';

const TAN_OLD_CARD = '6212583000182465';
const TAN_NEW_CRC = '6212583000527313';
const RAN_GUIYING = '冉桂英';

const env = useStackAndBrowser();

/** This year in Chongqing, as the BFF files payments by year. */
const thisYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/** The 一卡通 system posts one batch of 谭梅's for 江北区, as the sandbox builds it (payments.md). */
async function postTanBatch(opts: {
  itemCode: string;
  accountNumber: string;
  amountFen: number;
  failed?: { code: 'ACCOUNT_FROZEN'; reason: string };
}) {
  const batch = buildPaymentBatch({
    districtCode: '500105',
    itemCode: opts.itemCode,
    period: `${thisYear()}年度`,
    paidAt: new Date(Date.now() - 60_000).toISOString(),
    lines: [
      {
        idNumber: TAN_MEI.idNumber,
        name: TAN_MEI.name,
        bankCode: 'CRCBANK',
        accountNumber: opts.accountNumber,
        amountFen: opts.amountFen,
        ...(opts.failed
          ? { result: 'failed' as const, failureCode: opts.failed.code, failureReason: opts.failed.reason }
          : { result: 'paid' as const }),
      },
    ],
  });
  const posted = await postPaymentBatch({ bffUrl: env.stack.baseUrl, serviceKey: STACK_SERVICE_KEY }, batch);
  expect(posted.status, JSON.stringify(posted.answer)).toBe(200);
  return posted.answer as { paid: number; failed: number; invalidated: number };
}

async function openPayments(page: import('playwright-core').Page) {
  await button(page, '发放记录').first().click();
  await page.waitForURL(/#\/pages\/payments\/index/);
  await page.locator('.pay-summary, .pay-empty').first().waitFor();
}

describe('发放记录', () => {
  test('a failed payment shows as 失败 with its 无效卡 notice; the card is changed; the next batch pays into the new card', async () => {
    const answer = await postTanBatch({
      itemCode: 'ZLNM',
      accountNumber: TAN_OLD_CARD,
      amountFen: 12_000,
      failed: { code: 'ACCOUNT_FROZEN', reason: '账户已冻结' },
    });
    // A frozen card is unusable: both of her districts' accounts (one card) become 无效卡.
    expect(answer).toMatchObject({ paid: 0, failed: 1, invalidated: 2 });

    const page = await openPhone(env.browser);
    await login(page, env.stack.baseUrl, TAN_MEI.name);
    const face = page.locator('.card').first();
    expect(await text(face)).toContain('无效卡');
    expect(await text(face.locator('.card-districts-names'))).toBe('江北区、重庆市');
    // The bank must be asked about a frozen card: said on the face.
    expect(await text(face)).toContain('该账户已冻结 — 请联系开户银行');

    await openPayments(page);
    const year = thisYear();
    expect(await text(page.locator('.year-chip-on'))).toBe(`${year}年`);
    const summary = await text(page.locator('.pay-summary'));
    expect(summary).toContain(`${year}年已发放`);
    expect(summary).toContain('¥0.00');
    expect(summary).toContain('另有 1 笔发放失败（¥120.00），未到账');
    const failed = page.locator('.pay-line').first();
    const line = await text(failed);
    expect(line).toContain('实际种粮农民一次性补贴');
    expect(line).toContain(`期号：${year}年度`);
    expect(line).toContain('¥120.00未到账');
    expect(line).toContain('失败');
    expect(line).toContain('失败原因：账户已冻结');
    expect(line).toContain('下一步：该账户已冻结 — 请联系开户银行');
    expect(line).toContain('重庆农村商业银行');
    expect(line).toContain('6212 **** **** 2465');
    expect(line).toContain('江北区');
    await shot(page, 'payments-failed');

    // The 无效卡 notice it caused, opened from the line.
    await failed.getByRole('button', { name: '查看无效卡通知' }).click();
    await page.waitForURL(/#\/pages\/card\/index\?.*notice=\d+/);
    const notice = page.locator('.item-focus');
    await notice.waitFor();
    expect(await text(notice)).toContain('上卡失败');
    expect(await text(notice)).toContain('区县：江北区、重庆市');
    expect(await page.getByRole('tab', { name: /系统通知/ }).getAttribute('aria-selected')).toBe('true');

    // Back to the line, then 变更卡 from it: the form for that line's district.
    await openPayments(page);
    await page.locator('.pay-line').first().getByRole('button', { name: '变更卡' }).click();
    await page.waitForURL(/#\/pages\/change\/index\?district=500105/);
    expect(await page.getByRole('radio', { name: /江北区/ }).getAttribute('aria-checked')).toBe('true');
    await fillChange(page, { account: TAN_NEW_CRC, reason: '原卡被冻结' });
    await button(page, '提交').click();
    await page.getByText('申请已提交，等待审核').waitFor();
    // The old account is invalid: the confirmation does not promise payment into it meanwhile.
    const next = await text(page.locator('.outcome-next'));
    expect(next).toContain('原账户已无效，补贴暂时无法发放；审核通过后，补贴发放到新账户');
    expect(next).not.toContain('仍发放到原账户');

    // The caseworker of 江北区 approves.
    const cw = await caseworkerToken(env.stack, 'jiangbei', 'jiangbei-demo-2026');
    const queue = await fetch(`${env.stack.baseUrl}/api/review/change-requests?idNumber=${TAN_MEI.idNumber}`, {
      headers: { authorization: `Bearer ${cw}` },
    }).then((r) => r.json() as Promise<{ items: { id: number }[] }>);
    expect(queue.items).toHaveLength(1);
    const decision = await fetch(`${env.stack.baseUrl}/api/review/change-requests/${queue.items[0].id}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${cw}` },
      body: JSON.stringify({ result: 'approved', opinion: '同意' }),
    });
    expect(decision.status).toBe(200);

    // The next batch pays 江北区's 耕地地力保护补贴 into the new card.
    expect(await postTanBatch({ itemCode: 'GDDL', accountNumber: TAN_NEW_CRC, amountFen: 46_800 })).toMatchObject({
      paid: 1,
      failed: 0,
    });
    await page.goto(`${env.stack.baseUrl}/m/#/pages/payments/index`);
    await page.locator('.pay-summary').waitFor();
    await expect.poll(() => text(page.locator('.pay-line').first())).toContain('耕地地力保护补贴');
    const paid = await text(page.locator('.pay-line').first());
    expect(paid).toContain('¥468.00');
    expect(paid).toContain('成功');
    expect(paid).toContain('6212 **** **** 7313');
    expect(paid).toContain('江北区');
    expect(paid).not.toContain('未到账');
    const total = await text(page.locator('.pay-summary'));
    expect(total).toContain('¥468.00');
    expect(total).toContain('共 1 笔');
    expect(total).toContain('另有 1 笔发放失败');
    // Per 补贴项目, in the reference list's order.
    expect(await page.locator('.pay-item-name').allTextContents()).toEqual([
      '耕地地力保护补贴',
      '实际种粮农民一次性补贴',
    ]);
    await shot(page, 'payments-new-card');

    // The same on the PC: 发放记录 beside 基本信息 / 账户变更 / 办理中 / 办理完结.
    const pc = await newDesktopPage(env.browser, { viewport: { width: 1366, height: 768 } });
    const token = await citizenToken(env.stack, TAN_MEI);
    await pc.goto(`${env.stack.baseUrl}/pc`);
    await pc.evaluate((t) => sessionStorage.setItem('ykt.portal.token', t), token);
    await pc.goto(`${env.stack.baseUrl}/web/portal.html#/basic`);
    await pc.reload();
    await pc.getByRole('menuitem', { name: '发放记录' }).waitFor();
    expect(await pc.getByRole('navigation', { name: '功能导航' }).getByRole('menuitem').allTextContents()).toEqual([
      '基本信息',
      '账户变更',
      '办理中',
      '办理完结',
      '发放记录',
    ]);
    await pc.getByRole('menuitem', { name: '发放记录' }).click();
    await pc.getByTestId('pay-summary').waitFor();
    const rows = pc.locator('.ykb-pay-lines tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(/耕地地力保护补贴.*¥468\.00.*6212 \*{4} \*{4} 7313.*江北区.*成功/);
    expect(await rows.nth(1).textContent()).toMatch(/实际种粮农民一次性补贴.*¥120\.00.*2465.*失败.*账户已冻结/);
    await settled(pc);
    await pc.screenshot({ path: resolve(screenshotDir, 'pc-payments.png'), fullPage: true, animations: 'disabled' });
    // 查看无效卡通知 opens 基本信息 at that notice.
    await rows.nth(1).getByRole('button', { name: '查看无效卡通知' }).click();
    await pc.locator('.ykb-notice-focus').waitFor();
    expect(await pc.locator('.ykb-notice-focus').textContent()).toContain('上卡失败');
  }, 180_000);

  test('冉桂英 (长辈版): three years, the year switcher, totals per 补贴项目, the failed line behind her 无效卡', async () => {
    const page = await openPhone(env.browser);
    await page.goto(`${env.stack.baseUrl}/m/`);
    await page.getByRole('switch', { name: '长辈版' }).click();
    await page.getByRole('button', { name: new RegExp(`^${RAN_GUIYING}`) }).click();
    await page.locator('.card').first().waitFor();
    await openPayments(page);
    const years = await page.getByRole('radiogroup', { name: '年份' }).getByRole('radio').allTextContents();
    expect(years).toHaveLength(4);
    expect(years[0]).toBe(`${thisYear()}年`);
    // This year: her monthly 高龄 subsidy, the last month failed on the closed card.
    const failed = page.locator('.pay-line-failed').first();
    expect(await text(failed)).toContain('高龄失能老人养老服务补贴');
    expect(await text(failed)).toContain('账户已销户');
    expect(await failed.getByRole('button', { name: '查看无效卡通知' }).count()).toBe(1);
    const body = await page.evaluate(() =>
      Number.parseFloat(getComputedStyle(document.querySelector('.page') as HTMLElement).fontSize),
    );
    expect(body).toBeGreaterThanOrEqual(18);
    await shot(page, 'payments-elder');

    // Last year: 12 months of 高龄 and the yearly 耕地地力保护补贴; the totals are the lines' sums.
    await page.getByRole('radio', { name: `${thisYear() - 1}年` }).click();
    await expect.poll(() => text(page.locator('.year-chip-on'))).toBe(`${thisYear() - 1}年`);
    await page.locator('.pay-summary').waitFor();
    const amounts = (await page.locator('.pay-line:not(.pay-line-failed) .pay-amount').allTextContents()).map((t) =>
      Math.round(Number(t.replace(/[¥,]/g, '')) * 100),
    );
    const total = Math.round(Number((await text(page.locator('.pay-summary-total'))).replace(/[¥,]/g, '')) * 100);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(await text(page.locator('.pay-summary-count'))).toBe(`共 ${amounts.length} 笔`);
    expect(await page.locator('.pay-item-name').allTextContents()).toEqual([
      '耕地地力保护补贴',
      '高龄失能老人养老服务补贴',
    ]);

    // Normal size: the screenshot of the page as most people see it.
    await page.getByRole('button', { name: '返回上一页' }).click();
    await page.getByRole('switch', { name: '长辈版' }).click();
    await openPayments(page);
    await shot(page, 'payments');
  }, 120_000);

  test('empty, loading and error states say what they mean and how to go on', async () => {
    const page = await openPhone(env.browser);
    // 王宇 has no account, hence no payment: the page (opened by its address) says what that means.
    await login(page, env.stack.baseUrl, '王宇');
    await page.goto(`${env.stack.baseUrl}/m/#/pages/payments/index`);
    await page.getByText('暂无发放记录').waitFor();
    const empty = await text(page.locator('.pay-empty'));
    expect(empty).toContain(`${thisYear()}年没有补贴发放到您名下的“一卡通”账户`);
    expect(empty).toContain('12345');
    await shot(page, 'payments-empty');

    // Slow, then failing: a spinner with words, then the error with 重新加载, which recovers.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let asked = 0;
    await page.route('**/api/me/payments*', async (route) => {
      asked++;
      await held;
      await route.abort('internetdisconnected');
    });
    await page.reload();
    await page.getByText('正在查询发放记录…').waitFor();
    await shot(page, 'payments-loading');
    release();
    await page.getByText('网络连接失败，请检查网络后重试').waitFor();
    // The reads retry a lost answer twice by themselves (shared READ_RETRIES): wait until they have given up, so
    // the page stays on its error until the person taps 重新加载.
    await expect.poll(() => asked).toBe(3);
    await page.getByText('网络连接失败，请检查网络后重试').waitFor();
    await shot(page, 'payments-error');
    await page.unroute('**/api/me/payments*');
    await button(page, '重新加载').click();
    await page.getByText('暂无发放记录').waitFor();
  }, 90_000);
});
