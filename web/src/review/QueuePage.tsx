import { AuditOutlined, LeftOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import {
  BANKS,
  formatTime,
  MUNICIPAL_CODE,
  REQUEST_SOURCE_LABEL,
  reviewEndpoints as review,
  reviewStatusLabel,
} from '@ykt/shared';
import { App, Button, Card, Form, Input, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { type CaseworkerProfile, type ReviewListItem, usePaged } from './api';
import { ReviewDetailModal } from './detail/ReviewDetailModal';
import { Grid, PageToolbar } from './Grid';
import { RadioChoice } from './RadioChoice';
import { useServerFieldErrors } from './serverFields';
import { StatusTag } from './ToneTag';
import { channelLabel } from './words';

interface Props {
  profile: CaseworkerProfile;
  onClose(): void;
}

type View = 'pending' | 'completed' | 'failed';

interface QueryForm {
  bankName?: string;
  name?: string;
  idNumber?: string;
  accountNumber?: string;
  applicantName?: string;
  view: View;
}

const EMPTY_QUERY: QueryForm = { view: 'pending' };
const BANK_OPTIONS = BANKS.map((b) => ({ value: b.name, label: b.name }));
/** The query fields, with what each matches (names: the whole name or its beginning, as the BFF searches). */
const TEXT_FIELDS = [
  { name: 'name', label: '姓名', maxLength: 32, hint: '按全名或姓名开头查找' },
  { name: 'idNumber', label: '身份证号', maxLength: 18, hint: '18位全号或后4位' },
  { name: 'accountNumber', label: '银行账号', maxLength: 40, hint: '完整的新账号' },
  { name: 'applicantName', label: '申请人姓名', maxLength: 32, hint: '按全名或姓名开头查找' },
] as const;
/** Fields the BFF may name when it refuses a query. */
const QUERY_FIELDS = ['bankName', ...TEXT_FIELDS.map((f) => f.name)] as const;

/** 数据范围: 待审核 (the queue), 显示完结 (every request that reached review), 申请失败 (refused by the bank). */
const VIEWS: Readonly<Record<View, string>> = { pending: '待审核', completed: '显示完结', failed: '申请失败' };
const EMPTY_TEXT: Readonly<Record<View, string>> = {
  pending: '没有符合条件的待审核申请',
  completed: '没有符合条件的申请',
  failed: '没有符合条件的申请失败记录',
};

const toFilter = ({ view, ...q }: QueryForm) => ({ ...q, status: view });

/** The toolbar's name and hint. */
const TOOLBAR = {
  label: '账号变更审核操作',
  hint: '双击一行或选中后点击“审核”查看变更详情；在行上按 Enter 键亦可打开。',
};

/**
 * 账号变更审核 (manual 1.3): the query panel on the left, the toolbar (审核, 关闭) and the grid of 渝快办 changes.
 * Double-click a row, press Enter on it, or select it and press 审核 to open the detail.
 */
export function QueuePage({ profile, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<QueryForm>();
  const [selected, setSelected] = useState<number | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [queryOpen, setQueryOpen] = useState(true);

  const queue = usePaged(review.changeRequests, toFilter(EMPTY_QUERY));
  const { rows, totalText, search, page, pageSize, reload, pagination, filter } = queue;
  useServerFieldErrors(form, queue.fieldErrors, QUERY_FIELDS);
  const view: View = filter.status ?? 'pending';
  // A selection that is no longer in the grid is dropped.
  useEffect(() => setSelected((s) => (s !== null && rows.some((r) => r.id === s) ? s : null)), [rows]);

  function reset() {
    form.resetFields();
    search(toFilter(EMPTY_QUERY));
  }

  function openSelected() {
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
      render: (s: string) => <StatusTag status={s} />,
    },
    { title: '申请人', dataIndex: 'applicantName' },
    { title: '渠道', dataIndex: 'channel', render: (c: string) => channelLabel(c) },
    { title: '申请时间', dataIndex: 'appliedAt', render: (t: string) => formatTime(t, { seconds: false }) },
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
      <PageToolbar {...TOOLBAR} onClose={onClose} onRefresh={reload}>
        <Button type="primary" icon={<AuditOutlined aria-hidden />} onClick={openSelected}>
          审核
        </Button>
      </PageToolbar>
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
            onFinish={(values) => search(toFilter(values))}
            size="middle"
          >
            <Form.Item label="开户银行" name="bankName">
              <Select allowClear showSearch options={BANK_OPTIONS} placeholder="全部" />
            </Form.Item>
            {TEXT_FIELDS.map((f) => (
              <Form.Item key={f.name} label={f.label} name={f.name} extra={f.hint}>
                <Input allowClear maxLength={f.maxLength} autoComplete="off" />
              </Form.Item>
            ))}
            <Form.Item label="数据范围" name="view">
              <RadioChoice label="数据范围" choices={VIEWS} vertical />
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
          title={`渝快办账号变更 · ${VIEWS[view]}`}
          extra={<span className="rv-muted">{totalText}</span>}
        >
          <Grid<ReviewListItem>
            source={queue}
            columns={columns}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: queue.refused ? '查询条件有误，未查询' : EMPTY_TEXT[view] }}
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
              'aria-label': `${record.beneficiary.name}，${reviewStatusLabel(record.status)}，按 Enter 打开`,
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
      <ReviewDetailModal id={openId} onClose={() => setOpenId(null)} onChanged={reload} />
    </div>
  );
}
