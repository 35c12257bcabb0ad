import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// The SQLite schema: the twin of ../pg/schema.ts (same tables, columns and JS types; ../schemaTypes.ts checks that at
// compile time), so one service layer serves both. Comments on the meaning of each column live in the PostgreSQL one.
//
// Times are ISO 8601 strings (UTC, always 24 characters): they sort as text and read the same in the API.

const isoTime = (name: string) => text(name);

const id = () => integer('id').primaryKey({ autoIncrement: true });
const cardTypes = ['social_security_card', 'bank_card', 'passbook'] as const;

export const beneficiaries = sqliteTable(
  'beneficiaries',
  {
    id: id(),
    name: text('name').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    // Only the year: with the district and the last 4 a full birth date would narrow the ID to a few dozen.
    birthYear: integer('birth_year').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIdx: text('id_number_idx').notNull(),
    /** Keyed index of the last 4 characters: the console's "last 4" search without the digits in clear. */
    idLast4Idx: text('id_last4_idx').notNull(),
    /** The mobile number the identity platform gave at the last face login (for SMS); encrypted. */
    mobileEnc: text('mobile_enc'),
    createdAt: isoTime('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('beneficiaries_id_number_idx').on(t.idNumberIdx),
    // Binary collation: a name prefix (what caseworkers type) is one index range.
    index('beneficiaries_name').on(t.name),
    index('beneficiaries_id_last4').on(t.idLast4Idx),
  ],
);

/** One row per beneficiary x district: the account that district pays this person's subsidies into. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: id(),
    beneficiaryId: integer('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    districtCode: text('district_code').notNull(),
    cardType: text('card_type', { enum: cardTypes }).notNull(),
    bankCode: text('bank_code').notNull(),
    accountNumberEnc: text('account_number_enc').notNull(),
    accountNumberIdx: text('account_number_idx').notNull(),
    accountNumberMasked: text('account_number_masked').notNull(),
    status: text('status', { enum: ['valid', 'invalid'] })
      .notNull()
      .default('valid'),
    source: text('source', { enum: ['yukuaiban', 'ykt'] })
      .notNull()
      .default('ykt'),
    invalidReason: text('invalid_reason'),
    invalidAt: isoTime('invalid_at'),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('accounts_beneficiary_district').on(t.beneficiaryId, t.districtCode),
    index('accounts_number_idx').on(t.accountNumberIdx),
    index('accounts_district_id').on(t.districtCode, t.id),
    check('accounts_status', sql`${t.status} in ('valid', 'invalid')`),
  ],
);

/** Every bank verification asked (card networks allow about 5 per card a day), reserved before the bank is asked. */
export const bankVerifications = sqliteTable(
  'bank_verifications',
  {
    id: id(),
    beneficiaryId: integer('beneficiary_id').notNull(),
    accountNumberIdx: text('account_number_idx').notNull(),
    /** 'pending' while the bank is being asked; then its answer, or 'unanswered' when it timed out. */
    result: text('result').notNull(),
    at: isoTime('at').notNull(),
    answeredAt: isoTime('answered_at'),
  },
  (t) => [
    index('bank_verifications_account').on(t.accountNumberIdx, t.at),
    index('bank_verifications_person').on(t.beneficiaryId, t.at),
    // One submission in flight per person, across every instance.
    uniqueIndex('bank_verifications_one_in_flight').on(t.beneficiaryId).where(sql`result = 'pending'`),
  ],
);

export const caseworkers = sqliteTable('caseworkers', {
  id: id(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  name: text('name').notNull(),
  districtCode: text('district_code').notNull(),
  /** Set by the municipal caseworker: no login, every session ended. */
  disabledAt: isoTime('disabled_at'),
  createdAt: isoTime('created_at').notNull(),
});

export const changeRequests = sqliteTable(
  'change_requests',
  {
    id: id(),
    beneficiaryId: integer('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    districtCode: text('district_code').notNull(),
    applicantName: text('applicant_name').notNull(),
    channel: text('channel', { enum: ['mobile', 'pc'] }).notNull(),
    cardType: text('card_type', { enum: cardTypes }).notNull(),
    bankCode: text('bank_code').notNull(),
    accountNumberEnc: text('account_number_enc').notNull(),
    accountNumberIdx: text('account_number_idx').notNull(),
    accountNumberMasked: text('account_number_masked').notNull(),
    // The district's account when the request was made: "变更前" stays readable after the account changes.
    prevCardType: text('prev_card_type', { enum: cardTypes }),
    prevBankCode: text('prev_bank_code').notNull(),
    prevAccountNumberEnc: text('prev_account_number_enc').notNull(),
    prevAccountNumberMasked: text('prev_account_number_masked').notNull(),
    reason: text('reason'),
    consentAt: isoTime('consent_at').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'withdrawn', 'failed'] }).notNull(),
    failureReason: text('failure_reason'),
    /** The bank's answer this request rests on (what the caseworker sees as 银行验证). */
    verificationId: integer('verification_id').references(() => bankVerifications.id),
    appliedAt: isoTime('applied_at').notNull(),
    finishedAt: isoTime('finished_at'),
    reviewerId: integer('reviewer_id').references(() => caseworkers.id),
    reviewOpinion: text('review_opinion'),
  },
  (t) => [
    // Domain rule 1: one pending request per person, held by the database itself.
    uniqueIndex('change_requests_one_pending').on(t.beneficiaryId).where(sql`status = 'pending'`),
    index('change_requests_beneficiary').on(t.beneficiaryId, t.appliedAt),
    // The review queue, newest first: per district, and across districts for the municipal caseworker.
    index('change_requests_district_queue').on(t.districtCode, t.status, t.appliedAt, t.id),
    index('change_requests_queue').on(t.status, t.appliedAt, t.id),
    // 显示完结: every status but failed, still newest first.
    index('change_requests_district_time').on(t.districtCode, t.appliedAt, t.id),
    index('change_requests_time').on(t.appliedAt, t.id),
    // 姓名 / 申请人姓名 by prefix, and 开户银行: covering for the capped count and the page's ids (scope, view, order).
    index('change_requests_applicant').on(t.applicantName, t.status, t.districtCode, t.appliedAt, t.id),
    index('change_requests_bank').on(t.bankCode, t.status, t.districtCode, t.appliedAt, t.id),
    index('change_requests_account_idx').on(t.accountNumberIdx),
    check('change_requests_status', sql`${t.status} in ('pending', 'approved', 'rejected', 'withdrawn', 'failed')`),
  ],
);

