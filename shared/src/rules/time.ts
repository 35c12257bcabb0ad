/** Chongqing keeps UTC+8 all year (no daylight saving), so a fixed offset is exact and needs no Intl time zones. */
const CHONGQING_OFFSET_MS = 8 * 3600 * 1000;

/**
 * '2023-07-17T06:59:20Z' -> '2023-07-17 14:59:20': a time as people in Chongqing read it, whatever the zone of
 * the phone, PC or server. Empty -> '—'; anything unreadable is shown as it came.
 */
export function formatChongqingTime(iso: string | null | undefined, opts: { seconds?: boolean } = {}): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const local = new Date(t + CHONGQING_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, opts.seconds === false ? 16 : 19)}`;
}
