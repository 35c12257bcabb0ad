/**
 * Every answer the BFF can give is the contract's `{error: {code, message}}` in Chinese with the
 * security headers — also when the request never reaches a route: a URL that cannot be decoded, a path parameter
 * over the router's limit, a header too large for Node's parser, a method nobody routes, a garbage request line.
 * Against a LISTENING app; the parser-level cases over a raw TCP socket (fetch would refuse to send them).
 */
import { connect } from 'node:net';
import { errorBody } from '@ykt/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from './helpers.ts';

const env = useTestEnv();
let port = 0;

beforeAll(async () => {
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const address = env.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening on a port');
  port = address.port;
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `request` as bytes on a fresh connection and reads the answer until the server closes or it is complete.
 * Our side is never half-closed: Node's HTTP server drops a request whose client sent FIN before the answer was
 * ready (httpAllowHalfOpen is off), which a slow moment of the machine would turn into "no answer".
 */
function raw(request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const done = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no complete answer: ${JSON.stringify(text.slice(0, 200))}`));
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      let body = text.slice(split + 4);
      const length = Number(headers['content-length']);
      if (Number.isFinite(length)) body = Buffer.from(body).subarray(0, length).toString('utf8');
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    };
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      // A keep-alive answer is complete once its declared body has arrived.
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, split));
      if (split >= 0 && m && Buffer.byteLength(text.slice(split + 4)) >= Number(m[1])) {
        socket.destroy();
        done();
      }
    });
    socket.on('end', done);
    socket.on('error', (err) => (chunks.length ? done() : reject(err)));
    socket.write(request);
  });
}

/** The contract's error shape in Chinese, with the headers every answer carries. */
function expectContractError(a: RawAnswer, status: number, code: string) {
  expect(a.status, a.body).toBe(status);
  expect(a.headers['content-type']).toMatch(/^application\/json/);
  const { error } = errorBody.strict().parse(JSON.parse(a.body));
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/\p{Script=Han}/u);
  expect(a.headers['x-content-type-options']).toBe('nosniff');
  expect(a.headers['content-security-policy']).toMatch(/default-src '(none|self)'/);
  expect(a.headers['content-security-policy']).toMatch(/frame-ancestors '(none|self)'/);
}

const get = (path: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`;

describe('answers that never reach a route keep the contract and the headers', () => {
  it('a URL that cannot be decoded (/api/me/card%): 400 VALIDATION_FAILED', async () => {
    expectContractError(await raw(get('/api/me/card%')), 400, 'VALIDATION_FAILED');
    expectContractError(await raw(get('/api/me/change-requests/%E4%ZZ/withdraw')), 400, 'VALIDATION_FAILED');
    const viaFetch = await fetch(`http://127.0.0.1:${port}/api/me/card%`);
    expect(viaFetch.status).toBe(400);
    expect(viaFetch.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('a path parameter of 101 characters: 414 REQUEST_TOO_LARGE', async () => {
    const id = '1'.repeat(101);
    expectContractError(await raw(get(`/api/review/change-requests/${id}`)), 414, 'REQUEST_TOO_LARGE');
    expectContractError(await raw(get(`/api/auth/qr-tickets/${'a'.repeat(101)}`)), 414, 'REQUEST_TOO_LARGE');
  });

  it('a 17 KB header: 431 REQUEST_TOO_LARGE, answered by the BFF and not by Node', async () => {
    const a = await raw(get('/api/me/card', `X-Big: ${'a'.repeat(17 * 1024)}\r\n`));
    expectContractError(a, 431, 'REQUEST_TOO_LARGE');
    // And one big cookie, as a browser with years of cookies sends.
    expectContractError(
      await raw(get('/api/me/card', `Cookie: c=${'b'.repeat(17 * 1024)}\r\n`)),
      431,
      'REQUEST_TOO_LARGE',
    );
  });

  it('a method Node knows but nobody routes (PROPFIND, TRACE): the contract shape', async () => {
    for (const method of ['PROPFIND', 'TRACE', 'MKCOL']) {
      const a = await raw(`${method} /api/me/card HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect([404, 405], `${method}: ${a.body}`).toContain(a.status);
      expectContractError(a, a.status, a.status === 404 ? 'NOT_FOUND' : 'METHOD_NOT_ALLOWED');
    }
  });

  it('a method Node does not know (BREW) and garbage request lines: 4xx in the contract shape', async () => {
    expectContractError(await raw('BREW /api/me/card HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 405, 'METHOD_NOT_ALLOWED');
    for (const garbage of [
      'HELLO\r\n\r\n',
      'GET /api/me/card HTTP/9.9\r\nHost: x\r\n\r\n',
      'GET /api/me/card HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
      'GET /api/me/card HTTP/1.1\r\nBad Header\r\n\r\n',
      Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]), // a TLS hello on plain HTTP
    ]) {
      const a = await raw(garbage);
      expect(a.status, JSON.stringify(garbage.toString())).toBeGreaterThanOrEqual(400);
      expect(a.status).toBeLessThan(500);
      expectContractError(a, a.status, a.status === 405 ? 'METHOD_NOT_ALLOWED' : 'VALIDATION_FAILED');
    }
  });

  it('a body over the limit, malformed JSON and a wrong content type: the contract shape', async () => {
    const post = (type: string, body: string) =>
      `POST /api/auth/face HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    expectContractError(await raw(post('application/json', '{"faceToken":')), 400, 'VALIDATION_FAILED');
    expectContractError(await raw(post('text/plain', 'faceToken=x')), 400, 'VALIDATION_FAILED');
    expectContractError(await raw(post('application/xml', '<faceToken/>')), 400, 'VALIDATION_FAILED');
    // Over the 64 KB body limit: answered on the headers, before any of the body is read (so none is sent).
    const head = `POST /api/auth/face HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${70 * 1024}\r\n\r\n`;
    expectContractError(await raw(head), 413, 'REQUEST_TOO_LARGE');
  });
});
