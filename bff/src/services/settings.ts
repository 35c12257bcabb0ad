import { DISTRICTS, districtName } from '@ykt/shared';
import { eq } from 'drizzle-orm';
import { type ReadDb, tablesOf } from '../db/database.ts';
import { forbidden, validationFailed } from '../lib/errors.ts';
import { iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Scope } from './caseworkers.ts';
import type { Actor, ServiceContext } from './context.ts';

/** How long review usually takes where nobody has said otherwise: 5 working days. */
export const DEFAULT_REVIEW_DAYS = 5;

/** The working days review usually takes in a district, as the municipal caseworker set it. */
export async function reviewDaysOf(db: ReadDb, districtCode: string): Promise<number> {
  const t = tablesOf(db).districtSettings;
  const [row] = await db.select({ days: t.reviewDays }).from(t).where(eq(t.districtCode, districtCode)).limit(1);
  return row?.days ?? DEFAULT_REVIEW_DAYS;
}

/** Per-district settings the municipal caseworker keeps in the console (today: the usual review time). */
export function createSettings(ctx: ServiceContext) {
  const { db, clock } = ctx;
  const t = db.schema.districtSettings;
  return {
    reviewDaysOf: (districtCode: string) => reviewDaysOf(db.read, districtCode),

    /** Every district with its usual review time (the default where nobody set one). */
    async list() {
      const set = new Map((await db.read.select().from(t)).map((r) => [r.districtCode, r.reviewDays]));
      return {
        items: DISTRICTS.map((d) => ({
          districtCode: d.code,
          districtName: d.name,
          reviewDays: set.get(d.code) ?? DEFAULT_REVIEW_DAYS,
        })),
      };
    },

    async setReviewDays(scope: Scope, districtCode: string, days: number, actor: Actor) {
      if (!scope.all) throw forbidden('只有市级经办人可以设置审核时限');
      if (!districtName(districtCode)) throw validationFailed({ districtCode: '没有这个区县' });
      if (!Number.isInteger(days) || days < 1 || days > 60) {
        throw validationFailed({ reviewDays: '审核时限应为1到60个工作日' });
      }
      const at = iso(clock.now());
      return db.unitOfWork(async (tx) => {
        await tx
          .insert(t)
          .values({ districtCode, reviewDays: days, updatedAt: at, updatedBy: scope.caseworkerId })
          .onConflictDoUpdate({
            target: t.districtCode,
            set: { reviewDays: days, updatedAt: at, updatedBy: scope.caseworkerId },
          });
        await writeAudit(tx, at, actor, 'settings.review_days', `district:${districtCode}`, { reviewDays: days });
        return { districtCode, districtName: districtName(districtCode) as string, reviewDays: days };
      });
    },
  };
}
