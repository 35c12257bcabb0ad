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
