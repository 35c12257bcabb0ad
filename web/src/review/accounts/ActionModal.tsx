import { errorMessage, isApiError } from '@ykt/shared';
import { Alert, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import type { ReviewAccount } from '../api';

export interface ActionModalProps {
  account: ReviewAccount;
  onDone(changed: boolean): void;
  /** The list no longer tells the truth (423: a 渝快办 change arrived since it was loaded): reload it. */
  onStale(): void;
}

/**
 * The dialog of one action on an account (修改, 设为无效). `save` resolves true when done, false when the form is
 * not ready (its fields say why), or a message to show; an error of the BFF is shown on top, a 423 also reloads
 * the grid.
 */
export function ActionModal({
  title,
  okText,
  danger,
  save,
  onError,
  account,
  onDone,
  onStale,
  children,
}: ActionModalProps & {
  title: string;
  okText: string;
  danger?: boolean;
  save(): Promise<boolean | string>;
  onError?(e: unknown): void;
  children: ReactNode;
}) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function ok() {
    setSaving(true);
    setError(null);
    try {
      const result = await save();
      if (typeof result === 'string') setError(result);
      else if (result) onDone(true);
    } catch (e) {
      onError?.(e);
      if (isApiError(e, 'ACCOUNT_LOCKED')) onStale();
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`${title} — ${account.beneficiary.name}（${account.districtName}）`}
      onCancel={() => onDone(false)}
      onOk={() => void ok()}
      okText={okText}
      okButtonProps={danger ? { danger: true } : undefined}
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} className="rv-mb" role="alert" />}
      {children}
    </Modal>
  );
}

/** The form's values, or undefined when a field is not filled in right (the form shows why). */
export async function validValues<T>(validate: () => Promise<T>): Promise<T | undefined> {
  try {
    return await validate();
  } catch {
    return undefined;
  }
}
