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

/** A query the BFF refused (400): what is wrong is said under the fields; here, that no rows are shown for it. */
function RefusedAlert({ refused, fields }: { refused?: string | null; fields?: Readonly<Record<string, string>> }) {
  if (!refused) return null;
  const why = Array.from(new Set(Object.values(fields ?? {})));
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={`查询条件有误，未查询：${why.length ? why.join('；') : refused}`}
      description="请按查询条件下方的提示修改后重新查询。"
      className="rv-mb"
    />
  );
}

/** Where a grid's rows come from: a paged list (usePaged) or any read shaped like one. */
export interface GridSource<T> {
  rows: readonly T[];
  loading: boolean;
  loadError: string | null;
  /** The query was refused (400): its message, and its words per field. */
  refused?: string | null;
  fieldErrors?: Readonly<Record<string, string>>;
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
      <RefusedAlert refused={source.refused} fields={source.fieldErrors} />
      <Table<T> rowKey="id" size="small" bordered loading={source.loading} dataSource={source.rows} {...table} />
    </>
  );
}
