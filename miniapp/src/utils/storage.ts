import Taro from '@tarojs/taro';

/** Every key the mini-app keeps in Taro storage (localStorage in H5, wx storage in weapp); also utils/changeDraft's. */
export const STORAGE_KEYS = {
  token: 'ykt.token',
  tokenExpiresAt: 'ykt.tokenExpiresAt',
  elderMode: 'ykt.elderMode',
  /** Where to go back to after face login (e.g. the 登录确认 page opened by a scan). */
  afterLogin: 'ykt.afterLogin',
} as const;

export function readString(key: string): string {
  try {
    const v = Taro.getStorageSync(key);
    return typeof v === 'string' ? v : '';
  } catch {
    return '';
  }
}

export function writeString(key: string, value: string): void {
  try {
    if (value) Taro.setStorageSync(key, value);
    else Taro.removeStorageSync(key);
  } catch {
    // Storage full or blocked (private mode): the app still works for this visit.
  }
}
