import { AntdRoot } from '../antdRoot';
import { ConsoleLayout, type ConsoleLayoutProps } from './ConsoleLayout';
import { theme } from './theme';

/** The console after login, with antd and its theme: loaded once a caseworker is signed in (ReviewApp). */
export function Console(props: ConsoleLayoutProps) {
  return (
    <AntdRoot theme={theme}>
      <ConsoleLayout {...props} />
    </AntdRoot>
  );
}
