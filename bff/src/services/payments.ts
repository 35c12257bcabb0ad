import { createHash } from 'node:crypto';
import {
  bankName,
  districtName,
  MAX_BATCH_FIELD_ERRORS,
  maskAccountNumber,
  PAYMENT_PAGE_MAX_ITEMS,
  type PaymentBatchAnswer,
  type PaymentBatchBody,
  type PaymentFailureCode,
  type PaymentLine,
  type PaymentYearPage,
  redactLongNumbers,
  SUBSIDY_ITEM_CODES,
  subsidyItem,
} from '@ykt/shared';
import { and, desc, eq, getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';
import { type DataStore, type ReadDb, type Tx, tablesOf } from '../db/database.ts';
import { DomainError, notFound, validationFailed } from '../lib/errors.ts';
import type { FieldCrypto } from '../lib/fieldCrypto.ts';
import { iso } from '../lib/time.ts';
import { type Account, invalidateAccounts, isAccountUnusable, sameCardAccounts } from './accounts.ts';
import { writeAudit } from './audit.ts';
import type { Scope } from './caseworkers.ts';
import type { Actor, ServiceContext } from './context.ts';
import { type OutsideMessage, queueOutside } from './notices.ts';
import { districtInScope } from './reviewFilters.ts';

type Schema = typeof import('../db/pg/schema.ts');
type PaymentInsert = Schema['payments']['$inferInsert'];
type BatchRow = Schema['paymentBatches']['$inferSelect'];
/** What the intake needs of a person's account in the batch's district. */
type DistrictAccount = { id: number; beneficiaryId: number; numberIdx: string; status: string };

/**
 * Bulk paths for a batch of up to 10,000 lines. drizzle's builder spends about 0.1 ms per row of a multi-row INSERT
 * and per value of an IN list at that size (and the drivers cap the parameters of one statement), more than the
 * batch's 2 s budget allows. Here the values travel as ONE parameter and the database unpacks them: a JSON document
 * (json_each on SQLite; jsonb_array_elements on PostgreSQL, jsonb so each row is parsed once, not once per column),
 * or for blind indexes and ids a PostgreSQL array literal (blind indexes are base64url: nothing to escape).
 * The dialect difference stays here rather than in database.ts while only the payment intake needs it.
 */
const run = (db: DataStore, tx: Tx, query: SQL) =>
  db.dialect === 'sqlite' ? (tx as unknown as { run(q: SQL): unknown }).run(query) : tx.execute(query);

/** `column` is one of `values` (text or integer), as one parameter. */
function isOneOf(db: DataStore, column: string, values: readonly (string | number)[], type: 'text' | 'integer'): SQL {
  if (db.dialect === 'sqlite')
    return sql`${sql.raw(column)} in (select value from json_each(${JSON.stringify(values)}))`;
  return sql`${sql.raw(column)} = any(${`{${values.join(',')}}`}::${sql.raw(type)}[])`;
}

/** One INSERT of many rows (every row with the same keys), the rows as one JSON parameter. */
async function insertRows(db: DataStore, tx: Tx, table: Table, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in rows[0]);
  const json = JSON.stringify(rows.map((r) => columns.map(([key]) => r[key] ?? null)));
  const names = sql.join(
    columns.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const values =
    db.dialect === 'sqlite'
      ? columns.map((_, k) => `json_extract(value, '$[${k}]')`)
      : columns.map(([, c], k) => `(r->>${k})::${c.getSQLType()}`);
  const source = db.dialect === 'sqlite' ? sql`json_each(${json})` : sql`jsonb_array_elements(${json}::jsonb) as r`;
  await run(db, tx, sql`insert into ${table} (${names}) select ${sql.raw(values.join(', '))} from ${source}`);
}

/** Chongqing keeps UTC+8 all year: the year of a time as people there read it. */
export const chongqingYear = (time: string | Date) =>
  new Date(new Date(time).getTime() + 8 * 3600_000).getUTCFullYear();

/**
 * A batch's canonical content: every field in a fixed order, times in UTC, lines in lineNo order, values as the
 * schema leaves them (trimmed, ID numbers upper-case). "The same batch" means the same canonical content.
 */
export function canonicalBatch(b: PaymentBatchBody): string {
  const lines = [...b.lines]
    .sort((x, y) => x.lineNo - y.lineNo)
    .map((l) => [
      l.lineNo,
      l.idNumber,
      l.name,
      l.bankCode,
      l.accountNumber,
      l.amountFen,
      l.result,
      l.failureCode ?? null,
      l.failureReason ?? null,
    ]);
  return JSON.stringify([
    'ykt-payment-batch-v1',
    b.batchId,
    b.districtCode,
    b.itemCode,
    b.period,
    new Date(b.paidAt).toISOString(),
    lines,
  ]);
}

/** SHA-256 (hex) of the canonical content: what payment_batches.content_hash keeps. */
export const batchContentHash = (b: PaymentBatchBody) => createHash('sha256').update(canonicalBatch(b)).digest('hex');

const answerOf = (row: BatchRow): PaymentBatchAnswer => ({
  batchId: row.batchId,
  lines: row.lines,
  paid: row.paid,
  failed: row.failed,
  invalidated: row.invalidated,
  amountFen: row.amountFen,
  paidFen: row.paidFen,
});

const batchConflict = () =>
  new DomainError('BATCH_CONFLICT', '该批次号已收到内容不同的另一批发放结果，本批未记录；请核对后使用新的批次号');

/** What a stored line needs besides the line itself. */
export interface ResolvedLine {
  line: PaymentLine;
  beneficiaryId: number;
  /** The 无效卡 notice the line caused, if any. */
  notificationId: number | null;
  /** The account number's blind index, when the caller has it already. */
  accountNumberIdx?: string;
}

/**
 * Writes a batch and its lines (encrypted and blind-indexed account numbers, redacted free text) inside the
 * caller's unit of work: one row for the batch, one INSERT for all its lines. Used by the intake and the demo data.
 */
export async function storeBatch(
  db: DataStore,
  tx: Tx,
  crypto: FieldCrypto,
  body: PaymentBatchBody,
  lines: ResolvedLine[],
  invalidated: number,
  receivedAt: string,
  contentHash = batchContentHash(body),
): Promise<PaymentBatchAnswer> {
  const t = tablesOf(tx);
  const paidAt = new Date(body.paidAt).toISOString();
  const year = chongqingYear(paidAt);
  let paid = 0;
  let amountFen = 0;
  let paidFen = 0;
  const rows: PaymentInsert[] = lines.map(({ line, beneficiaryId, notificationId, accountNumberIdx }) => {
    amountFen += line.amountFen;
    if (line.result === 'paid') {
      paid++;
      paidFen += line.amountFen;
    }
    return {
      batchId: body.batchId,
      lineNo: line.lineNo,
      beneficiaryId,
      districtCode: body.districtCode,
      itemCode: body.itemCode,
      period: body.period,
      year,
      paidAt,
      amountFen: line.amountFen,
      status: line.result,
      failureCode: line.result === 'failed' ? (line.failureCode ?? null) : null,
      failureReason: line.result === 'failed' ? redactLongNumbers(line.failureReason ?? '') : null,
      bankCode: line.bankCode,
      accountNumberEnc: crypto.encrypt(line.accountNumber),
      accountNumberIdx: accountNumberIdx ?? crypto.blindIndex(line.accountNumber),
      accountNumberMasked: maskAccountNumber(line.accountNumber),
      notificationId,
    };
  });
  const [batch] = await tx
    .insert(t.paymentBatches)
    .values({
      batchId: body.batchId,
      districtCode: body.districtCode,
      itemCode: body.itemCode,
      period: body.period,
      paidAt,
      contentHash,
      lines: rows.length,
      paid,
      failed: rows.length - paid,
      invalidated,
      amountFen,
      paidFen,
      receivedAt,
    })
    .returning();
  await insertRows(db, tx, t.payments, rows as Record<string, unknown>[]);
  return answerOf(batch);
}

export function createPayments(ctx: ServiceContext) {
  const { db, crypto, clock } = ctx;
  const pay = db.schema.payments;
  const acc = db.schema.accounts;
  const batches = db.schema.paymentBatches;

  /** The batch stored under this id: the same content answers as the first time did, other content 409. */
  async function replay(d: ReadDb | Tx, batchId: string, hash: string): Promise<PaymentBatchAnswer | undefined> {
    const [row] = await d.select().from(batches).where(eq(batches.batchId, batchId)).limit(1);
    if (!row) return undefined;
    if (row.contentHash !== hash) throw batchConflict();
    return answerOf(row);
  }

  /** A person's lines under `where`, newest first, at most `limit`. */
  const linesOf = (where: SQL | undefined, limit: number) =>
    db.read
      .select({
        id: pay.id,
        itemCode: pay.itemCode,
        period: pay.period,
        year: pay.year,
        amountFen: pay.amountFen,
        paidAt: pay.paidAt,
        status: pay.status,
        failureCode: pay.failureCode,
        failureReason: pay.failureReason,
        bankCode: pay.bankCode,
        accountNumberMasked: pay.accountNumberMasked,
        districtCode: pay.districtCode,
        notificationId: pay.notificationId,
      })
      .from(pay)
      .where(where)
      .orderBy(desc(pay.paidAt), desc(pay.id))
      .limit(limit);
  type Line = Awaited<ReturnType<typeof linesOf>>[number];
  type Sum = { itemCode: string; status: string; count: number; fen: number };
  const sumsOfLines = (rows: Line[]): Sum[] =>
    rows.map((r) => ({ itemCode: r.itemCode, status: r.status, count: 1, fen: r.amountFen }));

  /**
   * One year of a person's payments (`base`: the person, or one account's person and district), lines newest first,
   * totals exact. A person's whole history is a few dozen lines a year, so it is read once and the years, the
   * year's lines and its totals all come from that one read (the hottest citizen page is one query). A history
   * longer than a page is read in parts: its years, then the year's lines with the totals summed by the database.
   */
  async function yearPage(base: SQL | undefined, wanted: number | undefined): Promise<PaymentYearPage> {
    const all = await linesOf(base, PAYMENT_PAGE_MAX_ITEMS);
    if (all.length < PAYMENT_PAGE_MAX_ITEMS) {
      const years = [...new Set(all.map((r) => r.year))].sort((x, y) => y - x);
      const year = wanted ?? years[0] ?? currentYear();
      const rows = all.filter((r) => r.year === year);
      return pageOf(rows, sumsOfLines(rows), years, year);
    }
    const years = await yearsOf(base);
    const year = wanted ?? years[0] ?? currentYear();
    const where = and(base, eq(pay.year, year));
    const [rows, sums] = await Promise.all([
      linesOf(where, PAYMENT_PAGE_MAX_ITEMS),
      db.read
        .select({
          itemCode: pay.itemCode,
          status: pay.status,
          // PostgreSQL answers count and sum of bigint as text: read them back as (exact, < 2^53) numbers.
          count: sql<number>`count(*)`.mapWith(Number),
          fen: sql<number>`coalesce(sum(${pay.amountFen}), 0)`.mapWith(Number),
        })
        .from(pay)
        .where(where)
        .groupBy(pay.itemCode, pay.status),
    ]);
    return pageOf(rows, sums, years, year);
  }

  function pageOf(rows: Line[], sums: Sum[], years: number[], year: number): PaymentYearPage {
    const byCode = new Map<string, PaymentYearPage['byItem'][number]>();
    let totalFen = 0;
    let count = 0;
    let failedCount = 0;
    let failedFen = 0;
    for (const s of sums) {
      const item = byCode.get(s.itemCode) ?? {
        itemCode: s.itemCode,
        itemName: subsidyItem(s.itemCode)?.name ?? s.itemCode,
        totalFen: 0,
        count: 0,
        failedCount: 0,
        failedFen: 0,
      };
      byCode.set(s.itemCode, item);
      if (s.status === 'paid') {
        item.totalFen += s.fen;
        item.count += s.count;
        totalFen += s.fen;
        count += s.count;
      } else {
        item.failedFen += s.fen;
        item.failedCount += s.count;
        failedFen += s.fen;
        failedCount += s.count;
      }
    }
    // The reference list's order, whatever the amounts: the same item stays in the same place from year to year.
    const rank = (code: string) => {
      const k = SUBSIDY_ITEM_CODES.indexOf(code);
      return k < 0 ? SUBSIDY_ITEM_CODES.length : k;
    };
    const byItem = [...byCode.values()].sort(
      (a, b) => rank(a.itemCode) - rank(b.itemCode) || (a.itemCode < b.itemCode ? -1 : 1),
    );

    return {
      years,
      year,
      totalFen,
      count,
      failedCount,
      failedFen,
      byItem,
      items: rows.map((r) => {
        const item = subsidyItem(r.itemCode);
        return {
          id: r.id,
          itemCode: r.itemCode,
          itemName: item?.name ?? r.itemCode,
          department: item?.department ?? '',
          period: r.period,
          amountFen: r.amountFen,
          paidAt: r.paidAt,
          status: r.status,
          failureReason: r.failureReason,
          bankName: bankName(r.bankCode) ?? r.bankCode,
          accountNumber: r.accountNumberMasked,
          districtCode: r.districtCode,
          districtName: districtName(r.districtCode) ?? r.districtCode,
          failureCode: r.failureCode as PaymentFailureCode | null,
          bankCode: r.bankCode,
          notificationId: r.notificationId,
        };
      }),
    };
  }

  /** Years with records under `where` (an index range of the person's rows), newest first. */
  async function yearsOf(where: SQL | undefined): Promise<number[]> {
    const rows = await db.read.selectDistinct({ year: pay.year }).from(pay).where(where).orderBy(desc(pay.year));
    return rows.map((r) => r.year);
  }

  const currentYear = () => chongqingYear(clock.now());

  return {
    /**
     * A payment batch of the 一卡通 system (payments.md): all or nothing, idempotent by batchId over the canonical
     * content. Failed lines invalidate the account they were paid into (every district's account of that card when
     * the bank says the account itself is unusable) with one 系统通知 each, in the same transaction as the rows.
     */
    async receiveBatch(body: PaymentBatchBody, actor: Actor): Promise<PaymentBatchAnswer> {
      const hash = batchContentHash(body);
      const at = iso(clock.now());
      const item = subsidyItem(body.itemCode);
      // The blind indexes are computed once, before the unit of work holds the writer.
      const lines = [...body.lines].sort((x, y) => x.lineNo - y.lineNo);
      const idIdx = lines.map((l) => crypto.blindIndex(l.idNumber));
      const numberIdx = lines.map((l) => crypto.blindIndex(l.accountNumber));

      try {
        return await db.unitOfWork(async (tx) => {
          await db.lock(tx, `payment-batch:${body.batchId}`);
          const earlier = await replay(tx, body.batchId, hash);
          if (earlier) return earlier;

          // Who: the people by blind index, then their accounts in the batch's district (index look-ups).
          const personOf = new Map<string, number>();
          const found = await db.rows<{ id: number; idx: string }>(
            tx,
            sql`select id, id_number_idx as idx from beneficiaries where ${isOneOf(db, 'id_number_idx', [...new Set(idIdx)], 'text')}`,
          );
          for (const p of found) personOf.set(p.idx, Number(p.id));
          const accountIn = new Map<number, DistrictAccount>();
          if (personOf.size > 0) {
            const accounts = await db.rows<DistrictAccount>(
              tx,
              sql`select id, beneficiary_id as "beneficiaryId", account_number_idx as "numberIdx", status from accounts
                  where district_code = ${body.districtCode}
                  and ${isOneOf(db, 'beneficiary_id', [...new Set(personOf.values())], 'integer')}`,
            );
            for (const a of accounts) accountIn.set(Number(a.beneficiaryId), { ...a, id: Number(a.id) });
          }

          // All or nothing: a line whose person has no account in the batch's district refuses the batch.
          const fields: Record<string, string> = {};
          let problems = 0;
          lines.forEach((line, k) => {
            const person = personOf.get(idIdx[k]);
            if (person === undefined || !accountIn.has(person)) {
              if (problems++ < MAX_BATCH_FIELD_ERRORS) {
                fields[`lines[${line.lineNo}].idNumber`] = '该区县没有此身份证号的补贴对象';
              }
            }
          });
          if (problems > 0) {
            throw validationFailed(fields, `发放批次有${problems}行无法对应补贴对象，整批未记录，请核对后重新发送`);
          }

          const resolved: ResolvedLine[] = [];
          const invalidatedNow = new Set<number>();
          let invalidated = 0;
          for (const [k, line] of lines.entries()) {
            const beneficiaryId = personOf.get(idIdx[k]) as number;
            let notificationId: number | null = null;
            if (line.result === 'failed') {
              const account = accountIn.get(beneficiaryId) as DistrictAccount;
              // The district's account is still this number: the failure is about the card it pays into now.
              const current = account.numberIdx === numberIdx[k];
              const usable = account.status === 'valid' && !invalidatedNow.has(account.id);
              let targets: Account[] = [];
              if (isAccountUnusable(line.failureCode)) {
                // The card itself is unusable (销户, 冻结, 不存在): every district's valid account of that number.
                targets = await sameCardAccounts(tx, { beneficiaryId, accountNumberIdx: numberIdx[k] });
              } else if (current && usable) {
                targets = await tx.select().from(acc).where(eq(acc.id, account.id));
              }
              // What did not arrive, into which card, why: one message, also when it made the card 无效卡
              // (last 4 only; the free text is cleaned when it is queued).
              const outside: OutsideMessage = {
                template: 'payment_failed',
                params: {
                  itemName: item?.name ?? body.itemCode,
                  period: body.period,
                  amountFen: line.amountFen,
                  bankCode: line.bankCode,
                  last4: line.accountNumber.slice(-4),
                  reason: line.failureReason ?? '',
                },
              };
              if (targets.length > 0) {
                notificationId = await invalidateAccounts(
                  tx,
                  targets,
                  'crediting_failure',
                  line.failureReason ?? '',
                  actor,
                  at,
                  outside,
                );
                for (const a of targets) invalidatedNow.add(a.id);
                invalidated += targets.length;
              } else if (current) {
                await queueOutside(tx, beneficiaryId, outside, at);
              }
            }
            resolved.push({ line, beneficiaryId, notificationId, accountNumberIdx: numberIdx[k] });
          }

          const answer = await storeBatch(db, tx, crypto, body, resolved, invalidated, at, hash);
          await writeAudit(tx, at, actor, 'payment_batch.receive', `payment_batch:${body.batchId}`, {
            districtCode: body.districtCode,
            itemCode: body.itemCode,
            period: body.period,
            lines: answer.lines,
            paid: answer.paid,
            failed: answer.failed,
            invalidated: answer.invalidated,
            amountFen: answer.amountFen,
          });
          return answer;
        });
      } catch (err) {
        // Two instances took the same new batch at once (the lock makes it rare): the first one's answer stands.
        if (db.isUniqueViolation(err)) {
          const earlier = await replay(db.read, body.batchId, hash);
          if (earlier) return earlier;
        }
        throw err;
      }
    },

    /** The citizen's own 发放记录 of one year (default: the latest year with records). */
    async ofCitizen(beneficiaryId: number, q: { year?: number }): Promise<PaymentYearPage> {
      const mine = eq(pay.beneficiaryId, beneficiaryId);
      return yearPage(mine, q.year);
    },

    /**
     * A caseworker's view of one account's payments: that account's person in that district only, within the
     * caseworker's districts (404 outside, as for the account itself); filterable by year and 补贴项目.
     */
    async ofAccount(
      scope: Scope,
      accountId: number,
      q: { year?: number; itemCode?: string },
    ): Promise<PaymentYearPage> {
      const [account] = await db.read
        .select({ beneficiaryId: acc.beneficiaryId, districtCode: acc.districtCode })
        .from(acc)
        .where(eq(acc.id, accountId))
        .limit(1);
      if (!account || !districtInScope(scope, account.districtCode)) throw notFound('没有找到该账号');
      const base = and(
        eq(pay.beneficiaryId, account.beneficiaryId),
        eq(pay.districtCode, account.districtCode),
        q.itemCode ? eq(pay.itemCode, q.itemCode) : undefined,
      );
      return yearPage(base, q.year);
    },
  };
}
export type Payments = ReturnType<typeof createPayments>;
