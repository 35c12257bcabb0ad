import type { ApiError } from '@ykt/shared';
import { type ReactNode, useState } from 'react';
import { EmptyState, ErrorState, LoadingState } from './States';

// The screens that read (the card, its sub-pages) show a read's states through these; the login page, which reads
// nothing, takes only the plain states of ./States.

/** A read as SWR gives it. */
export interface Read<T> {
  data?: T;
  error?: ApiError;
  mutate(): Promise<unknown>;
}

/**
 * A read's three states: loading (the first time, and again after 重新加载), its error with 重新加载, or its data.
 * An error wins over data kept from before: what is shown is never silently old. `retry` reads again (default:
 * this read alone).
 */
export function Loaded<T>({
  read,
  loadingText,
  retry,
  waiting,
  children,
}: {
  read: Read<T>;
  loadingText?: string;
  retry?: () => Promise<unknown>;
  /** Show loading anyway (a section that appears together with another read). */
  waiting?: boolean;
  children: (data: T) => ReactNode;
}) {
  const [retrying, setRetrying] = useState(false);
  if (waiting) return <LoadingState text={loadingText} />;
  if (read.error && !retrying) {
    const again = () => {
      setRetrying(true);
      void (retry ?? read.mutate)().finally(() => setRetrying(false));
    };
    return <ErrorState message={read.error.message} onRetry={again} />;
  }
  if (read.data === undefined || retrying) return <LoadingState text={loadingText} />;
  return <>{children(read.data)}</>;
}

/** A read list: its items (each rendered with its key), or a sentence when there are none. */
export function LoadedList<T>({
  read,
  empty,
  children,
  ...loading
}: {
  read: Read<{ items: T[] }>;
  empty: string;
  retry?: () => Promise<unknown>;
  waiting?: boolean;
  children: (item: T) => ReactNode;
}) {
  return (
    <Loaded read={read} {...loading}>
      {({ items }) => (items.length === 0 ? <EmptyState text={empty} /> : items.map(children))}
    </Loaded>
  );
}
