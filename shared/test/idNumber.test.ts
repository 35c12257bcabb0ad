import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_CARD_AREA_CODES } from '../src/reference/index.ts';
import { ID_MESSAGES, idCheckDigit, parseIdNumber } from '../src/rules/index.ts';
import { changeDigit, digits } from './helpers.ts';

const TODAY = new Date(2024, 5, 15); // 2024-06-15 local time

describe('idCheckDigit', () => {
  it('computes the GB 11643 standard example by hand', () => {
    // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 -> 'X'
    expect(idCheckDigit('11010519491231002')).toBe('X');
    // 5·7+0+0+1·5+0+5·4+1·2+9·1+8·6+0+0+4·9+0+3·5+1·8+8·4+2·2 = 214; 214 mod 11 = 5 -> '7'
    expect(idCheckDigit('50010519800403182')).toBe('7');
  });

  it('refuses input that is not 17 digits', () => {
    expect(() => idCheckDigit('1101051949123100')).toThrow();
    expect(() => idCheckDigit('1101051949123100X')).toThrow();
  });

  it('property: every single-digit change in the first 17 changes the check character', () => {
    fc.assert(
      fc.property(
        digits(17, 17),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (first17, pos, shift) => {
          expect(idCheckDigit(changeDigit(first17, pos, shift))).not.toBe(idCheckDigit(first17));
        },
      ),
    );
  });
});

describe('parseIdNumber', () => {
  it('reads a valid ID', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      gender: 'female',
      areaCode: '110105',
    });
    expect(parseIdNumber('500105198004031827', TODAY)).toEqual({
      ok: true,
      birthDate: '1980-04-03',
      gender: 'female',
      areaCode: '500105',
    });
    // Old 梁平县 code, male (17th digit 3)
    expect(parseIdNumber('500228197001011236', TODAY)).toMatchObject({ ok: true, gender: 'male', areaCode: '500228' });
  });

  it('accepts lowercase x and surrounding spaces', () => {
    expect(parseIdNumber(' 11010519491231002x ', TODAY)).toMatchObject({ ok: true });
  });

  it.each([
    ['', '请输入身份证号'],
    ['11010519491231002', '身份证号应为18位'],
    ['11010519491231002XX', '身份证号应为18位'],
    ['1101051949123100X2', '身份证号应为17位数字加最后1位数字或X'],
    ['11010519491231002Y', '身份证号应为17位数字加最后1位数字或X'],
    ['500105198004031829', '身份证号校验位不正确'],
    ['990105198004031827', '身份证号地区码不正确'],
    ['500199198004031827', '身份证号地区码不正确'], // not a Chongqing code
    ['500190198004031827', '身份证号地区码不正确'], // product-own 两江新区 code is not an ID code
    ['500105198002301827', '身份证号中的出生日期不正确'], // 30 Feb
    ['500105198013011827', '身份证号中的出生日期不正确'], // month 13
    ['500105189912311827', '身份证号中的出生日期不正确'], // before 1900
    ['500105202406161827', '身份证号中的出生日期不正确'], // tomorrow
  ])('rejects %j with %s', (id, message) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, message });
  });

  it('accepts 29 Feb of a leap year and a birth today', () => {
    const first = (d: string) => `500105${d}182`;
    for (const d of ['20000229', '20240615']) {
      const id = first(d) + idCheckDigit(first(d));
      expect(parseIdNumber(id, TODAY)).toMatchObject({ ok: true });
    }
    const notLeap = first('19000229');
    expect(parseIdNumber(notLeap + idCheckDigit(notLeap), TODAY)).toEqual({
      ok: false,
      message: ID_MESSAGES.birthDate,
    });
  });

  const validParts = fc.record({
    area: fc.constantFrom(...ID_CARD_AREA_CODES, '110105', '510107', '830000'),
    day: fc.integer({ min: 0, max: Math.floor((TODAY.getTime() - Date.UTC(1900, 0, 1)) / 86400000) - 1 }),
    seq: digits(3, 3),
  });

  it('property: a generated ID round-trips (birth date, gender, area)', () => {
    fc.assert(
      fc.property(validParts, ({ area, day, seq }) => {
        const birth = new Date(Date.UTC(1900, 0, 1) + day * 86400000).toISOString().slice(0, 10);
        const first17 = area + birth.replaceAll('-', '') + seq;
        const result = parseIdNumber(first17 + idCheckDigit(first17), TODAY);
        expect(result).toEqual({
          ok: true,
          birthDate: birth,
          gender: Number(seq[2]) % 2 === 1 ? 'male' : 'female',
          areaCode: area,
        });
      }),
    );
  });

  it('property: a wrong check character is always refused', () => {
    fc.assert(
      fc.property(validParts, fc.constantFrom(...'0123456789X'), ({ area, seq }, check) => {
        const first17 = `${area}19800403${seq}`;
        fc.pre(check !== idCheckDigit(first17));
        expect(parseIdNumber(first17 + check, TODAY)).toEqual({ ok: false, message: ID_MESSAGES.checkDigit });
      }),
    );
  });
});
