import { pipeline, Readable } from 'node:stream';
import { actorTypeLabel, formatChongqingTime, maskName } from '@ykt/shared';
import { stringify } from 'csv-stringify';
import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { forbidden } from '../lib/errors.ts';
import type { Scope } from './caseworkers.ts';
import type { ServiceContext } from './context.ts';
import { cappedTotal, decodeCursor, encodeCursor } from './paging.ts';

type Entry = typeof import('../db/pg/schema.ts').auditLog.$inferSelect;

/** Rows a CSV export holds at most (newest first): streamed, so the BFF's memory does not grow with it. */
export const AUDIT_CSV_MAX_ROWS = 2_000_000;
const CSV_CHUNK = 2_000;

/** A cell that starts with = + - @ (or a tab / CR) is defused, so a spreadsheet never runs it as a formula. */
export const csvSafe = (value: string | number | null | undefined): string => {
  const s = value == null ? '' : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

/** 操作日志 for the municipal caseworker: the list (keyset pages) and the CSV export (streamed). */
export function createAuditLog(ctx: ServiceContext) {
  const { db, clock } = ctx;
  const a = db.schema.auditLog;
  const cw = db.schema.caseworkers;
  const ben = db.schema.beneficiaries;

  const requireMunicipal = (scope: Scope) => {
    if (!scope.all) throw forbidden('操作日志仅供市级经办人查看');
  };

  /**
   * An action (account.invalidate) or a family of actions (account) as index ranges on (action, id), no LIKE
   * (whose escapes SQLite and PostgreSQL read differently): x itself, or [x + '.', x + '/') — '/' follows '.', so
   * that range is exactly the actions that start with 'x.'. The capped count runs on the index alone.
   */
  const actionCondition = (action?: string): SQL | undefined => {
    if (!action) return undefined;
    // One range [x, x + '/') for the index (an OR of two ranges made PostgreSQL read the heap for its bitmap);
    // within it, x itself and everything from x + '.' on are the family.
    return and(
      gte(a.action, action),
      lt(a.action, `${action}/`),
      or(eq(a.action, action), gte(a.action, `${action}.`)),
    );
  };

  /**
   * The distinct actions of a family, one index seek each (a loose index scan, the same SQL on SQLite and
   * PostgreSQL): a family's newest rows are then the merge of each action's own newest rows, every one an index
   * range in id order. One query over the whole family would sort every match of it (300k at 1M rows).
   */
  async function actionsOf(action: string): Promise<string[]> {
    const hi = `${action}/`;
    const rows = await db.rows<{ action: string | null }>(
      db.read,
      sql`with recursive f(action) as (
            select min(${a.action}) from ${a} where ${a.action} >= ${action} and ${a.action} < ${hi}
            union all
            select (select min(${a.action}) from ${a} where ${a.action} > f.action and ${a.action} < ${hi})
              from f where f.action is not null)
          select action from f where action is not null`,
    );
    return rows.map((r) => r.action as string).filter((x) => x === action || x.startsWith(`${action}.`));
  }

  /** The newest `limit` rows below `beforeId` (all, or of these actions), newest first. */
  async function newest(actions: string[] | undefined, beforeId: number | undefined, limit: number): Promise<Entry[]> {
    const below = beforeId !== undefined ? lt(a.id, beforeId) : undefined;
    if (!actions) return db.read.select().from(a).where(below).orderBy(desc(a.id)).limit(limit);
    const parts = await Promise.all(
      actions.map((x) =>
        db.read
          .select()
          .from(a)
          .where(and(eq(a.action, x), below))
          .orderBy(desc(a.id))
          .limit(limit),
      ),
    );
    return parts
      .flat()
      .sort((p, q) => q.id - p.id)
      .slice(0, limit);
  }

  /**
   * "caseworker:2" -> "王敏（重庆市财政局）", "beneficiary:7" -> "*梅（享受人7）": the actors of a page named with
   * one query per kind, not one per row.
   */
  async function namesOf(rows: Entry[]): Promise<Map<string, string>> {
    const ids = (prefix: string) =>
      [
        ...new Set(rows.filter((r) => r.actor.startsWith(prefix)).map((r) => Number(r.actor.slice(prefix.length)))),
      ].filter(Number.isSafeInteger);
    const caseworkerIds = ids('caseworker:');
    const personIds = ids('beneficiary:');
    const [caseworkers, people] = await Promise.all([
      caseworkerIds.length
        ? db.read.select({ id: cw.id, name: cw.name }).from(cw).where(inArray(cw.id, caseworkerIds))
        : [],
      personIds.length
        ? db.read.select({ id: ben.id, name: ben.name }).from(ben).where(inArray(ben.id, personIds))
        : [],
    ]);
    const names = new Map<string, string>([['system', '系统']]);
    for (const c of caseworkers) names.set(`caseworker:${c.id}`, c.name);
    for (const p of people) names.set(`beneficiary:${p.id}`, `${maskName(p.name)}（享受人${p.id}）`);
    return names;
  }
  const nameOf = (names: Map<string, string>, actor: string) => names.get(actor) ?? actor;

  return {
    async list(scope: Scope, q: { action?: string; cursor?: string; pageSize: number }) {
      requireMunicipal(scope);
      const where = actionCondition(q.action);
      const cursor = decodeCursor<[number]>(q.cursor, ['n']);
      const actions = q.action ? await actionsOf(q.action) : undefined;
      const [rows, total] = await Promise.all([
        newest(actions, cursor?.[0], q.pageSize + 1),
        cappedTotal(db.read, db.read.select({ id: a.id }).from(a).where(where)),
      ]);
      const page = rows.slice(0, q.pageSize);
      const names = await namesOf(page);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({ ...r, actorName: nameOf(names, r.actor) })),
        ...total,
        nextCursor: rows.length > q.pageSize && last ? encodeCursor([last.id]) : null,
      };
    },

    /**
     * The CSV export: UTF-8 with BOM (for Excel), a Chinese header, times in Asia/Shanghai, newest first. Read in
     * keyset chunks and streamed through csv-stringify, so the first bytes leave at once and memory stays flat.
     */
    csv(scope: Scope, q: { action?: string }) {
      requireMunicipal(scope);
      const stamp = formatChongqingTime(clock.now().toISOString()).replace(/[-: ]/g, '').slice(0, 12);
      async function* rows() {
        let cursor: number | undefined;
        let sent = 0;
        const actions = q.action ? await actionsOf(q.action) : undefined;
        while (sent < AUDIT_CSV_MAX_ROWS) {
          const chunk = await newest(actions, cursor, CSV_CHUNK);
          if (chunk.length === 0) return;
          const names = await namesOf(chunk);
          for (const r of chunk) {
            yield [
              r.id,
              formatChongqingTime(r.at),
              actorTypeLabel(r.actorType),
              nameOf(names, r.actor),
              r.action,
              r.target,
              r.detail,
              r.ip,
            ].map(csvSafe);
          }
          sent += chunk.length;
          cursor = chunk[chunk.length - 1].id;
        }
      }
      const csv = stringify({
        bom: true,
        header: true,
        columns: ['编号', '时间', '操作人类型', '操作人', '操作', '对象', '详情', 'IP地址'],
        record_delimiter: '\r\n',
      });
      return {
        filename: `操作日志-${stamp}.csv`,
        asciiFilename: `audit-${stamp}.csv`,
        // pipeline, not pipe: a read that fails mid-export must end the answer (pipe left the CSV stream open for
        // ever and the error unhandled, which stops the process).
        stream: pipeline(Readable.from(rows()), csv, () => undefined),
      };
    },
  };
}
