/**
 * A Vite plugin that writes the default lecture's first frame into the built index.html (inside
 * #root, in a `.prerendered` box that main.tsx takes over or clears), and the embed's first frame in
 * a <template> after it (inert unless the visit is an embed), with the boot script of
 * scripts/prerender-entry.tsx in <head>. The frame is rendered in Node by the app's own
 * components, through a Vite server in SSR mode with the same aliases as the build.
 */
import { createServer, type Plugin } from 'vite';
import type { OutputAsset, OutputChunk } from 'rolldown';

/** The lecture the frame shows, as the build's entry names it (for loadAfterFirstPaint). */
let frameLecture = '';

interface Entry {
  DEFAULT_SCENARIO_ID: string;
  firstFrame(kind: 'app' | 'embed'): Promise<string>;
  bootScript(): string;
  dropScript(): string;
  withoutGlossary(frame: string): string;
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
          const frame = await entry.firstFrame('app');
          const embedFrame = entry.withoutGlossary(await entry.firstFrame('embed'));
          frameLecture = entry.DEFAULT_SCENARIO_ID;
          if (!html.includes('<div id="root"></div>')) throw new Error('index.html has no empty <div id="root"></div> to pre-render into');
          return html
            .replace(
              '<div id="root"></div>',
              `<div id="root"><div class="prerendered" data-frame="app">${frame}</div></div>\n    <template id="embed-frame"><div class="prerendered" data-frame="embed">${embedFrame}</div></template>\n    <script id="frame-parsed">${entry.dropScript()}</script>`,
            )
            .replace(
              '</title>',
              // The first paint waits until the whole frame is parsed (the script after it is): a frame
              // painted half-parsed would show parts that move as the rest arrives, and be laid out
              // once per part.
              `</title>\n    <script>${entry.bootScript()}</script>\n    <link rel="expect" href="#frame-parsed" blocking="render" />`,
            );
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

/**
 * The app's scripts are requested once the first frame is painted, by an inline loader at the end of
 * <body>, instead of by the <script> and module preloads Vite writes into <head>: on a slow link the
 * first frame's bytes (the page, with its styles inline) then do not share the connection with the
 * scripts, which the frame does not need. Only for the main build: the single-file build inlines
 * its script.
 */
export function loadAfterFirstPaint(): Plugin {
  return {
    name: 'netlink-viz:load-after-first-paint',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const entry = /\s*<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html);
        if (!entry) return html;
        const preloads: string[] = [];
        const rest = html.replace(entry[0], '').replace(/\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g, (_, href: string) => {
          preloads.push(href);
          return '';
        });
        // The default lecture's steps are imported by the entry at run time, one round trip after it:
        // a visit without a frame that opens that lecture (an embed) asks for them with the rest.
        const lecture = Object.values(ctx.bundle ?? {}).find(
          (c): c is OutputChunk => c.type === 'chunk' && !!frameLecture && !!c.facadeModuleId?.endsWith(`/lectures/${frameLecture}.json`),
        );
        return rest.replace('</body>', `  <script>${loaderScript(entry[1]!, preloads, lecture ? `./${lecture.fileName}` : null)}</script>\n  </body>`);
      },
    },
  };
}

/**
 * Preloads, then the entry, each added in a task of its own: each costs a few milliseconds to start
 * (more while a trace is recorded), and together they made a long task. While the pre-rendered frame shows, they are added once it has been
 * painted (a paint entry is reported when the frame is on screen); a tab opened in the background
 * paints nothing, so a timeout starts them there. Without the frame there is nothing to paint
 * before the app, and they are added at once.
 */
export function loaderScript(entry: string, preloads: string[], lecture: string | null): string {
  const k = JSON.stringify;
  const other = lecture ? `if(!/[?&#](scenario|s)=/.test(location.search+location.hash))p.push(${k(lecture)});` : '';
  return `(function(d){var done,p=${k(preloads)};function go(){if(done)return;done=1;(function add(i){var h=p[i],l=d.createElement(h?"link":"script");l.crossOrigin="";if(h){l.rel="modulepreload";l.href=h}else{l.type="module";l.src=${k(entry)}}d.head.appendChild(l);h&&setTimeout(add,0,i+1)})(0)}${other}if(!d.querySelector("#root>.prerendered"))return go();try{new PerformanceObserver(function(){setTimeout(go)}).observe({type:"paint",buffered:true})}catch(e){}setTimeout(go,3000)})(document)`;
}
