import '../zodWithoutEval';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './portal.css';

// The 渝快办 PC look: white and blue, plain words, type large enough for older eyes (>= 16 px).
const theme = {
  token: {
    // Every text colour passes WCAG AA (4.5:1) on its background; e2e/accessibility.test.ts checks with axe.
    colorPrimary: '#1a5fb8',
    colorLink: '#1a5fb8',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    // antd's status hues are too pale for text on their tinted backgrounds (有效/无效 tags: 2.2:1).
    colorSuccess: '#23700f',
    colorSuccessBg: '#f0f9eb',
    colorSuccessBorder: '#b7eb8f',
    colorError: '#b3161c',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffccc7',
    fontSize: 16,
    fontSizeLG: 18,
    borderRadius: 6,
    fontFamily:
      '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#1f6fd6', siderBg: '#ffffff', bodyBg: '#f2f5fa', headerHeight: 72 },
    Menu: { itemHeight: 52, itemSelectedBg: '#e8f1fd', itemSelectedColor: '#174f9c' },
    Descriptions: { labelBg: '#f7f9fc' },
  },
};

// People who ask their system for less motion get none: antd's fades and zooms stay off (the browser tests ask
// for it too, so nothing is read or pictured half faded in).
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
const themeWithMotion = { ...theme, token: { ...theme.token, motion: !reducedMotion } };

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing in portal.html');
createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={themeWithMotion} button={{ autoInsertSpace: false }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
