import Taro from '@tarojs/taro';
import { readString, STORAGE_KEYS, writeString } from './storage';

export const PAGES = {
  login: '/pages/login/index',
  card: '/pages/card/index',
  districts: '/pages/districts/index',
  change: '/pages/change/index',
  qrConfirm: '/pages/qr-confirm/index',
  payments: '/pages/payments/index',
} as const;

export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** Sends the person to face login; `back` (a page URL with query) is where they return afterwards. */
export function goToLogin(options: { back?: string; reason?: 'expired' | 'logout' | 'logout-all' } = {}): void {
  if (options.back) writeString(STORAGE_KEYS.afterLogin, options.back);
  const url = withQuery(PAGES.login, { reason: options.reason });
  void Taro.reLaunch({ url });
}

/** After a successful face login: back to where the person was going, else the card. */
export function leaveLogin(): void {
  const back = readString(STORAGE_KEYS.afterLogin);
  writeString(STORAGE_KEYS.afterLogin, '');
  void Taro.reLaunch({ url: back?.startsWith('/pages/') ? back : PAGES.card });
}

/** navigateBack when there is a page to go back to, else the card (H5 opened on a deep link). */
export function backOrHome(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: PAGES.card });
}
