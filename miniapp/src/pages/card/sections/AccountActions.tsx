import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { citizenEndpoints as citizen, errorMessage } from '@ykt/shared';
import { forgetAll } from '@ykt/shared/swr';
import { useState } from 'react';
import { call, logout } from '../../../api/client';
import { clearSession } from '../../../api/session';
import { BridgeError, getBridge } from '../../../bridge';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { clearDraft } from '../../../utils/changeDraft';
import { goToLogin, PAGES, withQuery } from '../../../utils/nav';
import { ticketFromQrContent } from '../../../utils/qr';
import type { ShowNotice } from './notice';

/**
 * The foot of the card page: 扫码登录电脑端 (the PC's QR code), 退出登录 and 退出所有设备 (each after a
 * confirmation; both drop the 变更卡 draft kept on this phone).
 */
export function AccountActions({ onNotice }: { onNotice: ShowNotice }) {
  const [askLogout, setAskLogout] = useState(false);
  const [askLogoutAll, setAskLogoutAll] = useState(false);
  const [endingAll, setEndingAll] = useState(false);

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
    clearDraft();
    await logout().catch(() => undefined); // the session is dropped on this phone either way
    goToLogin({ reason: 'logout' });
  }

  async function signOutEverywhere() {
    setEndingAll(true);
    try {
      // Every session of this person ends (phones, PCs), this one included. (Here, not in api/client: the login
      // page, which loads that module first, does not need it.)
      await call(citizen.logoutAll);
    } catch (e) {
      // Not ended elsewhere: say so and stay (this phone's session is gone only if the server said 401).
      setEndingAll(false);
      setAskLogoutAll(false);
      onNotice({ tone: 'error', text: `未能退出所有设备：${errorMessage(e)}` });
      return;
    }
    clearSession();
    forgetAll();
    clearDraft();
    goToLogin({ reason: 'logout-all' });
  }

  return (
    <>
      <View className="card-page-footer">
        <AppButton kind="outline" block onClick={() => void scanPcLogin()}>
          扫码登录电脑端
        </AppButton>
        <View className="logout-links">
          <View className="logout-link" role="button" aria-label="退出登录" onClick={() => setAskLogout(true)}>
            退出登录
          </View>
          <View className="logout-link" role="button" aria-label="退出所有设备" onClick={() => setAskLogoutAll(true)}>
            退出所有设备
          </View>
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
      <ConfirmDialog
        visible={askLogoutAll}
        title="退出所有设备"
        confirmText={endingAll ? '正在退出…' : '全部退出'}
        cancelText="不退出"
        onConfirm={() => !endingAll && void signOutEverywhere()}
        onCancel={() => setAskLogoutAll(false)}
      >
        您在所有手机和电脑上的登录都将退出，包括这部手机。如果怀疑别人登录过您的账户，请这样做。再次办理需要重新进行人脸识别。
      </ConfirmDialog>
    </>
  );
}
