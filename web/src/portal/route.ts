import { useEffect, useState } from 'react';

/** The PC pages: hash routes, so moving between them (and logging in) never reloads the page. */
export type Page = 'login' | 'basic' | 'change' | 'pending' | 'finished' | 'payments';
const PAGES: readonly Page[] = ['login', 'basic', 'change', 'pending', 'finished', 'payments'];

export interface Route {
  page: Page;
  params: URLSearchParams;
}

function parseHash(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const page = (PAGES as readonly string[]).includes(path) ? (path as Page) : 'basic';
  return { page, params: new URLSearchParams(query) };
}

/** An address that is no page (a mistyped or outdated link) is replaced by home, so the bar says where one is. */
export function isKnownHash(hash: string): boolean {
  const path = hash.replace(/^#\/?/, '').split('?')[0];
  return path === '' || (PAGES as readonly string[]).includes(path);
}

export function navigate(page: Page, params?: Record<string, string>) {
  const q = params ? new URLSearchParams(params).toString() : '';
  const hash = `#/${page}${q ? `?${q}` : ''}`;
  if (window.location.hash !== hash) window.location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    if (!isKnownHash(window.location.hash)) window.history.replaceState(null, '', '#/basic');
    const onChange = () => {
      if (!isKnownHash(window.location.hash)) window.history.replaceState(null, '', '#/basic');
      setRoute(parseHash(window.location.hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
