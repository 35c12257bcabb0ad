import { Alert, Button, Spin } from 'antd';
import QRCode from 'qrcode';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, type QrTicket, setToken } from './api';
import { TopBar } from './TopBar';

const POLL_MS = 2000;
const POLL_BACKOFF_MS = 5000;
const TICKET_LIFETIME_MS = 300_000;

export const QR_HOWTO = '请使用渝快办APP扫一扫，在手机上完成人脸识别并确认登录';

type Phase = 'loading' | 'waiting' | 'scanned' | 'confirmed' | 'expired' | 'error';

interface Session {
  ticket: QrTicket;
  dataUrl: string;
  /** Local-clock time the code stops working. */
  deadline: number;
}

/**
 * How long the code lives, on this PC's clock. The server's expiresAt is trusted unless this PC's clock is
 * obviously off (more than the ticket's whole lifetime), then the 300 s of the rules are counted from now.
 */
function localDeadline(expiresAt: string): number {
  const left = Date.parse(expiresAt) - Date.now();
  return Date.now() + (left > 0 && left <= TICKET_LIFETIME_MS + 10_000 ? left : TICKET_LIFETIME_MS);
}

export function QrLogin({ notice, onLoggedIn }: { notice: string | null; onLoggedIn: () => void }) {
  const [phase, setPhase] = useState<Phase>('loading');
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [previewLinks, setPreviewLinks] = useState(false);
  /** Only the latest request for a code may show its result (刷新 clicked twice, React's dev double effects). */
  const latest = useRef(0);

  const newCode = useCallback(async () => {
    const attempt = ++latest.current;
    setPhase('loading');
    setError(null);
    try {
      const ticket = await api.createQrTicket();
      const dataUrl = await QRCode.toDataURL(ticket.qrContent, { width: 440, margin: 1, errorCorrectionLevel: 'M' });
      if (attempt !== latest.current) return;
      setSession({ ticket, dataUrl, deadline: localDeadline(ticket.expiresAt) });
      setNow(Date.now());
      setPhase('waiting');
    } catch (e) {
      if (attempt !== latest.current) return;
      setSession(null);
      setError(e instanceof ApiError ? e.message : '二维码生成失败，请刷新重试');
      setPhase('error');
    }
  }, []);

  useEffect(() => {
    void newCode();
    // The demo link to the phone preview is shown only when the BFF runs against the sandbox.
    api
      .clientConfig()
      .then((c) => setPreviewLinks(c.faceMode === 'preview'))
      .catch(() => setPreviewLinks(false));
  }, [newCode]);

  const active = phase === 'waiting' || phase === 'scanned';

  // Poll about every 2 s while the code is alive; only this PC (the one holding the secret) gets the token.
  useEffect(() => {
    if (!session || !active) return;
    let stopped = false;
    let timer: number | undefined;
    const schedule = (ms: number) => {
      timer = window.setTimeout(tick, ms);
    };
    async function tick() {
      if (stopped || !session) return;
      try {
        const r = await api.pollQrTicket(session.ticket);
        if (stopped) return;
        if (r.status === 'confirmed') {
          if (r.token) {
            setToken(r.token);
            setPhase('confirmed');
            onLoggedIn();
          } else {
            // Already handed out (e.g. to an earlier poll that was lost): this code cannot log in any more.
            setPhase('expired');
          }
          return;
        }
        if (r.status === 'expired') {
          setPhase('expired');
          return;
        }
        setPhase(r.status);
        schedule(POLL_MS);
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiError && (e.status === 410 || e.status === 404)) {
          setPhase('expired');
          return;
        }
        schedule(e instanceof ApiError && e.status === 429 ? POLL_BACKOFF_MS : POLL_MS);
      }
    }
    schedule(POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [session, active, onLoggedIn]);

  // The countdown; at zero the code is shown expired even before the server says so.
  useEffect(() => {
    if (!session || !active) return;
    const id = window.setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= session.deadline) setPhase('expired');
    }, 1000);
    return () => window.clearInterval(id);
  }, [session, active]);

  const secondsLeft = session ? Math.max(0, Math.ceil((session.deadline - now) / 1000)) : 0;

  return (
    <div className="ykb-login-page">
      <TopBar />
      <main className="ykb-login-main">
        <section className="ykb-login-card" aria-labelledby="qr-title">
          <h1 id="qr-title" className="ykb-login-title">
            扫码登录
          </h1>
          <p className="ykb-login-sub">惠民惠农财政补贴资金"一卡通"账户自助变更</p>
          {notice && <Alert className="ykb-login-notice" type="warning" showIcon title={notice} />}

          <div className={`ykb-qr-box ykb-qr-${phase}`} data-testid="qr-box" data-phase={phase}>
            {session && phase !== 'error' && (
              <img
                className="ykb-qr-img"
                src={session.dataUrl}
                alt="渝快办APP扫码登录二维码"
                width={220}
                height={220}
              />
            )}
            {phase === 'loading' && (
              <div className="ykb-qr-overlay">
                <Spin />
                <span>正在生成二维码…</span>
              </div>
            )}
            {phase === 'scanned' && (
              <div className="ykb-qr-overlay ykb-qr-overlay-ok" role="status">
                <span className="ykb-qr-check" aria-hidden>
                  ✓
                </span>
                <strong>已扫码，请在手机上确认</strong>
              </div>
            )}
            {phase === 'confirmed' && (
              <div className="ykb-qr-overlay ykb-qr-overlay-ok" role="status">
                <Spin />
                <strong>登录成功，正在进入…</strong>
              </div>
            )}
            {(phase === 'expired' || phase === 'error') && (
              <div className="ykb-qr-overlay" role="status">
                <strong>{phase === 'expired' ? '二维码已过期' : error}</strong>
                <Button type="primary" size="large" onClick={() => void newCode()}>
                  刷新
                </Button>
              </div>
            )}
          </div>

          <p className="ykb-qr-countdown" aria-live="off">
            {active ? (
              <>
                二维码有效时间还剩 <b data-testid="qr-seconds">{secondsLeft}</b> 秒
              </>
            ) : phase === 'expired' ? (
              '请点击“刷新”获取新的二维码'
            ) : (
              ' '
            )}
          </p>
          <p className="ykb-qr-howto">{QR_HOWTO}</p>
          {previewLinks && session && active && (
            <p className="ykb-qr-preview">
              演示环境：
              <a href={session.ticket.qrContent} target="_blank" rel="noreferrer">
                在手机预览中打开
              </a>
            </p>
          )}
        </section>

        <ol className="ykb-login-steps" aria-label="登录步骤">
          <li>
            <b>1</b>打开手机上的“渝快办”APP
          </li>
          <li>
            <b>2</b>点击“扫一扫”，对准左侧二维码
          </li>
          <li>
            <b>3</b>按提示完成人脸识别，点击“确认登录”
          </li>
        </ol>
      </main>
    </div>
  );
}
