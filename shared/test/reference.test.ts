import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, deriveBins, formatBinsJson, readSources } from '../scripts/derive-reference.ts';
import {
  BANKS,
  BINS,
  bankName,
  DISTRICTS,
  districtName,
  ID_CARD_AREA_CODES,
  isKnownBank,
  isKnownDistrict,
  PRODUCT_OWN_DISTRICT_CODES,
  PROVINCE_CODES,
} from '../src/reference/index.ts';

describe('districts', () => {
  it('starts with 重庆市, then 38 区县, then the 3 product-coded areas', () => {
    expect(DISTRICTS).toHaveLength(42);
    expect(DISTRICTS[0]).toEqual({ code: '500000', name: '重庆市' });
    expect(DISTRICTS.slice(-3)).toEqual([
      { code: '500190', name: '两江新区' },
      { code: '500191', name: '西部科学城重庆高新区' },
      { code: '500192', name: '万盛经开区' },
    ]);
    expect(new Set(DISTRICTS.map((d) => d.code)).size).toBe(42);
  });

  it('looks codes up', () => {
    expect(districtName('500105')).toBe('江北区');
    expect(districtName('500243')).toBe('彭水苗族土家族自治县');
    expect(districtName('500221')).toBeUndefined(); // historical: on IDs only
    expect(isKnownDistrict('500000')).toBe(true);
    expect(isKnownDistrict('500191')).toBe(true);
    expect(isKnownDistrict('510000')).toBe(false);
  });

  it('ID area codes: 38 current + 15 historical, never the product-own codes', () => {
    expect(ID_CARD_AREA_CODES.size).toBe(53);
    expect(ID_CARD_AREA_CODES.has('500000')).toBe(false);
    for (const c of PRODUCT_OWN_DISTRICT_CODES) expect(ID_CARD_AREA_CODES.has(c)).toBe(false);
    expect(PROVINCE_CODES.size).toBe(35);
    expect(PROVINCE_CODES.has('50') && PROVINCE_CODES.has('83') && !PROVINCE_CODES.has('24')).toBe(true);
  });
});

describe('banks', () => {
  it('has the 16 社保卡 partner banks with unique codes', () => {
    expect(BANKS).toHaveLength(16);
    expect(new Set(BANKS.map((b) => b.code)).size).toBe(16);
    expect(bankName('CRCBANK')).toBe('重庆农村商业银行');
    expect(bankName('GDB')).toBe('广发银行');
    expect(isKnownBank('CCQTGB')).toBe(true);
    expect(isKnownBank('boc')).toBe(false);
  });

  it('bins.json holds debit BINs of those banks only, each BIN/length once', () => {
    expect(BINS.length).toBeGreaterThan(300);
    for (const b of BINS) {
      expect(isKnownBank(b.bank), b.bank).toBe(true);
      expect(b.bin).toMatch(/^\d{3,10}$/);
      expect(b.length).toBeGreaterThanOrEqual(15);
      expect(b.length).toBeLessThanOrEqual(19);
    }
    expect(new Set(BINS.map((b) => `${b.bin}/${b.length}`)).size).toBe(BINS.length);
  });
});

// Cross-checks against the source files; they live outside the repository.
describe.skipIf(!existsSync(DEFAULT_DATA_DIR))('reference tables match their sources', () => {
  // Read in the tests, not here: a skipped describe still runs its body while collecting.
  const source = () => JSON.parse(readFileSync(path.join(DEFAULT_DATA_DIR, 'chongqing-districts.json'), 'utf8'));

  it('the 38 区县 are those of chongqing-districts.json, in code order', () => {
    const json = source();
    const fromJson = json.districts.map((d: { code: string; name: string }) => ({ code: d.code, name: d.name }));
    expect(DISTRICTS.slice(1, 39)).toEqual(fromJson);
    const sorted = [...fromJson].sort((a, b) => a.code.localeCompare(b.code));
    expect(fromJson).toEqual(sorted);
  });

  it('ID area codes are the current and historical codes of the json', () => {
    const json = source();
    const expected = new Set<string>([
      ...json.districts.map((d: { code: string }) => d.code),
      ...json.historicalCodesNotInCurrentList.codes.map((d: { code: string }) => d.code),
    ]);
    expect([...ID_CARD_AREA_CODES].sort()).toEqual([...expected].sort());
  });

  it('bank codes exist in bcbc name.csv with the same name (except GDB, renamed 广发银行)', () => {
    const { nameCsv } = readSources();
    const names = new Map(
      nameCsv
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(',') as [string, string]),
    );
    for (const b of BANKS) expect(b.code === 'GDB' ? '广发银行' : names.get(b.code), b.code).toBe(b.name);
    expect(names.get('GDB')).toBe('广东发展银行');
  });

  it('bins.json is up to date with bin.csv (re-run scripts/derive-reference.ts if not)', () => {
    const { binCsv, nameCsv } = readSources();
    const committed = readFileSync(new URL('../src/reference/bins.json', import.meta.url), 'utf8');
    expect(committed).toBe(formatBinsJson(deriveBins(binCsv, nameCsv)));
  });
});
