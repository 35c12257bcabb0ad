import { chromium } from 'playwright-core';

const [base, who, what] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const width = Number(process.env.W ?? 375);
const ctx = await b.newContext({
  viewport: { width, height: 812 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  reducedMotion: 'reduce',
});
const p = await ctx.newPage();
p.on('pageerror', (e) => console.log('pageerror', e.message));
await p.goto(`${base}/m/`);
if (process.env.ELDER) {
  await p.getByRole('switch', { name: '长辈版' }).click();
}
await p.getByRole('button', { name: new RegExp(`^${who}`) }).click();
await p.waitForURL(/card/);
await p.locator('.card, .no-card').first().waitFor();
await p.waitForTimeout(800);
const steps = (what ?? '').split(',').filter(Boolean);
for (const s of steps) {
  if (s === 'notices') await p.getByRole('tab', { name: /系统通知/ }).click();
  else if (s === 'payments') {
    await p.locator('taro-button-core').filter({ hasText: '发放记录' }).first().click();
    await p.waitForTimeout(1500);
  } else if (s === 'change') {
    await p.locator('taro-button-core').filter({ hasText: '变更申请' }).first().click();
    await p.waitForTimeout(1500);
  } else if (s === 'districts') {
    await p
      .getByRole('button', { name: /使用区县/ })
      .first()
      .click();
    await p.waitForTimeout(1000);
  } else if (s.startsWith('click:')) {
    await p.getByText(s.slice(6)).first().click();
    await p.waitForTimeout(800);
  } else if (s.startsWith('fill:')) {
    await p.getByRole('textbox').first().fill(s.slice(5));
    await p.waitForTimeout(500);
  } else if (s.startsWith('goto:')) {
    await p.goto(`${base}/m/#${s.slice(5)}`);
    await p.waitForTimeout(1500);
  }
}
await p.waitForTimeout(500);
if (process.env.SCROLL) {
  await p.evaluate((y) => window.scrollTo(0, y), Number(process.env.SCROLL));
  await p.waitForTimeout(300);
}
await p.screenshot({ path: process.env.OUT ?? '/tmp/uxc/shot.png', fullPage: !process.env.SCROLL });
await b.close();
