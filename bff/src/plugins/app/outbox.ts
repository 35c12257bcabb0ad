import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Sends the outbox every config.outboxIntervalMs on every instance (claims are leased, so instances share the work
 * without sending anything twice). A pass never overlaps the previous one; close waits for the pass under way.
 */
export default fp(
  async (app: FastifyInstance) => {
    const every = app.config.outboxIntervalMs;
    if (every === 0) return;
    let timer: NodeJS.Timeout | undefined;
    let pass: Promise<void> | undefined;
    let closed = false;

    const tick = () => {
      pass = app.services.outbox
        .deliver()
        .then((outcome) => {
          if (outcome.sent + outcome.retry + outcome.failed + outcome.skipped > 0) app.log.info(outcome, 'outbox pass');
        })
        .catch((err) => app.log.error({ err }, 'outbox pass failed'))
        .finally(() => {
          pass = undefined;
          if (!closed) timer = setTimeout(tick, every).unref();
        });
    };
    app.addHook('onReady', async () => {
      timer = setTimeout(tick, every).unref();
    });
    app.addHook('preClose', async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await pass;
    });
  },
  { name: 'outbox', dependencies: ['config', 'services'] },
);
