/**
 * The commands a host page sends to an embed, apart from how they arrive: each well-formed
 * command either acts or reports exactly one error (bounded in length), and nothing a host sends
 * can make this throw. The bridge (bridge.ts) checks where a message comes from before it gets here.
 */
import { capLines, clip, echo } from '../../scenarios/bounded';
import { formatError } from '../../scenarios/result';
import type { AppStore } from '../../store/appStore';
import { isSpeed, SPEEDS } from '../../store/speeds';
import type { ThemeChoice } from '../theme';

export const PREFIX = 'netlink-viz:';

export const COMMANDS = ['play', 'pause', 'step', 'seek', 'load', 'restart', 'speed', 'theme', 'questions'] as const;

export interface CommandContext {
  /** Tell the host that its command failed; called at most once per command. */
  error(message: string, errors?: string[]): void;
  setTheme(theme: ThemeChoice): void;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own field of a message (a host's object may come with any prototype). */
function field(d: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(d, key) ? d[key] : undefined;
}

/** Whether `data` is a command at all: an object whose `type` starts with "netlink-viz:". Anything else is ignored. */
export function isCommand(data: unknown): data is Record<string, unknown> & { type: string } {
  if (!isRecord(data)) return false;
  const type = field(data, 'type');
  return typeof type === 'string' && type.startsWith(PREFIX);
}

/** Carry out one command. Returns when it is done; a `load` may report its error a little later. */
export function runCommand(store: AppStore, d: Record<string, unknown> & { type: string }, ctx: CommandContext): void | Promise<void> {
  let failed = false;
  const error = (message: string, errors?: string[]) => {
    if (failed) return;
    failed = true;
    ctx.error(clip(message, 200), errors ? capLines(errors) : undefined);
  };
  try {
    const st = store.getState();
    const name = d.type.slice(PREFIX.length);
    switch (name) {
      case 'play':
        return st.play();
      case 'pause':
        return st.pause();
      case 'restart':
        // Start over: the first step, the questions not yet answered.
        return st.adopt({ scenarioId: st.scenarioId, ref: st.ref, spec: st.spec, index: st.index });
      case 'step': {
        const dir = field(d, 'direction');
        if (dir !== 1 && dir !== -1) return error(`netlink-viz:step needs {direction: 1 | -1}, got ${echo(dir)}`);
        return st.stepBy(dir);
      }
      case 'seek': {
        const n = field(d, 'step');
        const last = st.index.timeline.steps.length - 1;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > last)
          return error(`netlink-viz:seek needs {step} as a whole number from 0 to ${last}, got ${echo(n)}`);
        return st.setStep(n);
      }
      case 'speed': {
        const s = field(d, 'speed');
        if (typeof s !== 'number' || !isSpeed(s)) return error(`netlink-viz:speed needs {speed} as one of ${SPEEDS.join(', ')}, got ${echo(s)}`);
        return st.setSpeed(s);
      }
      case 'theme': {
        const t = field(d, 'theme');
        if (t !== 'light' && t !== 'dark' && t !== 'system') return error(`netlink-viz:theme needs {theme} as "light", "dark" or "system", got ${echo(t)}`);
        return ctx.setTheme(t);
      }
      case 'questions': {
        const on = field(d, 'enabled');
        if (typeof on !== 'boolean') return error(`netlink-viz:questions needs {enabled: true | false}, got ${echo(on)}`);
        return st.setQuizEnabled(on);
      }
      case 'load': {
        const sc = field(d, 'scenario');
        if (typeof sc === 'string')
          return st.loadLecture(sc).then(
            (r) => {
              if (!r.ok) error(r.error.map(formatError).join('; '));
            },
            () => error('the lecture could not be loaded'),
          );
        if (isRecord(sc))
          return st.loadFrom({ kind: 'host', value: sc }).then(
            (r) => {
              if (!r.ok) error('the scenario is not valid; the current one is still loaded', r.error.map(formatError));
            },
            () => error('the scenario could not be loaded'),
          );
        return error('netlink-viz:load needs {scenario} as a built-in id or a scenario object');
      }
      default:
        return error(`unknown command ${echo(d.type)}; the commands are ${COMMANDS.map((c) => PREFIX + c).join(', ')}`);
    }
  } catch (err) {
    error(`the command failed: ${err instanceof Error ? err.message : 'unknown error'}`);
  }
}
