/**
 * The offline build: a web app manifest link and theme colours in index.html, and dist/sw.js, the
 * service worker of src/offline/sw.js with the list of files to cache and a version that changes
 * whenever any of them does. Only the main build uses it; the single-file build (for an LMS) has no
 * service worker. `__OFFLINE__` tells main.tsx whether to register the worker.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function offline(): Plugin {
  let publicDir = '';
  return {
    name: 'netlink-viz-offline',
    apply: 'build',
    config: () => ({ define: { __OFFLINE__: 'true' } }),
    configResolved(config) {
      publicDir = config.publicDir;
    },
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'manifest', href: './manifest.webmanifest' }, injectTo: 'head' },
      { tag: 'meta', attrs: { name: 'theme-color', content: '#ffffff', media: '(prefers-color-scheme: light)' }, injectTo: 'head' },
      { tag: 'meta', attrs: { name: 'theme-color', content: '#111419', media: '(prefers-color-scheme: dark)' }, injectTo: 'head' },
      { tag: 'link', attrs: { rel: 'apple-touch-icon', href: './icon-192.png' }, injectTo: 'head' },
    ],
    // After every other plugin has written its files (index.html is emitted late), so all are listed.
    writeBundle(options, bundle) {
      const hash = createHash('sha256');
      const files: string[] = [];
      for (const [name, out] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        files.push(name);
        hash.update(name).update(out.type === 'chunk' ? out.code : out.source);
      }
      for (const path of publicDir ? walk(publicDir).sort() : []) {
        const name = relative(publicDir, path).split(sep).join('/');
        files.push(name);
        hash.update(name).update(readFileSync(path));
      }
      const version = hash.digest('hex').slice(0, 16);
      const source = readFileSync(new URL('../src/offline/sw.js', import.meta.url), 'utf8');
      writeFileSync(join(options.dir ?? 'dist', 'sw.js'), `const VERSION = ${JSON.stringify(version)};\nconst FILES = ${JSON.stringify(files)};\n${source}`);
    },
  };
}
