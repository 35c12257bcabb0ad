import { useSyncExternalStore } from 'react';
import { readString, STORAGE_KEYS, writeString } from './storage';

/**
 * 长辈版: larger type (body >= 18 px) and touch targets (>= 48 px), nothing essential hidden.
 * Remembered in storage; every page reads it through <Page>, so switching applies everywhere at once.
 */
let elder = readString(STORAGE_KEYS.elderMode) === '1';
const listeners = new Set<() => void>();

function applyToDocument() {
  // H5 only: popups and dialogs may render outside the page root; give them the same sizes.
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    document.documentElement.classList.toggle('elder', elder);
  }
}
applyToDocument();

function isElderMode(): boolean {
  return elder;
}

export function setElderMode(on: boolean): void {
  elder = on;
  writeString(STORAGE_KEYS.elderMode, on ? '1' : '');
  applyToDocument();
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useElderMode(): boolean {
  return useSyncExternalStore(subscribe, isElderMode, isElderMode);
}
