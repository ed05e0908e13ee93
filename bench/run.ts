/**
 * npm run bench: prints figures, never fails on them. Engine throughput, seek latency, and the
 * size of the production build (first-load JavaScript, gzip).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { firstLoad } from './firstLoad';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { GCProfiler } from 'node:v8';
import { build } from 'vite';
import { largeScenario } from './largeScenario';
import { importCapture, readCapture } from '../src/capture';
import { largeCapture } from '../src/capture/test-helpers';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * Memory in use after a full collection (npm run bench passes --expose-gc; without it, a rough
 * figure): the JavaScript heap, and the typed arrays' contents, which live outside it (a run keeps
 * its steps' numbers and its delta log in typed arrays).
 */
function memoryUsed(): { heap: number; buffers: number } {
  // Twice: the first collection may leave typed arrays' contents to be freed after it.
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

/** Runs timed per figure: the median of more runs moves less with what else the machine does. */
const RUNS = 11;

type Engine = typeof import('../src/engine');

/**
 * The engine as the app ships it: bundled into one module by the production build's bundler. Run
 * from its source files one module each (as tsx loads them), the same runs take about a tenth
 * longer: every call from one file to another goes through an import binding.
 */
async function shippedEngine(): Promise<Engine> {
  const out = mkdtempSync(join(tmpdir(), 'netlink-engine-'));
  try {
    await build({
      configFile: false,
      publicDir: false,
      logLevel: 'silent',
      build: { outDir: out, minify: false, lib: { entry: 'src/engine/index.ts', formats: ['es'], fileName: 'engine' } },
    });
    return (await import(pathToFileURL(join(out, 'engine.js')).href)) as Engine;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The warm-up run before any figure: a small scenario, so that the first full run is measured as it comes. */
const WARM_UP_REQUESTS = 200;

/**
 * What one run keeps, measured first, while no other timeline is alive (a timeline dropped between
 * the two readings would be counted against this one).
 */
function memory({ run, CHECKPOINT }: Engine, spec: ReturnType<typeof largeScenario>): void {
  const before = memoryUsed();
  const t0 = process.hrtime.bigint();
  const kept = run(spec);
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const after = memoryUsed();
  const perStep = (bytes: number) => `${(bytes / kept.steps.length).toFixed(0)} bytes per step (${(bytes / 2 ** 20).toFixed(1)} MB)`;
  const total = (m: { heap: number; buffers: number }) => m.heap - before.heap + m.buffers - before.buffers;
  let sink = 0;
  for (const s of kept.steps) sink += s.world.timeMs;
  const looked = memoryUsed();
  console.log(
    `engine memory: ${perStep(total(after))} retained for ${kept.steps.length.toLocaleString('en-US')} steps (trace events, what each world changed, a whole world every ${CHECKPOINT} steps, the message table), of which ${perStep(after.heap - before.heap)} on the JavaScript heap and ${perStep(after.buffers - before.buffers)} in typed arrays; ${perStep(total(looked))} once every step's world has been looked at${(globalThis as { gc?: unknown }).gc ? '' : ' [run with --expose-gc for an exact figure]'}${sink < 0 ? '!' : ''}`,
  );
  // The figure a learner's first big scenario meets: the compiler is still warming up.
  console.log(
    `engine: the first full run in a fresh process takes ${firstMs.toFixed(0)} ms, ${Math.round(kept.steps.length / (firstMs / 1000)).toLocaleString('en-US')} steps/s (after one warm-up run of ${WARM_UP_REQUESTS} requests; the code is still being compiled)`,
  );
}

function engine(e: Engine): void {
  const { encode, run, seek, seekTime } = e;

  const spec = largeScenario();
  run(largeScenario(WARM_UP_REQUESTS)); // warm up the JIT
  memory(e, spec);
  // Two more untimed runs: the figures below are for a compiled engine (the first run's is above).
  for (let i = 0; i < 2; i++) run(spec);
  const runs: number[] = [];
  const runMs: number[] = [];
  const cpuRuns: number[] = [];
  const gcShare: number[] = [];
  let steps = 0;
  for (let i = 0; i < RUNS; i++) {
    const gc = new GCProfiler();
    gc.start();
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const t = run(spec);
    const ns = Number(process.hrtime.bigint() - t0);
    const cpu = process.cpuUsage(c0);
    // Each collection's pause on the main thread (µs), during this run.
    gcShare.push(gc.stop().statistics.reduce((sum, g) => sum + g.cost, 0) / 1000 / (ns / 1e6));
    steps = t.steps.length;
    runs.push(steps / (ns / 1e9));
    runMs.push(ns / 1e6);
    cpuRuns.push(steps / ((cpu.user + cpu.system) / 1e6));
  }
  runs.sort((a, b) => a - b);
  runMs.sort((a, b) => a - b);
  cpuRuns.sort((a, b) => a - b);
  gcShare.sort((a, b) => a - b);
  // Two baselines, in the same run; their ratios hold across machines and load better than steps/s.
  // Encoding the run's messages to bytes: a run no longer does it (bytes are written when a view
  // reads them), so a run may now take less than this baseline. And a plain step list: one step
  // object per step, holding the run's own events, pushed to an array, which is what a run used to
  // keep before its steps went into columns (it builds a step object only when one is read).
  const sample = run(spec);
  const messages = sample.messages.map((m) => m.message);
  const events = sample.steps.map((s) => s.event);
  const times = sample.steps.map((s) => s.timeMs);
  const encodeMs: number[] = [];
  const listMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t0 = process.hrtime.bigint();
    let sink = 0;
    for (const m of messages) sink += encode(m).length;
    encodeMs.push(Number(process.hrtime.bigint() - t0) / 1e6 + (sink & 0));
    t0 = process.hrtime.bigint();
    const list: { index: number; timeMs: number; event: unknown; cause: number | null }[] = [];
    for (let k = 0; k < events.length; k++) list.push({ index: k, timeMs: times[k]!, event: events[k], cause: null });
    listMs.push(Number(process.hrtime.bigint() - t0) / 1e6 + (list.length & 0));
  }
  encodeMs.sort((a, b) => a - b);
  listMs.sort((a, b) => a - b);
  console.log(
    `engine (bundled as the app ships it): ${steps.toLocaleString('en-US')} steps per run; median ${Math.round(quantile(runs, 0.5)).toLocaleString('en-US')} steps/s (quartiles ${Math.round(quantile(runs, 0.25)).toLocaleString('en-US')}–${Math.round(quantile(runs, 0.75)).toLocaleString('en-US')}, best ${Math.round(runs[runs.length - 1]!).toLocaleString('en-US')}) over ${runs.length} runs   [target >= 1,000,000 steps/s]`,
  );
  // On a shared machine the wall clock counts other programs' turns too; the processor time this
  // process used (every thread of it, the garbage collector's included) does not.
  console.log(
    `engine: median ${Math.round(quantile(cpuRuns, 0.5)).toLocaleString('en-US')} steps per second of processor time; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')} on ${availableParallelism()} processors`,
  );
  // What a run's allocations cost: the share of its time the main thread spent collecting garbage.
  console.log(
    `engine: garbage collection pauses take a median ${(quantile(gcShare, 0.5) * 100).toFixed(0)}% of a run's time (${gcShare.map((x) => `${(x * 100).toFixed(0)}%`).join(', ')})`,
  );
  const runMedian = quantile(runMs, 0.5);
  console.log(
    `engine baseline: encoding the run's ${messages.length.toLocaleString('en-US')} messages alone takes ${quantile(encodeMs, 0.5).toFixed(1)} ms; a whole run ${runMedian.toFixed(1)} ms = ${(runMedian / quantile(encodeMs, 0.5)).toFixed(2)}× that (a run encodes nothing now: bytes are written when first read, so below 1× is possible)`,
  );
  console.log(
    `engine baseline: the step list alone (${steps.toLocaleString('en-US')} step objects holding the run's events) takes ${quantile(listMs, 0.5).toFixed(1)} ms; a whole run = ${(runMedian / quantile(listMs, 0.5)).toFixed(1)}× that (median of 5 each)`,
  );
  // A step keeps only what its world changed; its whole world is rebuilt from the nearest checkpoint
  // on first look, then kept. So seeks are timed on a fresh timeline (each step looked at once, as
  // a learner scrubbing meets it), then again on the same steps (the world now in hand).
  const t = run(spec);
  const n = t.steps.length;
  const end = t.steps.at(n - 1)!.timeMs;
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const picks = Array.from({ length: 20_000 }, rand);
  for (const [name, fn] of [
    ['seek(step)', (r: number) => seek(t, Math.floor(r * n)).world.messageCount],
    ['seekTime(ms)', (r: number) => seekTime(t, r * end).world.messageCount],
  ] as const) {
    for (const pass of ['first look', 'again']) {
      const samples: number[] = [];
      let sink = 0;
      for (const r of picks) {
        const t0 = process.hrtime.bigint();
        sink += fn(r);
        samples.push(Number(process.hrtime.bigint() - t0) / 1000);
      }
      samples.sort((a, b) => a - b);
      console.log(
        `${name.padEnd(13)} ${pass.padEnd(10)} median ${quantile(samples, 0.5).toFixed(3)} µs, p99 ${quantile(samples, 0.99).toFixed(3)} µs over ${samples.length.toLocaleString('en-US')} seeks in ${n.toLocaleString('en-US')} steps   [target median <= 20 µs] (${sink % 7})`,
      );
    }
    seed = 54321; // seekTime looks at other steps than seek did, so its first look is a first look too
    picks.splice(0, picks.length, ...Array.from({ length: 20_000 }, rand));
  }
}

/**
 * The first screen, from a fresh production build: what the HTML names (the critical path) and
 * every script the browser fetches before the learner does anything, in the app and in an embed.
 */
async function size(): Promise<void> {
  execSync('npm run build', { stdio: 'ignore' });
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  for (const r of await firstLoad(['', '?embed=1'])) {
    console.log(
      `first load ${r.page.padEnd(9)} critical path ${kb(r.critical)} gzip [target <= 90 KB]; fetched before interaction ${kb(r.fetched)} gzip [target <= 110 KB]: ${r.files.map((f) => f.replace('assets/', '')).join(' + ')}`,
    );
  }
  // The page itself carries the pre-rendered first frame and the entry stylesheet.
  const html = readFileSync('dist/index.html');
  console.log(
    `first load index.html ${kb(html.length)} raw, ${kb(gzipSync(html).length)} gzip (the first frame and the stylesheet, inlined; paints before any script)`,
  );
  const assets = 'dist/assets';
  const gz = (f: string) => gzipSync(readFileSync(join(assets, f))).length;
  for (const f of readdirSync(assets).sort())
    console.log(`  ${f.padEnd(40)} ${kb(statSync(join(assets, f)).size).padStart(9)} raw  ${kb(gz(f)).padStart(8)} gzip`);
}

/**
 * Capture import: read + rebuild the timeline of a 1,000,000-message nlmon capture. The baseline,
 * measured in the same run, is a bare walk over the file's blocks that touches every packet and
 * nothing more: the floor any reader pays.
 */
function captureImport(): void {
  const n = 1_000_000;
  const file = largeCapture(n);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const walk = () => {
    let at = 0;
    let packets = 0;
    let sum = 0;
    while (at < file.length) {
      const type = view.getUint32(at, true);
      const total = view.getUint32(at + 4, true);
      if (type === 6) {
        packets++;
        sum += view.getUint32(at + 28 + 16, true); // nlmsg_len of the packet's first message
      }
      at += total;
    }
    return packets + (sum & 1);
  };
  const time = <T>(fn: () => T): [T, number] => {
    const t0 = process.hrtime.bigint();
    const r = fn();
    return [r, Number(process.hrtime.bigint() - t0) / 1e9];
  };
  walk();
  const base = Math.min(...[0, 1, 2].map(() => time(walk)[1]));
  importCapture(readCapture(file.subarray(0, 1 << 20), { maxMessages: Infinity, partialOf: file.length })); // warm up the JIT
  const reads: number[] = [];
  const imports: number[] = [];
  let steps = 0;
  for (let i = 0; i < 3; i++) {
    const [f, tr] = time(() => readCapture(file, { maxMessages: Infinity }));
    const [imp, ti] = time(() => importCapture(f));
    steps = imp.timeline.steps.length;
    reads.push(tr);
    imports.push(tr + ti);
  }
  const best = (xs: number[]) => Math.min(...xs);
  const rate = (s: number) => Math.round(n / s).toLocaleString('en-US');
  console.log(
    `capture: ${n.toLocaleString('en-US')} messages, ${(file.length / 1e6).toFixed(0)} MB pcapng; baseline walk ${rate(base)} msgs/s; readCapture ${rate(best(reads))} msgs/s; read + import to a ${steps.toLocaleString('en-US')}-step timeline ${rate(best(imports))} msgs/s (${(best(imports) / base).toFixed(1)}× the walk)   [target >= 500,000 msgs/s]`,
  );
  console.log(`capture: the app and CLI load at most ${(200_000).toLocaleString('en-US')} messages; a full 1,000,000 is measured here to show the rate holds`);
}

engine(await shippedEngine());
// `npm run bench -- --engine` stops after the engine's figures.
if (!process.argv.includes('--engine')) {
  captureImport();
  await size();
}
