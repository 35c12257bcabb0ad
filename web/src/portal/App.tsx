import { Spin } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { clearDraft, hasToken, logout, logoutAll, onSessionExpired } from './api';
import { QrLogin } from './QrLogin';
import { navigate, type Page, useRoute } from './route';

// The first screen is the QR login: the pages after login load after it, on weak networks too.
const Shell = lazy(() => import('./Shell').then((m) => ({ default: m.Shell })));

const SESSION_EXPIRED_NOTICE = '登录已过期，请重新扫码登录';

/**
 * Logged out: the QR login page. Logged in: the manual's left-nav layout. Never a page reload in between. After an
 * expired session and a new QR login, the person is back on the page they were on (账户变更 brings back what they
 * had typed: the draft kept on this PC).
 */
export function App() {
  const route = useRoute();
  const [loggedIn, setLoggedIn] = useState(hasToken);
  const [notice, setNotice] = useState<string | null>(null);
  const returnTo = useRef<Page | null>(null);
  const page = useRef(route.page);
  page.current = route.page;

  // Any 401 (expired, revoked) anywhere: back to the QR code, saying why.
  useEffect(
    () =>
      onSessionExpired(() => {
        if (page.current !== 'login') returnTo.current = page.current;
        setLoggedIn(false);
        setNotice(SESSION_EXPIRED_NOTICE);
        navigate('login');
      }),
    [],
  );

  // Signed in on the login address (a reload of #/login): 基本信息. The address itself is read, not the route state:
  // right after a QR login the route still says login while the hash already names the page to return to.
  useEffect(() => {
    if (loggedIn && route.page === 'login' && /^#\/login\b/.test(window.location.hash)) navigate('basic');
  }, [loggedIn, route.page]);

  const onLoggedIn = useCallback(() => {
    setNotice(null);
    setLoggedIn(true);
    navigate(returnTo.current ?? 'basic');
    returnTo.current = null;
  }, []);

  const leave = useCallback((words: string) => {
    clearDraft();
    returnTo.current = null;
    setLoggedIn(false);
    setNotice(words);
    navigate('login');
  }, []);

  const onLogout = useCallback(async () => {
    try {
      await logout();
    } catch {
      // The token is gone locally either way; an unreachable server must not keep the PC logged in.
    }
    leave('您已安全退出');
  }, [leave]);

  /** 退出所有设备: throws (nothing changed) when the server could not be reached; the caller says so. */
  const onLogoutAll = useCallback(async () => {
    await logoutAll();
    leave('您已退出所有设备（手机和电脑），再次办理请重新扫码登录');
  }, [leave]);

  if (!loggedIn) return <QrLogin notice={notice} onLoggedIn={onLoggedIn} />;
  return (
    <Suspense fallback={<Spin size="large" fullscreen />}>
      <Shell route={route} onLogout={onLogout} onLogoutAll={onLogoutAll} />
    </Suspense>
  );
}
