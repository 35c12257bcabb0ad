import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { repoRoot, type Stack, type StackOptions, demoPerson as sandboxPerson, startStack } from '../scripts/stack.ts';

export { type Stack, type StackOptions, startStack };

/** A demo person as the face scan knows them, from the sandbox's world (one source for names and ID numbers). */
export function demoPerson(key: string): { name: string; idNumber: string } {
  const { name, idNumber } = sandboxPerson(key);
  return { name, idNumber };
}
export const TAN_MEI = demoPerson('tan-mei');
export const WANG_YU = demoPerson('wang-yu');
export const RAN_GUIYING = demoPerson('ran-guiying');
export const CHEN_JING = demoPerson('chen-jing');
export const ZHOU_JIANGUO = demoPerson('zhou-jianguo');
export const LI_QIANG = demoPerson('li-qiang');

export const screenshotDir = join(repoRoot, 'docs', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

/**
 * Debian's Chromium driven by playwright-core (no browser download here), with the flags this machine needs;
 * playwright gives every launch a fresh profile of its own.
 *
 * A cold machine pays for Chromium's first start (binary and fonts read from disk, fontconfig's cache of the CJK
 * font, the first renderer): seconds, more with a busy core. That is paid here, once per launch, by a page that
 * draws Chinese text, under a bound of its own, instead of inside the first step of a test (where it used to eat
 * the 30 s a click may wait).
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    timeout: 120_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const warm = await browser.newPage();
  await warm.setContent('<p style="font-family: sans-serif">惠民惠农“一卡通”账户自助变更 登录 0123456789</p>', {
    timeout: 120_000,
  });
  await warm.evaluate(() => document.fonts.ready.then(() => undefined));
  await warm.close();
  return browser;
}

/**
 * A desktop browser window as caseworkers and citizens at a PC have it (1366 wide, Chinese, Shanghai time), asking
 * for reduced motion: the web front ends then switch antd's fades and zooms off (web/src/*\/main.tsx), so a
 * dialog is read and pictured as it ends up, never half faded in.
 */
export async function newDesktopContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
    ...options,
  });
}

export async function newDesktopPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  return (await newDesktopContext(browser, options)).newPage();
}

/**
 * Waits until the page has stopped moving: web fonts loaded and no finite CSS animation or transition running
 * (spinners loop forever and are left alone). For screenshots and accessibility checks, instead of a sleep.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    undefined,
    { polling: 'raf', timeout: 15_000 },
  );
}

/** A citizen session through the sandbox's face scan and POST /api/auth/face, for API steps inside UI tests. */
export async function citizenToken(stack: Stack, person: { name: string; idNumber: string }): Promise<string> {
  const face = await fetch(`${stack.sandboxUrl}/identity/face-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(person),
  }).then((r) => r.json() as Promise<{ faceToken: string }>);
  const login = await fetch(`${stack.baseUrl}/api/auth/face`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faceToken: face.faceToken }),
  }).then((r) => r.json() as Promise<{ token: string }>);
  return login.token;
}

/** A caseworker session (demo users: jiangbei / chongqing, see README). */
export async function caseworkerToken(stack: Stack, username: string, password: string): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/api/review/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { token: string };
  return body.token;
}

/**
 * One stack (BFF + sandbox + demo data) and one browser for a test file: registers its own before/after hooks.
 * Closing the browser closes every context the tests opened.
 */
export function useStackAndBrowser(opts?: StackOptions): { stack: Stack; browser: Browser } {
  const env = {} as { stack: Stack; browser: Browser };
  beforeAll(async () => {
    // The bank's answer may take longer than the product's 3 s here: this process also runs the sandbox and the
    // browser's driver, beside the PostgreSQL suite on two cores. (Tests of a bank that does not answer use its
    // `down` fault, which answers at once.)
    env.stack = await startStack({ bankTimeoutMs: 15_000, ...opts });
    env.browser = await launchBrowser();
  }, 180_000);
  // A failed journey leaves a picture of every page it had open: .tmp/e2e-failures/<test>-<n>.png.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !env.browser) return;
    const dir = join(repoRoot, '.tmp', 'e2e-failures');
    mkdirSync(dir, { recursive: true });
    const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
    const pages = env.browser.contexts().flatMap((c) => c.pages());
    await Promise.all(
      pages.map((p, i) => p.screenshot({ path: join(dir, `${name}-${i}.png`), fullPage: true }).catch(() => undefined)),
    );
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.stack?.close();
  });
  return env;
}

/** One call to the stack's API as a test makes it (the citizen's or caseworker's token, a JSON body, headers). */
export async function callApi<T = Record<string, unknown> | null>(
  stack: Stack,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

/** callApi bound to a test file's stack: `const api = apiOf(env)`. */
export function apiOf(env: { stack: Stack }) {
  return <T = Record<string, unknown> | null>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => callApi<T>(env.stack, method, path, token, body, headers);
}
