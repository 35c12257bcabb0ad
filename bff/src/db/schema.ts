import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are ISO 8601 strings (UTC): they sort as text and read the same in the API.
// `*Enc` columns hold AES-256-GCM ciphertext; `*Idx` their HMAC blind index for equality look-ups;
// `*Masked` the display form (first 4 + last 4), which is not secret.

export const beneficiaries = sqliteTable(
  'beneficiaries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    birthDate: text('birth_date').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIdx: text('id_number_idx').notNull(),
    idNumberLast4: text('id_number_last4').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('beneficiaries_id_number_idx').on(t.idNumberIdx), index('beneficiaries_name').on(t.name)],
);

/** One row per beneficiary x district: the account that district pays this person's subsidies into. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    beneficiaryId: integer('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    districtCode: text('district_code').notNull(),
    cardType: text('card_type', { enum: ['social_security_card', 'bank_card', 'passbook'] }).notNull(),
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
    invalidAt: text('invalid_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('accounts_beneficiary_district').on(t.beneficiaryId, t.districtCode),
    index('accounts_number_idx').on(t.accountNumberIdx),
    index('accounts_district_status').on(t.districtCode, t.status),
  ],
);

export const changeRequests = sqliteTable(
  'change_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    beneficiaryId: integer('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    districtCode: text('district_code').notNull(),
    applicantName: text('applicant_name').notNull(),
    channel: text('channel', { enum: ['mobile', 'pc'] }).notNull(),
    cardType: text('card_type', { enum: ['social_security_card', 'bank_card', 'passbook'] }).notNull(),
    bankCode: text('bank_code').notNull(),
    accountNumberEnc: text('account_number_enc').notNull(),
    accountNumberIdx: text('account_number_idx').notNull(),
    accountNumberMasked: text('account_number_masked').notNull(),
    // The district's account when the request was made: "变更前" stays readable after the account changes.
    prevCardType: text('prev_card_type', { enum: ['social_security_card', 'bank_card', 'passbook'] }),
    prevBankCode: text('prev_bank_code').notNull(),
    prevAccountNumberEnc: text('prev_account_number_enc').notNull(),
    prevAccountNumberMasked: text('prev_account_number_masked').notNull(),
    reason: text('reason'),
    consentAt: text('consent_at').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'withdrawn', 'failed'] }).notNull(),
    failureReason: text('failure_reason'),
    appliedAt: text('applied_at').notNull(),
    finishedAt: text('finished_at'),
    reviewerId: integer('reviewer_id').references(() => caseworkers.id),
    reviewOpinion: text('review_opinion'),
  },
  (t) => [
    // Domain rule 1: one pending request per person, held by the database itself.
    uniqueIndex('change_requests_one_pending').on(t.beneficiaryId).where(sql`status = 'pending'`),
    index('change_requests_beneficiary').on(t.beneficiaryId, t.appliedAt),
    index('change_requests_district_status').on(t.districtCode, t.status, t.appliedAt),
    index('change_requests_account_idx').on(t.accountNumberIdx),
  ],
);

export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    beneficiaryId: integer('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').notNull(),
    bankCode: text('bank_code').notNull(),
    accountNumberMasked: text('account_number_masked').notNull(),
    districtCode: text('district_code').notNull(),
    message: text('message').notNull(),
    occurredAt: text('occurred_at').notNull(),
    readAt: text('read_at'),
  },
  (t) => [index('notifications_beneficiary').on(t.beneficiaryId, t.occurredAt)],
);

export const caseworkers = sqliteTable('caseworkers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  name: text('name').notNull(),
  districtCode: text('district_code').notNull(),
  createdAt: text('created_at').notNull(),
});

/** Server-side sessions: a JWT is only good while its row is neither revoked nor expired. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    role: text('role', { enum: ['citizen', 'caseworker'] }).notNull(),
    subjectId: integer('subject_id').notNull(),
    channel: text('channel', { enum: ['face', 'qr', 'password'] }).notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('sessions_subject').on(t.role, t.subjectId)],
);

export const qrTickets = sqliteTable('qr_tickets', {
  ticket: text('ticket').primaryKey(),
  /** SHA-256 of the secret only the creating PC holds: the token goes to that PC and nobody else. */
  secretHash: text('secret_hash').notNull(),
  status: text('status', { enum: ['waiting', 'scanned', 'confirmed', 'expired'] }).notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  beneficiaryId: integer('beneficiary_id').references(() => beneficiaries.id),
  sessionId: text('session_id'),
  tokenDeliveredAt: text('token_delivered_at'),
});

/** Every bank verification asked, for the card networks' limit (about 5 per card per 24 h). */
export const bankVerifications = sqliteTable(
  'bank_verifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    beneficiaryId: integer('beneficiary_id').notNull(),
    accountNumberIdx: text('account_number_idx').notNull(),
    result: text('result').notNull(),
    at: text('at').notNull(),
  },
  (t) => [
    index('bank_verifications_account').on(t.accountNumberIdx, t.at),
    index('bank_verifications_person').on(t.beneficiaryId, t.at),
  ],
);

export const validationRuns = sqliteTable(
  'validation_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    checked: integer('checked').notNull().default(0),
    invalidated: integer('invalidated').notNull().default(0),
    /** Accounts passed over because a 渝快办 change was pending for their owner (domain rule 6). */
    skipped: integer('skipped').notNull().default(0),
    /** Last account id checked: a run stopped by a gateway failure is carried on from here by the next one. */
    cursor: integer('cursor').notNull().default(0),
    error: text('error'),
  },
  // Never two runs at once, held by the database itself.
  (t) => [uniqueIndex('validation_runs_one_running').on(t.status).where(sql`status = 'running'`)],
);

/** Who did what, when, from where. Never a full ID or account number in `detail`. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorType: text('actor_type', { enum: ['citizen', 'caseworker', 'system'] }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    detail: text('detail'),
    ip: text('ip'),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_action').on(t.action)],
);
