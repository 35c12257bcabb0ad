/**
 * Synthetic people at Chongqing scale, derived, never stored: person `i` of a seed is a pure function
 * of (seed, i), and the inverse (from an ID or account number back to `i`) is a few arithmetic steps. The scale
 * generator writes them into the BFF's database; the sandbox answers for them (face verification's mobile, the
 * bank's verify and status) without holding a million entries in memory.
 *
 * How `i` is encoded:
 * - ID number: the slots (district, birth year, day, gender, 顺序码) form one numbered space; a keyed permutation
 *   (Feistel network with cycle walking) maps `i` to a slot, so people are spread at random and each slot has at
 *   most one person. The number of 顺序码 per day in a (district, year) is proportional to the district's rural
 *   population and the year's share of beneficiaries, so a uniform slot is a weighted person. Generated people
 *   use 顺序码 500-999 only: the demo people (below 500) can never collide with them.
 * - Account numbers: BIN + '7' + (19-digit cards: 3 filler digits) + 8 digits of a keyed permutation of
 *   2·i + k (k = 0 the 一卡通 account, 1 another own card) + Luhn digit. Demo and test cards never have '7' there.
 * Every inverse regenerates the person and compares, so only exact generated numbers are recognised.
 *
 * Everything is synthetic; mobile numbers look real but are made up (never hand them to a real SMS gateway).
 */
import { BINS } from '@ykt/shared';

export type ScaleSeed = string | number;

export interface ScaleAccount {
  accountNumber: string;
  bankCode: string;
  /** About 0.35% of 一卡通 accounts are closed and 0.15% frozen, so a validation run invalidates a few. */
  status: 'normal' | 'closed' | 'frozen';
  /** 'current': the 一卡通 account paid into for all `districts`; 'spare': another own card, to change to. */
  role: 'current' | 'spare';
}

export interface ScalePerson {
  i: number;
  name: string;
  idNumber: string;
  gender: 'male' | 'female';
  /** YYYY-MM-DD, as in the ID number. */
  birthDate: string;
  /** Synthetic 11-digit mobile number, unique per person. */
  mobile: string;
  /** 1-3 district codes whose subsidies go to the current account; the home district (the ID's area) first. */
  districts: string[];
  /** [current, spare]. */
  accounts: ScaleAccount[];
}

// ---------------------------------------------------------------------------------------------------------------
// Districts weighted by rural population.
//
// Weights: agricultural (农业户口) registered population, 万人, end of 2007 = 年末总人口 − 非农业人口 of
// 重庆统计年鉴2008 表19-1 "各区县户数和人口" (registration statistics; tjj.cq.gov.cn/zwgk_233/tjnj/2008/19/19-1),
// mapped to today's districts (万盛区 -> 綦江区, 双桥区 -> 大足区, 县 -> 区 where renamed). For the districts of the
// two wings not legible in the copy consulted (垫江 … 巫溪; 黔江 … 彭水), the wing's agricultural total from the
// same table (渝东北翼 1070.55 − 174.08, 渝东南翼 computed as the city total minus both other areas) is split in
// proportion to the 2010 census resident population (六普, tjj.cq.gov.cn 表1-6 / citypopulation.de); the figures
// marked ≈ are from memory, not checked. Approximate by design: they only shape the distribution.
// ---------------------------------------------------------------------------------------------------------------

