import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

// TODO(review helper): the daily validation run (issue 6), started on ready, stopped on close.
export default fp(async (_app: FastifyInstance) => {});
