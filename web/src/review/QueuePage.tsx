import {
  AuditOutlined,
  CloseOutlined,
  LeftOutlined,
  ReloadOutlined,
  RightOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { BANKS } from '@ykt/shared';
import { App, Button, Card, Form, Input, Radio, Select, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { api, type CaseworkerProfile, type ReviewFilter, type ReviewListItem } from './api';
import { LoadErrorAlert } from './LoadErrorAlert';
import { formatTime, MUNICIPAL_CODE, REQUEST_SOURCE_LABEL, statusLabel } from './labels';
import { ReviewDetailModal } from './ReviewDetailModal';
import { STATUS_TONES, ToneTag } from './ToneTag';
import { usePagedList } from './usePagedList';

interface Props {
  profile: CaseworkerProfile;
  onClose(): void;
}

interface QueryForm {
  bankName?: string;
  name?: string;
  idNumber?: string;
  accountNumber?: string;
  applicantName?: string;
  showCompleted: 'yes' | 'no';
}

const EMPTY_QUERY: QueryForm = { showCompleted: 'no' };
const BANK_OPTIONS = BANKS.map((b) => ({ value: b.name, label: b.name }));

function toFilter(q: QueryForm): ReviewFilter {
  return {
    bankName: q.bankName,
    name: q.name,
    idNumber: q.idNumber,
    accountNumber: q.accountNumber,
    applicantName: q.applicantName,
    showCompleted: q.showCompleted === 'yes',
  };
}

/**
 * 账号变更审核 (manual 1.3): the query panel on the left, the toolbar (审核, 关闭) and the grid of 渝快办 changes.
 * Double-click a row, press Enter on it, or select it and press 审核 to open the detail.
 */
export function QueuePage({ profile, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<QueryForm>();
  const [filter, setFilter] = useState<ReviewFilter>(toFilter(EMPTY_QUERY));
  const [selected, setSelected] = useState<number | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [queryOpen, setQueryOpen] = useState(true);

  const fetchPage = useCallback((p: number, ps: number) => api.changeRequests(filter, p, ps), [filter]);
  const { rows, total, page, setPage, pageSize, loading, loadError, load, pagination } = usePagedList<ReviewListItem>(
    fetchPage,
    (items) => setSelected((s) => (s !== null && items.some((r) => r.id === s) ? s : null)),
  );

  function query(values: QueryForm) {
    setFilter(toFilter(values));
    setPage(1);
  }

  function reset() {
    form.resetFields();
    setFilter(toFilter(EMPTY_QUERY));
    setPage(1);
  }

  function review() {
    if (selected === null) {
      message.info('请先在列表中选择一条申请');
      return;
    }
    setOpenId(selected);
  }

  const municipal = profile.districtCode === MUNICIPAL_CODE;
  const columns: ColumnsType<ReviewListItem> = [
    {
      title: '序号',
      key: 'seq',
      align: 'center',
      render: (_v, _r, i) => (page - 1) * pageSize + i + 1,
    },
    { title: '数据来源', key: 'source', render: () => REQUEST_SOURCE_LABEL },
    {
      title: '数据状态',
      dataIndex: 'status',
      render: (s: string) => <ToneTag tone={STATUS_TONES[s] ?? 'gray'}>{statusLabel(s)}</ToneTag>,
    },
    { title: '申请人', dataIndex: 'applicantName' },
    { title: '申请时间', dataIndex: 'appliedAt', render: (t: string) => formatTime(t, false) },
    {
      title: '享受人信息',
      children: [
        { title: '姓名', key: 'bname', render: (_v, r) => r.beneficiary.name },
        {
          title: '身份证号码',
          key: 'bid',
          render: (_v, r) => <span className="rv-mono">{r.beneficiary.idNumber}</span>,
        },
      ],
    },
    {
      title: '账号信息',
      children: [
        { title: '银行名称', dataIndex: 'bankName' },
        { title: '银行账号', dataIndex: 'accountNumber', render: (a: string) => <span className="rv-mono">{a}</span> },
      ],
    },
    ...(municipal ? [{ title: '区县', dataIndex: 'districtName' } as const] : []),
  ];

  return (
    <div className="rv-page">
      <div className="rv-toolbar" role="toolbar" aria-label="账号变更审核操作">
        <Button type="primary" icon={<AuditOutlined aria-hidden />} onClick={review}>
          审核
        </Button>
        <Button icon={<CloseOutlined aria-hidden />} onClick={onClose}>
          关闭
        </Button>
        <span className="rv-toolbar-hint">双击一行或选中后点击“审核”查看变更详情；在行上按 Enter 键亦可打开。</span>
        <Tooltip title="刷新列表">
          <Button
            className="rv-toolbar-right"
            icon={<ReloadOutlined aria-hidden />}
            onClick={() => void load()}
            aria-label="刷新列表"
          />
        </Tooltip>
      </div>
      <div className="rv-split">
        {!queryOpen && (
          <Button
            className="rv-query-collapsed"
            onClick={() => setQueryOpen(true)}
            aria-expanded={false}
            aria-controls="queue-query"
            icon={<RightOutlined aria-hidden />}
          >
            查询条件
          </Button>
        )}
        <Card
          id="queue-query"
          title="查询条件"
          size="small"
          className="rv-query"
          role="search"
          hidden={!queryOpen}
          extra={
            <Button
              type="text"
              size="small"
              icon={<LeftOutlined aria-hidden />}
              onClick={() => setQueryOpen(false)}
              aria-expanded
              aria-controls="queue-query"
              aria-label="收起查询条件"
            />
          }
        >
          <Form<QueryForm>
            form={form}
            name="queue"
            layout="vertical"
            initialValues={EMPTY_QUERY}
            onFinish={query}
            size="middle"
          >
            <Form.Item label="开户银行" name="bankName">
              <Select allowClear showSearch options={BANK_OPTIONS} placeholder="全部" />
            </Form.Item>
            <Form.Item label="姓名" name="name">
              <Input allowClear maxLength={32} autoComplete="off" />
            </Form.Item>
            <Form.Item label="身份证号" name="idNumber">
              <Input allowClear maxLength={18} autoComplete="off" />
            </Form.Item>
            <Form.Item label="银行账号" name="accountNumber">
              <Input allowClear maxLength={40} autoComplete="off" />
            </Form.Item>
            <Form.Item label="申请人姓名" name="applicantName">
              <Input allowClear maxLength={32} autoComplete="off" />
            </Form.Item>
            <Form.Item label="显示完结" name="showCompleted">
              <Radio.Group
                aria-label="显示完结"
                options={[
                  { value: 'yes', label: '是' },
                  { value: 'no', label: '否' },
                ]}
              />
            </Form.Item>
            <div className="rv-query-actions">
              <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                查询
              </Button>
              <Button onClick={reset}>重置</Button>
            </div>
          </Form>
        </Card>
        <Card
          size="small"
          className="rv-grid rv-queue-grid"
          title="渝快办账号变更"
          extra={<span className="rv-muted">共 {total} 条</span>}
        >
          <LoadErrorAlert error={loadError} onRetry={() => void load()} />
          <Table<ReviewListItem>
            rowKey="id"
            size="small"
            bordered
            loading={loading}
            columns={columns}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '没有符合条件的申请' }}
            rowSelection={{
              type: 'radio',
              selectedRowKeys: selected === null ? [] : [selected],
              onChange: (keys) => setSelected(keys.length ? Number(keys[0]) : null),
              columnWidth: 32,
              getCheckboxProps: (record) => ({
                'aria-label': `选择第 ${record.id} 号申请（${record.beneficiary.name}）`,
              }),
            }}
            onRow={(record) => ({
              tabIndex: 0,
              'aria-label': `${record.beneficiary.name}，${statusLabel(record.status)}，按 Enter 打开`,
              onClick: () => setSelected(record.id),
              onDoubleClick: () => {
                setSelected(record.id);
                setOpenId(record.id);
              },
              onKeyDown: (e) => {
                if (e.target !== e.currentTarget) return;
                if (e.key === 'Enter') {
                  e.preventDefault();
                  setSelected(record.id);
                  setOpenId(record.id);
                } else if (e.key === ' ') {
                  e.preventDefault();
                  setSelected(record.id);
                }
              },
            })}
            pagination={pagination()}
          />
        </Card>
      </div>
      <ReviewDetailModal id={openId} onClose={() => setOpenId(null)} onChanged={() => void load()} />
    </div>
  );
}
