/**
 * The sandbox's notification channel (SMS / 渝快办 message push): accepts a templated message,
 * renders it from the templates on file (shared/src/notifyTemplates.ts), and keeps what it "would have sent" for
 * demos and tests. Refuses a message that would carry 8+ digits in a row, to catch an account or ID number leaking.
 *
 *   POST /notify/messages {to, template, params}   (x-app-key; optional idempotency-key)  -> 200 {messageId}
 *   GET  /notify/messages?to=&limit=               what it would have sent, newest first
 *   POST /notify/faults {mode: normal|slow|down, delayMs?}, GET /notify/faults
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
// shared's package index does not re-export the templates yet: import the module itself.
import { renderNotifyMessage } from '../../../shared/src/notifyTemplates.ts';
import type { FaultMode } from './store.ts';

export interface SentMessage {
  messageId: string;
  to: string;
  template: string;
  params: Record<string, unknown>;
  /** The rendered text, as the phone would show it. */
  text: string;
  sentAt: string;
}

/** Messages kept in memory (oldest dropped first): enough for a demo and a validation run's notices. */
export const NOTIFY_KEEP = 100_000;

export function createNotifyStore(now: () => number = Date.now) {
  const messages: SentMessage[] = [];
  const byKey = new Map<string, SentMessage>();
  const fault = { mode: 'normal' as FaultMode, delayMs: 0 };
  return {
    fault,
    /** Stores a rendered message; with a key already used, answers the first message (or null when it differs). */
    add(m: Omit<SentMessage, 'messageId' | 'sentAt'>, key?: string): { message: SentMessage; replay: boolean } | null {
      if (key !== undefined) {
        const first = byKey.get(key);
        if (first) return first.to === m.to && first.text === m.text ? { message: first, replay: true } : null;
      }
      const message: SentMessage = {
        ...m,
        messageId: `sbx-${randomBytes(9).toString('base64url')}`,
        sentAt: new Date(now()).toISOString(),
      };
      messages.push(message);
      if (key !== undefined) byKey.set(key, message);
      if (messages.length > NOTIFY_KEEP) {
        const dropped = messages.splice(0, messages.length - NOTIFY_KEEP);
        const gone = new Set(dropped.map((d) => d.messageId));
        for (const [k, v] of byKey) if (gone.has(v.messageId)) byKey.delete(k);
      }
      return { message, replay: false };
    },
    list(to: string | undefined, limit: number): SentMessage[] {
      const out: SentMessage[] = [];
      for (let i = messages.length - 1; i >= 0 && out.length < limit; i--) {
        if (to === undefined || messages[i].to === to) out.push(messages[i]);
      }
      return out;
    },
  };
}
export type NotifyStore = ReturnType<typeof createNotifyStore>;

const mobile = { type: 'string', pattern: '^1[3-9][0-9]{9}$' } as const;

export function registerNotifyRoutes(
  app: FastifyInstance,
  opts: {
    store: NotifyStore;
    requireAppKey: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
    wait: (ms: number) => Promise<void>;
    slowDelayMs: number;
  },
) {
  const { store } = opts;
  const sendError = (reply: FastifyReply, status: number, code: string, message: string, fields?: object) =>
    reply.code(status).send({ error: { code, message, ...(fields ? { fields } : {}) } });

  app.post<{ Body: { to: string; template: string; params: Record<string, unknown> } }>(
    '/notify/messages',
    {
      onRequest: opts.requireAppKey,
      schema: {
        headers: {
          type: 'object',
          properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 100 } },
        },
        body: {
          type: 'object',
          properties: {
            to: mobile,
            template: { type: 'string', minLength: 1, maxLength: 40 },
            params: { type: 'object' },
          },
          required: ['to', 'template', 'params'],
          additionalProperties: false,
        },
      },
    },
    async (req, reply) => {
      if (store.fault.mode === 'down') return sendError(reply, 503, 'NOTIFY_DOWN', '短信平台维护中');
      if (store.fault.mode === 'slow') await opts.wait(store.fault.delayMs);
      const { to, template, params } = req.body;
      const rendered = renderNotifyMessage(template, params);
      if (!rendered.ok) {
        const message =
          rendered.code === 'NUMBER_LEAK'
            ? '消息中出现了8位以上的连续数字（疑似完整账号或证件号），已拒绝发送'
            : rendered.code === 'UNKNOWN_TEMPLATE'
              ? '消息模板未备案'
              : '模板参数不正确';
        return sendError(reply, 400, rendered.code, message, rendered.fields);
      }
      const key = req.headers['idempotency-key'] as string | undefined;
      const added = store.add({ to, template, params, text: rendered.text }, key);
      if (!added) return sendError(reply, 409, 'IDEMPOTENCY_CONFLICT', '同一幂等键已用于另一条消息');
      return reply.code(200).send({ messageId: added.message.messageId });
    },
  );

  app.get<{ Querystring: { to?: string; limit?: number } }>(
    '/notify/messages',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { to: mobile, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          additionalProperties: false,
        },
      },
    },
    async (req) => ({ items: store.list(req.query.to, req.query.limit ?? 100) }),
  );

  app.get('/notify/faults', async () => ({ mode: store.fault.mode }));

  app.post<{ Body: { mode: FaultMode; delayMs?: number } }>(
    '/notify/faults',
    {
      schema: {
        body: {
          type: 'object',
          properties: {
            mode: { type: 'string', enum: ['normal', 'slow', 'down'] },
            delayMs: { type: 'integer', minimum: 0, maximum: 600_000 },
          },
          required: ['mode'],
          additionalProperties: false,
        },
      },
    },
    async (req) => {
      store.fault.mode = req.body.mode;
      store.fault.delayMs = req.body.delayMs ?? opts.slowDelayMs;
      return { mode: store.fault.mode };
    },
  );
}
