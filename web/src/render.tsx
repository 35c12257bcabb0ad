import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * Renders one web front end into #root: antd in Chinese, with the front end's theme. People who ask their system for
 * less motion get none: antd's fades and zooms stay off (the browser tests ask for it too, so nothing is read or
 * pictured half faded in).
 */
export function renderApp(app: ReactNode, theme: ThemeConfig): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing in the page');
  const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  createRoot(root).render(
    <StrictMode>
      <ConfigProvider
        locale={zhCN}
        theme={{ ...theme, token: { ...theme.token, motion: !reducedMotion } }}
        button={{ autoInsertSpace: false }}
      >
        <AntApp>{app}</AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
}
