import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { callApi, citizenToken, newDesktopPage, type Stack } from './harness.ts';

/** Where the PC portal keeps its session token (sessionStorage). */
export const PC_TOKEN_KEY = 'ykt.portal.token';
type Person = { name: string; idNumber: string };

/** The PC's QR login through the page: the code it shows is scanned and confirmed by the phone (API). */
export async function pcQrLogin(stack: Stack, pc: Page, person: Person) {
  const link = pc.getByRole('link', { name: '在手机预览中打开' });
  await link.waitFor();
  const ticket = /[?&]ticket=([^&#]+)/.exec((await link.getAttribute('href')) ?? '')?.[1] ?? '';
  const token = await citizenToken(stack, person);
  for (const action of ['scan', 'confirm']) {
    expect((await callApi(stack, 'POST', `/api/auth/qr-tickets/${ticket}/${action}`, token)).status).toBe(200);
  }
  return token;
}

/** A PC already logged in as `person` (a session of their own), on the portal page `hash`. */
export async function loggedInPc(env: { stack: Stack; browser: Browser }, person: Person, hash = 'basic') {
  const pc = await newDesktopPage(env.browser, { viewport: { width: 1366, height: 768 } });
  const token = await citizenToken(env.stack, person);
  await pc.goto(`${env.stack.baseUrl}/pc`);
  await pc.evaluate(([k, t]) => sessionStorage.setItem(k, t), [PC_TOKEN_KEY, token]);
  await pc.goto(`${env.stack.baseUrl}/web/portal.html#/${hash}`);
  await pc.reload();
  await pc.getByText('一卡通账户自助变更').first().waitFor();
  return pc;
}
