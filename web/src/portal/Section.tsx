import { type DistrictLike, districtLabel, HELP_TEXT, NO_ACCOUNT_STEPS, NO_ACCOUNT_TITLE } from '@ykt/shared';
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

/** A person without a 一卡通 account is told what it means and where to declare one (manual 1.2), as on the phone. */
export function NoAccount() {
  return (
    <div className="ykb-no-account" role="status">
      <p className="ykb-no-account-title">{NO_ACCOUNT_TITLE}</p>
      {NO_ACCOUNT_STEPS.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

/** Where to ask, under every dead end: the 12345 hotline and the village or town office. */
export function HelpLine() {
  return <p className="ykb-help">{HELP_TEXT}</p>;
}

/**
 * A district as citizens read it, the same as on the phone: the name; with `withCode` (使用区县, where the manual
 * prints one) the code after it in small type. Never the code first, never a bare code.
 */
export function DistrictName({ district, withCode }: { district: DistrictLike; withCode?: boolean }) {
  const { name, code } = districtLabel(district);
  return (
    <span className="ykb-district">
      {name}
      {withCode && code && <small className="ykb-district-code">{code}</small>}
    </span>
  );
}
