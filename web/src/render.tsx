import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/** Renders one web front end into #root: antd in Chinese, with the front end's theme. */
export function renderApp(app: ReactNode, theme: ThemeConfig): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing in the page');
  createRoot(root).render(
    <StrictMode>
      <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
        <AntApp>{app}</AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
}
