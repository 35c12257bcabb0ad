import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../lib/errors.ts';

/** "HH:MM" (00:00-23:59), or "HH:MM:SS" (tests that cannot wait for a minute) -> the time; undefined when malformed. */
export function parseDailyTime(hhmm: string): { hours: number; minutes: number; seconds: number } | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(hhmm.trim());
  return m ? { hours: Number(m[1]), minutes: Number(m[2]), seconds: Number(m[3] ?? 0) } : undefined;
}

/** The daily "HH:MM" in Asia/Shanghai as a croner job (it only computes occurrences; the app's clock drives it). */
export function dailyJob(hhmm: string): Cron {
  const time = parseDailyTime(hhmm);
  if (!time) throw new Error(`validation schedule must be "HH:MM" (Asia/Shanghai), got "${hhmm}"`);
  return new Cron(`${time.seconds} ${time.minutes} ${time.hours} * * *`, { timezone: 'Asia/Shanghai', paused: true });
}

/** The next moment strictly after `now` at which the clock in Asia/Shanghai reads `hhmm`. */
export const nextRunAt = (now: Date, hhmm: string): Date => dailyJob(hhmm).nextRun(now) as Date;

/**
 * The nightly job at config.validationSchedule (Asia/Shanghai): the validation run, then housekeeping (expired
 * sessions, QR tickets, old login attempts and rate-limit rows); an empty schedule disables it. Every instance arms
 * it; the database lets exactly one run go per occurrence (a second start answers VALIDATION_RUN_IN_PROGRESS and is
 * skipped, also when it fires late, after the other instance's run ended).
 * The occurrences come from croner; the timer follows the app's clock, so tests can move time. Armed when the app
 * is ready, cleared on close, where a run still going stops after its current batch (failed, resumable).
 */
export default fp(
  async (app: FastifyInstance) => {
    const schedule = app.config.validationSchedule.trim();
    // A malformed schedule is a configuration mistake: fail at start, not silently at 02:00.
    if (schedule !== '' && !parseDailyTime(schedule)) {
      throw new Error(`YKT_VALIDATION_SCHEDULE must be "HH:MM" (Asia/Shanghai) or empty, got "${schedule}"`);
    }
    const job = schedule === '' ? undefined : dailyJob(schedule);
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    // The occurrence the last firing was meant for: the next one is strictly after it, even if the timer fired a
    // little early or the run ended within the same minute.
    let lastTarget: Date | undefined;

    const arm = () => {
      if (closed || !job) return;
      const now = app.clock.now();
      const at = job.nextRun(lastTarget && lastTarget > now ? lastTarget : now) as Date;
      lastTarget = at;
      timer = setTimeout(fire, Math.max(0, at.getTime() - now.getTime()));
      timer.unref();
      app.log.info({ nextRunAt: at.toISOString() }, 'validation run scheduled');
    };

    async function fire() {
      timer = undefined;
      const { validationRuns, sessions, qrLogin, caseworkers } = app.services;
      try {
        // The occurrence this firing is for: every instance fires for it, the database lets one run go.
        const run = await validationRuns.start(
          'schedule',
          { type: 'system', id: 'scheduler' },
          {},
          { occurrence: lastTarget },
        );
        app.log.info({ run }, 'scheduled validation run finished');
      } catch (err) {
        if (err instanceof DomainError && err.code === 'VALIDATION_RUN_IN_PROGRESS') {
          app.log.info(
            { reason: err.message },
            'scheduled validation run skipped: it is running, or ran for this time, here or on another instance',
          );
        } else {
          app.log.error({ err }, 'scheduled validation run failed');
        }
      } finally {
        try {
          const purged = {
            sessions: await sessions.purgeExpired(),
            qrTickets: await qrLogin.purgeExpired(),
            loginAttempts: await caseworkers.purgeOldAttempts(),
          };
          app.log.info(purged, 'expired rows purged');
        } catch (err) {
          app.log.error({ err }, 'purge failed');
        }
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
  },
  { name: 'scheduler', dependencies: ['config', 'services'] },
);
