/**
 * In a browser: the 一卡通 system reports a 上卡失败 for 谭梅's 江北区 account over the API; her phone then
 * shows that card as 无效卡 and the 系统通知 with the bank's words; she applies for a change from the invalid card,
 * a caseworker approves, and the card is valid again.
 */
import { describe, expect, test } from 'vitest';
import { STACK_SERVICE_KEY } from '../scripts/stack.ts';
import { apiOf, caseworkerToken, TAN_MEI, useStackAndBrowser } from './harness.ts';
import { button, fillChange, login, openPhone, shot, text } from './mobileApp.ts';

const TAN_NEW_CRC = '6212583000527313';
const BANK_MESSAGE = '上卡失败：银行退回，该账户状态异常';

const env = useStackAndBrowser();

const api = apiOf(env);

describe('上卡失败 -> 无效卡 and 系统通知 -> change -> valid again', () => {
  test('the citizen sees the failure on her phone and is led to a change that makes the card valid', async () => {
    const jiangbei = await caseworkerToken(env.stack, 'jiangbei', 'jiangbei-demo-2026');
    const found = await api<{ items: { id: number; districtCode: string; status: string }[] }>(
      'GET',
      `/api/review/accounts?idNumber=${TAN_MEI.idNumber}`,
      jiangbei,
    );
    const account = found.body.items.find((a) => a.districtCode === '500105');
    expect(account?.status).toBe('valid');

    // The 一卡通 system reports the failed payment with its service credential.
    const report = await api(
      'POST',
      `/api/review/accounts/${account?.id}/crediting-failures`,
      '',
      { message: BANK_MESSAGE },
      {
        'x-ykt-service-key': STACK_SERVICE_KEY,
      },
    );
    expect(report.status).toBe(200);

    const page = await openPhone(env.browser);
    await login(page, env.stack.baseUrl, TAN_MEI.name);
    // Two card faces now: 重庆市 still valid on the old card, 江北区 invalid.
    const invalidCard = page.locator('.card').filter({ hasText: '无效卡' });
    await invalidCard.waitFor();
    expect(await text(invalidCard)).toContain(BANK_MESSAGE);
    expect(await page.locator('.card').count()).toBe(2);
    expect(await text(page.locator('.card').filter({ hasNotText: '无效卡' }))).toContain('6212 **** **** 2465');

    await page.getByRole('tab', { name: /系统通知，1条未读/ }).click();
    const notice = page.locator('.item').first();
    expect(await text(notice)).toContain(BANK_MESSAGE);
    expect(await text(notice)).toContain('江北区');
    expect(await text(notice)).toContain('未读');
    await shot(page, 'invalidated');

    // 变更申请 from the invalid card opens the form for its district.
    await invalidCard.getByRole('button', { name: '变更申请' }).click();
    await page.waitForURL(/#\/pages\/change\/index/);
    await fillChange(page, { account: TAN_NEW_CRC, district: '江北区', reason: '旧卡上卡失败，换新卡' });
    await button(page, '提交').click();
    await page.getByText('申请已提交，等待审核').waitFor();

    const queue = await api<{ items: { id: number }[] }>(
      'GET',
      `/api/review/change-requests?idNumber=${TAN_MEI.idNumber}`,
      jiangbei,
    );
    expect(queue.body.items).toHaveLength(1);
    const decision = await api('POST', `/api/review/change-requests/${queue.body.items[0].id}/decision`, jiangbei, {
      result: 'approved',
      opinion: '同意变更',
    });
    expect(decision.status).toBe(200);

    await page.goto(`${env.stack.baseUrl}/m/#/pages/card/index`);
    await expect
      .poll(() =>
        page
          .locator('.card')
          .allTextContents()
          .then((t) => t.join('\n')),
      )
      .toContain('6212 **** **** 7313');
    expect(await page.locator('.card').filter({ hasText: '无效卡' }).count()).toBe(0);
    const renewed = page.locator('.card').filter({ hasText: '7313' });
    expect(await text(renewed)).toContain('有效');
    expect(await text(renewed)).toContain('来源：渝快办');
  }, 180_000);
});
