/**
 * A Vite plugin that writes the default lecture's first frame into the built index.html (inside
 * #root, in a `.prerendered` box that main.tsx clears before the app renders), with the boot
 * script of scripts/prerender-entry.tsx in <head>. The frame is rendered in Node by the app's own
 * components, through a Vite server in SSR mode with the same aliases as the build.
 */
import { createServer, type Plugin } from 'vite';
import type { OutputAsset } from 'rolldown';

interface Entry {
  firstFrame(): Promise<string>;
  bootScript(): string;
  dropScript(): string;
}

export function prerender(aliases: { find: RegExp; replacement: string }[]): Plugin {
  let root = process.cwd();
  return {
    name: 'netlink-viz:prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        const server = await createServer({
          configFile: false,
          root,
          logLevel: 'error',
          resolve: { alias: aliases },
          // zustand imports `react`: it must pass through the aliases instead of Node's resolver.
          ssr: { noExternal: ['zustand'] },
          define: { __OFFLINE__: 'false' },
          server: { middlewareMode: true, hmr: false, ws: false },
          appType: 'custom',
        });
        try {
          const entry = (await server.ssrLoadModule('/scripts/prerender-entry.tsx')) as Entry;
          const frame = await entry.firstFrame();
          if (!html.includes('<div id="root"></div>')) throw new Error('index.html has no empty <div id="root"></div> to pre-render into');
          return html
            .replace('<div id="root"></div>', `<div id="root"><div class="prerendered">${frame}</div></div>\n    <script>${entry.dropScript()}</script>`)
            .replace('</title>', `</title>\n    <script>${entry.bootScript()}</script>`);
        } finally {
          await server.close();
        }
      },
    },
  };
}

/**
 * The entry's stylesheet goes inside index.html, so the pre-rendered frame paints after one round
 * trip instead of two. (The CSP allows it by hash, scripts/vite-csp.ts.)
 */
export function inlineEntryCss(): Plugin {
  return {
    name: 'netlink-viz:inline-entry-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return html.replace(/<link rel="stylesheet"[^>]*href="\.\/([^"]+\.css)"[^>]*>/g, (link, file: string) => {
          const asset = ctx.bundle?.[file] as OutputAsset | undefined;
          if (!asset || asset.type !== 'asset') return link;
          delete ctx.bundle![file];
          return `<style>${String(asset.source)}</style>`;
        });
      },
    },
  };
}
