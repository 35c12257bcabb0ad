/**
 * Free text never keeps a full ID or account number. A reason, an opinion, an invalidation
 * message or a 上卡失败 message with a number typed into it is stored and shown redacted (`redactLongNumbers`), in
 * the answers, in the notices and in the database rows themselves.
 */
import { describe, expect, it } from 'vitest';
import { person, useTestEnv } from './helpers.ts';

const SERVICE_KEY = 'free-text-test-service-key-0123456';
const env = useTestEnv({ yktServiceKey: SERVICE_KEY });
const tan = person('tan-mei');
const chen = person('chen-jing');
const ID = tan.idNumber; // 18 characters
const CARD = tan.accounts[0].accountNumber; // 16 digits
const GROUPED = CARD.replace(/(\d{4})(?!$)/g, '$1 ');

/** Every text column of every table, as stored. */
async function everyStoredText(): Promise<string> {
  const { db } = env.app;
  const t = db.schema;
  const tables = [t.changeRequests, t.notifications, t.accounts, t.auditLog, t.outbox];
  const rows = await Promise.all(tables.map((table) => db.read.select().from(table as typeof t.auditLog)));
  return JSON.stringify(rows);
}

describe('numbers typed into free text are redacted before they are stored', () => {
  it('reason, opinion, invalidation and 上卡失败 messages: redacted in answers, notices and rows', async () => {
    const citizen = env.auth(await env.loginCitizen('tan-mei'));
    const submitted = await env.app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: citizen,
      payload: {
        cardType: 'bank_card',
        accountNumber: tan.accounts[1].accountNumber,
        bankCode: 'CRCBANK',
        districtCode: '500105',
        reason: `旧卡 ${GROUPED} 丢了，身份证 ${ID}`,
        consent: true,
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const reason = submitted.json().reason as string;
    expect(reason).not.toContain(ID);
    expect(reason.replace(/\s/g, '')).not.toContain(CARD);
    expect(reason).toContain('旧卡');

    const cw = env.auth(await env.loginCaseworker('jiangbei'));
    const detail = await env.app.inject({ url: `/api/review/change-requests/${submitted.json().id}`, headers: cw });
    expect(detail.json().reason).toBe(reason);
    const rejected = await env.app.inject({
      method: 'POST',
      url: `/api/review/change-requests/${submitted.json().id}/decision`,
      headers: cw,
      payload: { result: 'rejected', opinion: `请核对身份证号${ID}与卡号${CARD}` },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);

    const accounts = (await env.app.inject({ url: '/api/review/accounts', headers: cw })).json().items;
    const chenAccount = accounts.find((a: { beneficiary: { idNumber: string } }) =>
      chen.idNumber.endsWith(a.beneficiary.idNumber.slice(-4)),
    );
    const tanAccount = accounts.find((a: { districtCode: string; accountNumber: string }) =>
      a.accountNumber.endsWith(CARD.slice(-4)),
    );
    // 陈静's request is pending (her account is locked for manual invalidation): the 一卡通 system reports instead.
    const report = await env.app.inject({
      method: 'POST',
      url: `/api/review/accounts/${chenAccount.id}/crediting-failures`,
      headers: { 'x-ykt-service-key': SERVICE_KEY },
      payload: { message: `上卡失败：账号${chen.accounts[0].accountNumber}户名不符，证件${chen.idNumber}` },
    });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().invalidReason).not.toContain(chen.idNumber);
    const manual = await env.app.inject({
      method: 'POST',
      url: `/api/review/accounts/${tanAccount.id}/invalidate`,
      headers: cw,
      payload: { message: `电话核实 ${GROUPED} 已销户` },
    });
    expect(manual.statusCode, manual.body).toBe(200);
    expect(manual.json().invalidReason.replace(/\s/g, '')).not.toContain(CARD);

    const notices = (await env.app.inject({ url: '/api/me/notifications', headers: citizen })).json().items;
    expect(notices.length).toBeGreaterThanOrEqual(2);
    for (const n of notices) {
      expect(n.message).not.toContain(ID);
      expect(n.message.replace(/\s/g, '')).not.toContain(CARD);
    }

    const stored = (await everyStoredText()).replace(/\s/g, '');
    for (const number of [ID, CARD, chen.idNumber, chen.accounts[0].accountNumber]) {
      expect(stored, `a full number in a stored row: ${number.slice(0, 4)}…`).not.toContain(number);
    }
  });
});
