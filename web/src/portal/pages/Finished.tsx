import { CheckCircleOutlined } from '@ant-design/icons';
import {
  type ChangeRequest,
  citizenEndpoints as citizen,
  displayAccount,
  errorMessage,
  formatTime,
  groupRequests,
  HELP_TEXT,
  isApiError,
  lastDigits,
  type RequestEntry,
} from '@ykt/shared';
import { Alert, Button, Empty, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { call, useChangeRequests } from '../api';
import { Section } from '../Section';
import { RequestDetails, RequestTimeline, StatusTag } from './RequestDetails';

type Finished = Exclude<RequestEntry, { kind: 'pending' }>;

/**
 * The pages after the first (加载更多), kept while the first page's own cursor stays the same (a request made or
 * withdrawn meanwhile changes it, and the list starts again from the first page).
 */
function useMorePages(first: { nextCursor: string | null } | undefined) {
  const base = first?.nextCursor ?? null;
  const [more, setMore] = useState({ after: base, items: [] as ChangeRequest[], next: base });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setMore((m) => (m.after === base ? m : { after: base, items: [], next: base }));
    setError(null);
  }, [base]);
  const current = more.after === base ? more : { after: base, items: [], next: base };

  async function loadMore() {
    if (!current.next || loading) return;
    setLoading(true);
    setError(null);
    try {
      const page = await call(citizen.changeRequests, { query: { cursor: current.next } });
      setMore({ after: base, items: [...current.items, ...page.items], next: page.nextCursor });
    } catch (e) {
      if (!isApiError(e) || e.status !== 401) setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }
  return { items: current.items, hasMore: current.next !== null, loading, error, loadMore };
}

/** The one line a finished request (or a group of failed attempts with one card) folds to. */
function lineOf(e: Finished) {
  const r = e.kind === 'failures' ? e.requests[0] : e.request;
  return (
    <span className="ykb-request-line">
      <StatusTag status={r.status} count={e.kind === 'failures' ? e.requests.length : 1} />
      <span className="ykb-request-line-card">
        {r.bankName} {lastDigits(r.accountNumber)}
      </span>
      <span>{r.districtName}</span>
      <span className="ykb-muted">{formatTime(r.finishedAt ?? r.appliedAt, { seconds: false })}</span>
    </span>
  );
}

function bodyOf(e: Finished) {
  if (e.kind === 'single') {
    return (
      <>
        <RequestTimeline r={e.request} />
        <RequestDetails r={e.request} />
        {e.request.status === 'failed' && <p className="ykb-help">{HELP_TEXT}</p>}
      </>
    );
  }
  const r = e.requests[0];
  return (
    <>
      <p>
        这张卡（{r.bankName} <span className="ykb-account-number">{displayAccount(r.accountNumber)}</span>）已申请{' '}
        {e.requests.length} 次，都未通过银行验证。
      </p>
      <p>失败原因：{r.failureReason ?? '银行验证未通过'}</p>
      <ol className="ykb-attempts" aria-label="每次申请">
        {e.requests.map((x) => (
          <li key={x.id}>
            {formatTime(x.appliedAt)} 申请失败（{x.districtName}）
          </li>
        ))}
      </ol>
      <p className="ykb-help">{HELP_TEXT}</p>
    </>
  );
}

/**
 * 办理完结: every finished request, newest first, one line each (opened with a click), repeated failures of one card
 * as one group; 20 at a time with 加载更多.
 */
export function Finished() {
  const { data, error } = useChangeRequests();
  const more = useMorePages(data);
  const all = data ? [...data.items, ...more.items] : undefined;
  const entries = (all ? groupRequests(all) : []).filter((e): e is Finished => e.kind !== 'pending');
  return (
    <div className="ykb-page">
      <Section icon={<CheckCircleOutlined />} title="办理完结">
        {error && <Alert type="error" showIcon title={error.message} />}
        {!error && !data && <Spin />}
        {data && entries.length === 0 && !more.hasMore && <Empty description="暂无已办结的变更申请" />}
        {entries.length > 0 && (
          // Native disclosure (details/summary): one line each, opened with a click or the keyboard, no script.
          <div className="ykb-finished">
            {entries.map((e) => (
              <details key={e.key} className="ykb-finished-item" data-testid="finished-request">
                <summary className="ykb-finished-head">{lineOf(e)}</summary>
                <div className="ykb-finished-body">{bodyOf(e)}</div>
              </details>
            ))}
          </div>
        )}
        {more.error && <Alert className="ykb-more" type="error" showIcon title={more.error} />}
        {more.hasMore && (
          <div className="ykb-more">
            <Button size="large" loading={more.loading} onClick={() => void more.loadMore()}>
              加载更多
            </Button>
          </div>
        )}
      </Section>
    </div>
  );
}
