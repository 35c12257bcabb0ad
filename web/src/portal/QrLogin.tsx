import { type AnswerOf, ApiError, citizenEndpoints as citizen } from '@ykt/shared';
import { Alert, Button, Spin } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import type { SWRConfiguration } from 'swr';
import useSWRMutation from 'swr/mutation';
import { call, startSession, useCall } from './api';
import { TopBar } from './TopBar';

const POLL_MS = 2000;
/** After 429 (the BFF limits polls per ticket and address), wait longer. */
const POLL_BACKOFF_MS = 5000;
const TICKET_LIFETIME_MS = 300_000;

const QR_HOWTO = '请使用渝快办APP扫一扫，在手机上完成人脸识别并确认登录';

type Phase = 'loading' | 'waiting' | 'scanned' | 'confirmed' | 'expired' | 'cancelled' | 'used' | 'error';

/** A code that can no longer log in, and why, in the words the PC shows over it. */
const ENDED: Partial<Record<Phase, { title: string; text: string }>> = {
  expired: { title: '二维码已过期', text: '二维码5分钟内有效。请点击“刷新二维码”，再用手机扫描新的二维码。' },
  cancelled: { title: '已在手机上取消', text: '这次登录已在手机上取消。如需登录，请点击“刷新二维码”后重新扫描。' },
  used: { title: '二维码已使用', text: '这个二维码已用于登录，不能再次使用。请点击“刷新二维码”后重新扫描。' },
};

interface Session {
  ticket: AnswerOf<typeof citizen.createQrTicket>;
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

async function issueCode(): Promise<Session> {
  const ticket = await call(citizen.createQrTicket);
  const dataUrl = await QRCode.toDataURL(ticket.qrContent, { width: 440, margin: 1, errorCorrectionLevel: 'M' });
  return { ticket, dataUrl, deadline: localDeadline(ticket.expiresAt) };
}

/** The ticket is gone for good (expired, cancelled, unknown): stop asking. */
const isGone = (e: unknown) => e instanceof ApiError && (e.status === 410 || e.status === 404);

/**
 * How the PC polls its ticket: first after 2 s, then every 2 s until confirmed or expired, in a background tab
 * too; after an error again in 2 s (5 s after 429), never once the ticket is gone. A module constant: SWR restarts
 * its timer whenever these options change identity, and the countdown re-renders every second.
 */
const POLLING: SWRConfiguration<AnswerOf<typeof citizen.pollQrTicket>, ApiError> = {
  revalidateOnMount: false,
  refreshInterval: (r) => (r?.status === 'waiting' || r?.status === 'scanned' || !r ? POLL_MS : 0),
  refreshWhenHidden: true,
  dedupingInterval: 0,
  onErrorRetry: (e, _key, _config, revalidate, { retryCount }) => {
    if (isGone(e)) return;
    setTimeout(() => void revalidate({ retryCount }), e.status === 429 ? POLL_BACKOFF_MS : POLL_MS);
  },
};

export function QrLogin({ notice, onLoggedIn }: { notice: string | null; onLoggedIn: () => void }) {
  // A new code on arrival and on 刷新; only the latest request's code is shown.
  const code = useSWRMutation('qr-login-code', issueCode);
  const session = code.data ?? null;
  const [phase, setPhase] = useState<Phase>('loading');
  const [now, setNow] = useState(() => Date.now());
  // The demo link to the phone preview is shown only when the BFF runs against the sandbox.
  const config = useCall(citizen.clientConfig);
  const previewLinks = config.data?.faceMode === 'preview';
  const { trigger } = code;

  useEffect(() => {
    void trigger().catch(() => undefined); // the error is code.error
  }, [trigger]);

  useEffect(() => {
    if (code.isMutating) setPhase('loading');
    else if (code.error) setPhase('error');
    else if (session) {
      setNow(Date.now());
      setPhase('waiting');
    }
  }, [code.isMutating, code.error, session]);

  const active = phase === 'waiting' || phase === 'scanned';

  // Poll about every 2 s while the code is alive; only this PC (the one holding the secret) gets the token.
  const poll = useCall(
    session && active ? citizen.pollQrTicket : null,
    { params: { ticket: session?.ticket.ticket ?? '' }, headers: { 'x-qr-secret': session?.ticket.secret ?? '' } },
    POLLING,
  );

  const handedOver = useRef<string | null>(null);
  useEffect(() => {
    const r = poll.data;
    if (!r || !session || !active) return;
    if (r.status === 'confirmed' && r.token && handedOver.current !== session.ticket.ticket) {
      handedOver.current = session.ticket.ticket;
      startSession(r.token);
      setPhase('confirmed');
      onLoggedIn();
    } else if (r.status === 'confirmed' || r.status === 'used') {
      // Confirmed without a token: already handed out (to an earlier poll whose answer was lost); this code is spent.
      setPhase('used');
    } else setPhase(r.status);
  }, [poll.data, session, active, onLoggedIn]);

  useEffect(() => {
    if (isGone(poll.error)) setPhase('expired');
  }, [poll.error]);

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

  const error = code.error instanceof ApiError ? code.error.message : '二维码生成失败，请刷新重试';
  const ended = ENDED[phase];
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
            {(ended || phase === 'error') && (
              <div className="ykb-qr-overlay" role="status">
                <strong>{ended ? ended.title : error}</strong>
                <Button type="primary" size="large" onClick={() => void trigger().catch(() => undefined)}>
                  刷新二维码
                </Button>
              </div>
            )}
          </div>

          <p className="ykb-qr-countdown" aria-live="off">
            {active ? (
              <>
                二维码有效时间还剩 <b data-testid="qr-seconds">{secondsLeft}</b> 秒
              </>
            ) : ended ? (
              ended.text
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
