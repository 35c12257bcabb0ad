import { View } from '@tarojs/components';
import { citizenEndpoints as citizen, errorMessage } from '@ykt/shared';
import { useState } from 'react';
import { call } from '../../../api/client';
import { type Reading, refreshMine } from '../../../api/reads';
import { NoticeItem } from '../../../components/NoticeItem';
import { LoadedList } from '../../../components/States';
import type { ShowNotice } from './notice';

/** 系统通知: why an account stopped working, each with 我知道了 (marks it read; the unread count follows). */
export function Notices({
  read,
  card,
  waiting,
  onNotice,
}: {
  read: Reading<'notifications'>;
  card: Reading<'myCard'>;
  onNotice: ShowNotice;
  /** The card is still loading: the lists appear with it. */
  waiting: boolean;
}) {
  const [reading, setReading] = useState<number | null>(null);

  async function markRead(id: number) {
    setReading(id);
    try {
      const { readAt } = await call(citizen.markNotificationRead, { params: { id } });
      // What the server now says, without reading everything again.
      await read.mutate((d) => d && { items: d.items.map((n) => (n.id === id ? { ...n, readAt } : n)) }, {
        revalidate: false,
      });
      await card.mutate((c) => c && { ...c, unreadNotifications: Math.max(0, c.unreadNotifications - 1) }, {
        revalidate: false,
      });
    } catch (e) {
      onNotice({ tone: 'error', text: errorMessage(e) });
    } finally {
      setReading(null);
    }
  }

  return (
    <View role="tabpanel" aria-label="系统通知">
      <LoadedList read={read} retry={refreshMine} waiting={waiting} empty="暂无系统通知">
        {(n) => <NoticeItem key={n.id} item={n} reading={reading === n.id} onRead={() => void markRead(n.id)} />}
      </LoadedList>
    </View>
  );
}
