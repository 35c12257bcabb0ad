/**
 * The caseworker console's later screens (the guarded decision, 申请失败, 发放记录, 审核时限, 消息发送记录, 经办人账号),
 * in Debian Chromium at 1366×768 against
 * the real stack (BFF + sandbox + demo data):
 * - every menu page of both caseworkers loads with no failed request and no console error or warning;
 * - 申请失败 under its own filter, read-only, with the bank's reason;
 * - a refused search names the field and why, under that field, and shows no old rows;
 * - the lock of an account opens the pending request; a decision on a request withdrawn meanwhile says so;
 * - 审核时限 per district, as the citizen is then told; an approval confirmed with old → new account;
 *   消息发送记录 of that approval; 操作日志 in words, filtered by Chinese action names, within 1366 px;
 * - 发放记录 of an account, by year and 补贴项目, in ¥1,234.56;
 * - 经办人账号: 停用 ends that caseworker's sessions at once, 启用 lets them in again; 退出所有设备.
 *
 * Screenshots go to docs/screenshots/review-*.png.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatMoney } from '../shared/src/client/display/money.ts';
import {
  CHEN_JING,
  caseworkerToken,
  citizenToken,
  LI_QIANG,
  newDesktopContext,
  settled,
  useStackAndBrowser,
} from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SHOTS = resolve(here, '../docs/screenshots');
const VIEWPORT = { width: 1366, height: 768 };

/** Demo people of the sandbox's world (scripts/sandbox/src/demoWorld.ts); synthetic. */
const ZHOU_JIANGUO_ID = '500101196709151314'; // 万州区: approved, rejected and one 申请失败 (closed card)
const RAN_GUIYING_ID = '500242195203080465'; // 酉阳县: 高龄 monthly, the last one failed (her 无效卡)

const CASEWORKERS = {
  jiangbei: { username: 'jiangbei', password: 'jiangbei-demo-2026' },
  chongqing: { username: 'chongqing', password: 'chongqing-demo-2026' },
};

const env = useStackAndBrowser();
let context: BrowserContext;
let page: Page;

async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${env.stack.baseUrl}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function shot(name: string) {
  // Let toasts of earlier steps go (motion is off: reduced motion), so the picture shows the page itself.
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 8_000 })
    .catch(() => {});
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0)); // the page from its top bar, as the caseworker sees it
  await settled(page);
  await page.screenshot({ path: resolve(SHOTS, `review-${name}.png`), animations: 'disabled' });
}

/** The page of the active console tab (inactive panes are aria-hidden). */
const activeTab = (p: Page = page): Locator => p.getByRole('tabpanel');
const gridRows = (scope: Locator): Locator => scope.locator('.ant-table-tbody tr.ant-table-row');

async function login(p: Page, who: keyof typeof CASEWORKERS) {
  const c = CASEWORKERS[who];
  await p.goto(`${env.stack.baseUrl}/review`);
  await p.getByLabel('用户名').fill(c.username);
  await p.getByLabel('密码').fill(c.password);
  await p.getByRole('button', { name: '登录', exact: true }).click();
  await p.getByTestId('caseworker-name').waitFor();
}

async function openMenu(p: Page, label: string): Promise<Locator> {
  await p.getByRole('menuitem', { name: label }).click();
  await p.getByRole('tab', { name: label, selected: true }).waitFor();
  return activeTab(p);
}

/** Presses 查询 in the active tab and waits for the list's answer; returns its status. */
async function query(scope: Locator, path: string): Promise<number> {
  const answer = page.waitForResponse((r) => r.url().includes(`${path}?`) && r.request().method() === 'GET');
  await scope.getByRole('button', { name: '查询', exact: true }).click();
  return (await answer).status();
}

/** Picks an option of the open antd Select dropdown by its words. */
async function pickOption(p: Page, words: string) {
  await p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(words, { exact: true }).click();
}

