/** Shared by the CLI commands: a lecture id or a file path in, a validated scenario out. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LECTURES, lectureIds } from '../scenarios/catalog';
import { formatError, validateScenarioText, type ValidationResult } from '../scenarios/validate';

export function lecturePath(id: string): string {
  return fileURLToPath(new URL(`../scenarios/lectures/${id}.json`, import.meta.url));
}

export function loadArg(arg: string): { result: ValidationResult; source: string } {
  const isLecture = LECTURES.some((l) => l.id === arg);
  const path = isLecture ? lecturePath(arg) : arg;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {
      result: { ok: false, errors: [{ path: '', message: `"${arg}" is neither a built-in scenario (${lectureIds().join(', ')}) nor a readable file` }] },
      source: arg,
    };
  }
  return { result: validateScenarioText(text), source: isLecture ? `lecture ${arg}` : arg };
}

export function printErrors(source: string, result: ValidationResult): void {
  if (result.ok) return;
  process.stderr.write(`${source}: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}\n`);
  for (const e of result.errors) process.stderr.write(`  ${formatError(e)}\n`);
}
