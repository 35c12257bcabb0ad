import { View } from '@tarojs/components';
import { type ReactNode, useId } from 'react';
import { AppButton } from './AppButton';
import { Layer } from './Layer';
import './ConfirmDialog.scss';

/** A yes/no question over a dimmed page, with the app's sizes (长辈版 included). Tapping outside does nothing. */
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
  const titleId = useId();
  return (
    <Layer visible={visible} maskClassName="dialog-mask">
      <View className="dialog" role="dialog" aria-modal aria-labelledby={titleId}>
        <View className="dialog-title" id={titleId}>
          {title}
        </View>
        <View className="dialog-content">{children}</View>
        <View className="dialog-footer">
          {!hideCancel && (
            <AppButton kind="outline" className="dialog-button" onClick={onCancel}>
              {cancelText}
            </AppButton>
          )}
          <AppButton className="dialog-button dialog-button-ok" onClick={onConfirm}>
            {confirmText}
          </AppButton>
        </View>
      </View>
    </Layer>
  );
}
