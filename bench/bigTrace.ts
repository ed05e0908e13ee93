/**
 * npm run bench:big — a scenario near the format's 200,000-step limit, opened in headless Chromium
 * from a production build: the longest main-thread task while it loads and whether the progress bar
 * is on screen throughout, how long the event log and the sequence diagram take to open, what one
 * step costs with each open, and the JS heap afterwards. The baseline, measured in the same run, is
 * the same figures for the default lecture, so the ratio shows what the size of the run costs under
 * whatever load the machine has. Prints figures; never fails on them.
 *
 * A step's cost is read from a Chromium trace: the main thread's tasks from the click until the
 * frame that shows the new step is committed ("work"), and the wall time from the click to the end
 * of that frame ("latency", which also waits for the display's next frame). Work done later, after
 * the frame (such as rewriting the address bar), is reported apart.
 */
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { run } from '../src/engine';
import { bigScenario } from './bigScenario';
import { largeScenario } from './largeScenario';
import { serveDist } from './serve';

const port = Number(process.env.BENCH_PORT ?? 4392);
const STEPS_MEASURED = 9;
/** Time left after each step for work the step schedules for later (the address bar follows after 1 s). */
const AFTER_STEP_MS = 1600;

/**
 * Milliseconds from a click on `click` until `ready` (a selector) is in the page and the next frame
 * is painted, measured in the page (React renders a click's update before the frame).
 */
async function timeUntil(page: Page, click: string, ready: string): Promise<number> {
  // A string, not a function: the TypeScript runner would wrap a function's inner names in a helper the page lacks.
  return page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    document.querySelector(${JSON.stringify(click)}).click();
    const check = () => (document.querySelector(${JSON.stringify(ready)}) ? setTimeout(() => resolve(performance.now() - t0)) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  })`);
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { type?: string } };
}

/** With BENCH_TRACE set, the traces are written to files and carry the JavaScript profile too (which slows the page). */
const categories = `devtools.timeline,disabled-by-default-devtools.timeline,v8${process.env.BENCH_TRACE ? ',disabled-by-default-v8.cpu_profiler' : ''}`;

async function trace(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (d: { value: object[] }) => events.push(...(d.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  await during();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  return events;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Press "Step forward" STEPS_MEASURED times under a trace; each step's work to its frame, latency, and later work. */
async function stepCosts(page: Page, name: string): Promise<{ work: number; latency: number; later: number; longestLater: number }> {
  const cdp = await page.context().newCDPSession(page);
  const events = await trace(cdp, async () => {
    for (let i = 0; i < STEPS_MEASURED; i++) {
      await page.evaluate(`document.querySelector('button[aria-label="Step forward"]').click()`);
      await page.waitForTimeout(AFTER_STEP_MS);
    }
  });
  await cdp.detach();
  if (process.env.BENCH_TRACE) writeFileSync(`${process.env.BENCH_TRACE}-${name}.json`, JSON.stringify(events));
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')!;
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = mine.filter((e) => e.name === 'RunTask');
  const inside = (t: TraceEvent, name: string, type?: string) =>
    mine.some((e) => e.name === name && e.ts >= t.ts && e.ts < t.ts + t.dur! && (type === undefined || e.args?.data?.type === type));
  const clicks = tasks.filter((t) => inside(t, 'EventDispatch', 'click'));
  const work: number[] = [];
  const latency: number[] = [];
  const later: number[] = [];
  let longestLater = 0;
  clicks.forEach((click, i) => {
    const until = clicks[i + 1]?.ts ?? Infinity;
    const mineAfter = tasks.filter((t) => t.ts >= click.ts && t.ts < until);
    const frame = mineAfter.findIndex((t) => inside(t, 'Commit'));
    const toFrame = frame < 0 ? mineAfter : mineAfter.slice(0, frame + 1);
    // The page's own evaluate() around the click is not the app's work: count the click's event instead.
    const clickWork = mine.filter((e) => e.name === 'EventDispatch' && e.ts >= click.ts && e.ts < click.ts + click.dur!).reduce((a, e) => a + e.dur!, 0);
    work.push((clickWork + toFrame.slice(1).reduce((a, t) => a + t.dur!, 0)) / 1000);
    const last = toFrame[toFrame.length - 1]!;
    latency.push((last.ts + last.dur! - click.ts) / 1000);
    const rest = frame < 0 ? [] : mineAfter.slice(frame + 1);
    later.push(rest.reduce((a, t) => a + t.dur!, 0) / 1000);
    longestLater = Math.max(longestLater, ...rest.map((t) => t.dur! / 1000));
  });
  return { work: median(work), latency: median(latency), later: median(later), longestLater };
}

async function measure(page: Page, label: string, load: () => Promise<string>): Promise<void> {
  const t0 = Date.now();
  const loading = await load();
  const figures: string[] = [`load ${((Date.now() - t0) / 1000).toFixed(1)} s: ${loading}`];
  for (const [tab, row] of [
    ['Event log', '[data-testid="event-log"] tr[data-step]'],
    ['Sequence diagram', '[data-testid="sequence-diagram"] .mark, [data-testid="sequence-diagram"] .arrow'],
  ] as const) {
    await page.getByRole('tab', { name: 'Stage' }).click();
    // Opening: from the click on the tab to the first rows drawn.
    const tabId = await page.getByRole('tab', { name: tab }).getAttribute('id');
    const openMs = await timeUntil(page, `#${tabId}`, row);
    await page.waitForTimeout(500);
    const s = await stepCosts(page, `${label.split(':')[0]!.replace(/\W+/g, '')}-${tab.replace(' ', '')}`);
    figures.push(
      `${tab}: open ${openMs.toFixed(0)} ms [<= 1000]; a step: work ${s.work.toFixed(1)} ms [<= 16], latency to its frame ${s.latency.toFixed(1)} ms, later ${s.later.toFixed(1)} ms (longest task ${s.longestLater.toFixed(1)} ms)`,
    );
  }
  figures.push(`JS heap ${(await heapMB(page)).toFixed(0)} MB [<= 300]`);
  console.log(`${label}:\n  ${figures.join('\n  ')}`);
}

