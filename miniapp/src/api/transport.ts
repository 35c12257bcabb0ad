import Taro from '@tarojs/taro';
import type { Transport } from '@ykt/shared';

const TIMEOUT_MS = 20_000;

/**
 * The mini-app's transport: Taro.request (fetch in the H5 build, wx.request in weapp). Body-less POSTs send {}
 * so a JSON content type never meets an empty body (Fastify refuses that).
 */
export const taroTransport: Transport = async ({ method, url, headers, body }) => {
  const writes = method !== 'GET';
  const res = await Taro.request({
    url,
    method,
    data: writes ? (body ?? {}) : undefined,
    header: writes ? { 'content-type': 'application/json', ...headers } : headers,
    timeout: TIMEOUT_MS,
    dataType: 'json',
  });
  return { status: res.statusCode, body: res.statusCode === 204 ? undefined : res.data };
};
