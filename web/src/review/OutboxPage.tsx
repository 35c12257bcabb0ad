import { SearchOutlined } from '@ant-design/icons';
import { formatTime, NOTIFY_TEMPLATE_LABELS, reviewEndpoints as review } from '@ykt/shared';
import { Button, Card, Form, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { type OutboxEntry, usePaged } from './api';
import { Grid, PageToolbar } from './Grid';
import { type Tone, ToneTag } from './ToneTag';
import { OUTBOX_STATUS_LABELS, outboxErrorText, outboxStatusLabel } from './words';

type Status = OutboxEntry['status'];

const STATUS_TONES: Record<Status, Tone> = { pending: 'blue', sent: 'green', failed: 'red', skipped: 'gray' };
const STATUS_OPTIONS = Object.entries(OUTBOX_STATUS_LABELS).map(([value, label]) => ({ value, label }));

const templateLabel = (t: string) => (NOTIFY_TEMPLATE_LABELS as Readonly<Record<string, string>>)[t] ?? t;

/** The toolbar's name and hint. */
const TOOLBAR = {
  label: '消息发送记录操作',
  hint: '审核结果、无效卡和发放失败时向享受人发送短信 / 渝快办消息；短信只含账号后4位。发送失败会自动重试。',
};

/** 消息发送记录 (municipal caseworker): what went out by SMS / 渝快办 push, newest first, by state. */
export function OutboxPage({ onClose }: { onClose(): void }) {
  const [draft, setDraft] = useState<Status | undefined>(undefined);
  const outbox = usePaged(review.outbox, {});
  const columns: ColumnsType<OutboxEntry> = [
    { title: '时间', dataIndex: 'createdAt', width: 160, render: (t: string) => formatTime(t) },
    { title: '消息类型', dataIndex: 'template', width: 150, render: (t: string) => templateLabel(t) },
    {
      title: '接收号码',
      dataIndex: 'to',
      width: 130,
      render: (to: string | null) =>
        to ? <span className="rv-mono">{to}</span> : <span className="rv-muted">无</span>,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 96,
      render: (s: Status) => <ToneTag tone={STATUS_TONES[s] ?? 'gray'}>{outboxStatusLabel(s)}</ToneTag>,
    },
    { title: '尝试次数', dataIndex: 'attempts', width: 84, align: 'right' },
    {
      title: '发送时间 / 下次重试',
      key: 'when',
      width: 170,
      render: (_v, r) =>
        r.sentAt ? (
          formatTime(r.sentAt)
        ) : r.nextAttemptAt ? (
          <span>
            <span className="rv-muted">下次：</span>
            {formatTime(r.nextAttemptAt)}
          </span>
        ) : (
          '—'
        ),
    },
    { title: '错误', dataIndex: 'lastError', className: 'rv-wrap', render: (e: string | null) => outboxErrorText(e) },
  ];

  return (
    <div className="rv-page">
      <PageToolbar {...TOOLBAR} onClose={onClose} onRefresh={outbox.reload} />
      <Card
        size="small"
        className="rv-grid"
        title="消息发送记录"
        extra={<span className="rv-muted">{outbox.totalText}</span>}
      >
        <Form name="outbox" layout="inline" className="rv-mb" onFinish={() => outbox.search({ status: draft })}>
          <Form.Item label="状态" htmlFor="outbox_status">
            <Select
              id="outbox_status"
              allowClear
              placeholder="全部"
              value={draft}
              onChange={(v: Status | undefined) => setDraft(v ?? undefined)}
              options={STATUS_OPTIONS}
              style={{ width: 140 }}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              查询
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                setDraft(undefined);
                outbox.search({});
              }}
            >
              重置
            </Button>
          </Form.Item>
        </Form>
        <Grid<OutboxEntry>
          source={outbox}
          columns={columns}
          tableLayout="fixed"
          locale={{ emptyText: '暂无消息' }}
          pagination={outbox.pagination([10, 20, 50, 100])}
        />
      </Card>
    </div>
  );
}
