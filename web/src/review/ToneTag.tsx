import { reviewStatusLabel } from '@ykt/shared';
import type { ReactNode } from 'react';

/**
 * A small status label whose text always says the state (never color alone), drawn with dark text on a pale
 * ground so it passes WCAG AA contrast (antd's preset tag colors are lighter than 4.5:1 on their ground).
 */
export type Tone = 'blue' | 'green' | 'red' | 'gray' | 'orange';

export function ToneTag({ tone, children, icon }: { tone: Tone; children: ReactNode; icon?: ReactNode }) {
  return (
    <span className={`rv-tone rv-tone-${tone}`}>
      {icon}
      {children}
    </span>
  );
}

const STATUS_TONES: Record<string, Tone> = {
  pending: 'blue',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'gray',
  failed: 'orange',
};

/** A request's 数据状态 as the caseworker reads it (待审核 ...). */
export function StatusTag({ status }: { status: string }) {
  return <ToneTag tone={STATUS_TONES[status] ?? 'gray'}>{reviewStatusLabel(status)}</ToneTag>;
}
