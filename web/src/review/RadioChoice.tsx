import { Radio } from 'antd';

/** A small set of choices as named radio buttons, e.g. { yes: '是', no: '否' }; the group is named too. */
export function RadioChoice({
  label,
  choices,
  vertical,
  ...field
}: {
  label: string;
  choices: Readonly<Record<string, string>>;
  /** One choice a line (a narrow panel). */
  vertical?: boolean;
  /** Set by Form.Item. */
  value?: string;
  onChange?: (e: unknown) => void;
}) {
  const options = Object.entries(choices).map(([value, text]) => ({ value, label: text }));
  return <Radio.Group aria-label={label} options={options} vertical={vertical} {...field} />;
}
