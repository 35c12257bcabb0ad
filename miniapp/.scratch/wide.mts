import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3999';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
const page = await ctx.newPage();
await page.goto(`${base}/m/`);
await page.getByRole('button', { name: `以谭梅身份进入` }).click();
await page.waitForURL(/card/);
await page.waitForTimeout(1000);
const report = () => page.evaluate(() => {
  const out: string[] = [`scrollWidth=${document.documentElement.scrollWidth} inner=${innerWidth}`];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (r.right > 380 && r.width > 0) out.push(`${el.tagName}.${(el as HTMLElement).className} right=${Math.round(r.right)} w=${Math.round(r.width)}`);
  }
  return out.slice(0, 15).join('\n');
});
console.log('CARD', await report());
await page.getByRole('button', { name: /使用区县/ }).first().click();
await page.waitForTimeout(1500);
console.log('DISTRICTS', await report());
await browser.close();
