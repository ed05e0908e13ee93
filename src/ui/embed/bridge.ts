/**
 * The postMessage API of an embedded visualizer (docs/embedding.md). Every message is an object
 * whose `type` starts with "netlink-viz:". Commands are taken only from the parent frame and only
 * from allowed origins: the parentOrigin parameter, else the embedding page's origin as the browser
 * reports it. Events go to those origins only: with none known, nothing is posted at all. The
 * opaque origin "null" (a deck opened from disk) is allowed only when parentOrigin names it.
 */
import { captionAt } from '../../scenarios';
import type { AppStore } from '../../store/appStore';
import { answerOf } from '../../store/slices/quiz';
import type { AppState } from '../../store/slices/types';
import { applyTheme } from '../theme';
import { toOrigin } from '../url';
import { isCommand, PREFIX, runCommand } from './commands';

export interface BridgeOptions {
  parentOrigins: string[];
}

/** The origin a page opened from disk or a sandboxed frame has; it says nothing about who the page is. */
export const OPAQUE_ORIGIN = 'null';

/** Origins whose commands are accepted and to which events go. */
export function allowedOrigins(opts: BridgeOptions, referrer: string): string[] {
  if (opts.parentOrigins.length) return opts.parentOrigins;
  const o = referrer ? toOrigin(referrer) : null;
  return o ? [o] : [];
}

/** Keys the visualizer leaves to the host page (a slide deck's, a clicker's): forwarded as netlink-viz:key. */
function isHostKey(e: KeyboardEvent): boolean {
  if (e.key === 'Escape' || e.key === 'PageDown' || e.key === 'PageUp') return true;
  // Single letters and digits the visualizer does not use (a deck's N, P, F, O, B...).
  return e.key.length === 1 && /[a-z0-9.,]/i.test(e.key);
}

function stateOf(s: AppState) {
  const st = s.index.timeline.steps.at(s.step)!;
  const c = captionAt(s.index.captions, s.step);
  return {
    scenario: s.scenarioId,
    step: s.step,
    steps: s.index.timeline.steps.length,
    timeMs: st.timeMs,
    playing: s.playing,
    speed: s.speed,
    narration: c ? { title: c.title, text: c.text } : null,
  };
}

function score(s: AppState) {
  const questions = s.spec.questions ?? [];
  let right = 0;
  let skipped = 0;
  for (const q of questions) {
    const a = answerOf(s.quiz, q.id);
    if (a && 'correct' in a && a.correct) right++;
    if (a && 'skipped' in a) skipped++;
  }
  return { right, total: questions.length, skipped, score: questions.length ? right / questions.length : 1 };
}

/** Start listening for commands and reporting what happens; returns the function that stops it. */
export function startBridge(store: AppStore, opts: BridgeOptions): () => void {
  if (window.parent === window) return () => undefined;
  const allowed = allowedOrigins(opts, document.referrer);
  // An opaque parent cannot be addressed by origin: its events go to "*", which the opt-in accepts.
  const targets = allowed.map((o) => (o === OPAQUE_ORIGIN ? '*' : o));
  const post = (type: string, body: Record<string, unknown>) => {
    for (const target of targets) {
      try {
        window.parent.postMessage({ type: PREFIX + type, ...body }, target);
      } catch {
        // A host that went away: nothing to tell anyone.
      }
    }
  };
  const onMessage = (e: MessageEvent) => {
    if (e.source !== window.parent || !allowed.includes(e.origin) || !isCommand(e.data)) return;
    void runCommand(store, e.data, {
      error: (message, errors) => post('error', { message, ...(errors ? { errors } : {}) }),
      setTheme: (t) => applyTheme(t),
    });
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || !isHostKey(e)) return;
    const el = e.target as HTMLElement | null;
    if (el && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
    post('key', { key: e.key, code: e.code, shiftKey: e.shiftKey });
    if (e.key === 'Escape') {
      // Hand the keyboard back to the page around the frame (a deck's own keys work again).
      (document.activeElement as HTMLElement | null)?.blur?.();
      try {
        window.parent.focus();
      } catch {
        // Some browsers refuse to focus another origin's window; the key event still tells the host.
      }
    }
  };
  window.addEventListener('message', onMessage);
  window.addEventListener('keydown', onKey);
  const initial = store.getState();
  post('ready', { version: 1, ...stateOf(initial) });
  if (initial.notice?.kind === 'error') post('error', { message: initial.notice.title, errors: initial.notice.lines });
  let completed = initial.step === initial.index.timeline.steps.length - 1;
  const unsub = store.subscribe((s, prev) => {
    const scenario = s.scenarioId !== prev.scenarioId || s.index !== prev.index;
    if (scenario) completed = false;
    if (s.step !== prev.step || scenario) post('step-changed', stateOf(s));
    if (s.step !== prev.step || scenario || s.playing !== prev.playing || s.speed !== prev.speed) post('state', stateOf(s));
    if (s.quiz.answers !== prev.quiz.answers && !scenario) {
      for (const q of s.spec.questions ?? []) {
        const a = answerOf(s.quiz, q.id);
        if (a && 'chosen' in a && a !== answerOf(prev.quiz, q.id))
          post('question-answered', { scenario: s.scenarioId, question: q.id, choice: a.chosen, correct: a.correct });
      }
    }
    if (!completed && s.step === s.index.timeline.steps.length - 1) {
      completed = true;
      post('completed', { scenario: s.scenarioId, ...score(s) });
    }
  });
  return () => {
    window.removeEventListener('message', onMessage);
    window.removeEventListener('keydown', onKey);
    unsub();
  };
}
