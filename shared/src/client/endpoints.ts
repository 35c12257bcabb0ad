/**
 * Every call the front ends make, once: method, path, and the types of its path params, query, body and answer,
 * taken from the zod contract in ../schemas. Only types come from there (`import type`): at run time this table
 * is a few strings, so a front end that uses it does not ship zod.
 */
import type { z } from 'zod';
import type {
  accountEditBody,
  accountPaymentsQuery,
  accountQuery,
  auditList,
  auditQuery,
  caseworkerLoginAnswer,
  caseworkerLoginBody,
  caseworkerProfile,
  changeRequest,
  changeRequestBody,
  changeRequestList,
  changeRequestListQuery,
  clientConfig,
  decisionAnswer,
  decisionBody,
  districtSetting,
  districtSettingBody,
  districtSettingList,
  faceLoginAnswer,
  faceLoginBody,
  idParam,
  messageBody,
  myCard,
  myPaymentsQuery,
  notificationList,
  notificationRead,
  outboxList,
  outboxQuery,
  paymentYearPage,
  qrTicketIssued,
  qrTicketParam,
  qrTicketPoll,
  qrTicketScanned,
  qrTicketState,
  revealedAccounts,
  reviewAccount,
  reviewAccountList,
  reviewDetail,
  reviewList,
  reviewQuery,
  validationRun,
  validationRunList,
  withdrawAnswer,
} from '../schemas/index.ts';
import type { HttpMethod } from './transport.ts';

/** What a call sends when it sends nothing of that kind. */
export type None = undefined;

export interface Endpoint<Params = None, Query = None, Body = None, Answer = unknown> {
  readonly method: HttpMethod;
  /** With `:name` placeholders for the path params. */
  readonly path: string;
  /** false: sent without the session token, and a 401 is this call's own answer (a failed login), not an expiry. */
  readonly auth: boolean;
  readonly responseType: 'json' | 'blob';
  /** Never set: carries the types. */
  readonly types?: { params: Params; query: Query; body: Body; answer: Answer };
}

// biome-ignore lint/suspicious/noExplicitAny: any endpoint, whatever its types
export type AnyEndpoint = Endpoint<any, any, any, any>;
export type ParamsOf<E> = E extends Endpoint<infer P, unknown, unknown, unknown> ? P : never;
export type QueryOf<E> = E extends Endpoint<unknown, infer Q, unknown, unknown> ? Q : never;
export type BodyOf<E> = E extends Endpoint<unknown, unknown, infer B, unknown> ? B : never;
export type AnswerOf<E> = E extends Endpoint<unknown, unknown, unknown, infer A> ? A : never;

type Out<S extends z.ZodType> = z.output<S>;
type In<S extends z.ZodType> = z.input<S>;
/** A list query as the front ends send it: every filter optional, paging included. */
type QueryOut<S extends z.ZodType> = Partial<z.output<S>>;

type Options = { auth?: boolean; responseType?: 'json' | 'blob' };
function endpoint<P = None, Q = None, B = None, A = unknown>(
  method: HttpMethod,
  path: string,
  { auth = true, responseType = 'json' }: Options = {},
): Endpoint<P, Q, B, A> {
  return { method, path, auth, responseType };
}

type Id = Out<typeof idParam>;
type Ticket = Out<typeof qrTicketParam>;

/** The citizen's calls (mini-app and PC pages) and the PC's QR login. */
export const citizenEndpoints = {
  clientConfig: endpoint<None, None, None, Out<typeof clientConfig>>('GET', '/api/client-config', { auth: false }),
  faceLogin: endpoint<None, None, In<typeof faceLoginBody>, Out<typeof faceLoginAnswer>>('POST', '/api/auth/face', {
    auth: false,
  }),
  logout: endpoint<None, None, None, void>('POST', '/api/auth/logout'),
  /** 退出所有设备: every session of the person ends, this one included. */
  logoutAll: endpoint<None, None, None, { ended: number }>('POST', '/api/auth/logout-all'),

  myCard: endpoint<None, None, None, Out<typeof myCard>>('GET', '/api/me/card'),
  revealCard: endpoint<None, None, None, Out<typeof revealedAccounts>>('GET', '/api/me/card/reveal'),
  /** 事项办理, newest first, 20 at a time: `cursor` is the `nextCursor` of the page before. */
  changeRequests: endpoint<None, QueryOut<typeof changeRequestListQuery>, None, Out<typeof changeRequestList>>(
    'GET',
    '/api/me/change-requests',
  ),
  submitChange: endpoint<None, None, In<typeof changeRequestBody>, Out<typeof changeRequest>>(
    'POST',
    '/api/me/change-requests',
  ),
  withdraw: endpoint<Id, None, None, Out<typeof withdrawAnswer>>('POST', '/api/me/change-requests/:id/withdraw'),
  notifications: endpoint<None, None, None, Out<typeof notificationList>>('GET', '/api/me/notifications'),
  markNotificationRead: endpoint<Id, None, None, Out<typeof notificationRead>>(
    'POST',
    '/api/me/notifications/:id/read',
  ),
  /** 发放记录: one year of the person's own payments (without `year`: the latest year that has any). */
  payments: endpoint<None, QueryOut<typeof myPaymentsQuery>, None, Out<typeof paymentYearPage>>(
    'GET',
    '/api/me/payments',
  ),

  createQrTicket: endpoint<None, None, None, Out<typeof qrTicketIssued>>('POST', '/api/auth/qr-tickets', {
    auth: false,
  }),
  /** Send the ticket's secret as `x-qr-secret`. */
  pollQrTicket: endpoint<Ticket, None, None, Out<typeof qrTicketPoll>>('GET', '/api/auth/qr-tickets/:ticket', {
    auth: false,
  }),
  scanQrTicket: endpoint<Ticket, None, None, Out<typeof qrTicketScanned>>('POST', '/api/auth/qr-tickets/:ticket/scan'),
  confirmQrTicket: endpoint<Ticket, None, None, Out<typeof qrTicketState>>(
    'POST',
    '/api/auth/qr-tickets/:ticket/confirm',
  ),
  cancelQrTicket: endpoint<Ticket, None, None, Out<typeof qrTicketState>>(
    'POST',
    '/api/auth/qr-tickets/:ticket/cancel',
  ),
} as const;

