import { type AnswerOf, type CallInput, reviewEndpoints as review } from '@ykt/shared';
import { forgetAll } from '@ykt/shared/swr';
import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
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
type Filter<E extends PagedEndpoint> = Omit<NonNullable<CallInput<E>['query']>, 'page' | 'pageSize'>;

/**
 * A paged grid of `endpoint`: its filter, page and size, the rows (the previous page's stay while the next loads,
 * so the grid does not jump), and antd's pagination. `search` applies a filter from page 1, and reads again when
 * the filter is the one shown (查询 always asks the server).
 */
export function usePaged<E extends PagedEndpoint>(endpoint: E, initialFilter: Filter<E>) {
  const [filter, setFilter] = useState(initialFilter);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = { ...filter, page, pageSize };
  const { data, error, isValidating, mutate } = useCall(endpoint, { query } as CallInput<E>, {
    keepPreviousData: true,
  });
  const answer = data as AnswerOf<E> | undefined;
  const reload = () => void mutate();
  const search = (next: Filter<E>) => {
    if (page === 1 && unstable_serialize([next]) === unstable_serialize([filter])) reload();
    setFilter(next);
    setPage(1);
  };
  const pagination = (pageSizeOptions = [10, 20, 50, 100]): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: answer?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions,
    showTotal: (t) => `共 ${t} 条`,
    onChange: (p, ps) => {
      setPage(ps !== pageSize ? 1 : p);
      setPageSize(ps);
    },
  });
  return {
    rows: (answer?.items ?? NO_ROWS) as AnswerOf<E>['items'],
    total: answer?.total ?? 0,
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
