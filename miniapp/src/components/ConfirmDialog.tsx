import { Dialog } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A yes/no question in NutUI's Dialog, with our sizes (长辈版 included). */
export function ConfirmDialog({
  visible,
  title,
  children,
  confirmText = '确定',
  cancelText = '取消',
  hideCancel,
  onConfirm,
  onCancel,
}: {
  visible: boolean;
  title: string;
  children: ReactNode;
  confirmText?: string;
  cancelText?: string;
  hideCancel?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog
      className="app-dialog"
      visible={visible}
      title={title}
      confirmText={confirmText}
      cancelText={cancelText}
      hideCancelButton={hideCancel}
      closeOnOverlayClick={false}
      onConfirm={() => onConfirm()}
      onCancel={() => onCancel()}
      onClose={() => undefined}
    >
      <View className="app-dialog-content">{children}</View>
    </Dialog>
  );
}
