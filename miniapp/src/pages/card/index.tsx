import { View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { refreshMine, useCard, useChangeRequests, useNotifications } from '../../api/reads';
import { ElderModeSwitch } from '../../components/ElderModeSwitch';
import { Loaded } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { AccountActions } from './sections/AccountActions';
import { Cards } from './sections/Cards';
import { Notices } from './sections/Notices';
import type { Notice } from './sections/notice';
import { Requests } from './sections/Requests';
import './index.scss';

type TabKey = 'requests' | 'notices';

/**
 * 首页 (manual 1.1 查看个人账户): the card face(s), then 事项办理 and 系统通知, then 扫码登录, 退出登录 and
 * 退出所有设备. `?tab=notices&notice=<id>` opens 系统通知 at that notice.
 */
export default function CardPage() {
  const { params } = useRouter();
  const card = useCard();
  const requests = useChangeRequests();
  const notices = useNotifications();
  // A link can open 系统通知 at one notice (a failed payment's 查看通知).
  const focusNotice = Number(params.notice) || undefined;
  const [tab, setTab] = useState<TabKey>(params.tab === 'notices' || focusNotice ? 'notices' : 'requests');
  const [notice, setNotice] = useState<Notice | null>(null);

  // What is true now, every time the page shows (first time, and back from 变更卡): a read that shows a kept copy
  // reads again at once, past SWR's deduplication (a copy read a second ago on 变更卡 may be outdated already).
  const shown = useRef(false);
  useDidShow(() => {
    for (const read of [card, requests, notices]) if (shown.current || read.data !== undefined) void read.mutate();
    shown.current = true;
  });

  // As the page always did: the lists appear together with the card, not before it.
  const cardLoading = card.data === undefined && card.error === undefined;
  const unread = card.data ? card.data.unreadNotifications : (notices.data?.items.filter((n) => !n.readAt).length ?? 0);

  return (
    <Page className="card-page">
      <PageHeader title="我的“一卡通”账户" right={<ElderModeSwitch />} />

      {notice && (
        <View
          className={`alert alert-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          onClick={() => setNotice(null)}
        >
          {notice.text}
        </View>
      )}

      <Loaded read={card} loadingText="正在查询您的“一卡通”账户…" retry={refreshMine}>
        {(data) => <Cards card={data} onNotice={setNotice} />}
      </Loaded>

      <Tabs<TabKey>
        tabs={[
          { key: 'requests', title: '事项办理' },
          { key: 'notices', title: '系统通知', badge: unread },
        ]}
        active={tab}
        onChange={setTab}
      />
      {tab === 'requests' ? (
        <Requests read={requests} card={card.data} waiting={cardLoading} onNotice={setNotice} />
      ) : (
        <Notices read={notices} card={card} waiting={cardLoading} focus={focusNotice} onNotice={setNotice} />
      )}

      <AccountActions onNotice={setNotice} />
    </Page>
  );
}
