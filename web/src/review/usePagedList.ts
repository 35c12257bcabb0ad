import type { TablePaginationConfig } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './api';

/**
 * A paged grid's state: rows, total, page and size, loading and its error. `fetchPage` (memoised by the page,
 * with its filter) is asked again whenever it, the page or the size changes; an answer overtaken by a newer
 * request is dropped, so a fast typist never sees an older query's rows.
 */
export function usePagedList<T>(
  fetchPage: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
  onLoaded?: (items: T[]) => void,
) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const seq = useRef(0);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  const load = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const answer = await fetchPage(page, pageSize);
      if (mine !== seq.current) return;
      setRows(answer.items);
      setTotal(answer.total);
      setLoadError(null);
      onLoadedRef.current?.(answer.items);
    } catch (e) {
      if (mine === seq.current) setLoadError(errorText(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [fetchPage, page, pageSize]);

  useEffect(() => {
    void load();
  }, [load]);

  const pagination = (pageSizeOptions = [10, 20, 50, 100]): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions,
    showTotal: (t) => `共 ${t} 条`,
    onChange: (p, ps) => {
      setPage(ps !== pageSize ? 1 : p);
      setPageSize(ps);
    },
  });

  return { rows, total, page, setPage, pageSize, loading, loadError, load, pagination };
}
