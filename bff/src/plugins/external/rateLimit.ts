import { createHash } from 'node:crypto';
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DataStore } from '../../db/database.ts';
import { rateLimited } from '../../lib/errors.ts';
import type { Clock } from '../../lib/time.ts';

/**
 * Fixed-window counters in the database (table rate_limits), so a limit holds across every BFF instance: ten
 * face logins a minute are ten whichever instance answers them. One upsert per limited request.
 */
/**
 * The row key of a counter. Keys carry request input (the QR poll's key has the ticket of the URL): anything but a
 * short printable ASCII key is stored as its hash, so no input can make the key unstorable (PostgreSQL refuses a NUL
 * in text: `/api/auth/qr-tickets/%00…` answered 500 before it ever reached validation).
 */
export const rowKey = (key: string) =>
  /^[\x20-\x7e]{1,200}$/.test(key) ? key : `sha256:${createHash('sha256').update(key).digest('base64url')}`;

function databaseStore(db: DataStore, clock: Clock, prefix = '') {
  const t = db.schema.rateLimits;
  const store: FastifyRateLimitStore = {
    incr(key, callback, timeWindow) {
      const now = clock.now().getTime();
      const fresh = sql`${t.resetAt} <= ${now}`;
      db.unitOfWork((tx) =>
        tx
          .insert(t)
          .values({ key: rowKey(`${prefix}${key}`), hits: 1, resetAt: now + timeWindow })
          .onConflictDoUpdate({
            target: t.key,
            set: {
              hits: sql`case when ${fresh} then 1 else ${t.hits} + 1 end`,
              resetAt: sql`case when ${fresh} then ${now + timeWindow} else ${t.resetAt} end`,
            },
          })
          .returning({ hits: t.hits, resetAt: t.resetAt }),
      ).then(
        ([row]) => callback(null, { current: row.hits, ttl: Math.max(0, row.resetAt - now) }),
        (err: Error) => callback(err),
      );
    },
    // One counter per route: the route's own limit counts only its own requests.
    child: (params) => {
      const route = (params as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      return databaseStore(db, clock, `${[route?.method].flat().join(',')} ${route?.url ?? ''}|`);
    },
  };
  return store;
}

/** Off globally; routes that need a limit say so in their config. */
export default fp(
  async (app: FastifyInstance) => {
    const store = databaseStore(app.db, app.clock);
    await app.register(rateLimit, {
      global: false,
      store: function DatabaseStore() {
        return store;
      } as unknown as new () => FastifyRateLimitStore,
      errorResponseBuilder: () => rateLimited(),
    });
  },
  { name: 'rate-limit', dependencies: ['db', 'config'] },
);
