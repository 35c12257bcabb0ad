import './startup';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { errorMessage } from '@ykt/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { faceLogin, hasSession } from '../../api/client';
import { type Bridge, BridgeError, getBridge, isPreviewBridge, type Persona } from '../../bridge';
import { AppButton } from '../../components/AppButton';
import { ElderModeSwitch } from '../../components/ElderModeSwitch';
import { Page } from '../../components/Page';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { leaveLogin, PAGES } from '../../utils/nav';
import { readString, STORAGE_KEYS } from '../../utils/storage';
import './index.scss';

type Phase =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; bridge: Bridge; personas: Persona[] };

/** Entry of the 事项: face recognition (the container's, or a persona picker in the H5 preview), then the card. */
export default function Login() {
  const { params } = useRouter();
  const expired = params.reason === 'expired';
  const loggedOut = params.reason === 'logout' || params.reason === 'logout-all';
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const started = useRef(false);
  const goingToQr = readString(STORAGE_KEYS.afterLogin).startsWith(PAGES.qrConfirm);

  const verify = useCallback(async (bridge: Bridge, persona?: Persona) => {
    if (started.current) return; // one face login at a time, even if tapped twice
    started.current = true;
    setBusy(persona?.idNumber ?? 'face');
    setMessage(null);
    try {
      if (persona && isPreviewBridge(bridge)) bridge.selectPersona(persona);
      const { faceToken } = await bridge.verifyFace();
      await faceLogin(faceToken);
      leaveLogin();
    } catch (e) {
      if (!(e instanceof BridgeError && e.cancelled)) {
        setMessage(e instanceof BridgeError ? e.message : errorMessage(e));
      }
      started.current = false;
      setBusy(null);
    }
  }, []);

  const load = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      const bridge = await getBridge();
      const personas = isPreviewBridge(bridge) ? await bridge.personas() : [];
      setPhase({ kind: 'ready', bridge, personas });
      // In the container, face recognition starts at once, as the 事项 entry does in the manual.
      if (!isPreviewBridge(bridge) && !expired && !loggedOut) void verify(bridge);
    } catch (e) {
      setPhase({ kind: 'error', message: e instanceof BridgeError ? e.message : errorMessage(e) });
    }
  }, [expired, loggedOut, verify]);

  useEffect(() => {
    // Still signed in (token in storage, not expired): no second face scan within the session.
    if (hasSession() && !expired && !loggedOut) {
      leaveLogin();
      return;
    }
    void load();
  }, [expired, loggedOut, load]);

  return (
    <Page className="login">
      <PageHeader title="惠民惠农“一卡通”账户自助变更" right={<ElderModeSwitch />} />

      {expired && (
        <View className="alert alert-warning" role="alert">
          登录已过期，为保护您的资金安全，请重新进行人脸识别。
        </View>
      )}
      {loggedOut && (
        <View className="alert alert-success" role="status">
          {params.reason === 'logout' ? '您已退出登录。' : '您已退出所有设备。'}再次办理时需要重新进行人脸识别。
        </View>
      )}
      {goingToQr && <View className="alert alert-info">人脸识别通过后，将继续确认电脑端的登录。</View>}

      <View className="section login-intro">
        <View className="login-face" aria-hidden>
          <View className="login-face-inner">人脸</View>
        </View>
        <View className="login-intro-text">
          为保护您的补贴资金安全，查看和变更“一卡通”账户前，需要通过人脸识别确认是您本人。
        </View>
      </View>

      {message && (
        <View className="alert alert-error" role="alert">
          {message}
        </View>
      )}

      {phase.kind === 'loading' && <LoadingState text="正在准备人脸识别…" />}
      {phase.kind === 'error' && <ErrorState message={phase.message} onRetry={() => void load()} />}

      {phase.kind === 'ready' && !isPreviewBridge(phase.bridge) && (
        <AppButton big block loading={busy !== null} onClick={() => void verify(phase.bridge)}>
          {busy ? '正在识别…' : '开始人脸识别'}
        </AppButton>
      )}

      {phase.kind === 'ready' && isPreviewBridge(phase.bridge) && (
        <View className="section">
          <View className="section-title">预览模式：选择演示人员</View>
          <View className="muted login-preview-note">
            此页面只在演示和测试环境出现：由沙箱身份平台代替渝快办APP的人脸识别。
          </View>
          {phase.personas.length === 0 && <View className="muted">沙箱中没有演示人员。</View>}
          {phase.personas.map((p) => (
            <View key={p.idNumber} className="persona" role="button" onClick={() => void verify(phase.bridge, p)}>
              <View className="persona-main">
                <Text className="persona-name">{p.name}</Text>
                <Text className="persona-note">{p.note}</Text>
              </View>
              <Text className="persona-go">{busy === p.idNumber ? '识别中…' : '进入 ›'}</Text>
            </View>
          ))}
        </View>
      )}
    </Page>
  );
}
