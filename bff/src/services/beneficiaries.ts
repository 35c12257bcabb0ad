import { bankName, districtName, maskBirthDate, maskIdNumber, maskName, parseIdNumber } from '@ykt/shared';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { schema } from '../db/index.ts';
import { iso } from '../lib/time.ts';
import type { ServiceContext } from './context.ts';

type Beneficiary = typeof schema.beneficiaries.$inferSelect;
type Account = typeof schema.accounts.$inferSelect;

export const maskedBeneficiary = (b: Beneficiary, idNumber: string) => ({
  name: maskName(b.name),
  gender: b.gender,
  birthDate: maskBirthDate(b.birthDate),
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
  const b = schema.beneficiaries;
  const byIdIdx = db
    .select()
    .from(b)
    .where(eq(b.idNumberIdx, sql.placeholder('idx')))
    .prepare();
  const byId = db
    .select()
    .from(b)
    .where(eq(b.id, sql.placeholder('id')))
    .prepare();
  const cr = schema.changeRequests;
  const pendingOf = db
    .select({ id: cr.id })
    .from(cr)
    .where(and(eq(cr.beneficiaryId, sql.placeholder('id')), eq(cr.status, 'pending')))
    .prepare();
  const n = schema.notifications;
  const unreadOf = db
    .select({ n: sql<number>`count(*)` })
    .from(n)
    .where(and(eq(n.beneficiaryId, sql.placeholder('id')), isNull(n.readAt)))
    .prepare();
  const accountsOf = db
    .select()
    .from(schema.accounts)
    .where(eq(schema.accounts.beneficiaryId, sql.placeholder('id')))
    .orderBy(schema.accounts.districtCode)
    .prepare();

  return {
    byId: (id: number) => byId.get({ id }),
    byIdNumber: (idNumber: string) => byIdIdx.get({ idx: crypto.blindIndex(idNumber.toUpperCase()) }),
    accountsOf: (beneficiaryId: number) => accountsOf.all({ id: beneficiaryId }),

    /**
     * A face-verified person: known ones are found by blind index; a verified person not yet in the 一卡通
     * records still logs in (and sees "尚未绑定"), so a row is made from what the identity platform vouched for.
     */
    findOrRegister(tx: Pick<typeof db, 'insert'>, person: { idNumber: string; name: string }): Beneficiary {
      const idNumber = person.idNumber.toUpperCase();
      const found = byIdIdx.get({ idx: crypto.blindIndex(idNumber) });
      if (found) return found;
      const parsed = parseIdNumber(idNumber, clock.now());
      if (!parsed.ok) throw new Error('identity platform vouched for an invalid ID number');
      return tx
        .insert(schema.beneficiaries)
        .values({
          name: person.name,
          gender: parsed.gender,
          birthDate: parsed.birthDate,
          idNumberEnc: crypto.encrypt(idNumber),
          idNumberIdx: crypto.blindIndex(idNumber),
          idNumberLast4: idNumber.slice(-4),
          createdAt: iso(clock.now()),
        })
        .returning()
        .get();
    },

    masked(b: Beneficiary) {
      return maskedBeneficiary(b, crypto.decrypt(b.idNumberEnc));
    },

    card(beneficiaryId: number) {
      const person = byId.get({ id: beneficiaryId });
      if (!person) return undefined;
      // The card face is the hottest read: its queries are prepared once.
      const pending = pendingOf.get({ id: person.id });
      const unread = unreadOf.get({ id: person.id });
      return {
        beneficiary: maskedBeneficiary(person, crypto.decrypt(person.idNumberEnc)),
        cards: groupCards(accountsOf.all({ id: person.id })),
        pendingRequestId: pending?.id ?? null,
        unreadNotifications: unread?.n ?? 0,
      };
    },

    /** The owner's own full numbers, for "tap to reveal" on their card. */
    reveal(beneficiaryId: number) {
      const seen = new Set<string>();
      const items: { maskedAccountNumber: string; accountNumber: string }[] = [];
      for (const a of accountsOf.all({ id: beneficiaryId })) {
        if (seen.has(a.accountNumberIdx)) continue;
        seen.add(a.accountNumberIdx);
        items.push({ maskedAccountNumber: a.accountNumberMasked, accountNumber: crypto.decrypt(a.accountNumberEnc) });
      }
      return { items };
    },

    notifications(beneficiaryId: number) {
      const rows = db
        .select()
        .from(schema.notifications)
        .where(eq(schema.notifications.beneficiaryId, beneficiaryId))
        .orderBy(desc(schema.notifications.occurredAt), desc(schema.notifications.id))
        .all();
      return {
        items: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          bankName: bankName(n.bankCode) ?? n.bankCode,
          accountNumber: n.accountNumberMasked,
          districtCode: n.districtCode,
          districtName: districtName(n.districtCode) ?? n.districtCode,
          message: n.message,
          occurredAt: n.occurredAt,
          readAt: n.readAt,
        })),
      };
    },

    /** Marks one of the person's own notifications read; another person's is "not found". */
    markNotificationRead(beneficiaryId: number, id: number) {
      const now = iso(clock.now());
      const row = db
        .select()
        .from(schema.notifications)
        .where(and(eq(schema.notifications.id, id), eq(schema.notifications.beneficiaryId, beneficiaryId)))
        .get();
      if (!row) return undefined;
      if (!row.readAt) {
        db.update(schema.notifications).set({ readAt: now }).where(eq(schema.notifications.id, id)).run();
      }
      return { id, readAt: row.readAt ?? now };
    },
  };
}
export type Beneficiaries = ReturnType<typeof createBeneficiaries>;
