import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { repoRoot, type Stack, type StackOptions, startStack } from '../scripts/stack.ts';

export { type Stack, type StackOptions, startStack };

export const screenshotDir = join(repoRoot, 'docs', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

/**
 * Debian's Chromium driven by playwright-core (no browser download here), with the flags this machine needs;
 * playwright gives every launch a fresh profile of its own.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
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
    env.stack = await startStack(opts);
    env.browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.stack?.close();
  });
  return env;
}
