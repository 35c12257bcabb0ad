import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { validationFailed } from '../../lib/errors.ts';

const MAX_DEPTH = 32;

/** The top-level field of `value` holding a NUL character (in a string or a key), or undefined. */
function fieldWithNul(value: unknown, field: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? field : undefined;
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const name = depth === 0 ? k : field;
    if (k.includes('\u0000')) return depth === 0 ? '_' : field;
    const found = fieldWithNul(v, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * No text a person types contains a NUL character, and PostgreSQL refuses one in any text value (error 22021): a
 * `%00` in a path, a query or a JSON string answered 500, and in the audit CSV's query it broke the stream. Refused
 * here, for every route and both databases, as the bad input it is (400 VALIDATION_FAILED naming the field).
 */
export default fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (req: FastifyRequest) => {
      for (const part of [req.params, req.query, req.body]) {
        const field = fieldWithNul(part, '_');
        if (field) throw validationFailed({ [field]: '包含无法识别的字符，请检查后重新输入' });
      }
    });
  },
  { name: 'input-hygiene' },
);