/** Everything a person (or the browser's console) would see go wrong on a page: failed requests, errors, warnings. */
function watch(p: Page): () => string[] {
  const problems: string[] = [];
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  p.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  p.on('requestfailed', (r) => problems.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`));
  return () => problems;
}

describe('caseworker console, wave 3', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    context = await newDesktopContext(env.browser, { viewport: VIEWPORT });
    page = await context.newPage();
  });

  // A failed step leaves a picture of the page in e2e/.out/ (not committed), to see what the browser saw.
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      mkdirSync(resolve(here, '.out'), { recursive: true });
      const name = task.name.replace(/[^\w\u4e00-\u9fa5]+/g, '-').slice(0, 60);
      await page?.screenshot({ path: resolve(here, '.out', `console-failed-${name}.png`) }).catch(() => {});
    });
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
  });

  it('every menu page of both caseworkers: no 404 or other failed request, no console error or warning', async () => {
    const own = await newDesktopContext(env.browser, { viewport: VIEWPORT });
    const p = await own.newPage();
    const problems = watch(p);

    await login(p, 'chongqing');
    await gridRows(activeTab(p)).first().waitFor();
    // The detail of a request, and its 发放记录 through the account.
    await gridRows(activeTab(p)).first().dblclick();
    await p.getByRole('dialog').getByTestId('snapshot-after').waitFor();
    await p.keyboard.press('Alt+C');
    await p.getByRole('dialog').waitFor({ state: 'hidden' });
    const waits: Record<string, (tab: Locator) => Promise<unknown>> = {
      一卡通账号: (tab) => gridRows(tab).first().waitFor(),
      账户验证: (tab) => tab.getByText('验证记录', { exact: true }).waitFor(),
      操作日志: (tab) => gridRows(tab).first().waitFor(),
      消息发送记录: (tab) => tab.locator('.ant-table-tbody').waitFor(),
      审核时限: (tab) => gridRows(tab).first().waitFor(),
      经办人账号: (tab) => gridRows(tab).first().waitFor(),
    };
    for (const [label, ready] of Object.entries(waits)) {
      const tab = await openMenu(p, label);
      await ready(tab);
      await tab.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    }
    const accounts = await openMenu(p, '一卡通账号');
    await gridRows(accounts).first().getByRole('button', { name: '发放记录' }).click();
    await p.getByTestId('payments-summary').waitFor();
    await p.getByRole('dialog').locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await p.getByRole('button', { name: '退出', exact: true }).click();
    await p.getByText('您已安全退出').waitFor();

    // The district caseworker's menu: three pages.
    await login(p, 'jiangbei');
    await gridRows(activeTab(p)).first().waitFor();
    expect(await p.getByRole('menuitem').allInnerTexts()).toEqual(['账号变更审核', '一卡通账号', '账户验证']);
    await gridRows(await openMenu(p, '一卡通账号'))
      .first()
      .waitFor();
    await (await openMenu(p, '账户验证')).getByText('验证记录', { exact: true }).waitFor();
    await settled(p);
    expect(problems()).toEqual([]);
    await own.close();
  });

  it('申请失败: attempts the bank refused are found under their own filter, read-only, with the bank’s reason', async () => {
    await login(page, 'chongqing');
    const tab = activeTab();
    await tab.getByRole('radio', { name: '申请失败', exact: true }).check();
    expect(await query(tab, '/api/review/change-requests')).toBe(200);
    await expect.poll(() => gridRows(tab).count()).toBe(1);
    const row = gridRows(tab).first();
    expect(await row.innerText()).toContain('申请失败');
    expect(await row.innerText()).toContain('周建国');
    expect(await tab.locator('.rv-grid .ant-card-head').innerText()).toContain('申请失败');

    await row.dblclick();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('failure-reason').waitFor();
    expect(await dialog.getByTestId('failure-reason').innerText()).toBe(
      '银行验证未通过：该账户已销户，请换一张本人名下正常使用的银行卡',
    );
    expect(await dialog.getByTestId('verification').innerText()).toContain('银行验证未通过：该账户已销户');
    expect(await dialog.getByTestId('channel').innerText()).toBe('手机');
    // Read-only: no 审核结果, no 审核意见, no 保存.
    expect(await dialog.getByRole('radio').count()).toBe(0);
    expect(await dialog.getByRole('textbox').count()).toBe(0);
    expect(await dialog.getByRole('button', { name: /保存/ }).count()).toBe(0);
    await shot('failed');
    await page.keyboard.press('Alt+C');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('a refused search names the field and why, under that field, and shows none of the old rows', async () => {
    const tab = activeTab();
    // The name fields say what they match.
    expect(await tab.getByText('按全名或姓名开头查找').count()).toBe(2);
    await tab.getByRole('radio', { name: '显示完结', exact: true }).check();
    await tab.getByLabel('姓名', { exact: true }).fill('周');
    expect(await query(tab, '/api/review/change-requests')).toBe(200);
    await expect.poll(() => gridRows(tab).count()).toBe(2);
    expect(await tab.locator('.rv-grid .ant-card-extra').innerText()).toBe('共 2 条');

    await tab.getByLabel('身份证号', { exact: true }).fill('12345');
    expect(await query(tab, '/api/review/change-requests')).toBe(400);
    await expect.poll(() => gridRows(tab).count()).toBe(0);
    // The BFF's words under 身份证号 (the form item of that field), and the grid says it did not query.
    const idItem = tab.locator('.ant-form-item').filter({ has: page.getByLabel('身份证号', { exact: true }) });
    await idItem.getByText('请输入完整的18位身份证号码，或身份证号码后4位').waitFor();
    await tab.getByRole('alert').filter({ hasText: '查询条件有误，未查询' }).waitFor();
    await tab.getByText('查询条件有误，未查询', { exact: true }).waitFor();
    expect(await tab.locator('.rv-grid .ant-card-extra').innerText()).toBe('');
    await shot('search-refused');

    // Put right, the rows come back and the words go.
    await tab.getByLabel('身份证号', { exact: true }).fill(ZHOU_JIANGUO_ID.slice(-4));
    expect(await query(tab, '/api/review/change-requests')).toBe(200);
    await expect.poll(() => gridRows(tab).count()).toBe(2);
    await expect.poll(() => idItem.getByText('请输入完整的18位身份证号码，或身份证号码后4位').count()).toBe(0);
    expect(await tab.getByRole('alert').count()).toBe(0);
  });

  it('the lock of an account opens its pending request; deciding one the citizen withdrew meanwhile says so', async () => {
    const accounts = await openMenu(page, '一卡通账号');
    await accounts.getByLabel('身份证号', { exact: true }).fill(CHEN_JING.idNumber);
    expect(await query(accounts, '/api/review/accounts')).toBe(200);
    await expect.poll(() => gridRows(accounts).count()).toBe(1);
    const lock = gridRows(accounts).first().getByTestId('locked');
    const lockText = await lock.innerText();
    expect(lockText).toContain('变更待审核，已锁定');
    const requestId = Number(/查看申请 #(\d+)/.exec(lockText)?.[1]);
    expect(requestId).toBeGreaterThan(0);

    await lock.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('snapshot-after').waitFor();
    expect(await dialog.innerText()).toContain('账号变更审核 — 陈静（江北区）');
    expect(await dialog.getByText('待审核').count()).toBeGreaterThan(0);

    // 陈静 withdraws on her phone while the caseworker reads.
    const chen = await citizenToken(env.stack, CHEN_JING);
    expect((await api(`/api/me/change-requests/${requestId}/withdraw`, chen, { method: 'POST' })).status).toBe(200);

    await dialog.getByRole('radio', { name: '不通过', exact: true }).check();
    await dialog.getByLabel('审核意见').fill('请本人到镇街核实');
    const decided = page.waitForResponse((r) => r.url().endsWith(`/api/review/change-requests/${requestId}/decision`));
    await dialog.getByRole('button', { name: /保存/ }).click();
    expect((await decided).status()).toBe(409);
    const stale = dialog.getByTestId('stale-decision');
    await stale.waitFor();
    expect(await stale.innerText()).toMatch(/该申请已被申请人于\d{4}-\d{2}-\d{2} \d{2}:\d{2}撤销/);
    await dialog.getByText('撤销信息').waitFor();
    expect(await dialog.getByRole('button', { name: /保存/ }).count()).toBe(0);
    await shot('stale');
    await page.keyboard.press('Alt+C');
    await dialog.waitFor({ state: 'hidden' });
    // The row was read again: no lock any more.
    await expect.poll(() => gridRows(accounts).first().getByTestId('locked').count()).toBe(0);
  });

  it('审核时限: the municipal caseworker sets a district’s usual review time, and the citizen is told it', async () => {
    const tab = await openMenu(page, '审核时限');
    await gridRows(tab).first().waitFor();
    expect(await gridRows(tab).count()).toBeGreaterThan(30);
    await tab.getByRole('textbox', { name: '查找区县' }).fill('万州');
    await expect.poll(() => gridRows(tab).count()).toBe(1);
    const row = gridRows(tab).first();
    expect(await row.innerText()).toContain('（默认）');
    const input = row.getByRole('spinbutton', { name: '万州区审核时限（工作日）' });
    expect(await input.inputValue()).toBe('5');
    await input.fill('7');
    const saved = page.waitForResponse((r) => r.url().includes('/api/review/settings/review-days/500101'));
    await row.getByRole('button', { name: '保存万州区审核时限' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('已将万州区的审核时限设为 7 个工作日').waitFor();
    await expect.poll(() => row.getByRole('button', { name: '保存万州区审核时限' }).isDisabled()).toBe(true);
    expect(await row.innerText()).not.toContain('（默认）');
    await tab.getByRole('textbox', { name: '查找区县' }).fill('');
    await shot('review-days');

    // 李强 (万州区) is told 7 working days for his pending change.
    const li = await citizenToken(env.stack, LI_QIANG);
    const mine = await api<{ items: Array<{ status: string; reviewDays: number | null }> }>(
      '/api/me/change-requests',
      li,
    );
    expect(mine.body.items.find((r) => r.status === 'pending')?.reviewDays).toBe(7);
  });

  it('通过 is confirmed with old → new account; the message that went out is in 消息发送记录', async () => {
    const queue = await openMenu(page, '账号变更审核');
    await queue.getByRole('radio', { name: '待审核', exact: true }).check();
    await queue.getByLabel('姓名', { exact: true }).fill('');
    await queue.getByLabel('身份证号', { exact: true }).fill(LI_QIANG.idNumber);
    expect(await query(queue, '/api/review/change-requests')).toBe(200);
    await expect.poll(() => gridRows(queue).count()).toBe(1);
    expect(await gridRows(queue).first().innerText()).toContain('电脑'); // he applied from the PC
    await gridRows(queue).first().dblclick();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('snapshot-after').waitFor();
    expect(await dialog.getByTestId('channel').innerText()).toBe('电脑');
    await dialog.getByRole('radio', { name: '通过', exact: true }).check();
    await dialog.getByRole('button', { name: /保存/ }).click();
    const confirm = page.getByRole('dialog', { name: '确认审核通过？' });
    const accountsText = await confirm.getByTestId('approve-confirm').innerText();
    expect(accountsText).toMatch(/原账户\s*中国邮政储蓄银行 6217 \*{4} \*{4} 8709/);
    expect(accountsText).toMatch(/新账户\s*重庆农村商业银行 6212 \*{4} \*{4} 8206/);
    const decided = page.waitForResponse((r) => r.url().includes('/decision'));
    await confirm.getByRole('button', { name: '确认通过' }).click();
    expect((await decided).status()).toBe(200);
    await page.getByText('审核完成：已通过').waitFor();
    await expect.poll(() => gridRows(queue).count()).toBe(0);

    const outbox = await openMenu(page, '消息发送记录');
    await expect.poll(() => gridRows(outbox).count()).toBeGreaterThan(0);
    const first = await gridRows(outbox).first().innerText();
    expect(first).toContain('变更审核通过');
    expect(first).toMatch(/138\*{4}0106/); // 李强's mobile, masked
    expect(first).toMatch(/待发送|已发送|发送失败|未发送/);
    // By state: what was sent.
    await outbox.getByRole('combobox', { name: /状态/ }).click();
    await pickOption(page, '已发送');
    const status = page.waitForResponse(
      (r) => r.url().includes('/api/review/outbox?') && r.url().includes('status=sent'),
    );
    await outbox.getByRole('button', { name: '查询', exact: true }).click();
    expect((await status).status()).toBe(200);
    await outbox.getByRole('button', { name: '重置' }).click();
    await expect.poll(() => gridRows(outbox).count()).toBeGreaterThan(0);
    await shot('outbox');
  });

  it('操作日志: actions, actors and targets in words, filtered by Chinese action names, readable 详情, within 1366 px', async () => {
    const audit = await openMenu(page, '操作日志');
    await expect.poll(() => gridRows(audit).count()).toBeGreaterThan(5);
    const all = (await gridRows(audit).allInnerTexts()).join('\n');
    expect(all).toContain('经办人 王敏（重庆市财政局）');
    expect(all).toMatch(/申请 #\d+/);
    expect(all).not.toMatch(/change_request[.:]|account[.:]|caseworker:/); // no codes
    expect(all).not.toMatch(/[{}"]/); // no raw JSON

    // Filter by a Chinese name: typing picks it, the code is what is sent.
    await audit.getByRole('combobox', { name: /操作/ }).click();
    await page.keyboard.type('撤销');
    await pickOption(page, '撤销变更申请');
    const withdraws = page.waitForResponse((r) => r.url().includes('/api/review/audit?'));
    await audit.getByRole('button', { name: '查询', exact: true }).click();
    expect(new URL((await withdraws).url()).searchParams.get('action')).toBe('change_request.withdraw');
    await expect.poll(() => gridRows(audit).count()).toBe(1);
    const withdrawn = await gridRows(audit).first().innerText();
    expect(withdrawn).toContain('撤销变更申请');
    expect(withdrawn).toMatch(/享受人\s+\*静/);

    // A whole family: every 变更申请 action; the approval reads as before → after.
    await audit.getByRole('combobox', { name: /操作/ }).click();
    await page.keyboard.type('全部变更申请');
    await pickOption(page, '全部变更申请操作');
    const family = page.waitForResponse((r) => r.url().includes('/api/review/audit?'));
    await audit.getByRole('button', { name: '查询', exact: true }).click();
    expect(new URL((await family).url()).searchParams.get('action')).toBe('change_request');
    const approval = gridRows(audit).filter({ hasText: '审核通过' }).first();
    await approval.waitFor();
    const approvalText = await approval.innerText();
    expect(approvalText).toContain('经办人 王敏（重庆市财政局）');
    expect(approvalText).toMatch(/开户银行：\s*中国邮政储蓄银行 → 重庆农村商业银行/);
    expect(approvalText).toMatch(/银行账号：\s*6217\*+8709 → 6212\*+8206/);
    expect(approvalText).toMatch(/区县：\s*万州区/);
    expect(await audit.locator('.rv-grid .ant-card-head').innerText()).toContain('全部变更申请操作');

    // Nothing scrolls sideways at 1366 px: not the page, not the grid.
    const overflow = await page.evaluate(() => {
      const grid = document.querySelector('[role="tabpanel"] .ant-table-content') as HTMLElement | null;
      return {
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        grid: grid ? grid.scrollWidth - grid.clientWidth : -1,
      };
    });
    expect(overflow.page).toBeLessThanOrEqual(0);
    expect(overflow.grid).toBe(0);
    await shot('audit-filtered');
  });

  it('发放记录: a person’s payments in the account’s district, by year and 补贴项目, in ¥1,234.56', async () => {
    const accounts = await openMenu(page, '一卡通账号');
    await accounts.getByLabel('身份证号', { exact: true }).fill(RAN_GUIYING_ID);
    expect(await query(accounts, '/api/review/accounts')).toBe(200);
    await expect.poll(() => gridRows(accounts).count()).toBe(1);
    const answer = page.waitForResponse((r) => /\/api\/review\/accounts\/\d+\/payments/.test(r.url()));
    await gridRows(accounts).first().getByRole('button', { name: '发放记录' }).click();
    const latest = (await (await answer).json()) as {
      year: number;
      years: number[];
      totalFen: number;
      count: number;
      failedCount: number;
      failedFen: number;
      items: Array<{ itemName: string; status: string }>;
    };
    const dialog = page.getByRole('dialog', { name: /发放记录 — 冉桂英/ });
    const summary = dialog.getByTestId('payments-summary');
    await summary.waitFor();
    // The year's totals as the BFF counted them, in ¥1,234.56; her failed payment apart.
    expect(await summary.innerText()).toContain(
      `${latest.year}年已发放 ${formatMoney(latest.totalFen)}（${latest.count} 笔）`,
    );
    expect(latest.failedCount).toBe(1);
    expect(await summary.innerText()).toContain(`发放失败 ${latest.failedCount} 笔，${formatMoney(latest.failedFen)}`);
    expect(formatMoney(latest.totalFen)).toMatch(/^¥\d{1,3}(,\d{3})*\.\d{2}$/);
    const lines = dialog.getByRole('table', { name: '发放明细' }).locator('tbody tr.ant-table-row');
    await expect.poll(() => lines.count()).toBe(latest.items.length);
    const failedLine = lines.filter({ hasText: '失败' }).first();
    expect(await failedLine.innerText()).toContain('账户已销户');
    await shot('payments');

    // Another year.
    const earlier = latest.years.find((y) => y !== latest.year) as number;
    expect(earlier).toBeDefined();
    await dialog.getByRole('combobox', { name: /年度/ }).click();
    const yearAnswer = page.waitForResponse((r) => r.url().includes(`year=${earlier}`));
    await pickOption(page, `${earlier}年`);
    expect((await yearAnswer).status()).toBe(200);
    await expect.poll(() => summary.innerText()).toContain(`${earlier}年已发放`);

    // One 补贴项目: only its lines.
    await dialog.getByRole('combobox', { name: /补贴项目/ }).click();
    const itemAnswer = page.waitForResponse((r) => r.url().includes('itemCode=GDDL'));
    await pickOption(page, '耕地地力保护补贴');
    const byItem = (await (await itemAnswer).json()) as { items: Array<{ itemName: string }>; totalFen: number };
    expect(byItem.items.length).toBeGreaterThan(0);
    await expect.poll(() => lines.count()).toBe(byItem.items.length);
    for (const text of await lines.allInnerTexts()) expect(text).toContain('耕地地力保护补贴');
    await expect.poll(() => summary.innerText()).toContain(formatMoney(byItem.totalFen));
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('经办人账号: 停用 ends that caseworker’s sessions at once and keeps them out; 启用 lets them in again', async () => {
    const jiangbei = await caseworkerToken(env.stack, CASEWORKERS.jiangbei.username, CASEWORKERS.jiangbei.password);
    expect((await api('/api/review/me', jiangbei)).status).toBe(200);

    const tab = await openMenu(page, '经办人账号');
    const row = gridRows(tab).filter({ hasText: 'jiangbei' });
    await row.waitFor();
    expect(await row.innerText()).toContain('正常');
    // Nobody disables themself.
    expect(await gridRows(tab).filter({ hasText: 'chongqing' }).getByRole('button').isDisabled()).toBe(true);

    await row.getByRole('button', { name: '停用' }).click();
    const confirm = page.getByRole('tooltip').filter({ hasText: '停用刘洋（江北区财政局）？' });
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('在所有设备上的登录将立即失效');
    await shot('caseworker-disable');
    const disabled = page.waitForResponse((r) => r.url().endsWith('/disable'));
    await confirm.getByRole('button', { name: '停用' }).click();
    expect((await disabled).status()).toBe(200);
    await expect.poll(() => row.innerText()).toContain('已停用');
    await shot('caseworkers');
    // At once: the session is over, and the password no longer opens the console.
    expect((await api('/api/review/me', jiangbei)).status).toBe(401);
    const refused = await fetch(`${env.stack.baseUrl}/api/review/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(CASEWORKERS.jiangbei),
    });
    expect(refused.status).toBe(403);

    await row.getByRole('button', { name: '启用' }).click();
    const again = page.getByRole('tooltip').filter({ hasText: '启用刘洋（江北区财政局）？' });
    const enabled = page.waitForResponse((r) => r.url().endsWith('/enable'));
    await again.getByRole('button', { name: '启用' }).click();
    expect((await enabled).status()).toBe(200);
    await expect.poll(() => row.innerText()).toContain('正常');
    const back = await caseworkerToken(env.stack, CASEWORKERS.jiangbei.username, CASEWORKERS.jiangbei.password);
    expect((await api('/api/review/me', back)).status).toBe(200);
  });

  it('退出所有设备: every session of the caseworker ends, this one and the others', async () => {
    const elsewhere = await caseworkerToken(env.stack, CASEWORKERS.chongqing.username, CASEWORKERS.chongqing.password);
    expect((await api('/api/review/me', elsewhere)).status).toBe(200);
    await page.getByRole('button', { name: '退出所有设备' }).click();
    const confirm = page.getByRole('tooltip').filter({ hasText: '退出所有设备？' });
    expect(await confirm.innerText()).toContain('包括本机');
    const ended = page.waitForResponse((r) => r.url().endsWith('/api/review/auth/logout-all'));
    await confirm.getByRole('button', { name: '全部退出' }).click();
    expect((await ended).status()).toBe(200);
    await page.getByText(/已退出所有设备（共结束 \d+ 处登录）/).waitFor();
    await page.getByLabel('用户名').waitFor();
    expect((await api('/api/review/me', elsewhere)).status).toBe(401);
  });
});