/** [code, 年末总人口, 非农业人口] (万人, 2007), one-hour economic sphere and the legible part of the north-east wing. */
const REGISTERED_2007: Array<[code: string, total: number, nonAgricultural: number]> = [
  ['500103', 60.16, 60.16], // 渝中区
  ['500104', 22.4, 17.24], // 大渡口区
  ['500105', 51.53, 44.12], // 江北区
  ['500106', 75.41, 57.09], // 沙坪坝区
  ['500107', 79.42, 57.77], // 九龙坡区
  ['500108', 56.63, 45.7], // 南岸区
  ['500109', 65.04, 30.46], // 北碚区
  ['500112', 92.73, 41.11], // 渝北区
  ['500113', 87.19, 28.04], // 巴南区
  ['500110', 26.77, 12.93], // 万盛区 (now part of 綦江区)
  ['500111', 4.92, 2.6], // 双桥区 (now part of 大足区)
  ['500102', 113.45, 32.62], // 涪陵区
  ['500115', 89.5, 20.56], // 长寿区
  ['500116', 147.67, 38.85], // 江津区
  ['500117', 153.29, 30.59], // 合川区
  ['500118', 109.5, 28.52], // 永川区
  ['500119', 65.75, 10.41], // 南川区
  ['500110', 95.08, 21.34], // 綦江县
  ['500152', 92.53, 11.65], // 潼南县
  ['500151', 81.73, 14.5], // 铜梁县
  ['500111', 94.39, 17.22], // 大足县
  ['500153', 82.75, 17.92], // 荣昌县
  ['500120', 61.99, 15.19], // 璧山县
  ['500101', 172.96, 49.86], // 万州区
  ['500155', 90.77, 11.45], // 梁平县
  ['500229', 23.89, 2.89], // 城口县
  ['500230', 81.78, 14.37], // 丰都县
];
const CITY_2007 = { total: 3235.32, nonAgricultural: 876.97 };
const ONE_HOUR_2007 = { total: 1809.83, nonAgricultural: 656.59 };
const NORTH_EAST_2007 = { total: 1070.55, nonAgricultural: 174.08 };
/** 2010 census resident population of the districts whose 2007 row was not legible. */
const CENSUS_2010: Record<'northEast' | 'southEast', Array<[code: string, people: number]>> = {
  northEast: [
    ['500231', 704_458], // 垫江县
    ['500233', 751_424], // 忠县
    ['500154', 1_160_336], // 开州区 (开县)
    ['500235', 912_900], // 云阳县 ≈
    ['500236', 834_259], // 奉节县
    ['500237', 495_072], // 巫山县
    ['500238', 414_100], // 巫溪县 ≈
  ],
  southEast: [
    ['500114', 445_012], // 黔江区
    ['500156', 351_038], // 武隆区
    ['500240', 415_050], // 石柱县
    ['500241', 501_600], // 秀山县 ≈
    ['500242', 578_100], // 酉阳县 ≈
    ['500243', 545_094], // 彭水县
  ],
};

/** District code -> weight (万 rural people). 渝中区 has none and is left out. */
export const DISTRICT_RURAL_WEIGHTS: ReadonlyMap<string, number> = (() => {
  const w = new Map<string, number>();
  const add = (code: string, v: number) => w.set(code, (w.get(code) ?? 0) + v);
  for (const [code, total, nonAgri] of REGISTERED_2007) add(code, total - nonAgri);
  const agri = (r: { total: number; nonAgricultural: number }) => r.total - r.nonAgricultural;
  const legibleNorthEast = ['500101', '500155', '500229', '500230'].reduce((s, c) => s + (w.get(c) ?? 0), 0);
  const southEast = agri(CITY_2007) - agri(ONE_HOUR_2007) - agri(NORTH_EAST_2007);
  const split = (rows: Array<[string, number]>, amount: number) => {
    const sum = rows.reduce((s, [, p]) => s + p, 0);
    for (const [code, p] of rows) add(code, (amount * p) / sum);
  };
  split(CENSUS_2010.northEast, agri(NORTH_EAST_2007) - legibleNorthEast);
  split(CENSUS_2010.southEast, southEast);
  for (const [code, v] of w) if (v <= 0) w.delete(code);
  return w;
})();

// ---------------------------------------------------------------------------------------------------------------
// Birth years: beneficiaries of farm and welfare subsidies are adults and mostly older (rough shares per decade).
// ---------------------------------------------------------------------------------------------------------------
const FIRST_YEAR = 1930;
const LAST_YEAR = 2006;
const DECADE_SHARE: Array<[from: number, to: number, share: number]> = [
  [1930, 1939, 4],
  [1940, 1949, 12],
  [1950, 1959, 22],
  [1960, 1969, 26],
  [1970, 1979, 18],
  [1980, 1989, 11],
  [1990, 2006, 7],
];
const yearWeight = (y: number) => {
  const [from, to, share] = DECADE_SHARE.find(([f, t]) => y >= f && y <= t) as [number, number, number];
  return share / (to - from + 1);
};

