/**
 * The QR link a phone opens, and the client config the pages read, come from configuration
 * (YKT_PUBLIC_URL) or the address the BFF listens on — never from the request's Host or X-Forwarded-Host, which
 * anybody can forge. Without YKT_PUBLIC_URL (as start.sh runs) and with it; behind a trusted proxy too.
 */
import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from './helpers.ts';

const FORGED = ['evil.example', 'evil.example:443', 'user@evil.example', '127.0.0.1.evil.example'];

/** A request with a Host header of our choosing (fetch does not let a caller set Host). */
function withHost(port: number, method: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function listening(env: ReturnType<typeof useTestEnv>) {
  let port = 0;
  beforeAll(async () => {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const address = env.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening on a port');
    port = address.port;
  });
  return () => port;
}

async function linksFor(port: number, host: string) {
  const headers = { host, 'x-forwarded-host': host, 'x-forwarded-proto': 'https', forwarded: `host=${host}` };
  const ticket = await withHost(port, 'POST', '/api/auth/qr-tickets', headers);
  expect(ticket.status, ticket.body).toBe(201);
  const config = await withHost(port, 'GET', '/api/client-config', headers);
  expect(config.status, config.body).toBe(200);
  return { qrContent: JSON.parse(ticket.body).qrContent as string, base: JSON.parse(config.body).qrLoginBaseUrl };
}

describe('without YKT_PUBLIC_URL (as start.sh runs)', () => {
  const env = useTestEnv();
  const port = listening(env);

  it('builds the QR content and the client config on the address the BFF listens on, whatever Host says', async () => {
    for (const host of FORGED) {
      const { qrContent, base } = await linksFor(port(), host);
      expect(qrContent).not.toContain('evil');
      expect(base).not.toContain('evil');
      expect(base).toBe(`http://127.0.0.1:${port()}`);
      expect(qrContent.startsWith(`http://127.0.0.1:${port()}/m/#/pages/qr-confirm/index?ticket=`)).toBe(true);
    }
  });

  it('inject (no socket): the configured port, never the Host', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/qr-tickets',
      headers: { host: 'evil.example' },
    });
    expect(res.json().qrContent).not.toContain('evil');
  });
});

describe('with YKT_PUBLIC_URL, behind a trusted proxy', () => {
  const env = useTestEnv({ publicUrl: 'https://ykt.cq.gov.cn/', trustProxy: true });
  const port = listening(env);

  it('uses the configured origin, even when the proxy passes on a forged X-Forwarded-Host', async () => {
    for (const host of FORGED) {
      const { qrContent, base } = await linksFor(port(), host);
      expect(base).toBe('https://ykt.cq.gov.cn');
      expect(qrContent.startsWith('https://ykt.cq.gov.cn/m/#/pages/qr-confirm/index?ticket=')).toBe(true);
      expect(qrContent).not.toContain('evil');
    }
  });
});
