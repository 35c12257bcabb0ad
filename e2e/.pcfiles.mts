import { readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = process.cwd();
const { startStack } = await import(`${root}/scripts/stack.ts`);
const s = await startStack();
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [label, path, waitText] of [
  ['PC first screen', '/pc', '扫码登录'],
  ['console first screen', '/review', '用户名'],
]) {
  const p = await b.newPage({ viewport: { width: 1366, height: 768 } });
  const files: string[] = [];
  p.on('response', (r) => {
    const u = new URL(r.url()).pathname;
    if (/^\/web\/assets\//.test(u)) files.push(u);
  });
  await p.goto(`${s.baseUrl}${path}`);
  await p.getByText(waitText).first().waitFor();
  await p.waitForLoadState('networkidle');
  let raw = 0,
    br = 0;
  for (const f of files) {
    const body = readFileSync(`web/dist/${f.slice(5)}`);
    raw += body.length;
    br += brotliCompressSync(body).length;
  }
  console.log(
    label,
    files.length,
    'files',
    (raw / 1024).toFixed(1),
    'KB raw',
    (br / 1024).toFixed(1),
    'KB br',
    files.map((f) => f.split('/').pop()).join(' '),
  );
  await p.close();
}
await b.close();
await s.close();
