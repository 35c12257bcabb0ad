import { z } from 'zod';

/** Every setting of the BFF, read from the environment once and validated here (README lists them). */
const configSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  /** SQLite file (WAL), the embedded default; ignored when databaseUrl is set. */
  databasePath: z.string().default('data/ykt.db'),
  /** postgres://…: run on PostgreSQL instead (production; any number of instances may share it). */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'YKT_DATABASE_URL must be a postgres:// URL')
    .optional(),
  /**
   * Connections per instance in the PostgreSQL pool. 20, not 10: ten caseworker connections on slow queries must
   * not leave the citizens' card faces waiting for a connection (docs/benchmarks.md, mixed lines).
   */
  databasePoolSize: z.coerce.number().int().min(1).max(100).default(20),
  /** 32 bytes, base64: AES-256-GCM for ID and account numbers, HMAC for their blind indexes (both derived by HKDF). */
  dataKey: z.string().refine((k) => Buffer.from(k, 'base64').length === 32, 'YKT_DATA_KEY must be 32 bytes base64'),
  jwtSecret: z.string().min(32, 'YKT_JWT_SECRET must be at least 32 characters'),
  sessionTtlSeconds: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 60),
  identityUrl: z.url(),
  bankUrl: z.url(),
  /** The notification channel (SMS / 渝快办 message push); default: where the bank gateway is (the sandbox). */
  notifyUrl: z.url().optional(),
  /** How often the outbox is sent (ms); 0 turns the sender off (tests that drive it by hand). */
  outboxIntervalMs: z.coerce.number().int().min(0).default(2000),
  gatewayAppKey: z.string().min(1),
  bankTimeoutMs: z.coerce.number().int().positive().default(3000),
  qrTtlSeconds: z.coerce.number().int().positive().default(300),
  /** Where a phone opens the QR content: the public origin of this BFF. */
  publicUrl: z.url().optional(),
  /** 'preview' lets the H5 build log in through the sandbox identity platform (demo, tests). */
  faceMode: z.enum(['preview', 'container']).default('container'),
  identityPreviewUrl: z.url().optional(),
  /** Built front ends to serve; absent directories are skipped. */
  miniappDist: z.string().optional(),
  webDist: z.string().optional(),
  /** Service credential of the 一卡通 system for 上卡失败 reports. */
  yktServiceKey: z.string().min(16).optional(),
  /** Cron-like daily time of the scheduled validation in Asia/Shanghai, "HH:MM"; empty disables it. */
  validationSchedule: z.string().default('02:00'),
  validationBatchSize: z.coerce.number().int().min(1).max(100).default(50),
  /** Pause between batches, to stay within the rate the bank gateway allows. */
  validationBatchPauseMs: z.coerce.number().int().min(0).default(200),
  bankVerificationsPerAccountPerDay: z.coerce.number().int().positive().default(5),
  bankVerificationsPerPersonPerDay: z.coerce.number().int().positive().default(20),
  /** Behind a reverse proxy, trust its X-Forwarded-For (per-address limits and the audit's address depend on it). */
  trustProxy: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export function parseConfig(input: ConfigInput): Config {
  return configSchema.parse(input);
}

/** Maps YKT_* environment variables onto the config (undefined keeps the default). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return parseConfig({
    host: env.YKT_HOST,
    port: env.YKT_PORT as unknown as number,
    databasePath: env.YKT_DATABASE_PATH,
    databaseUrl: env.YKT_DATABASE_URL || undefined,
    databasePoolSize: env.YKT_DATABASE_POOL_SIZE as unknown as number,
    dataKey: env.YKT_DATA_KEY ?? '',
    jwtSecret: env.YKT_JWT_SECRET ?? '',
    sessionTtlSeconds: env.YKT_SESSION_TTL_SECONDS as unknown as number,
    identityUrl: env.YKT_IDENTITY_URL ?? 'http://127.0.0.1:3100',
    bankUrl: env.YKT_BANK_URL ?? 'http://127.0.0.1:3100',
    notifyUrl: env.YKT_NOTIFY_URL || undefined,
    outboxIntervalMs: env.YKT_OUTBOX_INTERVAL_MS as unknown as number,
    gatewayAppKey: env.YKT_GATEWAY_APP_KEY ?? 'sandbox-app-key',
    bankTimeoutMs: env.YKT_BANK_TIMEOUT_MS as unknown as number,
    qrTtlSeconds: env.YKT_QR_TTL_SECONDS as unknown as number,
    publicUrl: env.YKT_PUBLIC_URL,
    faceMode: env.YKT_FACE_MODE as Config['faceMode'],
    identityPreviewUrl: env.YKT_IDENTITY_PREVIEW_URL,
    miniappDist: env.YKT_MINIAPP_DIST,
    webDist: env.YKT_WEB_DIST,
    yktServiceKey: env.YKT_SERVICE_KEY,
    validationSchedule: env.YKT_VALIDATION_SCHEDULE,
    validationBatchSize: env.YKT_VALIDATION_BATCH_SIZE as unknown as number,
    validationBatchPauseMs: env.YKT_VALIDATION_BATCH_PAUSE_MS as unknown as number,
    trustProxy: env.YKT_TRUST_PROXY as unknown as boolean,
    logLevel: env.YKT_LOG_LEVEL as Config['logLevel'],
  });
}
