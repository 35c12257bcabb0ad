import { chromium } from 'playwright-core';

const [base, sandbox, name, id, hash] = process.argv.slice(2);
const face = await fetch(`${sandbox}/identity/face-sessions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name, idNumber: id }),
}).then((r) => r.json());
const login = await fetch(`${base}/api/auth/face`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ faceToken: face.faceToken }),
}).then((r) => r.json());
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({
  viewport: { width: 1366, height: 768 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  reducedMotion: 'reduce',
});
p.on('pageerror', (e) => console.log('pageerror', e.message));
p.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.text());
});
await p.goto(`${base}/pc`);
await p.evaluate((t) => sessionStorage.setItem('ykt.portal.token', t), login.token);
await p.goto(`${base}/web/portal.html#/${hash ?? 'basic'}`);
await p.reload();
await p.waitForTimeout(2500);
for (const s of (process.env.STEPS ?? '').split(',').filter(Boolean)) {
  await p.getByText(s).first().click();
  await p.waitForTimeout(800);
}
await p.screenshot({ path: process.env.OUT ?? '/tmp/uxc/pc.png', fullPage: true });
await b.close();
