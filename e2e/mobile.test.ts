/**
 * The citizen's mini-app (manual 1.1) as the H5 build runs in the 渝快办 container, in Debian Chromium on a
 * 375x812 phone: face login (the preview's persona picker), the card face, 使用区县, 变更卡 with live checks,
 * 事项办理 / 系统通知, 撤销, review by a caseworker, 长辈版, session expiry, and 登录确认 for the PC's QR code.
 * Screenshots of each main screen (normal and 长辈版) go to docs/screenshots/mobile-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { caseworkerToken, useStackAndBrowser } from './harness.ts';
import {
  button,
  fillChange,
  login as loginAs,
  numberField,
  openChangeForm,
  openLine,
  openPhone,
  shot,
  text,
  tokenOf,
} from './mobileApp.ts';

/** Demo people of the sandbox (scripts/sandbox/src/demoWorld.ts). */
const TAN_MEI = '谭梅';
const WANG_YU = '王宇';
const RAN_GUIYING = '冉桂英';
const ZHOU_JIANGUO = '周建国';

/** Sandbox bank cards: 谭梅's own new cards (verify ok), 冉桂英's new card, and the test card that is closed. */
const TAN_NEW_CRC = '6212583000527313';
const TAN_NEW_ICBC = '6222023100025814737';
const RAN_NEW_CARD = '6212583020935645';
const CLOSED_TEST_CARD = '6212583990000024';

const env = useStackAndBrowser();

const phone = () => openPhone(env.browser);

const login = (page: Page, name: string) => loginAs(page, env.stack.baseUrl, name);

async function apiGet<T>(path: string, token: string): Promise<T> {
  const res = await fetch(`${env.stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
}

async function bankFault(mode: 'normal' | 'down') {
  const res = await fetch(`${env.stack.sandboxUrl}/bank/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode }),
  });
  expect(res.ok).toBe(true);
}

