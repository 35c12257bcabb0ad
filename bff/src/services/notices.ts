import type { NotificationKind } from '@ykt/shared';
import { type Tx, tablesOf } from '../db/database.ts';

/** A message outside the app (SMS / 渝快办 push): a template of shared/src/notifyTemplates.ts and its parameters. */
export interface OutsideMessage {
  template: string;
  /** Last 4 digits at most, never a full number. */
  params: Record<string, string>;
}

export interface Notice {
  beneficiaryId: number;
  kind: NotificationKind;
  /** The card the notice is about. */
  account: { id: number | null; bankCode: string; accountNumberMasked: string; districtCode: string };
  /** Every district it is about: one card can be used in several, and one notice names them all. */
  districtCodes: string[];
  message: string;
  requestId?: number;
  outside?: OutsideMessage;
}

/**
 * A 系统通知, inside the caller's unit of work, with its message outside the app queued in the outbox in the same
 * transaction: the event and its messages are recorded together or not at all; the outbox worker sends them.
 */
export async function writeNotice(tx: Tx, notice: Notice, at: string): Promise<number> {
  const t = tablesOf(tx);
  const [row] = await tx
    .insert(t.notifications)
    .values({
      beneficiaryId: notice.beneficiaryId,
      accountId: notice.account.id,
      requestId: notice.requestId ?? null,
      kind: notice.kind,
      bankCode: notice.account.bankCode,
      accountNumberMasked: notice.account.accountNumberMasked,
      districtCode: notice.account.districtCode,
      districtCodes: notice.districtCodes.join(','),
      message: notice.message,
      occurredAt: at,
    })
    .returning({ id: t.notifications.id });
  if (notice.outside) {
    await tx.insert(t.outbox).values({
      beneficiaryId: notice.beneficiaryId,
      template: notice.outside.template,
      params: JSON.stringify(notice.outside.params),
      status: 'pending',
      nextAttemptAt: at,
      createdAt: at,
    });
  }
  return row.id;
}
