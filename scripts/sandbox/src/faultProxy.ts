/**
 * A fault proxy: an HTTP proxy in front of any upstream (the sandbox, a real gateway in a test lab) whose behaviour
 * is switched at run time, to see what a client does when the outside system misbehaves in the ways real networks
 * do. Plain node:http, no dependencies; loopback by default.
 *
 * | mode               | what the client sees                                                                   |
 * | ------------------ | -------------------------------------------------------------------------------------- |
 * | pass               | the upstream, untouched                                                                |
 * | hang               | the connection is accepted and the request read, then nothing, ever                    |
 * | refuse             | the listening socket is closed: connection refused (open connections are destroyed)    |
 * | truncate           | the upstream's status and headers and half of its body, then the connection is destroyed |
 * | garbage            | 200, `content-type: application/json`, a body that is not JSON                         |
 * | wrong-content-type | 200, `content-type: text/html`, an HTML page (a portal or load balancer's error page)  |
 * | wrong-shape        | 200, valid JSON that is not what the API documents                                     |
 *
 * Only `pass` and `truncate` forward the request to the upstream (truncate needs the real answer to cut); the other
 * modes answer on their own, as something standing between client and upstream would. `received` and `forwarded`
 * count requests, so a test can tell what reached the upstream.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAULT_PROXY_MODES = [
  'pass',
  'hang',
  'refuse',
  'truncate',
  'garbage',
  'wrong-content-type',
  'wrong-shape',
] as const;
export type FaultProxyMode = (typeof FAULT_PROXY_MODES)[number];

export interface FaultProxyOptions {
  /** Base URL of the upstream, e.g. the sandbox's `http://127.0.0.1:3100`. */
  upstream: string;
  /** Initial mode; default 'pass'. */
  mode?: FaultProxyMode;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks an ephemeral port; the port is kept across `refuse` and back. */
  port?: number;
}

export interface FaultProxy {
  /** Base URL clients should use instead of the upstream's. */
  readonly url: string;
  readonly mode: FaultProxyMode;
  /** Requests that arrived, whatever the mode did with them. */
  readonly received: number;
  /** Requests sent on to the upstream. */
  readonly forwarded: number;
  /**
   * Switches the behaviour; resolves once it is in effect (for `refuse`: the port is closed, open connections are
   * destroyed, and clients in this process have had a moment to notice).
   */
  setMode(mode: FaultProxyMode): Promise<void>;
  close(): Promise<void>;
}

const GARBAGE = '<<garbage>> \u0000\u00ff{"verified":tru';
const HTML_PAGE =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>访问受限</title></head>' +
  '<body><h1>502 Bad Gateway</h1><p>请求被安全网关拦截，请稍后再试。</p></body></html>';
const WRONG_SHAPE = JSON.stringify({ code: 0, msg: 'success', data: null });

/** Hop-by-hop headers a proxy must not pass on (RFC 9110 7.6.1), plus host, which names the upstream instead. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

function forwardable(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders) {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k.toLowerCase())) out[k] = v;
  return out;
}

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(opts.upstream);
  if (upstream.protocol !== 'http:') throw new Error('faultProxy: only http upstreams');
  const host = opts.host ?? '127.0.0.1';
  let mode: FaultProxyMode = opts.mode ?? 'pass';
  let received = 0;
  let forwarded = 0;
  const sockets = new Set<Socket>();
  const upstreamRequests = new Set<http.ClientRequest>();

  /** Sends the request on; calls back with the upstream's answer (status, headers, whole body) or an error. */
  function ask(req: http.IncomingMessage, body: Buffer, onAnswer: (err: Error | null, r?: UpstreamAnswer) => void) {
    forwarded++;
    const out = http.request(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port || 80,
        method: req.method,
        path: req.url,
        headers: { ...forwardable(req.headers), host: upstream.host, 'content-length': String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          onAnswer(null, { status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', (err) => onAnswer(err));
      },
    );
    upstreamRequests.add(out);
    out.on('close', () => upstreamRequests.delete(out));
    out.on('error', (err) => onAnswer(err));
    out.end(body);
  }

  function readBody(req: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  const send = (res: http.ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    received++;
    // Every answer closes its connection: no client keeps a pooled socket here, so after a switch to `refuse` the
    // next request meets a closed port (refused), never a dead pooled socket (which reads as "sent, then dropped").
    res.shouldKeepAlive = false;
    const current = mode;
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    switch (current) {
      case 'hang':
      case 'refuse': // a request that raced the switch to refuse: its socket is about to be destroyed
        return; // never answer: the socket is destroyed by close() or by the client giving up
      case 'garbage':
        return send(res, 200, 'application/json; charset=utf-8', GARBAGE);
      case 'wrong-content-type':
        return send(res, 200, 'text/html; charset=utf-8', HTML_PAGE);
      case 'wrong-shape':
        return send(res, 200, 'application/json; charset=utf-8', WRONG_SHAPE);
      case 'truncate':
        return ask(req, body, (err, answer) => {
          if (res.headersSent || res.destroyed) return;
          const a = err || !answer ? fallbackAnswer() : answer;
          const full = a.body.length >= 2 ? a.body : Buffer.from('{"truncated":true}');
          const headers = forwardable(a.headers);
          headers['content-length'] = String(full.length);
          res.writeHead(a.status, headers);
          // Half the body on the wire, then the connection is gone: the client has headers promising more.
          res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.destroy());
        });
      case 'pass':
        return ask(req, body, (err, answer) => {
          if (res.headersSent || res.destroyed) return;
          if (err || !answer) {
            return send(
              res,
              502,
              'application/json; charset=utf-8',
              JSON.stringify({ error: { code: 'BAD_GATEWAY', message: '上游系统无法连接' } }),
            );
          }
          const headers = forwardable(answer.headers);
          headers['content-length'] = String(answer.body.length);
          res.writeHead(answer.status, headers);
          res.end(answer.body);
        });
    }
  }

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Don't let a client's socket hold a hung request open past close().
  server.keepAliveTimeout = 1000;

  let listening = false;
  let port = opts.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        listening = true;
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stopListening = async () => {
    if (!listening) return;
    listening = false;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
      for (const r of upstreamRequests) r.destroy();
    });
  };

  if (mode !== 'refuse') await listen();
  else {
    // Refusing from the start: take a port, then let it go, so `url` names a port where nothing listens.
    await listen();
    await stopListening();
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    get mode() {
      return mode;
    },
    get received() {
      return received;
    },
    get forwarded() {
      return forwarded;
    },
    async setMode(next) {
      if (!FAULT_PROXY_MODES.includes(next)) throw new Error(`faultProxy: unknown mode ${next}`);
      const previous = mode;
      mode = next;
      if (next === 'refuse' && previous !== 'refuse') await stopListening();
      if (next !== 'refuse' && !listening) await listen();
    },
    async close() {
      mode = 'refuse';
      await stopListening();
    },
  };
}

interface UpstreamAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function fallbackAnswer(): UpstreamAnswer {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify({ verified: true, idNumber: '', name: '', padding: 'x'.repeat(40) })),
  };
}
