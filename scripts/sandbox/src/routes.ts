import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { demoWorld } from './demoWorld.ts';
import { type NotifyStore, registerNotifyRoutes } from './notify.ts';
import {
  type BffTarget,
  PAYMENT_SCENARIOS,
  type PaymentScenario,
  postPaymentBatch,
  scenarioBatches,
  summarizeBatch,
} from './paymentBatches.ts';
import type { FaultMode, Store } from './store.ts';

export interface RouteOptions {
  store: Store;
  notify: NotifyStore;
  /** Where the 一卡通 system's batches go (the BFF and its service key); read at each request, may be set later. */
  ykt: () => BffTarget | undefined;
  appKey: string;
  slowDelayMs: number;
}

const idNumber = { type: 'string', pattern: '^[0-9]{17}[0-9Xx]$' } as const;
const name = { type: 'string', minLength: 1, maxLength: 50 } as const;
const accountNumber = { type: 'string', pattern: '^[0-9]{6,32}$' } as const;
const bankCode = { type: 'string', pattern: '^[A-Za-z0-9_]{1,20}$' } as const;
const mobile = { type: 'string', pattern: '^1[3-9][0-9]{9}$' } as const;

function body(properties: Record<string, unknown>, required: string[]) {
  return { body: { type: 'object', properties, required, additionalProperties: false } };
}

function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

