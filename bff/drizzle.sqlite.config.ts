import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @ykt/bff db:generate`: a migration per dialect from its schema (applied at start).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/sqlite/schema.ts',
  out: './src/db/sqlite/migrations',
});
