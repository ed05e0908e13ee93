// Compile-checks the course module's C in public/course-module/, which the simulation follows byte
// for byte, so it must stay buildable:
//   1. the user program with gcc -Wall -Wextra -Werror -O2, then a smoke run (usage, exit 2);
//   2. the kernel module out of tree against Debian's kernel headers with -Werror, in a temporary
//      copy so the tree stays clean.
// Installs gcc/make and linux-headers-<arch> with apt-get when missing and we are root; otherwise
// says what it skipped and why, never passing in silence. --strict (or CHECK_C_STRICT=1) turns a
// skip into a failure. KDIR=/path/to/headers picks the kernel headers by hand.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'course-module');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const strict = process.argv.includes('--strict') || process.env.CHECK_C_STRICT === '1';
const CI_BUDGET_S = 180;

const started = performance.now();
const timings = [];
const counts = { passed: 0, failed: 0, skipped: 0 };

const log = (msg) => console.log(`check-c: ${msg}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs fn and records how long it took under label. */
function timed(label, fn) {
  const t = performance.now();
  try {
    return fn();
  } finally {
    timings.push(`${label} ${seconds(performance.now() - t)}`);
  }
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Runs a command with its output shown; true when it exits 0. */
function run(cmd, args, opts = {}) {
  console.log(`$ ${[cmd, ...args].map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status === 0;
}

let aptUpdated = false;
function aptInstall(pkgs) {
  const update = aptUpdated ? '' : 'apt-get update -qq && ';
  aptUpdated = true;
  return run('sh', ['-c', `${update}DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkgs.join(' ')}`], {
    timeout: 15 * 60 * 1000,
  });
}

function skip(what, why) {
  counts.skipped++;
  log(`SKIPPED ${what}: ${why}`);
}

function result(what, ok) {
  counts[ok ? 'passed' : 'failed']++;
  log(`${ok ? 'PASSED' : 'FAILED'} ${what}`);
}

/** Debian's architecture name (amd64, arm64), which also ends the headers' folder name. */
function debianArch() {
  const r = spawnSync('dpkg', ['--print-architecture'], { encoding: 'utf8' });
  if (r.status === 0) return r.stdout.trim();
  return { x64: 'amd64', arm64: 'arm64' }[process.arch] ?? process.arch;
}

/** A kernel build tree to compile against: KDIR, the running kernel's, or the newest Debian headers. */
function findHeaders(arch) {
  if (process.env.KDIR) return existsSync(join(process.env.KDIR, 'Makefile')) ? process.env.KDIR : null;
  const candidates = [`/lib/modules/${release()}/build`];
  if (existsSync('/usr/src')) {
    const debian = readdirSync('/usr/src')
      .filter((d) => d.startsWith('linux-headers-') && d.endsWith(`-${arch}`))
      .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    candidates.push(...debian.map((d) => join('/usr/src', d)));
  }
  return candidates.find((dir) => existsSync(join(dir, 'Makefile'))) ?? null;
}

// 1. Toolchain.
if (!has('gcc') || !has('make')) {
  if (!isRoot) {
    console.error('check-c: gcc or make is missing. Install them with:\n  sudo apt-get update && sudo apt-get install -y gcc make libc6-dev');
    process.exit(1);
  }
  log("gcc or make is missing; installing Debian's gcc, make and libc6-dev...");
  if (!timed('toolchain install', () => aptInstall(['gcc', 'make', 'libc6-dev']))) {
    console.error('check-c: could not install gcc/make with apt-get. Install them by hand: apt-get install -y gcc make libc6-dev');
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), 'check-c-'));
try {
  // 2. User program: warnings are errors; then it must at least start and print its usage.
  const bin = join(work, 'rtmgr_user');
  const built = timed('user program', () => run('gcc', ['-Wall', '-Wextra', '-Werror', '-O2', '-o', bin, join(src, 'rtmgr_user.c')]));
  result('rtmgr_user.c compiles with gcc -Wall -Wextra -Werror -O2', built);
  if (built) {
    const r = spawnSync(bin, [], { encoding: 'utf8' });
    result('rtmgr_user without arguments prints its usage and exits 2', r.status === 2 && r.stderr.startsWith('usage:'));
  }

  // 3. Kernel headers: present, or installed when we are root.
  const arch = debianArch();
  let kdir = findHeaders(arch);
  if (!kdir && !process.env.KDIR && isRoot && has('apt-get')) {
    log(`no kernel headers found; installing Debian's linux-headers-${arch}...`);
    timed(`linux-headers-${arch} install`, () => aptInstall([`linux-headers-${arch}`]));
    kdir = findHeaders(arch);
  }

  // 4. Module: an out-of-tree build in a copy, -Werror from the Makefile and again from KCFLAGS.
  if (!kdir) {
    skip(
      'rtmgr_mod.c module build',
      process.env.KDIR
        ? `KDIR=${process.env.KDIR} has no Makefile`
        : isRoot
          ? `no kernel headers, and apt-get could not install linux-headers-${arch}`
          : `no kernel headers and not root; install them with: sudo apt-get install -y linux-headers-${arch}`,
    );
  } else {
    const mod = join(work, 'module');
    mkdirSync(mod);
    for (const f of ['Makefile', 'rtmgr.h', 'rtmgr_mod.c']) copyFileSync(join(src, f), join(mod, f));
    log(`building the module against ${kdir}`);
    const ok = timed('module build', () => run('make', ['-C', kdir, `M=${mod}`, 'KCFLAGS=-Werror', 'modules']));
    result(`rtmgr_mod.c builds as a module with -Werror (${kdir})`, ok && existsSync(join(mod, 'rtmgr_mod.ko')));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const total = performance.now() - started;
log(`timings: ${[...timings, `total ${seconds(total)}`].join(', ')}`);
if (total / 1000 > CI_BUDGET_S) log(`WARNING: this took longer than the ${CI_BUDGET_S} s that a CI step should take`);
console.log(`check-c: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed > 0 || (strict && counts.skipped > 0) ? 1 : 0);
