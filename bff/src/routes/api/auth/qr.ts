import { errorBody, qrTicketIssued, qrTicketParam, qrTicketPoll, qrTicketScanned, qrTicketState } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../../plugins/app/auth.ts';

const QR_SECRET_HEADER = 'x-qr-secret';
const secretOf = (headers: Record<string, unknown>) => {
  const s = headers[QR_SECRET_HEADER];
  return typeof s === 'string' && s !== '' ? s : undefined;
};

/** PC login by QR code (api.md): the PC creates and polls; the face-verified app scans and confirms or cancels. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { qrLogin } = app.services;

  app.post(
    '/api/auth/qr-tickets',
    {
      schema: { tags: ['auth'], response: { 201: qrTicketIssued, 429: errorBody } },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    // The phone opens the QR content at the configured public origin, never one taken from the request's Host.
    async (_req, reply) => reply.status(201).send(await qrLogin.create(app.publicUrl())),
  );

  app.get(
    '/api/auth/qr-tickets/:ticket',
    {
      schema: { tags: ['auth'], params: qrTicketParam, response: { 200: qrTicketPoll, 404: errorBody } },
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
      const { status, session } = await qrLogin.poll(req.params.ticket, secretOf(req.headers));
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
    { ...citizen, schema: { tags: ['auth'], params: qrTicketParam, response: { 200: qrTicketState } } },
    async (req) => qrLogin.confirm(req.params.ticket, req.session.subjectId, actorOf(req)),
  );

  const requireCitizen = app.requireRole('citizen');
  app.post(
    '/api/auth/qr-tickets/:ticket/cancel',
    {
      schema: {
        tags: ['auth'],
        description: `取消: by the citizen who scanned the code, or by the PC that created it (header \`${QR_SECRET_HEADER}\`).`,
        params: qrTicketParam,
        response: { 200: qrTicketState, 401: errorBody, 404: errorBody },
      },
      // The PC proves itself with its secret; anyone else must be the citizen who scanned it.
      onRequest: async (req) => {
        if (!secretOf(req.headers)) await requireCitizen(req);
      },
    },
    async (req) => {
      const secret = secretOf(req.headers);
      return qrLogin.cancel(req.params.ticket, secret ? { secret } : { beneficiaryId: req.session.subjectId });
    },
  );
};
export default routes;
