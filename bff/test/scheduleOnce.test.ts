/**
 * Found by the two-instance campaign (campaigns/twoInstances.test.ts): every instance fires the nightly run, and
 * the database let only one run at a time go — not one per night. An instance that fired late (paused, busy) after
 * the other's run had ended started a second run of the same night. Now a scheduled start names its occurrence and
 * is refused when that occurrence has its run; a manual run in between does not count, the next night runs.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/lib/errors.ts';
import { useTestEnv } from './helpers.ts';

const env = useTestEnv();
const SYSTEM = { type: 'system' as const, id: 'test' };

describe('one scheduled run per occurrence, whichever instance fires it and when', () => {
  it('refuses a second scheduled start for the same night, even after the first ended; the next night runs', async () => {
    const runs = env.app.services.validationRuns;
    const night = new Date(env.app.clock.now().getTime() - 1000);
    const first = await runs.start('schedule', SYSTEM, {}, { occurrence: night });
    expect(first.status).toBe('completed');

    // The late instance: the first run has ended, nothing is running, and still no second run for this night.
    const late = runs.start('schedule', SYSTEM, {}, { occurrence: night });
    await expect(late).rejects.toBeInstanceOf(DomainError);
    await expect(late).rejects.toMatchObject({
      code: 'VALIDATION_RUN_IN_PROGRESS',
      message: '本次定时验证已由其他服务实例执行',
    });

    // A caseworker's manual run is another matter, before or after.
    const token = await env.loginCaseworker('chongqing');
    const manual = await env.app.inject({
      method: 'POST',
      url: '/api/review/validation-runs',
      headers: env.auth(token),
    });
    expect(manual.statusCode, manual.body).toBe(200);
    expect(manual.json().trigger).toBe('manual');

    // The next night's occurrence has its own run.
    const next = await runs.start('schedule', SYSTEM, {}, { occurrence: new Date(night.getTime() + 24 * 3600_000) });
    expect(next.status).toBe('completed');
    const list = await env.app.inject({ url: '/api/review/validation-runs', headers: env.auth(token) });
    expect(list.json().items.map((r: { trigger: string }) => r.trigger)).toEqual(['schedule', 'manual', 'schedule']);
  });
});
