import { View } from '@tarojs/components';
import {
  type CardFace,
  type ChangeRequest,
  citizenEndpoints as citizen,
  errorMessage,
  groupRequests,
  isApiError,
  type MyCard,
} from '@ykt/shared';
import { useEffect, useState } from 'react';
import { call } from '../../../api/client';
import { type Reading, refreshMine } from '../../../api/reads';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Loaded } from '../../../components/Loaded';
import { RequestItem, RequestLine } from '../../../components/RequestItem';
import { EmptyState } from '../../../components/States';
import { afterSubmitNote } from '../../../utils/afterSubmit';
import type { ShowNotice } from './notice';

/**
 * The pages after the first (加载更多): kept while the first page's own cursor stays the same, dropped when the first
 * page reads differently (a request was made or withdrawn meanwhile).
 */
function useMorePages(first: { nextCursor: string | null } | undefined) {
  const [more, setMore] = useState<{ after: string | null; items: ChangeRequest[]; next: string | null }>({
    after: null,
    items: [],
    next: null,
  });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = first?.nextCursor ?? null;
  useEffect(() => {
    setMore((m) => (m.after === base ? m : { after: base, items: [], next: base }));
    setError(null);
  }, [base]);
  const next = more.after === base ? more.next : base;

  async function loadMore() {
    if (!next || loading) return;
    setLoading(true);
    setError(null);
    try {
      const page = await call(citizen.changeRequests, { query: { cursor: next } });
      setMore((m) => ({
        after: base,
        items: [...(m.after === base ? m.items : []), ...page.items],
        next: page.nextCursor,
      }));
    } catch (e) {
      if (!isApiError(e) || e.status !== 401) setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }
  return { items: more.after === base ? more.items : [], hasMore: next !== null, loading, error, loadMore };
}

/** The card a request's district is paid into now (for what the pending request means meanwhile). */
const cardOfDistrict = (card: MyCard | undefined, code: string): CardFace | undefined =>
  card?.cards.find((c) => c.districts.some((d) => d.code === code));

/**
 * 事项办理: the pending request in full (timeline, 撤销 after a confirmation), every finished one as one line to open,
 * repeated failures of one card as one group; 20 at a time, 加载更多 for the next. A withdrawal reads the whole card
 * page again (the pending banner goes with it).
 */
export function Requests({
  read,
  card,
  waiting,
  onNotice,
}: {
  read: Reading<'changeRequests'>;
  card: MyCard | undefined;
  /** The card is still loading: the list appears with it. */
  waiting: boolean;
  onNotice: ShowNotice;
}) {
  const [askWithdraw, setAskWithdraw] = useState<number | null>(null);
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const more = useMorePages(read.data);

  async function withdraw(id: number) {
    setAskWithdraw(null);
    setWithdrawing(id);
    try {
      await call(citizen.withdraw, { params: { id } });
      onNotice({ tone: 'success', text: '变更申请已撤销' });
      await refreshMine();
    } catch (e) {
      onNotice({ tone: 'error', text: errorMessage(e) });
      if (isApiError(e, 'NOT_PENDING')) await refreshMine(); // decided meanwhile: show how
    } finally {
      setWithdrawing(null);
    }
  }

  return (
    <View role="tabpanel" aria-label="事项办理">
      <Loaded read={read} retry={refreshMine} waiting={waiting}>
        {({ items }) => {
          const all = [...items, ...more.items];
          if (all.length === 0) return <EmptyState text="暂无变更申请" />;
          return (
            <>
              {groupRequests(all).map((e) =>
                e.kind === 'pending' ? (
                  <RequestItem
                    key={e.key}
                    item={e.request}
                    note={afterSubmitNote(e.request, cardOfDistrict(card, e.request.districtCode))}
                    withdrawing={withdrawing === e.request.id}
                    onWithdraw={() => setAskWithdraw(e.request.id)}
                  />
                ) : (
                  <RequestLine key={e.key} entry={e} />
                ),
              )}
              {more.error && (
                <View className="alert alert-error" role="alert">
                  {more.error}
                </View>
              )}
              {more.hasMore && (
                <View className="more-row">
                  <AppButton kind="outline" loading={more.loading} onClick={() => void more.loadMore()}>
                    {more.loading ? '正在加载…' : '加载更多'}
                  </AppButton>
                </View>
              )}
            </>
          );
        }}
      </Loaded>
      <ConfirmDialog
        visible={askWithdraw !== null}
        title="撤销变更申请"
        confirmText="确定撤销"
        cancelText="不撤销"
        onConfirm={() => askWithdraw !== null && void withdraw(askWithdraw)}
        onCancel={() => setAskWithdraw(null)}
      >
        撤销后，这条申请将不再审核，您可以重新提交变更申请。确定撤销吗？
      </ConfirmDialog>
    </View>
  );
}
