/**
 * The citizen's PC pages (manual 1.2) in Debian Chromium, with a phone beside the PC:
 * the PC shows a QR code, the phone logs in by face and confirms, the PC lands in 基本信息 without a
 * reload, submits a change and sees it in 办理中. Screenshots go to docs/screenshots/pc-*.png.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  caseworkerToken,
  newDesktopPage,
  RAN_GUIYING,
  TAN_MEI,
  useStackAndBrowser,
  WANG_YU,
  ZHOU_JIANGUO,
} from './harness.ts';
import { openPhone } from './mobileApp.ts';

const SHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/screenshots');
const TOKEN_KEY = 'ykt.portal.token';

/** Demo people of the sandbox (scripts/sandbox/src/demoWorld.ts). */
type Person = typeof TAN_MEI;

/** Sandbox bank cards: one of 谭梅's own new cards (verifies ok) and the test card that is closed. */
const TAN_NEW_CARD = '6212583000527313';
const CLOSED_TEST_CARD = '6212583990000024';

mkdirSync(SHOTS, { recursive: true });
const env = useStackAndBrowser();

const desktopPage = (): Promise<Page> => newDesktopPage(env.browser);

const mobilePage = () => openPhone(env.browser);

async function shot(page: Page, name: string) {
  // Let toasts go first: they would cover the header in the picture.
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  await page.screenshot({ path: resolve(SHOTS, `pc-${name}.png`), fullPage: true, animations: 'disabled' });
}

/** The form row of a field: its label and what the field shows (a Select shows its choice outside the input). */
function formItem(page: Page, label: string) {
  return page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
}

