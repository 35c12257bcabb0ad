import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { type AnswerOf, ApiError, citizenEndpoints as citizen, errorMessage } from '@ykt/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, hasSession } from '../../api/client';
import { getBridge } from '../../bridge';
import { AppButton } from '../../components/AppButton';
import { ElderModeSwitch } from '../../components/ElderModeSwitch';
import { Page } from '../../components/Page';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { goToLogin, PAGES, withQuery } from '../../utils/nav';
import './index.scss';

type QrScanAnswer = AnswerOf<typeof citizen.scanQrTicket>;

type State =
  | { kind: 'loading' }
  | { kind: 'login' }
  | { kind: 'ready'; scan: QrScanAnswer }
  | { kind: 'confirmed' }
  | { kind: 'cancelled' }
  /** The code can no longer be confirmed: past its time, used, or cancelled (the server's words). */
  | { kind: 'expired'; message?: string }
  | { kind: 'error'; message: string; retry: boolean };

const EXPIRED_TEXT = '二维码已过期，请在电脑上刷新二维码后重新扫描';

/** 登录确认: opened by scanning the PC page's QR code; the face-verified person confirms the PC login. */
export default function QrConfirmPage() {
  const { params } = useRouter();
  const ticket = params.ticket ?? '';
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState<'confirm' | 'cancel' | null>(null);
  const [left, setLeft] = useState<number | null>(null);
  const acting = useRef(false);

  const fail = useCallback((e: unknown) => {
    if (e instanceof ApiError && (e.status === 410 || e.code === 'QR_EXPIRED'))
      setState({ kind: 'expired', message: e.message || undefined });
    else if (e instanceof ApiError && e.status === 404)
      setState({ kind: 'error', message: '二维码无效，请在电脑上刷新二维码后重新扫描', retry: false });
    else if (e instanceof ApiError && e.status === 401) setState({ kind: 'login' });
    else setState({ kind: 'error', message: errorMessage(e), retry: true });
  }, []);

  const scan = useCallback(async () => {
    if (!ticket) {
      setState({ kind: 'error', message: '二维码内容不完整，请重新扫描电脑上的二维码', retry: false });
      return;
    }
    // Confirming needs a face-verified session: face login first, then back here.
    if (!hasSession()) {
      setState({ kind: 'login' });
      goToLogin({ back: withQuery(PAGES.qrConfirm, { ticket }) });
      return;
    }
    setState({ kind: 'loading' });
    try {
      const answer = await call(citizen.scanQrTicket, { params: { ticket } });
      if (answer.status === 'expired') setState({ kind: 'expired' });
      else if (answer.status === 'confirmed') setState({ kind: 'confirmed' });
      else setState({ kind: 'ready', scan: answer });
    } catch (e) {
      fail(e);
    }
  }, [ticket, fail]);

  useEffect(() => {
    void scan();
  }, [scan]);

  // Countdown to the ticket's expiry (300 s from its creation on the PC).
  useEffect(() => {
    if (state.kind !== 'ready') return;
    const until = Date.parse(state.scan.expiresAt);
    if (Number.isNaN(until)) return;
    const tick = () => {
      const s = Math.max(0, Math.round((until - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) setState({ kind: 'expired' });
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [state]);

  async function act(kind: 'confirm' | 'cancel') {
    if (acting.current) return;
    acting.current = true;
    setBusy(kind);
    try {
      if (kind === 'confirm') {
        await call(citizen.confirmQrTicket, { params: { ticket } });
        setState({ kind: 'confirmed' });
      } else {
        await call(citizen.cancelQrTicket, { params: { ticket } });
        setState({ kind: 'cancelled' });
      }
    } catch (e) {
      fail(e);
    } finally {
      acting.current = false;
      setBusy(null);
    }
  }

  const home = () => void Taro.reLaunch({ url: PAGES.card });
  const close = async () => (await getBridge().catch(() => undefined))?.close() ?? home();

  return (
    <Page>
      <PageHeader title="登录确认" right={<ElderModeSwitch />} />
      {state.kind === 'loading' && <LoadingState text="正在读取二维码…" />}
      {state.kind === 'login' && <LoadingState text="请先完成人脸识别，识别后将回到此页确认登录…" />}
      {state.kind === 'error' && state.retry && <ErrorState message={state.message} onRetry={() => void scan()} />}
      {state.kind === 'error' && !state.retry && (
        <Ended
          icon="!"
          alert
          title="无法确认登录"
          text={state.message}
          action="返回首页"
          // Maybe not signed in yet: the entry, which goes on to the card when the person is.
          onAction={() => void Taro.reLaunch({ url: PAGES.login })}
        />
      )}

      {state.kind === 'ready' && (
        <View className="section qr-card">
          <View className="qr-pc" aria-hidden>
            <View className="qr-pc-screen" />
            <View className="qr-pc-base" />
          </View>
          <View className="qr-lead">您正在电脑上登录</View>
          <View className="qr-target">{state.scan.target}</View>
          <View className="qr-warn">请确认是您本人正在电脑前操作。如果不是您本人操作，请点击“取消”，不要确认。</View>
          {left !== null && (
            <View className="muted qr-left" aria-live="polite">
              二维码 {left} 秒后失效
            </View>
          )}
          <View className="btn-stack">
            <AppButton
              big
              block
              loading={busy === 'confirm'}
              disabled={busy !== null}
              onClick={() => void act('confirm')}
            >
              确认登录
            </AppButton>
            <AppButton
              big
              block
              kind="outline"
              loading={busy === 'cancel'}
              disabled={busy !== null}
              onClick={() => void act('cancel')}
            >
              取消
            </AppButton>
          </View>
        </View>
      )}

      {state.kind === 'confirmed' && (
        <Ended icon="✓" ok title="已确认登录" text="请在电脑上继续办理。" action="完成" onAction={() => void close()} />
      )}
      {state.kind === 'cancelled' && (
        <Ended icon="×" title="已取消登录" text="电脑上的这次登录不会成功。" action="返回首页" onAction={home} />
      )}
      {state.kind === 'expired' && (
        <Ended
          icon="!"
          alert
          title={
            /已使用/.test(state.message ?? '')
              ? '二维码已使用'
              : /取消/.test(state.message ?? '')
                ? '二维码已取消'
                : '二维码已过期'
          }
          text={state.message ?? EXPIRED_TEXT}
          action="返回首页"
          onAction={home}
        />
      )}
    </Page>
  );
}

/** How the confirmation ended: a sign, a title, a sentence, and the one thing to do next. */
function Ended({
  icon,
  ok,
  alert,
  title,
  text,
  action,
  onAction,
}: {
  icon: string;
  ok?: boolean;
  alert?: boolean;
  title: string;
  text: string;
  action: string;
  onAction: () => void;
}) {
  return (
    <View className="section qr-done" role={alert ? 'alert' : 'status'}>
      <View className={`qr-done-icon ${ok ? 'qr-ok' : 'qr-no'}`}>{icon}</View>
      <View className="qr-done-title">{alert ? <Text>{title}</Text> : title}</View>
      <View>{text}</View>
      <View className="btn-stack">
        <AppButton big block kind={ok ? 'primary' : 'outline'} onClick={onAction}>
          {action}
        </AppButton>
      </View>
    </View>
  );
}
