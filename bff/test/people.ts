import { type ScaleAccount, scalePerson } from '@ykt/sandbox';
import { maskAccountNumber, parseIdNumber } from '@ykt/shared';
import type { DataStore } from '../src/db/database.ts';
import type { FieldCrypto } from '../src/lib/fieldCrypto.ts';
import type { Clock } from '../src/lib/time.ts';

/** The seed of the generated people the tests add; a sandbox started with `scale: {seed: PEOPLE_SEED, …}` knows them. */
export const PEOPLE_SEED = 'bff-tests';

export interface AddedPerson {
  i: number;
  name: string;
  idNumber: string;
  beneficiaryId: number;
  accountId: number;
  districtCode: string;
  /** The 一卡通 account's card (the person's own, normal in a sandbox that knows the generated people). */
  current: ScaleAccount;
  /** Another card of theirs to change to (the bank verifies it for them). */
  spare: ScaleAccount;
}

/**
 * Adds generated people (scaleWorld's persons `from` … `from + count − 1` of PEOPLE_SEED) as beneficiaries, each with
 * one 一卡通 account in `districtCode`, straight into the database: more people than the demo has, for tests of
 * many citizens at once. Synthetic people only.
 */
export async function addPeople(
  ctx: { db: DataStore; crypto: FieldCrypto; clock: Clock },
  from: number,
  count: number,
  districtCode = '500105',
): Promise<AddedPerson[]> {
  const { db, crypto, clock } = ctx;
  const now = clock.now().toISOString();
  const added: AddedPerson[] = [];
  await db.unitOfWork(async (tx) => {
    for (let i = from; i < from + count; i++) {
      const p = scalePerson(PEOPLE_SEED, i);
      const parsed = parseIdNumber(p.idNumber, clock.now());
      if (!parsed.ok) throw new Error(`generated ID ${i}: ${parsed.message}`);
      const [current, spare] = p.accounts;
      const [b] = await tx
        .insert(db.schema.beneficiaries)
        .values({
          name: p.name,
          gender: parsed.gender,
          birthYear: Number(parsed.birthDate.slice(0, 4)),
          idNumberEnc: crypto.encrypt(p.idNumber),
          idNumberIdx: crypto.blindIndex(p.idNumber),
          idLast4Idx: crypto.idLast4Index(p.idNumber),
          mobileEnc: crypto.encrypt(p.mobile),
          createdAt: now,
        })
        .returning();
      const [a] = await tx
        .insert(db.schema.accounts)
        .values({
          beneficiaryId: b.id,
          districtCode,
          cardType: 'bank_card',
          bankCode: current.bankCode,
          accountNumberEnc: crypto.encrypt(current.accountNumber),
          accountNumberIdx: crypto.blindIndex(current.accountNumber),
          accountNumberMasked: maskAccountNumber(current.accountNumber),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      added.push({
        i,
        name: p.name,
        idNumber: p.idNumber,
        beneficiaryId: b.id,
        accountId: a.id,
        districtCode,
        current,
        spare,
      });
    }
  });
  return added;
}
