import { useEffect } from 'react';

/** While a dialog or sheet is open, the page under it does not scroll (H5; the weapp uses catchMove). */
export function useLockScroll(locked: boolean): void {
  useEffect(() => {
    if (!locked || process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
    document.body.classList.add('scroll-locked');
    return () => document.body.classList.remove('scroll-locked');
  }, [locked]);
}
