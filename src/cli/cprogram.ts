/** `trace --c out.c`: the scenario as a C program for the real kernel; what it leaves out goes to stderr. */
import { writeFileSync } from 'node:fs';
import type { Timeline } from '../engine';
import { cProgram } from '../codegen';

export function writeCProgram(t: Timeline, out: string, arg: string): number {
  const p = cProgram(t, { command: `npm run --silent trace -- ${arg} --c ${out}` });
  if (out === '-') process.stdout.write(p.code);
  else writeFileSync(out, p.code);
  for (const s of p.skipped) process.stderr.write(`skipped: ${s.what}: ${s.reason}\n`);
  if (out !== '-')
    process.stderr.write(
      `wrote ${out} (${p.sockets.length} socket${p.sockets.length === 1 ? '' : 's'}${p.skipped.length ? `, ${p.skipped.length} action${p.skipped.length === 1 ? '' : 's'} left out` : ''})\n`,
    );
  return 0;
}
