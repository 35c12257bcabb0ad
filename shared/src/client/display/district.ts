import { MUNICIPAL_CODE, PRODUCT_OWN_DISTRICT_CODES } from '../../reference/districts.ts';

export interface DistrictLike {
  code: string;
  name: string;
}

/** A district for display: its name, and its code apart (so a page can set it in smaller type). */
export interface DistrictLabel {
  name: string;
  /**
   * The GB/T 2260 code, as the manual prints it next to the name; undefined for the product's own codes
   * (两江新区, 西部科学城重庆高新区, 万盛经开区), which are not official codes and are never shown as if they were.
   */
  code?: string;
}

export function districtLabel(d: DistrictLike): DistrictLabel {
  return PRODUCT_OWN_DISTRICT_CODES.has(d.code) ? { name: d.name } : { name: d.name, code: d.code };
}

/** '[500105] 江北区', as the manual's 区县列表 and request lists print it; '两江新区' for a product-own code. */
export function districtBracketed(d: DistrictLike): string {
  const { name, code } = districtLabel(d);
  return code ? `[${code}] ${name}` : name;
}

/** '江北区500105', as the manual's 使用区县 line prints it; '两江新区' for a product-own code. */
export function districtWithCode(d: DistrictLike): string {
  const { name, code } = districtLabel(d);
  return code ? `${name}${code}` : name;
}

/** '江北区（500105）', for pickers where the code helps tell districts apart. */
export function districtWithCodeInParens(d: DistrictLike): string {
  const { name, code } = districtLabel(d);
  return code ? `${name}（${code}）` : name;
}

/** The person's own 区县 first (by code), the municipal level (重庆市 500000) last. */
export function sortDistricts<T extends DistrictLike>(districts: readonly T[]): T[] {
  const rank = (code: string) => (code === MUNICIPAL_CODE ? 1 : 0);
  return [...districts].sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
}

/** '江北区、重庆市': the names of a card's districts, the person's own first, the municipal level last. */
export function districtNames(districts: readonly DistrictLike[]): string {
  return sortDistricts(districts)
    .map((d) => d.name)
    .join('、');
}
