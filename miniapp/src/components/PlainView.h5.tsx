/**
 * The app's View in the H5 build (taroComponents.h5.ts): a plain <div>.
 *
 * Taro's H5 View exists for `hoverClass` (a class while a finger rests on the box), which the app never uses: for
 * it, every box keeps three states and an effect and listens to touchstart, touchmove and touchend. On a cheap phone
 * that is start-up time for each box of each screen, and touch listeners on the boxes are not passive, so the
 * browser waits for script at every touch before it scrolls. The mini-program keeps its own View.
 */
import type { ViewProps } from '@tarojs/components';
import { forwardRef } from 'react';

/** Taro's props with no meaning for a <div> in a browser: the hover ones (above) and the mini-program's catchMove. */
const TARO_ONLY = ['hoverClass', 'hoverStartTime', 'hoverStayTime', 'hoverStopPropagation', 'catchMove'];

export const View = forwardRef<HTMLDivElement, ViewProps>(function View(props, ref) {
  const attributes: Record<string, unknown> = { ...props };
  for (const key of TARO_ONLY) delete attributes[key];
  return <div ref={ref} {...attributes} />;
});
