import { defineConfig } from 'vitest/config';

// The page is served by `projector serve` (or any static host); `base: './'` keeps every asset URL
// relative so the page also works from a subfolder. The API is reached at `api/...` relative to the page.
const api = process.env.PROJECTOR_API ?? 'http://127.0.0.1:6106';

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
    // tiles.html is the map of a tile set (projector export --format tiles).
    rollupOptions: { input: { main: 'index.html', tiles: 'tiles.html' } },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: true, ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
