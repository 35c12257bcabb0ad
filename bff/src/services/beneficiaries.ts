import { bankName, districtName, maskIdNumber, maskName, parseIdNumber } from '@ykt/shared';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { qualified, type Tx, tablesOf } from '../db/database.ts';
import { iso } from '../lib/time.ts';
import type { ServiceContext } from './context.ts';

type Schema = typeof import('../db/pg/schema.ts');
type Beneficiary = Schema['beneficiaries']['$inferSelect'];
type Account = Schema['accounts']['$inferSelect'];

/** The person as they see themself: always masked (domain rule 10); the birth date is kept as its year only. */
export const maskedBeneficiary = (b: Pick<Beneficiary, 'name' | 'gender' | 'birthYear'>, idNumber: string) => ({
  name: maskName(b.name),
  gender: b.gender,
  birthDate: `${b.birthYear}-**-**`,
  idNumber: maskIdNumber(idNumber),
});

/** The card faces: the person's accounts grouped by account, each with the districts it is used in (domain rule 2). */
export function groupCards(accounts: Account[]) {
  const cards = new Map<string, { account: Account; districts: { code: string; name: string }[] }>();
  for (const a of accounts) {
    const key = `${a.accountNumberIdx}|${a.status}|${a.cardType}|${a.bankCode}`;
    const card = cards.get(key) ?? { account: a, districts: [] };
    card.districts.push({ code: a.districtCode, name: districtName(a.districtCode) ?? a.districtCode });
    cards.set(key, card);
  }
  return [...cards.values()].map(({ account: a, districts }) => ({
    cardType: a.cardType,
    bankCode: a.bankCode,
    bankName: bankName(a.bankCode) ?? a.bankCode,
    accountNumber: a.accountNumberMasked,
    status: a.status,
    source: a.source,
    invalidReason: a.invalidReason,
    invalidAt: a.invalidAt,
    districts,
  }));
}

