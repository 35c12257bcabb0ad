import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';

const SYSTEM_TITLE = '惠民惠农财政补贴资金"一卡通"换卡系统';

/** White-on-blue buttons for the bar (系统通知, 退出). */
const onBlue = {
  components: {
    Button: {
      defaultBg: 'transparent',
      defaultColor: '#fff',
      defaultBorderColor: 'rgba(255, 255, 255, 0.8)',
      defaultHoverBg: 'rgba(255, 255, 255, 0.15)',
      defaultHoverColor: '#fff',
      defaultHoverBorderColor: '#fff',
      defaultActiveBg: 'rgba(255, 255, 255, 0.25)',
      defaultActiveColor: '#fff',
      defaultActiveBorderColor: '#fff',
      textTextColor: '#fff',
      textTextHoverColor: '#fff',
      textTextActiveColor: '#fff',
      textHoverBg: 'rgba(255, 255, 255, 0.15)',
    },
  },
};

/** The blue 渝快办 bar with the system's name; `children` go to the right (user, 退出). */
export function TopBar({ children }: { children?: ReactNode }) {
  return (
    <header className="ykb-topbar">
      <div className="ykb-brand">
        <span className="ykb-logo">渝快办</span>
        <span className="ykb-brand-sep" aria-hidden />
        <span className="ykb-system-title">{SYSTEM_TITLE}</span>
      </div>
      {children && (
        <ConfigProvider theme={onBlue}>
          <div className="ykb-topbar-right">{children}</div>
        </ConfigProvider>
      )}
    </header>
  );
}