export const notifications = sqliteTable(
  'notifications',
  {
    id: id(),
    beneficiaryId: integer('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    accountId: integer('account_id').references(() => accounts.id),
    requestId: integer('request_id').references(() => changeRequests.id),
    kind: text('kind', {
      enum: ['crediting_failure', 'manual_validation', 'scheduled_validation', 'review_approved', 'review_rejected'],
    }).notNull(),
    bankCode: text('bank_code').notNull(),
    accountNumberMasked: text('account_number_masked').notNull(),
    districtCode: text('district_code').notNull(),
    /** Every district the notice is about, comma-separated (one card can serve several). */
    districtCodes: text('district_codes').notNull(),
    message: text('message').notNull(),
    occurredAt: isoTime('occurred_at').notNull(),
    readAt: isoTime('read_at'),
  },
  (t) => [index('notifications_beneficiary').on(t.beneficiaryId, t.occurredAt)],
);

/** Server-side sessions: a JWT is only good while its row is neither revoked nor expired. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    role: text('role', { enum: ['citizen', 'caseworker'] }).notNull(),
    subjectId: integer('subject_id').notNull(),
    channel: text('channel', { enum: ['face', 'qr', 'password'] }).notNull(),
    createdAt: isoTime('created_at').notNull(),
    expiresAt: isoTime('expires_at').notNull(),
    revokedAt: isoTime('revoked_at'),
  },
  (t) => [index('sessions_subject').on(t.role, t.subjectId), index('sessions_expires').on(t.expiresAt)],
);

export const qrTickets = sqliteTable(
  'qr_tickets',
  {
    ticket: text('ticket').primaryKey(),
    /** SHA-256 of the secret only the creating PC holds: the token goes to that PC and nobody else. */
    secretHash: text('secret_hash').notNull(),
    status: text('status', { enum: ['waiting', 'scanned', 'confirmed', 'expired', 'cancelled', 'used'] }).notNull(),
    createdAt: isoTime('created_at').notNull(),
    expiresAt: isoTime('expires_at').notNull(),
    beneficiaryId: integer('beneficiary_id').references(() => beneficiaries.id),
    sessionId: text('session_id'),
    tokenDeliveredAt: isoTime('token_delivered_at'),
  },
  (t) => [index('qr_tickets_expires').on(t.expiresAt)],
);

export const validationRuns = sqliteTable(
  'validation_runs',
  {
    id: id(),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull(),
    startedAt: isoTime('started_at').notNull(),
    finishedAt: isoTime('finished_at'),
    /** Updated after every batch: a "running" run whose heartbeat stopped belongs to an instance that is gone. */
    heartbeatAt: isoTime('heartbeat_at').notNull(),
    checked: integer('checked').notNull().default(0),
    invalidated: integer('invalidated').notNull().default(0),
    /** Accounts passed over because a 渝快办 change was pending for their owner (domain rule 6). */
    skipped: integer('skipped').notNull().default(0),
    /** Last account id checked: a run stopped by a gateway failure is carried on from here by the next one. */
    cursor: integer('cursor').notNull().default(0),
    error: text('error'),
    /** Why a failed run stopped: BANK_UNAVAILABLE, INTERRUPTED (the service stopped) or INTERNAL. */
    errorCode: text('error_code', { enum: ['BANK_UNAVAILABLE', 'INTERRUPTED', 'INTERNAL'] }),
  },
  // Never two runs at once, across every instance, held by the database itself.
  (t) => [uniqueIndex('validation_runs_one_running').on(t.status).where(sql`status = 'running'`)],
);

