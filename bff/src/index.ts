export { buildApp, type App, type BuildOptions } from './app.ts';
export { configFromEnv, parseConfig, type Config, type ConfigInput } from './config.ts';
export { createFieldCrypto, generateDataKey } from './lib/fieldCrypto.ts';
export type { Clock } from './lib/time.ts';
export { seedDemo } from './demo/seedDemo.ts';
