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
  },
});