export function registerRoutes(app: FastifyInstance, { store, notify, ykt, appKey, slowDelayMs }: RouteOptions) {
  const expectedKey = Buffer.from(appKey);

  /** onRequest hook: the real platforms only answer callers with the app key they issued. */
  async function requireAppKey(req: FastifyRequest, reply: FastifyReply) {
    const given = req.headers['x-app-key'];
    const key = Buffer.from(typeof given === 'string' ? given : '');
    if (key.length !== expectedKey.length || !timingSafeEqual(key, expectedKey)) {
      return sendError(reply, 401, 'UNAUTHENTICATED', 'x-app-key 缺失或无效');
    }
  }

  /** Slow-mode waits end early when the server closes, so close() never hangs. */
  const pendingWaits = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const wake of pendingWaits) wake();
  });
  function wait(ms: number) {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        pendingWaits.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      pendingWaits.add(wake);
    });
  }

  /** Applies the bank fault mode; returns true when the answer was already sent. */
  async function bankFault(reply: FastifyReply): Promise<boolean> {
    if (store.fault.mode === 'down') {
      sendError(reply, 503, 'BANK_DOWN', '银行系统维护中');
      return true;
    }
    if (store.fault.mode === 'slow') await wait(store.fault.delayMs);
    return false;
  }

  app.get('/healthz', async () => ({ ok: true }));

  /** Which generated people this sandbox answers for (the scale generator checks it uses the same seed). */
  app.get('/scale', async () => store.scale ?? { seed: null, people: 0 });

  // ---- Identity platform ----

  app.get('/identity/personas', async () =>
    demoWorld.people.map((p) => ({ name: p.name, idNumber: p.idNumber, note: p.note })),
  );

  app.post<{ Body: { idNumber: string; name: string; mobile?: string } }>(
    '/identity/face-sessions',
    { schema: body({ idNumber, name, mobile }, ['idNumber', 'name']) },
    async (req, reply) =>
      reply
        .code(201)
        .send({ faceToken: store.createFaceToken(req.body.idNumber, req.body.name.trim(), req.body.mobile) }),
  );

  app.post<{ Body: { faceToken: string } }>(
    '/identity/face-tokens/verify',
    {
      onRequest: requireAppKey,
      schema: body({ faceToken: { type: 'string', minLength: 1, maxLength: 200 } }, ['faceToken']),
    },
    async (req) => store.verifyFaceToken(req.body.faceToken),
  );

  // ---- Bank gateway ----

  app.post<{ Body: { accountNumber: string; bankCode: string; name: string; idNumber: string } }>(
    '/bank/accounts/verify',
    {
      onRequest: requireAppKey,
      schema: body({ accountNumber, bankCode, name, idNumber }, ['accountNumber', 'bankCode', 'name', 'idNumber']),
    },
    async (req, reply) => {
      if (await bankFault(reply)) return reply;
      return store.verifyAccount(req.body);
    },
  );

  app.post<{ Body: { accounts: Array<{ accountNumber: string; bankCode: string }> } }>(
    '/bank/accounts/status',
    {
      onRequest: requireAppKey,
      schema: body(
        {
          accounts: {
            type: 'array',
            maxItems: 100,
            items: {
              type: 'object',
              properties: { accountNumber, bankCode },
              required: ['accountNumber', 'bankCode'],
              additionalProperties: false,
            },
          },
        },
        ['accounts'],
      ),
    },
    async (req, reply) => {
      if (await bankFault(reply)) return reply;
      return {
        items: req.body.accounts.map((a) => ({
          accountNumber: a.accountNumber,
          status: store.accountStatus(a.accountNumber, a.bankCode),
        })),
      };
    },
  );

  // ---- Bank test control (open) ----

  app.put<{
    Params: { accountNumber: string };
    Body: { bankCode: string; name?: string; idNumber?: string; status: 'normal' | 'closed' | 'frozen' };
  }>(
    '/bank/accounts/:accountNumber',
    {
      schema: {
        params: { type: 'object', properties: { accountNumber }, required: ['accountNumber'] },
        ...body({ bankCode, name, idNumber, status: { type: 'string', enum: ['normal', 'closed', 'frozen'] } }, [
          'bankCode',
          'status',
        ]),
      },
    },
    async (req, reply) => {
      const { bankCode, name, idNumber, status } = req.body;
      if ((name === undefined) !== (idNumber === undefined)) {
        return sendError(reply, 400, 'VALIDATION_FAILED', 'name 与 idNumber 须同时提供或同时省略');
      }
      const owner =
        name !== undefined && idNumber !== undefined ? { name: name.trim(), idNumber: idNumber.toUpperCase() } : null;
      store.putAccount(req.params.accountNumber, { bankCode, status, owner });
      return { accountNumber: req.params.accountNumber, bankCode, status, hasOwner: owner !== null };
    },
  );

  // ---- Notification channel (SMS / message push) ----

  registerNotifyRoutes(app, { store: notify, requireAppKey, wait, slowDelayMs });

  // ---- The 一卡通 system posting payment batches to the BFF (demo control, open) ----

  app.get('/ykt/payment-batches/scenarios', async () =>
    Object.entries(PAYMENT_SCENARIOS).map(([scenario, description]) => ({ scenario, description })),
  );

  app.post<{ Body: { scenario?: PaymentScenario; period?: string; paidAt?: string } }>(
    '/ykt/payment-batches/demo',
    {
      schema: body(
        {
          scenario: { type: 'string', enum: Object.keys(PAYMENT_SCENARIOS) },
          period: { type: 'string', minLength: 1, maxLength: 20 },
          paidAt: { type: 'string', format: 'date-time' },
        },
        [],
      ),
    },
    async (req, reply) => {
      const target = ykt();
      if (!target) {
        return sendError(
          reply,
          503,
          'YKT_NOT_CONFIGURED',
          '沙箱未配置 BFF 地址和一卡通服务凭证（YKT_BFF_URL、YKT_SERVICE_KEY）',
        );
      }
      const batches = scenarioBatches(req.body?.scenario ?? 'demo', {
        period: req.body?.period,
        paidAt: req.body?.paidAt,
      });
      const results = [];
      for (const batch of batches) {
        try {
          const posted = await postPaymentBatch(target, batch);
          results.push({ ...posted, summary: summarizeBatch(batch) });
        } catch {
          return sendError(reply, 502, 'BFF_UNREACHABLE', `无法连接 BFF（批次 ${batch.batchId} 未发送）`);
        }
      }
      return { batches: results };
    },
  );

  app.get('/bank/faults', async () => ({ mode: store.fault.mode }));

  app.post<{ Body: { mode: FaultMode; delayMs?: number } }>(
    '/bank/faults',
    {
      schema: body(
        {
          mode: { type: 'string', enum: ['normal', 'slow', 'down'] },
          delayMs: { type: 'integer', minimum: 0, maximum: 600_000 },
        },
        ['mode'],
      ),
    },
    async (req) => {
      store.fault.mode = req.body.mode;
      store.fault.delayMs = req.body.delayMs ?? slowDelayMs;
      return { mode: store.fault.mode };
    },
  );
}
