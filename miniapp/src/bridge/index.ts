/**
 * Picks the host bridge once per visit: the H5 preview when the BFF runs in preview mode
 * (GET /api/client-config), else the 渝快办 container adapter.
 */
import { type AnswerOf, citizenEndpoints as citizen } from '@ykt/shared';
import { call } from '../api/client';
import { createContainerBridge, hasContainerBridge } from './container';
import { createPreviewBridge } from './preview';
import type { Bridge } from './types';

export * from './types';

let pending: Promise<Bridge> | undefined;

async function choose(): Promise<Bridge> {
  if (process.env.TARO_ENV !== 'h5' || hasContainerBridge()) return createContainerBridge();
  let config: AnswerOf<typeof citizen.clientConfig>;
  try {
    config = await call(citizen.clientConfig);
  } catch (e) {
    pending = undefined; // try again next time
    throw e;
  }
  if (config.faceMode === 'preview' && config.identityPreviewUrl) return createPreviewBridge(config.identityPreviewUrl);
  return createContainerBridge();
}

export function getBridge(): Promise<Bridge> {
  pending ??= choose();
  return pending;
}
