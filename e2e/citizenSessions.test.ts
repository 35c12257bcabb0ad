/**
 * Sessions and dead ends in a browser, phone (375×812 and 320 px) and PC
 * (1366×768): 退出所有设备 on the phone and the PC; unknown addresses and a QR page without a ticket lead home; a used
 * QR code says 已使用; the number read back never breaks a digit group at 320 px (长辈版 too). The rest of the citizen's
 * screens is e2e/citizen.test.ts (a file of its own: each file has its own stack, and face logins are limited
 * per minute and address). Screenshots: docs/screenshots/mobile-*.png and pc-*.png named below.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  apiOf,
  newDesktopPage,
  RAN_GUIYING,
  screenshotDir,
  settled,
  useStackAndBrowser,
  WANG_YU,
  ZHOU_JIANGUO,
} from './harness.ts';
import { button, login, numberField, openChangeForm, openPhone, shot, text, tokenOf } from './mobileApp.ts';
import { loggedInPc, PC_TOKEN_KEY, pcQrLogin } from './pcApp.ts';

const TAN_NEW_ICBC = '6222023100025814737';

const env = useStackAndBrowser();

const api = apiOf(env);

/** Full page by default; `viewport` for a dialog (its mask covers the viewport only). */
async function pcShot(page: Page, name: string, viewport = false) {
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  await settled(page);
  await page.screenshot({
    path: resolve(screenshotDir, `pc-${name}.png`),
    fullPage: !viewport,
    animations: 'disabled',
  });
}

