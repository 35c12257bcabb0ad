import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  groupDigits,
  maskAccountNumber,
  maskBirthDate,
  maskIdNumber,
  maskMobile,
  maskName,
  redactLongNumbers,
} from '../src/rules/index.ts';
import { digits } from './helpers.ts';

const cps = (s: string) => Array.from(s);

/** Output has the input's length; kept positions equal the input, every other position is '*'. */
function expectMasked(input: string, output: string, kept: (i: number, n: number) => boolean) {
  const a = cps(input);
  const b = cps(output);
  expect(b.length).toBe(a.length);
  b.forEach((ch, i) => {
    expect(ch).toBe(kept(i, a.length) ? a[i] : '*');
  });
}

describe('masks: examples', () => {
  it('names', () => {
    expect(maskName('谭梅')).toBe('*梅');
    expect(maskName('张晓梅')).toBe('**梅');
    expect(maskName('欧阳娜娜')).toBe('***娜');
    expect(maskName('梅')).toBe('*'); // one character: fully hidden
    expect(maskName('')).toBe('');
    expect(maskName('𠀾梅')).toBe('*梅'); // astral CJK character counts as one
  });
  it('birth date', () => {
    expect(maskBirthDate('1980-04-03')).toBe('1980-**-**');
  });
  it('ID number', () => {
    expect(maskIdNumber('500105198004031829')).toBe('**************1829');
    expect(maskIdNumber('11010519491231002X')).toBe('**************002X');
    expect(maskIdNumber('1234')).toBe('****');
  });
  it('account number', () => {
    expect(maskAccountNumber('6214123456781234')).toBe('6214********1234');
    expect(maskAccountNumber('6214 1234 5678 1234')).toBe('6214********1234');
    expect(maskAccountNumber('123456789')).toBe('1234*6789');
    expect(maskAccountNumber('12345678')).toBe('****5678');
    expect(maskAccountNumber('12345')).toBe('*2345');
    expect(maskAccountNumber('1234')).toBe('****');
  });
  it('groupDigits', () => {
    expect(groupDigits('6214123456781234')).toBe('6214 1234 5678 1234');
    expect(groupDigits('6228480000000000018')).toBe('6228 4800 0000 0000 018');
    expect(groupDigits(maskAccountNumber('6214123456781234'))).toBe('6214 **** **** 1234');
    expect(groupDigits(' 6214 12345678 1234 ')).toBe('6214 1234 5678 1234');
    expect(groupDigits('')).toBe('');
  });
});

describe('masks: properties', () => {
  const anyText = fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !s.includes('*'));

  it('maskName shows only the last character, and only when there are 2 or more', () => {
    fc.assert(fc.property(anyText, (s) => expectMasked(s, maskName(s), (i, n) => n >= 2 && i === n - 1)));
  });

  it('maskIdNumber shows only the last 4, and only when longer than 4', () => {
    fc.assert(fc.property(anyText, (s) => expectMasked(s, maskIdNumber(s), (i, n) => n > 4 && i >= n - 4)));
  });

  it('maskAccountNumber shows first 4 + last 4 when longer than 8, else the last 4 when longer than 4', () => {
    fc.assert(
      fc.property(digits(0, 32), (s) =>
        expectMasked(
          s,
          maskAccountNumber(s),
          (i, n) => (n > 8 && (i < 4 || i >= n - 4)) || (n > 4 && n <= 8 && i >= n - 4),
        ),
      ),
    );
  });

  it('maskAccountNumber never shows more than 8 digits, nor all digits of a short number', () => {
    fc.assert(
      fc.property(digits(0, 32), (s) => {
        const shown = cps(maskAccountNumber(s)).filter((c) => c !== '*').length;
        expect(shown).toBeLessThanOrEqual(Math.min(8, Math.max(0, s.length - 1)));
      }),
    );
  });

  it('maskBirthDate keeps the year and hides month and day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60000 }), (day) => {
        const d = new Date(Date.UTC(1900, 0, 1) + day * 86400000).toISOString().slice(0, 10);
        expectMasked(d, maskBirthDate(d), (i) => i < 4 || d[i] === '-');
      }),
    );
  });

  it('groupDigits: removing the spaces gives the input back; groups are 4 long, the last 1-4', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789*'), maxLength: 40 }), (s) => {
        const g = groupDigits(s);
        expect(g.replaceAll(' ', '')).toBe(s);
        expect(groupDigits(g)).toBe(g);
        const groups = g === '' ? [] : g.split(' ');
        groups.forEach((grp, i) => {
          if (i < groups.length - 1) expect(grp.length).toBe(4);
          else expect(grp.length).toBeGreaterThanOrEqual(1);
        });
      }),
    );
  });
});

describe('redactLongNumbers: free text never keeps a full ID or account number', () => {
  it('examples', () => {
    expect(redactLongNumbers('卡号 6212 5830 0018 2465 已销户')).toBe('卡号 6212********2465 已销户');
    expect(redactLongNumbers('身份证500105198003191829，请核实')).toBe('身份证5001**********1829，请核实');
    expect(redactLongNumbers('证件 50024219520308046X')).toBe('证件 5002**********046X');
    expect(redactLongNumbers('全角６２１２５８３０００１８２４６５')).toBe('全角6212********2465');
    expect(redactLongNumbers('账号6222-0231-0002-5814-737')).toBe('账号6222***********4737');
    // Short numbers people write in opinions stay as they are: a date, an amount, a 10-digit run.
    expect(redactLongNumbers('2026年12月1日补发1234.56元，编号1234567890')).toBe(
      '2026年12月1日补发1234.56元，编号1234567890',
    );
    expect(redactLongNumbers('')).toBe('');
  });

  it('property: no run of 11 or more digits survives, and text without one is unchanged', () => {
    fc.assert(
      fc.property(fc.string(), digits(11, 30), fc.string(), (before, number, after) => {
        const out = redactLongNumbers(`${before}${number}${after}`);
        expect(out).not.toContain(number);
        expect(/[0-9]{11,}/.test(toPlain(out))).toBe(false);
      }),
    );
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[0-9０-９]/.test(s)),
        (s) => {
          expect(redactLongNumbers(s)).toBe(s);
        },
      ),
    );
  });
});

const toPlain = (s: string) => s.replace(/[\s\-－]/g, '');

describe('maskMobile', () => {
  it('keeps the first 3 and the last 4 digits', () => {
    expect(maskMobile('13800000101')).toBe('138****0101');
    expect(maskMobile('138 0000 0101')).toBe('138****0101');
    expect(maskMobile('12345')).toBe('*****');
  });
});
