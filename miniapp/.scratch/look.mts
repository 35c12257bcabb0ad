import { chromium } from 'playwright-core';
const base = process.env.BASE ?? 'http://127.0.0.1:3999';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
const page = await ctx.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('requestfailed', (r) => console.log('reqfailed:', r.url(), r.failure()?.errorText));
await page.goto(`${base}/m/`);
await page.waitForTimeout(3000);
await page.screenshot({ path: '/tmp/mdev/login.png', fullPage: true });
const persona = page.getByRole('button', { name: '以谭梅身份进入' });
console.log('persona visible', await persona.isVisible().catch(() => false));
if (await persona.isVisible()) {
  await persona.click();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: '/tmp/mdev/card.png', fullPage: true });
  console.log(page.url());
}
await browser.close();
