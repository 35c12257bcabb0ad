import { SearchOutlined } from '@ant-design/icons';
import { type CallInput, DISTRICTS, districtWithCodeInParens, MUNICIPAL_CODE, type reviewEndpoints } from '@ykt/shared';
import { Button, Card, Form, Input, Select, Space } from 'antd';
import type { CaseworkerProfile } from '../api';
import { useServerFieldErrors } from '../serverFields';

type AccountFilter = Omit<NonNullable<CallInput<typeof reviewEndpoints.accounts>['query']>, 'cursor' | 'pageSize'>;

/** Fields the BFF may name when it refuses a query. */
const QUERY_FIELDS = ['name', 'idNumber', 'accountNumber', 'districtCode'] as const;

/** The query bar of 一卡通账号: 姓名, 身份证号, 银行账号, and 区县 (only the caller's, unless municipal). */
export function AccountQuery({
  profile,
  onSearch,
  fieldErrors,
}: {
  profile: CaseworkerProfile;
  onSearch(filter: AccountFilter): void;
  /** The BFF's words for the fields of a refused query. */
  fieldErrors: Readonly<Record<string, string>>;
}) {
  const [form] = Form.useForm<AccountFilter>();
  useServerFieldErrors(form, fieldErrors, QUERY_FIELDS);
  const municipal = profile.districtCode === MUNICIPAL_CODE;
  const districtOptions = (municipal ? DISTRICTS : DISTRICTS.filter((d) => d.code === profile.districtCode)).map(
    (d) => ({ value: d.code, label: districtWithCodeInParens(d) }),
  );
  return (
    <Card size="small" className="rv-querybar" role="search" aria-label="查询条件">
      <Form<AccountFilter> form={form} name="accounts" layout="inline" onFinish={onSearch}>
        <Form.Item label="姓名" name="name">
          <Input
            allowClear
            maxLength={32}
            autoComplete="off"
            style={{ width: 120 }}
            placeholder="全名或开头"
            aria-describedby="accounts-query-hint"
          />
        </Form.Item>
        <Form.Item label="身份证号" name="idNumber">
          <Input
            allowClear
            maxLength={18}
            autoComplete="off"
            style={{ width: 180 }}
            placeholder="18位或后4位"
            aria-describedby="accounts-query-hint"
          />
        </Form.Item>
        <Form.Item label="银行账号" name="accountNumber">
          <Input allowClear maxLength={40} autoComplete="off" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label="区县" name="districtCode">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={districtOptions}
            placeholder="全部"
            style={{ width: 180 }}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onSearch({});
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <p id="accounts-query-hint" className="rv-small rv-muted rv-query-hint">
        姓名：按完整姓名或姓名开头查找（如“陈”）；身份证号：完整18位或后4位；银行账号：完整账号。
      </p>
    </Card>
  );
}