export function createBeneficiaries(ctx: ServiceContext) {
  const { db, crypto, clock } = ctx;
  const b = db.schema.beneficiaries;
  const cr = db.schema.changeRequests;
  const n = db.schema.notifications;
  const acc = db.schema.accounts;

  // The card face is the hottest read: two prepared queries, the person with their pending request and unread
  // count in one, and their accounts.
  const personForCard = db.read
    .select({
      name: b.name,
      gender: b.gender,
      birthYear: b.birthYear,
      idNumberEnc: b.idNumberEnc,
      pendingRequestId: sql<number | null>`(select ${qualified(cr.id)} from ${cr}
        where ${qualified(cr.beneficiaryId)} = ${qualified(b.id)} and ${qualified(cr.status)} = 'pending')`,
      unread: sql<number>`(select count(*) from ${n}
        where ${qualified(n.beneficiaryId)} = ${qualified(b.id)} and ${qualified(n.readAt)} is null)`.mapWith(Number),
    })
    .from(b)
    .where(eq(b.id, sql.placeholder('id')))
    .prepare('card_person');
  const accountsOf = db.read
    .select()
    .from(acc)
    .where(eq(acc.beneficiaryId, sql.placeholder('id')))
    .orderBy(acc.districtCode)
    .prepare('card_accounts');
  const byIdIdx = db.read
    .select()
    .from(b)
    .where(eq(b.idNumberIdx, sql.placeholder('idx')))
    .prepare('beneficiary_by_idx');

  return {
    byId: async (id: number) => (await db.read.select().from(b).where(eq(b.id, id)).limit(1))[0],
    byIdNumber: async (idNumber: string) =>
      (await byIdIdx.execute({ idx: crypto.blindIndex(idNumber.toUpperCase()) }))[0],
    accountsOf: (beneficiaryId: number) => accountsOf.execute({ id: beneficiaryId }),

    /**
     * A face-verified person, inside the login's unit of work: known ones are found by blind index (their mobile
     * number refreshed); a verified person not yet in the 一卡通 records still logs in (and sees "尚未绑定"), so
     * a row is made from what the identity platform vouched for.
     */
    async findOrRegister(tx: Tx, person: { idNumber: string; name: string; mobile?: string }): Promise<Beneficiary> {
      const t = tablesOf(tx).beneficiaries;
      const idNumber = person.idNumber.toUpperCase();
      const idx = crypto.blindIndex(idNumber);
      const mobileEnc = person.mobile ? crypto.encrypt(person.mobile) : undefined;
      const [found] = await tx.select().from(t).where(eq(t.idNumberIdx, idx)).limit(1);
      if (found) {
        if (mobileEnc) await tx.update(t).set({ mobileEnc }).where(eq(t.id, found.id));
        return found;
      }
      const parsed = parseIdNumber(idNumber, clock.now());
      if (!parsed.ok) throw new Error('identity platform vouched for an invalid ID number');
      const [created] = await tx
        .insert(t)
        .values({
          name: person.name,
          gender: parsed.gender,
          birthYear: Number(parsed.birthDate.slice(0, 4)),
          idNumberEnc: crypto.encrypt(idNumber),
          idNumberIdx: idx,
          idLast4Idx: crypto.idLast4Index(idNumber),
          mobileEnc: mobileEnc ?? null,
          createdAt: iso(clock.now()),
        })
        .returning();
      return created;
    },

    masked: (p: Beneficiary) => maskedBeneficiary(p, crypto.decrypt(p.idNumberEnc)),

    async card(beneficiaryId: number) {
      const [[person], accounts] = await Promise.all([
        personForCard.execute({ id: beneficiaryId }),
        accountsOf.execute({ id: beneficiaryId }),
      ]);
      if (!person) return undefined;
      return {
        beneficiary: maskedBeneficiary(person, crypto.decrypt(person.idNumberEnc)),
        cards: groupCards(accounts),
        pendingRequestId: person.pendingRequestId ?? null,
        unreadNotifications: person.unread,
      };
    },

    /** The owner's own full numbers, for "tap to reveal" on their card. */
    async reveal(beneficiaryId: number) {
      const seen = new Set<string>();
      const items: { maskedAccountNumber: string; accountNumber: string }[] = [];
      for (const a of await accountsOf.execute({ id: beneficiaryId })) {
        if (seen.has(a.accountNumberIdx)) continue;
        seen.add(a.accountNumberIdx);
        items.push({ maskedAccountNumber: a.accountNumberMasked, accountNumber: crypto.decrypt(a.accountNumberEnc) });
      }
      return { items };
    },

    async notifications(beneficiaryId: number) {
      const rows = await db.read
        .select()
        .from(n)
        .where(eq(n.beneficiaryId, beneficiaryId))
        .orderBy(desc(n.occurredAt), desc(n.id))
        .limit(200);
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          bankName: bankName(r.bankCode) ?? r.bankCode,
          accountNumber: r.accountNumberMasked,
          districtCode: r.districtCode,
          districtName: districtName(r.districtCode) ?? r.districtCode,
          districts: r.districtCodes
            .split(',')
            .filter(Boolean)
            .map((code) => ({ code, name: districtName(code) ?? code })),
          requestId: r.requestId,
          message: r.message,
          occurredAt: r.occurredAt,
          readAt: r.readAt,
        })),
      };
    },

    /** Marks one of the person's own notifications read; another person's is "not found". */
    async markNotificationRead(beneficiaryId: number, id: number) {
      const now = iso(clock.now());
      return db.unitOfWork(async (tx) => {
        const [row] = await tx
          .select({ readAt: n.readAt })
          .from(n)
          .where(and(eq(n.id, id), eq(n.beneficiaryId, beneficiaryId)))
          .limit(1);
        if (!row) return undefined;
        if (!row.readAt)
          await tx
            .update(n)
            .set({ readAt: now })
            .where(and(eq(n.id, id), isNull(n.readAt)));
        return { id, readAt: row.readAt ?? now };
      });
    },
  };
}
export type Beneficiaries = ReturnType<typeof createBeneficiaries>;
