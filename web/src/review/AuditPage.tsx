import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  AUDIT_ACTION_LABELS,
  actorTypeLabel,
  auditActionLabel,
  errorMessage,
  formatTime,
  reviewEndpoints as review,
} from '@ykt/shared';
import { App, AutoComplete, Button, Card, Form } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { type AuditEntry, call, usePaged } from './api';
import { Grid, PageToolbar } from './Grid';

/** One value of an audit detail: nested objects (before / after) as `（key：value，…）`. */
function detailValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(detailValue).join('、');
  if (typeof v === 'object') {
    const inner = Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}：${detailValue(x)}`)
      .join('，');
    return `（${inner}）`;
  }
  return String(v);
}

/** The audit's JSON detail as `key：value；…`, easier to read in a cell; anything else as it is. */
function readableDetail(d: string | null): string {
  if (!d) return '—';
  try {
    const o = JSON.parse(d) as unknown;
    if (o && typeof o === 'object' && !Array.isArray(o)) {
      return Object.entries(o as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}：${detailValue(v)}`)
        .join('；');
    }
  } catch {
    // not JSON
  }
  return d;
}

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

/** 操作日志 (重庆市 caseworkers only): the audit trail, filtered by action, with a CSV export for Excel. */
export function AuditPage({ onClose }: { onClose(): void }) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState('');
  const [exporting, setExporting] = useState(false);
  const [seenActions, setSeenActions] = useState<string[]>([]);

  const log = usePaged(review.audit, {});
  const { rows, total, filter, search, reload, pagination } = log;
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

  const actionOptions = Array.from(new Set([...Object.keys(AUDIT_ACTION_LABELS), ...seenActions]))
    .filter((a) => !draft || a.includes(draft) || auditActionLabel(a).includes(draft))
    .map((a) => ({ value: a, label: a === auditActionLabel(a) ? a : `${auditActionLabel(a)}（${a}）` }));

  const columns: ColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', width: 166, render: (t: string) => formatTime(t) },
    { title: '操作人类型', dataIndex: 'actorType', width: 96, render: (t: string) => actorTypeLabel(t) },
    { title: '操作人', dataIndex: 'actorName', width: 160 },
    {
      title: '操作',
      dataIndex: 'action',
      width: 190,
      render: (a: string) => (
        <span title={a}>
          {auditActionLabel(a)}
          {auditActionLabel(a) !== a && <span className="rv-small rv-muted rv-block">{a}</span>}
        </span>
      ),
    },
    { title: '对象', dataIndex: 'target', width: 160, render: (t: string | null) => t ?? '—' },
    {
      title: '详情',
      dataIndex: 'detail',
      width: 360,
      className: 'rv-wrap',
      render: (d: string | null) => (
        <span className="rv-detail-text" title={d ?? undefined}>
          {readableDetail(d)}
        </span>
      ),
    },
    { title: 'IP', dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <div className="rv-page">
      <PageToolbar {...TOOLBAR} onClose={onClose} onRefresh={reload}>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportCsv()} loading={exporting}>
          导出CSV
        </Button>
      </PageToolbar>
      <Card size="small" className="rv-grid" title="操作日志" extra={<span className="rv-muted">共 {total} 条</span>}>
        <Form
          name="audit"
          layout="inline"
          className="rv-mb"
          onFinish={() => search({ action: draft.trim() || undefined })}
        >
          <Form.Item label="操作" htmlFor="audit_action">
            <AutoComplete
              id="audit_action"
              value={draft}
              onChange={(v: string) => setDraft(v)}
              options={actionOptions}
              allowClear
              placeholder="全部操作，如 change_request.approve"
              style={{ width: 320 }}
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
                setDraft('');
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
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无日志' }}
          pagination={pagination([20, 50, 100])}
        />
      </Card>
    </div>
  );
}
