import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { createNotifyStore } from './notify.ts';
import type { BffTarget } from './paymentBatches.ts';
import { registerRoutes } from './routes.ts';
import { createStore, type ScaleOption } from './store.ts';

export type { AccountStatus, DemoAccount, DemoPerson, DemoTestAccount, DemoWorld, VerifyResult } from './demoWorld.ts';
export { demoBankAccounts, demoPerson, demoWorld } from './demoWorld.ts';
export type { FaultProxy, FaultProxyMode, FaultProxyOptions } from './faultProxy.ts';
export { FAULT_PROXY_MODES, startFaultProxy } from './faultProxy.ts';
export type { SentMessage } from './notify.ts';
export type {
  BffTarget,
  FailureCode,
  PaymentBatch,
  PaymentBatchInput,
  PaymentLine,
  PaymentLineInput,
  PaymentScenario,
  PostedBatch,
} from './paymentBatches.ts';
export {
  buildPaymentBatch,
  PAYMENT_SCENARIOS,
  PaymentBatchError,
  postPaymentBatch,
  scenarioBatches,
  summarizeBatch,
  yuanToFen,
} from './paymentBatches.ts';
export type { ScaleAccount, ScalePerson, ScaleSeed, ScaleWorld } from './scaleWorld.ts';
export {
  createScaleWorld,
  DISTRICT_RURAL_WEIGHTS,
  SCALE_MAX_PEOPLE,
  scaleIndexOfAccount,
  scaleIndexOfIdNumber,
  scalePerson,
} from './scaleWorld.ts';
export type { FaultMode, ScaleOption } from './store.ts';
export { FACE_TOKEN_TTL_MS } from './store.ts';

export interface SandboxOptions {
  /** 0 (the default) picks an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Delay of the bank's and the notification channel's `slow` mode when no delayMs is given. Default 10000. */
  slowDelayMs?: number;
  /** Key callers must send as `x-app-key`. Default 'sandbox-app-key'. */
  appKey?: string;
  /** Clock for face-token expiry (tests). Default Date.now. */
  now?: () => number;
  /**
   * Generated people the identity platform and the bank answer for, as for demo people: person 0 … people − 1 of
   * the seed (scaleWorld.ts), derived on demand. Default: none.
   */
  scale?: ScaleOption;
  /**
   * The BFF the sandbox's 一卡通 system posts payment batches to (POST /ykt/payment-batches/demo), with the service
   * key. Can also be given later with `configureYkt` (the BFF's URL is often known only after the sandbox started).
   */
  ykt?: BffTarget;
  /** Log requests (method, route pattern, status, time only: never bodies or URLs with account numbers). Default false. */
  logger?: boolean;
}

export interface Sandbox {
  url: string;
  close(): Promise<void>;
  app: FastifyInstance;
  /** Sets (or clears) the BFF the 一卡通 system's payment batches go to. */
  configureYkt(target: BffTarget | undefined): void;
}

/** Logs only the route pattern, so account numbers in paths and anything in bodies never reach the log. */
const loggerOptions = {
  serializers: {
    req: (req: FastifyRequest) => ({ method: req.method, route: req.routeOptions?.url ?? '(no route)' }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
};

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const app = Fastify({ logger: opts.logger ? loggerOptions : false, forceCloseConnections: true });
  const store = createStore(opts.now, opts.scale);
  let ykt = opts.ykt;

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (err.validation) {
      return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: `请求参数不正确：${err.message}` } });
    }
    if (status === 500) {
      reply.log.error({ code: err.code }, 'sandbox internal error');
      return reply.code(500).send({ error: { code: 'INTERNAL', message: '沙箱内部错误' } });
    }
    const code = status === 400 ? 'VALIDATION_FAILED' : 'BAD_REQUEST';
    return reply.code(status).send({ error: { code, message: `请求无法处理：${err.message}` } });
  });
  app.setNotFoundHandler((_req, reply) =>
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } }),
  );

  // The H5 preview (another origin) asks the identity platform's open demo endpoints straight from the browser.
  const previewPaths = new Set(['/identity/personas', '/identity/face-sessions']);
  app.addHook('onRequest', async (req, reply) => {
    if (!previewPaths.has(req.url.split('?')[0])) return;
    reply.header('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST');
      reply.header('access-control-allow-headers', 'content-type');
      return reply.code(204).send();
    }
  });

  registerRoutes(app, {
    store,
    notify: createNotifyStore(opts.now),
    ykt: () => ykt,
    appKey: opts.appKey ?? 'sandbox-app-key',
    slowDelayMs: opts.slowDelayMs ?? 10_000,
  });

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    close: () => app.close(),
    app,
    configureYkt(target) {
      ykt = target;
    },
  };
}
