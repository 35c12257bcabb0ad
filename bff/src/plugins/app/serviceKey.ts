import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../../lib/errors.ts';
import type { Actor } from '../../services/index.ts';

/** The header the 一卡通 system sends its service credential in. */
export const SERVICE_KEY_HEADER = 'x-ykt-service-key';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * onRequest hook for system-to-system calls of the 一卡通 system (上卡失败 reports, payment batches): the request
 * must carry the configured service key (YKT_SERVICE_KEY). Without a configured key the calls are refused
 * altogether. Compared in constant time (over SHA-256 digests, so the length does not leak either).
 */
export function requireServiceKey(configuredKey: string | undefined) {
  const expected = configuredKey ? digest(configuredKey) : undefined;
  return async (req: FastifyRequest) => {
    const given = req.headers[SERVICE_KEY_HEADER];
    if (!expected || typeof given !== 'string' || given === '' || !timingSafeEqual(digest(given), expected)) {
      throw unauthenticated('缺少或无效的服务凭证');
    }
  };
}

/** The audit actor of a call authenticated by the service key. */
export const serviceActor = (req: FastifyRequest): Actor => ({ type: 'system', id: 'ykt-system', ip: req.ip });
