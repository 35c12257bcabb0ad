import { auditList, auditQuery, formatChongqingTime, maskName } from '@ykt/shared';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Db, schema } from '../../../db/index.ts';
import { forbidden } from '../../../lib/errors.ts';
import { errors, scopeOf } from './common.ts';

/** Rows a CSV export holds at most (newest first). */
export const AUDIT_CSV_MAX_ROWS = 50_000;

const ACTOR_TYPES: Record<string, string> = { citizen: '享受人', caseworker: '经办人', system: '系统' };

/** One CSV cell: quoted when needed; a leading = + - @ is defused so Excel does not run it as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** "caseworker:2" -> "王敏（重庆市财政局）", "beneficiary:7" -> "*梅": what a person reading the log can use. */
function actorNamer(db: Db) {
  const caseworkers = new Map(
    db
      .select()
      .from(schema.caseworkers)
      .all()
      .map((c) => [`caseworker:${c.id}`, c.name]),
  );
  const people = new Map<string, string>();
  return (actor: string) => {
    if (caseworkers.has(actor)) return caseworkers.get(actor) as string;
    if (!actor.startsWith('beneficiary:')) return actor === 'system' ? '系统' : actor;
    if (!people.has(actor)) {
      const id = Number(actor.slice('beneficiary:'.length));
      const b = db
        .select({ name: schema.beneficiaries.name })
        .from(schema.beneficiaries)
        .where(eq(schema.beneficiaries.id, id))
        .get();
      people.set(actor, b ? `${maskName(b.name)}（享受人${id}）` : actor);
    }
    return people.get(actor) as string;
  };
}

/** 操作日志: municipal (500000) caseworkers only. No full ID or account number is ever in a row. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireRole('caseworker'));
  app.addHook('onRequest', async (req) => {
    if (!scopeOf(req).all) throw forbidden('操作日志仅供市级经办人查看');
  });
  const a = schema.auditLog;
  const whereOf = (action?: string) => {
    if (!action) return undefined;
    // An action or a family of actions: "account" matches account.edit, account.invalidate ...
    const escaped = action.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    return and(sql`(${a.action} = ${action} or ${a.action} like ${`${escaped}.%`} escape '\\')`);
  };

  app.get(
    '/api/review/audit',
    {
      schema: {
        tags: ['review'],
        summary: '操作日志（市级经办人）',
        description: '`action`: an action (account.invalidate) or a family of actions (account). Newest first.',
        querystring: auditQuery,
        response: { 200: auditList, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const where = whereOf(req.query.action);
      const total = app.ctx.db.select({ n: count() }).from(a).where(where).get()?.n ?? 0;
      const items = app.ctx.db
        .select()
        .from(a)
        .where(where)
        .orderBy(desc(a.at), desc(a.id))
        .limit(req.query.pageSize)
        .offset((req.query.page - 1) * req.query.pageSize)
        .all();
      const nameOf = actorNamer(app.ctx.db);
      return { items: items.map((r) => ({ ...r, actorName: nameOf(r.actor) })), total };
    },
  );

  app.get(
    '/api/review/audit.csv',
    {
      schema: {
        tags: ['review'],
        summary: '操作日志导出 CSV（市级经办人）',
        description: `UTF-8 with BOM (for Excel), header row in Chinese, times in Asia/Shanghai; at most ${AUDIT_CSV_MAX_ROWS} newest rows.`,
        querystring: z.object({ action: z.string().max(64).optional() }),
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, UTF-8 with BOM'), ...errors(401, 403) },
      },
    },
    async (req, reply) => {
      const rows = app.ctx.db
        .select()
        .from(a)
        .where(whereOf(req.query.action))
        .orderBy(desc(a.at), desc(a.id))
        .limit(AUDIT_CSV_MAX_ROWS)
        .all();
      const header = ['编号', '时间', '操作人类型', '操作人', '操作', '对象', '详情', 'IP地址'];
      const lines = [header.map(csvCell).join(',')];
      const nameOf = actorNamer(app.ctx.db);
      for (const r of rows) {
        lines.push(
          [
            r.id,
            formatChongqingTime(r.at),
            ACTOR_TYPES[r.actorType] ?? r.actorType,
            nameOf(r.actor),
            r.action,
            r.target,
            r.detail,
            r.ip,
          ]
            .map(csvCell)
            .join(','),
        );
      }
      const stamp = formatChongqingTime(app.ctx.clock.now().toISOString()).replace(/[-: ]/g, '').slice(0, 12);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="audit-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`操作日志-${stamp}.csv`)}`,
        )
        .send(`\uFEFF${lines.join('\r\n')}\r\n`);
    },
  );
};
export default routes;