// ---------------------------------------------------------------------------------------------------------------
// The slot space of ID numbers.
// ---------------------------------------------------------------------------------------------------------------
const SEQ_BASE = 500;
/** 顺序码 per day and gender in the heaviest (district, year): 250 (500 numbers, 500-999). */
const SEQ_MAX = 250;

const AREAS = [...DISTRICT_RURAL_WEIGHTS.keys()].sort();
const AREA_INDEX = new Map(AREAS.map((c, k) => [c, k]));
const YEARS = LAST_YEAR - FIRST_YEAR + 1;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number) => (isLeap(y) ? 366 : 365);

/** Per block (area × year): 顺序码 pairs per day, first slot, slot count. */
const SLOTS = (() => {
  const maxW = Math.max(...DISTRICT_RURAL_WEIGHTS.values());
  let maxV = 0;
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) maxV = Math.max(maxV, yearWeight(y));
  const blocks = AREAS.length * YEARS;
  const perDay = new Int32Array(blocks);
  const start = new Float64Array(blocks + 1);
  let total = 0;
  for (let a = 0; a < AREAS.length; a++) {
    const w = (DISTRICT_RURAL_WEIGHTS.get(AREAS[a]) as number) / maxW;
    for (let yi = 0; yi < YEARS; yi++) {
      const b = a * YEARS + yi;
      const s = Math.max(1, Math.round(SEQ_MAX * w * (yearWeight(FIRST_YEAR + yi) / maxV)));
      perDay[b] = s;
      start[b] = total;
      total += s * 2 * daysIn(FIRST_YEAR + yi);
    }
  }
  start[blocks] = total;
  return { perDay, start, total, blocks };
})();

