/**
 * THE INTEGRATION POINT with the 渝快办 app container.
 *
 * The container's real JS bridge is not known to this project. Everything the mini-app needs from it goes
 * through `YkbNativeBridge` below, which assumes the usual shape of such bridges: an object injected as
 * `window.ykbBridge` (possibly after a `ykbBridgeReady` event) with one `call(method, params, callback)`.
 * When the real SDK is known, change only `nativeCall` and the three method names in `METHODS`; the pages
 * and the rest of the app keep using the `Bridge` interface.
 *
 * Outside the container (the weapp build), scanning falls back to Taro.scanCode; face recognition has no
 * fallback and says so.
 */
import Taro from '@tarojs/taro';
import { type Bridge, BridgeError } from './types';

/** Assumed shape of the container's bridge object. */
export interface YkbNativeBridge {
  call(method: string, params: Record<string, unknown>, callback: (result: YkbNativeResult) => void): void;
}

/** Assumed answer: code 0 = success, 'cancel' / -1 = the person cancelled, anything else = failure. */
export interface YkbNativeResult {
  code: number | string;
  message?: string;
  data?: Record<string, unknown>;
}

/** Method names of the container (assumed; adjust here when the SDK documentation is available). */
export const METHODS = {
  faceVerify: 'faceVerify',
  scanQRCode: 'scanQRCode',
  closeWindow: 'closeWindow',
} as const;

/** Scene identifier the container may use to pick the face-recognition service for this 事项. */
const FACE_SCENE = 'hmhn-ykt-account-change';
const READY_TIMEOUT_MS = 3000;

function findNative(): YkbNativeBridge | undefined {
  if (typeof window === 'undefined') return undefined;
  const b = (window as unknown as { ykbBridge?: YkbNativeBridge }).ykbBridge;
  return b && typeof b.call === 'function' ? b : undefined;
}

/** Waits for the container to inject its bridge (it may come after our script ran). */
function waitForNative(): Promise<YkbNativeBridge | undefined> {
  const now = findNative();
  if (now || typeof document === 'undefined') return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      document.removeEventListener('ykbBridgeReady', done);
      resolve(findNative());
    };
    const timer = setTimeout(done, READY_TIMEOUT_MS);
    document.addEventListener('ykbBridgeReady', done);
  });
}

function nativeCall(
  bridge: YkbNativeBridge,
  method: string,
  params: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    try {
      bridge.call(method, params, (result) => {
        if (result && (result.code === 0 || result.code === '0')) resolve(result.data ?? {});
        else if (result && (result.code === 'cancel' || result.code === -1)) reject(new BridgeError('已取消', true));
        else reject(new BridgeError(result?.message || '操作未完成，请重试'));
      });
    } catch {
      reject(new BridgeError('渝快办服务暂不可用，请稍后重试'));
    }
  });
}

export function hasContainerBridge(): boolean {
  return findNative() !== undefined;
}

export function createContainerBridge(): Bridge {
  return {
    kind: 'container',

    async verifyFace() {
      const native = await waitForNative();
      if (!native) throw new BridgeError('请在渝快办APP中打开本事项，完成人脸识别后使用');
      const data = await nativeCall(native, METHODS.faceVerify, { scene: FACE_SCENE });
      const faceToken = typeof data.faceToken === 'string' ? data.faceToken : '';
      if (!faceToken) throw new BridgeError('人脸识别未通过，请重试');
      return { faceToken };
    },

    async scanCode() {
      const native = await waitForNative();
      if (native) {
        const data = await nativeCall(native, METHODS.scanQRCode, { scanType: ['qrCode'] });
        const content = typeof data.result === 'string' ? data.result : '';
        if (!content) throw new BridgeError('未识别到二维码，请重试');
        return content;
      }
      try {
        const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
        return res.result;
      } catch {
        throw new BridgeError('已取消扫码', true);
      }
    },

    close() {
      const native = findNative();
      if (native) {
        void nativeCall(native, METHODS.closeWindow).catch(() => undefined);
        return;
      }
      if (process.env.TARO_ENV === 'h5') window.history.back();
      else void Taro.navigateBack().catch(() => undefined);
    },
  };
}
