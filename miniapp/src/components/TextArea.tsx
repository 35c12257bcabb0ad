import { Textarea } from '@tarojs/components';

export interface TextAreaProps {
  value: string;
  /** Its name, heard by a screen reader (the visible label sits above it, in Field). */
  label: string;
  placeholder?: string;
  maxLength: number;
  onInput: (value: string) => void;
  onBlur?: () => void;
}

/** Free text in the mini-program: the platform's Textarea. H5 builds take TextArea.h5.tsx instead. */
export function TextArea({ value, label, placeholder, maxLength, onInput, onBlur }: TextAreaProps) {
  return (
    <Textarea
      className="text-area"
      value={value}
      maxlength={maxLength}
      placeholder={placeholder}
      ariaLabel={label}
      onInput={(e) => onInput(e.detail.value)}
      onBlur={onBlur}
    />
  );
}
