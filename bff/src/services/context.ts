import type { Config } from '../config.ts';
import type { DataStore } from '../db/database.ts';
import type { BankGateway } from '../gateways/bankGateway.ts';
import type { IdentityGateway } from '../gateways/identityGateway.ts';
import type { NotifyGateway } from '../gateways/notifyGateway.ts';
import type { FieldCrypto } from '../lib/fieldCrypto.ts';
import type { Clock } from '../lib/time.ts';

/** What every use case needs; built once in the app and handed to the services. No HTTP in here. */
export interface ServiceContext {
  db: DataStore;
  crypto: FieldCrypto;
  clock: Clock;
  config: Config;
  bank: BankGateway;
  identity: IdentityGateway;
  notify: NotifyGateway;
}

/** Who acts, for the audit trail: a citizen (beneficiary id), a caseworker, the 一卡通 system or a job. */
export interface Actor {
  type: 'citizen' | 'caseworker' | 'system';
  id: string;
  ip?: string;
}