/** Opens /pc and answers the QR content the page offers (the demo link "在手机预览中打开"). */
async function openQr(page: Page): Promise<{ qrContent: string; ticket: string }> {
  await page.goto(`${env.stack.baseUrl}/pc`);
  const link = page.getByRole('link', { name: '在手机预览中打开' });
  await link.waitFor();
  const qrContent = (await link.getAttribute('href')) ?? '';
  const ticket = /[?&]ticket=([^&#]+)/.exec(qrContent)?.[1] ?? '';
  expect(ticket).not.toBe('');
  return { qrContent, ticket };
}

/** Face login of the phone through the sandbox identity platform, as the app container would do it. */
async function faceToken(api: APIRequestContext, person: Person): Promise<string> {
  const fs = await api.post(`${env.stack.sandboxUrl}/identity/face-sessions`, { data: person });
  expect(fs.status()).toBe(201);
  const login = await api.post(`${env.stack.baseUrl}/api/auth/face`, {
    data: { faceToken: (await fs.json()).faceToken },
  });
  expect(login.status()).toBe(200);
  return (await login.json()).token as string;
}

async function phoneCall(api: APIRequestContext, token: string, ticket: string, action: 'scan' | 'confirm' | 'cancel') {
  const r = await api.post(`${env.stack.baseUrl}/api/auth/qr-tickets/${ticket}/${action}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(r.status(), `${action}: ${await r.text()}`).toBe(200);
}

/**
 * The phone scans: the mini-app's H5 preview opens the QR content, asks for the face (a persona in the
 * preview), then shows 登录确认. If the mini-app page is not there, the phone does the same through the API
 * (face login, scan); either way the scan is done when this returns, and `confirm` finishes the login.
 */
async function phoneScans(phone: Page, qrContent: string, ticket: string, person: Person) {
  const persona = phone.getByRole('button', { name: new RegExp(`^${person.name}`) });
  const confirmButton = phone.getByRole('button', { name: '确认登录' });
  await phone.goto(qrContent);
  try {
    await persona.or(confirmButton).first().waitFor({ timeout: 15_000 });
    if (await persona.isVisible()) await persona.click();
    await confirmButton.first().waitFor({ timeout: 15_000 });
    return { via: 'mini-app' as const, confirm: () => confirmButton.first().click() };
  } catch {
    console.warn('[pc.test] the mini-app 登录确认 page did not appear: the phone uses the API instead');
    const token = await faceToken(phone.context().request, person);
    await phoneCall(phone.context().request, token, ticket, 'scan');
    return { via: 'api' as const, confirm: () => phoneCall(phone.context().request, token, ticket, 'confirm') };
  }
}

/** A whole QR login on a fresh desktop page, the phone working through the API (for the other people). */
async function loggedInPc(person: Person): Promise<Page> {
  const pc = await desktopPage();
  const { ticket } = await openQr(pc);
  const api = (await mobilePage()).context().request;
  const token = await faceToken(api, person);
  await phoneCall(api, token, ticket, 'scan');
  await phoneCall(api, token, ticket, 'confirm');
  await pc.getByRole('heading', { name: '基本信息' }).waitFor({ timeout: 15_000 });
  return pc;
}

describe('PC pages: QR login and 1.2 of the manual', () => {
  let pc: Page;
  let qr: { qrContent: string; ticket: string };

  test('the PC shows the QR code, a 300 s countdown and how to scan it', async () => {
    pc = await desktopPage();
    qr = await openQr(pc);
    await expect.poll(() => pc.getByAltText('渝快办APP扫码登录二维码').isVisible()).toBe(true);
    await expect
      .poll(() => pc.getByText('请使用渝快办APP扫一扫，在手机上完成人脸识别并确认登录').isVisible())
      .toBe(true);
    const seconds = Number(await pc.getByTestId('qr-seconds').textContent());
    expect(seconds).toBeGreaterThan(290);
    expect(seconds).toBeLessThanOrEqual(300);
    expect(qr.qrContent).toContain('/m/#/pages/qr-confirm/index?ticket=');
    await shot(pc, 'qr-login');
  }, 60_000);

  test('the phone logs in by face and confirms; the PC lands in 基本信息 without a reload', async () => {
    await pc.evaluate(() => {
      (window as unknown as { __samePage: string }).__samePage = 'yes';
    });
    const phone = await mobilePage();
    const scan = await phoneScans(phone, qr.qrContent, qr.ticket, TAN_MEI);
    await pc.getByText('已扫码，请在手机上确认').waitFor({ timeout: 10_000 });
    await shot(pc, 'qr-scanned');
    if (scan.via === 'mini-app') await phone.screenshot({ path: resolve(SHOTS, 'pc-phone-confirm.png') });

    await scan.confirm();
    await pc.getByRole('heading', { name: '基本信息' }).waitFor({ timeout: 15_000 });
    expect(await pc.evaluate(() => (window as unknown as { __samePage?: string }).__samePage)).toBe('yes');
    expect(new URL(pc.url()).hash).toBe('#/basic');
    expect(await pc.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY)).toBeTruthy();

    const body = pc.locator('main, .ykb-shell');
    await expect.poll(() => body.first().textContent()).toContain('*梅');
    const text = await body.first().textContent();
    expect(text).toContain('1980-**-**');
    expect(text).toMatch(/\*{14}1829/);
    expect(text).toContain('重庆农村商业银行');
    expect(text).toContain('江北区500105');
    expect(text).toContain('重庆市500000');
    expect(text).toContain('有效');
    expect(text).not.toContain('500105198003191829');
    await shot(pc, 'basic');
  }, 90_000);

  test('账户变更: rule errors live, bank down keeps what was typed, a bank refusal is 申请失败', async () => {
    await pc.getByRole('button', { name: '变更申请' }).first().click();
    await pc.getByRole('heading', { name: '变更卡' }).waitFor();
    // 变更申请 on the card brings that card's district.
    await expect.poll(() => formItem(pc, '区县').textContent()).toContain('江北区');

    // 社会保障卡 first, the number field named after it; 银行卡 renames it.
    await expect.poll(() => formItem(pc, '卡类型').textContent()).toContain('社会保障卡');
    await pc.getByLabel('社保卡号').waitFor();
    await pc.getByLabel('卡类型').click();
    await pc.getByTitle('银行卡').click();
    await pc.getByLabel('银行卡号').fill('6212583000527314'); // wrong check digit
    await pc.getByLabel('变更理由').click();
    await pc.getByText('银行卡号有误，请核对后重新输入').waitFor();
    // The bank follows the BIN, but "已识别为" is not said of a number that fails the checks.
    await expect.poll(() => formItem(pc, '开户行').textContent()).toContain('重庆农村商业银行');
    expect(await pc.getByText(/已识别为/).count()).toBe(0);
    await pc.getByLabel('银行卡号').fill(TAN_NEW_CARD);
    await pc.getByLabel('变更理由').click();
    await pc.getByText('已识别为：重庆农村商业银行').waitFor();
    // Another bank chosen: the mismatch is said under 开户行, naming the number's bank.
    await pc.getByLabel('开户行').click();
    await pc.getByTitle('中国工商银行').click();
    await formItem(pc, '开户行').getByText('此银行卡号属于重庆农村商业银行，与所选开户行不符').waitFor();
    await pc.getByLabel('开户行').click();
    await pc.getByTitle('重庆农村商业银行').click();
    await expect.poll(() => pc.getByText(/与所选开户行不符/).count()).toBe(0);
    await pc.getByLabel('银行卡号').fill('6212583000527314');
    await pc.getByLabel('变更理由').click();
    await pc.getByText('银行卡号有误，请核对后重新输入').waitFor();
    await pc.getByRole('button', { name: '提交' }).click();
    await pc.getByText('请阅读并勾选授权说明').waitFor();
    await shot(pc, 'change-error');

    // The bank gateway is down: a clear retry-later answer, the form keeps what was typed.
    const sandbox = pc.context().request;
    expect((await sandbox.post(`${env.stack.sandboxUrl}/bank/faults`, { data: { mode: 'down' } })).ok()).toBe(true);
    try {
      await pc.getByLabel('银行卡号').fill(TAN_NEW_CARD);
      await pc.getByLabel('变更理由').fill('停用旧卡，启用新卡');
      await pc.getByRole('checkbox', { name: /是否为本人持有账号/ }).check();
      await pc.getByRole('button', { name: '提交' }).click();
      await pc.getByText('银行系统暂时无法连接，请稍后再试').waitFor({ timeout: 20_000 });
      expect(await pc.getByLabel('银行卡号').inputValue()).toBe(TAN_NEW_CARD);
      expect(await pc.getByLabel('变更理由').inputValue()).toBe('停用旧卡，启用新卡');
    } finally {
      await sandbox.post(`${env.stack.sandboxUrl}/bank/faults`, { data: { mode: 'normal' } });
    }

    // The bank says the account is closed: recorded as 申请失败 with the bank's reason.
    await pc.getByLabel('银行卡号').fill(CLOSED_TEST_CARD);
    await pc.getByRole('button', { name: '提交' }).click();
    const failed = pc.getByRole('alert').filter({ hasText: '申请失败' });
    await failed.waitFor({ timeout: 20_000 });
    expect(((await failed.textContent()) ?? '').length).toBeGreaterThan('申请失败'.length + 10);
    await shot(pc, 'change-failed');
  }, 90_000);

  test('a change submitted on the PC (double click: one request) shows in 办理中; 撤销 asks first', async () => {
    let posts = 0;
    pc.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/me/change-requests')) posts++;
    });
    await pc.getByLabel('银行卡号').fill(TAN_NEW_CARD);
    await pc.getByRole('button', { name: '提交' }).dblclick();
    await pc.getByTestId('pending-request').waitFor({ timeout: 20_000 });
    expect(posts).toBe(1);
    expect(new URL(pc.url()).hash).toMatch(/^#\/pending\?submitted=\d+$/);
    // The confirmation: what happens next, and how long review usually takes in 江北区.
    const confirmation = pc.getByRole('status').filter({ hasText: '变更申请已提交，等待审核' });
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain('审核通常需要5个工作日');
    expect(await confirmation.textContent()).toContain('审核通过前，补贴仍发放到原账户');
    // The 操作日志 records it as made on the PC.
    const city = await caseworkerToken(env.stack, 'chongqing', 'chongqing-demo-2026');
    const audit = (await fetch(`${env.stack.baseUrl}/api/review/audit?action=change_request.submit`, {
      headers: { authorization: `Bearer ${city}` },
    }).then((r) => r.json())) as { items: { detail: string | null }[] };
    expect(JSON.parse(audit.items[0]?.detail ?? '{}').channel).toBe('pc');
    const pending = await pc.getByTestId('pending-request').textContent();
    expect(pending).toContain('重庆农村商业银行');
    expect(pending).toContain('6212');
    expect(pending).toContain('7313');
    expect(pending).toContain('江北区');
    expect(pending).not.toContain('[500105]');
    expect(pending).toContain('申请中');
    // The timeline: 提交 → 银行验证 → 审核 → 结果.
    for (const step of ['提交', '银行验证', '审核中，通常需5个工作日', '等待审核结果']) expect(pending).toContain(step);
    expect(await pc.getByRole('menuitem', { name: /办理中/ }).textContent()).toContain('1');
    await shot(pc, 'pending');

    // While it is pending, the card face still shows the old account and a second request is not offered.
    await pc.getByRole('menuitem', { name: '账户变更' }).click();
    await pc.getByText('您已有一条正在办理的变更申请').first().waitFor();
    expect(await pc.getByRole('button', { name: '提交' }).isDisabled()).toBe(true);

    // 撤销 asks first; "不撤销" keeps it.
    await pc.getByRole('menuitem', { name: /办理中/ }).click();
    await pc.getByRole('button', { name: '撤销' }).click();
    const dialog = pc.getByRole('dialog', { name: '确定撤销这条变更申请吗？' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '不撤销' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => pc.getByTestId('pending-request').count()).toBe(1);
    await pc.getByRole('button', { name: '撤销' }).click();
    await dialog.getByRole('button', { name: '确定撤销' }).click();
    await pc.getByText('没有正在办理的变更申请').waitFor({ timeout: 10_000 });

    await pc.getByRole('menuitem', { name: '办理完结' }).click();
    await pc.getByTestId('finished-request').first().waitFor();
    const finished = await pc.getByTestId('finished-request').allTextContents();
    expect(finished[0]).toContain('已撤销'); // newest first
    expect(finished.some((t) => t.includes('申请失败'))).toBe(true);
  }, 90_000);

  test('办理完结 shows every result, newest first, with the opinion or the reason', async () => {
    const zhou = await loggedInPc(ZHOU_JIANGUO);
    await zhou.getByRole('menuitem', { name: '办理完结' }).click();
    await zhou.getByTestId('finished-request').first().waitFor();
    // One line each; opened, each has its timeline and details.
    expect((await zhou.getByTestId('finished-request').allInnerTexts()).join('\n')).not.toContain('完结时间');
    for (const header of await zhou.locator('.ykb-finished-item > summary').all()) await header.click();
    await expect.poll(() => zhou.locator('.ykb-finished-item[open]').count()).toBe(3);
    expect((await zhou.getByTestId('finished-request').allInnerTexts()).join('\n')).toContain('完结时间');
    const items = await zhou.getByTestId('finished-request').allTextContents();
    const all = items.join('\n');
    for (const label of ['审核通过', '审核不通过', '申请失败', '完结时间', '审核意见', '失败原因'])
      expect(all).toContain(label);
    const finishedAt = items.map((t) => /完结时间\s*(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/.exec(t)?.[1] ?? '');
    expect(finishedAt.every(Boolean)).toBe(true);
    expect([...finishedAt].sort().reverse()).toEqual(finishedAt);
    await shot(zhou, 'finished');
    await zhou.context().close();
  }, 90_000);

  test('an invalid card shows 无效 with its notification; reading it clears the badge', async () => {
    const ran = await loggedInPc(RAN_GUIYING);
    const accounts = ran.getByTestId('account-card');
    await expect.poll(() => accounts.first().textContent()).toContain('无效');
    await ran.getByTestId('notice').first().waitFor();
    const notice = ran.getByTestId('notice').first();
    await expect.poll(() => notice.textContent()).toContain('未读');
    expect(await ran.getByRole('button', { name: '系统通知，1条未读' }).count()).toBe(1);
    await shot(ran, 'basic-invalid');
    await notice.getByRole('button', { name: '标为已读' }).click();
    await expect.poll(() => notice.getByRole('button', { name: '标为已读' }).count()).toBe(0);
    expect(await notice.textContent()).not.toContain('未读');
    await expect.poll(() => ran.getByRole('button', { name: '系统通知', exact: true }).count()).toBe(1);
    await accounts.first().getByRole('button', { name: '变更申请' }).click();
    await ran.getByRole('heading', { name: '变更卡' }).waitFor();
    await ran.context().close();
  }, 90_000);

  test('a person without an account is told where to declare one', async () => {
    const wang = await loggedInPc(WANG_YU);
    await wang.getByText('请联系所在村（社区）或镇（乡、街道），申报您的账户信息', { exact: false }).waitFor();
    expect(await wang.locator('.ykb-no-account').first().textContent()).toContain('您尚未绑定“一卡通”账户');
    expect(await wang.locator('.ykb-no-account').first().textContent()).toContain('12345');
    await shot(wang, 'basic-no-account');
    await wang.context().close();
  }, 90_000);

  test('an expired code is greyed with 二维码已过期, 刷新二维码 brings a new code; 取消 on the phone says 已在手机上取消', async () => {
    const page = await desktopPage();
    await page.clock.install();
    const first = await openQr(page);
    await page.clock.fastForward('05:01');
    await page.getByText('二维码已过期').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('qr-box').getAttribute('data-phase')).toBe('expired');
    await shot(page, 'qr-expired');
    await page.getByRole('button', { name: '刷新二维码' }).click();
    const link = page.getByRole('link', { name: '在手机预览中打开' });
    await link.waitFor();
    expect(await link.getAttribute('href')).not.toBe(first.qrContent);
    expect(await page.getByTestId('qr-box').getAttribute('data-phase')).toBe('waiting');
    expect(Number(await page.getByTestId('qr-seconds').textContent())).toBeGreaterThan(290);

    // The server can end a code before the countdown does: the person pressed 取消 on the phone.
    const ticket = /[?&]ticket=([^&#]+)/.exec((await link.getAttribute('href')) ?? '')?.[1] ?? '';
    const api = (await mobilePage()).context().request;
    const token = await faceToken(api, TAN_MEI);
    await phoneCall(api, token, ticket, 'scan');
    await page.getByText('已扫码，请在手机上确认').waitFor({ timeout: 10_000 });
    await phoneCall(api, token, ticket, 'cancel');
    await page.getByText('已在手机上取消', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('qr-box').getAttribute('data-phase')).toBe('cancelled');
    await page.getByRole('button', { name: '刷新二维码' }).waitFor();
    await shot(page, 'qr-cancelled');
    await page.context().close(); // stop its polling: the BFF rate-limits polls per address
  }, 60_000);

  test('a session ended elsewhere sends the PC back to the QR code with 登录已过期', async () => {
    const token = await pc.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY);
    const out = await pc.context().request.post(`${env.stack.baseUrl}/api/auth/logout`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status()).toBe(204);
    await pc.getByRole('menuitem', { name: /办理中/ }).click();
    await pc.getByText('登录已过期，请重新扫码登录').waitFor({ timeout: 10_000 });
    await pc.getByAltText('渝快办APP扫码登录二维码').waitFor();
    expect(await pc.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY)).toBeNull();
  }, 60_000);
});
