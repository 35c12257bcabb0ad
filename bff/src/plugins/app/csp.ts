/**
 * The Content-Security-Policy of everything the BFF serves: the mini-app's H5 build (/m/), the PC portal and the
 * review console (/web/*), and the OpenAPI page (/docs). None of them runs inline script: their builds load every
 * script from files on this origin, so script-src is 'self' only. A front end that ever needs an
 * inline script passes its sha256 (computed at build time) in `scriptHashes`, never 'unsafe-inline'.
 *
 * Styles keep 'unsafe-inline': antd's CSS-in-JS (web), Taro's H5 components and NutUI write <style> elements and
 * style attributes at run time. Styles cannot run code.
 *
 * Directive names are helmet's (camelCase); the result is what @fastify/helmet's `contentSecurityPolicy.directives`
 * takes. It spells out helmet's defaults too, so it is complete with or without `useDefaults`.
 */
export interface CspOptions {
  /** The identity platform the H5 preview calls from the browser (faceMode "preview"): allowed in connect-src. */
  identityPreviewUrl?: string;
  /** 'sha256-…' sources of inline scripts a build has to keep (none today). */
  scriptHashes?: readonly string[];
}

export type CspDirectives = Record<string, string[]>;

export function cspDirectives(opts: CspOptions = {}): CspDirectives {
  const hashes = (opts.scriptHashes ?? []).map((h) => (h.startsWith("'") ? h : `'${h}'`));
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'", ...hashes],
    // No inline event handlers (onclick="…") either.
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    // QR images are data: URLs; favicons are data: SVGs.
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", ...(opts.identityPreviewUrl ? [new URL(opts.identityPreviewUrl).origin] : [])],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    upgradeInsecureRequests: [],
  };
}
