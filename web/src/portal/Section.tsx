import { NO_ACCOUNT_LINES } from '@ykt/shared';
import type { ReactNode } from 'react';

/** A titled block of a page, like the manual's "基本信息" / "账户信息" headings. */
export function Section({
  id,
  icon,
  title,
  extra,
  children,
}: {
  id?: string;
  icon?: ReactNode;
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section id={id} className="ykb-section" aria-labelledby={headingId}>
      <div className="ykb-section-head">
        <h2 id={headingId} className="ykb-section-title">
          {icon && <span className="ykb-section-icon">{icon}</span>}
          {title}
        </h2>
        {extra}
      </div>
      {children}
    </section>
  );
}

/** A person without a 一卡通 account is told where to declare one (manual 1.2, two lines as there). */
export function NoAccount() {
  return (
    <div className="ykb-no-account" role="status">
      <p>{NO_ACCOUNT_LINES[0]}</p>
      <p>{NO_ACCOUNT_LINES[1]}</p>
    </div>
  );
}
