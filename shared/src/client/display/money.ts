/**
 * An amount in 分 (integer cents, as the BFF keeps money) as '¥1,234.56'; negative amounts as '-¥1,234.56'.
 * Whole numbers only: anything else is a bug upstream, so it throws rather than show a wrong sum.
 */
export function formatMoney(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatMoney: whole 分 expected, got ${fen}`);
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}¥${yuan}.${cents}`;
}
