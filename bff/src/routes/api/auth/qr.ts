import { qrTicketCreated, qrTicketParam, qrTicketPoll, qrTicketScanned } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../plugins/app/auth.ts';

/** PC login by QR code (api.md): the PC creates and polls; the face-verified app scans and confirms. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { qrLogin } = app.services;

  app.post(
    '/api/auth/qr-tickets',
    {
      schema: { tags: ['auth'], response: { 201: qrTicketCreated.extend({ secret: z.string() }) } },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const base = app.ctx.config.publicUrl ?? `${req.protocol}://${req.host}`;
      return reply.status(201).send(qrLogin.create(base));
    },
  );

  app.get(
    '/api/auth/qr-tickets/:ticket',
    {
      schema: { tags: ['auth'], params: qrTicketParam, response: { 200: qrTicketPoll } },
      // Polling every 2 s is 30 a minute per ticket. Keyed by ticket, not address alone: the PCs of one
      // village office share a public address.
      config: {
        rateLimit: {
          max: 60,
          timeWindow: '1 minute',
          keyGenerator: (req) => `${req.ip}|${(req.params as { ticket?: string }).ticket ?? ''}`,
        },
      },
    },
    async (req) => {
      const secret = req.headers['x-qr-secret'];
      const { status, session } = qrLogin.poll(req.params.ticket, typeof secret === 'string' ? secret : undefined);
      return session ? { status, ...app.signSession(session) } : { status };
    },
  );

  // Authentication on request, before the body is read: an anonymous caller learns nothing from validation.
  const citizen = { onRequest: app.requireRole('citizen') };
  app.post(
    '/api/auth/qr-tickets/:ticket/scan',
    { ...citizen, schema: { tags: ['auth'], params: qrTicketParam, response: { 200: qrTicketScanned } } },
    async (req) => qrLogin.scan(req.params.ticket, req.session.subjectId),
  );
  app.post(
    '/api/auth/qr-tickets/:ticket/confirm',
    { ...citizen, schema: { tags: ['auth'], params: qrTicketParam } },
    async (req) => qrLogin.confirm(req.params.ticket, req.session.subjectId, actorOf(req)),
  );
  app.post(
    '/api/auth/qr-tickets/:ticket/cancel',
    { ...citizen, schema: { tags: ['auth'], params: qrTicketParam } },
    async (req) => qrLogin.cancel(req.params.ticket, req.session.subjectId),
  );
};
export default routes;