/** Slot of the first block whose start is <= x (binary search). */
function blockOf(x: number): number {
  let lo = 0;
  let hi = SLOTS.blocks - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (SLOTS.start[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Cumulative days before each month, per leap-ness. */
const MONTH_START = [false, true].map((leap) => {
  const len = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const out = [0];
  for (const l of len) out.push(out[out.length - 1] + l);
  return out;
});
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function dateOf(year: number, dayIdx: number): { ymd: string; iso: string } {
  const starts = MONTH_START[isLeap(year) ? 1 : 0];
  let m = 0;
  while (starts[m + 1] <= dayIdx) m++;
  const mm = pad2(m + 1);
  const dd = pad2(dayIdx - starts[m] + 1);
  return { ymd: `${year}${mm}${dd}`, iso: `${year}-${mm}-${dd}` };
}

function dayOfYear(year: number, month: number, day: number): number {
  return MONTH_START[isLeap(year) ? 1 : 0][month - 1] + day - 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Keyed hashing and permutations.
// ---------------------------------------------------------------------------------------------------------------

/** murmur3's 32-bit finaliser: a good avalanche for integer keys. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function seedKey(seed: ScaleSeed): number {
  // FNV-1a over the seed's text, then mixed.
  let h = 0x811c9dc5;
  const s = `ykt-scale:${seed}`;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return mix32(h >>> 0);
}

const ROUNDS = 6;

/** A keyed permutation of [0, domain): a balanced Feistel network on `bits` bits, cycle-walked into the domain. */
class Permutation {
  private readonly half: number;
  private readonly mask: number;
  private readonly keys: number[];
  constructor(
    key: number,
    readonly domain: number,
  ) {
    let bits = Math.max(2, Math.ceil(Math.log2(domain)));
    if (bits % 2 === 1) bits++;
    if (bits > 30) throw new RangeError('Permutation: domain too large');
    this.half = bits / 2;
    this.mask = (1 << this.half) - 1;
    this.keys = Array.from({ length: ROUNDS }, (_, r) => mix32(key + Math.imul(r + 1, 0x9e3779b9)));
  }
  private f(r: number, k: number): number {
    return mix32(r ^ k) & this.mask;
  }
  private enc(x: number): number {
    let l = x >>> this.half;
    let r = x & this.mask;
    for (let k = 0; k < ROUNDS; k++) {
      const t = r;
      r = l ^ this.f(r, this.keys[k]);
      l = t;
    }
    return (l << this.half) | r;
  }
  private dec(x: number): number {
    let l = x >>> this.half;
    let r = x & this.mask;
    for (let k = ROUNDS - 1; k >= 0; k--) {
      const t = l;
      l = r ^ this.f(l, this.keys[k]);
      r = t;
    }
    return (l << this.half) | r;
  }
  forward(x: number): number {
    let y = this.enc(x);
    while (y >= this.domain) y = this.enc(y);
    return y;
  }
  inverse(y: number): number {
    let x = this.dec(y);
    while (x >= this.domain) x = this.dec(x);
    return x;
  }
}

/** GB 11643 MOD 11-2 check character of 17 digits (shared's idCheckDigit without its input check: hot path). */
function idCheck(first17: string): string {
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (first17.charCodeAt(k) - 48) * ID_WEIGHTS[k];
  return '10X98765432'[sum % 11];
}
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Luhn check digit to append (shared's luhnCheckDigit without its input check: hot path). */
function luhnCheck(digits: string): string {
  let sum = 0;
  let double = true;
  for (let k = digits.length - 1; k >= 0; k--) {
    let d = digits.charCodeAt(k) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

// ---------------------------------------------------------------------------------------------------------------
// Names.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Common surnames with rough weights (per mille): the national ranking of 公安部户政管理研究中心's 2020 name report
 * for the top, with surnames frequent in Chongqing (谭, 冉, 向, 秦, 彭, 田, 熊, 廖, 文) given their local weight.
 */
const SURNAMES: Array<[string, number]> = [
  ['陈', 62],
  ['李', 62],
  ['刘', 55],
  ['王', 50],
  ['张', 48],
  ['杨', 32],
  ['黄', 24],
  ['周', 22],
  ['何', 20],
  ['罗', 20],
  ['吴', 17],
  ['谭', 16],
  ['唐', 15],
  ['邓', 14],
  ['赵', 13],
  ['徐', 12],
  ['冉', 11],
  ['向', 11],
  ['蒋', 11],
  ['胡', 11],
  ['彭', 11],
  ['曾', 10],
  ['秦', 10],
  ['田', 10],
  ['熊', 9],
  ['廖', 9],
  ['谢', 9],
  ['余', 9],
  ['郭', 8],
  ['马', 8],
  ['朱', 8],
  ['孙', 7],
  ['林', 7],
  ['高', 7],
  ['梁', 7],
  ['郑', 7],
  ['宋', 6],
  ['许', 6],
  ['韩', 6],
  ['冯', 6],
  ['曹', 6],
  ['袁', 6],
  ['肖', 6],
  ['董', 5],
  ['程', 5],
  ['文', 5],
  ['付', 5],
  ['卢', 5],
  ['叶', 5],
  ['杜', 5],
  ['夏', 5],
  ['汪', 4],
  ['任', 4],
  ['姚', 4],
  ['万', 4],
  ['潘', 4],
  ['龙', 4],
  ['侯', 4],
  ['贺', 4],
  ['石', 4],
  ['钟', 4],
  ['舒', 3],
  ['幸', 2],
  ['游', 3],
  ['况', 2],
  ['牟', 3],
  ['简', 2],
  ['甘', 2],
  ['雷', 4],
  ['陶', 3],
  ['魏', 4],
  ['蔡', 4],
  ['江', 3],
  ['苏', 3],
  ['丁', 3],
  ['白', 2],
  ['崔', 2],
  ['于', 2],
  ['邹', 3],
  ['左', 2],
  ['易', 3],
  ['黎', 3],
  ['代', 2],
  ['欧阳', 1],
  ['司马', 1],
];

const GIVEN = {
  male: {
    old: '建国 国华 德明 志明 玉山 光明 永福 世明 文华 德全 福贵 长寿 国庆 树林 家明 明德 绍华 正国 仕林 开明 大勇 金山 成才 朝贵 德贵 永昌 光荣 世才 光华 宗明'.split(
      ' ',
    ),
    mid: '建华 建军 卫东 勇 强 军 伟 平 刚 斌 华 明 波 红兵 小平 志强 文军 海涛 永红 国强 德勇 学军 洪 超 兵 建平 小军 云 林 涛'.split(
      ' ',
    ),
    young:
      '浩 宇 鹏 杰 磊 涛 俊 阳 帅 毅 浩然 宇航 子豪 俊杰 鑫 晨 博 凯 睿 文博 明轩 天佑 梓豪 家豪 思远 一鸣 浩宇 锐 川 渝'.split(
        ' ',
      ),
  },
  female: {
    old: '秀英 桂英 玉兰 淑珍 凤英 素芳 桂兰 秀兰 玉珍 翠兰 光英 学英 明秀 德秀 正芳 桂芳 菊英 淑英 玉华 兰英 素珍 秀珍 德芳 碧珍 世芳 泽英 清秀 长秀 素华 家英'.split(
      ' ',
    ),
    mid: '红 英 华 琴 芳 霞 燕 丽 敏 萍 莉 琼 春梅 小红 晓燕 红梅 丽华 亚玲 海燕 素琼 秀琼 晓琴 建英 利 梅 静 小琴 春燕 玲 蓉'.split(
      ' ',
    ),
    young:
      '静 婷 雪 丹 倩 洁 玲 颖 佳 琳 梦 欣 思雨 雨婷 佳怡 欣怡 诗琪 梓涵 雨欣 婉婷 小雨 晓雪 丽娟 雯 莎 露 娇 月 茜 瑶'.split(
        ' ',
      ),
  },
};

/** A weighted table as a cumulative array for picking with a uniform number in [0, 1). */
function weighted<T>(rows: Array<[T, number]>) {
  const items: T[] = [];
  const cum: number[] = [];
  let total = 0;
  for (const [item, w] of rows) {
    if (w <= 0) continue;
    total += w;
    items.push(item);
    cum.push(total);
  }
  return (u: number): T => {
    const target = u * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

const pickSurname = weighted(SURNAMES);
const pickDistrict = weighted([...DISTRICT_RURAL_WEIGHTS.entries()]);

// ---------------------------------------------------------------------------------------------------------------
// Banks and cards.
// ---------------------------------------------------------------------------------------------------------------

const MARKER = '7';

/**
 * Per bank, up to 4 UnionPay debit BINs (6 digits, starting 62, 16 or 19 digits) that no longer BIN of the same
 * card length extends: bankOfAccount (longest prefix) then names this bank for every number built on them.
 */
const BINS_BY_BANK: ReadonlyMap<string, Array<{ bin: string; length: number }>> = (() => {
  const out = new Map<string, Array<{ bin: string; length: number }>>();
  const candidates = BINS.filter((b) => b.bin.length === 6 && b.bin.startsWith('62') && [16, 19].includes(b.length));
  for (const c of [...candidates].sort((x, y) => x.bin.localeCompare(y.bin))) {
    const shadowed = BINS.some((o) => o.length === c.length && o.bin.length > 6 && o.bin.startsWith(c.bin));
    if (shadowed) continue;
    const list = out.get(c.bank) ?? [];
    if (list.length < 4) list.push({ bin: c.bin, length: c.length });
    out.set(c.bank, list);
  }
  return out;
})();

/** Banks without a usable BIN (e.g. 兴业's debit BINs are 18 digits) are left out of a table. */
const weightedBanks = (rows: Array<[string, number]>) => weighted(rows.filter(([bank]) => BINS_BY_BANK.has(bank)));

/** The 一卡通 account's bank (rural Chongqing: mostly 重庆农商行's social security and debit cards). */
const pickCurrentBank = weightedBanks([
  ['CRCBANK', 50],
  ['PSBC', 14],
  ['ABC', 10],
  ['CCB', 7],
  ['ICBC', 6],
  ['BOC', 4],
  ['CQBANK', 3],
  ['CCQTGB', 2],
  ['COMM', 2],
  ['CMB', 1],
  ['CIB', 1],
]);
/** Another card the person holds. */
const pickSpareBank = weightedBanks([
  ['CRCBANK', 30],
  ['ICBC', 13],
  ['CCB', 13],
  ['ABC', 12],
  ['PSBC', 11],
  ['BOC', 8],
  ['CQBANK', 4],
  ['COMM', 3],
  ['CMB', 3],
  ['CITIC', 1],
  ['CEB', 1],
  ['SPDB', 1],
]);

const ACCOUNT_DOMAIN = 100_000_000;
const MOBILE_DOMAIN = 100_000_000;
const MOBILE_PREFIXES =
  '139 137 136 135 134 150 151 152 157 158 159 182 183 187 188 130 131 132 155 156 185 186 133 153 180 181 189 177 199'.split(
    ' ',
  );
const pad8 = (n: number) => String(n).padStart(8, '0');

/** Hash streams: independent pseudo-random numbers per (seed, i, purpose). Card streams add 16 per card. */
const STREAM = {
  surname: 1,
  given: 2,
  districts: 4,
  extraDistrict: 5,
  currentBank: 6,
  spareBank: 7,
  bin: 8,
  filler: 9,
  status: 10,
  mobilePrefix: 11,
} as const;

/** Most people a seed can derive (bounded by the account permutation: 2 cards each in 10^8 numbers). */
export const SCALE_MAX_PEOPLE = Math.min(ACCOUNT_DOMAIN / 2, MOBILE_DOMAIN, SLOTS.total);

export interface ScaleWorld {
  readonly seed: ScaleSeed;
  person(i: number): ScalePerson;
  /** `i` of the generated person with this exact ID number, or undefined. */
  indexOfIdNumber(idNumber: string): number | undefined;
  /** `i` and account index (0 current, 1 spare) of this exact generated account number, or undefined. */
  indexOfAccount(accountNumber: string): { i: number; account: number } | undefined;
}

export function createScaleWorld(seed: ScaleSeed): ScaleWorld {
  const key = seedKey(seed);
  const ids = new Permutation(mix32(key ^ 0x1d), SLOTS.total);
  const cards = new Permutation(mix32(key ^ 0x2e), ACCOUNT_DOMAIN);
  const phones = new Permutation(mix32(key ^ 0x3f), MOBILE_DOMAIN);
  /** Uniform in [0, 1) for (i, stream). */
  const u = (i: number, stream: number) =>
    mix32(key ^ mix32(Math.imul(i, 0x9e3779b1) ^ Math.imul(stream, 0x85ebca77))) / 4294967296;

  function account(i: number, k: 0 | 1): ScaleAccount {
    const stream = k === 0 ? STREAM.currentBank : STREAM.spareBank;
    const bankCode = (k === 0 ? pickCurrentBank : pickSpareBank)(u(i, stream));
    const bins = BINS_BY_BANK.get(bankCode) as Array<{ bin: string; length: number }>;
    const { bin, length } = bins[Math.floor(u(i, STREAM.bin + k * 16) * bins.length)];
    const body = pad8(cards.forward(2 * i + k));
    const filler = length === 19 ? String(Math.floor(u(i, STREAM.filler + k * 16) * 1000)).padStart(3, '0') : '';
    const partial = bin + MARKER + filler + body;
    let status: ScaleAccount['status'] = 'normal';
    if (k === 0) {
      const s = u(i, STREAM.status);
      status = s < 0.0035 ? 'closed' : s < 0.005 ? 'frozen' : 'normal';
    }
    return { accountNumber: partial + luhnCheck(partial), bankCode, status, role: k === 0 ? 'current' : 'spare' };
  }

  function person(i: number): ScalePerson {
    if (!Number.isInteger(i) || i < 0 || i >= SCALE_MAX_PEOPLE) {
      throw new RangeError(`scalePerson: i must be an integer in [0, ${SCALE_MAX_PEOPLE})`);
    }
    const x = ids.forward(i);
    const b = blockOf(x);
    const area = AREAS[Math.floor(b / YEARS)];
    const year = FIRST_YEAR + (b % YEARS);
    const perDay = SLOTS.perDay[b];
    const o = x - SLOTS.start[b];
    const dayIdx = Math.floor(o / (2 * perDay));
    const r = o - dayIdx * 2 * perDay; // 2·s + g
    const male = (r & 1) === 1;
    const date = dateOf(year, dayIdx);
    const first17 = `${area}${date.ymd}${SEQ_BASE + r}`;
    const idNumber = first17 + idCheck(first17);

    const era = year < 1960 ? 'old' : year < 1980 ? 'mid' : 'young';
    const givenList = GIVEN[male ? 'male' : 'female'][era];
    const given = givenList[Math.floor(u(i, STREAM.given) * givenList.length)];
    const name = pickSurname(u(i, STREAM.surname)) + given;

    const districts = [area];
    const d = u(i, STREAM.districts);
    if (d < 0.15) districts.push('500000'); // municipal subsidies paid into the same card (like 谭梅's 重庆市)
    if (d < 0.03 || (d >= 0.15 && d < 0.2)) {
      const other = pickDistrict(u(i, STREAM.extraDistrict));
      if (!districts.includes(other)) districts.push(other);
    }

    const prefix = MOBILE_PREFIXES[Math.floor(u(i, STREAM.mobilePrefix) * MOBILE_PREFIXES.length)];
    return {
      i,
      name,
      idNumber,
      gender: male ? 'male' : 'female',
      birthDate: date.iso,
      mobile: prefix + pad8(phones.forward(i)),
      districts,
      accounts: [account(i, 0), account(i, 1)],
    };
  }

  function indexOfIdNumber(idNumber: string): number | undefined {
    const id = idNumber.trim().toUpperCase();
    if (!/^\d{17}[\dX]$/.test(id)) return undefined;
    const a = AREA_INDEX.get(id.slice(0, 6));
    const year = Number(id.slice(6, 10));
    const month = Number(id.slice(10, 12));
    const day = Number(id.slice(12, 14));
    const seq = Number(id.slice(14, 17));
    if (a === undefined || year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || seq < SEQ_BASE) {
      return undefined;
    }
    const dayIdx = dayOfYear(year, month, day);
    if (day < 1 || dayIdx >= MONTH_START[isLeap(year) ? 1 : 0][month]) return undefined;
    const b = a * YEARS + (year - FIRST_YEAR);
    const r = seq - SEQ_BASE;
    if (r >= 2 * SLOTS.perDay[b]) return undefined;
    const i = ids.inverse(SLOTS.start[b] + dayIdx * 2 * SLOTS.perDay[b] + r);
    if (i >= SCALE_MAX_PEOPLE) return undefined;
    return person(i).idNumber === id ? i : undefined;
  }

  function indexOfAccount(accountNumber: string): { i: number; account: number } | undefined {
    const n = accountNumber.trim();
    if (!/^\d{16}$|^\d{19}$/.test(n) || n[6] !== MARKER) return undefined;
    const z = cards.inverse(Number(n.slice(-9, -1)));
    const i = Math.floor(z / 2);
    const k = z % 2;
    if (i >= SCALE_MAX_PEOPLE) return undefined;
    return account(i, k as 0 | 1).accountNumber === n ? { i, account: k } : undefined;
  }

  return { seed, person, indexOfIdNumber, indexOfAccount };
}

let cached: ScaleWorld | undefined;
const worldOf = (seed: ScaleSeed) => {
  if (!cached || cached.seed !== seed) cached = createScaleWorld(seed);
  return cached;
};

/** Person `i` (0 <= i < SCALE_MAX_PEOPLE) of `seed`: the same answer everywhere, every time. */
export function scalePerson(seed: ScaleSeed, i: number): ScalePerson {
  return worldOf(seed).person(i);
}

/** `i` of the generated person whose ID number this is, or undefined (not generated by this seed). */
export function scaleIndexOfIdNumber(seed: ScaleSeed, idNumber: string): number | undefined {
  return worldOf(seed).indexOfIdNumber(idNumber);
}

/** `i` and account index of a generated account number, or undefined. */
export function scaleIndexOfAccount(
  seed: ScaleSeed,
  accountNumber: string,
): { i: number; account: number } | undefined {
  return worldOf(seed).indexOfAccount(accountNumber);
}

/** For tests and the README: the shares the district weights give (sum 1). */
export function districtShares(): Map<string, number> {
  const total = [...DISTRICT_RURAL_WEIGHTS.values()].reduce((s, v) => s + v, 0);
  return new Map([...DISTRICT_RURAL_WEIGHTS].map(([c, v]) => [c, v / total]));
}

/** Internal sizes, for tests. */
export const SCALE_INTERNALS = { slots: SLOTS.total, binsByBank: BINS_BY_BANK };
