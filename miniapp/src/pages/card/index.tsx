import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { ChangeRequest, MyCard, Notification } from '@ykt/shared';
import { useCallback, useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api/client';
import { BridgeError, getBridge } from '../../bridge';
import { AppButton } from '../../components/AppButton';
import { CardFace } from '../../components/CardFace';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ElderModeSwitch } from '../../components/ElderModeSwitch';
import { NoticeItem } from '../../components/NoticeItem';
import { Page } from '../../components/Page';
import { PageHeader } from '../../components/PageHeader';
import { RequestItem } from '../../components/RequestItem';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { Tabs } from '../../components/Tabs';
import { goToLogin, PAGES, withQuery } from '../../utils/nav';
import { ticketFromQrContent } from '../../utils/qr';
import './index.scss';

type TabKey = 'requests' | 'notices';
type ListState<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; items: T[] };

const NO_ACCOUNT_TEXT = '您尚未绑定“一卡通”账号，请联系所在村社/镇（乡）街道申报账号信息';
const PENDING_TEXT = '您的变更申请正在审核中';

/** 首页: the card face(s), then 事项办理 and 系统通知 (manual 1.1 查看个人账户). */
export default function CardPage() {
  const [card, setCard] = useState<
    { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; data: MyCard }
  >({ kind: 'loading' });
  const [requests, setRequests] = useState<ListState<ChangeRequest>>({ kind: 'loading' });
  const [notices, setNotices] = useState<ListState<Notification>>({ kind: 'loading' });
  const [tab, setTab] = useState<TabKey>('requests');
  const [revealed, setRevealed] = useState<Record<string, string> | null>(null);
  const [showFull, setShowFull] = useState<Record<number, boolean>>({});
  const [revealing, setRevealing] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [askWithdraw, setAskWithdraw] = useState<number | null>(null);
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const [pendingInfo, setPendingInfo] = useState(false);
  const [reading, setReading] = useState<number | null>(null);
  const [askLogout, setAskLogout] = useState(false);
  const loadSeq = useRef(0);

  const loadAll = useCallback(async () => {
    const seq = ++loadSeq.current;
    const [c, r, n] = await Promise.allSettled([api.myCard(), api.changeRequests(), api.notifications()]);
    if (seq !== loadSeq.current) return;
    setCard(
      c.status === 'fulfilled' ? { kind: 'ok', data: c.value } : { kind: 'error', message: errorMessage(c.reason) },
    );
    setRequests(
      r.status === 'fulfilled'
        ? { kind: 'ok', items: r.value.items }
        : { kind: 'error', message: errorMessage(r.reason) },
    );
    setNotices(
      n.status === 'fulfilled'
        ? { kind: 'ok', items: n.value.items }
        : { kind: 'error', message: errorMessage(n.reason) },
    );
  }, []);

  // Every time the page shows (first time, and back from 变更卡), the card and lists are fresh.
  useDidShow(() => {
    void loadAll();
  });

  const reloadCard = () => {
    setCard({ kind: 'loading' });
    setRequests({ kind: 'loading' });
    setNotices({ kind: 'loading' });
    void loadAll();
  };

  async function toggleReveal(index: number, masked: string) {
    if (showFull[index]) {
      setShowFull((s) => ({ ...s, [index]: false }));
      return;
    }
    let map = revealed;
    if (!map) {
      setRevealing(index);
      try {
        const { items } = await api.reveal();
        map = Object.fromEntries(items.map((i) => [i.maskedAccountNumber, i.accountNumber]));
        setRevealed(map);
      } catch (e) {
        setNotice({ tone: 'error', text: errorMessage(e) });
        return;
      } finally {
        setRevealing(null);
      }
    }
    if (map[masked]) setShowFull((s) => ({ ...s, [index]: true }));
    else setNotice({ tone: 'error', text: '暂时无法显示完整账号，请稍后重试' });
  }

  function goChange(districtCodes: string[]) {
    if (card.kind === 'ok' && card.data.pendingRequestId !== null) {
      setPendingInfo(true);
      return;
    }
    void Taro.navigateTo({
      url: withQuery(PAGES.change, { district: districtCodes.length === 1 ? districtCodes[0] : undefined }),
    });
  }

  async function withdraw(id: number) {
    setAskWithdraw(null);
    setWithdrawing(id);
    try {
      await api.withdraw(id);
      setNotice({ tone: 'success', text: '变更申请已撤销' });
      await loadAll();
    } catch (e) {
      setNotice({ tone: 'error', text: errorMessage(e) });
      if (e instanceof ApiError && e.status === 409) await loadAll();
    } finally {
      setWithdrawing(null);
    }
  }

  async function markRead(id: number) {
    setReading(id);
    try {
      const { readAt } = await api.markRead(id);
      setNotices((s) =>
        s.kind === 'ok' ? { kind: 'ok', items: s.items.map((i) => (i.id === id ? { ...i, readAt } : i)) } : s,
      );
      setCard((s) =>
        s.kind === 'ok'
          ? { kind: 'ok', data: { ...s.data, unreadNotifications: Math.max(0, s.data.unreadNotifications - 1) } }
          : s,
      );
    } catch (e) {
      setNotice({ tone: 'error', text: errorMessage(e) });
    } finally {
      setReading(null);
    }
  }

  async function scanPcLogin() {
    setNotice(null);
    try {
      const bridge = await getBridge();
      const content = await bridge.scanCode();
      const ticket = ticketFromQrContent(content);
      if (!ticket) {
        setNotice({ tone: 'error', text: '这不是“一卡通”电脑端登录二维码，请重新扫描' });
        return;
      }
      void Taro.navigateTo({ url: withQuery(PAGES.qrConfirm, { ticket }) });
    } catch (e) {
      if (e instanceof BridgeError && e.cancelled) return;
      setNotice({ tone: 'error', text: e instanceof BridgeError ? e.message : errorMessage(e) });
    }
  }

  async function logout() {
    setAskLogout(false);
    await api.logout().catch(() => undefined); // the session is dropped on this phone either way
    goToLogin({ reason: 'logout' });
  }

  const unread =
    card.kind === 'ok'
      ? card.data.unreadNotifications
      : notices.kind === 'ok'
        ? notices.items.filter((n) => !n.readAt).length
        : 0;

  return (
    <Page className="card-page">
      <PageHeader title="我的“一卡通”账号" right={<ElderModeSwitch />} />

      {notice && (
        <View
          className={`alert alert-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          onClick={() => setNotice(null)}
        >
          {notice.text}
        </View>
      )}

      {card.kind === 'loading' && <LoadingState text="正在查询您的“一卡通”账号…" />}
      {card.kind === 'error' && <ErrorState message={card.message} onRetry={reloadCard} />}
      {card.kind === 'ok' && (
        <>
          {card.data.pendingRequestId !== null && (
            <View className="alert alert-info pending-banner" role="status">
              <View className="alert-title">{PENDING_TEXT}</View>
              <View>审核完成前，卡面仍显示原账号。结果请在下方“事项办理”中查看。</View>
            </View>
          )}
          {card.data.cards.length === 0 ? (
            <View className="no-card section" role="status">
              <View className="no-card-title">我的“一卡通”</View>
              <View className="no-card-text">{NO_ACCOUNT_TEXT}</View>
            </View>
          ) : (
            card.data.cards.map((c, i) => (
              <CardFace
                key={`${c.bankCode}-${c.accountNumber}-${c.districts.map((d) => d.code).join(',')}`}
                beneficiary={card.data.beneficiary}
                card={c}
                revealedNumber={showFull[i] && revealed ? revealed[c.accountNumber] : undefined}
                revealing={revealing === i}
                onToggleReveal={() => void toggleReveal(i, c.accountNumber)}
                onDistricts={() => void Taro.navigateTo({ url: withQuery(PAGES.districts, { card: i }) })}
                onChange={() => goChange(c.districts.map((d) => d.code))}
              />
            ))
          )}
        </>
      )}

      <Tabs<TabKey>
        tabs={[
          { key: 'requests', title: '事项办理' },
          { key: 'notices', title: '系统通知', badge: unread },
        ]}
        active={tab}
        onChange={setTab}
      />

      {tab === 'requests' && (
        <View role="tabpanel" aria-label="事项办理">
          {requests.kind === 'loading' && <LoadingState />}
          {requests.kind === 'error' && <ErrorState message={requests.message} onRetry={reloadCard} />}
          {requests.kind === 'ok' && requests.items.length === 0 && <EmptyState text="暂无变更申请" />}
          {requests.kind === 'ok' &&
            requests.items.map((r) => (
              <RequestItem
                key={r.id}
                item={r}
                withdrawing={withdrawing === r.id}
                onWithdraw={() => setAskWithdraw(r.id)}
              />
            ))}
        </View>
      )}
      {tab === 'notices' && (
        <View role="tabpanel" aria-label="系统通知">
          {notices.kind === 'loading' && <LoadingState />}
          {notices.kind === 'error' && <ErrorState message={notices.message} onRetry={reloadCard} />}
          {notices.kind === 'ok' && notices.items.length === 0 && <EmptyState text="暂无系统通知" />}
          {notices.kind === 'ok' &&
            notices.items.map((n) => (
              <NoticeItem key={n.id} item={n} reading={reading === n.id} onRead={() => void markRead(n.id)} />
            ))}
        </View>
      )}

      <View className="card-page-footer">
        <AppButton kind="outline" block onClick={() => void scanPcLogin()}>
          扫码登录电脑端
        </AppButton>
        <View className="logout-link" role="button" aria-label="退出登录" onClick={() => setAskLogout(true)}>
          退出登录
        </View>
      </View>

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
      <ConfirmDialog
        visible={askLogout}
        title="退出登录"
        confirmText="退出"
        cancelText="不退出"
        onConfirm={() => void logout()}
        onCancel={() => setAskLogout(false)}
      >
        退出后，再次办理需要重新进行人脸识别。
      </ConfirmDialog>
      <ConfirmDialog
        visible={pendingInfo}
        title="已有变更申请"
        confirmText="我知道了"
        hideCancel
        onConfirm={() => setPendingInfo(false)}
        onCancel={() => setPendingInfo(false)}
      >
        {PENDING_TEXT}。同一时间只能有一条变更申请，如需修改，请先在“事项办理”中撤销。
      </ConfirmDialog>
    </Page>
  );
}
