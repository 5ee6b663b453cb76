import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Builds the renderer (src-renderer/) into dist/renderer/, served by the Electron shell from its
 * app:// scheme and by the headless host over HTTP. Relative base: both serve it from their root.
 */
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    // No module-preload list or polyfill in the first script (they were 1.9 kB of it, with a chunk
    // per tab): a tab's chunk then fetches its own imports when it loads, a few ms more over app://
    // or loopback, once. CSS of lazy chunks is still loaded with them.
    modulePreload: false,
  },
});
