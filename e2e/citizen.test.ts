/**
 * The citizen's screens in a browser, phone (375×812) and PC (1366×768):
 * - the 变更卡 draft survives a session expiry and a new login (phone: face; PC: QR), for 30 minutes at most, without
 *   the consent tick, only for its owner; cleared on submit and logout; never the full number in a console;
 * - the outcome of a decision told in 系统通知 (审核不通过 here; 审核通过 in mobile.test.ts);
 * - one card valid in one district and invalid in another: two faces that look and say different;
 * - "补贴仍发放到原账户" never said about an invalid card (PC 办理中 and its 撤销);
 * - 事项办理 / 办理完结: repeated failures of one card as one line, paging past 20 with 加载更多.
 * 退出所有设备, dead ends, a used QR code and the 320 px read-back: e2e/citizenSessions.test.ts.
 * Screenshots: docs/screenshots/mobile-*.png and pc-*.png named below.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { STACK_SERVICE_KEY } from '../scripts/stack.ts';
import {
  apiOf,
  caseworkerToken,
  citizenToken,
  RAN_GUIYING,
  screenshotDir,
  settled,
  TAN_MEI,
  useStackAndBrowser,
  ZHOU_JIANGUO,
} from './harness.ts';
import {
  button,
  fillChange,
  login,
  numberField,
  openChangeForm,
  openLine,
  openPhone,
  shot,
  text,
  tokenOf,
} from './mobileApp.ts';
import { loggedInPc, PC_TOKEN_KEY, pcQrLogin } from './pcApp.ts';

const TAN_NEW_CRC = '6212583000527313';
const TAN_NEW_ICBC = '6222023100025814737';
/** Sandbox test cards the bank refuses: closed, frozen, another owner, unknown. */
const REFUSED = {
  closed: '6212583990000024',
  frozen: '6212583990000032',
  mismatch: '6212583990000040',
  notFound: '6212583990000057',
};
const DRAFT_KEY = 'ykt.changeDraft';
const PC_DRAFT_KEY = 'ykt.portal.changeDraft';

const env = useStackAndBrowser();

const api = apiOf(env);

/** Ends a session on the server, as an expiry (or a logout elsewhere) does. */
async function endSession(token: string) {
  expect((await api('POST', '/api/auth/logout', token)).status).toBe(204);
}

/** A page's console, to check that nothing in it carries a full account number. */
function consoleOf(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (m) => lines.push(m.text()));
  return lines;
}

/** The stored draft as JSON (Taro storage wraps the value as {"data": …}). */
async function storedDraft(page: Page): Promise<Record<string, unknown> | null> {
  const raw = await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY);
  if (!raw) return null;
  const outer = JSON.parse(raw) as { data?: string } | string;
  const inner = typeof outer === 'string' ? outer : (outer.data ?? '');
  return inner ? (JSON.parse(inner) as Record<string, unknown>) : null;
}

async function pcShot(page: Page, name: string) {
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  await settled(page);
  await page.screenshot({ path: resolve(screenshotDir, `pc-${name}.png`), fullPage: true, animations: 'disabled' });
}

function formItem(page: Page, label: string) {
  return page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
}

