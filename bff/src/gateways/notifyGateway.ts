/**
 * Client of the notification channel (SMS / 渝快办 message push, one HTTP API): sends one templated message to a
 * mobile number. The channel renders the template it has on file (shared/src/notifyTemplates.ts holds the texts),
 * as SMS platforms do; this client only names the template and its parameters, and carries at most the last 4
 * digits of any account (the channel refuses a text with 8 or more digits in a row).
 */
import { z } from 'zod';
import {
  callJson,
  expectShape,
  type GatewayOptions,
  GatewayRejected,
  GatewayUnavailable,
  pingUpstream,
} from './http.ts';

export { GatewayRejected, GatewayUnavailable };

/** Parameter values of a template: text, numbers (amounts in 分), and lists (district names). */
export type NotifyParamValue = string | number | string[];

export interface NotifyMessage {
  /** Mainland mobile number, 11 digits. */
  to: string;
  /** Template id, e.g. 'review_approved' (see notifyTemplates.ts). */
  template: string;
  params: Record<string, NotifyParamValue>;
  /**
   * Idempotency key (e.g. the outbox row's id): the channel sends one message per key, so a retry after a timeout
   * (`GatewayUnavailable.reached`) never texts the person twice.
   */
  key?: string;
}

export interface NotifyGateway {
  /**
   * Resolves with the channel's message id once it accepted the message. Throws GatewayUnavailable when the
   * channel cannot be used now (retry later) and GatewayRejected when it refused this message for good (bad
   * number, unknown template, parameters it will not send: do not retry).
   */
  send(message: NotifyMessage): Promise<{ messageId: string }>;
  ping(): Promise<boolean>;
}

const WHAT = 'notification channel';

const sentAnswer = z.object({ messageId: z.string().min(1).max(100) });
const errorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export function createNotifyGateway(opts: GatewayOptions): NotifyGateway {
  return {
    async send({ to, template, params, key }) {
      const answer = await callJson(opts, WHAT, '/notify/messages', {
        method: 'POST',
        body: { to, template, params },
        headers: key ? { 'idempotency-key': key } : undefined,
      });
      if (answer.status === 400 || answer.status === 409 || answer.status === 422) {
        const refusal = errorAnswer.safeParse(answer.body);
        throw new GatewayRejected(
          answer.status,
          refusal.success ? refusal.data.error.code : 'REJECTED',
          refusal.success ? refusal.data.error.message : `${WHAT} refused the message (${answer.status})`,
        );
      }
      if (answer.status < 200 || answer.status > 299) {
        throw new GatewayUnavailable(`${WHAT} answered ${answer.status}`, { reached: true });
      }
      return expectShape(sentAnswer, answer, WHAT);
    },
    ping: () => pingUpstream(opts),
  };
}
