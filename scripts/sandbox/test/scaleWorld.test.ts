/**
 * The derivation of generated people: valid, unique, weighted, invertible, fast. Checked with the
 * shared rules and independent check-digit code, over a sample of 200,000 people.
 */
import { bankOfAccount, ID_CARD_AREA_CODES, isKnownDistrict, parseIdNumber } from '@ykt/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createScaleWorld,
  DISTRICT_RURAL_WEIGHTS,
  demoBankAccounts,
  demoWorld,
  SCALE_MAX_PEOPLE,
  type ScalePerson,
  scaleIndexOfAccount,
  scaleIndexOfIdNumber,
  scalePerson,
} from '../src/index.ts';
import { districtShares } from '../src/scaleWorld.ts';
import { gb11643Valid, luhnValid } from './checkDigits.ts';

const SEED = 'test-seed-1';
const SAMPLE = 200_000;
const world = createScaleWorld(SEED);
let people: ScalePerson[] = [];
let rate = 0;

beforeAll(() => {
  people = new Array(SAMPLE);
  for (let i = 0; i < SAMPLE; i++) people[i] = world.person(i);
  // The rate as a generator streaming people to the database sees it: derive, use, drop.
  let chars = 0;
  const started = performance.now();
  for (let i = SAMPLE; i < 2 * SAMPLE; i++) chars += world.person(i).name.length;
  rate = SAMPLE / ((performance.now() - started) / 1000);
  expect(chars).toBeGreaterThan(SAMPLE);
  console.log(
    `scaleWorld: ${Math.round(rate).toLocaleString('en-US')} people/s (1,000,000 in ${(1e6 / rate).toFixed(1)} s)`,
  );
});

describe('scalePerson', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(scalePerson(SEED, 7)).toEqual(people[7]);
    expect(createScaleWorld(SEED).person(199_999)).toEqual(people[199_999]);
    expect(scalePerson('another-seed', 7).idNumber).not.toBe(people[7].idNumber);
    expect(scalePerson(42, 3)).toEqual(scalePerson('42', 3));
  });

  it('derives 1,000,000 people in well under a minute', () => {
    // Measured on 200,000 above; under the whole test run on 2 shared cores allow a wide margin.
    expect(1e6 / rate).toBeLessThan(20);
  });

  it('gives unique ID numbers, account numbers and mobile numbers over 200,000 people', () => {
    const ids = new Set(people.map((p) => p.idNumber));
    const cards = new Set(people.flatMap((p) => p.accounts.map((a) => a.accountNumber)));
    const mobiles = new Set(people.map((p) => p.mobile));
    expect(ids.size).toBe(SAMPLE);
    expect(cards.size).toBe(2 * SAMPLE);
    expect(mobiles.size).toBe(SAMPLE);
  });

  it('every ID number is valid GB 11643 with a current Chongqing area code, matching birth date and gender', () => {
    const today = new Date('2026-11-28T12:00:00+08:00');
    for (const p of people) {
      const parsed = parseIdNumber(p.idNumber, today);
      if (!parsed.ok || !gb11643Valid(p.idNumber)) throw new Error(`invalid ID of person ${p.i}: ${p.idNumber}`);
      if (parsed.birthDate !== p.birthDate || parsed.gender !== p.gender) throw new Error(`person ${p.i}`);
      if (!ID_CARD_AREA_CODES.has(parsed.areaCode) || p.districts[0] !== parsed.areaCode) {
        throw new Error(`area of person ${p.i}: ${p.idNumber}`);
      }
      const seq = Number(p.idNumber.slice(14, 17));
      if (seq < 500) throw new Error(`顺序码 below 500: ${p.idNumber}`);
    }
  });

  it('every card number passes Luhn, has 16 or 19 digits, and a BIN of its bank in bins.json', () => {
    for (const p of people) {
      for (const a of p.accounts) {
        const n = a.accountNumber;
        const ok = (n.length === 16 || n.length === 19) && luhnValid(n) && bankOfAccount(n)?.code === a.bankCode;
        if (!ok) throw new Error(`bad card of person ${p.i}: ${n} ${a.bankCode}`);
      }
    }
  });

  it('names are a common surname and a given name of the person’s generation; 1-3 known districts', () => {
    const byName = new Map<string, number>();
    for (const p of people) {
      byName.set(p.name, (byName.get(p.name) ?? 0) + 1);
      const ok =
        /^[\u4e00-\u9fa5]{2,4}$/.test(p.name) &&
        p.districts.length >= 1 &&
        p.districts.length <= 3 &&
        new Set(p.districts).size === p.districts.length &&
        p.districts.every(isKnownDistrict);
      if (!ok) throw new Error(`person ${p.i}: ${p.name} ${p.districts}`);
    }
    // Realistic: many different names, and the same common name shared by many people.
    expect(byName.size).toBeGreaterThan(5000);
    expect(Math.max(...byName.values())).toBeGreaterThan(20);
    const old = people.filter((p) => p.birthDate < '1950' && p.gender === 'female').map((p) => p.name);
    expect(old.some((n) => /(秀英|桂英|玉兰)$/.test(n))).toBe(true);
  });

  it('spreads people over districts by rural population, genders evenly, ages mostly over 40', () => {
    const count = new Map<string, number>();
    for (const p of people) count.set(p.districts[0], (count.get(p.districts[0]) ?? 0) + 1);
    const shares = districtShares();
    for (const [code, share] of shares) {
      if (share < 0.02) continue;
      const seen = (count.get(code) ?? 0) / SAMPLE;
      expect(Math.abs(seen - share) / share, `${code}: ${seen} vs ${share}`).toBeLessThan(0.15);
    }
    expect(count.get('500103') ?? 0).toBe(0); // 渝中区: no rural population
    expect(DISTRICT_RURAL_WEIGHTS.has('500103')).toBe(false);
    const women = people.filter((p) => p.gender === 'female').length / SAMPLE;
    expect(Math.abs(women - 0.5)).toBeLessThan(0.01);
    const over40 = people.filter((p) => p.birthDate < '1986').length / SAMPLE;
    expect(over40).toBeGreaterThan(0.75);
    const several = people.filter((p) => p.districts.length > 1).length / SAMPLE;
    expect(several).toBeGreaterThan(0.12);
    expect(several).toBeLessThan(0.3);
  });

  it('closes about 0.35% and freezes about 0.15% of 一卡通 accounts; spare cards stay normal', () => {
    const closed = people.filter((p) => p.accounts[0].status === 'closed').length / SAMPLE;
    const frozen = people.filter((p) => p.accounts[0].status === 'frozen').length / SAMPLE;
    expect(closed).toBeGreaterThan(0.0025);
    expect(closed).toBeLessThan(0.0045);
    expect(frozen).toBeGreaterThan(0.0008);
    expect(frozen).toBeLessThan(0.0022);
    expect(people.every((p) => p.accounts[1].status === 'normal' && p.accounts[1].role === 'spare')).toBe(true);
  });

  it('refuses an index outside [0, SCALE_MAX_PEOPLE)', () => {
    expect(() => scalePerson(SEED, -1)).toThrow(RangeError);
    expect(() => scalePerson(SEED, 1.5)).toThrow(RangeError);
    expect(() => scalePerson(SEED, SCALE_MAX_PEOPLE)).toThrow(RangeError);
    expect(SCALE_MAX_PEOPLE).toBeGreaterThanOrEqual(10_000_000);
    expect(scalePerson(SEED, SCALE_MAX_PEOPLE - 1).idNumber).toMatch(/^50\d{15}[\dX]$/);
  });
});

