/**
 * Domain rule 1: one pending request per person, held by the database and not only by the code.
 * Two submissions of one person race each other through bank verification; exactly one may end pending.
 */
import { errorBody } from '@ykt/shared';
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { person, type TestEnv, useTestEnv } from './helpers.ts';

const tanMei = person('tan-mei');
const [, tanNewCrc, tanNewIcbc] = tanMei.accounts;
const toCrc = {
  cardType: 'bank_card',
  accountNumber: tanNewCrc.accountNumber,
  bankCode: 'CRCBANK',
  districtCode: '500105',
  consent: true,
};
const toIcbc = {
  cardType: 'bank_card',
  accountNumber: tanNewIcbc.accountNumber,
  bankCode: 'ICBC',
  districtCode: '500000',
  consent: true,
};

const beneficiaryId = async (env: TestEnv, idNumber: string) => {
  const b = await env.app.services.beneficiaries.byIdNumber(idNumber);
  if (!b) throw new Error('no such beneficiary');
  return b.id;
};
const pendingRows = async (env: TestEnv, id: number) => {
  const cr = env.app.db.schema.changeRequests;
  const [row] = await env.app.db.read
    .select({ n: count() })
    .from(cr)
    .where(and(eq(cr.beneficiaryId, id), eq(cr.status, 'pending')));
  return row?.n;
};

describe('two submissions of one person at the same time', () => {
  // The bank takes 150 ms, so both requests have passed every check in code before either is written.
  const env = useTestEnv({ bankTimeoutMs: 2000 });

  it('ends with exactly one pending request: one answer 201, the other 409 REQUEST_IN_PROGRESS (3 rounds)', async () => {
    await env.setBankMode('slow', 150);
    const token = await env.loginCitizen('tan-mei');
    const headers = env.auth(token);
    const submit = (payload: object) =>
      env.app.inject({ method: 'POST', url: '/api/me/change-requests', headers, payload });
    const tanId = await beneficiaryId(env, tanMei.idNumber);

    for (let round = 0; round < 3; round++) {
      const listBefore = (await env.app.inject({ method: 'GET', url: '/api/me/change-requests', headers })).json()
        .items;
      const answers = await Promise.all([submit(toCrc), submit(toIcbc)]);
      const statuses = answers.map((r) => r.statusCode).sort();
      expect(statuses, answers.map((r) => r.body).join('\n')).toEqual([201, 409]);

      const won = answers.find((r) => r.statusCode === 201);
      const lost = answers.find((r) => r.statusCode === 409);
      expect(won?.json().status).toBe('pending');
      expect(errorBody.parse(lost?.json()).error.code).toBe('REQUEST_IN_PROGRESS');
      expect(await pendingRows(env, tanId)).toBe(1);

      // The citizen sees one new request, and her card points at it.
      const listAfter = (await env.app.inject({ method: 'GET', url: '/api/me/change-requests', headers })).json().items;
      expect(listAfter).toHaveLength(listBefore.length + 1);
      expect(listAfter[0]).toEqual(won?.json());
      const card = (await env.app.inject({ method: 'GET', url: '/api/me/card', headers })).json();
      expect(card.pendingRequestId).toBe(won?.json().id);

      const withdrawn = await env.app.inject({
        method: 'POST',
        url: `/api/me/change-requests/${won?.json().id}/withdraw`,
        headers,
      });
      expect(withdrawn.statusCode).toBe(200);
    }
    await env.setBankMode('normal');
  });

  it('the database itself refuses a second pending row for 陈静', async () => {
    const chenId = await beneficiaryId(env, person('chen-jing').idNumber);
    const cr = env.app.db.schema.changeRequests;
    const [existing] = await env.app.db.read
      .select()
      .from(cr)
      .where(and(eq(cr.beneficiaryId, chenId), eq(cr.status, 'pending')));
    expect(existing).toBeDefined();
    if (!existing) return;
    const { id: _id, ...copy } = existing;
    const insert = env.app.db.unitOfWork(async (tx) => {
      await tx.insert(cr).values(copy);
    });
    await expect(insert).rejects.toSatisfy((err) => env.app.db.isUniqueViolation(err));
    expect(await pendingRows(env, chenId)).toBe(1);
  });
});
