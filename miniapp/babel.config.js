// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// H5 runs in the 渝快办 app's WebView and in current browsers: ES2018 is native there (Chrome 70+ / iOS 12+), so
// async functions, classes and object spread stay as written instead of ES5 helpers and regenerator, which cost
// bytes and, more, main-thread time on a cheap phone (docs/weak-network.md). The mini-program keeps the
// package's browserslist (its JS engine is WeChat's, and its devtools transpile again anyway).
const h5Targets = { chrome: '70', ios: '12', safari: '12' };

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'preact',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'h5' ? { targets: h5Targets } : {}),
      },
    ],
  ],
};
