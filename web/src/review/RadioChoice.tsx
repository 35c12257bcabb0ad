import { Radio } from 'antd';

/** A small set of choices as named radio buttons, e.g. { yes: '是', no: '否' }; the group is named too. */
export function RadioChoice({
  label,
  choices,
  ...field
}: {
  label: string;
  choices: Readonly<Record<string, string>>;
  /** Set by Form.Item. */
  value?: string;
  onChange?: (e: unknown) => void;
}) {
  const options = Object.entries(choices).map(([value, text]) => ({ value, label: text }));
  return <Radio.Group aria-label={label} options={options} {...field} />;
}
