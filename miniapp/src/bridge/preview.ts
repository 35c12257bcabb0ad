/**
 * H5 preview (demo, development, tests): instead of the container's face scan, the person picks one of
 * the sandbox identity platform's demo people and the sandbox issues the face token the container would.
 * Only used when the BFF says `faceMode: "preview"` (GET /api/client-config).
 */
import Taro from '@tarojs/taro';
import { taroTransport } from '../api/transport';
import { PAGES } from '../utils/nav';
import { BridgeError, type Persona, type PreviewBridge } from './types';

export function createPreviewBridge(identityPreviewUrl: string): PreviewBridge {
  const base = identityPreviewUrl.replace(/\/+$/, '');
  let selected: Persona | undefined;

  /** The identity platform's sandbox is not the BFF: its own error words, same transport. */
  async function call<T>(path: string, method: 'GET' | 'POST', body?: unknown): Promise<T> {
    let res: { status: number; body: unknown };
    try {
      res = await taroTransport({ method, url: `${base}${path}`, headers: {}, body, responseType: 'json' });
    } catch {
      throw new BridgeError('无法连接预览身份平台，请稍后重试');
    }
    if (res.status < 200 || res.status >= 300) throw new BridgeError('预览身份平台暂不可用，请稍后重试');
    return res.body as T;
  }

  return {
    kind: 'preview',

    personas: () => call<Persona[]>('/identity/personas', 'GET'),

    selectPersona(persona) {
      selected = persona;
    },

    async verifyFace() {
      if (!selected) throw new BridgeError('请先选择一位演示人员');
      const { faceToken } = await call<{ faceToken: string }>('/identity/face-sessions', 'POST', {
        idNumber: selected.idNumber,
        name: selected.name,
      });
      return { faceToken };
    },

    async scanCode() {
      // No camera in the preview: the person pastes the QR content (a URL) shown under the PC's code.
      const content =
        typeof window !== 'undefined' ? window.prompt('预览模式：请粘贴电脑页面二维码的内容（链接）') : null;
      if (!content?.trim()) throw new BridgeError('已取消扫码', true);
      return content.trim();
    },

    close() {
      void Taro.reLaunch({ url: PAGES.card });
    },
  };
}
