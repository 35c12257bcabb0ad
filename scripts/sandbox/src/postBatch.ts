/**
 * Plays the 一卡通 system: posts payment batches to the BFF (payments.md), for demos.
 *
 *   pnpm exec tsx scripts/sandbox/src/postBatch.ts [--scenario demo|paid|closed-card] [--period 2026年度]
 *       [--paid-at ISO] [--batch-id ID] [--file batch.json] [--bff URL] [--key KEY] [--dry-run]
 *
 * BFF URL: --bff, else YKT_BFF_URL, else http://127.0.0.1:3000. Service key: --key, else YKT_SERVICE_KEY (start.sh
 * keeps the demo's in data/secrets.json). --file posts a batch described as JSON (PaymentBatchInput: districtCode,
 * itemCode, period, lines without lineNo; amounts in 分), built into canonical form first. --dry-run prints the
 * batches instead of posting them. Exit code 0 when every batch was accepted (2xx), 1 otherwise.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  buildPaymentBatch,
  PAYMENT_SCENARIOS,
  type PaymentBatch,
  PaymentBatchError,
  type PaymentBatchInput,
  type PaymentScenario,
  postPaymentBatch,
  scenarioBatches,
  summarizeBatch,
} from './paymentBatches.ts';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'demo' },
    period: { type: 'string' },
    'paid-at': { type: 'string' },
    'batch-id': { type: 'string' },
    file: { type: 'string' },
    bff: { type: 'string' },
    key: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`postBatch: --scenario ${Object.keys(PAYMENT_SCENARIOS).join('|')} (or --file batch.json)`);
  for (const [name, what] of Object.entries(PAYMENT_SCENARIOS)) console.log(`  ${name}: ${what}`);
  process.exit(0);
}

let batches: PaymentBatch[];
try {
  if (values.file) {
    const input = JSON.parse(readFileSync(values.file, 'utf8')) as PaymentBatchInput;
    batches = [
      buildPaymentBatch({
        ...input,
        ...(values.period ? { period: values.period } : {}),
        ...(values['paid-at'] ? { paidAt: values['paid-at'] } : {}),
        ...(values['batch-id'] ? { batchId: values['batch-id'] } : {}),
      }),
    ];
  } else {
    if (!(values.scenario in PAYMENT_SCENARIOS)) {
      console.error(`unknown scenario ${values.scenario}: ${Object.keys(PAYMENT_SCENARIOS).join(', ')}`);
      process.exit(1);
    }
    batches = scenarioBatches(values.scenario as PaymentScenario, {
      period: values.period,
      paidAt: values['paid-at'],
    });
    if (values['batch-id']) {
      // One id for several batches would make the second a conflict: suffix them.
      batches = batches.map((b, k) => ({
        ...b,
        batchId: batches.length > 1 ? `${values['batch-id']}-${k + 1}` : `${values['batch-id']}`,
      }));
    }
  }
} catch (err) {
  if (err instanceof PaymentBatchError) {
    console.error(err.message);
    for (const [field, message] of Object.entries(err.fields)) console.error(`  ${field}: ${message}`);
    process.exit(1);
  }
  throw err;
}

if (values['dry-run']) {
  console.log(JSON.stringify(batches, null, 2));
  process.exit(0);
}

const bffUrl = values.bff || process.env.YKT_BFF_URL || 'http://127.0.0.1:3000';
const serviceKey = values.key || process.env.YKT_SERVICE_KEY;
if (!serviceKey) {
  console.error('no service key: pass --key or set YKT_SERVICE_KEY (the BFF’s, see data/secrets.json for the demo)');
  process.exit(1);
}

let failures = 0;
for (const batch of batches) {
  const s = summarizeBatch(batch);
  const what = `${batch.batchId}: ${s.lines} lines (${s.paid} paid, ${s.failed} failed), ${s.totalFen} 分`;
  try {
    const posted = await postPaymentBatch({ bffUrl, serviceKey }, batch);
    const ok = posted.status >= 200 && posted.status < 300;
    if (!ok) failures++;
    console.log(`${ok ? 'accepted' : 'refused'} ${what} -> ${posted.status} ${JSON.stringify(posted.answer)}`);
  } catch (err) {
    failures++;
    console.error(`could not reach the BFF at ${bffUrl} for ${batch.batchId}: ${(err as Error).message}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
