/** The fault proxy itself, seen from a raw HTTP client: each mode does what it says, and switching back works. */
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, type Sandbox, startFaultProxy, startSandbox } from '../src/index.ts';

let sb: Sandbox;
let proxy: FaultProxy;
beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
  proxy = await startFaultProxy({ upstream: sb.url });
});
afterAll(async () => {
  await proxy.close();
  await sb.close();
});
afterEach(() => proxy.setMode('pass'));

interface Raw {
  status?: number;
  headers?: http.IncomingHttpHeaders;
  body: string;
  error?: string;
}

/** One request without keep-alive, reporting whatever arrived before the connection ended. */
function raw(path: string, opts: { method?: string; body?: unknown; timeoutMs?: number } = {}): Promise<Raw> {
  return new Promise((resolve) => {
    const url = new URL(path, proxy.url);
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: opts.method ?? 'GET',
        agent: false,
        headers: payload ? { 'content-type': 'application/json', 'x-app-key': 'sandbox-app-key' } : {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
        res.on('error', (err) => resolve({ status: res.statusCode, headers: res.headers, body, error: err.message }));
        res.on('aborted', () => resolve({ status: res.statusCode, headers: res.headers, body, error: 'aborted' }));
      },
    );
    req.setTimeout(opts.timeoutMs ?? 5000, () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ body: '', error: err.code ?? err.message }));
    req.end(payload);
  });
}

describe('fault proxy', () => {
  it('pass forwards method, path, headers and body, and the answer untouched', async () => {
    const forwarded = proxy.forwarded;
    const r = await raw('/bank/accounts/verify', {
      method: 'POST',
      body: { accountNumber: '6212583990000016', bankCode: 'CRCBANK', name: '任何人', idNumber: '11010519491231002X' },
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ result: 'ok', message: '账户验证通过' });
    expect(proxy.forwarded).toBe(forwarded + 1);
  });

  it('hang accepts and reads the request, then never answers', async () => {
    const received = proxy.received;
    await proxy.setMode('hang');
    const started = Date.now();
    const r = await raw('/healthz', { timeoutMs: 400 });
    expect(r.error).toBe('timeout');
    expect(r.status).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(proxy.received).toBe(received + 1);
  });

  it('refuse closes the port (connection refused); pass opens it again on the same port', async () => {
    await proxy.setMode('refuse');
    expect((await raw('/healthz')).error).toBe('ECONNREFUSED');
    await proxy.setMode('pass');
    expect((await raw('/healthz')).status).toBe(200);
  });

  it('truncate sends the upstream status and headers, half the body, then drops the connection', async () => {
    await proxy.setMode('truncate');
    const r = await raw('/identity/personas');
    expect(r.status).toBe(200);
    const promised = Number(r.headers?.['content-length']);
    expect(promised).toBeGreaterThan(100);
    expect(Buffer.byteLength(r.body)).toBeLessThan(promised);
    expect(r.error).toBeDefined();
    expect(() => JSON.parse(r.body)).toThrow();
  });

  it('garbage: 200, labelled JSON, not JSON', async () => {
    await proxy.setMode('garbage');
    const r = await raw('/healthz');
    expect(r.status).toBe(200);
    expect(r.headers?.['content-type']).toMatch(/^application\/json/);
    expect(() => JSON.parse(r.body)).toThrow();
  });

  it('wrong-content-type: 200 text/html, a page', async () => {
    await proxy.setMode('wrong-content-type');
    const r = await raw('/healthz');
    expect(r.status).toBe(200);
    expect(r.headers?.['content-type']).toMatch(/^text\/html/);
    expect(r.body).toMatch(/^<!DOCTYPE html>/);
  });

  it('wrong-shape: 200, JSON, not the documented answer', async () => {
    await proxy.setMode('wrong-shape');
    const r = await raw('/identity/personas');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ code: 0, msg: 'success', data: null });
  });

  it('refuses an unknown mode', async () => {
    await expect(proxy.setMode('sideways' as never)).rejects.toThrow(/unknown mode/);
  });
});
