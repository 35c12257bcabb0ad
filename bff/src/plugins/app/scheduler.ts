import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../lib/errors.ts';

/** Asia/Shanghai is UTC+8 all year (no daylight saving time). */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** "HH:MM" (00:00-23:59) -> minutes after midnight; undefined when malformed. */
export function parseDailyTime(hhmm: string): { hours: number; minutes: number } | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim());
  return m ? { hours: Number(m[1]), minutes: Number(m[2]) } : undefined;
}

/** The next moment strictly after `now` at which the clock in Asia/Shanghai reads `hhmm`. */
export function nextRunAt(now: Date, hhmm: string): Date {
  const time = parseDailyTime(hhmm);
  if (!time) throw new Error(`validation schedule must be "HH:MM" (Asia/Shanghai), got "${hhmm}"`);
  // Shift into Shanghai wall-clock time, take today's date there, set the time, shift back.
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  let at =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), time.hours, time.minutes) -
    SHANGHAI_OFFSET_MS;
  if (at <= now.getTime()) at += 24 * 3600 * 1000;
  return new Date(at);
}

/**
 * The daily validation run (issue 6) at config.validationSchedule, Asia/Shanghai, then the purge of long-expired
 * sessions and QR tickets; an empty schedule disables both.
 * One timer to the next occurrence, re-armed after each run; armed when the app is ready, cleared on close, where
 * a run still going is asked to stop after its current batch (it is recorded as failed and resumable).
 */
export default fp(async (app: FastifyInstance) => {
  const schedule = app.ctx.config.validationSchedule.trim();
  // A malformed schedule is a configuration mistake: fail at start, not silently at 02:00.
  if (schedule !== '' && !parseDailyTime(schedule)) {
    throw new Error(`YKT_VALIDATION_SCHEDULE must be "HH:MM" (Asia/Shanghai) or empty, got "${schedule}"`);
  }
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // The time the last firing was meant for: the next one is strictly after it, even if the timer fired a
  // little early or the run ended within the same minute.
  let lastTarget: Date | undefined;

  const arm = () => {
    if (closed || schedule === '') return;
    const now = app.ctx.clock.now();
    const from = lastTarget && lastTarget > now ? lastTarget : now;
    const at = nextRunAt(from, schedule);
    lastTarget = at;
    timer = setTimeout(fire, Math.max(0, at.getTime() - now.getTime()));
    timer.unref();
    app.log.info({ nextRunAt: at.toISOString() }, 'validation run scheduled');
  };

  async function fire() {
    timer = undefined;
    try {
      const run = await app.services.validationRuns.start('schedule', { type: 'system', id: 'scheduler' });
      app.log.info({ run }, 'scheduled validation run finished');
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION_RUN_IN_PROGRESS') {
        app.log.warn('scheduled validation run skipped: another run is in progress');
      } else {
        app.log.error({ err }, 'scheduled validation run failed');
      }
    } finally {
      const { sessions, qrLogin } = app.services;
      app.log.info({ sessions: sessions.purgeExpired(), qrTickets: qrLogin.purgeExpired() }, 'expired rows purged');
      arm();
    }
  }

  app.addHook('onReady', async () => arm());
  // preClose: before the database is closed (onClose), so a stopping run can still record itself.
  app.addHook('preClose', async () => {
    closed = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    await app.services.validationRuns.shutdown();
  });
});
