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

/** One empty list for every grid without rows, so effects on `rows` run only when rows arrive. */
const NO_ROWS: never[] = [];

type PagedEndpoint = typeof review.changeRequests | typeof review.accounts | typeof review.audit;
type Filter<E extends PagedEndpoint> = Omit<NonNullable<CallInput<E>['query']>, 'cursor' | 'pageSize'>;

/**
 * A paged grid of `endpoint`: its filter, page and size, the rows (the previous page's stay while the next loads,
 * so the grid does not jump), and antd's pagination. The BFF pages by keyset (docs/api-extensions.md): each page
 * answers the cursor of the next, so the grid knows the pages it has been shown and the one after, and the total
 * is capped ("10000+ 条"). `search` applies a filter from page 1, and reads again when the filter is the one shown.
 */
export function usePaged<E extends PagedEndpoint>(endpoint: E, initialFilter: Filter<E>) {
  const [filter, setFilter] = useState(initialFilter);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  // cursors[n] starts page n + 1; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const query = { ...filter, cursor: cursors[page - 1], pageSize };
  const { data, error, isValidating, mutate } = useCall(endpoint, { query } as CallInput<E>, {
    keepPreviousData: true,
  });
  const answer = data as AnswerOf<E> | undefined;
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
  const rows = (answer?.items ?? NO_ROWS) as AnswerOf<E>['items'];
  const total = answer?.total ?? 0;
  const totalText = `共 ${total}${answer && !answer.totalExact ? '+' : ''} 条`;
  // The pages antd may offer: every page shown so far, and the next one when there is one.
  const known = next && cursors.length <= page ? page + 1 : Math.max(cursors.length, page);
  const pagination = (pageSizeOptions = [10, 20, 50, 100]): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: next || known > page ? known * pageSize : (page - 1) * pageSize + rows.length,
    showSizeChanger: true,
    pageSizeOptions,
    showTotal: () => totalText,
    onChange: (p, ps) => {
      if (ps !== pageSize) restart(ps);
      else setPage(p);
    },
  });
  return {
    rows,
    total,
    totalText,
    filter,
    search,
    page,
    pageSize,
    loading: isValidating,
    loadError: error ? error.message : null,
    reload,
    pagination,
  };
}

/** What usePaged gives a grid. */
export type Paged<E extends PagedEndpoint> = ReturnType<typeof usePaged<E>>;
