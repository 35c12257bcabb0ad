/**
 * The caseworker console in Debian Chromium, against the real stack (BFF + sandbox + demo data,
 * serving the built front ends): a citizen submits a change through the citizen API, the 江北区 caseworker finds it
 * by 身份证号, compares before/after and approves it with an opinion; the citizen's card then shows the new account.
 * Also: district scope (the 万州区 request of 李强 is not in 江北区's queue), the lock on the accounts page, the
 * municipal audit page with its CSV export, and 账户验证.
 *
 * Screenshots go to docs/screenshots/review-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, newDesktopContext, settled, startStack, TAN_MEI } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SHOTS = resolve(here, '../docs/screenshots');

/** Demo people of the sandbox's world (scripts/sandbox/src/demoWorld.ts); synthetic. */
/** Her own 工商银行 card that passes bank verification (the sandbox's demo world). */
const TAN_MEI_NEW_CARD = { cardType: 'bank_card', bankCode: 'ICBC', accountNumber: '6222023100025814737' };
const JIANGBEI = '500105';
const LI_QIANG_ID = '500101198502033774'; // 万州区, pending: only the municipal caseworker sees it
const CHEN_JING_ID = '500105199107220684'; // 江北区, pending: her account is locked
const ZHOU_JIANGUO_ID = '500101196709151314'; // 万州区, finished requests only: his account can be invalidated

const CASEWORKERS = {
  jiangbei: { username: 'jiangbei', password: 'jiangbei-demo-2026' },
  chongqing: { username: 'chongqing', password: 'chongqing-demo-2026' },
};

type Stack = Awaited<ReturnType<typeof startStack>>;

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let citizenToken: string;
let requestId: number;

