import { formatChongqingTime } from '../../rules/time.ts';

/**
 * A time from the BFF (ISO 8601) as people in Chongqing read it, whatever the zone of the phone or PC:
 * '2023-07-17 14:59:20', or without seconds '2023-07-17 14:59'. Empty: '—'.
 */
export function formatTime(iso: string | null | undefined, { seconds = true }: { seconds?: boolean } = {}): string {
  return formatChongqingTime(iso, { seconds });
}
