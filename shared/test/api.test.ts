import { describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  callKey,
  citizenEndpoints as citizen,
  createApiClient,
  errorMessage,
  fillPath,
  isKeyOf,
  networkError,
  parseApiError,
  queryString,
  retryDelay,
  retryReads,
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
      query: { name: ' 谭梅 ', bankName: '', idNumber: undefined, showCompleted: false, cursor: 'WzJd', pageSize: 20 },
      headers: { 'x-ykt-channel': 'pc' },
    });
    expect(sent[0].url).toBe(
      `/api/review/change-requests?name=${encodeURIComponent('谭梅')}&showCompleted=false&cursor=WzJd&pageSize=20`,
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

describe('cache keys and retries', () => {
  it('keys a read by endpoint, params and query', () => {
    expect(callKey(citizen.myCard)).toEqual(['GET', '/api/me/card', null, null]);
    expect(callKey(review.accounts, { query: { page: 2 } })).toEqual([
      'GET',
      '/api/review/accounts',
      null,
      { page: 2 },
    ]);
    expect(isKeyOf(callKey(review.accounts, { query: { page: 2 } }), review.audit, review.accounts)).toBe(true);
    expect(isKeyOf(callKey(review.audit), review.accounts)).toBe(false);
    expect(isKeyOf('/api/review/accounts', review.accounts)).toBe(false);
  });

  it('retries reads that got no answer or a server fault, twice, after 1 s then 2 s', () => {
    expect(retryDelay(networkError(), 1)).toBe(1000);
    expect(retryDelay(new ApiError(502, 'HTTP_502', ''), 2)).toBe(2000);
    expect(retryDelay(networkError(), 3)).toBeUndefined();
  });

  it('does not retry answers: 4xx, the bank being down, or errors that are not the API’s', () => {
    expect(retryDelay(new ApiError(401, 'UNAUTHENTICATED', ''), 1)).toBeUndefined();
    expect(retryDelay(new ApiError(404, 'NOT_FOUND', ''), 1)).toBeUndefined();
    expect(retryDelay(new ApiError(503, 'BANK_UNAVAILABLE', ''), 1)).toBeUndefined();
    expect(retryDelay(new TypeError('x'), 1)).toBeUndefined();
  });

  it('retryReads schedules the revalidation with the retry count', () => {
    vi.useFakeTimers();
    try {
      const revalidate = vi.fn();
      retryReads(networkError(), 'k', {}, revalidate, { retryCount: 2 });
      vi.advanceTimersByTime(1999);
      expect(revalidate).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(revalidate).toHaveBeenCalledWith({ retryCount: 2 });
      retryReads(new ApiError(400, 'VALIDATION_FAILED', ''), 'k', {}, revalidate, { retryCount: 1 });
      vi.runAllTimers();
      expect(revalidate).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
