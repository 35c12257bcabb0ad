import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../lib/errors.ts';

/** The one error handler: every failure answers api.md's `{error: {code, message, fields?}}`, never a bare 500. */
export default fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({
        error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const v of err.validation) {
        const field =
          v.instancePath.replace(/^\//, '').split('/')[0] || (v.params?.issue as { path?: string[] })?.path?.[0] || '_';
        fields[field] ??= v.message ?? '格式不正确';
      }
      return reply
        .status(400)
        .send({ error: { code: 'VALIDATION_FAILED', message: '提交的信息有误，请按提示修改', fields } });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, wrong content type, body too large...
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: '请求格式不正确' } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
  });

  app.setNotFoundHandler((_req, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: '没有找到相关内容' } }),
  );
});
