import type { Db } from '../db/index.ts';
import { schema } from '../db/index.ts';
import type { Actor } from './context.ts';

type Tx = Pick<Db, 'insert'>;

/** One audit row. `detail` is JSON of non-personal facts (masked numbers at most); written inside the caller's transaction. */
export function writeAudit(tx: Tx, at: string, actor: Actor, action: string, target: string | null, detail?: object) {
  tx.insert(schema.auditLog)
    .values({
      at,
      actorType: actor.type,
      actor: actor.id,
      action,
      target,
      detail: detail ? JSON.stringify(detail) : null,
      ip: actor.ip ?? null,
    })
    .run();
}
