import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorBody, ErrorCode } from '@ykt/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, STATUS_OF } from '../../lib/errors.ts';

const body = (code: ErrorCode, message: string, fields?: Record<string, string>): ErrorBody => ({
  error: { code, message, ...(fields ? { fields } : {}) },
});

/**
 * Headers of an error answered before the normal hooks ran (a malformed URL, a header too large for Node's
 * parser): the same protections as every other answer, for a JSON body that loads nothing.
 */
export const EDGE_HEADERS: Record<string, string> = {
  'content-type': 'application/json; charset=utf-8',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cache-control': 'no-store',
};

/** What a Fastify or Node error that is not ours means for the caller, in the contract's words. */
function fromFramework(err: FastifyError): { status: number; body: ErrorBody } | undefined {
  const status = err.statusCode ?? 500;
  if (status === 404) return { status, body: body('NOT_FOUND', '没有找到相关内容') };
  if (status === 405) return { status, body: body('METHOD_NOT_ALLOWED', '不支持的请求方法') };
  if (status === 413 || status === 414 || status === 431) {
    return { status, body: body('REQUEST_TOO_LARGE', '请求内容过长，请检查后重试') };
  }
  if (status === 429) return { status, body: body('RATE_LIMITED', '操作太频繁，请稍后再试') };
  // Malformed JSON, a wrong content type, a bad URL...
  if (status >= 400 && status < 500) return { status: 400, body: body('VALIDATION_FAILED', '请求格式不正确') };
  return undefined;
}

/**
 * Errors that never reach a route (a URL Fastify cannot decode, a path parameter over the router's limit):
 * answered in the contract's shape with the security headers.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  const answer = fromFramework(err) ?? { status: 400, body: body('VALIDATION_FAILED', '请求格式不正确') };
  return reply.code(answer.status).headers(EDGE_HEADERS).send(answer.body);
}

/** Errors Node's HTTP parser meets before Fastify sees a request: headers too large, an unknown method, garbage. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, answer] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, body('REQUEST_TOO_LARGE', '请求头过长，请清除浏览器缓存后重试')]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, body('VALIDATION_FAILED', '请求超时，请重试')]
        : err.code === 'HPE_INVALID_METHOD'
          ? [405, body('METHOD_NOT_ALLOWED', '不支持的请求方法')]
          : [400, body('VALIDATION_FAILED', '请求格式不正确')];
  if (socket.writable) {
    const json = JSON.stringify(answer);
    const headers = Object.entries({
      ...EDGE_HEADERS,
      'content-length': String(Buffer.byteLength(json)),
      connection: 'close',
    })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}\r\n${json}`);
  }
  socket.destroy();
}

/** The one error handler: every failure answers api.md's `{error: {code, message, fields?}}`, never a bare 500. */
export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      // A route may have set its own content type (the audit CSV) before failing: an error is always JSON.
      reply.removeHeader('content-disposition');
      reply.type('application/json; charset=utf-8');
      if (err instanceof DomainError) {
        return reply.status(STATUS_OF[err.code]).send(body(err.code, err.message, err.fields));
      }
      if (hasZodFastifySchemaValidationErrors(err)) {
        const fields: Record<string, string> = {};
        for (const v of err.validation) {
          const field =
            v.instancePath.replace(/^\//, '').split('/')[0] ||
            (v.params?.issue as { path?: string[] })?.path?.[0] ||
            '_';
          fields[field] ??= v.message ?? '格式不正确';
        }
        return reply.status(400).send(body('VALIDATION_FAILED', '提交的信息有误，请按提示修改', fields));
      }
      const known = fromFramework(err);
      if (known) return reply.status(known.status).send(known.body);
      req.log.error({ err }, 'unhandled error');
      return reply.status(500).send(body('INTERNAL', '系统繁忙，请稍后再试'));
    });

    app.setNotFoundHandler((_req, reply) => reply.status(404).send(body('NOT_FOUND', '没有找到相关内容')));
  },
  { name: 'error-handler' },
);
