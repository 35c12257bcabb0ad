import type { ChangeRequest } from '@ykt/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../api';

/** The person's change requests (newest first), with loading and error state. */
export function useRequests() {
  const [items, setItems] = useState<ChangeRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setItems((await api.changeRequests()).items);
      setError(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      setError(e instanceof ApiError ? e.message : '加载失败，请稍后再试');
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return { items, error, load };
}
