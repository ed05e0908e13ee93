/** Shared by the CLI commands: a lecture id or a file path in, a validated scenario out. */
import { readFileSync } from 'node:fs';
import { formatError, loadLecture, lectureIds, validateScenarioText, type ValidationResult } from '../scenarios';

export function loadArg(arg: string): { result: ValidationResult; source: string } {
  const lecture = loadLecture(arg);
  if (lecture) return { result: lecture, source: `lecture ${arg}` };
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch {
    return {
      result: { ok: false, errors: [{ path: '', message: `"${arg}" is neither a built-in scenario (${lectureIds().join(', ')}) nor a readable file` }] },
      source: arg,
    };
  }
  return { result: validateScenarioText(text), source: arg };
}

export function printErrors(source: string, result: ValidationResult): void {
  if (result.ok) return;
  process.stderr.write(`${source}: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}\n`);
  for (const e of result.errors) process.stderr.write(`  ${formatError(e)}\n`);
}
