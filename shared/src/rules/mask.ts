/**
 * Masking of personal data for display (domain rule 10). Masks keep the length, so a citizen can
 * still recognise "their" value, and reveal only the positions documented on each function.
 * Characters are counted as code points, so rare CJK names (outside the BMP) mask correctly.
 */

const stars = (n: number) => '*'.repeat(Math.max(0, n));

/**
 * '张晓梅' -> '**梅', '谭梅' -> '*梅'. A one-character name becomes '*': showing it whole would
 * reveal the full name, which masking exists to prevent.
 */
export function maskName(name: string): string {
  const chars = Array.from(name ?? '');
  if (chars.length <= 1) return stars(chars.length);
  return stars(chars.length - 1) + chars[chars.length - 1];
}

/** '1980-04-03' -> '1980-**-**': the year stays, every later digit is hidden. */
export function maskBirthDate(date: string): string {
  const s = date ?? '';
  return s.slice(0, 4) + s.slice(4).replace(/\d/g, '*');
}

/** '500105198004031829' -> '**************1829'. Values of 4 or fewer characters are hidden fully. */
export function maskIdNumber(id: string): string {
  const chars = Array.from(id ?? '');
  if (chars.length <= 4) return stars(chars.length);
  return stars(chars.length - 4) + chars.slice(-4).join('');
}

/**
 * '6214123456781234' -> '6214********1234'. Spaces are removed first. Longer than 8 characters:
 * first 4 and last 4 kept; 5 to 8: last 4 kept (first 4 + last 4 would show it all); 4 or fewer: all hidden.
 */
export function maskAccountNumber(accountNumber: string): string {
  const chars = Array.from((accountNumber ?? '').replace(/\s+/g, ''));
  const n = chars.length;
  if (n <= 4) return stars(n);
  if (n <= 8) return stars(n - 4) + chars.slice(-4).join('');
  return chars.slice(0, 4).join('') + stars(n - 8) + chars.slice(-4).join('');
}

/** '6214123456781234' -> '6214 1234 5678 1234'. Existing spaces are dropped; works on masked values too. */
export function groupDigits(value: string): string {
  const chars = Array.from((value ?? '').replace(/\s+/g, ''));
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += 4) groups.push(chars.slice(i, i + 4).join(''));
  return groups.join(' ');
}

const LONG_NUMBER = /[0-9０-９](?:[\s\-－]*[0-9０-９]){10,}(?:[\s\-－]*[XxＸｘ])?/g;
const toAscii = (s: string) => s.replace(/[０-９Ｘｘ]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

/**
 * Free text (a reason, an opinion, a bank's message) with a full ID or account number typed into it: every run of
 * 11 or more digits (spaces, hyphens and full-width digits included, an ID's final X too) keeps its first 4 and
 * last 4 and loses the rest, before the text is stored or shown anywhere.
 * '卡号 6212 5830 0018 2465 已销户' -> '卡号 6212********2465 已销户'.
 */
export function redactLongNumbers(text: string): string {
  return (text ?? '').replace(LONG_NUMBER, (run) => {
    const s = toAscii(run).replace(/[\s\-－]/g, '');
    return `${s.slice(0, 4)}${stars(s.length - 8)}${s.slice(-4)}`;
  });
}

/** '13800000101' -> '138****0101': a mobile number as a list shows it. */
export function maskMobile(mobile: string): string {
  const s = (mobile ?? '').replace(/\s+/g, '');
  return s.length < 8 ? stars(s.length) : `${s.slice(0, 3)}${stars(s.length - 7)}${s.slice(-4)}`;
}
