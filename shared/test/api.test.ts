import { describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  citizenEndpoints as citizen,
  createApiClient,
  errorMessage,
  fillPath,
  parseApiError,
  queryString,
  reviewEndpoints as review,
  type TransportRequest,
  type TransportResponse,
} from '../src/client/index.ts';

/** A transport that records what it was asked and answers from a script. */
function fakeTransport(answer: (req: TransportRequest) => TransportResponse | Promise<TransportResponse>) {
  const sent: TransportRequest[] = [];
  const transport = vi.fn(async (req: TransportRequest) => {
    sent.push(req);
    return answer(req);
  });
  return { transport, sent };
}

describe('createApiClient', () => {
  it('sends the token, the path params and the JSON body, and returns the answer', async () => {
    const { transport, sent } = fakeTransport(() => ({ status: 200, body: { id: 7, status: 'withdrawn' } }));
    const { call } = createApiClient({ transport, baseUrl: 'https://bff.example', token: () => 'tok' });
    const answer = await call(citizen.withdraw, { params: { id: 7 } });
    expect(answer).toEqual({ id: 7, status: 'withdrawn' });
    expect(sent[0]).toEqual({
      method: 'POST',
      url: 'https://bff.example/api/me/change-requests/7/withdraw',
      headers: { accept: 'application/json', authorization: 'Bearer tok' },
      body: undefined,
      responseType: 'json',
    });

    await call(review.decide, { params: { id: 3 }, body: { result: 'rejected', opinion: '材料不全' } });
    expect(sent[1].headers['content-type']).toBe('application/json');
    expect(sent[1].body).toEqual({ result: 'rejected', opinion: '材料不全' });
  });

  it('builds list queries without empty filters, and passes extra headers', async () => {
    const { transport, sent } = fakeTransport(() => ({ status: 200, body: { items: [], total: 0 } }));
    const { call } = createApiClient({ transport, token: () => null });
    await call(review.changeRequests, {
      query: { name: ' 谭梅 ', bankName: '', idNumber: undefined, showCompleted: false, page: 2, pageSize: 20 },
      headers: { 'x-ykt-channel': 'pc' },
    });
    expect(sent[0].url).toBe(
      `/api/review/change-requests?name=${encodeURIComponent('谭梅')}&showCompleted=false&page=2&pageSize=20`,
    );
    expect(sent[0].headers).toEqual({ accept: 'application/json', 'x-ykt-channel': 'pc' });
  });

  it('sends no token on anonymous calls, and their 401 is not a session expiry', async () => {
    const onUnauthenticated = vi.fn();
    const { transport, sent } = fakeTransport(() => ({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } },
    }));
    const { call } = createApiClient({ transport, token: () => 'old', onUnauthenticated });
    await expect(call(review.login, { body: { username: 'a', password: 'b' } })).rejects.toMatchObject({
      status: 401,
      message: '用户名或密码错误',
    });
    expect(sent[0].headers.authorization).toBeUndefined();
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('reports a 401 of a session call once per call, with the error', async () => {
    const onUnauthenticated = vi.fn();
    const { transport } = fakeTransport(() => ({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: '登录已过期' } },
    }));
    const { call } = createApiClient({ transport, token: () => 'expired', onUnauthenticated });
    const error = await call(citizen.myCard).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(onUnauthenticated).toHaveBeenCalledWith(error);
  });

  it('turns a transport failure into the network error, with its Chinese message', async () => {
    const { call } = createApiClient({
      transport: () => Promise.reject(new TypeError('Failed to fetch')),
      token: () => null,
    });
    const error = await call(citizen.clientConfig).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK', message: '网络连接失败，请检查网络后重试' });
    expect(errorMessage(error)).toBe('网络连接失败，请检查网络后重试');
  });

  it('asks for a blob where the endpoint downloads a file', async () => {
    const { transport, sent } = fakeTransport(() => ({ status: 200, body: new Blob(['a,b']) }));
    const { call } = createApiClient({ transport, token: () => 't' });
    const csv = await call(review.auditCsv, { query: { action: 'account' } });
    expect(await csv.text()).toBe('a,b');
    expect(sent[0]).toMatchObject({ url: '/api/review/audit.csv?action=account', responseType: 'blob' });
  });
});

describe('parseApiError: one reading of {error: {code, message, fields?}}', () => {
  it('takes code, message and the string fields', () => {
    const e = parseApiError(400, {
      error: { code: 'VALIDATION_FAILED', message: '请按提示修改', fields: { accountNumber: '银行卡号有误', n: 1 } },
    });
    expect(e).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '请按提示修改' });
    expect(e.fields).toEqual({ accountNumber: '银行卡号有误' });
  });

  it('says something useful when the body is not the contract’s', () => {
    expect(parseApiError(502, null)).toMatchObject({ code: 'HTTP_502', message: '服务暂时不可用，请稍后重试' });
    expect(parseApiError(404, '<html>')).toMatchObject({ code: 'HTTP_404', message: '请求未能完成，请稍后重试' });
    expect(parseApiError(400, { error: { code: 'X' } }).fields).toEqual({});
  });
});

describe('paths and queries', () => {
  it('fills placeholders, encoded, and refuses a missing one', () => {
    expect(fillPath('/api/auth/qr-tickets/:ticket/scan', { ticket: 'a/b' })).toBe('/api/auth/qr-tickets/a%2Fb/scan');
    expect(() => fillPath('/api/me/change-requests/:id/withdraw', {})).toThrow(TypeError);
  });

  it('leaves out empty values', () => {
    expect(queryString({})).toBe('');
    expect(queryString({ a: ' ', b: null, c: 0, d: true })).toBe('?c=0&d=true');
  });
});
