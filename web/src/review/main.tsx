import '../zodWithoutEval';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReviewApp } from './ReviewApp';
import { theme } from './theme';
import './review.css';

// People who ask their system for less motion get none: antd's fades and zooms stay off (the browser tests ask
// for it too, so nothing is read or pictured half faded in).
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
const themeWithMotion = { ...theme, token: { ...theme.token, motion: !reducedMotion } };

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in review.html');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={themeWithMotion} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ReviewApp />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
