import { type AnswerOf, type CallInput, reviewEndpoints as review } from '@ykt/shared';
import { forgetAll } from '@ykt/shared/swr';
import type { TablePaginationConfig } from 'antd';
import { useEffect, useState } from 'react';
import { unstable_serialize } from 'swr';
import { createWebApi } from '../api/client';

/** The console's client: the caseworker's session token, the review endpoints. */
const reviewApi = createWebApi('ykt.review.token');

export const { call, useCall, onSessionExpired } = reviewApi;
export const hasToken = () => reviewApi.token() !== null;

export type CaseworkerProfile = AnswerOf<typeof review.me>;
export type ReviewListItem = AnswerOf<typeof review.changeRequests>['items'][number];
export type ReviewDetail = AnswerOf<typeof review.changeRequest>;
export type ReviewAccount = AnswerOf<typeof review.accounts>['items'][number];
export type AuditEntry = AnswerOf<typeof review.audit>['items'][number];
export type ValidationRun = AnswerOf<typeof review.validationRuns>['items'][number];
export type OutboxEntry = AnswerOf<typeof review.outbox>['items'][number];
export type DistrictSetting = AnswerOf<typeof review.reviewDays>['items'][number];

export function startSession(token: string): void {
  forgetAll();
  reviewApi.setToken(token);
}

/** Signs out server-side; the token and everything read with it are dropped here whatever the answer. */
export async function logout(): Promise<void> {
  try {
    await call(review.logout);
  } finally {
    reviewApi.setToken(null);
    forgetAll();
  }
}

/**
 * 退出所有设备: every session of this caseworker ends (this one too); the token and everything read with it are
 * dropped here whatever the answer. Resolves how many sessions ended.
 */
export async function logoutEverywhere(): Promise<number> {
  try {
    return (await call(review.logoutAll)).ended;
  } finally {
    reviewApi.setToken(null);
    forgetAll();
  }
}

/** One empty list for every grid without rows, so effects on `rows` run only when rows arrive. */
const NO_ROWS: never[] = [];
const NO_FIELDS: Readonly<Record<string, string>> = {};

type PagedEndpoint = typeof review.changeRequests | typeof review.accounts | typeof review.audit | typeof review.outbox;
type Filter<E extends PagedEndpoint> = Omit<NonNullable<CallInput<E>['query']>, 'cursor' | 'pageSize'>;

/** "共 12 条", or "共 1000+ 条" when the BFF stopped counting (its total is capped, `totalExact: false`). */
export function totalText(answer: { total?: number; totalExact?: boolean } | undefined): string {
  if (!answer || answer.total === undefined) return '';
  return `共 ${answer.total}${answer.totalExact === false ? '+' : ''} 条`;
}

/**
 * A paged grid of `endpoint`: its filter, page and size, the rows (the previous page's stay while the next loads,
 * so the grid does not jump), and antd's pagination. The BFF pages by keyset (docs/api-extensions.md): each page
 * answers the cursor of the next, so the grid knows the pages it has been shown and the one after, and the total
 * is capped ("1000+ 条"). `search` applies a filter from page 1, and reads again when the filter is the one shown.
 * A filter the BFF refuses (400) shows no rows at all, and its words per field are in `fieldErrors`.
 */
export function usePaged<E extends PagedEndpoint>(endpoint: E, initialFilter: Filter<E>, initialPageSize = 20) {
  const [filter, setFilter] = useState(initialFilter);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  // cursors[n] starts page n + 1; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const query = { ...filter, cursor: cursors[page - 1], pageSize };
  const { data, error, isLoading, isValidating, mutate } = useCall(endpoint, { query } as CallInput<E>, {
    keepPreviousData: true,
  });
  // While a page loads SWR still answers the page before (isLoading: this key has no answer yet): its rows stay on
  // screen, but its cursor is not this page's next one. A refused query shows nothing of an earlier one.
  const shown = error ? undefined : (data as AnswerOf<E> | undefined);
  const answer = isLoading ? undefined : shown;
  const next = answer?.nextCursor ?? undefined;
  useEffect(() => {
    if (next && cursors.length === page) setCursors((c) => (c.length === page ? [...c, next] : c));
  }, [next, cursors.length, page]);
  const restart = (size = pageSize) => {
    setCursors([undefined]);
    setPage(1);
    setPageSize(size);
  };
  const reload = () => void mutate();
  const search = (nextFilter: Filter<E>) => {
    if (page === 1 && unstable_serialize([nextFilter]) === unstable_serialize([filter])) reload();
    setFilter(nextFilter);
    restart();
  };
  const rows = (shown?.items ?? NO_ROWS) as AnswerOf<E>['items'];
  const counted = shown as { total?: number; totalExact?: boolean } | undefined;
  const total = counted?.total ?? 0;
  const refused = error && error.status === 400 ? error : null;
  // The pages antd may offer: every page shown so far, and the next one when there is one.
  const known = next && cursors.length <= page ? page + 1 : Math.max(cursors.length, page);
  const pagination = (pageSizeOptions = [10, 20, 50, 100]): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: next || known > page ? known * pageSize : (page - 1) * pageSize + rows.length,
    showSizeChanger: true,
    pageSizeOptions,
    showTotal: () => totalText(counted),
    onChange: (p, ps) => {
      if (ps !== pageSize) restart(ps);
      else setPage(p);
    },
  });
  return {
    rows,
    total,
    totalText: totalText(counted),
    filter,
    search,
    page,
    pageSize,
    loading: isValidating,
    loadError: error && !refused ? error.message : null,
    /** The BFF refused the filter (400): its message, and its words per field (shown under those fields). */
    refused: refused ? refused.message : null,
    fieldErrors: refused ? refused.fields : NO_FIELDS,
    reload,
    pagination,
  };
}

/** What usePaged gives a grid. */
export type Paged<E extends PagedEndpoint> = ReturnType<typeof usePaged<E>>;
