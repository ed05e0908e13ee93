/** Shared by the CLI commands: a lecture id or a file path in, a validated scenario out. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LECTURES, lectureIds } from '../scenarios/catalog';
import { clip, errorCount, stripControl } from '../scenarios/bounded';
import { err, formatError, type Checked } from '../scenarios/result';
import { validateScenarioText, type ValidScenario } from '../scenarios/validate';

function lecturePath(id: string): string {
  return fileURLToPath(new URL(`../scenarios/lectures/${id}.json`, import.meta.url));
}

export function loadArg(arg: string): { result: Checked<ValidScenario>; source: string } {
  const isLecture = LECTURES.some((l) => l.id === arg);
  const path = isLecture ? lecturePath(arg) : arg;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {
      result: err([{ path: '', message: `"${clip(arg)}" is neither a built-in scenario (${lectureIds().join(', ')}) nor a readable file` }]),
      source: arg,
    };
  }
  return { result: validateScenarioText(text), source: isLecture ? `lecture ${arg}` : arg };
}

/** Errors go to stderr, so that a command's stdout holds only its answer. */
export function printErrors(source: string, result: Checked<unknown>): void {
  if (result.ok) return;
  const errors = result.error;
  // The list is already capped at 50 with "and N more" (see bounded.ts); control characters from the file are dropped.
  const count = errorCount(errors);
  process.stderr.write(`${stripControl(source)}: ${count} error${count === 1 ? '' : 's'}\n`);
  for (const e of errors) process.stderr.write(`  ${stripControl(formatError(e))}\n`);
}
