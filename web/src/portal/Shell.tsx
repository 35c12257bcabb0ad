import { BellOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { errorMessage } from '@ykt/shared';
import { Alert, App, Badge, Button, Layout, Menu, Spin } from 'antd';
import { useState } from 'react';
import { useCard } from './api';
import { BasicInfo } from './pages/BasicInfo';
import { ChangeForm } from './pages/ChangeForm';
import { Finished } from './pages/Finished';
import { Payments } from './pages/Payments';
import { Pending } from './pages/Pending';
import { navigate, type Page, type Route } from './route';
import { TopBar } from './TopBar';

/** 账户 is the account (what is paid into), 账号 its number: the page changes the account. */
const NAV: { key: Page; label: string }[] = [
  { key: 'basic', label: '基本信息' },
  { key: 'change', label: '账户变更' },
  { key: 'pending', label: '办理中' },
  { key: 'finished', label: '办理完结' },
  { key: 'payments', label: '发放记录' },
];

/** The manual's layout after login: header, left navigation, one page on the right. */
export function Shell({
  route,
  onLogout,
  onLogoutAll,
}: {
  route: Route;
  onLogout: () => Promise<void>;
  onLogoutAll: () => Promise<void>;
}) {
  const { modal } = App.useApp();
  const { data: card, error, mutate: reloadCard } = useCard();
  const [loggingOut, setLoggingOut] = useState(false);

  function confirmLogoutAll() {
    modal.confirm({
      title: '退出所有设备？',
      content:
        '您在所有手机和电脑上的登录都将退出，包括这台电脑。如果怀疑别人登录过您的账户，请这样做。再次办理需要重新扫码登录。',
      okText: '全部退出',
      cancelText: '不退出',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await onLogoutAll();
        } catch (e) {
          modal.error({ title: '未能退出所有设备', content: errorMessage(e), okText: '知道了' });
        }
      },
    });
  }

  const pendingCount = card?.pendingRequestId ? 1 : 0;
  const unread = card?.unreadNotifications ?? 0;
  const page = route.page === 'login' ? 'basic' : route.page;

  let content: React.ReactNode;
  if (!card) {
    content = error ? (
      <Alert
        type="error"
        showIcon
        title={error.message}
        action={
          <Button onClick={() => void reloadCard()} size="small">
            重试
          </Button>
        }
      />
    ) : (
      <div className="ykb-loading">
        <Spin size="large" />
      </div>
    );
  } else if (page === 'basic') {
    content = (
      <BasicInfo
        card={card}
        focus={route.params.get('section')}
        notice={Number(route.params.get('notice')) || undefined}
      />
    );
  } else if (page === 'change') {
    content = <ChangeForm card={card} initialDistrict={route.params.get('district')} />;
  } else if (page === 'pending') {
    content = <Pending card={card} submitted={route.params.get('submitted')} />;
  } else if (page === 'payments') {
    content = <Payments />;
  } else {
    content = <Finished />;
  }

  return (
    <Layout className="ykb-shell">
      <TopBar>
        <Button
          type="text"
          className="ykb-topbar-btn"
          icon={<BellOutlined />}
          onClick={() => navigate('basic', { section: 'notices' })}
          aria-label={unread ? `系统通知，${unread}条未读` : '系统通知'}
        >
          系统通知
          {unread > 0 && <Badge count={unread} size="small" className="ykb-topbar-badge" />}
        </Button>
        <span className="ykb-user">
          <UserOutlined /> 您好，{card?.beneficiary.name ?? ''}
        </span>
        <Button
          className="ykb-logout"
          icon={<LogoutOutlined />}
          loading={loggingOut}
          onClick={async () => {
            setLoggingOut(true);
            await onLogout();
          }}
        >
          退出
        </Button>
        <Button type="text" className="ykb-topbar-btn" onClick={confirmLogoutAll}>
          退出所有设备
        </Button>
      </TopBar>
      <Layout>
        <Layout.Sider width={220} className="ykb-sider">
          <nav aria-label="功能导航">
            <Menu
              mode="inline"
              selectedKeys={[page]}
              onClick={({ key }) => navigate(key as Page)}
              items={NAV.map((n) => ({
                key: n.key,
                label: n.label,
                extra:
                  n.key === 'pending' && pendingCount > 0 ? (
                    <Badge count={pendingCount} aria-label={`${pendingCount}条办理中`} />
                  ) : undefined,
              }))}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="ykb-content">
          <div className="ykb-content-title">一卡通账户自助变更</div>
          {content}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
