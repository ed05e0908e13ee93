import { defineConfig, mergeConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import base from './vite.config.ts';

// One self-contained HTML file (all JavaScript and CSS inlined) that opens from disk or an LMS.
export default mergeConfig(
  base,
  defineConfig({
    plugins: [viteSingleFile()],
    build: { outDir: 'dist-single', emptyOutDir: true },
  }),
);
