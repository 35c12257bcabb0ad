import { maskAccountNumber } from '@ykt/shared';
import { describe, expect, it } from 'vitest';
import { TOTAL_CAP } from '../src/services/paging.ts';
import { useReviewEnv } from './reviewHelpers.ts';

// The list semantics the scale work chose, on a few thousand rows: capped
// totals, keyset pages that neither skip nor repeat, an audit family filter that is exact, names by prefix.

type Page<T> = { items: T[]; total: number; totalExact: boolean; nextCursor: string | null };

describe('lists at scale: capped totals, keyset pages, prefixes, audit families', () => {
  const env = useReviewEnv();

  async function pages<T>(token: string, url: string): Promise<{ items: T[]; first: Page<T> }> {
    const items: T[] = [];
    let cursor: string | null = null;
    let first: Page<T> | undefined;
    for (let n = 0; n < 1000; n++) {
      const res = await env.app.inject({
        url: `${url}${url.includes('?') ? '&' : '?'}pageSize=7${cursor ? `&cursor=${cursor}` : ''}`,
        headers: env.auth(token),
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as Page<T>;
      first ??= page;
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return { items, first: first as Page<T> };
  }

  it('the audit log filtered by a family pages through exactly that family, newest first, across its actions', async () => {
    const db = env.app.db;
    const t = db.schema.auditLog;
    // '_' is no wildcard: scaleXlog.* is not of the family scale_log.
    const actions = [
      'scale_log.alpha',
      'scale_log.beta',
      'scale_log',
      'scale_log.gamma.x',
      'scale_logs.alpha',
      'scale_log-x',
      'other.scale_log',
      'scaleXlog.alpha',
    ];
    await db.unitOfWork(async (tx) => {
      const rows = Array.from({ length: 140 }, (_, i) => ({
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
        actorType: 'system' as const,
        actor: 'system',
        action: actions[(i * 5) % actions.length],
        target: `t:${i}`,
      }));
      await tx.insert(t).values(rows);
    });
    const city = await env.loginCaseworker('chongqing');
    const all = await pages<{ id: number; action: string }>(city, '/api/review/audit?action=scale_log');
    const family = (a: string) => a === 'scale_log' || a.startsWith('scale_log.');
    const expected = Array.from({ length: 140 }, (_, i) => actions[(i * 5) % actions.length]).filter(family).length;
    expect(expected).toBeGreaterThan(60);
    expect(all.items.length).toBe(expected);
    expect(all.items.every((r) => family(r.action))).toBe(true);
    const ids = all.items.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((x, y) => y - x)).toEqual(ids);
    expect(all.first).toMatchObject({ total: expected, totalExact: true });

    const exact = await pages<{ action: string }>(city, '/api/review/audit?action=scale_log.alpha');
    expect(exact.items.length).toBeGreaterThan(10);
    expect(exact.items.every((r) => r.action === 'scale_log.alpha')).toBe(true);

    const csv = (await env.app.inject({ url: '/api/review/audit.csv?action=scale_log', headers: env.auth(city) })).body;
    const lines = csv.trim().split('\r\n').slice(1);
    expect(lines.length).toBe(expected);
    expect(lines.some((l) => /scale_logs|scale_log-x|scaleXlog/.test(l))).toBe(false);
  });

  it('a total past the cap says "at least"; pages still reach every row once', async () => {
    const db = env.app.db;
    const t = db.schema.auditLog;
    await db.unitOfWork(async (tx) => {
      for (let k = 0; k < 3; k++) {
        await tx.insert(t).values(
          Array.from({ length: 400 }, (_, i) => ({
            at: new Date(Date.UTC(2026, 1, 1) + (k * 400 + i) * 1000).toISOString(),
            actorType: 'system' as const,
            actor: 'system',
            action: 'bulk.row',
            target: `b:${k * 400 + i}`,
          })),
        );
      }
    });
    const city = await env.loginCaseworker('chongqing');
    const res = await env.app.inject({ url: '/api/review/audit?action=bulk&pageSize=100', headers: env.auth(city) });
    expect(res.json()).toMatchObject({ total: TOTAL_CAP, totalExact: false });
    const all = await pages<{ id: number }>(city, '/api/review/audit?action=bulk.row');
    expect(all.items.length).toBe(1200);
    expect(new Set(all.items.map((r) => r.id)).size).toBe(1200);
  });

  it('一卡通账号 by a name prefix lists by name, then person, then district, and pages through every match once', async () => {
    const db = env.app.db;
    const { beneficiaries: b, accounts: acc } = db.schema;
    const names = ['欧阳修', '欧阳明', '欧阳修文', '欧明', '欧阳'];
    await db.unitOfWork(async (tx) => {
      for (let i = 0; i < 30; i++) {
        const [p] = await tx
          .insert(b)
          .values({
            name: names[i % names.length],
            gender: 'male',
            birthYear: 1960,
            idNumberEnc: env.app.ctx.crypto.encrypt(`50010119600101${String(1000 + i)}`),
            idNumberIdx: `scale-test-${i}`,
            idLast4Idx: `scale-test-last4-${i}`,
            createdAt: '2026-01-01T00:00:00.000Z',
          })
          .returning();
        for (const district of i % 3 === 0 ? ['500105', '500000'] : ['500101']) {
          const number = `62170000${String(i).padStart(8, '0')}`;
          await tx.insert(acc).values({
            beneficiaryId: p.id,
            districtCode: district,
            cardType: 'bank_card',
            bankCode: 'CCB',
            accountNumberEnc: env.app.ctx.crypto.encrypt(number),
            accountNumberIdx: env.app.ctx.crypto.blindIndex(number),
            accountNumberMasked: maskAccountNumber(number),
            createdAt: '2026-01-01T00:00:00.000Z',
            updatedAt: '2026-01-01T00:00:00.000Z',
          });
        }
      }
    });
    const city = await env.loginCaseworker('chongqing');
    const all = await pages<{ id: number; beneficiary: { name: string }; districtCode: string }>(
      city,
      `/api/review/accounts?name=${encodeURIComponent('欧阳')}`,
    );
    // 欧阳修, 欧阳明, 欧阳修文 and 欧阳 (6 people each; one in three has two accounts), never 欧明.
    expect(all.items.every((r) => r.beneficiary.name.startsWith('欧阳'))).toBe(true);
    expect(all.items.length).toBe(24 + 8);
    expect(new Set(all.items.map((r) => r.id)).size).toBe(all.items.length);
    const order = all.items.map((r) => r.beneficiary.name);
    expect([...order].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(order);
    expect(all.first).toMatchObject({ total: 32, totalExact: true });

    // A name-search cursor is not a list cursor: refused plainly, never a 500.
    const list = await env.app.inject({
      url: `/api/review/accounts?cursor=${all.first.nextCursor}`,
      headers: env.auth(city),
    });
    expect(list.statusCode).toBe(400);
  });
});
