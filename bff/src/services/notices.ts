import { type NotificationKind, type NotifyTemplateId, prepareNotifyParams } from '@ykt/shared';
import { type Tx, tablesOf } from '../db/database.ts';

/** A message outside the app (SMS / 渝快办 push): a template of shared/src/notifyTemplates.ts and its parameters. */
export interface OutsideMessage {
  template: NotifyTemplateId;
  /** Codes and last 4 digits; free text is cleaned here (numbers cut to their last 4) before it is stored. */
  params: Record<string, unknown>;
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
  if (notice.outside) await queueOutside(tx, notice.beneficiaryId, notice.outside, at);
  return row.id;
}

/**
 * A message outside the app, queued in the outbox inside the caller's unit of work. Checked and cleaned now, so the
 * outbox never holds what the channel would refuse; a message that cannot be sent is kept as skipped with the
 * reason, and never stops the event itself.
 */
export async function queueOutside(tx: Tx, beneficiaryId: number, outside: OutsideMessage, at: string) {
  const prepared = prepareNotifyParams(outside.template, outside.params);
  await tx.insert(tablesOf(tx).outbox).values({
    beneficiaryId,
    template: outside.template,
    params: JSON.stringify(prepared.ok ? prepared.params : {}),
    status: prepared.ok ? 'pending' : 'skipped',
    lastError: prepared.ok ? null : `${prepared.code}: ${Object.keys(prepared.fields).join(',')}`,
    nextAttemptAt: at,
    createdAt: at,
  });
}
