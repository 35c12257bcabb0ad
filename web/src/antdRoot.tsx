import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';

/**
 * antd in Chinese, with a front end's theme. People who ask their system for less motion get none: antd's fades and
 * zooms stay off (the browser tests ask for it too, so nothing is read or pictured half faded in).
 */
export function AntdRoot({ theme, children }: { theme: ThemeConfig; children: ReactNode }) {
  const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ ...theme, token: { ...theme.token, motion: !reducedMotion } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
