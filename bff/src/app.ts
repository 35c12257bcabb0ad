import { useChineseSchemaMessages } from '@ykt/shared';
import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { type Clock, systemClock } from './lib/time.ts';
import { loggerOptions } from './logger.ts';
import auth from './plugins/app/auth.ts';
import configPlugin from './plugins/app/config.ts';
import errorHandler, { clientErrorHandler, frameworkErrors } from './plugins/app/errorHandler.ts';
import frontends from './plugins/app/frontends.ts';
import inputHygiene from './plugins/app/inputHygiene.ts';
import outbox from './plugins/app/outbox.ts';
import scheduler from './plugins/app/scheduler.ts';
import services from './plugins/app/services.ts';
import db from './plugins/external/db.ts';
import gateways from './plugins/external/gateways.ts';
import rateLimit from './plugins/external/rateLimit.ts';
import security from './plugins/external/security.ts';
import swagger from './plugins/external/swagger.ts';
import routes from './routes/index.ts';

export interface BuildOptions {
  config: Config;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /**
   * Called for every route as it is added (an onRoute hook set before any plugin): the route-table campaigns of the
   * tests (authorization matrix, fuzz) see every route, so a new one without its row fails them.
   */
  onRoute?: (route: RouteOptions) => void;
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

/**
 * Builds the app, as fastify/demo does: infrastructure plugins (config, database, gateways, security headers,
 * rate limits, OpenAPI), then the app's own (services, auth, errors, the nightly job, the front ends), then the
 * routes. Each plugin is named and says what it depends on; what it opens it closes in onClose. No listen here.
 */
export async function buildApp({ config, clock = systemClock, logger, onRoute }: BuildOptions) {
  useChineseSchemaMessages();
  const app = Fastify({
    logger: withRedaction(logger, config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    frameworkErrors,
    clientErrorHandler,
  });
  if (onRoute) app.addHook('onRoute', onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(configPlugin, { config, clock });
  // First: routes take the error handler of the moment they are added, so the plugins' own routes (docs, static
  // files) answer errors in the contract too; and no route is reached by input no person types.
  await app.register(errorHandler);
  await app.register(inputHygiene);
  await app.register(db);
  await app.register(gateways);
  await app.register(security);
  await app.register(rateLimit);
  await app.register(swagger);

  await app.register(services);
  await app.register(auth);
  await app.register(scheduler);
  await app.register(outbox);
  await app.register(frontends, { miniappDist: config.miniappDist, webDist: config.webDist });

  await app.register(routes);
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
