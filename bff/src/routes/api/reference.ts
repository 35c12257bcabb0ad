import { BANKS, bankList, clientConfig, DISTRICTS, districtList } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Reference data and what the front ends need to know about this deployment. Anonymous. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/districts', { schema: { tags: ['reference'], response: { 200: districtList } } }, async () => [
    ...DISTRICTS,
  ]);
  app.get('/api/banks', { schema: { tags: ['reference'], response: { 200: bankList } } }, async () => [...BANKS]);
  app.get(
    '/api/client-config',
    {
      schema: {
        tags: ['reference'],
        response: {
          200: clientConfig,
        },
      },
    },
    async () => ({
      faceMode: app.config.faceMode,
      identityPreviewUrl: app.config.faceMode === 'preview' ? (app.config.identityPreviewUrl ?? null) : null,
      qrLoginBaseUrl: app.publicUrl(),
    }),
  );
};
export default routes;
