import { defineConfig, mergeConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { sharedConfig } from './vite.config.ts';

// One self-contained HTML file (all JavaScript and CSS inlined) that opens from disk or an LMS; no
// service worker (an LMS serves it from its own paths, and a file opened from disk cannot have one).
export default mergeConfig(
  sharedConfig,
  defineConfig({
    plugins: [viteSingleFile()],
    build: { outDir: 'dist-single', emptyOutDir: true },
  }),
);
