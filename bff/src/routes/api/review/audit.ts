import { auditList, auditQuery } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from './common.ts';

/** 操作日志: municipal (500000) caseworkers only. No full ID or account number is ever in a row. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { auditLog } = app.services;

  app.get(
    '/api/review/audit',
    {
      schema: {
        tags: ['review'],
        summary: '操作日志（市级经办人）',
        description:
          '`action`: an action (account.invalidate) or a family of actions (account). Newest first; keyset pages (cursor / nextCursor), capped total.',
        querystring: auditQuery,
        response: { 200: auditList, ...errors(400, 401, 403) },
      },
    },
    async (req) => auditLog.list(req.scope, req.query),
  );

  app.get(
    '/api/review/audit.csv',
    {
      schema: {
        tags: ['review'],
        summary: '操作日志导出 CSV（市级经办人）',
        description:
          'UTF-8 with BOM (for Excel), header row in Chinese, times in Asia/Shanghai; streamed, newest first.',
        querystring: z.object({ action: z.string().max(64).optional() }),
        produces: ['text/csv'],
        response: { 200: z.any().describe('CSV, UTF-8 with BOM'), ...errors(401, 403) },
      },
    },
    async (req, reply) => {
      const { filename, asciiFilename, stream } = auditLog.csv(req.scope, req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${asciiFilename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .send(stream);
    },
  );
};
export default routes;
