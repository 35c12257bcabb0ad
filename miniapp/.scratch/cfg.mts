import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const page = await (await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true })).newPage();
await page.goto('http://127.0.0.1:3999/m/');
await page.waitForTimeout(2500);
console.log(await page.evaluate(() => JSON.stringify({ u: (window as any).__taroAppConfig.usingWindowScroll, routes: (window as any).__taroAppConfig.routes?.map((r: any) => ({ p: r.path, u: r.usingWindowScroll })) })));
console.log(await page.evaluate(() => Array.from(document.querySelectorAll('script')).map(s => s.src).join(' ')));
await browser.close();
