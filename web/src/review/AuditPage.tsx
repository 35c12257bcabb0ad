import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  AUDIT_ACTION_LABELS,
  actorTypeLabel,
  auditActionLabel,
  auditTargetLabel,
  errorMessage,
  formatTime,
  reviewEndpoints as review,
} from '@ykt/shared';
import { App, Button, Card, Form, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { type AuditEntry, call, usePaged } from './api';
import { Grid, PageToolbar } from './Grid';
import { auditDetailLines } from './words';

/** GET /api/review/audit.csv with the bearer token (a plain link cannot send it), then saves it as a file. */
async function downloadAuditCsv(action: string | undefined): Promise<void> {
  const csv = await call(review.auditCsv, { query: { action } });
  const url = URL.createObjectURL(csv);
  const a = document.createElement('a');
  a.href = url;
  a.download = `操作日志-${dateStamp(new Date())}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function dateStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** The toolbar's name and hint. */
const TOOLBAR = { label: '操作日志操作', hint: '导出的CSV为UTF-8编码，可直接用Excel打开；导出内容按当前操作筛选。' };

/**
 * The families of actions (the first part of the code) in words: choosing one filters every action of it (the BFF
 * filters by an action code or by its family).
 */
const FAMILIES: ReadonlyArray<{ code: string; label: string }> = [
  { code: 'change_request', label: '变更申请' },
  { code: 'account', label: '一卡通账号' },
  { code: 'auth', label: '登录与退出' },
  { code: 'validation_run', label: '账户验证' },
  { code: 'caseworker', label: '经办人账号' },
  { code: 'settings', label: '审核时限' },
  { code: 'payment_batch', label: '发放批次' },
];
const familyOf = (action: string) => action.split('.')[0];

/**
 * The 操作 picker: each family ("全部变更申请操作") and each of its actions by its Chinese name; the value sent is
 * the code. Actions met in the log that have no word yet are listed under 其他, as they came.
 */
function actionOptions(seen: readonly string[]) {
  const actions = Array.from(new Set([...Object.keys(AUDIT_ACTION_LABELS), ...seen]));
  const groups = FAMILIES.map((f) => ({
    label: f.label,
    title: f.label,
    options: [
      { value: f.code, label: `全部${f.label}操作` },
      ...actions.filter((a) => familyOf(a) === f.code).map((a) => ({ value: a, label: auditActionLabel(a) })),
    ],
  }));
  const others = actions.filter((a) => !FAMILIES.some((f) => f.code === familyOf(a)));
  if (others.length) {
    groups.push({
      label: '其他',
      title: '其他',
      options: others.map((a) => ({ value: a, label: auditActionLabel(a) })),
    });
  }
  return groups;
}

/** What a filter code reads as, for the grid's title. */
function filterLabel(code: string | undefined): string | null {
  if (!code) return null;
  const family = FAMILIES.find((f) => f.code === code);
  return family ? `全部${family.label}操作` : auditActionLabel(code);
}

/** 详情: one labelled line per fact, changes as "before → after". */
function Detail({ detail }: { detail: string | null }) {
  const lines = auditDetailLines(detail);
  if (lines.length === 0) return <span className="rv-muted">—</span>;
  return (
    <dl className="rv-audit-detail">
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one row, in a fixed order
        <div key={i}>
          <dt>{l.label}：</dt>
          <dd>{l.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** 操作日志 (重庆市 caseworkers only): the audit trail in words, filtered by action, with a CSV export for Excel. */
export function AuditPage({ onClose }: { onClose(): void }) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [exporting, setExporting] = useState(false);
  const [seenActions, setSeenActions] = useState<string[]>([]);

  const log = usePaged(review.audit, {});
  const { rows, totalText, filter, search, reload, pagination } = log;
  // Actions met in the log so far join the known ones in the picker.
  useEffect(
    () =>
      setSeenActions((seen) => {
        const all = Array.from(new Set([...seen, ...rows.map((i) => i.action)]));
        return all.length === seen.length ? seen : all;
      }),
    [rows],
  );

  async function exportCsv() {
    setExporting(true);
    try {
      await downloadAuditCsv(filter.action);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }

  const columns: ColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', width: 150, render: (t: string) => formatTime(t) },
    {
      title: '操作人',
      key: 'actor',
      width: 200,
      render: (_v, r) => (
        <span>
          <span className="rv-muted">{actorTypeLabel(r.actorType)}</span> {r.actorName}
        </span>
      ),
    },
    {
      title: '操作',
      dataIndex: 'action',
      width: 150,
      render: (a: string) => <span title={a}>{auditActionLabel(a)}</span>,
    },
    { title: '对象', dataIndex: 'target', width: 110, render: (t: string | null) => auditTargetLabel(t) },
    { title: '详情', dataIndex: 'detail', render: (d: string | null) => <Detail detail={d} /> },
    { title: 'IP', dataIndex: 'ip', width: 112, render: (ip: string | null) => ip ?? '—' },
  ];

  const shownFilter = filterLabel(filter.action);
  return (
    <div className="rv-page">
      <PageToolbar {...TOOLBAR} onClose={onClose} onRefresh={reload}>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportCsv()} loading={exporting}>
          导出CSV
        </Button>
      </PageToolbar>
      <Card
        size="small"
        className="rv-grid rv-audit"
        title={shownFilter ? `操作日志 · ${shownFilter}` : '操作日志'}
        extra={<span className="rv-muted">{totalText}</span>}
      >
        <Form name="audit" layout="inline" className="rv-mb" onFinish={() => search({ action: draft })}>
          <Form.Item label="操作" htmlFor="audit_action">
            <Select
              id="audit_action"
              value={draft}
              onChange={(v: string | undefined) => setDraft(v ?? undefined)}
              options={actionOptions(seenActions)}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部操作（可输入中文查找，如“审核”）"
              style={{ width: 340 }}
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
                search({});
              }}
            >
              重置
            </Button>
          </Form.Item>
        </Form>
        <Grid<AuditEntry>
          source={log}
          columns={columns}
          tableLayout="fixed"
          locale={{ emptyText: '暂无日志' }}
          pagination={pagination([10, 20, 50, 100])}
        />
      </Card>
    </div>
  );
}
