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
import { GLOSSARY_ID } from '../src/ui/glossary/Term';
import { THEME_KEY } from '../src/ui/theme';
import { en, LANG_KEY, LANGS } from '../src/i18n';

/**
 * The first frame of the app, or of an embed (`?embed=1`: the stage, the caption and the playback
 * bar, with the options an embed has when its address sets none).
 */
export async function firstFrame(kind: 'app' | 'embed'): Promise<string> {
  const lecture = await loadLecture(DEFAULT_SCENARIO_ID);
  if (!lecture) throw new Error(`no lecture "${DEFAULT_SCENARIO_ID}" to pre-render`);
  const embed = kind === 'embed';
  const store = createAppStore({
    lecture,
    scenarioId: DEFAULT_SCENARIO_ID,
    ref: { kind: 'lecture', id: DEFAULT_SCENARIO_ID },
    notice: null,
    questions: !embed,
  });
  // The element is React-typed and Preact-made (the aliases of vite.config.ts).
  const app = (<App store={store} i18n={{ lang: 'en', messages: en }} embed={embed ? { controls: true, parentOrigins: [] } : null} />) as unknown as VNode;
  return renderToStringAsync(app);
}

/**
 * Runs in <head> before the first paint. It sets the theme the app would choose (src/ui/theme.ts),
 * and says which pre-rendered frame this visit shows: the app's on a plain visit, the embed's for an
 * address that is exactly `?embed=1`, and none ("off") when the visit opens something else: any
 * other address parameter or fragment (another lecture, a step, a shared scenario, embed options),
 * sandbox work to restore (src/store/session.ts; an embed has none) or a language other than
 * English (initialLang in src/i18n). The keys are the app's own constants, written in here at
 * build time.
 */
export function bootScript(): string {
  const k = JSON.stringify;
  return `(function(h){var t,l,w;try{t=localStorage.getItem(${k(THEME_KEY)});l=localStorage.getItem(${k(LANG_KEY)});w=sessionStorage.getItem(${k(WORK_KEY)})}catch(e){}
if(t!=="light"&&t!=="dark")t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light";h.setAttribute("data-theme",t);
var g=${k(LANGS)},p=navigator.languages||[navigator.language];if(g.indexOf(l)<0){l="en";for(var i=0;i<p.length;i++){var b=String(p[i]).toLowerCase().split("-")[0];if(g.indexOf(b)>=0){l=b;break}}}
var e=location.search==="?embed=1"&&!location.hash;if(l!=="en"||!e&&(location.search||location.hash||w))h.setAttribute("data-prerender","off");else if(e)h.setAttribute("data-prerender","embed")})(document.documentElement)`;
}

/**
 * Runs right after #root and the embed's frame (a <template>, inert) are parsed: the frame this visit
 * does not show goes, so that nothing (a screen reader, a script, a test) meets a page that is not
 * the one this visit opens; for an embed, the embed's frame takes the app's place, with the app
 * frame's glossary descriptions (see withoutGlossary).
 */
export function dropScript(): string {
  const g = JSON.stringify(`#${GLOSSARY_ID}`);
  return `(function(d){var m=d.documentElement.getAttribute("data-prerender"),f=d.querySelector("#root>.prerendered"),t=d.getElementById("embed-frame");if(m==="embed"){t.content.querySelector(${g}).replaceWith(f.querySelector(${g}));f.replaceWith(t.content)}else if(m==="off")f.remove();t.remove()})(document)`;
}

/**
 * The embed's frame with its glossary descriptions (hidden, the same in both frames, a third of
 * each) left empty: dropScript() moves the app frame's in.
 */
export function withoutGlossary(frame: string): string {
  const open = `<div hidden id="${GLOSSARY_ID}">`;
  const at = frame.indexOf(open);
  const end = frame.indexOf('</div>', at);
  if (at < 0 || end < 0) throw new Error(`the embed frame has no ${open} to share`);
  return frame.slice(0, at + open.length) + frame.slice(end);
}
