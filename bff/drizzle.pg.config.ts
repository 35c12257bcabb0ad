import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @ykt/bff db:generate`: a migration per dialect from its schema (applied at start).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema.ts',
  out: './src/db/pg/migrations',
});
