/**
 * How the H5 build reaches a phone on weak rural 4G (400 kbps, 400 ms round trips), and
 * without inline script (the BFF's CSP allows none). Three webpack plugins, H5 only:
 *
 * - the rem script Taro writes inline into index.html (it sizes the root font before the first render) goes to
 *   the top of the entry chunk instead: no inline script, no extra request; it runs only in browsers whose CSS
 *   cannot size the root itself (index.html's clamp() rule does everywhere else);
 * - the first page's chunks (app.config's pages[0], the face-login entry) load from index.html with the entry
 *   (LoadFirstPage, below); other pages load on demand;
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

const link = (attributes: HtmlTag['attributes']): HtmlTag => ({ tagName: 'link', voidTag: true, attributes, meta: {} });

/**
 * Loads the files of the chunk group that `import()`s the first page (`request` ends with it, e.g.
 * "pages/login/index") with index.html, so the phone fetches them with the entry instead of one round trip after
 * it has run:
 * - its scripts as `<link rel="preload">`: webpack still runs each in its own task when the router asks for the
 *   page (as `defer` scripts, webpack would find them installed and evaluate the page in Taro's start task, one
 *   long task instead of two: measured worse, docs/weak-network.md);
 * - its stylesheets as `<link rel="stylesheet">` at the end of the body: webpack finds them in the document and
 *   no longer adds a `<link>` per file in the middle of start-up (a restyle of the page each, in Taro's start task);
 *   at the end of the body they do not hold back the shell above them.
 */
export class LoadFirstPage implements WebpackPluginInstance {
  constructor(
    private readonly htmlPlugin: HtmlPluginClass,
    private readonly page: string,
  ) {}

  apply(compiler: Compiler) {
    compiler.hooks.compilation.tap('ykt-load-first-page', (compilation) => {
      this.htmlPlugin.getHooks(compilation).alterAssetTagGroups.tap('ykt-load-first-page', (data) => {
        const group = compilation.chunkGroups.find((g) =>
          g.origins.some((o) => o.request?.replace(/\\/g, '/').endsWith(this.page)),
        );
        if (!group) throw new Error(`LoadFirstPage: no chunk group imports ${this.page}`);
        const publicPath = String(compilation.outputOptions.publicPath ?? '/');
        const already = new Set(
          [...data.headTags, ...data.bodyTags]
            .map((t) => String(t.attributes.src ?? t.attributes.href ?? ''))
            .filter(Boolean),
        );
        for (const file of group.getFiles()) {
          const url = publicPath + file;
          if (already.has(url)) continue;
          if (file.endsWith('.js')) data.headTags.push(link({ rel: 'preload', as: 'script', href: url }));
          else if (file.endsWith('.css')) data.bodyTags.push(link({ rel: 'stylesheet', href: url }));
        }
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
