import { defineConfig, mergeConfig } from 'vitest/config';
import type { UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { offline } from './scripts/offline-plugin.ts';
import { cspMeta } from './scripts/vite-csp.ts';
import { inlineEntryCss, loadAfterFirstPaint, prerender } from './scripts/prerender-plugin.ts';

/**
 * The views use React's API and run on Preact (src/ui/README.md): a tenth of the bytes on the first
 * load. Fast Refresh is React's own runtime, so the dev server reloads the page instead.
 */
export const preactAliases = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react(-dom)?$/, replacement: 'preact/compat' },
];

/** What both builds share (the single-file build, vite.single.config.ts, has no service worker). */
export const sharedConfig: UserConfig = {
  // Relative asset paths: the build works from any sub-path or a CDN.
  base: './',
  plugins: [react({ refreshExclude: /./ }), prerender(preactAliases), inlineEntryCss(), cspMeta()],
  resolve: { alias: preactAliases },
  define: { __OFFLINE__: 'false' },
  build: { target: 'es2022', sourcemap: false },
  // The scenario checker's worker imports the engine as modules, like the page.
  worker: { format: 'es' },
};

export default mergeConfig(
  sharedConfig,
  defineConfig({
    // The main build works offline after the first visit (manifest + service worker).
    plugins: [offline(), loadAfterFirstPaint()],
    test: {
      include: ['src/**/*.test.ts'],
      environment: 'node',
    },
  }),
);
