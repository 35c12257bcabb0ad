/**
 * zod compiles fast parsers with `new Function` when the page allows it, and finds out by trying. The BFF's CSP
 * allows no eval, so the try is refused and reported as a CSP violation. jitless: zod never tries (it parses the
 * same, without the compiled fast path). Imported first by each entry, before any schema is built.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
