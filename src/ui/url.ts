/** URL parameters in and out. Bad values never break the page: they are reported and ignored. */
import type { ScenarioRef } from '../scenarios/load';
import { isSpeed, SPEEDS } from '../store/speeds';
import { echo } from '../scenarios/bounded';
import type { ThemeChoice } from './theme';
import { en, isLang, LANGS, type Lang } from '../i18n';
import { sayUrlProblem, type UrlProblem } from '../i18n/notice';

export interface UrlParams {
  scenario?: string;
  /** A whole scenario, compressed (lz-string, URI-safe): how a custom scenario is shared, in the fragment (#s=) or, in older links, the query (?s=). */
  shared?: string;
  step?: number;
  speed?: number;
  theme?: ThemeChoice;
  /** The interface and lecture language; without it, the learner's last choice. */
  lang?: Lang;
  embed: boolean;
  autoplay: boolean;
  controls: boolean;
  /** Pause for the scenario's questions (default: yes, but not in an embed). */
  questions?: boolean;
  /** Origins allowed to drive an embedded visualizer with postMessage. */
  parentOrigins: string[];
  /** What was ignored, in English. */
  problems: string[];
  /** The same as data, for the page to word in its language. */
  ignored: UrlProblem[];
}

function flag(q: URLSearchParams, name: string, report: (p: UrlProblem) => void, fallback: boolean): boolean {
  const v = q.get(name);
  if (v === null) return fallback;
  if (v === '1' || v === 'true' || v === '') return true;
  if (v === '0' || v === 'false') return false;
  report({ id: 'flag', name, value: echo(v) });
  return fallback;
}

/** "https://example.org" from anything that parses as an http(s) origin; otherwise null. */
export function toOrigin(text: string): string | null {
  try {
    const u = new URL(text);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

/**
 * The fragment's name=value pairs. Not URLSearchParams: it reads "+" as a space, and "+" is one of
 * the characters of a packed scenario.
 */
function fragmentParams(hash: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    let value = part.slice(eq + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // A stray "%": keep the text as it is; the scenario check says what is wrong with it.
    }
    out.set(part.slice(0, eq), value);
  }
  return out;
}

/** The longest shared scenario a link may carry (compressed): far more than the largest valid scenario needs. */
export const MAX_SHARED_CHARS = 4_000_000;

/** The page's parameters: those of the query, and the shared scenario from the fragment (#s=) or the query (?s=, older links). */
export function readUrl(search: string, hash = ''): UrlParams {
  const q = new URLSearchParams(search);
  const fragment = fragmentParams(hash);
  const problems: string[] = [];
  const ignored: UrlProblem[] = [];
  const report = (p: UrlProblem) => {
    ignored.push(p);
    problems.push(sayUrlProblem(p, en.notice.url));
  };
  const out: UrlParams = { embed: false, autoplay: false, controls: true, parentOrigins: [], problems, ignored };
  const scenario = q.get('scenario');
  if (scenario !== null) {
    if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(scenario)) out.scenario = scenario;
    else report({ id: 'scenario', value: echo(scenario) });
  }
  const shared = fragment.get('s') ?? q.get('s');
  if (shared !== null) {
    if (shared.length > 0 && shared.length <= MAX_SHARED_CHARS) out.shared = shared;
    else report({ id: 'shared-size', chars: shared.length });
  }
  const step = q.get('step');
  if (step !== null) {
    const n = Number(step);
    if (step.trim() !== '' && Number.isInteger(n) && n >= 0) out.step = n;
    else report({ id: 'step', value: echo(step) });
  }
  const speed = q.get('speed');
  if (speed !== null) {
    const n = Number(speed);
    if (isSpeed(n)) out.speed = n;
    else report({ id: 'speed', value: echo(speed), speeds: SPEEDS });
  }
  const theme = q.get('theme');
  if (theme !== null) {
    if (theme === 'light' || theme === 'dark') out.theme = theme;
    else report({ id: 'theme', value: echo(theme) });
  }
  const lang = q.get('lang');
  if (lang !== null) {
    if (isLang(lang)) out.lang = lang;
    else report({ id: 'lang', value: `"${lang.slice(0, 20)}"`, langs: LANGS });
  }
  out.embed = flag(q, 'embed', report, false);
  out.autoplay = flag(q, 'autoplay', report, false);
  out.controls = flag(q, 'controls', report, true);
  if (q.has('questions')) out.questions = flag(q, 'questions', report, true);
  const parent = q.get('parentOrigin');
  if (parent !== null) {
    for (const part of parent.split(',').slice(0, 20)) {
      // "null": the explicit opt-in for a host with an opaque origin (a deck opened from disk); see docs/embedding.md.
      const o = part.trim() === 'null' ? 'null' : toOrigin(part.trim());
      if (o) out.parentOrigins.push(o);
      else report({ id: 'parent-origin', value: echo(part) });
    }
  }
  return out;
}

/**
 * The address for a scenario and step, keeping any other parameters the page had. A whole
 * scenario goes in the fragment (#s=): browsers never send it to the server, so no server refuses
 * a long one (414) and no clean-URL redirect drops it.
 */
export function permalink(href: string, ref: ScenarioRef, step: number): string {
  const u = new URL(href);
  u.searchParams.delete('s');
  if (ref.kind === 'lecture') {
    u.searchParams.set('scenario', ref.id);
    u.hash = '';
  } else {
    u.searchParams.delete('scenario');
    u.hash = `s=${ref.data}`;
  }
  u.searchParams.set('step', String(step));
  return u.toString();
}

/** The page's own address without embed parameters: what a shared link opens. */
export function shareLink(href: string, ref: ScenarioRef, step: number | null): string {
  const u = new URL(href);
  for (const k of ['embed', 'autoplay', 'controls', 'parentOrigin', 'theme', 'speed', 'step', 's', 'scenario']) u.searchParams.delete(k);
  const withScenario = permalink(u.toString(), ref, step ?? 0);
  const v = new URL(withScenario);
  if (step === null) v.searchParams.delete('step');
  return v.toString();
}

export function embedLink(
  href: string,
  ref: ScenarioRef,
  step: number | null,
  opts: { autoplay: boolean; controls: boolean; theme?: 'light' | 'dark'; lang?: Lang },
): string {
  const u = new URL(shareLink(href, ref, step));
  u.searchParams.set('embed', '1');
  // The course page's language, chosen by whoever embeds it; English needs no parameter.
  if (opts.lang && opts.lang !== 'en') u.searchParams.set('lang', opts.lang);
  else u.searchParams.delete('lang');
  if (opts.autoplay) u.searchParams.set('autoplay', '1');
  if (!opts.controls) u.searchParams.set('controls', '0');
  if (opts.theme) u.searchParams.set('theme', opts.theme);
  return u.toString();
}
