/**
 * A promise that settles in a later task of the browser's event loop (not a microtask): the browser can paint and
 * take a tap before what follows. Used at start-up on H5 (src/startup.h5.ts, pages/login/startup.h5.ts).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
