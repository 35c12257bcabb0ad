import type { ReactNode } from 'react';

export const SYSTEM_TITLE = '惠民惠农财政补贴资金"一卡通"换卡系统';

/** The blue 渝快办 bar with the system's name; `children` go to the right (user, 退出). */
export function TopBar({ children }: { children?: ReactNode }) {
  return (
    <header className="ykb-topbar">
      <div className="ykb-brand">
        <span className="ykb-logo" aria-label="渝快办">
          渝快办
        </span>
        <span className="ykb-brand-sep" aria-hidden />
        <span className="ykb-system-title">{SYSTEM_TITLE}</span>
      </div>
      {children && <div className="ykb-topbar-right">{children}</div>}
    </header>
  );
}
