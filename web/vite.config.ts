import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two entries: the citizen's PC pages (portal.html, served at /pc) and the caseworker console (review.html, /review).
export default defineConfig({
  plugins: [react()],
  base: '/web/',
  build: {
    rollupOptions: {
      input: { portal: resolve(__dirname, 'portal.html'), review: resolve(__dirname, 'review.html') },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
