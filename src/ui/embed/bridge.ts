/**
 * The postMessage API of an embedded visualizer. Every message is an object whose `type` starts
 * with "netlink-viz:". Commands are taken only from the parent frame and only from allowed origins
 * (the parentOrigin parameter, else the embedding page's origin as the browser reports it);
 * anything else is ignored, and nothing a host sends can make this throw.
 */
import { captionAt } from '../../scenarios';
import { formatError } from '../../scenarios/result';
import type { AppStore } from '../../store/appStore';
import { toOrigin } from '../url';

const PREFIX = 'netlink-viz:';

export interface BridgeOptions {
  parentOrigins: string[];
}

/** Origins whose commands are accepted. */
function allowedOrigins(opts: BridgeOptions, referrer: string): string[] {
  if (opts.parentOrigins.length) return opts.parentOrigins;
  const o = referrer ? toOrigin(referrer) : null;
  return o ? [o] : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Start listening for commands and reporting steps; returns the function that stops it. */
export function startBridge(store: AppStore, opts: BridgeOptions): () => void {
  {
    if (window.parent === window) return () => undefined;
    const allowed = allowedOrigins(opts, document.referrer);
    // Information goes to the known host only; with none known it is not secret, so any may read it.
    const target = allowed[0] ?? '*';
    const post = (type: string, body: Record<string, unknown>) => {
      try {
        window.parent.postMessage({ type: PREFIX + type, ...body }, target);
      } catch {
        // A host that went away or a mismatched origin: nothing to tell anyone.
      }
    };
    const stepInfo = () => {
      const s = store.getState();
      const st = s.index.timeline.steps[s.step]!;
      const c = captionAt(s.index.captions, s.step);
      return {
        scenario: s.scenarioId,
        step: s.step,
        steps: s.index.timeline.steps.length,
        timeMs: st.timeMs,
        playing: s.playing,
        narration: c ? { title: c.title, text: c.text } : null,
      };
    };
    const error = (message: string, errors?: string[]) => post('error', { message, ...(errors ? { errors } : {}) });

    const onMessage = (e: MessageEvent) => {
      try {
        if (e.source !== window.parent || !allowed.includes(e.origin)) return;
        const d: unknown = e.data;
        if (!isRecord(d) || typeof d.type !== 'string' || !d.type.startsWith(PREFIX)) return;
        const st = store.getState();
        switch (d.type.slice(PREFIX.length)) {
          case 'play':
            return st.play();
          case 'pause':
            return st.pause();
          case 'step': {
            const dir = d.direction;
            if (dir !== 1 && dir !== -1) return error('netlink-viz:step needs {direction: 1 | -1}');
            return st.stepBy(dir);
          }
          case 'seek': {
            const n = d.step;
            const last = st.index.timeline.steps.length - 1;
            if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > last)
              return error(`netlink-viz:seek needs {step} as a whole number from 0 to ${last}`);
            return st.setStep(n);
          }
          case 'load': {
            const sc = d.scenario;
            if (typeof sc === 'string') {
              void st.loadLecture(sc).then((r) => {
                if (!r.ok) error(r.error.map(formatError).join('; '));
              });
              return;
            }
            if (isRecord(sc)) {
              void st.loadFrom({ kind: 'host', value: sc }).then((r) => {
                if (!r.ok) error('the scenario is not valid; the current one is still loaded', r.error.map(formatError));
              });
              return;
            }
            return error('netlink-viz:load needs {scenario} as a built-in id or a scenario object');
          }
          default:
            return error(`unknown command ${d.type.slice(0, 60)}`);
        }
      } catch (err) {
        error(`the command failed: ${(err as Error).message}`);
      }
    };
    window.addEventListener('message', onMessage);
    post('ready', { version: 1, ...stepInfo() });
    const unsub = store.subscribe((s, prev) => {
      if (s.step !== prev.step || s.scenarioId !== prev.scenarioId || s.index !== prev.index) post('step-changed', stepInfo());
      if (s.notice && s.notice !== prev.notice && s.notice.kind === 'error') post('error', { message: s.notice.title, errors: s.notice.lines });
    });
    return () => {
      window.removeEventListener('message', onMessage);
      unsub();
    };
  }
}
