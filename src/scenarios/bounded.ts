/**
 * Every message built from outside input stays short, whatever the input: an echoed value is cut to
 * about 80 characters, a list of problems to 50 and a line saying how many more there were. The
 * CLI, the on-screen notice and the embed's postMessage errors all go through these.
 */
import type { ScenarioError } from './result';

/** How many characters of a value from outside a message repeats. */
export const ECHO_CHARS = 80;
/** How many problems a list shows before "and N more". */
export const MAX_ERRORS = 50;
/** No single message line grows past this, whatever it quotes. */
const MAX_LINE = 400;

/** The text, cut to `max` characters with an ellipsis when it is longer. */
export function clip(text: string, max = ECHO_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A value from outside as a message quotes it: JSON for strings and numbers, cut short. */
export function echo(value: unknown): string {
  let s: string;
  try {
    s = typeof value === 'string' ? JSON.stringify(value.slice(0, ECHO_CHARS + 1)) : String(JSON.stringify(value) ?? typeof value);
  } catch {
    s = typeof value;
  }
  return clip(s);
}

/** At most `max` lines, the last one saying how many were left out. */
export function capLines(lines: readonly string[], max = MAX_ERRORS): string[] {
  const out = lines.slice(0, max).map((l) => clip(l, MAX_LINE));
  if (lines.length > max) out.push(`and ${lines.length - max} more`);
  return out;
}

/** The same bound for a list of scenario errors: each one's path and message cut, the list capped. */
export function capErrors(errors: readonly ScenarioError[], max = MAX_ERRORS): ScenarioError[] {
  const out = errors.slice(0, max).map((e) => ({ ...e, path: clip(e.path, ECHO_CHARS * 2), message: clip(e.message, MAX_LINE) }));
  // The English is problemEnglish.ts's "more", written out: this file is in the first load, the problems' English is not.
  if (errors.length > max) out.push({ path: '', message: `and ${errors.length - max} more`, problem: { id: 'more', count: errors.length - max } });
  return out;
}

/** How many problems a capped list stands for, counting those its "and N more" line left out. */
export function errorCount(errors: readonly ScenarioError[]): number {
  const more = /^and (\d+) more$/.exec(errors.at(-1)?.message ?? '');
  return more ? errors.length - 1 + Number(more[1]) : errors.length;
}

/** Control characters (C0, DEL, C1) and the bidirectional overrides removed: safe to print on a terminal. */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** JSON text with the C1 controls and bidirectional overrides JSON.stringify leaves raw written as \\u escapes (the JSON means the same). */
export function escapeC1(json: string): string {
  return json.replace(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
