import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3999';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
const page = await ctx.newPage();
await page.goto(`${base}/m/`);
await page.getByRole('button', { name: `以周建国身份进入` }).click();
await page.waitForURL(/card/);
await page.waitForTimeout(1500);
console.log(await page.evaluate(() => {
  const out = [`doc scrollH=${document.documentElement.scrollHeight} body scrollH=${document.body.scrollHeight} bodyOverflow=${getComputedStyle(document.body).overflow} htmlOverflow=${getComputedStyle(document.documentElement).overflow}`];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const cs = getComputedStyle(el);
    if ((cs.overflowY === 'scroll' || cs.overflowY === 'auto') && el.scrollHeight > el.clientHeight) out.push(`${el.tagName}#${el.id}.${el.className} ${el.scrollHeight}/${el.clientHeight} maxH=${cs.maxHeight} h=${cs.height}`);
  }
  out.push(Array.from(document.querySelectorAll('style')).map(s => s.textContent).filter(t => t && t.includes('taro_page')).join('\n---\n').slice(0, 1500));
  return out.join('\n');
}));
await browser.close();
