import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { configFromEnv } from './config.ts';

/** Listen; on SIGINT/SIGTERM (or a crash) close gracefully: in-flight requests finish, the database closes. */
const app = await buildApp({ config: configFromEnv() });
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an error');
  else app.log.info({ signal }, 'closing');
  await app.close();
});
await app.listen({ host: app.config.host, port: app.config.port });
