import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import { LoadFirstPage, Precompress, remScriptBanner } from './h5Delivery';
import prodConfig from './prod';

/** src/app.config.ts and every src/pages/<name>/index.config.ts. */
function appAndPageConfigs(): string[] {
  const src = path.resolve(__dirname, '..', 'src');
  const pages = path.join(src, 'pages');
  return [
    path.join(src, 'app.config.ts'),
    ...fs
      .readdirSync(pages)
      .map((p) => path.join(pages, p, 'index.config.ts'))
      .filter((f) => fs.existsSync(f)),
  ];
}

/** The workspace's patches to packages (pnpm-workspace.yaml's patchedDependencies). */
function workspacePatches(): string[] {
  const dir = path.resolve(__dirname, '..', '..', 'patches');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
}

/** The workspace's shared package is TypeScript source: Taro's babel must compile it like our own code. */
const sharedDir = path.resolve(__dirname, '..', '..', 'shared');

/**
 * @ykt/shared's sources have no import-time side effects (its package.json says so; repeated here as a rule in
 * both webpackChain hooks, since Taro compiles it as our own source): modules the app does not use, the zod
 * schemas and zod itself, stay out of the bundle. The app takes only labels (shared/src/labels.ts) and rules.
 */
const sharedSrc = path.join(sharedDir, 'src') + path.sep;
const isSharedSource = (file: string) => file.startsWith(sharedSrc);

/** The face-login entry: app.config's pages[0], what a person arriving from the 渝快办 entry sees first. */
const firstPage = 'pages/login/index';

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'ykt-miniapp',
    date: '2026-1-1',
    // NutUI is drawn at 375 wide; our own styles at Taro's default 750.
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/') ?? '';
      return file.includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.TARO_ENV === 'h5' ? 'dist' : 'dist-weapp',
    defineConstants: {
      // Same origin in H5 (the BFF serves /m/ and /api); weapp needs the absolute URL of the BFF at build time.
      YKT_API_BASE: JSON.stringify(process.env.YKT_MINIAPP_API_BASE || '/api'),
    },
    copy: { patterns: [], options: {} },
    framework: 'preact',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    // Webpack's persistent cache (node_modules/.cache) makes rebuilds much faster. Taro's loader reads the
    // app and page configs without telling webpack, so they invalidate the whole cache when they change.
    // H5 only: the weapp build cannot snapshot one of Taro's loaders under pnpm, and is quick anyway.
    // Webpack takes a package in node_modules as unchanged while its version is: the workspace's patches to packages
    // (patches/, pnpm's patchedDependencies) invalidate the cache too.
    cache: {
      enable: process.env.TARO_ENV === 'h5',
      buildDependencies: {
        config: [__filename, path.join(__dirname, 'h5Delivery.ts'), ...appAndPageConfigs(), ...workspacePatches()],
      },
    },
    alias: {},
    mini: {
      compile: { include: [sharedDir] },
      webpackChain(chain) {
        chain.module.rule('ykt-shared-side-effect-free').test(isSharedSource).set('sideEffects', false);
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      optimizeMainPackage: { enable: true },
      // Page styles import shared component styles in different orders; the order does not matter here.
      miniCssExtractPluginOption: { ignoreOrder: true },
    },
    h5: {
      publicPath: '/m/',
      // Taro's H5 components as React components (@tarojs/components-react) instead of Stencil web components:
      // ~30 KB less on the phone's first screen and no custom-element upgrade before the first paint
      // (docs/weak-network.md). AppButton and TextArea render their own elements in H5.
      useHtmlComponents: true,
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedDir] },
      webpackChain(chain, webpack) {
        chain.module.rule('ykt-shared-side-effect-free').test(isSharedSource).set('sideEffects', false);
        // Taro splits only initial chunks, so every lazily loaded page carried its own copy of NutUI,
        // @ykt/shared and the Taro components: share them between pages instead.
        chain.optimization.merge({ splitChunks: { chunks: 'all' } });
        // The H5 build's targets (babel.config.js) have async functions: webpack may use them for the start-up's
        // top-level awaits (src/startup.h5.ts, pages/login/startup.h5.ts).
        chain.output.merge({ environment: { asyncFunction: true } });
        // Aliases, all for the phone's first screen:
        // - Taro.request imports polyfills for fetch and AbortController and a JSONP client. Both are native below
        //   the H5 build's targets (babel.config.js: Chrome 70, iOS 12), and the app never asks for JSONP.
        // - Taro's own stylesheets arrive by JavaScript (style-loader, for every file whose path says
        //   "taro-components"): parsed and inserted while the first screen is being built. Taro's React components
        //   for H5 (`useHtmlComponents`, above) import their whole stylesheet (WeUI looks and an icon font): the app
        //   keeps the rules its components need (src/styles/h5-components.css). Taro's H5 runtime imports the Stencil
        //   components' sheet, for components the app does not render: left out. Taro's base rules: the same rules
        //   in src/styles/h5-global.css. Ours go into app.css with the rest of the app's styles, before any script.
        // - `@tarojs/components`: Taro's React components with a plain View (src/components/PlainView.h5.tsx).
        const src = path.join(__dirname, '..', 'src');
        const styles = path.join(src, 'styles');
        const taroComponents = path.join(src, 'components', 'taroComponents.h5.ts');
        // Side-effect free, as Taro's own module in its place is: each page still gets only the components it uses.
        chain.module.rule('ykt-taro-components-side-effect-free').test(taroComponents).set('sideEffects', false);
        chain.merge({
          resolve: {
            alias: {
              'whatwg-fetch$': false,
              'jsonp-retry$': false,
              'abortcontroller-polyfill/dist/abortcontroller-polyfill-only$': false,
              '@tarojs/components-react/dist/index.css$': path.join(styles, 'h5-components.css'),
              '@tarojs/components/dist/taro-components/taro-components.css$': false,
              '@tarojs/components/global.css$': path.join(styles, 'h5-global.css'),
              '@tarojs/components$': taroComponents,
            },
          },
        });
        // Weak networks and a CSP without inline script (config/h5Delivery.ts).
        const html = chain.plugin('htmlWebpackPlugin');
        const [htmlOptions] = html.get('args') as [{ script?: string }];
        if (htmlOptions.script) {
          chain.plugin('ykt-rem-script').use(webpack.BannerPlugin, [remScriptBanner(htmlOptions.script)]);
        }
        html.tap(([options]) => [{ ...options, script: '' }]);
        chain.plugin('ykt-load-first-page').use(LoadFirstPage, [html.get('plugin'), firstPage]);
        if (process.env.NODE_ENV !== 'development') chain.plugin('ykt-precompress').use(Precompress);
      },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
