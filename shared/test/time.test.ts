import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatChongqingTime } from '../src/rules/time.ts';

describe('formatChongqingTime', () => {
  it('shows UTC times in Chongqing time (UTC+8), across a date line', () => {
    expect(formatChongqingTime('2023-07-17T06:59:20Z')).toBe('2023-07-17 14:59:20');
    expect(formatChongqingTime('2026-11-28T18:30:00.000Z')).toBe('2026-11-29 02:30:00');
    expect(formatChongqingTime('2026-11-28T18:30:00+08:00', { seconds: false })).toBe('2026-11-28 18:30');
  });

  it('says — for nothing and keeps what it cannot read', () => {
    expect(formatChongqingTime(null)).toBe('—');
    expect(formatChongqingTime('')).toBe('—');
    expect(formatChongqingTime('昨天')).toBe('昨天');
  });

  it('property: the shown wall time is exactly 8 hours ahead of UTC', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), (d) => {
        const shown = formatChongqingTime(d.toISOString());
        const back = Date.parse(`${shown.replace(' ', 'T')}Z`) - 8 * 3600 * 1000;
        expect(back).toBe(Math.floor(d.getTime() / 1000) * 1000);
      }),
    );
  });
});
