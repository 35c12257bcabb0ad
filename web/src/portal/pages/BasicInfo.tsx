import { BellOutlined, CreditCardOutlined, IdcardOutlined } from '@ant-design/icons';
import {
  ACCOUNT_STATUS_LABELS,
  type CardFace,
  cardTypeLabel,
  citizenEndpoints as citizen,
  displayAccount,
  districtBracketed,
  districtWithCode,
  formatTime,
  genderLabel,
  isApiError,
  type MyCard,
  type Notification,
  sortDistricts,
} from '@ykt/shared';
import { Alert, App, Badge, Button, Descriptions, type DescriptionsProps, Empty, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { call, refreshCard, useCall } from '../api';
import { navigate } from '../route';
import { NoAccount, Section } from '../Section';

/** A bordered label/value table of the manual's 基本信息 and 账户信息. */
function Info({ column, items }: { column: number; items: DescriptionsProps['items'] }) {
  return <Descriptions bordered column={column} styles={{ label: { width: 160 } }} items={items} />;
}

export function BasicInfo({ card, focus }: { card: MyCard; focus: string | null }) {
  const b = card.beneficiary;
  return (
    <div className="ykb-page">
      <Section icon={<IdcardOutlined />} title="基本信息">
        <Info
          column={2}
          items={[
            { key: 'name', label: '姓名', children: b.name },
            { key: 'gender', label: '性别', children: genderLabel(b.gender) },
            { key: 'birth', label: '出生日期', children: b.birthDate },
            { key: 'id', label: '身份证号', children: b.idNumber },
          ]}
        />
      </Section>

      <Section icon={<CreditCardOutlined />} title="账户信息">
        {card.cards.length === 0 ? (
          <NoAccount />
        ) : (
          card.cards.map((c) => <AccountCard key={`${c.bankCode}-${c.accountNumber}`} card={c} />)
        )}
      </Section>

      <Notices unread={card.unreadNotifications} focus={focus === 'notices'} />
    </div>
  );
}

function AccountCard({ card: c }: { card: CardFace }) {
  const invalid = c.status === 'invalid';
  const districts = sortDistricts(c.districts);
  return (
    <div className={`ykb-account${invalid ? ' ykb-account-invalid' : ''}`} data-testid="account-card">
      <Info
        column={1}
        items={[
          { key: 'bank', label: '银行名称', children: c.bankName },
          { key: 'type', label: '卡类型', children: cardTypeLabel(c.cardType) },
          {
            key: 'number',
            label: '银行账号',
            children: <span className="ykb-account-number">{displayAccount(c.accountNumber)}</span>,
          },
          { key: 'districts', label: '使用区县', children: districts.map(districtWithCode).join(', ') },
          {
            key: 'status',
            label: '卡状态',
            children: invalid ? (
              <span>
                <Tag color="error" className="ykb-tag">
                  {ACCOUNT_STATUS_LABELS.invalid}
                </Tag>
                {c.invalidReason && <span className="ykb-invalid-reason">{c.invalidReason}</span>}
                {c.invalidAt && <span className="ykb-muted">（{formatTime(c.invalidAt)}）</span>}
              </span>
            ) : (
              <Tag color="success" className="ykb-tag">
                {ACCOUNT_STATUS_LABELS.valid}
              </Tag>
            ),
          },
        ]}
      />
      {invalid && (
        <Alert
          className="ykb-account-alert"
          type="warning"
          showIcon
          title="该账号已无法发放补贴资金，请点击“变更申请”更换为本人名下可用的账号。"
        />
      )}
      <div className="ykb-account-actions">
        <Button
          type="primary"
          size="large"
          onClick={() => navigate('change', districts[0] ? { district: districts[0].code } : undefined)}
        >
          变更申请
        </Button>
      </div>
    </div>
  );
}

function Notices({ unread, focus }: { unread: number; focus: boolean }) {
  const { message } = App.useApp();
  const { data, error, mutate } = useCall(citizen.notifications);
  const items = data?.items ?? null;
  const [marking, setMarking] = useState<number | null>(null);

  useEffect(() => {
    if (focus && items) document.getElementById('notices')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [focus, items]);

  async function markRead(id: number) {
    setMarking(id);
    try {
      const r = await call(citizen.markNotificationRead, { params: { id } });
      const read = (n: Notification) => (n.id === id ? { ...n, readAt: r.readAt } : n);
      await mutate((d) => d && { items: d.items.map(read) }, { revalidate: false });
      await refreshCard();
    } catch (e) {
      if (!isApiError(e) || e.status !== 401) message.error(e instanceof Error ? e.message : '操作失败');
    } finally {
      setMarking(null);
    }
  }

  return (
    <Section
      id="notices"
      icon={<BellOutlined />}
      title={
        <>
          系统通知
          {unread > 0 && <Badge count={unread} className="ykb-title-badge" aria-label={`${unread}条未读`} />}
        </>
      }
    >
      {error && <Alert type="error" showIcon title={error.message} />}
      {!error && !items && <Spin />}
      {items && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无系统通知" />}
      {items?.map((n) => (
        <div key={n.id} className={`ykb-notice${n.readAt ? '' : ' ykb-notice-unread'}`} data-testid="notice">
          <Descriptions
            size="small"
            column={2}
            styles={{ label: { width: 110 } }}
            items={[
              { key: 'bank', label: '银行名称', children: n.bankName },
              { key: 'acc', label: '账户', children: displayAccount(n.accountNumber) },
              {
                key: 'district',
                label: '区县',
                children: districtBracketed({ code: n.districtCode, name: n.districtName }),
              },
              { key: 'time', label: '操作时间', children: formatTime(n.occurredAt) },
              { key: 'msg', label: '说明', span: 2, children: n.message },
            ]}
          />
          <div className="ykb-notice-foot">
            {n.readAt ? (
              <span className="ykb-muted">已读</span>
            ) : (
              <>
                <Tag color="blue">未读</Tag>
                <Button loading={marking === n.id} onClick={() => void markRead(n.id)}>
                  标为已读
                </Button>
              </>
            )}
          </div>
        </div>
      ))}
    </Section>
  );
}
