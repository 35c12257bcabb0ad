import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// TODO(review helper): /api/review/* routes — issues 4 and 6.
const routes: FastifyPluginAsyncZod = async (_app) => {};
export default routes;
