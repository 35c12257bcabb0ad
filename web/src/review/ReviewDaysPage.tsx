import { SaveOutlined, SearchOutlined } from '@ant-design/icons';
import { districtLabel, errorMessage, isApiError, reviewEndpoints as review } from '@ykt/shared';
import { Alert, App, Button, Card, Input, InputNumber, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { call, type DistrictSetting, useCall } from './api';
import { PageToolbar } from './Grid';

/** What citizens are told when a district has set nothing (the BFF's default). */
export const DEFAULT_REVIEW_DAYS = 5;

/** The toolbar's name and hint. */
const TOOLBAR = {
  label: '审核时限操作',
  hint: `申请人提交变更后会被告知“一般在 N 个工作日内审核”。未设置的区县按默认 ${DEFAULT_REVIEW_DAYS} 个工作日。`,
};

/**
 * 审核时限 (municipal caseworker): how many working days review usually takes in each district (1–60, default 5),
 * as citizens are told after submitting. One row per district; a changed figure is saved with its row's 保存.
 */
export function ReviewDaysPage({ onClose }: { onClose(): void }) {
  const { message } = App.useApp();
  const settings = useCall(review.reviewDays);
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [query, setQuery] = useState('');

  async function save(row: DistrictSetting) {
    const days = drafts[row.districtCode];
    if (days === undefined || days === row.reviewDays) return;
    setSaving(row.districtCode);
    setErrors(({ [row.districtCode]: _gone, ...rest }) => rest);
    try {
      const saved = await call(review.setReviewDays, {
        params: { districtCode: row.districtCode },
        body: { reviewDays: days ?? Number.NaN },
      });
      message.success(`已将${saved.districtName}的审核时限设为 ${saved.reviewDays} 个工作日`);
      setDrafts(({ [row.districtCode]: _done, ...rest }) => rest);
      await settings.mutate();
    } catch (e) {
      const why = isApiError(e, 'VALIDATION_FAILED') ? (e.fields.reviewDays ?? e.message) : errorMessage(e);
      setErrors((x) => ({ ...x, [row.districtCode]: why }));
    } finally {
      setSaving(null);
    }
  }

  const rows = (settings.data?.items ?? []).filter(
    (r) => !query.trim() || r.districtName.includes(query.trim()) || r.districtCode.startsWith(query.trim()),
  );

  const columns: ColumnsType<DistrictSetting> = [
    {
      title: '区县',
      key: 'district',
      render: (_v, r) => {
        const { name, code } = districtLabel({ code: r.districtCode, name: r.districtName });
        return (
          <span>
            {name} {code && <span className="rv-small rv-muted">{code}</span>}
          </span>
        );
      },
    },
    {
      title: '审核时限（工作日）',
      key: 'days',
      width: 300,
      render: (_v, r) => {
        const draft = drafts[r.districtCode];
        const error = errors[r.districtCode];
        return (
          <div>
            <Space>
              <InputNumber
                min={1}
                max={60}
                precision={0}
                value={draft === undefined ? r.reviewDays : draft}
                onChange={(v) => setDrafts((d) => ({ ...d, [r.districtCode]: v }))}
                onPressEnter={() => void save(r)}
                aria-label={`${r.districtName}审核时限（工作日）`}
                status={error ? 'error' : undefined}
                style={{ width: 96 }}
              />
              <span>个工作日</span>
              {r.reviewDays === DEFAULT_REVIEW_DAYS && draft === undefined && (
                <span className="rv-small rv-muted">（默认）</span>
              )}
            </Space>
            {error && (
              <div className="rv-field-error" role="alert">
                {error}
              </div>
            )}
          </div>
        );
      },
    },
    {
      title: '操作',
      key: 'save',
      width: 110,
      render: (_v, r) => {
        const draft = drafts[r.districtCode];
        const changed = draft !== undefined && draft !== r.reviewDays;
        return (
          <Button
            size="small"
            type={changed ? 'primary' : 'default'}
            icon={<SaveOutlined aria-hidden />}
            disabled={!changed}
            loading={saving === r.districtCode}
            onClick={() => void save(r)}
            aria-label={`保存${r.districtName}审核时限`}
          >
            保存
          </Button>
        );
      },
    },
  ];

  return (
    <div className="rv-page">
      <PageToolbar {...TOOLBAR} onClose={onClose} onRefresh={() => void settings.mutate()} />
      <Card
        size="small"
        className="rv-grid rv-settings"
        title="各区县审核时限"
        extra={
          <Input
            allowClear
            size="small"
            prefix={<SearchOutlined aria-hidden />}
            placeholder="查找区县"
            aria-label="查找区县"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            style={{ width: 180 }}
          />
        }
      >
        {settings.error && (
          <Alert
            type="error"
            showIcon
            className="rv-mb"
            title={`加载失败：${settings.error.message}`}
            action={
              <Button size="small" onClick={() => void settings.mutate()}>
                重试
              </Button>
            }
          />
        )}
        <Table<DistrictSetting>
          rowKey="districtCode"
          size="small"
          bordered
          loading={settings.isValidating}
          columns={columns}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: '没有符合条件的区县' }}
        />
      </Card>
    </div>
  );
}
