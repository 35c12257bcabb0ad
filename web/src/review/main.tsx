import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReviewApp } from './ReviewApp';
import { theme } from './theme';
import './review.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in review.html');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ReviewApp />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
