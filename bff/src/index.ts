export { type App, type BuildOptions, buildApp } from './app.ts';
export { type Config, type ConfigInput, configFromEnv, parseConfig } from './config.ts';
export { seedDemo } from './demo/seedDemo.ts';
export { createFieldCrypto, generateDataKey } from './lib/fieldCrypto.ts';
export type { Clock } from './lib/time.ts';
