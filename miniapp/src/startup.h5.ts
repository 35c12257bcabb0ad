/**
 * H5 only (startup.ts is the mini-program's, empty: WeChat starts the app itself). Imported first by app.tsx.
 *
 * On a cheap phone, evaluating the app's code and then starting it (Taro's router, the first page) was one long
 * task of the main thread, during which a tap waits. This module makes three tasks of it (webpack turns app.tsx,
 * and the entry that imports it, into modules that wait for this one): the modules are evaluated in the first;
 * the second names the first page in the address and opens localStorage; the start runs in the third.
 * pages/login/startup.h5.ts does the same between the first page's code and its first render. docs/weak-network.md
 * has the measurements.
 */
import { nextTask } from './utils/nextTask';

await nextTask();
// Opened without a page (/m/, as the 渝快办 entry opens it), Taro's router starts, then replaces the address with
// its first page's and routes a second time, all in its start task. Named before Taro reads the address, it routes
// once. (app.config's pages[0]; app.tsx names it the same way, to keep utils/nav out of this bundle.)
if (!window.location.hash.replace(/^#\/?/, '')) {
  window.history.replaceState(window.history.state, '', '#/pages/login/index');
}
// The first use of localStorage in a page waits while the browser loads the site's storage (from disk on a fresh
// start: in a 4x-throttled profile the largest single cost of the first page's code). The session, 长辈版 and the
// QR hand-over are all read from it at start; here that wait has a task of its own.
try {
  void window.localStorage.length;
} catch {
  // Storage refused (a private window, a locked-down browser): Taro's storage calls report it where it matters.
}
await nextTask();
