/**
 * npm run verify:kernel [-- [--hex] <lecture-id> ...]
 *
 * Replays every built-in NETLINK_ROUTE lecture on the live kernel: generates the lecture's C
 * program, compiles it with gcc -Wall -Wextra -Werror, runs it as root in a fresh network
 * namespace (unshare -n), and compares what each socket received with the simulation. Exit 0 when
 * everything matches (or the check cannot run here: a SKIP line says why per lecture), 1 on any
 * difference that src/scenarios/kernel-notes.json does not explain.
 */
import { execFile, execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NETLINK_ROUTE, socketOf, toHex, type Timeline } from '../engine';
import { cProgram } from '../codegen';
import { compareRun, parseKernelRun, summary, type Item, type SocketReport } from '../codegen/compare';
import { LECTURES } from '../scenarios/catalog';
import { loadArg } from './load';

type Notes = Record<string, string | Array<{ socket: string; reason: string }>>;

const notesPath = fileURLToPath(new URL('../scenarios/kernel-notes.json', import.meta.url));

function loadNotes(): Notes {
  const { $comment: _c, ...notes } = JSON.parse(readFileSync(notesPath, 'utf8')) as Notes & { $comment?: unknown };
  return notes as Notes;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Why the live check cannot run here, or null when it can. */
function cannotRun(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (!isRoot()) return 'not root (the program creates interfaces and routes in its own namespace; run as root)';
  try {
    execFileSync('unshare', ['-n', 'true'], { stdio: 'pipe' });
  } catch (e) {
    return `unshare -n is not permitted here (${(e as Error).message.split('\n')[0]})`;
  }
  return null;
}

/** gcc builds the programs and `ip` (iproute2) sets up their interfaces: install them when missing and root. */
function ensureTools(): string | null {
  const missing: string[] = [];
  for (const [tool, pkg] of [
    ['gcc', 'gcc libc6-dev'],
    ['ip', 'iproute2'],
  ] as const) {
    try {
      execFileSync(tool, tool === 'ip' ? ['-V'] : ['--version'], { stdio: 'pipe' });
    } catch {
      missing.push(pkg);
    }
  }
  if (missing.length === 0) return null;
  if (!isRoot()) return `${missing.join(' ')} missing; install with: sudo apt-get install -y ${missing.join(' ')}`;
  process.stdout.write(`installing ${missing.join(' ')} with apt-get...\n`);
  try {
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit' });
    return null;
  } catch {
    return `could not install ${missing.join(' ')} with apt-get; install by hand: apt-get install -y ${missing.join(' ')}`;
  }
}

function runProgram(exe: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile('unshare', ['-n', exe], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}

function isRouteLecture(t: Timeline): boolean {
  return t.messages.every((m) => m.protocol === NETLINK_ROUTE);
}

const showHex = process.argv.includes('--hex');

function hexOf(item: Item): string {
  return item.kind === 'message' ? `\n             ${toHex(item.bytes)}` : '';
}

function printSocket(r: SocketReport, out: string[]): void {
  const packing = r.datagrams.simulation.join() !== r.datagrams.kernel.join();
  if (!packing && r.rows.every((x) => x.kind === 'same')) {
    out.push(`  ${r.socket}: the same ${r.rows.length} item${r.rows.length === 1 ? '' : 's'} on both sides`);
    return;
  }
  const head = r.note !== undefined ? `  ${r.socket}: not comparable on a real kernel (${r.note})` : `  ${r.socket}:`;
  out.push(head);
  const { simulation, kernel } = r.datagrams;
  if (simulation.join() !== kernel.join())
    out.push(`    datagrams differ (messages in each, as read): simulation ${simulation.join(', ') || 'none'}; kernel ${kernel.join(', ') || 'none'}`);
  else if (kernel.some((n) => n > 1)) out.push(`    datagrams (messages in each, as read): ${kernel.join(', ')} on both sides`);
  let n = 0;
  for (const row of r.rows) {
    n++;
    switch (row.kind) {
      case 'same':
        out.push(`    ${String(n).padStart(3)}  same          ${summary(row.sim)}`);
        break;
      case 'sim-only':
        out.push(`    ${String(n).padStart(3)}  only in simulation: ${summary(row.sim)}${showHex ? hexOf(row.sim) : ''}`);
        break;
      case 'kernel-only':
        out.push(`    ${String(n).padStart(3)}  only in kernel:     ${summary(row.kernel)}${showHex ? hexOf(row.kernel) : ''}`);
        break;
      case 'differs':
        out.push(`    ${String(n).padStart(3)}  differs`, `           simulation: ${summary(row.sim)}`, `           kernel:     ${summary(row.kernel)}`);
        for (const f of row.fields) out.push(`             ${f}`);
        if (showHex) out.push(`           simulation bytes:${hexOf(row.sim)}`, `           kernel bytes:${hexOf(row.kernel)}`);
        break;
    }
  }
  if (!r.rows.length) out.push('    nothing received on either side');
}

interface Outcome {
  id: string;
  status: 'PASS' | 'FAIL' | 'SKIP' | 'KNOWN';
  lines: string[];
  ms: number;
  /** Sockets whose differences a kernel note explains. */
  noted: string[];
}

async function verify(id: string, dir: string, notes: Notes): Promise<Outcome> {
  const t0 = Date.now();
  const { result } = loadArg(id);
  if (!result.ok) return { id, status: 'FAIL', lines: [`  the lecture does not load: ${result.error.map((e) => e.message).join('; ')}`], ms: 0, noted: [] };
  const t = result.value.timeline;
  if (!isRouteLecture(t)) return { id, status: 'SKIP', lines: ['  not a NETLINK_ROUTE lecture'], ms: 0, noted: [] };
  const program = cProgram(t, { command: `npm run --silent trace -- ${id} --c ${id}.c` });
  const src = join(dir, `${id}.c`);
  const exe = join(dir, id);
  writeFileSync(src, program.code);
  try {
    execFileSync('gcc', ['-Wall', '-Wextra', '-Werror', '-O1', '-o', exe, src], { stdio: 'pipe' });
  } catch (e) {
    return {
      id,
      status: 'FAIL',
      lines: [
        `  gcc rejected the generated program (${src}):`,
        ...String((e as { stderr?: Buffer }).stderr ?? e)
          .split('\n')
          .map((l) => `    ${l}`),
      ],
      ms: Date.now() - t0,
      noted: [],
    };
  }
  const run = await runProgram(exe);
  const lines: string[] = [];
  for (const s of program.skipped) lines.push(`  left out of the program: ${s.what}: ${s.reason}`);
  if (run.code !== 0) {
    return {
      id,
      status: 'FAIL',
      lines: [
        ...lines,
        `  the program exited with ${run.code}:`,
        ...run.stderr
          .split('\n')
          .filter(Boolean)
          .map((l) => `    ${l}`),
      ],
      ms: Date.now() - t0,
      noted: [],
    };
  }
  const kernel = parseKernelRun(run.stdout);
  const note = notes[id];
  const socketNotes = new Map<string, string>(Array.isArray(note) ? note.map((n) => [n.socket, n.reason]) : []);
  const reports = compareRun(t, kernel, socketNotes);
  const last = t.steps.at(t.steps.length - 1)!.world;
  let rcvbufDiffers = false;
  for (const [sock, bytes] of kernel.rcvbuf) {
    const sim = socketOf(last, sock)?.rcvbuf;
    if (sim !== bytes) rcvbufDiffers = true;
    lines.push(`  ${sock}: SO_RCVBUF as kept: kernel ${bytes}, simulation ${sim ?? '?'}${sim === bytes ? '' : ' (differs)'}`);
  }
  for (const r of reports) printSocket(r, lines);
  const differs = rcvbufDiffers || reports.some((r) => r.differs);
  const status = !differs ? 'PASS' : typeof note === 'string' ? 'KNOWN' : 'FAIL';
  if (typeof note === 'string') lines.unshift(`  note: ${note}`);
  const noted = reports
    .filter((r) => r.note !== undefined && (r.rows.some((x) => x.kind !== 'same') || r.datagrams.simulation.join() !== r.datagrams.kernel.join()))
    .map((r) => r.socket);
  return { id, status, lines, ms: Date.now() - t0, noted };
}

async function main(argv: string[]): Promise<number> {
  const named = argv.filter((a) => !a.startsWith('--'));
  const ids = named.length ? named : LECTURES.map((l) => l.id);
  const t0 = Date.now();
  const why = cannotRun() ?? ensureTools();
  if (why) {
    for (const id of ids) process.stdout.write(`SKIP ${id}: live-kernel check not run: ${why}\n`);
    return 0;
  }
  const notes = loadNotes();
  const dir = mkdtempSync(join(tmpdir(), 'verify-kernel-'));
  try {
    // Each program runs in its own namespace, so the lectures can run side by side.
    const outcomes = await Promise.all(ids.map((id) => verify(id, dir, notes)));
    for (const o of outcomes) {
      const explained = o.noted.length ? `; ${o.noted.join(', ')} differ${o.noted.length === 1 ? 's' : ''} as kernel-notes.json explains` : '';
      process.stdout.write(`${o.status} ${o.id} (${(o.ms / 1000).toFixed(1)} s${explained})\n`);
      if (o.status !== 'PASS' || o.noted.length) process.stdout.write(`${o.lines.join('\n')}\n`);
    }
    const failed = outcomes.filter((o) => o.status === 'FAIL').length;
    process.stdout.write(
      `${failed ? `${failed} of ${outcomes.length} lectures differ from the kernel` : `all ${outcomes.length} lectures agree with the kernel (or differ only where kernel-notes.json says why)`}; ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    return failed ? 1 : 0;
  } finally {
    if (existsSync(dir) && !process.env.KEEP_VERIFY_DIR) rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
