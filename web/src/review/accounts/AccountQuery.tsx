import { SearchOutlined } from '@ant-design/icons';
import { type CallInput, DISTRICTS, districtWithCodeInParens, MUNICIPAL_CODE, type reviewEndpoints } from '@ykt/shared';
import { Button, Card, Form, Input, Select, Space } from 'antd';
import type { CaseworkerProfile } from '../api';

type AccountFilter = Omit<NonNullable<CallInput<typeof reviewEndpoints.accounts>['query']>, 'page' | 'pageSize'>;

/** The query bar of 一卡通账号: 姓名, 身份证号, 银行账号, and 区县 (only the caller's, unless municipal). */
export function AccountQuery({
  profile,
  onSearch,
}: {
  profile: CaseworkerProfile;
  onSearch(filter: AccountFilter): void;
}) {
  const [form] = Form.useForm<AccountFilter>();
  const municipal = profile.districtCode === MUNICIPAL_CODE;
  const districtOptions = (municipal ? DISTRICTS : DISTRICTS.filter((d) => d.code === profile.districtCode)).map(
    (d) => ({ value: d.code, label: districtWithCodeInParens(d) }),
  );
  return (
    <Card size="small" className="rv-querybar" role="search" aria-label="查询条件">
      <Form<AccountFilter> form={form} name="accounts" layout="inline" onFinish={onSearch}>
        <Form.Item label="姓名" name="name">
          <Input allowClear maxLength={32} autoComplete="off" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item label="身份证号" name="idNumber">
          <Input allowClear maxLength={18} autoComplete="off" style={{ width: 180 }} />
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
    </Card>
  );
}
