import helmet from '@fastify/helmet';
import jwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { rateLimited } from '../../lib/errors.ts';
import { cspDirectives } from '../app/csp.ts';

/** Third-party plugins: security headers, JWT, rate limits, OpenAPI + docs page. */
export default fp(async (app: FastifyInstance, opts: { config: Config }) => {
  await app.register(helmet, {
    // No inline script anywhere (plugins/app/csp.ts).
    contentSecurityPolicy: { directives: cspDirectives({ identityPreviewUrl: opts.config.identityPreviewUrl }) },
  });
  await app.register(jwt, { secret: opts.config.jwtSecret, sign: { algorithm: 'HS256' } });
  // Off globally; routes that need a limit say so in their config.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => rateLimited(),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: '惠民惠农"一卡通"账户自助变更 API', version: '1.0.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
});
