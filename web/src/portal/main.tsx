import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './portal.css';

// The 渝快办 PC look: white and blue, plain words, type large enough for older eyes (>= 16 px).
const theme = {
  token: {
    colorPrimary: '#1f6fd6',
    colorLink: '#1f6fd6',
    fontSize: 16,
    fontSizeLG: 18,
    borderRadius: 6,
    fontFamily:
      '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#1f6fd6', siderBg: '#ffffff', bodyBg: '#f2f5fa', headerHeight: 72 },
    Menu: { itemHeight: 52, itemSelectedBg: '#e8f1fd', itemSelectedColor: '#1f6fd6' },
    Descriptions: { labelBg: '#f7f9fc' },
  },
};

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing in portal.html');
createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
