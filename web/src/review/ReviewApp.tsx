import { errorMessage, reviewEndpoints as review } from '@ykt/shared';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import {
  type CaseworkerProfile,
  hasToken,
  logout,
  logoutEverywhere,
  onSessionExpired,
  startSession,
  useCall,
} from './api';
import { LoginPage } from './LoginPage';

// The first screen is the login page, without antd: the console itself (antd, tables, dialogs) loads after it,
// on weak networks too.
const Console = lazy(() => import('./Console').then((m) => ({ default: m.Console })));

/** Waiting for the session check or the console's code: a spinner that says what it is. */
function Waiting({ text }: { text: string }) {
  return (
    <div className="rv-center" role="status">
      <span className="rv-spinner" aria-hidden />
      <span className="rv-waiting-text">{text}</span>
    </div>
  );
}

type Session =
  | { state: 'checking' }
  | { state: 'anonymous'; notice?: string }
  | { state: 'signedIn'; profile: CaseworkerProfile };

/** The console: login page until a caseworker is signed in, then the console layout. */
export function ReviewApp() {
  const [session, setSession] = useState<Session>(() => (hasToken() ? { state: 'checking' } : { state: 'anonymous' }));
  // A token kept from before (a reload): whose is it, and is it still good?
  const me = useCall(session.state === 'checking' ? review.me : null, undefined, { shouldRetryOnError: false });

  useEffect(() => {
    if (session.state !== 'checking') return;
    if (me.data) setSession({ state: 'signedIn', profile: me.data });
    else if (me.error) setSession({ state: 'anonymous' });
  }, [session.state, me.data, me.error]);

  // Any 401 (expired or revoked token) brings the login page back with a word on why; a token found stale on
  // arrival just means logging in.
  useEffect(
    () =>
      onSessionExpired(() =>
        setSession((s) =>
          s.state === 'checking' ? { state: 'anonymous' } : { state: 'anonymous', notice: '登录已失效，请重新登录' },
        ),
      ),
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // The token is dropped whatever the server said.
    }
    // The next caseworker at this PC starts from the queue, not from the page the last one left open.
    window.history.replaceState(null, '', window.location.pathname);
    setSession({ state: 'anonymous', notice: '您已安全退出' });
  }, []);

  const signOutEverywhere = useCallback(async () => {
    let notice = '已退出所有设备，请重新登录';
    try {
      const ended = await logoutEverywhere();
      notice = `已退出所有设备（共结束 ${ended} 处登录），请重新登录`;
    } catch (e) {
      // The token is dropped here whatever the server said; say that the other devices may still be signed in.
      notice = `本机已退出，但退出其他设备未能完成（${errorMessage(e)}），请重新登录后再试`;
    }
    window.history.replaceState(null, '', window.location.pathname);
    setSession({ state: 'anonymous', notice });
  }, []);

  if (session.state === 'checking') {
    return <Waiting text="正在确认登录…" />;
  }
  if (session.state === 'anonymous') {
    return (
      <LoginPage
        notice={session.notice}
        onLoggedIn={(token, profile) => {
          startSession(token);
          setSession({ state: 'signedIn', profile });
        }}
      />
    );
  }
  return (
    <Suspense fallback={<Waiting text="正在打开审核系统…" />}>
      <Console profile={session.profile} onLogout={signOut} onLogoutEverywhere={signOutEverywhere} />
    </Suspense>
  );
}
