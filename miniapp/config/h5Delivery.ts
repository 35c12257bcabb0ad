/**
 * How the H5 build reaches a phone on weak rural 4G (400 kbps, 400 ms round trips), and
 * without inline script (the BFF's CSP allows none). Three webpack plugins, H5 only:
 *
 * - the rem script Taro writes inline into index.html (it sizes the root font before the first render) goes to
 *   the top of the entry chunk instead: no inline script, no extra request; it runs only in browsers whose CSS
 *   cannot size the root itself (index.html's clamp() rule does everywhere else);
 * - the first page's chunks (app.config's pages[0], the face-login entry) are preloaded from index.html, so the
 *   phone fetches them with the entry instead of one round trip after it has run; other pages load on demand;
 * - every text file gets brotli and gzip siblings (.br, .gz) that the BFF serves as they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Compilation, Compiler, WebpackPluginInstance } from 'webpack';

type Webpack = typeof import('webpack');

interface HtmlTag {
  tagName: string;
  voidTag: boolean;
  attributes: Record<string, string | boolean | undefined | null>;
  meta: Record<string, unknown>;
}
interface HtmlPluginClass {
  getHooks(compilation: Compilation): {
    alterAssetTagGroups: {
      tap(name: string, fn: (data: { headTags: HtmlTag[]; bodyTags: HtmlTag[] }) => unknown): void;
    };
  };
}

/** Taro's rem script (H5WebpackPlugin's htmlWebpackPlugin `script` option) at the top of the entry chunk's JS. */
export function remScriptBanner(script: string): ConstructorParameters<Webpack['BannerPlugin']>[0] {
  // index.html sizes the root with the same formula in CSS (clamp(), min()); where the browser has those, the
  // script would only measure the page again (a forced layout in the middle of start-up) to set the same size.
  const guarded = `if(!(window.CSS&&CSS.supports&&CSS.supports("font-size","clamp(1px,min(1vw,1vh),2px)"))){${script}}`;
  return { banner: guarded, raw: true, entryOnly: true, test: /\.js$/ };
}

/**
 * Adds `<link rel="preload">` for every JS and CSS file of the chunk group that `import()`s the first page
 * (`request` ends with it, e.g. "pages/login/index"), placed before the entry's own scripts.
 */
export class PreloadFirstPage implements WebpackPluginInstance {
  constructor(
    private readonly htmlPlugin: HtmlPluginClass,
    private readonly page: string,
  ) {}

  apply(compiler: Compiler) {
    compiler.hooks.compilation.tap('ykt-preload-first-page', (compilation) => {
      this.htmlPlugin.getHooks(compilation).alterAssetTagGroups.tap('ykt-preload-first-page', (data) => {
        const group = compilation.chunkGroups.find((g) =>
          g.origins.some((o) => o.request?.replace(/\\/g, '/').endsWith(this.page)),
        );
        if (!group) throw new Error(`PreloadFirstPage: no chunk group imports ${this.page}`);
        const publicPath = String(compilation.outputOptions.publicPath ?? '/');
        const already = new Set(
          data.headTags.map((t) => String(t.attributes.src ?? t.attributes.href ?? '')).filter(Boolean),
        );
        const links: HtmlTag[] = [];
        for (const file of group.getFiles()) {
          const as = file.endsWith('.js') ? 'script' : file.endsWith('.css') ? 'style' : null;
          const href = publicPath + file;
          if (!as || already.has(href)) continue;
          links.push({ tagName: 'link', voidTag: true, attributes: { rel: 'preload', as, href }, meta: {} });
        }
        // JS first: the page's code is what the phone waits for; its CSS is small.
        links.sort((a, b) => (a.attributes.as === b.attributes.as ? 0 : a.attributes.as === 'script' ? -1 : 1));
        data.headTags.push(...links);
        return data;
      });
    });
  }
}

/** Writes name.br (brotli, max quality) and name.gz (gzip -9) next to every text file webpack emitted. */
export class Precompress implements WebpackPluginInstance {
  apply(compiler: Compiler) {
    compiler.hooks.afterEmit.tap('ykt-precompress', (compilation) => {
      const out = compilation.outputOptions.path ?? compiler.outputPath;
      for (const asset of compilation.getAssets()) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(asset.name)) continue;
        const file = path.join(out, asset.name);
        const body = fs.readFileSync(file);
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(body, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
        );
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
      }
    });
  }
}