async function json<T>(res: Response): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${res.url}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The citizen's way in: a face scan in the app (sandbox identity platform), then POST /api/auth/face. */
async function citizenLogin(person: { name: string; idNumber: string }): Promise<string> {
  const { faceToken } = await json<{ faceToken: string }>(
    await fetch(`${stack.sandboxUrl}/identity/face-sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(person),
    }),
  );
  const { token } = await json<{ token: string }>(
    await fetch(`${stack.baseUrl}/api/auth/face`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faceToken }),
    }),
  );
  return token;
}

interface Card {
  bankCode: string;
  bankName: string;
  accountNumber: string;
  status: string;
  source: string;
  districts: Array<{ code: string; name: string }>;
}

async function myCard(token: string): Promise<{ cards: Card[]; pendingRequestId: number | null }> {
  return json(await fetch(`${stack.baseUrl}/api/me/card`, { headers: { authorization: `Bearer ${token}` } }));
}

async function shot(name: string) {
  // Let toasts of earlier steps go (antd's motion is off: reduced motion), so the picture shows the page itself.
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 8_000 })
    .catch(() => {});
  await settled(page);
  await page.screenshot({ path: resolve(SHOTS, `review-${name}.png`), animations: 'disabled' });
}

/** The page of the active console tab. */
function activeTab(): Locator {
  // Inactive tab panes are aria-hidden, so the only tabpanel role on the page is the active one.
  return page.getByRole('tabpanel');
}

function gridRows(scope: Locator): Locator {
  return scope.locator('.ant-table-tbody tr.ant-table-row');
}

async function login(who: keyof typeof CASEWORKERS) {
  const c = CASEWORKERS[who];
  await page.getByLabel('用户名').fill(c.username);
  await page.getByLabel('密码').fill(c.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect.poll(() => page.getByTestId('caseworker-name').count(), { timeout: 15_000 }).toBe(1);
}

async function logout() {
  await page.getByRole('button', { name: '退出', exact: true }).click();
  await page.getByText('您已安全退出').waitFor();
}

/** Fills the queue's query panel and presses 查询; waits for the grid to answer. */
async function queryQueue(fields: { idNumber?: string; showCompleted?: boolean }) {
  const tab = activeTab();
  await tab.getByLabel('身份证号', { exact: true }).fill(fields.idNumber ?? '');
  // 数据范围: 待审核 (the queue) or 显示完结 (every request that reached review).
  await tab.getByRole('radio', { name: fields.showCompleted ? '显示完结' : '待审核', exact: true }).check();
  const answer = page.waitForResponse(
    (r) => r.url().includes('/api/review/change-requests?') && r.request().method() === 'GET',
  );
  await tab.getByRole('button', { name: '查询', exact: true }).click();
  expect((await answer).status()).toBe(200);
  await tab
    .locator('.ant-spin-spinning')
    .waitFor({ state: 'detached' })
    .catch(() => {});
}

describe('caseworker console', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    browser = await launchBrowser();
    context = await newDesktopContext(browser, { acceptDownloads: true });
    page = await context.newPage();

    // A citizen (谭梅, 江北区 and 重庆市) asks for her 江北区 subsidies to go to her 工商银行 card.
    citizenToken = await citizenLogin(TAN_MEI);
    const before = await myCard(citizenToken);
    expect(before.cards.some((c) => c.districts.some((d) => d.code === JIANGBEI))).toBe(true);
    const created = await json<{ id: number; status: string }>(
      await fetch(`${stack.baseUrl}/api/me/change-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${citizenToken}` },
        body: JSON.stringify({
          ...TAN_MEI_NEW_CARD,
          districtCode: JIANGBEI,
          reason: '旧卡不常用，改用工商银行卡',
          consent: true,
        }),
      }),
    );
    expect(created.status).toBe('pending');
    requestId = created.id;
  }, 300_000);

  // A failed step leaves a picture of the page in e2e/.out/ (not committed), to see what the browser saw.
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      mkdirSync(resolve(here, '.out'), { recursive: true });
      const name = task.name.replace(/[^\w\u4e00-\u9fa5]+/g, '-').slice(0, 60);
      await page?.screenshot({ path: resolve(here, '.out', `review-failed-${name}.png`) }).catch(() => {});
    });
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await stack?.close();
  });

  it('login page: labelled fields and a clear Chinese error for a wrong password', async () => {
    await page.goto(`${stack.baseUrl}/web/review.html`);
    await page.getByRole('heading', { name: '一卡通系统' }).waitFor();
    await shot('login');

    await page.getByLabel('用户名').fill('jiangbei');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.innerText()).trim().length).toBeGreaterThan(0);
    expect(await page.getByTestId('caseworker-name').count()).toBe(0);
  }, 60_000);

  it('the 江北区 caseworker finds the citizen’s request by 身份证号, compares before/after and approves it; the card shows the new account', async () => {
    await login('jiangbei');
    await expect.poll(() => page.getByTestId('caseworker-district').innerText()).toContain('江北区');
    // 操作日志 is the municipal caseworker's only.
    expect(await page.getByRole('menuitem', { name: /操作日志/ }).count()).toBe(0);

    const tab = activeTab();
    await expect.poll(() => gridRows(tab).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shot('queue');

    await queryQueue({ idNumber: TAN_MEI.idNumber });
    await expect.poll(() => gridRows(tab).count()).toBe(1);
    const row = gridRows(tab).first();
    const rowText = await row.innerText();
    expect(rowText).toContain('渝快办-账号变更');
    expect(rowText).toContain('待审核');
    expect(rowText).toContain('1829'); // 身份证号码, masked as the API gives it
    expect(rowText).not.toContain(TAN_MEI.idNumber);

    // Double-click opens the detail: 变更后 and 变更前 side by side, the differences marked in words.
    await row.dblclick();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('snapshot-after').waitFor();
    const after = await dialog.getByTestId('snapshot-after').innerText();
    const beforeText = await dialog.getByTestId('snapshot-before').innerText();
    expect(after).toContain('中国工商银行');
    expect(after).toContain('4737');
    expect(beforeText).toContain('重庆农村商业银行');
    expect(after).toContain('已变更');
    const summary = await dialog.getByTestId('diff-summary').innerText();
    expect(summary).toContain('银行名称');
    expect(summary).toContain('银行账号');
    expect(summary).not.toContain('身份证号');
    // The bank's verification and the channel, in words.
    expect(await dialog.getByTestId('verification').innerText()).toContain('银行验证通过：户名、证件号与开户信息一致');
    expect(await dialog.getByTestId('channel').innerText()).toBe('手机');

    // No 审核结果 is chosen for the caseworker: 保存 with none says so, and nothing is sent.
    const decisions: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith(`/api/review/change-requests/${requestId}/decision`)) decisions.push(r.method());
    });
    expect(await dialog.getByRole('radio', { name: '通过', exact: true }).isChecked()).toBe(false);
    expect(await dialog.getByRole('radio', { name: '不通过', exact: true }).isChecked()).toBe(false);
    await dialog.getByRole('button', { name: /保存/ }).click();
    await dialog.getByText('请选择审核结果（通过或不通过）').waitFor();

    // 不通过 without an opinion is refused before anything is sent.
    await dialog.getByRole('radio', { name: '不通过', exact: true }).check();
    await dialog.getByRole('button', { name: /保存/ }).click();
    await dialog.getByText('审核不通过时请填写审核意见').waitFor();

    await dialog.getByRole('radio', { name: '通过', exact: true }).check();
    await dialog.getByLabel('审核意见').fill('已核对本人银行卡信息，同意变更');
    await shot('detail');

    // Alt+S (the keyboard path) with 通过 first asks to confirm the old → new account (bank, masked number).
    await page.keyboard.press('Alt+S');
    const confirm = page.getByRole('dialog', { name: '确认审核通过？' });
    await confirm.getByTestId('approve-confirm').waitFor();
    const confirmText = await confirm.getByTestId('approve-confirm').innerText();
    expect(confirmText).toMatch(/原账户\s*重庆农村商业银行 6212 \*{4} \*{4} 2465/);
    expect(confirmText).toMatch(/新账户\s*中国工商银行 6222 \*{4} \*{4} 4737/);
    expect(confirmText).not.toContain(TAN_MEI_NEW_CARD.accountNumber);
    await shot('approve-confirm');
    expect(decisions).toEqual([]);
    // 返回修改 goes back without deciding; 确认通过 commits.
    await confirm.getByRole('button', { name: '返回修改' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(decisions).toEqual([]);
    await dialog.getByRole('button', { name: /保存/ }).click();
    const decided = page.waitForResponse((r) => r.url().endsWith(`/api/review/change-requests/${requestId}/decision`));
    await confirm.getByRole('button', { name: '确认通过' }).click();
    expect((await decided).status()).toBe(200);
    expect(decisions).toEqual(['POST']);
    await page.getByText('审核完成').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => gridRows(tab).count()).toBe(0);

    // With 显示完结 = 是 it is there, 审核通过, and opens read-only with reviewer, opinion and time.
    await queryQueue({ idNumber: TAN_MEI.idNumber, showCompleted: true });
    await expect.poll(() => gridRows(tab).count()).toBeGreaterThan(0);
    const done = gridRows(tab).filter({ hasText: '审核通过' }).first();
    await done.focus();
    await page.keyboard.press('Enter'); // a row opens from the keyboard too
    await dialog.getByText('审核信息').waitFor();
    const readOnly = await dialog.innerText();
    expect(readOnly).toContain('已核对本人银行卡信息，同意变更');
    expect(readOnly).toContain('审核人');
    expect(await dialog.getByRole('button', { name: /保存/ }).count()).toBe(0);
    await page.keyboard.press('Alt+C');
    await dialog.waitFor({ state: 'hidden' });

    // The citizen's card now shows the new account (masked) for 江北区, from 渝快办.
    const card = await myCard(citizenToken);
    expect(card.pendingRequestId).toBeNull();
    const jiangbei = card.cards.find((c) => c.districts.some((d) => d.code === JIANGBEI));
    expect(jiangbei).toBeDefined();
    expect(jiangbei?.bankCode).toBe('ICBC');
    expect(jiangbei?.source).toBe('yukuaiban');
    expect(jiangbei?.accountNumber.startsWith('6222')).toBe(true);
    expect(jiangbei?.accountNumber.endsWith('4737')).toBe(true);
    expect(jiangbei?.accountNumber).not.toBe(TAN_MEI_NEW_CARD.accountNumber);
  }, 120_000);

  it('the 江北区 caseworker does not see the 万州区 request of 李强', async () => {
    const tab = activeTab();
    await queryQueue({ idNumber: LI_QIANG_ID, showCompleted: true });
    await expect.poll(() => gridRows(tab).count()).toBe(0);
    await tab.getByText('没有符合条件的申请').waitFor();

    // Nor in the whole list: no row ends with his ID's last digits.
    await queryQueue({ idNumber: '', showCompleted: true });
    await expect.poll(() => gridRows(tab).count()).toBeGreaterThan(0);
    for (const text of await gridRows(tab).allInnerTexts()) {
      expect(text).not.toContain(LI_QIANG_ID.slice(-4));
      expect(text).not.toContain('李强');
    }
  }, 60_000);

  it('一卡通账号: 来源 and the lock of a pending 渝快办 change, with 修改 / 设为无效 disabled', async () => {
    await page.getByRole('menuitem', { name: /一卡通账号/ }).click();
    const tab = activeTab();
    await expect.poll(() => gridRows(tab).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const all = (await gridRows(tab).allInnerTexts()).join('\n');
    expect(all).toContain('变更待审核，已锁定');
    expect(all).toContain('渝快办'); // 谭梅's 江北区 account after the approval
    expect(all).toContain('一卡通系统');
    await shot('accounts');

    await tab.getByLabel('身份证号', { exact: true }).fill(CHEN_JING_ID);
    await tab.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => gridRows(tab).count()).toBe(1);
    const locked = gridRows(tab).first();
    await locked.getByTestId('locked').waitFor();
    expect(await locked.getByRole('button', { name: '修改' }).isDisabled()).toBe(true);
    expect(await locked.getByRole('button', { name: '设为无效' }).isDisabled()).toBe(true);
    // The reason is told on hover.
    await locked.locator('.rv-guarded').first().hover();
    await page.getByRole('tooltip').filter({ hasText: '不允许操作' }).waitFor();
  }, 60_000);

  it('the municipal caseworker sees every district, the 操作日志 with CSV export, and 账户验证', async () => {
    await logout();
    await login('chongqing');
    await page.getByRole('menuitem', { name: /账号变更审核/ }).click();
    const queue = activeTab();
    await queryQueue({ idNumber: LI_QIANG_ID });
    await expect.poll(() => gridRows(queue).count()).toBe(1);
    expect(await gridRows(queue).first().innerText()).toContain('万州区');

    // Someone else decides 李强's request while this caseworker has it open: 409 says who did what and when, and
    // the detail turns read-only.
    await gridRows(queue).first().dblclick();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('snapshot-after').waitFor();
    const other = await json<{ token: string }>(
      await fetch(`${stack.baseUrl}/api/review/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(CASEWORKERS.chongqing),
      }),
    );
    const otherAuth = { authorization: `Bearer ${other.token}` };
    const list = await json<{ items: Array<{ id: number }> }>(
      await fetch(`${stack.baseUrl}/api/review/change-requests?idNumber=${LI_QIANG_ID}`, { headers: otherAuth }),
    );
    expect(list.items).toHaveLength(1);
    await json(
      await fetch(`${stack.baseUrl}/api/review/change-requests/${list.items[0].id}/decision`, {
        method: 'POST',
        headers: { ...otherAuth, 'content-type': 'application/json' },
        body: JSON.stringify({ result: 'rejected', opinion: '经电话核实，新卡非本人持有' }),
      }),
    );
    await dialog.getByRole('radio', { name: '通过', exact: true }).check();
    await dialog.getByLabel('审核意见').fill('同意变更');
    const conflict = page.waitForResponse((r) =>
      r.url().endsWith(`/api/review/change-requests/${list.items[0].id}/decision`),
    );
    await dialog.getByRole('button', { name: /保存/ }).click();
    await page.getByRole('dialog', { name: '确认审核通过？' }).getByRole('button', { name: '确认通过' }).click();
    expect((await conflict).status()).toBe(409);
    const stale = dialog.getByTestId('stale-decision');
    await stale.waitFor();
    expect(await stale.innerText()).toMatch(/该申请已由王敏（重庆市财政局）于\d{4}-\d{2}-\d{2} \d{2}:\d{2}审核不通过/);
    await dialog.getByText('审核信息').waitFor();
    expect(await dialog.innerText()).toContain('经电话核实，新卡非本人持有');
    await dialog.getByRole('button', { name: '关闭(C)' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Every district's accounts, with an invalid one and its reason.
    await page.getByRole('menuitem', { name: /一卡通账号/ }).click();
    const accounts = activeTab();
    await expect.poll(() => gridRows(accounts).count(), { timeout: 15_000 }).toBeGreaterThan(2);
    const allAccounts = (await gridRows(accounts).allInnerTexts()).join('\n');
    expect(allAccounts).toContain('万州区');
    expect(allAccounts).toContain('无效');
    await shot('accounts-municipal');

    // 设为无效 with a 说明: the account turns invalid and shows the reason.
    await accounts.getByLabel('身份证号', { exact: true }).fill(ZHOU_JIANGUO_ID);
    await accounts.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => gridRows(accounts).count()).toBe(1);
    await gridRows(accounts).first().getByRole('button', { name: '设为无效' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByRole('button', { name: '设为无效' }).click();
    await confirm.getByText('请填写说明').waitFor(); // 说明 is required
    await confirm.getByLabel('说明').fill('银行反馈该账户已冻结');
    await confirm.getByRole('button', { name: '设为无效' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => gridRows(accounts).first().innerText()).toContain('银行反馈该账户已冻结');
    expect(await gridRows(accounts).first().innerText()).toContain('无效');

    await page.getByRole('menuitem', { name: /操作日志/ }).click();
    const audit = activeTab();
    await expect.poll(() => gridRows(audit).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shot('audit');

    const download = page.waitForEvent('download');
    await audit.getByRole('button', { name: /导出CSV/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const path = await file.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff); // BOM, so Excel reads UTF-8
    expect(csv.split('\n').length).toBeGreaterThan(1);

    await page.getByRole('menuitem', { name: /账户验证/ }).click();
    const validation = activeTab();
    await validation.getByRole('button', { name: /立即验证/ }).click();
    const run = page.waitForResponse(
      (r) => r.url().endsWith('/api/review/validation-runs') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: '开始验证' }).click();
    expect((await run).status()).toBe(200);
    await page.getByText(/验证完成/).waitFor();
    await expect.poll(() => gridRows(validation).count()).toBeGreaterThan(0);
    await shot('validation');
  }, 120_000);
});
