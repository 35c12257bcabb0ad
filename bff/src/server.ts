import { buildApp } from './app.ts';
import { configFromEnv } from './config.ts';

/** Listen, and close gracefully on SIGINT/SIGTERM (in-flight requests finish, the database closes). */
const app = await buildApp({ config: configFromEnv() });
const close = async (signal: string) => {
  app.log.info({ signal }, 'closing');
  await app.close();
  process.exit(0);
};
process.once('SIGINT', close);
process.once('SIGTERM', close);
await app.listen({ host: app.ctx.config.host, port: app.ctx.config.port });
