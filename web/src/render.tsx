import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * Renders one web front end into #root. antd comes with the front end (AntdRoot): the portal wraps everything in
 * it, the console only what follows its login page, so that page loads without antd on weak networks.
 */
export function renderApp(app: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing in the page');
  createRoot(root).render(<StrictMode>{app}</StrictMode>);
}