describe('退出所有设备', () => {
  async function active(token: string) {
    return (await api('GET', '/api/me/card', token)).status;
  }

  test('on the phone, after a confirmation: the PC and this phone are logged out', async () => {
    const pc = await loggedInPc(env, ZHOU_JIANGUO);
    const pcToken = (await pc.evaluate((k) => sessionStorage.getItem(k), PC_TOKEN_KEY)) ?? '';
    const page = await openPhone(env.browser);
    await login(page, env.stack.baseUrl, ZHOU_JIANGUO.name);
    const phoneToken = await tokenOf(page);
    await page.getByRole('button', { name: '退出所有设备' }).click();
    await page.getByRole('dialog', { name: '退出所有设备' }).waitFor();
    await shot(page, 'logout-all-confirm', true);
    await button(page, '全部退出').click();
    await page.waitForURL(/#\/pages\/login\/index\?reason=logout-all/);
    await page.getByText('您已退出所有设备。再次办理时需要重新进行人脸识别。').waitFor();
    expect(await tokenOf(page)).toBe('');
    expect(await active(phoneToken)).toBe(401);
    expect(await active(pcToken)).toBe(401);
    // The PC finds out at its next step.
    await pc.getByRole('menuitem', { name: '办理完结' }).click();
    await pc.getByText('登录已过期，请重新扫码登录').waitFor();
  }, 90_000);

  test('on the PC, after a confirmation: the phone and this PC are logged out', async () => {
    const page = await openPhone(env.browser);
    await login(page, env.stack.baseUrl, WANG_YU.name);
    const phoneToken = await tokenOf(page);
    const pc = await loggedInPc(env, WANG_YU);
    await pc.getByRole('button', { name: '退出所有设备' }).click();
    const dialog = pc.getByRole('dialog').filter({ hasText: '退出所有设备？' });
    await dialog.waitFor();
    await pcShot(pc, 'logout-all-confirm', true);
    await dialog.getByRole('button', { name: '全部退出' }).click();
    await pc.getByText('您已退出所有设备（手机和电脑），再次办理请重新扫码登录').waitFor();
    await pc.getByAltText('渝快办APP扫码登录二维码').waitFor();
    expect(await pc.evaluate((k) => sessionStorage.getItem(k), PC_TOKEN_KEY)).toBeNull();
    expect(await active(phoneToken)).toBe(401);
  }, 90_000);
});

describe('dead ends lead somewhere (item 9)', () => {
  test('an unknown address and a QR page without a ticket lead home', async () => {
    const page = await openPhone(env.browser);
    await page.goto(`${env.stack.baseUrl}/m/#/pages/nowhere/index`);
    await page.waitForURL(/#\/pages\/login\/index/);
    await page.getByRole('button', { name: new RegExp(`^${WANG_YU.name}`) }).click();
    await page.waitForURL(/#\/pages\/card\/index/);
    // Signed in: an unknown address goes to the card (via the entry, which knows the session).
    await page.locator('.no-card').waitFor();
    await page.goto(`${env.stack.baseUrl}/m/#/pages/nowhere/index?x=1`);
    await page.waitForURL(/#\/pages\/card\/index/);
    await page.locator('.no-card').waitFor();
    await page.goto(`${env.stack.baseUrl}/m/#/pages/qr-confirm/index`);
    await page.getByText('二维码内容不完整，请重新扫描电脑上的二维码').waitFor();
    await shot(page, 'qr-no-ticket');
    await button(page, '返回首页').click();
    await page.waitForURL(/#\/pages\/card\/index/);

    const pc = await loggedInPc(env, WANG_YU, 'nowhere?x=1');
    await pc.getByRole('heading', { name: '基本信息' }).waitFor();
    expect(new URL(pc.url()).hash).toBe('#/basic');
  }, 90_000);

  test('PC: a code whose login was handed out already says 已使用, with 刷新二维码; the phone says so too', async () => {
    const pc = await newDesktopPage(env.browser, { viewport: { width: 1366, height: 768 } });
    // The answer that carried the token is lost on the way (a weak network): the next poll finds the code used.
    await pc.route('**/api/auth/qr-tickets/*', async (route) => {
      const res = await route.fetch();
      const body = (await res.json().catch(() => ({}))) as { token?: string };
      if (body.token) await route.abort('connectionreset');
      else await route.fulfill({ response: res });
    });
    await pc.goto(`${env.stack.baseUrl}/pc`);
    const link = pc.getByRole('link', { name: '在手机预览中打开' });
    await link.waitFor();
    const ticket = /[?&]ticket=([^&#]+)/.exec((await link.getAttribute('href')) ?? '')?.[1] ?? '';
    const token = await pcQrLogin(env.stack, pc, WANG_YU);
    await pc.getByText('二维码已使用').waitFor({ timeout: 20_000 });
    expect(await pc.getByTestId('qr-box').getAttribute('data-phase')).toBe('used');
    await pc.getByText('这个二维码已用于登录，不能再次使用。请点击“刷新二维码”后重新扫描。').waitFor();
    await pcShot(pc, 'qr-used');
    await pc.unroute('**/api/auth/qr-tickets/*');
    await pc.getByRole('button', { name: '刷新二维码' }).click();
    await expect.poll(() => pc.getByTestId('qr-box').getAttribute('data-phase')).toBe('waiting');
    await pc.context().close(); // stop its polling

    // The phone scanning that used code is told so, with the way home.
    const page = await openPhone(env.browser);
    await login(page, env.stack.baseUrl, WANG_YU.name);
    expect(token).not.toBe('');
    await page.goto(`${env.stack.baseUrl}/m/#/pages/qr-confirm/index?ticket=${ticket}`);
    await page.getByText('该二维码已使用，请在电脑上刷新后重新扫码').waitFor();
    expect(await text(page.locator('.qr-done-title'))).toBe('二维码已使用');
  }, 90_000);
});

describe('the number read back at 320 px (item 10)', () => {
  test('a 19-digit number wraps between groups, never inside one, normal and 长辈版', async () => {
    const page = await openPhone(env.browser);
    await page.setViewportSize({ width: 320, height: 640 });
    await login(page, env.stack.baseUrl, RAN_GUIYING.name);
    const groupsWhole = (selector: string) =>
      page.locator(selector).evaluate((el) => {
        const groups = Array.from(el.querySelectorAll('.digit-group')) as HTMLElement[];
        const tops = new Set(groups.map((g) => Math.round(g.getBoundingClientRect().top)));
        return {
          groups: groups.map((g) => g.textContent),
          whole: groups.every((g) => g.getClientRects().length === 1),
          lines: tops.size,
          fits: el.scrollWidth <= el.clientWidth + 1,
        };
      });
    for (const elder of [false, true]) {
      if (elder) await page.getByRole('switch', { name: '长辈版' }).click();
      const face = await groupsWhole('.card .card-number');
      expect(face).toMatchObject({ groups: ['6212', '****', '****', '1184'], whole: true, fits: true });
      await openChangeForm(page);
      await numberField(page).fill(TAN_NEW_ICBC);
      const readBack = await groupsWhole('.account-grouped');
      expect(readBack.groups).toEqual(['6222', '0231', '0002', '5814', '737']);
      expect(readBack.whole).toBe(true);
      expect(readBack.fits).toBe(true);
      // At this width the 19 digits need two lines: the break falls between groups.
      expect(readBack.lines).toBeGreaterThanOrEqual(2);
      await shot(page, elder ? 'change-320-elder' : 'change-320');
      await page.getByRole('button', { name: '返回上一页' }).click();
      await page.waitForURL(/#\/pages\/card\/index/);
      await page.locator('.card').first().waitFor();
    }
  }, 90_000);
});
