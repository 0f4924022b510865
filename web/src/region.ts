/** The region the pages are about: in the URL where a page has one, else the last chosen (localStorage), else Jiangxi. */
import { useSyncExternalStore } from 'react';

export const DEFAULT_REGION = '360000';
const KEY = 'chainatlas.region';
const listeners = new Set<() => void>();

const read = (): string => {
  try {
    return window.localStorage.getItem(KEY) ?? DEFAULT_REGION;
  } catch {
    return DEFAULT_REGION;
  }
};

let current = read();

export function setRegion(code: string): void {
  current = code;
  try {
    window.localStorage.setItem(KEY, code);
  } catch {
    // Private mode: remembered for this page only.
  }
  listeners.forEach((l) => l());
}

export function useRegion(): string {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, () => current);
}
