/**
 * axe-core (the WCAG rules engine) on the key screens of all three front ends, normal and 长辈版: no serious or
 * critical violation (contrast, labels, names of buttons and links, ARIA). Elderly people read these screens.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { citizenToken, newDesktopPage, settled, TAN_MEI, useStackAndBrowser } from './harness.ts';
import { login, openPhone } from './mobileApp.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const env = useStackAndBrowser();

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Serious and critical WCAG 2.x A/AA violations on the page as it ends up: pointer parked, after fonts and every
 * finite animation are done (a dialog read mid fade-in has washed-out colours). axe goes in through DevTools, not a <script>: the
 * pages' CSP allows no inline script, and must not be loosened for a test.
 */
async function violations(page: Page, exclude: string[] = [], pointerOn?: Locator): Promise<string[]> {
  // At rest: the pointer off the button just clicked (else axe reads its hover colours or not, depending on when
  // Chromium re-checks hover after the page grew beneath the pointer); or, on purpose, on `pointerOn` (its hover
  // colours must pass too).
  if (pointerOn) await pointerOn.hover();
  else await page.mouse.move(0, 0);
  await settled(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const found = (await page.evaluate(async (exclude) => {
    type Axe = { run(context: object, options: object): Promise<{ violations: unknown[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const r = await axe.run(
      { exclude: exclude.map((s) => [s]) },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return r.violations;
  }, exclude)) as Violation[];
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1).join(' ')}`),
    );
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  test('mobile: login, card face, 系统通知, 变更卡 form, normal and 长辈版', async () => {
    const page = await openPhone(env.browser);
    await page.goto(`${env.stack.baseUrl}/m/`);
    await page.getByRole('button', { name: /^冉桂英/ }).waitFor();
    const found: string[] = [...(await violations(page)).map((v) => `login: ${v}`)];
    await login(page, env.stack.baseUrl, '冉桂英');
    found.push(...(await violations(page)).map((v) => `card: ${v}`));
    await page.getByRole('tab', { name: /系统通知/ }).click();
    found.push(...(await violations(page)).map((v) => `notices: ${v}`));
    await page.getByRole('switch', { name: /长辈版/ }).click();
    found.push(...(await violations(page)).map((v) => `card 长辈版: ${v}`));
    // By keyboard too (a PC's, or a switch device's): the app's buttons take focus, and Enter presses them.
    const change = page.getByRole('button', { name: '变更申请' }).first();
    await change.focus();
    expect(await change.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: '社保卡号' }).waitFor();
    found.push(...(await violations(page)).map((v) => `change 长辈版: ${v}`));
    // 发放记录, 长辈版 and normal: her failed line with its links.
    await page.goto(`${env.stack.baseUrl}/m/#/pages/payments/index`);
    await page.locator('.pay-line-failed').first().waitFor();
    found.push(...(await violations(page)).map((v) => `payments 长辈版: ${v}`));
    await page.evaluate(() => localStorage.removeItem('ykt.elderMode'));
    await page.reload();
    await page.locator('.pay-line-failed').first().waitFor();
    found.push(...(await violations(page)).map((v) => `payments: ${v}`));
    expect(found).toEqual([]);
  }, 120_000);

  test('mobile: 事项办理 folded and opened, a group of failures, the timeline', async () => {
    const page = await openPhone(env.browser);
    await login(page, env.stack.baseUrl, '周建国');
    await page.locator('.item-line').first().waitFor();
    const found = (await violations(page)).map((v) => `requests: ${v}`);
    for (const head of await page.locator('.item-line-head').all()) await head.click();
    await page.locator('.timeline').first().waitFor();
    found.push(...(await violations(page)).map((v) => `requests opened: ${v}`));
    expect(found).toEqual([]);
  }, 120_000);

  test('PC: QR login, 基本信息 (变更申请 hovered), 账户变更 with its errors (提交 hovered), 发放记录, 办理完结, 办理中', async () => {
    const page = await newDesktopPage(env.browser);
    await page.goto(`${env.stack.baseUrl}/pc`);
    await page.getByRole('img', { name: /二维码/ }).waitFor();
    const found = (await violations(page)).map((v) => `qr: ${v}`);
    const token = await citizenToken(env.stack, TAN_MEI);
    await page.evaluate((t) => sessionStorage.setItem('ykt.portal.token', t), token);
    // A session the QR login would have handed over (the QR flow itself is e2e/pc.test.ts).
    await page.goto(`${env.stack.baseUrl}/web/portal.html#/basic`);
    await page.reload();
    await page.getByText('账户信息').first().waitFor();
    found.push(...(await violations(page)).map((v) => `basic: ${v}`));
    // With the pointer on the primary button (its hover colour).
    const changeButton = page.getByRole('button', { name: '变更申请' });
    found.push(...(await violations(page, [], changeButton)).map((v) => `basic, 变更申请 hovered: ${v}`));
    expect(await changeButton.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(23, 79, 156)');
    // 账号变更 with every field's error showing (an empty submit).
    await page.getByRole('menuitem', { name: '账户变更' }).click();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('请输入社保卡号').first().waitFor();
    found.push(...(await violations(page)).map((v) => `change: ${v}`));
    found.push(
      ...(await violations(page, [], page.getByRole('button', { name: '提交' }))).map(
        (v) => `change, 提交 hovered: ${v}`,
      ),
    );
    // 发放记录, 办理完结 opened, 办理中 with the confirmation of a request just made.
    await page.getByRole('menuitem', { name: '发放记录' }).click();
    await page.getByTestId('pay-summary').waitFor();
    found.push(...(await violations(page)).map((v) => `payments: ${v}`));
    await page.getByRole('menuitem', { name: '办理完结' }).click();
    await page.locator('.ykb-finished, .ykb-page .ant-empty').first().waitFor();
    for (const head of await page.locator('.ykb-finished-head').all()) await head.click();
    found.push(...(await violations(page)).map((v) => `finished: ${v}`));
    const res = await fetch(`${env.stack.baseUrl}/api/me/change-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        cardType: 'bank_card',
        accountNumber: '6212583000527313',
        bankCode: 'CRCBANK',
        districtCode: '500105',
        consent: true,
      }),
    });
    const made = (await res.json()) as { id: number; status: string };
    expect(res.status, JSON.stringify(made)).toBe(201);
    expect(made.status).toBe('pending');
    // Made through the API: a reload, so the page reads the list anew (the form itself refreshes it before going on).
    await page.goto(`${env.stack.baseUrl}/web/portal.html#/pending?submitted=${made.id}`);
    await page.reload();
    await page.getByText('变更申请已提交，等待审核').waitFor();
    found.push(...(await violations(page)).map((v) => `pending: ${v}`));
    expect(found).toEqual([]);
  }, 120_000);

  test('review console: login, the queue, the before/after detail', async () => {
    const page = await newDesktopPage(env.browser);
    await page.goto(`${env.stack.baseUrl}/review`);
    await page.getByLabel('用户名').waitFor();
    const found = (await violations(page)).map((v) => `login: ${v}`);
    await page.getByLabel('用户名').fill('jiangbei');
    await page.getByLabel('密码').fill('jiangbei-demo-2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('渝快办账号变更').first().waitFor();
    // antd's tab strip puts its own scroll and "more" controls inside role=tablist (aria-required-children):
    // its markup, not ours; everything else on the page is checked.
    found.push(...(await violations(page, ['.ant-tabs-nav'])).map((v) => `queue: ${v}`));
    // The detail with 变更后 / 变更前 side by side (陈静's pending change in the demo data).
    await page.locator('.ant-table-row').first().dblclick();
    await page.getByRole('dialog').getByTestId('snapshot-after').waitFor();
    found.push(...(await violations(page, ['.ant-tabs-nav'])).map((v) => `detail: ${v}`));
    expect(found).toEqual([]);
  }, 120_000);

  test('review console, wave 3: 申请失败, the approval confirmation, a refused search, 发放记录, 操作日志, 消息发送记录, 审核时限, 经办人账号', async () => {
    const page = await newDesktopPage(env.browser, { viewport: { width: 1366, height: 768 } });
    await page.goto(`${env.stack.baseUrl}/review`);
    await page.getByLabel('用户名').fill('chongqing');
    await page.getByLabel('密码').fill('chongqing-demo-2026');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const tab = page.getByRole('tabpanel');
    const rows = tab.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const found: string[] = [];
    const check = async (name: string) =>
      found.push(...(await violations(page, ['.ant-tabs-nav'])).map((v) => `${name}: ${v}`));
    const search = async () => {
      const answer = page.waitForResponse((r) => r.url().includes('/api/review/change-requests?'));
      await tab.getByRole('button', { name: '查询', exact: true }).click();
      await answer;
    };

    // A 申请失败 request, read-only.
    await tab.getByRole('radio', { name: '申请失败', exact: true }).check();
    await search();
    await rows.first().dblclick();
    await page.getByTestId('failure-reason').waitFor();
    await check('failed detail');
    await page.keyboard.press('Alt+C');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    // 通过 asks to confirm the old → new account.
    await tab.getByRole('radio', { name: '待审核', exact: true }).check();
    await search();
    await rows.first().dblclick();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('snapshot-after').waitFor();
    await dialog.getByRole('radio', { name: '通过', exact: true }).check();
    await dialog.getByRole('button', { name: /保存/ }).click();
    const confirm = page.getByRole('dialog', { name: '确认审核通过？' });
    await confirm.getByTestId('approve-confirm').waitFor();
    await check('approve confirmation');
    await confirm.getByRole('button', { name: '返回修改' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.keyboard.press('Alt+C');
    await dialog.waitFor({ state: 'hidden' });

    // A refused search: the field's words under it, the grid empty.
    await tab.getByLabel('身份证号', { exact: true }).fill('12345');
    await search();
    await tab.getByRole('alert').first().waitFor();
    await check('refused search');

    await page.getByRole('menuitem', { name: '一卡通账号' }).click();
    await rows.first().waitFor();
    await check('accounts');
    await rows.filter({ hasText: '冉桂英' }).getByRole('button', { name: '发放记录' }).click();
    await page.getByTestId('payments-summary').waitFor();
    await check('payments');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    for (const label of ['操作日志', '消息发送记录', '审核时限', '经办人账号']) {
      await page.getByRole('menuitem', { name: label }).click();
      await page.getByRole('tab', { name: label, selected: true }).waitFor();
      await tab.locator('.ant-table-tbody').first().waitFor();
      await tab.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
      await check(label);
    }
    await rows.filter({ hasText: 'jiangbei' }).getByRole('button', { name: '停用' }).click();
    await page.getByRole('tooltip').filter({ hasText: '立即失效' }).waitFor();
    await check('disable confirmation');
    expect(found).toEqual([]);
  }, 120_000);
});