describe('mobile mini-app (H5 build, 375x812)', () => {
  test('谭梅: card -> 使用区县 -> submit -> 申请中 -> 撤销 -> submit again -> approved -> new account on the card', async () => {
    const page = await phone();
    await page.goto(`${env.stack.baseUrl}/m/`);
    await page.getByRole('button', { name: new RegExp(`^${TAN_MEI}`) }).waitFor();
    await shot(page, 'login');
    await page.getByRole('button', { name: new RegExp(`^${TAN_MEI}`) }).click();
    await page.waitForURL(/#\/pages\/card\/index/);
    const card = page.locator('.card').first();
    await card.waitFor();

    // The card face: masked person, bank, number grouped in fours, card type, 有效, 使用区县 2.
    const face = await text(card);
    expect(face).toContain('*梅');
    expect(face).toContain('性别：女');
    expect(face).toContain('1980-**-**');
    expect(face).toMatch(/\*{14}1829/);
    expect(face).toContain('重庆农村商业银行');
    expect(face).toContain('6212 **** **** 2465');
    expect(face).toContain('有效');
    expect(face).not.toContain('500105198003191829');
    // The face names its districts (her own first, 重庆市 last), not just how many.
    expect(await text(card.locator('.card-districts-names'))).toBe('江北区、重庆市');
    await shot(page, 'card');

    // Tap to reveal the owner's own number, and hide it again.
    await page.getByRole('button', { name: '显示完整账号' }).click();
    await expect.poll(() => text(card.locator('.card-number'))).toBe('6212 5830 0018 2465');
    await shot(page, 'card-revealed');
    await page.getByRole('button', { name: '隐藏完整账号' }).click();
    await expect.poll(() => text(card.locator('.card-number'))).toBe('6212 **** **** 2465');

    // 使用区县: the name first, the code after it in small type; her own district first, as on the PC.
    await page.getByRole('button', { name: /使用区县/ }).click();
    await page.waitForURL(/#\/pages\/districts\/index/);
    await page.locator('.district-row').first().waitFor();
    expect(await page.locator('.district-row .district-name').allTextContents()).toEqual(['江北区', '重庆市']);
    expect(await page.locator('.district-row .district-code').allTextContents()).toEqual(['500105', '500000']);
    await shot(page, 'districts');
    await page.getByRole('button', { name: '返回上一页' }).click();
    await page.waitForURL(/#\/pages\/card\/index/);

    // 变更卡: 社会保障卡 first, the number field named after the card type; live checks in the field's words,
    // BIN -> bank (said only of a number that passes the checks), grouped display, counter.
    await openChangeForm(page);
    expect(await page.getByRole('radio', { name: '社会保障卡' }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('textbox', { name: '社保卡号' }).waitFor();
    const account = numberField(page);
    expect(await account.getAttribute('inputmode')).toBe('numeric');
    await page.getByRole('radio', { name: '银行卡' }).click();
    await page.getByRole('textbox', { name: '银行卡号' }).waitFor();
    await account.fill('6212583000527314'); // wrong check digit
    await page.getByText('银行卡号有误，请核对后重新输入').waitFor();
    expect(await page.getByText(/识别为/).count()).toBe(0);
    await account.fill(TAN_NEW_CRC);
    await expect.poll(() => page.getByText('银行卡号有误，请核对后重新输入').count()).toBe(0);
    expect(await text(page.locator('.account-grouped'))).toBe('6212 5830 0052 7313');
    await expect.poll(() => text(page.locator('#field-bankCode'))).toContain('重庆农村商业银行');
    await page.getByText('已根据银行卡号识别为重庆农村商业银行，如不正确可点击更换').waitFor();
    // Choosing another bank is possible; the mismatch is then said under 开户行, naming the number's bank.
    await page.getByRole('button', { name: /开户行：/ }).click();
    await page.getByRole('option', { name: /中国工商银行/ }).click();
    const mismatch = '此银行卡号属于重庆农村商业银行，与所选开户行不符';
    await page.locator('#field-bankCode').getByText(mismatch).waitFor();
    expect(await text(page.locator('#field-accountNumber'))).not.toContain('不符');
    await page.getByRole('button', { name: /开户行：/ }).click();
    await page.getByRole('option', { name: /重庆农村商业银行/ }).click();
    await expect.poll(() => page.getByText(mismatch).count()).toBe(0);
    // Districts by name only, in the form too.
    expect(await page.getByRole('radio', { name: /500105/ }).count()).toBe(0);
    await page.getByRole('radio', { name: '江北区', exact: true }).click();
    const reason = page.getByRole('textbox', { name: '变更理由' });
    await reason.fill('停用旧卡，启用新卡');
    await expect.poll(() => text(page.locator('.counter'))).toBe('9/200');
    expect(await page.getByText('是否为本人持有账号且同意对当前账号进行状态查询等验证').count()).toBe(1);
    // Submit without consent: the rule's message, nothing sent.
    await button(page, '提交').click();
    await page.getByText('请阅读并勾选授权说明').waitFor();
    await page.getByRole('checkbox', { name: '是否为本人持有账号且同意对当前账号进行状态查询等验证' }).click();
    await shot(page, 'change');

    // Two quick taps: one request. The confirmation says what happens next and how long review usually takes.
    await button(page, '提交').dblclick();
    await page.getByText('申请已提交，等待审核').waitFor();
    const next = await text(page.locator('.outcome-next'));
    expect(next).toContain('审核通常需要5个工作日');
    expect(next).toContain('审核通过前，补贴仍发放到原账户');
    expect(next).toContain('审核结果会发到“系统通知”');
    await shot(page, 'change-pending');
    const token = await tokenOf(page);
    const afterFirst = await apiGet<{ items: Array<{ id: number; status: string }> }>('/api/me/change-requests', token);
    expect(afterFirst.items.filter((r) => r.status === 'pending')).toHaveLength(1);
    expect(afterFirst.items).toHaveLength(1);

    // Back on the card: still the old account, the pending banner, 事项办理 shows 申请中.
    await button(page, '返回首页').click();
    await page.waitForURL(/#\/pages\/card\/index/);
    await page.getByText('您的变更申请正在审核中').waitFor();
    expect(await text(page.locator('.card').first())).toContain('6212 **** **** 2465');
    const item = page.locator('.item').first();
    await expect.poll(() => text(item)).toContain('申请中');
    const itemText = await text(item);
    expect(itemText).toContain('重庆农村商业银行');
    expect(itemText).toContain('6212 **** **** 7313');
    expect(itemText).toContain('区县：江北区');
    expect(itemText).not.toContain('[500105]');
    expect(itemText).toContain('停用旧卡，启用新卡');
    // The timeline: 提交 → 银行验证 → 审核 (how long it usually takes) → 结果.
    expect(await item.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^✓提交已提交\d{4}-/),
      expect.stringMatching(/^✓银行验证通过\d{4}-/),
      '审核审核中，通常需5个工作日',
      '结果等待审核结果',
    ]);
    await shot(page, 'card-pending');

    // 撤销 with a confirmation.
    await button(page, '撤销').click();
    await page.getByText('撤销后，这条申请将不再审核').waitFor();
    await shot(page, 'withdraw-confirm', true);
    await button(page, '确定撤销').click();
    await expect.poll(() => text(page.locator('.item').first())).toContain('已撤销');
    await expect.poll(() => page.getByText('您的变更申请正在审核中').count()).toBe(0);

    // Submit again (another of her cards, ICBC, 19 digits), then a caseworker approves through the API.
    await openChangeForm(page);
    await fillChange(page, { account: TAN_NEW_ICBC, district: '江北区', reason: '换工商银行卡' });
    await expect.poll(() => text(page.locator('#field-bankCode'))).toContain('中国工商银行');
    await button(page, '提交').click();
    await page.getByText('申请已提交，等待审核').waitFor();
    const list = await apiGet<{ items: Array<{ id: number; status: string }> }>('/api/me/change-requests', token);
    const pending = list.items.find((r) => r.status === 'pending');
    expect(pending).toBeTruthy();

    const cw = await caseworkerToken(env.stack, 'jiangbei', 'jiangbei-demo-2026');
    const decision = await fetch(`${env.stack.baseUrl}/api/review/change-requests/${pending?.id}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${cw}` },
      body: JSON.stringify({ result: 'approved', opinion: '同意' }),
    });
    expect(decision.status, await decision.clone().text()).toBe(200);

    // The card now shows the new account for 江北区 (重庆市 keeps the old one: two cards).
    await button(page, '返回首页').click();
    await page.waitForURL(/#\/pages\/card\/index/);
    await expect
      .poll(() =>
        page
          .locator('.card')
          .allTextContents()
          .then((t) => t.join('\n')),
      )
      .toContain('6222 **** **** 4737');
    const cards = await page.locator('.card').allTextContents();
    const newCard = cards.find((t) => t.includes('中国工商银行')) ?? '';
    expect(newCard).toContain('来源：渝快办');
    expect(newCard).toContain('有效');
    // 事项办理: the decided request is one line; opened, it has the opinion and the whole timeline.
    await expect.poll(() => text(page.locator('.item').first())).toContain('审核通过');
    expect(await openLine(page.locator('.item').first())).toContain('审核意见：同意');
    await shot(page, 'card-approved');
    // The outcome is told in 系统通知 (unread badge), naming what changed and what did not.
    await page.getByRole('tab', { name: /系统通知，1条未读/ }).click();
    const outcome = page.locator('.item').first();
    expect(await text(outcome)).toContain('审核通过');
    expect(await text(outcome)).toContain('江北区补贴改发至 中国工商银行 …4737；重庆市仍为 …2465');
    expect(await text(outcome)).toContain('区县：江北区');
    await shot(page, 'notices-outcome');
  }, 180_000);

  test('王宇: no account: what it means and where to go (村（社区）/镇（乡、街道）, 12345), nothing to change', async () => {
    const page = await phone();
    await login(page, WANG_YU);
    await page.getByText('您尚未绑定“一卡通”账户').waitFor();
    const noCard = await text(page.locator('.no-card'));
    expect(noCard).toContain('请联系所在村（社区）或镇（乡、街道），申报您的账户信息');
    expect(noCard).toContain('12345');
    expect(await page.locator('.card').count()).toBe(0);
    expect(await button(page, '变更申请').count()).toBe(0);
    await page.getByText('暂无变更申请').waitFor();
    await shot(page, 'no-account');
  }, 60_000);

  test('冉桂英: 无效卡 with its reason, the 系统通知 with an unread mark, then 变更申请 from the invalid card', async () => {
    const page = await phone();
    await login(page, RAN_GUIYING);
    const card = page.locator('.card').first();
    const face = await text(card);
    expect(face).toContain('无效卡');
    expect(face).toContain('此卡已无效');
    expect(face).toContain('上卡失败');
    await page.getByRole('tab', { name: /系统通知，1条未读/ }).click();
    const notice = page.locator('.item').first();
    const noticeText = await text(notice);
    expect(noticeText).toContain('上卡失败');
    expect(noticeText).toContain('未读');
    expect(noticeText).toContain('重庆农村商业银行');
    expect(noticeText).toContain('6212 **** **** 1184');
    expect(noticeText).toContain('区县：酉阳土家族苗族自治县');
    expect(noticeText).not.toContain('500242');
    expect(noticeText).toContain('说明');
    expect(noticeText).toMatch(/操作时间：\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await shot(page, 'notices');
    await button(page, '我知道了').click();
    await expect.poll(() => text(notice)).toContain('已读');
    await expect.poll(() => page.locator('.tab-badge').count()).toBe(0);

    // The invalid card leads to 变更申请; her only district is chosen already. The bank is down first.
    await bankFault('down');
    try {
      await openChangeForm(page);
      await shot(page, 'change-invalid-card');
      await fillChange(page, { account: RAN_NEW_CARD, reason: '原卡已销户' });
      await button(page, '提交').click();
      await page.getByText(/银行系统暂时无法连接/).waitFor();
      await page.getByText(/稍后可直接点击“提交”重试/).waitFor();
      await shot(page, 'change-bank-down');
      // Nothing recorded, everything typed is still there.
      expect(await numberField(page).inputValue()).toBe(RAN_NEW_CARD);
      expect(await page.getByRole('textbox', { name: '变更理由' }).inputValue()).toBe('原卡已销户');
      const token = await tokenOf(page);
      expect((await apiGet<{ items: unknown[] }>('/api/me/change-requests', token)).items).toHaveLength(0);
    } finally {
      await bankFault('normal');
    }
    await button(page, '提交').click();
    await page.getByText('申请已提交，等待审核').waitFor();
  }, 120_000);

  test("周建国: a card the bank refuses is 申请失败 with the bank's reason, and is listed in 事项办理", async () => {
    const page = await phone();
    await login(page, ZHOU_JIANGUO);
    // His finished requests (approved, rejected, failed): one line each, opened to the results and opinions.
    await expect.poll(() => page.locator('.item-line').count()).toBeGreaterThanOrEqual(3);
    const lines = await page.locator('.item-line').allTextContents();
    expect(lines.join('\n')).not.toContain('完结时间');
    await shot(page, 'requests');
    const history: string[] = [];
    for (const line of await page.locator('.item-line').all()) history.push(await openLine(line));
    expect(history.join('\n')).toContain('审核通过');
    expect(history.join('\n')).toContain('审核不通过');
    expect(history.join('\n')).toContain('申请失败');
    expect(history.join('\n')).toContain('完结时间');
    expect(history.join('\n')).toContain('审核意见：资料齐全，同意变更');
    await shot(page, 'requests-open');

    await openChangeForm(page);
    await fillChange(page, { account: CLOSED_TEST_CARD });
    await button(page, '提交').click();
    await page.locator('.outcome-title').filter({ hasText: '申请失败' }).waitFor();
    expect(await text(page.locator('.outcome-text'))).toContain('银行验证未通过：该账户已销户');
    await shot(page, 'change-failed');
    await button(page, '返回首页').click();
    await page.waitForURL(/#\/pages\/card\/index/);
    // The same closed card failed before (the demo's attempt): the two failures are one line.
    const first = page.locator('.item').first();
    await expect.poll(() => text(first)).toContain('申请失败 2次');
    const group = await openLine(first);
    expect(group).toContain('这张卡已申请 2 次，都未通过银行验证。');
    expect(group).toContain('失败原因：银行验证未通过：该账户已销户');
    expect(group).toContain('12345');
    expect(await page.getByText('您的变更申请正在审核中').count()).toBe(0);
  }, 90_000);

  test('长辈版: remembered, body text >= 18 px and touch targets >= 48 px; normal mode >= 44 px', async () => {
    const page = await phone();
    await login(page, TAN_MEI);

    const minTarget = () =>
      page.evaluate(() => {
        const els = Array.from(
          document.querySelectorAll(
            '[role="button"], [role="tab"], [role="switch"], [role="radio"], [role="checkbox"]',
          ),
        );
        const sizes = els
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .map((e) => {
            const r = e.getBoundingClientRect();
            return Math.min(r.width, r.height);
          });
        return Math.min(...sizes);
      });
    const bodySize = () =>
      page.evaluate(() => {
        const probe = document.querySelector('.page') as HTMLElement;
        return Number.parseFloat(getComputedStyle(probe).fontSize);
      });

    expect(await minTarget()).toBeGreaterThanOrEqual(44);
    expect(await bodySize()).toBeGreaterThanOrEqual(16);

    await page.getByRole('switch', { name: '长辈版' }).click();
    await expect.poll(() => page.getByRole('switch', { name: '长辈版' }).getAttribute('aria-checked')).toBe('true');
    expect(await bodySize()).toBeGreaterThanOrEqual(18);
    expect(await minTarget()).toBeGreaterThanOrEqual(48);
    // Nothing essential hidden: the same information as in the normal mode.
    const cardText = await text(page.locator('.card').first());
    for (const s of ['*梅', '1980-**-**', '重庆农村商业银行', '有效', '使用区县', '变更申请'])
      expect(cardText).toContain(s);
    await shot(page, 'card-elder');

    // Remembered across a reload and on every page.
    await page.reload();
    await page.locator('.card').first().waitFor();
    expect(await page.getByRole('switch', { name: '长辈版' }).getAttribute('aria-checked')).toBe('true');
    expect(await bodySize()).toBeGreaterThanOrEqual(18);

    await page.getByRole('tab', { name: /系统通知/ }).click();
    await shot(page, 'notices-empty-elder');
    await page.getByRole('tab', { name: /事项办理/ }).click();

    await page
      .getByRole('button', { name: /使用区县/ })
      .first()
      .click();
    await page.locator('.district-row').first().waitFor();
    expect(await bodySize()).toBeGreaterThanOrEqual(18);
    await shot(page, 'districts-elder');
    await page.getByRole('button', { name: '返回上一页' }).click();
    await page.waitForURL(/#\/pages\/card\/index/);

    // 谭梅's request from the first test was approved, so 变更申请 opens the form.
    await openChangeForm(page);
    expect(await bodySize()).toBeGreaterThanOrEqual(18);
    expect(await minTarget()).toBeGreaterThanOrEqual(48);
    await button(page, '提交').click();
    await page.getByText('请输入社保卡号').waitFor();
    await shot(page, 'change-elder');

    // The other people's screens in 长辈版.
    const other = await phone();
    await other.goto(`${env.stack.baseUrl}/m/`);
    await other.getByRole('switch', { name: '长辈版' }).click();
    await shot(other, 'login-elder');
    await other.getByRole('button', { name: new RegExp(`^${WANG_YU}`) }).click();
    await other.getByText('您尚未绑定“一卡通”账户').waitFor();
    await shot(other, 'no-account-elder');

    const ran = await phone();
    await ran.goto(`${env.stack.baseUrl}/m/`);
    await ran.getByRole('switch', { name: '长辈版' }).click();
    await ran.getByRole('button', { name: new RegExp(`^${RAN_GUIYING}`) }).click();
    await ran.locator('.card').first().waitFor();
    await ran.getByRole('tab', { name: /系统通知/ }).click();
    await ran.locator('.item').first().waitFor();
    await shot(ran, 'notices-elder');

    // Switch back off.
    await page.getByRole('button', { name: '返回上一页' }).click();
    await page.getByRole('switch', { name: '长辈版' }).click();
    await expect.poll(() => bodySize()).toBeLessThan(18);
  }, 120_000);

  test('an expired or revoked session goes back to face login, then to where the person was', async () => {
    const page = await phone();
    await login(page, WANG_YU);
    await page.evaluate(() => localStorage.setItem('ykt.token', JSON.stringify({ data: 'not-a-valid-token' })));
    await page.reload();
    await page.waitForURL(/#\/pages\/login\/index/);
    await page.getByText('登录已过期，为保护您的资金安全，请重新进行人脸识别。').waitFor();
    await shot(page, 'login-expired');
    await page.getByRole('button', { name: new RegExp(`^${WANG_YU}`) }).click();
    await page.waitForURL(/#\/pages\/card\/index/);
    await page.getByText('您尚未绑定“一卡通”账户').waitFor();
  }, 60_000);

  test('loading and error states: a slow, then failing network shows a spinner, then an error that 重新加载 recovers; 退出登录', async () => {
    const page = await phone();
    await login(page, ZHOU_JIANGUO);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/api/me/card', async (route) => {
      await held;
      await route.abort('internetdisconnected');
    });
    await page.reload();
    await page.getByText('正在查询您的“一卡通”账户…').waitFor();
    await shot(page, 'loading');
    release();
    await page.getByText('网络连接失败，请检查网络后重试').first().waitFor();
    await shot(page, 'error');
    await page.unroute('**/api/me/card');
    await button(page, '重新加载').first().click();
    await page.locator('.card').first().waitFor();
    expect(await page.getByText('网络连接失败，请检查网络后重试').count()).toBe(0);

    await page.getByRole('button', { name: '退出登录' }).click();
    await button(page, /^退出$/).click();
    await page.waitForURL(/#\/pages\/login\/index/);
    await page.getByText('您已退出登录。再次办理时需要重新进行人脸识别。').waitFor();
    expect(await tokenOf(page)).toBe('');
  }, 60_000);

  test('登录确认: the QR link asks for the face first, names the PC login, 确认登录 hands the PC its session', async () => {
    const created = await fetch(`${env.stack.baseUrl}/api/auth/qr-tickets`, { method: 'POST' });
    expect(created.status).toBe(201);
    const { ticket, qrContent, secret } = (await created.json()) as {
      ticket: string;
      qrContent: string;
      secret: string;
    };
    expect(qrContent).toContain('/m/#/pages/qr-confirm/index?ticket=');
    const poll = async () =>
      (await fetch(`${env.stack.baseUrl}/api/auth/qr-tickets/${ticket}`, { headers: { 'x-qr-secret': secret } }).then(
        (r) => r.json(),
      )) as { status: string; token?: string };

    const page = await phone();
    await page.goto(qrContent.replace(/^https?:\/\/[^/]+/, env.stack.baseUrl));
    // No session yet: face login first, with a word about what comes next.
    await page.waitForURL(/#\/pages\/login\/index/);
    await page.getByText('人脸识别通过后，将继续确认电脑端的登录。').waitFor();
    await page.getByRole('button', { name: new RegExp(`^${TAN_MEI}`) }).click();
    await page.waitForURL(/#\/pages\/qr-confirm\/index\?ticket=/);
    await page.locator('.qr-target').waitFor();
    expect(await text(page.locator('.qr-target'))).toContain('一卡通');
    await expect.poll(() => poll().then((p) => p.status)).toBe('scanned');
    await shot(page, 'qr-confirm');

    await button(page, '确认登录').click();
    await page.getByText('已确认登录').waitFor();
    const done = await poll();
    expect(done.status).toBe('confirmed');
    expect(done.token).toBeTruthy();
    await shot(page, 'qr-confirmed');

    // 取消 on another code: the PC gets nothing. The session is kept, so no second face scan.
    const second = (await fetch(`${env.stack.baseUrl}/api/auth/qr-tickets`, { method: 'POST' }).then((r) =>
      r.json(),
    )) as {
      ticket: string;
      qrContent: string;
      secret: string;
    };
    await page.goto(second.qrContent.replace(/^https?:\/\/[^/]+/, env.stack.baseUrl));
    await button(page, '取消').waitFor();
    await page.getByRole('switch', { name: '长辈版' }).click();
    await shot(page, 'qr-confirm-elder');
    await button(page, '取消').click();
    await page.getByText('已取消登录').waitFor();
    const cancelled = (await fetch(`${env.stack.baseUrl}/api/auth/qr-tickets/${second.ticket}`, {
      headers: { 'x-qr-secret': second.secret },
    }).then((r) => r.json())) as { status: string; token?: string };
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.token).toBeUndefined();
  }, 90_000);
});
