/**
 * Outcomes and 无效卡 reach people outside the app (domain rule 11): an outbox row is written in the
 * same transaction as the event, sent by the outbox over the notification channel (the sandbox records what it
 * would have sent), once even with several senders, retried while the channel is down, never blocking a decision,
 * with the last 4 digits at most; the municipal caseworker sees what went out.
 */
import { describe, expect, it } from 'vitest';
import { person } from './helpers.ts';
import { accountOf, pendingRequestOf, useReviewEnv } from './reviewHelpers.ts';

interface SentMessage {
  to: string;
  template: string;
  text: string;
}

describe('the outbox', () => {
  const env = useReviewEnv({ outboxIntervalMs: 0 });
  const sent = async (to: string) =>
    ((await (await fetch(`${env.sandbox.url}/notify/messages?to=${to}`)).json()) as { items: SentMessage[] }).items;
  const setNotify = (mode: 'normal' | 'down') =>
    fetch(`${env.sandbox.url}/notify/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode }),
    });
  const decide = async (key: string, result: 'approved' | 'rejected', opinion: string) => {
    const token = await env.loginCaseworker('chongqing');
    const request = await pendingRequestOf(env, key);
    return env.app.inject({
      method: 'POST',
      url: `/api/review/change-requests/${request.id}/decision`,
      headers: env.auth(token),
      payload: { result, opinion },
    });
  };

  it('a decision while the channel is down is committed at once; the message follows when it is back, once', async () => {
    const chen = person('chen-jing');
    await setNotify('down');
    try {
      const decided = await decide('chen-jing', 'approved', '资料齐全');
      expect(decided.statusCode, decided.body).toBe(200);
      // Two senders (two instances) at once while down: both find the row, neither sends it, it waits for a retry.
      const [a, b] = await Promise.all([env.app.services.outbox.deliver(), env.app.services.outbox.deliver()]);
      expect(a.retry + b.retry).toBe(1);
      expect(await sent(chen.mobile)).toEqual([]);
    } finally {
      await setNotify('normal');
    }
    // Not due yet: the retry waits its backoff (5 s); once due it goes, once, whoever sends.
    expect(await env.app.services.outbox.deliver()).toEqual({ sent: 0, retry: 0, failed: 0, skipped: 0 });
    const o = env.app.db.schema.outbox;
    await env.app.db.unitOfWork((tx) => tx.update(o).set({ nextAttemptAt: new Date(0).toISOString() }));
    const [a, b] = await Promise.all([env.app.services.outbox.deliver(), env.app.services.outbox.deliver()]);
    expect(a.sent + b.sent).toBe(1);
    const messages = await sent(chen.mobile);
    expect(messages).toHaveLength(1);
    const newCard = chen.accounts[1].accountNumber;
    expect(messages[0]).toMatchObject({ template: 'review_approved' });
    expect(messages[0].text).toBe(
      `【重庆一卡通】您申请的江北区补贴账户变更已审核通过，新账户尾号${newCard.slice(-4)}。`,
    );
    expect(messages[0].text).not.toContain(newCard.slice(0, 8));
  });

  it('a rejection and a 无效卡 are texted with the opinion and the reason, numbers cut to their last 4', async () => {
    const li = person('li-qiang');
    const decided = await decide('li-qiang', 'rejected', `卡号${li.accounts[1].accountNumber}与本人不符，请到柜台办理`);
    expect(decided.statusCode).toBe(200);
    const token = await env.loginCaseworker('chongqing');
    const account = await accountOf(env, 'li-qiang', '500101');
    await env.app.inject({
      method: 'POST',
      url: `/api/review/accounts/${account.id}/invalidate`,
      headers: env.auth(token),
      payload: { message: '电话核实该卡已挂失' },
    });
    expect((await env.app.services.outbox.deliver()).sent).toBe(2);
    const texts = (await sent(li.mobile)).map((m) => m.text);
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text).not.toMatch(/\d{8}/);
    expect(texts.some((t) => t.includes('未通过审核') && t.includes('请到柜台办理'))).toBe(true);
    expect(texts.some((t) => t.includes('无效卡') && t.includes('万州区'))).toBe(true);
  });

  it('the municipal caseworker sees what went out, numbers masked; a district caseworker may not', async () => {
    const city = await env.loginCaseworker('chongqing');
    const res = await env.app.inject({ url: '/api/review/outbox', headers: env.auth(city) });
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.length).toBe(3);
    expect(items.every((i: { status: string }) => i.status === 'sent')).toBe(true);
    expect(items[0].to).toMatch(/^138\*{4}\d{4}$/);
    expect(res.body).not.toContain(person('li-qiang').mobile);
    const jiangbei = await env.loginCaseworker('jiangbei');
    expect((await env.app.inject({ url: '/api/review/outbox', headers: env.auth(jiangbei) })).statusCode).toBe(403);
  });
});
