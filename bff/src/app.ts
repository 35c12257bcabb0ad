import { useChineseSchemaMessages } from '@ykt/shared';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { openDatabase } from './db/index.ts';
import { createBankGateway } from './gateways/bankGateway.ts';
import { createIdentityGateway } from './gateways/identityGateway.ts';
import { createFieldCrypto } from './lib/fieldCrypto.ts';
import { type Clock, systemClock } from './lib/time.ts';
import { loggerOptions } from './logger.ts';
import auth from './plugins/app/auth.ts';
import errorHandler from './plugins/app/errorHandler.ts';
import frontends from './plugins/app/frontends.ts';
import scheduler from './plugins/app/scheduler.ts';
import servicesPlugin from './plugins/app/services.ts';
import externalPlugins from './plugins/external/index.ts';
import authFace from './routes/api/auth/face.ts';
import authQr from './routes/api/auth/qr.ts';
import me from './routes/api/me/index.ts';
import reference from './routes/api/reference.ts';
import review from './routes/api/review/index.ts';
import health from './routes/health.ts';
import { createServices } from './services/index.ts';

export interface BuildOptions {
  config: Config;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
}

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/**
 * A logger given by the caller (a test capturing the output, an embedding) keeps logger.ts's redaction and
 * serializers: without them query strings, tokens and personal values would reach its log lines.
 */
function withRedaction(logger: FastifyServerOptions['logger'], level: string): FastifyServerOptions['logger'] {
  if (logger === undefined) return loggerOptions(level);
  if (logger === false) return false;
  const own: LoggerOptions = logger === true ? {} : logger;
  const safe = loggerOptions(own.level ?? (level === 'silent' ? 'info' : level)) as LoggerOptions | false;
  if (!safe) return own;
  return { ...safe, ...own, redact: safe.redact, serializers: { ...own.serializers, ...safe.serializers } };
}

/** Builds the app: external plugins, then app plugins (services, auth, errors), then routes. No listen here. */
export async function buildApp({ config, clock = systemClock, logger }: BuildOptions) {
  useChineseSchemaMessages();
  const app = Fastify({
    logger: withRedaction(logger, config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const { db, sqlite } = openDatabase(config.databasePath);
  const ctx = {
    db,
    config,
    clock,
    crypto: createFieldCrypto(config.dataKey),
    identity: createIdentityGateway({
      baseUrl: config.identityUrl,
      appKey: config.gatewayAppKey,
      timeoutMs: config.bankTimeoutMs,
    }),
    bank: createBankGateway({ baseUrl: config.bankUrl, appKey: config.gatewayAppKey, timeoutMs: config.bankTimeoutMs }),
  };
  const services = createServices(ctx);
  app.addHook('onClose', async () => sqlite.close());

  await app.register(externalPlugins, { config });
  await app.register(servicesPlugin, { ctx, services });
  await app.register(auth);
  await app.register(errorHandler);
  await app.register(scheduler);
  await app.register(frontends, { miniappDist: config.miniappDist, webDist: config.webDist });

  await app.register(health);
  await app.register(reference);
  await app.register(authFace);
  await app.register(authQr);
  await app.register(me);
  await app.register(review);
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
