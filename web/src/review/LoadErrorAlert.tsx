import { Alert, Button } from 'antd';

/** A list that failed to load says why, with 重试 where the page can retry. */
export function LoadErrorAlert({ error, onRetry }: { error: string | null; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={`列表加载失败：${error}`}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        )
      }
      className="rv-mb"
    />
  );
}
