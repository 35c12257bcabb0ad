import Taro from '@tarojs/taro';
import { goToLogin } from '../utils/nav';
import { readString, STORAGE_KEYS, writeString } from '../utils/storage';

/** The citizen's session token, kept in Taro storage with its expiry. */
export function getToken(): string {
  const token = readString(STORAGE_KEYS.token);
  const expiresAt = readString(STORAGE_KEYS.tokenExpiresAt);
  if (token && expiresAt && Date.parse(expiresAt) <= Date.now()) {
    clearSession();
    return '';
  }
  return token;
}

export function hasSession(): boolean {
  return getToken() !== '';
}

export function saveSession(token: string, expiresAt: string): void {
  writeString(STORAGE_KEYS.token, token);
  writeString(STORAGE_KEYS.tokenExpiresAt, expiresAt);
}

export function clearSession(): void {
  writeString(STORAGE_KEYS.token, '');
  writeString(STORAGE_KEYS.tokenExpiresAt, '');
}

/** The current page with its query, so face login can bring the person back to it. */
function currentPageUrl(): string | undefined {
  const pages = Taro.getCurrentPages();
  const page = pages[pages.length - 1];
  if (!page?.route) return undefined;
  const route = page.route.startsWith('/') ? page.route : `/${page.route}`;
  const query = Object.entries((page.options ?? {}) as Record<string, string>)
    .filter(([k]) => k !== '$taroTimestamp' && k !== 'stamp')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return query ? `${route}?${query}` : route;
}

let redirecting = false;

/** A call that needed the session got 401: drop the session, face login, then back to this page. Once. */
export function sessionEnded(): void {
  clearSession();
  if (redirecting) return;
  redirecting = true;
  goToLogin({ back: currentPageUrl(), reason: 'expired' });
  setTimeout(() => {
    redirecting = false;
  }, 1000);
}