/** The caseworkers' console. */
export const reviewEndpoints = {
  login: endpoint<None, None, In<typeof caseworkerLoginBody>, Out<typeof caseworkerLoginAnswer>>(
    'POST',
    '/api/review/auth/login',
    { auth: false },
  ),
  me: endpoint<None, None, None, Out<typeof caseworkerProfile>>('GET', '/api/review/me'),
  logout: endpoint<None, None, None, void>('POST', '/api/review/auth/logout'),
  /** 退出所有设备: every session of the caller ends, this one included. */
  logoutAll: endpoint<None, None, None, { ended: number }>('POST', '/api/review/auth/logout-all'),

  changeRequests: endpoint<None, QueryOut<typeof reviewQuery>, None, Out<typeof reviewList>>(
    'GET',
    '/api/review/change-requests',
  ),
  changeRequest: endpoint<Id, None, None, Out<typeof reviewDetail>>('GET', '/api/review/change-requests/:id'),
  decide: endpoint<Id, None, In<typeof decisionBody>, Out<typeof decisionAnswer>>(
    'POST',
    '/api/review/change-requests/:id/decision',
  ),

  accounts: endpoint<None, QueryOut<typeof accountQuery>, None, Out<typeof reviewAccountList>>(
    'GET',
    '/api/review/accounts',
  ),
  editAccount: endpoint<Id, None, In<typeof accountEditBody>, Out<typeof reviewAccount>>(
    'PATCH',
    '/api/review/accounts/:id',
  ),
  invalidateAccount: endpoint<Id, None, In<typeof messageBody>, Out<typeof reviewAccount>>(
    'POST',
    '/api/review/accounts/:id/invalidate',
  ),

  audit: endpoint<None, QueryOut<typeof auditQuery>, None, Out<typeof auditList>>('GET', '/api/review/audit'),
  auditCsv: endpoint<None, Pick<QueryOut<typeof auditQuery>, 'action'>, None, Blob>('GET', '/api/review/audit.csv', {
    responseType: 'blob',
  }),

  validationRuns: endpoint<None, None, None, Out<typeof validationRunList>>('GET', '/api/review/validation-runs'),
  startValidationRun: endpoint<None, None, None, Out<typeof validationRun>>('POST', '/api/review/validation-runs'),

  /** 发放记录 of one account's person in that account's district (a year at a time, optionally one 补贴项目). */
  accountPayments: endpoint<Id, Partial<Out<typeof accountPaymentsQuery>>, None, Out<typeof paymentYearPage>>(
    'GET',
    '/api/review/accounts/:id/payments',
  ),

  /** 经办人账号 (municipal caseworker): everyone, and 停用 / 启用 (停用 ends their sessions at once). */
  caseworkers: endpoint<None, None, None, { items: Out<typeof caseworkerProfile>[] }>('GET', '/api/review/caseworkers'),
  disableCaseworker: endpoint<Id, None, None, Out<typeof caseworkerProfile>>(
    'POST',
    '/api/review/caseworkers/:id/disable',
  ),
  enableCaseworker: endpoint<Id, None, None, Out<typeof caseworkerProfile>>(
    'POST',
    '/api/review/caseworkers/:id/enable',
  ),

  /** 审核时限: every district's usual review time in working days; the municipal caseworker sets one. */
  reviewDays: endpoint<None, None, None, Out<typeof districtSettingList>>('GET', '/api/review/settings/review-days'),
  setReviewDays: endpoint<{ districtCode: string }, None, In<typeof districtSettingBody>, Out<typeof districtSetting>>(
    'PUT',
    '/api/review/settings/review-days/:districtCode',
  ),

  /** 消息发送记录 (municipal caseworker): the SMS / 渝快办 push messages, newest first, keyset pages. */
  outbox: endpoint<None, QueryOut<typeof outboxQuery>, None, Out<typeof outboxList>>('GET', '/api/review/outbox'),
} as const;

/** A path with its `:name` placeholders filled (URL-encoded). */
export function fillPath(path: string, params?: Readonly<Record<string, string | number>>): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new TypeError(`fillPath: ${path} needs ${name}`);
    return encodeURIComponent(String(v));
  });
}

/** `?a=1&b=x` from a query object; undefined, null and blank values are left out, strings trimmed. */
export function queryString(query?: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    const s = typeof v === 'string' ? v.trim() : String(v);
    if (s !== '') parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(s)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
