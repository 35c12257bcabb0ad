import { z } from 'zod';
import { qrTicketCreated, qrTicketStatus } from './auth.ts';
import { isoTime } from './common.ts';

// Answers the BFF already gives (docs/api-extensions.md) that had no shared schema yet: the front ends typed
// them by hand. The routes can declare these as their response schemas.

/** GET /api/client-config (anonymous): how this deployment logs people in, and where phones open QR content. */
export const clientConfig = z.object({
  faceMode: z.enum(['preview', 'container']),
  identityPreviewUrl: z.string().nullable(),
  qrLoginBaseUrl: z.string(),
});
export type ClientConfig = z.infer<typeof clientConfig>;

/** The 201 of POST /api/auth/qr-tickets: the ticket, and the secret only the PC that created it gets. */
export const qrTicketIssued = qrTicketCreated.extend({ secret: z.string() });
export type QrTicketIssued = z.infer<typeof qrTicketIssued>;

/** POST /api/auth/qr-tickets/:ticket/confirm and /cancel: where the ticket stands afterwards. */
export const qrTicketState = z.object({ status: qrTicketStatus });

/** POST /api/me/notifications/:id/read. */
export const notificationRead = z.object({ id: z.number().int(), readAt: isoTime });