/** Who did what, when, from where. Never a full ID or account number in `detail`. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    at: isoTime('at').notNull(),
    actorType: text('actor_type', { enum: ['citizen', 'caseworker', 'system'] }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    detail: text('detail'),
    ip: text('ip'),
  },
  (t) => [index('audit_log_action').on(t.action, t.id)],
);

/** Caseworker password attempts: the brute-force guard counts these per username and address. */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: id(),
    /** The caseworker's id, or a keyed hash of an unknown username (never what was typed). */
    usernameKey: text('username_key').notNull(),
    ip: text('ip').notNull(),
    /** null while the password is being checked: counted like a failure, so parallel guesses cannot slip past. */
    ok: integer('ok', { mode: 'boolean' }),
    at: isoTime('at').notNull(),
  },
  (t) => [index('login_attempts_key').on(t.usernameKey, t.ip, t.at)],
);

/** Fixed-window counters of the per-route limits, shared by every instance. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  resetAt: integer('reset_at').notNull(),
});

/** Per district: how long review usually takes, as the municipal caseworker sets it (default 5 working days). */
export const districtSettings = sqliteTable('district_settings', {
  districtCode: text('district_code').primaryKey(),
  reviewDays: integer('review_days').notNull(),
  updatedAt: isoTime('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => caseworkers.id),
});

/**
 * Messages to send outside the app (SMS / 渝快办 push), written in the same transaction as their event and sent
 * by a worker: nothing lost, each sent once (claimed with a lease), retried while the channel is down.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: id(),
    beneficiaryId: integer('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    template: text('template').notNull(),
    /** JSON of the template's parameters: masked or last-4 values only. */
    params: text('params').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'skipped'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: isoTime('next_attempt_at').notNull(),
    leaseUntil: isoTime('lease_until'),
    messageId: text('message_id'),
    lastError: text('last_error'),
    createdAt: isoTime('created_at').notNull(),
    sentAt: isoTime('sent_at'),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt), index('outbox_beneficiary').on(t.beneficiaryId)],
);

/** A payment batch of the 一卡通 system: one district, one 补贴项目, one period (payments.md). */
export const paymentBatches = sqliteTable('payment_batches', {
  batchId: text('batch_id').primaryKey(),
  districtCode: text('district_code').notNull(),
  itemCode: text('item_code').notNull(),
  period: text('period').notNull(),
  paidAt: isoTime('paid_at').notNull(),
  /** SHA-256 of the canonical body: the same batchId with other content is refused. */
  contentHash: text('content_hash').notNull(),
  lines: integer('lines').notNull(),
  paid: integer('paid').notNull(),
  failed: integer('failed').notNull(),
  invalidated: integer('invalidated').notNull(),
  amountFen: integer('amount_fen').notNull(),
  paidFen: integer('paid_fen').notNull(),
  receivedAt: isoTime('received_at').notNull(),
});

/** 发放记录: one line of a batch. Amounts in 分 (integers). */
export const payments = sqliteTable(
  'payments',
  {
    id: id(),
    batchId: text('batch_id')
      .notNull()
      .references(() => paymentBatches.batchId),
    lineNo: integer('line_no').notNull(),
    beneficiaryId: integer('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    districtCode: text('district_code').notNull(),
    itemCode: text('item_code').notNull(),
    period: text('period').notNull(),
    /** The year of paidAt in Chongqing: the citizen's page is one year. */
    year: integer('year').notNull(),
    paidAt: isoTime('paid_at').notNull(),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: ['paid', 'failed'] }).notNull(),
    failureCode: text('failure_code'),
    failureReason: text('failure_reason'),
    bankCode: text('bank_code').notNull(),
    accountNumberEnc: text('account_number_enc').notNull(),
    accountNumberIdx: text('account_number_idx').notNull(),
    accountNumberMasked: text('account_number_masked').notNull(),
    /** The 无效卡 notice a failed line caused, if it invalidated an account. */
    notificationId: integer('notification_id').references(() => notifications.id),
  },
  (t) => [
    uniqueIndex('payments_batch_line').on(t.batchId, t.lineNo),
    // Every read is one person's lines (a few dozen a year): this one range serves the citizen's page and, filtered,
    // the caseworker's (one district, one 项目). One index to maintain per line keeps a 10,000-line batch quick.
    index('payments_person_year').on(t.beneficiaryId, t.year, t.paidAt, t.id),
    check('payments_amount', sql`${t.amountFen} > 0`),
    check('payments_status', sql`${t.status} in ('paid', 'failed')`),
    check(
      'payments_failure',
      sql`(${t.status} = 'paid' and ${t.failureCode} is null and ${t.failureReason} is null) or (${t.status} = 'failed' and ${t.failureCode} is not null and ${t.failureReason} is not null)`,
    ),
  ],
);
