import { ApiError, districtName, reviewEndpoints as review, UNEXPECTED_ERROR_MESSAGE } from '@ykt/shared';
import { type FormEvent, useRef, useState } from 'react';
import { type CaseworkerProfile, call } from './api';

interface Props {
  notice?: string;
  onLoggedIn(token: string, profile: CaseworkerProfile): void;
}

interface LoginError {
  title: string;
  description?: string;
}

/** What a failed login tells the caseworker, in plain Chinese. */
function loginError(e: unknown): LoginError {
  if (e instanceof ApiError) {
    if (e.status === 429) {
      return {
        title: '尝试次数过多，请稍后再试',
        description:
          e.message && !e.message.includes('尝试次数过多') ? e.message : '为保护账号安全，登录已被暂时限制。',
      };
    }
    if (e.status === 401) return { title: e.message || '用户名或密码错误' };
    if (e.status === 400) return { title: Object.values(e.fields)[0] ?? e.message };
    return { title: e.message };
  }
  return { title: UNEXPECTED_ERROR_MESSAGE };
}

type Field = 'username' | 'password';

/**
 * The console's first screen, in plain HTML and CSS (review.css): no antd here, so a caseworker on a slow line sees a
 * usable form after about 70 KB instead of 190 KB (docs/weak-network.md). antd loads once the login succeeds.
 */
export function LoginPage({ notice, onLoggedIn }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LoginError | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const empty: Partial<Record<Field, string>> = {};
    if (!username.trim()) empty.username = '请输入用户名';
    if (!password) empty.password = '请输入密码';
    setMissing(empty);
    if (empty.username || empty.password) {
      (empty.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await call(review.login, { body: { username: username.trim(), password } });
      const c = answer.caseworker;
      onLoggedIn(answer.token, {
        ...c,
        districtName: c.districtName ?? districtName(c.districtCode) ?? c.districtCode,
      });
    } catch (e) {
      setError(loginError(e));
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rv-login">
      <main className="rv-login-box">
        <div className="rv-login-brand">
          <h1 className="rv-login-title">一卡通系统</h1>
          <p className="rv-login-sub">惠民惠农财政补贴资金“一卡通” · 经办人登录</p>
        </div>
        <section className="rv-login-card" aria-labelledby="rv-login-card-title">
          <h2 className="rv-login-card-title" id="rv-login-card-title">
            账号登录
          </h2>
          <div className="rv-login-card-body">
            {error ? (
              <div className="rv-login-alert rv-login-alert-error" role="alert">
                <div className="rv-login-alert-title">{error.title}</div>
                {error.description && <div>{error.description}</div>}
              </div>
            ) : notice ? (
              <div className="rv-login-alert rv-login-alert-info" role="status">
                {notice}
              </div>
            ) : null}
            <form onSubmit={submit} noValidate>
              <div className="rv-login-field">
                <label htmlFor="rv-login-username">用户名</label>
                <input
                  id="rv-login-username"
                  ref={usernameRef}
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                  autoComplete="username"
                  // biome-ignore lint/a11y/noAutofocus: the page is only this form; the caseworker types at once.
                  autoFocus
                  maxLength={64}
                  disabled={busy}
                  aria-invalid={missing.username ? true : undefined}
                  aria-describedby={missing.username ? 'rv-login-username-error' : undefined}
                />
                {missing.username && (
                  <div className="rv-login-field-error" id="rv-login-username-error">
                    {missing.username}
                  </div>
                )}
              </div>
              <div className="rv-login-field">
                <label htmlFor="rv-login-password">密码</label>
                <div className="rv-login-password">
                  <input
                    id="rv-login-password"
                    ref={passwordRef}
                    type={showPassword ? 'text' : 'password'}
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    autoComplete="current-password"
                    maxLength={128}
                    disabled={busy}
                    aria-invalid={missing.password ? true : undefined}
                    aria-describedby={missing.password ? 'rv-login-password-error' : undefined}
                  />
                  <button
                    type="button"
                    className="rv-login-reveal"
                    aria-pressed={showPassword}
                    onClick={() => setShowPassword((v) => !v)}
                  >
                    {showPassword ? '隐藏密码' : '显示密码'}
                  </button>
                </div>
                {missing.password && (
                  <div className="rv-login-field-error" id="rv-login-password-error">
                    {missing.password}
                  </div>
                )}
              </div>
              <button type="submit" className="rv-login-submit" disabled={busy} aria-busy={busy || undefined}>
                {busy ? '正在登录…' : '登录'}
              </button>
            </form>
          </div>
        </section>
        <p className="rv-login-foot">仅限区县财政局经办人使用。请勿在公共电脑上保存密码，离开时请点击“退出”。</p>
      </main>
    </div>
  );
}
