import { Spin } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api, type CaseworkerProfile, client, onUnauthenticated } from './api';
import { LoginPage } from './LoginPage';

// The first screen is the login page: the console itself (tables, dialogs) loads after it, on weak networks too.
const ConsoleLayout = lazy(() => import('./ConsoleLayout').then((m) => ({ default: m.ConsoleLayout })));

type Session =
  | { state: 'checking' }
  | { state: 'anonymous'; notice?: string }
  | { state: 'signedIn'; profile: CaseworkerProfile };

/** The console: login page until a caseworker is signed in, then the console layout. */
export function ReviewApp() {
  const [session, setSession] = useState<Session>(() =>
    client.token() ? { state: 'checking' } : { state: 'anonymous' },
  );

  useEffect(() => {
    // Any 401 (expired or revoked token) brings the login page back with a word on why.
    onUnauthenticated(() => setSession({ state: 'anonymous', notice: '登录已失效，请重新登录' }));
  }, []);

  useEffect(() => {
    if (session.state !== 'checking') return;
    let cancelled = false;
    api
      .me()
      .then((profile) => !cancelled && setSession({ state: 'signedIn', profile }))
      .catch(() => !cancelled && setSession({ state: 'anonymous' }));
    return () => {
      cancelled = true;
    };
  }, [session.state]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The token is dropped here whatever the server said.
    }
    client.setToken(null);
    // The next caseworker at this PC starts from the queue, not from the page the last one left open.
    window.history.replaceState(null, '', window.location.pathname);
    setSession({ state: 'anonymous', notice: '您已安全退出' });
  }, []);

  if (session.state === 'checking') {
    return (
      <div className="rv-center">
        <Spin size="large" />
      </div>
    );
  }
  if (session.state === 'anonymous') {
    return (
      <LoginPage
        notice={session.notice}
        onLoggedIn={(token, profile) => {
          client.setToken(token);
          setSession({ state: 'signedIn', profile });
        }}
      />
    );
  }
  return (
    <Suspense
      fallback={
        <div className="rv-center">
          <Spin size="large" />
        </div>
      }
    >
      <ConsoleLayout profile={session.profile} onLogout={logout} />
    </Suspense>
  );
}
