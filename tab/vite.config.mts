import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The service serves the build at /tab/ (see bot/src/platform/http/server.ts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/tab/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // The tab, and the two pages of the consent pop-up (src/teams-consent.ts).
    rollupOptions: {
      input: ['index.html', 'auth-start.html', 'auth-end.html'].map((page) => fileURLToPath(new URL(page, import.meta.url))),
    },
  },
});
