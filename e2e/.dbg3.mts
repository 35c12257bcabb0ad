import { chromium } from 'playwright-core';

const [base, sandbox] = process.argv.slice(2);
const face = await fetch(`${sandbox}/identity/face-sessions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: '李强', idNumber: '500101198502033774' }),
}).then((r) => r.json());
const login = await fetch(`${base}/api/auth/face`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ faceToken: face.faceToken }),
}).then((r) => r.json());
const token = login.token;
const list = await fetch(`${base}/api/me/change-requests`, { headers: { authorization: `Bearer ${token}` } }).then(
  (r) => r.json(),
);
const id = list.items.find((r: { status: string }) => r.status === 'pending').id;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 1366, height: 768 } });
p.on('pageerror', (e) => console.log('pageerror', e.message));
p.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
await p.goto(`${base}/pc`);
await p.evaluate((t) => sessionStorage.setItem('ykt.portal.token', t), token);
await p.goto(`${base}/web/portal.html#/finished`);
await p.reload();
await p.waitForTimeout(2000);
await p.goto(`${base}/web/portal.html#/pending?submitted=${id}`);
await p.waitForTimeout(3000);
console.log(p.url(), (await p.locator('main, .ykb-content').first().innerText()).slice(0, 500));
await b.close();