describe('the 变更卡 draft', () => {
  test('phone: kept through a session expiry and face login, without the consent tick; dropped on submit', async () => {
    const page = await openPhone(env.browser);
    const consoleLines = consoleOf(page);
    await login(page, env.stack.baseUrl, TAN_MEI.name);
    await openChangeForm(page);
    await fillChange(page, { account: TAN_NEW_CRC, district: '江北区', reason: '停用旧卡，启用新卡' });
    const consent = page.getByRole('checkbox', { name: /是否为本人持有账号/ });
    expect(await consent.getAttribute('aria-checked')).toBe('true');
    // Kept on this phone as it is typed, without the consent.
    await expect
      .poll(() => storedDraft(page).then((d) => (d?.values as { accountNumber?: string })?.accountNumber))
      .toBe(TAN_NEW_CRC);
    expect(JSON.stringify(await storedDraft(page))).not.toContain('consent');

    // The session ends meanwhile; 提交 finds out, and face login follows.
    await endSession(await tokenOf(page));
    await button(page, '提交').click();
    await page.waitForURL(/#\/pages\/login\/index\?reason=expired/);
    await page.getByText('登录已过期，为保护您的资金安全，请重新进行人脸识别。').waitFor();
    await page.getByRole('button', { name: new RegExp(`^${TAN_MEI.name}`) }).click();

    // Back on the form with everything typed, except the consent, asked again.
    await page.waitForURL(/#\/pages\/change\/index/);
    await page.getByText('已恢复您刚才填写的内容，请核对，并重新勾选授权说明。').waitFor();
    expect(await numberField(page).inputValue()).toBe(TAN_NEW_CRC);
    expect(await page.getByRole('textbox', { name: '变更理由' }).inputValue()).toBe('停用旧卡，启用新卡');
    expect(await page.getByRole('radio', { name: '银行卡' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('radio', { name: /江北区/ }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('checkbox', { name: /是否为本人持有账号/ }).getAttribute('aria-checked')).toBe('false');
    await shot(page, 'change-restored');
    await button(page, '提交').click();
    await page.getByText('请阅读并勾选授权说明').waitFor();
    await page.getByRole('checkbox', { name: /是否为本人持有账号/ }).click();
    await button(page, '提交').click();
    await page.getByText('申请已提交，等待审核').waitFor();
    // Submitted: nothing kept any more. And no console line carried the number.
    expect(await storedDraft(page)).toBeNull();
    expect(consoleLines.filter((l) => l.includes(TAN_NEW_CRC))).toEqual([]);
  }, 120_000);

  test('phone: at most 30 minutes, only for its owner, dropped on logout', async () => {
    const page = await openPhone(env.browser);
    await login(page, env.stack.baseUrl, RAN_GUIYING.name);
    await openChangeForm(page);
    await numberField(page).fill('6212583020935645');
    await expect.poll(() => storedDraft(page)).not.toBeNull();

    // 31 minutes later (the stored time set back): not restored, and gone.
    await page.evaluate((k) => {
      const outer = JSON.parse(localStorage.getItem(k) ?? '{}') as { data: string };
      const draft = JSON.parse(outer.data) as { savedAt: number };
      draft.savedAt -= 31 * 60_000;
      localStorage.setItem(k, JSON.stringify({ data: JSON.stringify(draft) }));
    }, DRAFT_KEY);
    await page.reload();
    await numberField(page).waitFor();
    expect(await numberField(page).inputValue()).toBe('');
    expect(await page.getByText(/已恢复您/).count()).toBe(0);
    expect(await storedDraft(page)).toBeNull();

    // Another person on this phone never gets it.
    await numberField(page).fill('6212583020935645');
    await expect.poll(() => storedDraft(page)).not.toBeNull();
    await page.evaluate((k) => localStorage.removeItem(k), 'ykt.token');
    await login(page, env.stack.baseUrl, ZHOU_JIANGUO.name);
    await openChangeForm(page);
    expect(await numberField(page).inputValue()).toBe('');
    expect(await storedDraft(page)).toBeNull();

    // 退出登录 drops it.
    await numberField(page).fill('6216610800031755029');
    await expect.poll(() => storedDraft(page)).not.toBeNull();
    await page.getByRole('button', { name: '返回上一页' }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await button(page, /^退出$/).click();
    await page.waitForURL(/#\/pages\/login\/index/);
    expect(await storedDraft(page)).toBeNull();
  }, 120_000);

  test('outcome: a rejection is told in 系统通知 with the opinion and where the subsidy still goes', async () => {
    const cw = await caseworkerToken(env.stack, 'jiangbei', 'jiangbei-demo-2026');
    const queue = await api('GET', `/api/review/change-requests?idNumber=${TAN_MEI.idNumber}`, cw);
    const id = ((queue.body?.items ?? []) as { id: number }[])[0].id;
    const decided = await api('POST', `/api/review/change-requests/${id}/decision`, cw, {
      result: 'rejected',
      opinion: '卡号与开户信息不一致，请核实',
    });
    expect(decided.status).toBe(200);

    const page = await openPhone(env.browser);
    await login(page, env.stack.baseUrl, TAN_MEI.name);
    await page.getByRole('tab', { name: '系统通知，1条未读' }).click();
    const notice = page.locator('.item').first();
    const words = await text(notice);
    expect(words).toContain('审核不通过');
    expect(words).toContain('审核意见：卡号与开户信息不一致，请核实');
    expect(words).toContain('江北区补贴仍发放到原账户 重庆农村商业银行 …2465');
    expect(words).toContain('区县：江北区');
    await shot(page, 'notices-rejected');
    await page.getByRole('tab', { name: /事项办理/ }).click();
    expect(await text(page.locator('.item').first())).toContain('审核不通过');
  }, 90_000);

  test('PC: kept through an expired session and a new QR login, back on 账户变更, consent asked again', async () => {
    const pc = await loggedInPc(env, TAN_MEI, 'change');
    await pc.getByRole('heading', { name: '变更卡' }).waitFor();
    await pc.getByLabel('卡类型').click();
    await pc.getByTitle('银行卡').click();
    await pc.getByLabel('银行卡号').fill(TAN_NEW_ICBC);
    await pc.getByLabel('区县').click();
    await pc.getByTitle('江北区').click();
    await pc.getByLabel('变更理由').fill('换工商银行卡');
    await pc.getByRole('checkbox', { name: /是否为本人持有账号/ }).check();
    await expect.poll(() => pc.evaluate((k) => localStorage.getItem(k) ?? '', PC_DRAFT_KEY)).toContain(TAN_NEW_ICBC);
    expect(await pc.evaluate((k) => localStorage.getItem(k) ?? '', PC_DRAFT_KEY)).not.toContain('consent');

    await endSession((await pc.evaluate((k) => sessionStorage.getItem(k), PC_TOKEN_KEY)) ?? '');
    await pc.getByRole('button', { name: '提交' }).click();
    await pc.getByText('登录已过期，请重新扫码登录').waitFor();
    await pcQrLogin(env.stack, pc, TAN_MEI);

    await pc.getByRole('heading', { name: '变更卡' }).waitFor({ timeout: 15_000 });
    expect(new URL(pc.url()).hash).toBe('#/change');
    await pc.getByText(/已恢复您.*填写的内容，请核对，并重新勾选授权说明。/).waitFor();
    expect(await pc.getByLabel('银行卡号').inputValue()).toBe(TAN_NEW_ICBC);
    expect(await pc.getByLabel('变更理由').inputValue()).toBe('换工商银行卡');
    expect(await formItem(pc, '开户行').textContent()).toContain('中国工商银行');
    expect(await formItem(pc, '区县').textContent()).toContain('江北区');
    expect(await pc.getByRole('checkbox', { name: /是否为本人持有账号/ }).isChecked()).toBe(false);
    await pcShot(pc, 'change-restored');
    await pc.getByRole('checkbox', { name: /是否为本人持有账号/ }).check();
    await pc.getByRole('button', { name: '提交' }).click();
    await pc.getByTestId('pending-request').waitFor({ timeout: 20_000 });
    expect(await pc.evaluate((k) => localStorage.getItem(k), PC_DRAFT_KEY)).toBeNull();
  }, 120_000);
});

describe('one card, valid in one district and invalid in another (items 3 and 10)', () => {
  test('two faces that look and say different; "仍发放到原账户" is not said about the invalid one', async () => {
    const cw = await caseworkerToken(env.stack, 'jiangbei', 'jiangbei-demo-2026');
    const accounts = await api('GET', `/api/review/accounts?idNumber=${TAN_MEI.idNumber}`, cw);
    const jiangbei = ((accounts.body?.items ?? []) as { id: number; districtCode: string }[]).find(
      (a) => a.districtCode === '500105',
    );
    // A failure that concerns 江北区 only (no failureCode: the card itself is not said to be unusable).
    const report = await api(
      'POST',
      `/api/review/accounts/${jiangbei?.id}/crediting-failures`,
      '',
      { message: '上卡失败：银行退回，该账户状态异常' },
      { 'x-ykt-service-key': STACK_SERVICE_KEY },
    );
    expect(report.status).toBe(200);

    const page = await openPhone(env.browser);
    await login(page, env.stack.baseUrl, TAN_MEI.name);
    const invalid = page.locator('.card').filter({ hasText: '无效卡' });
    const valid = page.locator('.card').filter({ hasNotText: '无效卡' });
    await invalid.waitFor();
    expect(await text(valid.locator('.card-number'))).toBe(await text(invalid.locator('.card-number')));
    expect(await text(valid.locator('.card-districts-names'))).toBe('重庆市');
    expect(await text(invalid.locator('.card-districts-names'))).toBe('江北区');
    expect(await text(valid.locator('.card-same-note'))).toBe(
      '同一张卡在江北区已无效（见下方）；重庆市的补贴仍发放到此卡。',
    );
    expect(await text(invalid.locator('.card-same-note'))).toBe('同一张卡在重庆市仍有效，那里的补贴照常发放。');
    expect(await text(invalid)).toContain('此卡已无效：江北区的补贴无法发放到此账户');
    // They look different too: another background.
    const background = (l: typeof valid) => l.evaluate((e) => getComputedStyle(e).backgroundImage);
    expect(await background(valid)).not.toBe(await background(invalid));
    await shot(page, 'card-same-number');

    // The PC: the same two blocks, each saying why; 办理中 (her change for 江北区 is pending) does not promise the
    // subsidy to the invalid account, nor does 撤销.
    const pc = await loggedInPc(env, TAN_MEI);
    const blocks = pc.getByTestId('account-card');
    await expect.poll(() => blocks.count()).toBe(2);
    const all = (await blocks.allTextContents()).join('\n');
    expect(all).toContain('同一张卡在江北区已无效；重庆市的补贴仍发放到此卡。');
    expect(all).toContain('同一张卡在重庆市仍有效，那里的补贴照常发放。');
    await pcShot(pc, 'basic-same-number');
    await pc.getByRole('menuitem', { name: /办理中/ }).click();
    const pending = pc.getByTestId('pending-request');
    await pending.waitFor();
    expect(await pending.textContent()).toContain('原账户已无效，补贴暂时无法发放');
    expect(await pending.textContent()).not.toContain('仍发放到原账户');
    await pc.getByRole('button', { name: '撤销' }).click();
    const dialog = pc.getByRole('dialog', { name: '确定撤销这条变更申请吗？' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('原账户已无效，补贴暂时无法发放');
    expect(await dialog.textContent()).not.toContain('仍发放到原账户');
    await dialog.getByRole('button', { name: '不撤销' }).click();
  }, 120_000);
});

describe('事项办理 / 办理完结: failures of one card together, past 20 (item 8)', () => {
  test('周建国: 19 refused attempts with four cards, then his three older requests behind 加载更多', async () => {
    const token = await citizenToken(env.stack, ZHOU_JIANGUO);
    const attempts: [string, number][] = [
      [REFUSED.closed, 4],
      [REFUSED.frozen, 5],
      [REFUSED.mismatch, 5],
      [REFUSED.notFound, 5],
    ];
    for (const [accountNumber, times] of attempts) {
      for (let k = 0; k < times; k++) {
        const r = await api('POST', '/api/me/change-requests', token, {
          cardType: 'bank_card',
          accountNumber,
          bankCode: 'CRCBANK',
          districtCode: '500101',
          consent: true,
        });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        expect(r.body?.status).toBe('failed');
      }
    }

    const page = await openPhone(env.browser);
    await login(page, env.stack.baseUrl, ZHOU_JIANGUO.name);
    // The first 20: his 19 attempts and the demo's older one with the closed card: four lines of 5.
    const lines = page.locator('.item-line');
    await expect.poll(() => lines.count()).toBe(4);
    expect((await lines.allTextContents()).map((t) => t.match(/申请失败 \d+次/)?.[0])).toEqual([
      '申请失败 5次',
      '申请失败 5次',
      '申请失败 5次',
      '申请失败 5次',
    ]);
    // The frozen card's group names the next step: the bank.
    const frozen = lines.filter({ hasText: '0032' });
    const frozenText = await openLine(frozen);
    expect(frozenText).toContain('该账户已冻结，请联系开户银行');
    expect(frozenText).toContain('12345');
    expect(await frozen.getByRole('listitem').count()).toBe(5);
    await shot(page, 'requests-grouped');
    await button(page, '加载更多').click();
    await expect.poll(() => lines.count()).toBe(6);
    const after = await lines.allTextContents();
    expect(after[4]).toContain('审核不通过');
    expect(after[5]).toContain('审核通过');
    expect(await button(page, '加载更多').count()).toBe(0);

    const pc = await loggedInPc(env, ZHOU_JIANGUO, 'finished');
    const panels = pc.getByTestId('finished-request');
    await expect.poll(() => panels.count()).toBe(4);
    await pc.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => panels.count()).toBe(6);
    expect(await pc.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    await pc.locator('.ykb-finished-item > summary').first().click();
    await pc.locator('.ykb-attempts').first().waitFor();
    await pcShot(pc, 'finished-grouped');
  }, 180_000);
});
