/**
 * Keyset paging and capped totals in the console, in Chromium at 1366×768: with more rows
 * than a page, each page follows the cursor of the one before (no page shown twice, none skipped, back to page 1
 * shows page 1), and past 1,000 rows the total reads "共 1000+ 条".
 *
 * Rows are added straight into the stack's database before the browser starts: 21 more finished requests of
 * 周建国 (copies of his approved one, an hour apart) and 10,050 audit rows.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDesktopContext, settled, useStackAndBrowser } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SHOTS = resolve(here, '../docs/screenshots');
const EXTRA_REQUESTS = 21;
const EXTRA_AUDIT_ROWS = 1_050;

const env = useStackAndBrowser();
let context: BrowserContext;
let page: Page;

const activeTab = (): Locator => page.getByRole('tabpanel');
const gridRows = (scope: Locator): Locator => scope.locator('.ant-table-tbody tr.ant-table-row');

/** 10 rows a page, through the pager's size picker. */
async function tenPerPage(tab: Locator, path: string) {
  await tab.locator('.ant-pagination-options .ant-select').click();
  const answer = page.waitForResponse((r) => r.url().includes(`${path}?`) && /[?&]pageSize=10(&|$)/.test(r.url()));
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle('10 条/页', { exact: true })
    .click();
  expect((await answer).status()).toBe(200);
}

/** Goes to the next page and returns its rows' text once they are the next page's (the cursor was sent). */
async function nextPage(tab: Locator, path: string): Promise<string[]> {
  const answer = page.waitForResponse((r) => r.url().includes(`${path}?`) && r.url().includes('cursor='));
  await tab.getByTitle('下一页').click();
  expect((await answer).status()).toBe(200);
  await tab.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  return gridRows(tab).allInnerTexts();
}

describe('console paging by keyset, capped totals', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { db } = env.stack.app.ctx;
    const cr = db.schema.changeRequests;
    const approved = (await db.read.select().from(cr)).find((r) => r.status === 'approved');
    if (!approved) throw new Error('the demo data has an approved request');
    const { id: _id, ...row } = approved;
    const hour = 3_600_000;
    const base = new Date(approved.appliedAt).getTime();
    await db.unitOfWork(async (tx) => {
      await tx.insert(cr).values(
        Array.from({ length: EXTRA_REQUESTS }, (_, i) => ({
          ...row,
          appliedAt: new Date(base - (i + 1) * hour).toISOString(),
          finishedAt: new Date(base - (i + 1) * hour + 600_000).toISOString(),
        })),
      );
      const at = new Date(Date.now() - 86_400_000).toISOString();
      for (let start = 0; start < EXTRA_AUDIT_ROWS; start += 500) {
        await tx.insert(db.schema.auditLog).values(
          Array.from({ length: Math.min(500, EXTRA_AUDIT_ROWS - start) }, (_, k) => ({
            at,
            actorType: 'system' as const,
            actor: 'system',
            action: 'account.edit',
            target: `account:${100_000 + start + k}`,
            detail: JSON.stringify({ districtCode: '500101', before: { status: 'valid' }, after: { status: 'valid' } }),
            ip: null,
          })),
        );
      }
    });
    context = await newDesktopContext(env.browser, { viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    await page.goto(`${env.stack.baseUrl}/review`);
    await page.getByLabel('用户名').fill('chongqing');
    await page.getByLabel('密码').fill('chongqing-demo-2026');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByTestId('caseworker-name').waitFor();
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
  });

  it('显示完结 for the municipal caseworker: three pages of 10, each once, and back to the first', async () => {
    const tab = activeTab();
    await tab.getByRole('radio', { name: '显示完结', exact: true }).check();
    const first = page.waitForResponse((r) => r.url().includes('/api/review/change-requests?'));
    await tab.getByRole('button', { name: '查询', exact: true }).click();
    expect((await first).status()).toBe(200);
    const total = 4 + EXTRA_REQUESTS; // the demo's 4 that reached review, and the copies
    await expect.poll(() => tab.locator('.rv-grid .ant-card-extra').innerText()).toBe(`共 ${total} 条`);
    await tenPerPage(tab, '/api/review/change-requests');
    await expect.poll(() => gridRows(tab).count()).toBe(10);
    const page1 = await gridRows(tab).allInnerTexts();

    const page2 = await nextPage(tab, '/api/review/change-requests');
    expect(page2).toHaveLength(10);
    const page3 = await nextPage(tab, '/api/review/change-requests');
    expect(page3).toHaveLength(total - 20);
    // The rows' own text (序号 aside, which counts on): every request once, newest first across the pages.
    const own = (rows: string[]) => rows.map((t) => t.split('\t').slice(1).join('\t'));
    const seen = [...own(page1), ...own(page2), ...own(page3)];
    expect(new Set(seen).size).toBe(total);
    expect(await tab.getByTitle('下一页').getAttribute('aria-disabled')).toBe('true');

    await tab.getByTitle('1', { exact: true }).click();
    await expect.poll(async () => own(await gridRows(tab).allInnerTexts())).toEqual(own(page1));
    await tab.getByTitle('3', { exact: true }).click();
    await expect.poll(async () => own(await gridRows(tab).allInnerTexts())).toEqual(own(page3));
  });

  it('操作日志 past 1,000 rows: "共 1000+ 条", and page after page follows its cursor', async () => {
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    const tab = activeTab();
    await expect.poll(() => tab.locator('.rv-grid .ant-card-extra').innerText()).toBe('共 1000+ 条');
    // The rows added here only (the console's own login and views are in the log too).
    await tab.getByRole('combobox', { name: /操作/ }).click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle('修改一卡通账号', { exact: true })
      .click();
    const filtered = page.waitForResponse((r) => r.url().includes('action=account.edit'));
    await tab.getByRole('button', { name: '查询', exact: true }).click();
    expect((await filtered).status()).toBe(200);
    await expect.poll(() => tab.locator('.rv-grid .ant-card-head').innerText()).toContain('修改一卡通账号');
    expect(await tab.locator('.rv-grid .ant-card-extra').innerText()).toBe('共 1000+ 条');
    await tenPerPage(tab, '/api/review/audit');
    await expect.poll(() => gridRows(tab).count()).toBe(10);
    const targets = async () => (await gridRows(tab).allInnerTexts()).map((t) => /账号 #\d+/.exec(t)?.[0]);
    const seen = [...(await targets())];
    for (let n = 2; n <= 4; n++) {
      await nextPage(tab, '/api/review/audit');
      seen.push(...(await targets()));
    }
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    // Newest first: the last rows added lead.
    expect(seen[0]).toBe(`账号 #${100_000 + EXTRA_AUDIT_ROWS - 1}`);
    expect(seen[39]).toBe(`账号 #${100_000 + EXTRA_AUDIT_ROWS - 40}`);
    expect(await tab.locator('.ant-pagination-total-text').innerText()).toBe('共 1000+ 条');
    await page.mouse.move(0, 0);
    await settled(page);
    await page.screenshot({ path: resolve(SHOTS, 'review-audit-capped.png'), animations: 'disabled' });
  });
});
