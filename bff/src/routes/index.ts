import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import authFace from './api/auth/face.ts';
import authQr from './api/auth/qr.ts';
import me from './api/me/index.ts';
import reference from './api/reference.ts';
import review from './api/review/index.ts';
import health from './health.ts';

/** Every route of the contract (api.md + docs/api-extensions.md); thin: parse (shared schema) -> service -> answer. */
const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(health);
  await app.register(reference);
  await app.register(authFace);
  await app.register(authQr);
  await app.register(me);
  await app.register(review);
};
export default routes;
