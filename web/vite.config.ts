// The web UI's build: React + TypeScript bundled into web/dist, which the server serves.
// Everything ships in the bundle (no CDN, no web fonts, no map tiles); in development
// `npx vite web` proxies /api to a running `chainatlas serve` on port 5174.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500, assetsInlineLimit: 0 },
  server: { proxy: { '/api': 'http://127.0.0.1:5174' } },
});
