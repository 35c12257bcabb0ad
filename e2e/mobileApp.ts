/** The mini-app's H5 build as a person on a phone uses it: shared by the mobile journeys. */
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { screenshotDir, settled } from './harness.ts';

/** A 375x812 phone (scale 2, touch) in Shanghai time, as the 渝快办 container shows the H5 build. */
export async function openPhone(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
  });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.warn('[mobile] page error:', e.message));
  return page;
}

/** Full-page by default; `viewport` for dialogs (their overlay is fixed to the viewport). */
export async function shot(page: Page, name: string, viewport = false) {
  await settled(page); // the last state painted, nothing mid-transition
  await page.screenshot({
    path: resolve(screenshotDir, `mobile-${name}.png`),
    fullPage: !viewport,
    animations: 'disabled',
  });
}

/** What a part of the page says (textContent: the DOM's words, whatever the CSS). */
export async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** An AppButton (role=button) by the words on it. */
export function button(page: Page, text: string | RegExp): Locator {
  return page.getByRole('button', { name: text });
}

/** Opens the mini-app and logs in through the preview's face scan (a persona of the sandbox identity platform). */
export async function login(page: Page, baseUrl: string, name: string) {
  await page.goto(`${baseUrl}/m/`);
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.waitForURL(/#\/pages\/card\/index/);
  await page.locator('.card, .no-card').first().waitFor();
}

/** The session token the app keeps in Taro storage (H5: localStorage, value wrapped as {"data": ...}). */
export async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('ykt.token'));
  if (!raw) return '';
  try {
    const v = JSON.parse(raw) as { data?: string } | string;
    return typeof v === 'string' ? v : (v.data ?? '');
  } catch {
    return raw;
  }
}

/** The 变更卡 number field: named after the card type (社保卡号, 银行卡号, 存折账号). */
export function numberField(page: Page): Locator {
  return page.getByRole('textbox', { name: /^(社保卡号|银行卡号|存折账号)$/ });
}

/** Fills the 变更卡 form the way a person does: tap, type, tick. */
export async function fillChange(
  page: Page,
  opts: { cardType?: string; account: string; district?: string; reason?: string },
) {
  await page.getByRole('radio', { name: opts.cardType ?? '银行卡' }).click();
  await numberField(page).fill(opts.account);
  // A district by its name (chosen already, its name reads "✓ 江北区").
  if (opts.district) await page.getByRole('radio', { name: new RegExp(`(^|\\s)${opts.district}$`) }).click();
  if (opts.reason) await page.getByRole('textbox', { name: '变更理由' }).fill(opts.reason);
  const consent = page.getByRole('checkbox', { name: '是否为本人持有账号且同意对当前账号进行状态查询等验证' });
  if ((await consent.getAttribute('aria-checked')) !== 'true') await consent.click();
}

export async function openChangeForm(page: Page) {
  await button(page, '变更申请').first().click();
  await page.waitForURL(/#\/pages\/change\/index/);
  await numberField(page).waitFor();
}

/** Opens a folded line of 事项办理 (a finished request or a group of failures) and gives its text. */
export async function openLine(item: Locator): Promise<string> {
  const head = item.locator('.item-line-head');
  if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
  await item.locator('.item-line-body').waitFor();
  return text(item);
}
