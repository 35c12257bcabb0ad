import type { TextAreaProps } from './TextArea';

/**
 * Free text on the phone's H5 build: the browser's own <textarea>. Taro's H5 Textarea is a Stencil web component,
 * and loading Stencil for one field cost the 变更卡 form about 16 KB on weak networks (docs/weak-network.md).
 * Taro builds this file instead of TextArea.tsx for H5.
 */
export function TextArea({ value, label, placeholder, maxLength, onInput, onBlur }: TextAreaProps) {
  return (
    <textarea
      className="text-area"
      value={value}
      maxLength={maxLength}
      placeholder={placeholder}
      aria-label={label}
      onChange={(e) => onInput(e.target.value)}
      onBlur={onBlur}
    />
  );
}
