import { Spin } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { hasToken, logout, onSessionExpired } from './api';
import { QrLogin } from './QrLogin';
import { navigate, useRoute } from './route';

// The first screen is the QR login: the pages after login load after it, on weak networks too.
const Shell = lazy(() => import('./Shell').then((m) => ({ default: m.Shell })));

const SESSION_EXPIRED_NOTICE = '登录已过期，请重新扫码登录';

/** Logged out: the QR login page. Logged in: the manual's left-nav layout. Never a page reload in between. */
export function App() {
  const route = useRoute();
  const [loggedIn, setLoggedIn] = useState(hasToken);
  const [notice, setNotice] = useState<string | null>(null);

  // Any 401 (expired, revoked) anywhere: back to the QR code, saying why.
  useEffect(
    () =>
      onSessionExpired(() => {
        setLoggedIn(false);
        setNotice(SESSION_EXPIRED_NOTICE);
        navigate('login');
      }),
    [],
  );

  useEffect(() => {
    if (loggedIn && route.page === 'login') navigate('basic');
  }, [loggedIn, route.page]);

  const onLoggedIn = useCallback(() => {
    setNotice(null);
    setLoggedIn(true);
    navigate('basic');
  }, []);

  const onLogout = useCallback(async () => {
    try {
      await logout();
    } catch {
      // The token is gone locally either way; an unreachable server must not keep the PC logged in.
    }
    setLoggedIn(false);
    setNotice('您已安全退出');
    navigate('login');
  }, []);

  if (!loggedIn) return <QrLogin notice={notice} onLoggedIn={onLoggedIn} />;
  return (
    <Suspense fallback={<Spin size="large" fullscreen />}>
      <Shell route={route} onLogout={onLogout} />
    </Suspense>
  );
}
