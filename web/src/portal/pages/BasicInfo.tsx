import { BellOutlined, CreditCardOutlined, IdcardOutlined } from '@ant-design/icons';
import {
  ACCOUNT_STATUS_LABELS,
  bankProblemAdvice,
  type CardFace,
  cardTypeLabel,
  citizenEndpoints as citizen,
  displayAccount,
  districtNames,
  formatTime,
  genderLabel,
  isApiError,
  type MyCard,
  type Notification,
  notificationKindLabel,
  sortDistricts,
} from '@ykt/shared';
import { Alert, App, Badge, Button, Descriptions, type DescriptionsProps, Empty, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { call, refreshCard, useCall } from '../api';
import { navigate } from '../route';
import { DistrictName, HelpLine, NoAccount, Section } from '../Section';

/** A bordered label/value table of the manual's 基本信息 and 账户信息. */
function Info({ column, items }: { column: number; items: DescriptionsProps['items'] }) {
  return <Descriptions bordered column={column} styles={{ label: { width: 160 } }} items={items} />;
}

/** 基本信息: the person, each account (by district names), and the 系统通知; `notice` opens one of them. */
export function BasicInfo({ card, focus, notice }: { card: MyCard; focus: string | null; notice?: number }) {
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
          card.cards.map((c) => (
            <AccountCard key={`${c.bankCode}-${c.accountNumber}-${c.status}`} card={c} all={card.cards} />
          ))
        )}
      </Section>

      <Notices unread={card.unreadNotifications} focus={focus === 'notices'} target={notice ?? null} />
    </div>
  );
}

/** The same card valid in some districts and invalid in others: each block says why it differs from the other. */
function sameCardNote(card: CardFace, all: readonly CardFace[]): string | undefined {
  const other = all.find(
    (c) =>
      c !== card && c.bankCode === card.bankCode && c.accountNumber === card.accountNumber && c.status !== card.status,
  );
  if (!other) return undefined;
  return card.status === 'valid'
    ? `同一张卡在${districtNames(other.districts)}已无效；${districtNames(card.districts)}的补贴仍发放到此卡。`
    : `同一张卡在${districtNames(other.districts)}仍有效，那里的补贴照常发放。`;
}

function AccountCard({ card: c, all }: { card: CardFace; all: readonly CardFace[] }) {
  const invalid = c.status === 'invalid';
  const districts = sortDistricts(c.districts);
  const note = sameCardNote(c, all);
  const advice = bankProblemAdvice(c.invalidReason);
  return (
    <div className={`ykb-account${invalid ? ' ykb-account-invalid' : ''}`} data-testid="account-card">
      <Info
        column={1}
        items={[
          { key: 'bank', label: '银行名称', children: c.bankName },
          { key: 'type', label: '卡类型', children: cardTypeLabel(c.cardType) },
          {
            key: 'number',
            label: '账号',
            children: <span className="ykb-account-number">{displayAccount(c.accountNumber)}</span>,
          },
          {
            key: 'districts',
            label: '使用区县',
            children: (
              <span className="ykb-districts">
                {districts.map((d) => (
                  <DistrictName key={d.code} district={d} withCode />
                ))}
              </span>
            ),
          },
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
          title={`此账户已无效：${districtNames(c.districts)}的补贴无法发放到此卡。请点击“变更申请”更换为本人名下可用的账户。`}
          description={
            <>
              {advice?.includes('开户银行') && <div className="ykb-advice">{advice}</div>}
              <HelpLine />
            </>
          }
        />
      )}
      {note && <Alert className="ykb-account-alert" type="info" showIcon title={note} />}
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

const NOTICE_COLORS: Partial<Record<Notification['kind'], string>> = {
  review_approved: 'success',
  review_rejected: 'error',
};

/** A 下一步 row under an account notice whose bank's words call for one (a frozen card: ask the bank). */
function noticeAdvice(n: Notification) {
  if (n.kind === 'review_approved' || n.kind === 'review_rejected') return [];
  const advice = bankProblemAdvice(n.message);
  return advice ? [{ key: 'advice', label: '下一步', span: 2, children: advice }] : [];
}

function Notices({ unread, focus, target }: { unread: number; focus: boolean; target: number | null }) {
  const { message } = App.useApp();
  const { data, error, mutate } = useCall(citizen.notifications);
  const items = data?.items ?? null;
  const [marking, setMarking] = useState<number | null>(null);

  useEffect(() => {
    if (focus && items) document.getElementById('notices')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [focus, items]);
  // A failed payment's 查看通知 opens this page at its notice.
  useEffect(() => {
    if (target && items) document.getElementById(`notice-${target}`)?.scrollIntoView({ block: 'center' });
  }, [target, items]);

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
        <div
          key={n.id}
          id={`notice-${n.id}`}
          className={`ykb-notice${n.readAt ? '' : ' ykb-notice-unread'}${n.id === target ? ' ykb-notice-focus' : ''}`}
          data-testid="notice"
        >
          <div className="ykb-notice-kind">
            <Tag color={NOTICE_COLORS[n.kind] ?? 'error'} className="ykb-tag">
              {notificationKindLabel(n.kind)}
            </Tag>
          </div>
          <Descriptions
            size="small"
            column={2}
            styles={{ label: { width: 110 } }}
            items={[
              { key: 'msg', label: '说明', span: 2, children: n.message },
              ...noticeAdvice(n),
              { key: 'bank', label: '银行名称', children: n.bankName },
              { key: 'acc', label: '账号', children: displayAccount(n.accountNumber) },
              {
                key: 'district',
                label: '区县',
                children: districtNames(
                  n.districts.length > 0 ? n.districts : [{ code: n.districtCode, name: n.districtName }],
                ),
              },
              { key: 'time', label: '操作时间', children: formatTime(n.occurredAt) },
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
