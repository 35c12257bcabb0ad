/**
 * The built front ends as the BFF delivers them, checked on the real builds:
 * - every page (/m/, /web/portal.html, /web/review.html, /docs) has a CSP whose script-src has no
 *   'unsafe-inline', and its HTML no inline <script> without a matching hash;
 * - every file a page names comes brotli-compressed, content-hashed files immutable for a year, the HTML no-cache;
 * - in Chromium, each page and the screens after login run with no CSP violation, no console error or warning and
 *   no failed request (a favicon included). A planted inline script shows that a violation would be caught;
 * - the phone's start: the shell first and the app over it in place, the root size across screens, and nothing
 *   built that the first screen does not need (no stylesheet added, no hidden navigation bar, no touch listeners).
 * bff/test/frontends.test.ts checks the same headers through `inject` without a build.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { citizenToken, newDesktopPage, TAN_MEI, useStackAndBrowser } from './harness.ts';
import { login, openPhone, shot } from './mobileApp.ts';

const env = useStackAndBrowser();

const PAGES = ['/m/', '/web/portal.html', '/web/review.html', '/docs/'];

function scriptSrc(csp: string): string[] {
  const d = csp
    .split(';')
    .map((x) => x.trim())
    .find((x) => x.startsWith('script-src '));
  return d ? d.split(/\s+/).slice(1) : [];
}

describe('front ends as delivered (real builds)', () => {
  test.each(PAGES)(
    '%s: CSP without unsafe-inline, no unhashed inline script, files compressed and cached',
    async (path) => {
      const res = await fetch(`${env.stack.baseUrl}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(scriptSrc(csp)).toContain("'self'");
      expect(scriptSrc(csp)).not.toContain("'unsafe-inline'");
      const html = await res.text();
      const allowed = new Set(scriptSrc(csp));
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
        if (/\bsrc\s*=/i.test(m[1])) continue;
        const hash = `'sha256-${createHash('sha256').update(m[2]).digest('base64')}'`;
        expect(allowed.has(hash), `inline script without a hash in ${path}: ${m[2].slice(0, 80)}`).toBe(true);
      }
      if (path === '/docs/') return; // swagger-ui's own files: not built here
      expect(res.headers.get('content-encoding')).toBe('br');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const files = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="(\/(?:m|web)\/[^"]+)"/g)].map(
        (m) => m[1],
      );
      expect(files.length).toBeGreaterThan(1);
      for (const file of files) {
        const r = await fetch(`${env.stack.baseUrl}${file}`, { headers: { 'accept-encoding': 'br, gzip' } });
        expect(r.status, file).toBe(200);
        expect(r.headers.get('content-encoding'), file).toBe('br');
        expect(r.headers.get('cache-control'), file).toBe('public, max-age=31536000, immutable');
        await r.arrayBuffer();
      }
    },
  );

  /** Everything a page reports that a person (or the console of their browser) would see go wrong. */
  async function watch(page: Page): Promise<() => Promise<string[]>> {
    const problems: string[] = [];
    // A string: the page runs it as it is (no helper a TS transform might add to a function).
    await page.addInitScript(
      `document.addEventListener('securitypolicyviolation', function (e) {
        (window.__cspViolations = window.__cspViolations || []).push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
      });`,
    );
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    page.on('requestfailed', (r) => problems.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`));
    return async () => {
      const csp = (await page.evaluate(() => (window as { __cspViolations?: string[] }).__cspViolations ?? [])).map(
        (v) => `CSP violation: ${v}`,
      );
      return [...problems, ...csp];
    };
  }

  test('phone: login, card, 变更卡 form: no CSP violation, console error or failed request', async () => {
    const page = await openPhone(env.browser);
    const problems = await watch(page);
    await login(page, env.stack.baseUrl, '谭梅');
    await page.getByRole('button', { name: '变更申请' }).first().click();
    await page.getByRole('textbox', { name: '社保卡号' }).waitFor();
    expect(await problems()).toEqual([]);
    // The watch works: an inline script is refused and reported.
    await expect(page.addScriptTag({ content: 'window.planted = 1' })).rejects.toThrow(/Content Security Policy/);
    await expect.poll(async () => (await problems()).some((p) => p.startsWith('CSP violation: script-src'))).toBe(true);
  });

  test('phone: while the code is on its way, the first screen shows from the HTML, and the app draws over it in place', async () => {
    const page = await openPhone(env.browser);
    // The code held back, as on a slow line: only the HTML (and its stylesheet) has arrived.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/m/js/**', async (route) => {
      await held;
      await route.continue();
    });
    void page.goto(`${env.stack.baseUrl}/m/`).catch(() => {});
    const shell = page.getByRole('status').filter({ hasText: '正在打开，请稍候' });
    await shell.waitFor();
    const explanation = /^为保护您的补贴资金安全，查看和变更“一卡通”账户前，需要通过人脸识别确认是您本人。$/;
    const box = async (text: string | RegExp) => {
      const b = await page.getByText(text).filter({ visible: true }).boundingBox();
      if (!b) throw new Error(`${text} is not on screen`);
      return b;
    };
    const before = { title: await box('惠民惠农“一卡通”账户自助变更'), explanation: await box(explanation) };
    await shot(page, 'shell', true);
    release();
    await page.getByRole('button', { name: /^谭梅/ }).waitFor();
    expect(await shell.isVisible()).toBe(false);
    // The same words at the same place and size: the page does not jump when the app takes over.
    const after = { title: await box('惠民惠农“一卡通”账户自助变更'), explanation: await box(explanation) };
    for (const key of ['title', 'explanation'] as const) {
      for (const side of ['x', 'y', 'width', 'height'] as const) {
        expect(Math.abs(after[key][side] - before[key][side]), `${key} ${side}`).toBeLessThanOrEqual(1);
      }
    }
  });

  test('phone: type and touch targets follow the screen, also when it turns, between 20 and 40 px a rem', async () => {
    // index.html's CSS sizes the root (40 px per 750 design px of the shorter side); Taro's rem script only runs
    // where the browser lacks clamp() (config/h5Delivery.ts), so here the CSS alone must do it, resize included.
    const page = await openPhone(env.browser);
    await login(page, env.stack.baseUrl, TAN_MEI.name);
    const button = page.getByRole('button', { name: '变更申请' }).first();
    const measure = async () => ({
      rem: await page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize)),
      button: (await button.boundingBox())?.height ?? 0,
    });
    const portrait = await measure();
    expect(portrait.rem).toBeCloseTo(20, 1); // 375 px wide: 375 × 40 / 750
    for (const [width, height, rem] of [
      [812, 375, 20], // turned sideways: the shorter side still decides
      [414, 896, 22.08],
      [320, 640, 20], // never smaller than 20 px
      [1024, 1366, 40], // a tablet: never larger than 40 px
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect.poll(async () => (await measure()).rem, { message: `${width}×${height}` }).toBeCloseTo(rem, 1);
      const now = await measure();
      expect(now.button / portrait.button, `${width}×${height}`).toBeCloseTo(rem / 20, 1);
    }
  });

  test('phone: starting builds only the first screen; taps on its boxes never hold up scrolling', async () => {
    const page = await openPhone(env.browser);
    const html = await (await fetch(`${env.stack.baseUrl}/m/`)).text();
    const stylesheetsInHtml = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].length;
    await page.goto(`${env.stack.baseUrl}/m/`);
    const persona = page.getByRole('button', { name: new RegExp(`^${TAN_MEI.name}`) });
    await persona.waitFor();
    // The first page's stylesheets come with the HTML (config/h5Delivery.ts): none is added while the app starts.
    expect(stylesheetsInHtml).toBeGreaterThan(1);
    expect(await page.locator('link[rel="stylesheet"]').count()).toBe(stylesheetsInHtml);
    // Taro's navigation bar, hidden in this app, is not built (patches/@tarojs__router*); the page still names itself.
    expect(await page.locator('#taro-navigation-bar').count()).toBe(0);
    expect(await page.title()).toBe('人脸识别');
    // No touch listener on the boxes from the persona up to the page (src/components/PlainView.h5.tsx): the browser
    // scrolls at once instead of asking the script first. Taro's View listened on every box.
    const cdp = await page.context().newCDPSession(page);
    await persona.evaluate((el) => {
      (window as { __persona?: Element }).__persona = el;
    });
    const touchListeners: string[] = [];
    for (let depth = 0; ; depth++) {
      const { result } = await cdp.send('Runtime.evaluate', {
        expression: `(() => { let el = window.__persona; for (let i = 0; i < ${depth} && el; i++) el = el.parentElement; return el && el !== document.body ? el : null; })()`,
      });
      if (!result.objectId) break;
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
      for (const l of listeners) if (l.type.startsWith('touch')) touchListeners.push(`${l.type} at depth ${depth}`);
    }
    expect(touchListeners).toEqual([]);
    // The taps still work: the persona logs in.
    await persona.click();
    await page.getByRole('button', { name: '变更申请' }).first().waitFor();
  });

  test('PC portal: QR login and 基本信息: no CSP violation, console error or failed request', async () => {
    const page = await newDesktopPage(env.browser);
    const problems = await watch(page);
    await page.goto(`${env.stack.baseUrl}/pc`);
    await page.getByRole('img', { name: /二维码/ }).waitFor();
    const token = await citizenToken(env.stack, TAN_MEI);
    await page.evaluate((t) => sessionStorage.setItem('ykt.portal.token', t), token);
    await page.goto(`${env.stack.baseUrl}/web/portal.html#/basic`);
    await page.reload();
    await page.getByText('账户信息').first().waitFor();
    expect(await problems()).toEqual([]);
  });

  test('review console: login and the queue: no CSP violation, console error or failed request', async () => {
    const page = await newDesktopPage(env.browser);
    const problems = await watch(page);
    await page.goto(`${env.stack.baseUrl}/review`);
    await page.getByLabel('用户名').fill('jiangbei');
    await page.getByLabel('密码').fill('jiangbei-demo-2026');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByTestId('caseworker-name').waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    expect(await problems()).toEqual([]);
  });

  test('/docs (swagger-ui): no CSP violation, console error or failed request', async () => {
    const page = await newDesktopPage(env.browser);
    const problems = await watch(page);
    await page.goto(`${env.stack.baseUrl}/docs`);
    await page.getByText('/api/client-config').first().waitFor();
    expect(await problems()).toEqual([]);
  });
});
