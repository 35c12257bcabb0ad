/**
 * H5 only (startup.ts is the mini-program's, empty: WeChat starts the app itself). Imported first by app.tsx.
 *
 * On a cheap phone, evaluating the app's code and then starting it (Taro's router, navigation bar, the first
 * page) was one long task of the main thread, during which a tap waits. This module waits for the next task, so
 * the modules are evaluated in one task and the start runs in another (webpack turns app.tsx, and the entry that
 * imports it, into modules that wait for this one). pages/login/startup.h5.ts does the same between the first
 * page's code and its first render. docs/weak-network.md has the measurements.
 */
import { nextTask } from './utils/nextTask';

await nextTask();
