import { type Tx, tablesOf } from '../db/database.ts';
import type { Actor } from './context.ts';

/**
 * One audit row, inside the caller's unit of work. `detail` is JSON of non-personal facts (masked numbers at most;
 * free text is redacted before it is stored anywhere).
 */
export async function writeAudit(
  tx: Tx,
  at: string,
  actor: Actor,
  action: string,
  target: string | null,
  detail?: object,
) {
  await tx.insert(tablesOf(tx).auditLog).values({
    at,
    actorType: actor.type,
    actor: actor.id,
    action,
    target,
    detail: detail ? JSON.stringify(detail) : null,
    ip: actor.ip ?? null,
  });
}
