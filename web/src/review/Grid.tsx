import { CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Table, type TableProps, Tooltip } from 'antd';
import type { ReactNode } from 'react';

/**
 * A console page's toolbar, as in the 一卡通 system: the page's own buttons, 关闭 (closes the page's tab), a hint,
 * and 刷新 at the right end.
 */
export function PageToolbar({
  label,
  hint,
  onClose,
  onRefresh,
  children,
}: {
  label: string;
  hint: ReactNode;
  onClose(): void;
  onRefresh(): void;
  children?: ReactNode;
}) {
  return (
    <div className="rv-toolbar" role="toolbar" aria-label={label}>
      {children}
      <Button icon={<CloseOutlined aria-hidden />} onClick={onClose}>
        关闭
      </Button>
      <span className="rv-toolbar-hint">{hint}</span>
      <Tooltip title="刷新列表">
        <Button
          className="rv-toolbar-right"
          icon={<ReloadOutlined aria-hidden />}
          onClick={onRefresh}
          aria-label="刷新列表"
        />
      </Tooltip>
    </div>
  );
}

/** A list that failed to load says why, with 重试. */
function LoadErrorAlert({ error, onRetry }: { error: string | null; onRetry: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={`列表加载失败：${error}`}
      action={
        <Button size="small" onClick={onRetry}>
          重试
        </Button>
      }
      className="rv-mb"
    />
  );
}

/** Where a grid's rows come from: a paged list (usePaged) or any read shaped like one. */
export interface GridSource<T> {
  rows: readonly T[];
  loading: boolean;
  loadError: string | null;
  reload(): void;
}

/** The console's grid: compact, bordered, rows keyed by id, with the load error (and 重试) above it. */
export function Grid<T extends { id: number }>({
  source,
  ...table
}: Omit<TableProps<T>, 'dataSource' | 'loading'> & { source: GridSource<T> }) {
  return (
    <>
      <LoadErrorAlert error={source.loadError} onRetry={source.reload} />
      <Table<T> rowKey="id" size="small" bordered loading={source.loading} dataSource={source.rows} {...table} />
    </>
  );
}
