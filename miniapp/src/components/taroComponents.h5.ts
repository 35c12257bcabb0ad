/**
 * `@tarojs/components` in the H5 build (config/index.ts points the import here): Taro's React components for H5,
 * with the app's plain View (PlainView.h5.tsx).
 *
 * Re-exports only: Taro's build drops every import of this module that is not a component the pages use.
 */
export * from '@tarojs/components-react';
export { View } from './PlainView.h5';
