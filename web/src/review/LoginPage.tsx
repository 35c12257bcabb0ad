import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError, districtName, reviewEndpoints as review, UNEXPECTED_ERROR_MESSAGE } from '@ykt/shared';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { type CaseworkerProfile, call } from './api';

interface Props {
  notice?: string;
  onLoggedIn(token: string, profile: CaseworkerProfile): void;
}

interface LoginError {
  title: string;
  description?: string;
}

/** What a failed login tells the caseworker, in plain Chinese. */
function loginError(e: unknown): LoginError {
  if (e instanceof ApiError) {
    if (e.status === 429) {
      return {
        title: '尝试次数过多，请稍后再试',
        description:
          e.message && !e.message.includes('尝试次数过多') ? e.message : '为保护账号安全，登录已被暂时限制。',
      };
    }
    if (e.status === 401) return { title: e.message || '用户名或密码错误' };
    if (e.status === 400) return { title: Object.values(e.fields)[0] ?? e.message };
    return { title: e.message };
  }
  return { title: UNEXPECTED_ERROR_MESSAGE };
}

export function LoginPage({ notice, onLoggedIn }: Props) {
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LoginError | null>(null);

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const answer = await call(review.login, {
        body: { username: values.username.trim(), password: values.password },
      });
      const c = answer.caseworker;
      onLoggedIn(answer.token, {
        ...c,
        districtName: c.districtName ?? districtName(c.districtCode) ?? c.districtCode,
      });
    } catch (e) {
      setError(loginError(e));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rv-login">
      <main className="rv-login-box">
        <div className="rv-login-brand">
          <Typography.Title level={1} className="rv-login-title">
            一卡通系统
          </Typography.Title>
          <Typography.Paragraph className="rv-login-sub">
            惠民惠农财政补贴资金“一卡通” · 经办人登录
          </Typography.Paragraph>
        </div>
        <Card className="rv-login-card" title="账号登录">
          {error ? (
            <Alert
              type="error"
              showIcon
              title={error.title}
              description={error.description}
              className="rv-mb"
              role="alert"
            />
          ) : notice ? (
            <Alert type="info" showIcon title={notice} className="rv-mb" />
          ) : null}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
            <Form.Item
              label="用户名"
              name="username"
              rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
            >
              <Input
                prefix={<UserOutlined aria-hidden />}
                autoComplete="username"
                autoFocus
                size="large"
                maxLength={64}
              />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password
                prefix={<LockOutlined aria-hidden />}
                autoComplete="current-password"
                size="large"
                maxLength={128}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              登录
            </Button>
          </Form>
        </Card>
        <Typography.Paragraph className="rv-login-foot">
          仅限区县财政局经办人使用。请勿在公共电脑上保存密码，离开时请点击“退出”。
        </Typography.Paragraph>
      </main>
    </div>
  );
}