describe('inverse', () => {
  it('recovers i from every ID number and account number of the sample', () => {
    for (let i = 0; i < SAMPLE; i += 7) {
      const p = people[i];
      if (world.indexOfIdNumber(p.idNumber) !== i) throw new Error(`ID of ${i}`);
      const a = world.indexOfAccount(p.accounts[0].accountNumber);
      const b = world.indexOfAccount(p.accounts[1].accountNumber);
      if (a?.i !== i || a.account !== 0 || b?.i !== i || b.account !== 1) throw new Error(`accounts of ${i}`);
    }
    const p = people[123_456];
    expect(scaleIndexOfIdNumber(SEED, p.idNumber.toLowerCase())).toBe(123_456);
    expect(scaleIndexOfAccount(SEED, p.accounts[1].accountNumber)).toEqual({ i: 123_456, account: 1 });
    // Far beyond the sample: the inverse needs nothing stored.
    const far = scalePerson(SEED, 9_876_543);
    expect(scaleIndexOfIdNumber(SEED, far.idNumber)).toBe(9_876_543);
    expect(scaleIndexOfAccount(SEED, far.accounts[0].accountNumber)).toEqual({ i: 9_876_543, account: 0 });
  });

  it('knows nothing of the demo world, of other seeds, or of numbers near a generated one', () => {
    for (const p of demoWorld.people) expect(world.indexOfIdNumber(p.idNumber), p.idNumber).toBeUndefined();
    for (const a of [...demoBankAccounts(), ...demoWorld.testAccounts]) {
      expect(world.indexOfAccount(a.accountNumber), a.accountNumber).toBeUndefined();
    }
    const p = people[42];
    // Another seed is another world: a number is someone there only if that person has exactly this number.
    const other = createScaleWorld('other');
    for (const number of [p.idNumber, p.accounts[0].accountNumber]) {
      const asId = other.indexOfIdNumber(number);
      if (asId !== undefined) expect(other.person(asId).idNumber).toBe(number);
      const asCard = other.indexOfAccount(number);
      if (asCard) expect(other.person(asCard.i).accounts[asCard.account].accountNumber).toBe(number);
    }
    // Another 顺序码 of the same day (check digit fixed up) and another filler/BIN of the same body.
    const seq = Number(p.idNumber.slice(14, 17));
    const near17 = p.idNumber.slice(0, 14) + String(seq === 999 ? 997 : seq + 2);
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const check = '10X98765432'[weights.reduce((s, w, k) => s + w * Number(near17[k]), 0) % 11];
    const nearId = near17 + check;
    const nearOwner = world.indexOfIdNumber(nearId);
    if (nearOwner !== undefined) expect(scalePerson(SEED, nearOwner).idNumber).toBe(nearId);
    const n = p.accounts[0].accountNumber;
    expect(world.indexOfAccount(`${n.slice(0, 5)}${(Number(n[5]) + 1) % 10}${n.slice(6)}`)).toBeUndefined();
    expect(world.indexOfIdNumber('not an id')).toBeUndefined();
    expect(world.indexOfIdNumber('500105200002300001')).toBeUndefined(); // 2000-02-30
    expect(world.indexOfAccount('1234')).toBeUndefined();
  });
});