/** Garbage collection inside a task, in µs (nested GC events counted once). */
function gcWithin(task: TraceEvent, events: TraceEvent[]): number {
  let total = 0;
  let until = 0;
  for (const e of events) {
    if (!/^(MinorGC|MajorGC|V8\.GCFinalizeMC|V8\.GCIncrementalMarking)$/.test(e.name) || e.ts < task.ts || e.ts >= task.ts + task.dur!) continue;
    if (e.ts < until) continue;
    total += e.dur!;
    until = e.ts + e.dur!;
  }
  return total;
}

/**
 * Open `json` as a file, under a trace, and wait until the timeline is on screen: the longest
 * main-thread task and how much of it was garbage collection, the longest task not counting its
 * garbage collection, and the share of animation frames in which the progress bar was on screen.
 */
async function openFile(page: Page, json: Buffer, lastStep: number): Promise<string> {
  // The file is made in the page beforehand, so that the page's work to receive it is not counted.
  await page.evaluate((text) => {
    (window as unknown as { benchFile: File }).benchFile = new File([text], 'big.json', { type: 'application/json' });
  }, json.toString());
  const cdp = await page.context().newCDPSession(page);
  let shown = 0;
  const events = await trace(cdp, async () => {
    // Sampled once a frame in the page: polling from outside would add tasks of its own to the page.
    const watch = page.evaluate<number>(`new Promise((resolve) => {
      let frames = 0, bar = 0, seen = false;
      // The frame that shows the loaded timeline ends the count: it needs no bar.
      const check = () => {
        if (document.querySelector('[role="slider"][aria-label="Timeline"]')?.getAttribute('aria-valuemax') === '${lastStep}') return resolve(bar / Math.max(1, frames));
        const on = document.querySelector('[data-testid="loading"]') !== null;
        seen ||= on;
        if (seen) { frames++; if (on) bar++; }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    })`);
    await page.evaluate(`{
      const input = document.querySelector('input[type="file"]');
      const files = new DataTransfer();
      files.items.add(window.benchFile);
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }`);
    shown = await watch;
  });
  await cdp.detach();
  if (process.env.BENCH_TRACE) writeFileSync(`${process.env.BENCH_TRACE}-${lastStep}.json`, JSON.stringify(events));
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')!;
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = mine.filter((e) => e.name === 'RunTask');
  const longest = tasks.reduce((a, t) => (t.dur! > a.dur! ? t : a));
  const withoutGc = Math.max(...tasks.map((t) => t.dur! - gcWithin(t, mine)));
  const over = tasks.filter((t) => t.dur! > 50_000).length;
  return (
    `longest main-thread task ${(longest.dur! / 1000).toFixed(0)} ms [<= 50] (garbage collection ${(gcWithin(longest, mine) / 1000).toFixed(0)} ms of it); ` +
    `longest not counting garbage collection ${(withoutGc / 1000).toFixed(0)} ms; ${over} tasks over 50 ms; progress bar on screen in ${(shown * 100).toFixed(0)}% of the frames [100%]`
  );
}

if (!process.argv.includes('--no-build')) execSync('npm run build', { stdio: 'ignore' });
// 2,100 requests make about 197,000 steps (the format allows 200,000).
const spec = bigScenario(Number(process.env.BENCH_REQUESTS ?? 2100));
const steps = run(spec).steps.length;
const json = Buffer.from(JSON.stringify(spec));
const server = await serveDist(process.env.DIST ?? 'dist', port);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
console.log(`machine load (1 min average) ${loadavg()[0]!.toFixed(2)}`);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByRole('region', { name: 'Stage' }).waitFor();
  // Until the app has taken the pre-rendered frame over, a file chosen is held (ui/turns.tsx holdInput):
  // the load is measured from a live page.
  await page.locator('#root > .prerendered').waitFor({ state: 'detached' });
  // The baseline: a file just over the size that is checked in a worker, through the same path.
  const small = largeScenario(150, 11);
  const smallSteps = run(small).steps.length;
  const smallJson = Buffer.from(JSON.stringify(small));
  await measure(page, `baseline: ${smallSteps.toLocaleString('en-US')} steps (${(smallJson.length / 1000).toFixed(0)} kB file)`, () =>
    openFile(page, smallJson, smallSteps - 1),
  );
  await page.getByRole('tab', { name: 'Stage' }).click();
  await measure(page, `${steps.toLocaleString('en-US')} steps (${(json.length / 1000).toFixed(0)} kB file)`, () => openFile(page, json, steps - 1));
} finally {
  await browser.close();
  server.close();
}
