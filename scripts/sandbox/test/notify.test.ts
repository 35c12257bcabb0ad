/** The sandbox's notification channel over HTTP. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.ts';

const KEY = { 'x-app-key': 'sandbox-app-key' };
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, now: () => Date.parse('2026-11-28T02:00:00Z') });
});
afterAll(() => sb.close());
afterEach(() => call('POST', '/notify/faults', { mode: 'normal' }, {}));

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = KEY) {
  const res = await fetch(sb.url + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of several shapes
  return { status: res.status, body: (await res.json()) as any };
}

const approved = (to: string) => ({
  to,
  template: 'review_approved',
  params: { district: '500105', bankCode: 'CRCBANK', last4: '7313' },
});
const sentTo = async (to: string) => (await call('GET', `/notify/messages?to=${to}`, undefined, {})).body.items;

describe('notification channel', () => {
  it('accepts a templated message, answers its id, and lists what it would have sent, newest first', async () => {
    const first = await call('POST', '/notify/messages', approved('13800000101'));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ messageId: expect.stringMatching(/^sbx-[\w-]{12}$/) });
    const second = await call('POST', '/notify/messages', {
      to: '13800000101',
      template: 'review_rejected',
      params: { district: '500105', opinion: '所填银行卡不是本人名下' },
    });
    expect(second.status).toBe(200);
    await call('POST', '/notify/messages', approved('13800000102'));

    const items = await sentTo('13800000101');
    expect(items).toEqual([
      {
        messageId: second.body.messageId,
        to: '13800000101',
        template: 'review_rejected',
        params: { district: '500105', opinion: '所填银行卡不是本人名下' },
        text: '【重庆一卡通】您申请的江北区补贴账户变更未通过审核，原因：所填银行卡不是本人名下。详情请登录渝快办"一卡通"查看。',
        sentAt: '2026-11-28T02:00:00.000Z',
      },
      {
        messageId: first.body.messageId,
        to: '13800000101',
        template: 'review_approved',
        params: { district: '500105', bankCode: 'CRCBANK', last4: '7313' },
        text: '【重庆一卡通】您申请的江北区补贴账户变更已审核通过，新账户尾号7313。',
        sentAt: '2026-11-28T02:00:00.000Z',
      },
    ]);
  });

  it('refuses a message carrying 8+ digits in a row (a leaked account or ID number), and stores nothing', async () => {
    const to = '13800000201';
    for (const params of [
      { district: '500105', opinion: '账号6212583000527313不是本人的' },
      { district: '500105', opinion: '身份证 5001 0519 8003 1918 29' },
    ]) {
      const r = await call('POST', '/notify/messages', { to, template: 'review_rejected', params });
      expect(r.status).toBe(400);
      expect(r.body.error).toEqual({
        code: 'NUMBER_LEAK',
        message: expect.stringMatching(/8位以上的连续数字/),
        fields: { opinion: expect.any(String) },
      });
    }
    const full = await call('POST', '/notify/messages', {
      to,
      template: 'review_approved',
      params: { district: '500105', bankCode: 'CRCBANK', last4: '6212583000527313' },
    });
    expect(full.body.error.code).toBe('NUMBER_LEAK');
    expect(await sentTo(to)).toEqual([]);
  });

  it('refuses an unknown template, bad parameters, a bad number, and callers without the app key', async () => {
    const to = '13800000202';
    expect((await call('POST', '/notify/messages', { to, template: 'hello', params: {} })).body.error.code).toBe(
      'UNKNOWN_TEMPLATE',
    );
    const bad = await call('POST', '/notify/messages', {
      to,
      template: 'review_approved',
      params: { district: '999999', bankCode: 'CRCBANK', last4: '7313' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'BAD_PARAMS', fields: { district: expect.any(String) } });
    expect((await call('POST', '/notify/messages', approved('023-1234'))).status).toBe(400);
    expect((await call('POST', '/notify/messages', approved(to), {})).status).toBe(401);
    expect(await sentTo(to)).toEqual([]);
  });

  it('sends one message per idempotency key; the same key for another message is a conflict', async () => {
    const to = '13800000203';
    const headers = { ...KEY, 'idempotency-key': 'outbox-42' };
    const a = await call('POST', '/notify/messages', approved(to), headers);
    const b = await call('POST', '/notify/messages', approved(to), headers);
    expect(a.status).toBe(200);
    expect(b).toEqual(a);
    expect(await sentTo(to)).toHaveLength(1);
    const other = { ...approved(to), params: { district: '500105', bankCode: 'CRCBANK', last4: '2465' } };
    const c = await call('POST', '/notify/messages', other, headers);
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await sentTo(to)).toHaveLength(1);
  });

  it('fault modes: down answers 503 and stores nothing; slow answers late; normal again', async () => {
    const to = '13800000204';
    expect((await call('POST', '/notify/faults', { mode: 'down' }, {})).body).toEqual({ mode: 'down' });
    expect((await call('GET', '/notify/faults', undefined, {})).body).toEqual({ mode: 'down' });
    const down = await call('POST', '/notify/messages', approved(to));
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('NOTIFY_DOWN');
    expect(await sentTo(to)).toEqual([]);

    await call('POST', '/notify/faults', { mode: 'slow', delayMs: 300 }, {});
    const started = Date.now();
    expect((await call('POST', '/notify/messages', approved(to))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    await call('POST', '/notify/faults', { mode: 'normal' }, {});
    expect((await call('POST', '/notify/messages', approved(to))).status).toBe(200);
    expect(await sentTo(to)).toHaveLength(2);
    // The bank's fault mode is its own.
    expect((await call('GET', '/bank/faults', undefined, {})).body).toEqual({ mode: 'normal' });
  });
});
