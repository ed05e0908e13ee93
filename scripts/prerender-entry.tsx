/**
 * Loaded by scripts/prerender-plugin.ts in Node at build time: the default lecture's first frame as
 * HTML, so that index.html paints text before any JavaScript runs, and the few lines that decide,
 * before the first paint, whether that frame is what this visit will show.
 */
import { renderToStringAsync } from 'preact-render-to-string';
import type { VNode } from 'preact';
import '../src/ui/runtime';
export { DEFAULT_SCENARIO_ID } from '../src/scenarios';
import { DEFAULT_SCENARIO_ID, loadLecture } from '../src/scenarios';
import { createAppStore } from '../src/store/appStore';
import { WORK_KEY } from '../src/store/session';
import { App } from '../src/ui/App';
import { THEME_KEY } from '../src/ui/theme';
import { en, LANG_KEY, LANGS } from '../src/i18n';

export async function firstFrame(): Promise<string> {
  const lecture = await loadLecture(DEFAULT_SCENARIO_ID);
  if (!lecture) throw new Error(`no lecture "${DEFAULT_SCENARIO_ID}" to pre-render`);
  const store = createAppStore({ lecture, scenarioId: DEFAULT_SCENARIO_ID, ref: { kind: 'lecture', id: DEFAULT_SCENARIO_ID }, notice: null, questions: true });
  // The element is React-typed and Preact-made (the aliases of vite.config.ts).
  const app = (<App store={store} i18n={{ lang: 'en', messages: en }} embed={null} />) as unknown as VNode;
  return renderToStringAsync(app);
}

/**
 * Runs in <head> before the first paint. It sets the theme the app would choose (src/ui/theme.ts),
 * and hides the pre-rendered frame when this visit opens something else: any address parameter or
 * fragment (another lecture, a step, an embed, a shared scenario), sandbox work to restore
 * (src/store/session.ts) or a language other than English (initialLang in src/i18n). The keys
 * are the app's own constants, written in here at build time.
 */
export function bootScript(): string {
  const k = JSON.stringify;
  return `(function(h){var t,l,w;try{t=localStorage.getItem(${k(THEME_KEY)});l=localStorage.getItem(${k(LANG_KEY)});w=sessionStorage.getItem(${k(WORK_KEY)})}catch(e){}
if(t!=="light"&&t!=="dark")t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light";h.setAttribute("data-theme",t);
var g=${k(LANGS)},p=navigator.languages||[navigator.language];if(g.indexOf(l)<0){l="en";for(var i=0;i<p.length;i++){var b=String(p[i]).toLowerCase().split("-")[0];if(g.indexOf(b)>=0){l=b;break}}}
if(location.search||location.hash||w||l!=="en")h.setAttribute("data-prerender","off")})(document.documentElement)`;
}

/**
 * Runs right after #root is parsed: when the boot script hid the frame, the frame goes, so that
 * nothing (a screen reader, a script, a test) meets a page that is not the one this visit opens.
 */
export function dropScript(): string {
  return `document.documentElement.getAttribute("data-prerender")==="off"&&document.querySelector("#root>.prerendered").remove()`;
}
