import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { citizenEndpoints as citizen, errorMessage } from '@ykt/shared';
import { useEffect, useState } from 'react';
import { call } from '../../../api/client';
import { type Reading, refreshMine } from '../../../api/reads';
import { LoadedList } from '../../../components/Loaded';
import { NoticeItem } from '../../../components/NoticeItem';
import type { ShowNotice } from './notice';

/**
 * 系统通知: why an account stopped working, and how a change request was decided, each with 我知道了 (marks it read;
 * the unread count follows).
 */
export function Notices({
  read,
  card,
  waiting,
  focus,
  onNotice,
}: {
  read: Reading<'notifications'>;
  card: Reading<'myCard'>;
  onNotice: ShowNotice;
  /** A notice to bring into view (opened from a failed payment's 查看通知). */
  focus?: number;
  /** The card is still loading: the lists appear with it. */
  waiting: boolean;
}) {
  const [reading, setReading] = useState<number | null>(null);
  const shown = !waiting && read.data !== undefined;
  useEffect(() => {
    if (focus && shown) {
      void Taro.pageScrollTo({ selector: `#notice-${focus}`, duration: 0 }).catch(() => undefined);
    }
  }, [focus, shown]);

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
        {(n) => (
          <NoticeItem
            key={n.id}
            item={n}
            focused={n.id === focus}
            reading={reading === n.id}
            onRead={() => void markRead(n.id)}
          />
        )}
      </LoadedList>
    </View>
  );
}
