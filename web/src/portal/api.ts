import type { ChangeRequest, ChangeRequestDraft, MyCard, Notification, QrTicketPoll } from '@ykt/shared';
import { ApiError, createApiClient } from '../api/client';

export { ApiError };

/** The 201 of POST /api/auth/qr-tickets, with the secret only this PC gets (api-extensions.md). */
export interface QrTicket {
  ticket: string;
  qrContent: string;
  expiresAt: string;
  secret: string;
}

export interface ClientConfig {
  faceMode: 'preview' | 'container';
  identityPreviewUrl: string | null;
  qrLoginBaseUrl: string;
}

type Listener = () => void;
const expiredListeners = new Set<Listener>();

/** Called by the fetch wrapper on any 401: the token is already dropped there. */
function sessionExpired() {
  for (const l of expiredListeners) l();
}

export function onSessionExpired(listener: Listener): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

const client = createApiClient('ykt.portal.token', sessionExpired);

export const hasToken = () => client.token() !== null;
export const setToken = (token: string | null) => client.setToken(token);

export const api = {
  clientConfig: () => client.request<ClientConfig>('GET', '/api/client-config'),
  createQrTicket: () => client.request<QrTicket>('POST', '/api/auth/qr-tickets'),
  pollQrTicket: (t: QrTicket) =>
    client.request<QrTicketPoll>('GET', `/api/auth/qr-tickets/${encodeURIComponent(t.ticket)}`, undefined, {
      headers: { 'x-qr-secret': t.secret },
    }),
  /** Revokes the session server-side; the token is dropped here whatever the answer. */
  async logout() {
    try {
      if (hasToken()) await client.request<void>('POST', '/api/auth/logout');
    } finally {
      client.setToken(null);
    }
  },
  card: () => client.request<MyCard>('GET', '/api/me/card'),
  changeRequests: () => client.request<{ items: ChangeRequest[] }>('GET', '/api/me/change-requests'),
  // The channel goes into the record and the audit: this request came from the PC pages.
  submitChange: (body: ChangeRequestDraft) =>
    client.request<ChangeRequest>('POST', '/api/me/change-requests', body, { headers: { 'x-ykt-channel': 'pc' } }),
  withdraw: (id: number) =>
    client.request<{ id: number; status: 'withdrawn' }>('POST', `/api/me/change-requests/${id}/withdraw`),
  notifications: () => client.request<{ items: Notification[] }>('GET', '/api/me/notifications'),
  markRead: (id: number) => client.request<{ id: number; readAt: string }>('POST', `/api/me/notifications/${id}/read`),
};
