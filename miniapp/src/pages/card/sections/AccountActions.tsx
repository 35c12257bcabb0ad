import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { errorMessage } from '@ykt/shared';
import { useState } from 'react';
import { logout } from '../../../api/client';
import { BridgeError, getBridge } from '../../../bridge';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { goToLogin, PAGES, withQuery } from '../../../utils/nav';
import { ticketFromQrContent } from '../../../utils/qr';
import type { ShowNotice } from './notice';

/** The foot of the card page: 扫码登录电脑端 (the PC's QR code) and 退出登录 (after a confirmation). */
export function AccountActions({ onNotice }: { onNotice: ShowNotice }) {
  const [askLogout, setAskLogout] = useState(false);

  async function scanPcLogin() {
    onNotice(null);
    try {
      const bridge = await getBridge();
      const content = await bridge.scanCode();
      const ticket = ticketFromQrContent(content);
      if (!ticket) {
        onNotice({ tone: 'error', text: '这不是“一卡通”电脑端登录二维码，请重新扫描' });
        return;
      }
      void Taro.navigateTo({ url: withQuery(PAGES.qrConfirm, { ticket }) });
    } catch (e) {
      if (e instanceof BridgeError && e.cancelled) return;
      onNotice({ tone: 'error', text: e instanceof BridgeError ? e.message : errorMessage(e) });
    }
  }

  async function signOut() {
    setAskLogout(false);
    await logout().catch(() => undefined); // the session is dropped on this phone either way
    goToLogin({ reason: 'logout' });
  }

  return (
    <>
      <View className="card-page-footer">
        <AppButton kind="outline" block onClick={() => void scanPcLogin()}>
          扫码登录电脑端
        </AppButton>
        <View className="logout-link" role="button" aria-label="退出登录" onClick={() => setAskLogout(true)}>
          退出登录
        </View>
      </View>
      <ConfirmDialog
        visible={askLogout}
        title="退出登录"
        confirmText="退出"
        cancelText="不退出"
        onConfirm={() => void signOut()}
        onCancel={() => setAskLogout(false)}
      >
        退出后，再次办理需要重新进行人脸识别。
      </ConfirmDialog>
    </>
  );
}
