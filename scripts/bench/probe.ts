import { readFileSync } from 'node:fs';
import { openDataStore } from '../../bff/src/db/database.ts';
import { createFieldCrypto } from '../../bff/src/lib/fieldCrypto.ts';
import { systemClock } from '../../bff/src/lib/time.ts';
import { createAccounts } from '../../bff/src/services/accounts.ts';
import { createAuditLog } from '../../bff/src/services/auditLog.ts';
import { createBeneficiaries } from '../../bff/src/services/beneficiaries.ts';
import { createReview } from '../../bff/src/services/review.ts';

const key = readFileSync('/tmp/sc.key', 'utf8').trim();
const db = await openDataStore({ url: process.env.PGURL, path: process.env.DBPATH ?? '/tmp/sc/t.db' });
const ctx = { db, crypto: createFieldCrypto(key), clock: systemClock } as never;
const review = createReview(ctx),
  accounts = createAccounts(ctx),
  audit = createAuditLog(ctx),
  ben = createBeneficiaries(ctx);
const M = { caseworkerId: 2, districtCode: '500000', all: true },
  D = { caseworkerId: 1, districtCode: '500105', all: false };
async function t(label: string, fn: () => Promise<unknown>) {
  await fn();
  const n = 20;
  const s = performance.now();
  for (let i = 0; i < n; i++) await fn();
  console.log(label.padEnd(40), ((performance.now() - s) / n).toFixed(2), 'ms');
}
const q = (o: object) => ({ pageSize: 20, showCompleted: false, ...o }) as never;
for (const [sn, sc] of [
  ['M', M],
  ['D', D],
] as const) {
  await t(`${sn} queue pending`, () => review.list(sc, q({})));
  await t(`${sn} queue completed`, () => review.list(sc, q({ status: 'completed' })));
  await t(`${sn} bank 邮政`, () => review.list(sc, q({ bankName: '邮政' })));
  await t(`${sn} bank 邮政 completed`, () => review.list(sc, q({ bankName: '邮政', status: 'completed' })));
  await t(`${sn} name 陈`, () => review.list(sc, q({ name: '陈' })));
  await t(`${sn} name 陈 completed`, () => review.list(sc, q({ name: '陈', status: 'completed' })));
  await t(`${sn} name 陈建国 completed`, () => review.list(sc, q({ name: '陈建国', status: 'completed' })));
  await t(`${sn} last4`, () => review.list(sc, q({ idNumber: '1234' })));
  await t(`${sn} last4 completed`, () => review.list(sc, q({ idNumber: '1234', status: 'completed' })));
  await t(`${sn} applicant 李`, () => review.list(sc, q({ applicantName: '李' })));
  await t(`${sn} applicant 李 completed`, () => review.list(sc, q({ applicantName: '李', status: 'completed' })));
  await t(`${sn} accounts`, () => accounts.list(sc, { pageSize: 20 }));
  await t(`${sn} accounts name 陈`, () => accounts.list(sc, { pageSize: 20, name: '陈' }));
  await t(`${sn} accounts name 陈建国`, () => accounts.list(sc, { pageSize: 20, name: '陈建国' }));
}
await t('audit', () => audit.list(M, { pageSize: 20 }));
await t('audit action', () => audit.list(M, { pageSize: 20, action: 'change_request' }));
await t('card', () => ben.card(5000));
await db.close();
