import {
  AuditOutlined,
  ClockCircleOutlined,
  CreditCardOutlined,
  DisconnectOutlined,
  FileSearchOutlined,
  LogoutOutlined,
  MessageOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { MUNICIPAL_CODE } from '@ykt/shared';
import { Button, Empty, Layout, Menu, Popconfirm, Tabs, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { AuditPage } from './AuditPage';
import { AccountsPage } from './accounts/AccountsPage';
import type { CaseworkerProfile } from './api';
import { CaseworkersPage } from './CaseworkersPage';
import { OutboxPage } from './OutboxPage';
import { QueuePage } from './QueuePage';
import { ReviewDaysPage } from './ReviewDaysPage';
import { ValidationPage } from './ValidationPage';

export type PageKey = 'queue' | 'accounts' | 'validation' | 'audit' | 'outbox' | 'review-days' | 'caseworkers';

interface PageDef {
  key: PageKey;
  label: string;
  icon: ReactNode;
  municipalOnly?: boolean;
}

const PAGES: PageDef[] = [
  { key: 'queue', label: '账号变更审核', icon: <FileSearchOutlined aria-hidden /> },
  { key: 'accounts', label: '一卡通账号', icon: <CreditCardOutlined aria-hidden /> },
  { key: 'validation', label: '账户验证', icon: <SafetyCertificateOutlined aria-hidden /> },
  { key: 'audit', label: '操作日志', icon: <AuditOutlined aria-hidden />, municipalOnly: true },
  { key: 'outbox', label: '消息发送记录', icon: <MessageOutlined aria-hidden />, municipalOnly: true },
  { key: 'review-days', label: '审核时限', icon: <ClockCircleOutlined aria-hidden />, municipalOnly: true },
  { key: 'caseworkers', label: '经办人账号', icon: <TeamOutlined aria-hidden />, municipalOnly: true },
];

function pageFromHash(allowed: PageKey[]): PageKey | null {
  const key = window.location.hash.replace(/^#\/?/, '') as PageKey;
  return allowed.includes(key) ? key : null;
}

export interface ConsoleLayoutProps {
  profile: CaseworkerProfile;
  onLogout(): void;
  /** 退出所有设备: every session of this caseworker ends, this one too. */
  onLogoutEverywhere(): void;
}

/**
 * The console's frame, as in the 一卡通 system: a top bar, the menu on the left, and the opened pages as
 * closable tabs (each page's 关闭 button closes its own tab, as the manual's toolbar does).
 */
export function ConsoleLayout({ profile, onLogout, onLogoutEverywhere }: ConsoleLayoutProps) {
  const municipal = profile.districtCode === MUNICIPAL_CODE;
  const pages = useMemo(() => PAGES.filter((p) => !p.municipalOnly || municipal), [municipal]);
  const allowed = useMemo(() => pages.map((p) => p.key), [pages]);

  const [open, setOpen] = useState<PageKey[]>(() => [pageFromHash(allowed) ?? 'queue']);
  const [active, setActive] = useState<PageKey | null>(() => open[0] ?? null);

  const activate = useCallback((key: PageKey) => {
    setOpen((o) => (o.includes(key) ? o : [...o, key]));
    setActive(key);
  }, []);

  const close = useCallback(
    (key: PageKey) => {
      const rest = open.filter((k) => k !== key);
      setOpen(rest);
      if (active === key) setActive(rest[rest.length - 1] ?? null);
    },
    [open, active],
  );

  // The address bar follows the active page (#/queue ...), and back/forward or a typed address open it.
  useEffect(() => {
    const want = active ? `#/${active}` : '#/';
    if (window.location.hash !== want) window.history.replaceState(null, '', want);
  }, [active]);
  useEffect(() => {
    const onHash = () => {
      const key = pageFromHash(allowed);
      if (key) activate(key);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [allowed, activate]);

  const render = (key: PageKey) => {
    const onClose = () => close(key);
    switch (key) {
      case 'queue':
        return <QueuePage profile={profile} onClose={onClose} />;
      case 'accounts':
        return <AccountsPage profile={profile} onClose={onClose} />;
      case 'validation':
        return <ValidationPage onClose={onClose} canStart={municipal} />;
      case 'audit':
        return <AuditPage onClose={onClose} />;
      case 'outbox':
        return <OutboxPage onClose={onClose} />;
      case 'review-days':
        return <ReviewDaysPage onClose={onClose} />;
      case 'caseworkers':
        return <CaseworkersPage profile={profile} onClose={onClose} />;
    }
  };

  return (
    <Layout className="rv-shell">
      <Layout.Header className="rv-header">
        <div className="rv-brand">
          <span className="rv-brand-name">一卡通系统</span>
          <span className="rv-brand-sub">惠民惠农财政补贴资金 · 账户变更</span>
        </div>
        <div className="rv-user">
          <span>
            经办人：<strong data-testid="caseworker-name">{profile.name}</strong>
          </span>
          <span className="rv-user-district" data-testid="caseworker-district">
            {profile.districtName}
            {municipal ? '（全部区县）' : ''}
          </span>
          <Popconfirm
            title="退出所有设备？"
            description={
              <span className="rv-popconfirm-text">
                您在所有电脑上的登录（包括本机）都将立即失效，需要重新登录。账号或密码可能被他人知道时请使用。
              </span>
            }
            okText="全部退出"
            cancelText="取消"
            placement="bottomRight"
            onConfirm={onLogoutEverywhere}
          >
            <Button className="rv-logout" icon={<DisconnectOutlined aria-hidden />}>
              退出所有设备
            </Button>
          </Popconfirm>
          <Button className="rv-logout" icon={<LogoutOutlined aria-hidden />} onClick={onLogout}>
            退出
          </Button>
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={148} className="rv-sider" theme="light">
          <nav aria-label="功能菜单">
            <Menu
              mode="inline"
              inlineIndent={14}
              selectedKeys={active ? [active] : []}
              items={pages.map((p) => ({ key: p.key, label: p.label, icon: p.icon }))}
              onClick={({ key }) => activate(key as PageKey)}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="rv-content">
          {open.length === 0 ? (
            <div className="rv-home">
              <Empty
                description={
                  <Typography.Text>所有页面已关闭。请从左侧菜单打开“{pages[0].label}”等功能。</Typography.Text>
                }
              >
                <Button type="primary" onClick={() => activate('queue')}>
                  打开账号变更审核
                </Button>
              </Empty>
            </div>
          ) : (
            <Tabs
              type="editable-card"
              hideAdd
              size="small"
              className="rv-tabs"
              locale={{ removeAriaLabel: '关闭页面', dropdownAriaLabel: '更多页面', addAriaLabel: '打开页面' }}
              activeKey={active ?? undefined}
              onChange={(k) => setActive(k as PageKey)}
              onEdit={(k, action) => action === 'remove' && typeof k === 'string' && close(k as PageKey)}
              items={open.map((key) => ({
                key,
                label: pages.find((p) => p.key === key)?.label ?? key,
                children: render(key),
              }))}
            />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
