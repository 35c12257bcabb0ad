import type { FormInstance } from 'antd';
import { useEffect } from 'react';

/**
 * The BFF's words for the fields of a refused query (400 `fields`), under those fields of the query form; cleared
 * when the next query is read. `names` must be stable (a module constant).
 */
export function useServerFieldErrors(
  // biome-ignore lint/suspicious/noExplicitAny: any query form
  form: FormInstance<any>,
  fields: Readonly<Record<string, string>>,
  names: readonly string[],
): void {
  useEffect(() => {
    form.setFields(names.map((name) => ({ name, errors: fields[name] ? [fields[name]] : [] })));
  }, [form, fields, names]);
}
