import {
  CARD_TYPE_LABELS,
  formatChongqingTime,
  groupDigits,
  MUNICIPAL_CODE,
  PRODUCT_OWN_DISTRICT_CODES,
} from '@ykt/shared';

/** Times in Chongqing's time, whatever the PC's zone: '2023-07-17 14:59:20'. */
export const formatTime = (iso: string | null | undefined) => formatChongqingTime(iso);

/** The person's own 区县 first (by code), the municipal level (重庆市 500000) last: "江北区500105, 重庆市500000". */
export function sortDistricts<T extends { code: string }>(districts: readonly T[]): T[] {
  const rank = (code: string) => (code === MUNICIPAL_CODE ? 1 : 0);
  return [...districts].sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
}

/**
 * '江北区500105' as on the manual's 使用区县 line. The product's own codes (两江新区 ...) are not
 * GB/T 2260 codes and are never printed as if they were.
 */
export function districtWithCode(d: { code: string; name: string }): string {
  return PRODUCT_OWN_DISTRICT_CODES.has(d.code) ? d.name : `${d.name}${d.code}`;
}

/** '[500105] 江北区' as on the manual's request lists. */
export function districtBracketed(code: string, name: string): string {
  return PRODUCT_OWN_DISTRICT_CODES.has(code) ? name : `[${code}] ${name}`;
}

export function cardTypeLabel(cardType: string): string {
  return (CARD_TYPE_LABELS as Record<string, string>)[cardType] ?? cardType;
}

export const GENDER_LABELS: Record<string, string> = { female: '女', male: '男' };

/**
 * A masked account number as the BFF sends it ('6222***********4737') in readable groups:
 * '6222 **** **** *** 4737'. The visible ends stay whole so the person recognises their card.
 */
export function displayAccount(masked: string): string {
  const m = /^(\d*)(\*+)(\d*)$/.exec(masked.replace(/\s+/g, ''));
  if (!m) return groupDigits(masked);
  return [m[1], groupDigits(m[2]), m[3]].filter(Boolean).join(' ');
}
